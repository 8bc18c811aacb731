import { strict as assert } from "assert";
import * as path from "path";
import { DRIFT_FIELDS, EKS_ADDON_VERSIONS, EksAddonName, driftEntry, eksAddonVersion } from "../../catalog/drift";
import { driftFields, driftFindings, ignores } from "../../policies/rules/drift";
import { JsonObject, JsonValue, PlanFile, PlanResource } from "../../tools/plan/contract";
import { diffPlans } from "../../tools/plan/diff";
import { OfflineMocks } from "../../tools/plan/mocks";
import { resolve, runPolicies } from "../../tools/plan/policyRunner";
import { isStateful } from "../../tools/plan/stateful";
import { parseStackConfig, strataSettings } from "../../stacks/config";
import { readStackFile } from "../../tools/plan/stackFile";
import { planResource } from "../harness";
import { PlannedStack, plannedStack } from "../planCommand";

/** CrossGuard's preview wrapper: reading an input that is not known yet throws (not in the package's types). */
const policySdk = require("@pulumi/policy") as { unknownCheckingProxy: (props: Record<string, unknown>) => Record<string, unknown> };
/** The value `pulumi preview` hands a policy for a string not known yet (@pulumi/policy proxy.js). */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/*
 * strata-drift-fields against the real prod and dev plans (which must pass) and against those plans with one
 * resource's handling broken (which must fail, naming it); then the drift test: a second `pulumi up` after AWS and
 * the controllers wrote back the catalog's values plans no change.
 */

const root = path.resolve(__dirname, "..", "..");

const CLUSTER = "aws:rds/cluster:Cluster";
const GLOBAL = "aws:rds/globalCluster:GlobalCluster";
const ADDON = "aws:eks/addon:Addon";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const HPA_T = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const REDIS_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const RELEASE = "kubernetes:helm.sh/v3:Release";

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function setAt(inputs: JsonObject, dotted: string, value: JsonValue | undefined): void {
    const keys = dotted.split(".");
    let at: JsonObject = inputs;
    for (const key of keys.slice(0, -1)) {
        const next = at[key];
        if (typeof next !== "object" || next === null || Array.isArray(next)) at[key] = {};
        at = at[key] as JsonObject;
    }
    const last = keys[keys.length - 1] as string;
    if (value === undefined) delete at[last];
    else at[last] = value;
}

type Editable = { -readonly [K in keyof PlanResource]: PlanResource[K] };

/** The plan's resources with one of them changed. */
function withResource(plan: PlanFile, type: string, name: string, change: (r: Editable) => void): PlanResource[] {
    const resources: Editable[] = clone([...plan.resources]);
    const target = resources.find((r) => r.type === type && r.name === name);
    assert.ok(target, `no ${type} ${name}`);
    change(target);
    return resources;
}

async function driftViolations(resources: readonly PlanResource[]): Promise<{ message: string; urn: string | null }[]> {
    return (await runPolicies([driftFields], resources)).violations.map((v) => ({ message: v.message, urn: v.urn }));
}

const urnOf = (plan: PlanFile, type: string, name: string) => plan.resources.find((r) => r.type === type && r.name === name)?.urn ?? null;

/** How many resources of each type a catalog path applies to in a plan, and how many are handled wrongly. */
function applied(plan: PlanFile): Record<string, { applies: number; problems: number }> {
    const out: Record<string, { applies: number; problems: number }> = {};
    for (const f of driftFindings(resolve(plan.resources).resources)) {
        const key = `${f.resource.type} ${f.field.path}`;
        const entry = out[key] ?? { applies: 0, problems: 0 };
        out[key] = { applies: entry.applies + 1, problems: entry.problems + (f.problem ? 1 : 0) };
    }
    return out;
}

/**
 * The state a second `pulumi up` diffs against: the head plan with every applicable ignored field holding the value
 * its outside writer leaves behind (catalog examples). A pinned field reads back as pinned.
 */
function writtenBack(head: PlanFile): { base: PlanFile; written: { urn: string; path: string; value: JsonValue }[] } {
    const base = clone(head);
    const byUrn = new Map(base.resources.map((r) => [r.urn, r]));
    const written = driftFindings(resolve(head.resources).resources).flatMap((f) => {
        if (f.field.handling !== "ignore") return [];
        const value = f.field.example as JsonValue;
        setAt((byUrn.get(f.resource.urn) as PlanResource).inputs, f.field.path, value);
        return [{ urn: f.resource.urn, path: f.field.path, value }];
    });
    return { base, written };
}

describe("strata-drift-fields", function () {
    this.timeout(240_000);
    const runs: Record<string, PlannedStack> = {};

    before(() => {
        for (const stack of ["prod", "dev"]) runs[stack] = plannedStack(stack);
    });

    const prod = () => (runs.prod as PlannedStack).plan;
    const dev = () => (runs.dev as PlannedStack).plan;

    describe("the real stacks", () => {
        for (const stack of ["prod", "dev"]) {
            it(`${stack} plans with exit 0 and every drift field ignored or pinned`, async () => {
                const run = runs[stack] as PlannedStack;
                assert.equal(run.status, 0, run.stderr);
                assert.deepEqual(await driftViolations(run.plan.resources), []);
                assert.deepEqual(run.plan.policies.violations.filter((v) => v.policy === "strata-drift-fields"), []);
            });
        }

        it("prod: all 12 Aurora members ignore replicationSourceIdentifier and engineVersion, the 4 global clusters engineVersion", () => {
            const counts = applied(prod());
            assert.deepEqual(counts["aws:rds/cluster:Cluster replicationSourceIdentifier"], { applies: 12, problems: 0 });
            // Each member matches both engineVersion rows: the global cluster's upgrades and automatic minor upgrades.
            assert.deepEqual(counts["aws:rds/cluster:Cluster engineVersion"], { applies: 24, problems: 0 });
            assert.deepEqual(counts["aws:rds/globalCluster:GlobalCluster engineVersion"], { applies: 4, problems: 0 });
            assert.deepEqual(counts["aws:elasticache/replicationGroup:ReplicationGroup engineVersion"], { applies: 3, problems: 0 });
            // Three groups in three zones of three regions; five services and the api's two tenant pools in three regions.
            assert.deepEqual(counts["aws:eks/nodeGroup:NodeGroup scalingConfig.desiredSize"], { applies: 27, problems: 0 });
            assert.deepEqual(counts["kubernetes:apps/v1:Deployment spec.replicas"], { applies: 21, problems: 0 });
            assert.deepEqual(counts["kubernetes:autoscaling/v2:HorizontalPodAutoscaler spec.minReplicas"], { applies: 3, problems: 0 });
            assert.deepEqual(counts["kubernetes:autoscaling/v2:HorizontalPodAutoscaler spec.maxReplicas"], { applies: 3, problems: 0 });
            assert.deepEqual(counts["aws:eks/addon:Addon addonVersion"], { applies: 12, problems: 0 });
        });

        it("dev: a regional Aurora cluster has no replication source to ignore, only its auto-upgraded engineVersion", () => {
            const counts = applied(dev());
            assert.equal(counts["aws:rds/cluster:Cluster replicationSourceIdentifier"], undefined);
            assert.deepEqual(counts["aws:rds/cluster:Cluster engineVersion"], { applies: 2, problems: 0 });
            assert.equal(counts["aws:rds/globalCluster:GlobalCluster engineVersion"], undefined);
        });

        it("pins every add-on at the version the catalog records for its cluster's Kubernetes version", () => {
            for (const plan of [prod(), dev()]) {
                const versionOf = new Map(plan.resources.filter((r) => r.type === "aws:eks/cluster:Cluster").map((c) => [c.inputs.name, String(c.inputs.version)]));
                const addons = plan.resources.filter((r) => r.type === "aws:eks/addon:Addon");
                assert.equal(addons.length, versionOf.size * 4);
                for (const addon of addons) {
                    const expected = eksAddonVersion(versionOf.get(addon.inputs.clusterName) as string, addon.inputs.addonName as EksAddonName);
                    assert.ok(expected, `no catalog version of ${String(addon.inputs.addonName)}`);
                    assert.equal(addon.inputs.addonVersion, expected, addon.name);
                }
            }
        });

        it("pins every Helm release to an exact chart version", () => {
            const releases = prod().resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
            assert.ok(releases.length >= 20);
            for (const release of releases) assert.match(String(release.inputs.version), /^v?\d+\.\d+\.\d+$/, release.name);
        });
    });

    describe("broken handling fails, naming the resource", () => {
        it("a secondary Aurora cluster that does not ignore replicationSourceIdentifier (the next up would promote it)", async () => {
            const resources = withResource(prod(), CLUSTER, "eu-west-1-shard-0", (r) => {
                r.ignoreChanges = r.ignoreChanges.filter((p) => p !== "replicationSourceIdentifier");
            });
            assert.deepEqual(await driftViolations(resources), [
                {
                    message:
                        "aws:rds/cluster:Cluster eu-west-1-shard-0: replicationSourceIdentifier is changed after create by RDS: a secondary of an Aurora global database reads back its primary's ARN as replication source (member of an Aurora global database (any role: after a switchover the old primary is a secondary)); list it in ignoreChanges or the next pulumi up undoes it",
                    urn: urnOf(prod(), CLUSTER, "eu-west-1-shard-0"),
                },
            ]);
        });

        it("a global cluster that pins engineVersion while its members take minor upgrades", async () => {
            const violations = await driftViolations(withResource(prod(), GLOBAL, "shard-0", (r) => (r.ignoreChanges = [])));
            assert.equal(violations.length, 1);
            assert.match(violations[0]?.message ?? "", /^aws:rds\/globalCluster:GlobalCluster shard-0: engineVersion is changed after create by RDS/);
        });

        it("an add-on version left to EKS's default (what a lookup returns at deploy time) or given as a range", async () => {
            const unset = await driftViolations(withResource(prod(), ADDON, "us-east-1-coredns", (r) => setAt(r.inputs, "addonVersion", undefined)));
            assert.equal(unset.length, 1);
            assert.match(unset[0]?.message ?? "", /^aws:eks\/addon:Addon us-east-1-coredns: addonVersion must be pinned to an exact EKS add-on version such as "v1\.20\.1-eksbuild\.3" from strata:cluster\.addonVersions \(got nothing\)/);
            const loose = await driftViolations(withResource(prod(), ADDON, "us-east-1-coredns", (r) => setAt(r.inputs, "addonVersion", "v1.12")));
            assert.match(loose[0]?.message ?? "", /\(got "v1\.12"\)/);
        });

        it("a lookup of an add-on's default version never reaches a plan: the offline engine refuses the invoke", () => {
            const mocks = new OfflineMocks("us-east-1");
            assert.throws(
                () => mocks.call({ token: "aws:eks/getAddonVersion:getAddonVersion", inputs: { addonName: "vpc-cni", kubernetesVersion: "1.33" }, provider: "" }),
                /looked up the EKS add-on vpc-cni's default version; pin it in strata:cluster\.addonVersions/,
            );
        });

        it("a Deployment under an HPA that does not ignore spec.replicas", async () => {
            const violations = await driftViolations(withResource(dev(), DEPLOYMENT, "us-east-1-api-deployment", (r) => (r.ignoreChanges = [])));
            assert.deepEqual(violations, [
                {
                    message:
                        "kubernetes:apps/v1:Deployment us-east-1-api-deployment: spec.replicas is changed after create by the HorizontalPodAutoscaler controller, through the scale subresource (a Deployment an HPA scales); list it in ignoreChanges or the next pulumi up undoes it",
                    urn: urnOf(dev(), DEPLOYMENT, "us-east-1-api-deployment"),
                },
            ]);
        });

        it("an HPA whose bounds the scheduled-bounds CronJobs patch, without ignoring them", async () => {
            const violations = await driftViolations(withResource(prod(), HPA_T, "eu-west-1-analysis-service-hpa", (r) => (r.ignoreChanges = ["spec.minReplicas"])));
            assert.equal(violations.length, 1);
            assert.match(violations[0]?.message ?? "", /^kubernetes:autoscaling\/v2:HorizontalPodAutoscaler eu-west-1-analysis-service-hpa: spec\.maxReplicas is changed after create by a scheduled-bounds CronJob/);
        });

        it("a node group the cluster autoscaler resizes, without ignoring desiredSize; a parent path covers it", async () => {
            const bare = await driftViolations(withResource(prod(), NODE_GROUP, "ap-southeast-1-compute-z2", (r) => (r.ignoreChanges = [])));
            assert.match(bare[0]?.message ?? "", /^aws:eks\/nodeGroup:NodeGroup ap-southeast-1-compute-z2: scalingConfig\.desiredSize is changed after create by the cluster autoscaler/);
            assert.deepEqual(await driftViolations(withResource(prod(), NODE_GROUP, "ap-southeast-1-compute-z2", (r) => (r.ignoreChanges = ["scalingConfig"]))), []);
        });

        it("an ElastiCache group with automatic minor upgrades that pins engineVersion; none with upgrades off", async () => {
            const pinned = await driftViolations(withResource(dev(), REDIS_GROUP, "us-east-1-redis", (r) => (r.ignoreChanges = [])));
            assert.equal(pinned.length, 1);
            assert.match(pinned[0]?.message ?? "", /ReplicationGroup us-east-1-redis: engineVersion is changed after create by ElastiCache automatic minor version upgrades/);
            const off = withResource(dev(), REDIS_GROUP, "us-east-1-redis", (r) => {
                r.ignoreChanges = [];
                r.inputs.autoMinorVersionUpgrade = false;
            });
            assert.deepEqual(await driftViolations(off), []);
        });

        it("a Helm release without an exact chart version (unset installs the latest at every deploy)", async () => {
            const release = prod().resources.find((r) => r.type === RELEASE) as PlanResource;
            for (const version of [undefined, "^3.12.0", "latest"]) {
                const violations = await driftViolations(withResource(prod(), RELEASE, release.name, (r) => setAt(r.inputs, "version", version)));
                assert.equal(violations.length, 1, String(version));
                assert.match(violations[0]?.message ?? "", /version must be pinned to an exact chart version/);
            }
        });
    });

    describe("in a preview, before resources exist", () => {
        it("an Aurora member whose global cluster id is not known yet still needs replicationSourceIdentifier ignored; an unknown add-on version is no pin", () => {
            const member = planResource({ type: CLUSTER, name: "eu-west-1-shard-0", ignoreChanges: ["engineVersion"] });
            const addon = planResource({ type: ADDON, name: "us-east-1-vpc-cni" });
            const { resources } = resolve([member, addon]);
            const [cluster, vpcCni] = resources as [(typeof resources)[number], (typeof resources)[number]];
            cluster.props = policySdk.unknownCheckingProxy({ clusterIdentifier: "strata-prod-eu-west-1-shard-0", globalClusterIdentifier: UNKNOWN_STRING, engineVersion: "16.4" });
            vpcCni.props = policySdk.unknownCheckingProxy({ addonName: "vpc-cni", addonVersion: UNKNOWN_STRING });
            const problems = driftFindings(resources).flatMap((f) => (f.problem ? [f.problem] : []));
            assert.equal(problems.length, 2, problems.join("\n"));
            assert.match(problems[0] ?? "", /^aws:rds\/cluster:Cluster eu-west-1-shard-0: replicationSourceIdentifier is changed after create/);
            assert.match(problems[1] ?? "", /^aws:eks\/addon:Addon us-east-1-vpc-cni: addonVersion must be pinned .* \(got a value not known before deploy\)/);
        });
    });

    describe("pins come from the stack config", () => {
        it("an add-on version that is no exact EKS version is a config error by its path; the presets pin every add-on", () => {
            const settings = strataSettings(readStackFile(path.join(root, "Pulumi.prod.yaml")).values);
            const cluster = settings.cluster as Record<string, unknown>;
            const result = parseStackConfig({ ...settings, cluster: { ...cluster, addonVersions: { vpcCni: "latest" } } }, "prod", []);
            assert.equal(result.ok, false);
            assert.deepEqual(result.ok ? [] : result.errors.filter((e) => e.includes("addonVersions")), [
                'strata:cluster.addonVersions.vpcCni: must be an exact EKS add-on version such as "v1.20.1-eksbuild.3" (npm run addon-pins proposes them) (got "latest")',
            ]);
            const parsed = parseStackConfig(settings, "prod", []);
            assert.ok(parsed.ok);
            assert.deepEqual(parsed.config.cluster.addonVersions, { vpcCni: "v1.20.1-eksbuild.3", kubeProxy: "v1.33.5-eksbuild.2", coredns: "v1.12.3-eksbuild.1", ebsCsiDriver: "v1.56.0-eksbuild.1" });
        });
    });

    describe("the catalog", () => {
        it("has an entry for every stateful type the prod plan holds, and a source checked on 2026-12-02 for every row", () => {
            const stateful = [...new Set(prod().resources.map((r) => r.type).filter(isStateful))].sort();
            assert.ok(stateful.length >= 7, stateful.join(", "));
            for (const type of stateful) assert.ok(driftEntry(type), `${type} has no entry in catalog/drift.ts`);
            for (const entry of DRIFT_FIELDS.rows) {
                assert.ok(entry.sources.length > 0 && entry.note.length > 0, entry.type);
                for (const field of entry.fields) assert.equal(field.source.checked, "2026-12-02", `${entry.type} ${field.path}`);
            }
            for (const row of EKS_ADDON_VERSIONS.rows) assert.match(row.source.url, /^https:\/\//);
        });

        it("covers a field through its own path or a parent, never a sibling", () => {
            assert.equal(ignores(["scalingConfig.desiredSize"], "scalingConfig.desiredSize"), true);
            assert.equal(ignores(["spec"], "spec.replicas"), true);
            assert.equal(ignores(["spec.replica"], "spec.replicas"), false);
            assert.equal(ignores(["engineVersionActual"], "engineVersion"), false);
        });
    });

    describe("drift: the second pulumi up after AWS and the controllers wrote back their values", () => {
        for (const stack of ["prod", "dev"]) {
            it(`${stack} plans no change against a base carrying every written-back value`, () => {
                const head = (runs[stack] as PlannedStack).plan;
                const { base, written } = writtenBack(head);
                const diff = diffPlans(base, head);
                assert.deepEqual(
                    diff.updated.map((u) => `${u.resource.name}: ${u.changes.map((c) => c.path).join(", ")}`),
                    [],
                );
                assert.deepEqual([diff.created.length, diff.deleted.length, diff.replaced.length, diff.dataRisks.length], [0, 0, 0, 0]);

                // Not vacuous: without ignoreChanges the same base shows every written-back value as a change.
                const unguarded = { ...head, resources: head.resources.map((r) => ({ ...r, ignoreChanges: [] })) };
                const changed = new Set(diffPlans(base, unguarded).updated.flatMap((u) => u.changes.map((c) => `${u.resource.urn} ${c.path}`)));
                const differing = written.filter((w) => {
                    const planned = head.resources.find((r) => r.urn === w.urn)?.inputs;
                    return JSON.stringify(w.path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as JsonObject)[k] : undefined), planned)) !== JSON.stringify(w.value);
                });
                assert.ok(differing.length >= (stack === "prod" ? 60 : 10), `${differing.length} written-back values`);
                for (const w of differing) assert.ok([...changed].some((c) => c.startsWith(`${w.urn} ${w.path}`)), `${w.urn} ${w.path} shows no change without ignoreChanges`);
            });
        }
    });
});
