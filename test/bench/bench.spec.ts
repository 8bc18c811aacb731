import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { criticalPath } from "../../bench/criticalPath";
import { CREATION_TIMES, creationTime } from "../../bench/creationTimes";
import { Row, growth } from "../../bench/report";
import { topologies, writeStackFile } from "../../bench/topology";
import { PlanResource } from "../../tools/plan/contract";
import { readStackFile } from "../../tools/plan/stackFile";
import { parseStackConfig, strataSettings } from "../../stacks/config";

/* The benchmark's pure parts; `npm run bench` itself is never part of `npm test`. */

const resource = (name: string, type: string, extra: Partial<PlanResource> = {}): PlanResource => ({
    urn: `urn:${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: null,
    dependencies: [],
    propertyDependencies: {},
    protect: false,
    ignoreChanges: [],
    inputs: {},
    ...extra,
});

describe("benchmark", () => {
    describe("critical path", () => {
        const seconds: Record<string, number> = { a: 10, b: 20, c: 5, slow: 100, inner: 30, after: 1, provider: 0, user: 7 };
        const secondsOf = (type: string) => seconds[type] ?? 0;

        it("follows dependencies, components and providers to the longest chain", () => {
            const plan = [
                resource("a", "a"),
                resource("b", "b", { dependencies: ["urn:a"] }),
                resource("c", "c", { dependencies: ["urn:b"] }),
                resource("slow", "slow"),
                resource("component", "strata:x:Component", { custom: false }),
                resource("inner", "inner", { parent: "urn:component", dependencies: ["urn:c"] }),
                // Depending on a component waits for everything under it.
                resource("after", "after", { dependencies: ["urn:component"] }),
                resource("provider", "provider", { dependencies: ["urn:after"] }),
                resource("user", "user", { provider: "urn:provider" }),
            ];
            const result = criticalPath(plan, secondsOf);
            // a 10 → b 20 → c 5 → inner 30 → after 1 → provider 0 → user 7 = 73 s; slow alone is 100 s.
            assert.equal(result.seconds, 100);
            assert.deepEqual(result.lowerBound, { type: "slow", name: "slow", seconds: 100 });
            const withoutSlow = criticalPath(plan.filter((r) => r.name !== "slow"), secondsOf);
            assert.equal(withoutSlow.seconds, 73);
            assert.deepEqual(withoutSlow.chain.map((s) => s.name), ["a", "b", "c", "inner", "after", "provider", "user"]);
        });

        it("walks a chain deeper than the call stack would allow", () => {
            const chain = Array.from({ length: 20000 }, (_, i) => resource(`r${i}`, "a", i > 0 ? { dependencies: [`urn:r${i - 1}`] } : {}));
            assert.equal(criticalPath(chain, secondsOf).seconds, 200000);
        });
    });

    describe("growth", () => {
        const row = (resources: number, ms: number): Row => ({
            topology: { name: `t${resources}`, axis: "regions", size: resources, stack: "prod", regions: 1, shards: 1, services: 1 },
            resources,
            programMs: ms,
            policiesMs: 0,
            maxRssMiB: 1,
            floorMs: 1,
            floorRssMiB: 1,
            violations: 0,
        });

        it("calls a fixed cost plus a constant per resource linear", () => {
            const g = growth("regions", [100, 200, 400, 800].map((n) => row(n, 1000 + 2 * n)));
            assert.equal(g.verdict, "linear");
            assert.ok(Math.abs(g.marginalRatio - 1) < 1e-9);
        });

        it("calls a cost per resource that grows with the stack worse than linear", () => {
            const g = growth("services", [100, 200, 400, 800].map((n) => row(n, 1000 + 0.01 * n * n)));
            assert.equal(g.verdict, "worse than linear");
            assert.ok(g.marginalRatio > 2.3, String(g.marginalRatio)); // (800² − 400²) / 400 ÷ (400² − 100²) / 300 = 1200 / 500
        });
    });

    it("generates valid stacks that grow one axis at a time, and an XL one", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-topology-"));
        try {
            const all = topologies();
            const sizes = (axis: string) => all.filter((t) => t.axis === axis).map((t) => t.size);
            assert.deepEqual(sizes("regions"), [1, 2, 4, 8]);
            assert.deepEqual(sizes("shards"), [1, 8, 32, 64]);
            assert.deepEqual(sizes("services"), [5, 25, 50, 100]);
            assert.deepEqual(all.find((t) => t.name === "xl"), { name: "xl", axis: "stack", size: 1, stack: "prod", regions: 6, shards: 32, services: 40 });
            for (const topology of all) {
                const stackFile = readStackFile(writeStackFile(topology, dir));
                const checked = parseStackConfig(strataSettings(stackFile.values), topology.stack, stackFile.secretKeys);
                assert.ok(checked.ok, `${topology.name}: ${checked.ok ? "" : checked.errors.join("; ")}`);
                assert.equal(checked.config.regions.length, topology.regions, topology.name);
                assert.equal(checked.config.postgres.shards, topology.shards, topology.name);
                assert.equal(Object.keys(checked.config.services).length, topology.services, topology.name);
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("gives every slow resource type a typical creation time with its source", () => {
        assert.equal(creationTime("aws:eks/cluster:Cluster").seconds, 600);
        assert.equal(creationTime("strata:cluster:RegionalCluster").seconds, 0, "components create nothing themselves");
        assert.ok(creationTime("kubernetes:core/v1:ConfigMap").seconds < 10);
        for (const [type, time] of Object.entries(CREATION_TIMES)) assert.ok(time.seconds >= 0 && time.source.length > 20, type);
    });
});
