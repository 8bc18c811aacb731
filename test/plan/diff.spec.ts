import { strict as assert } from "assert";
import { PlanFile, PlanResource } from "../../tools/plan/contract";
import { diffPlans } from "../../tools/plan/diff";
import { applyIgnoreChanges, parsePropertyPath } from "../../tools/plan/ignoreChanges";
import { MARKDOWN_LIMIT, renderMarkdown } from "../../tools/plan/markdown";
import { planResource } from "../harness";

const plan = (resources: PlanResource[], violations: PlanFile["policies"]["violations"] = []): PlanFile => ({
    version: 1,
    project: "strata",
    stack: "prod",
    resources,
    outputs: {},
    policies: { evaluated: 1, violations },
});

const cluster = planResource({ type: "aws:rds/cluster:Cluster", name: "us-east-1-shard-0", inputs: { clusterIdentifier: "strata-prod-us-east-1-shard-0", engineVersion: "16.4" } });
const hpa = planResource({ type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", name: "api-hpa", inputs: { spec: { maxReplicas: 100, minReplicas: 3 } } });

describe("plan diff", () => {
    it("lists created, deleted and updated resources, updates with their changed paths", () => {
        const extra = planResource({ type: "aws:sns/topic:Topic", name: "alerts" });
        const diff = diffPlans(plan([cluster, hpa]), plan([cluster, { ...hpa, inputs: { spec: { maxReplicas: 90, minReplicas: 3 } } }, extra]));
        assert.deepEqual(diff.created.map((r) => r.name), ["alerts"]);
        assert.deepEqual(diff.deleted, []);
        assert.deepEqual(diff.updated.map((u) => [u.resource.name, u.changes]), [["api-hpa", [{ path: "spec.maxReplicas", before: 100, after: 90 }]]]);
        assert.deepEqual(diff.dataRisks, []);
    });

    it("flags a changed engine version as an update and a changed identifier as a replacement with DATA RISK", () => {
        const upgraded = diffPlans(plan([cluster]), plan([{ ...cluster, inputs: { ...cluster.inputs, engineVersion: "16.6" } }]));
        assert.deepEqual([upgraded.updated[0]?.replacedBy, upgraded.dataRisks], [[], []]);
        const renamed = diffPlans(plan([cluster]), plan([{ ...cluster, inputs: { ...cluster.inputs, clusterIdentifier: "other" } }]));
        assert.deepEqual(renamed.updated[0]?.replacedBy, ["clusterIdentifier"]);
        assert.deepEqual(renamed.dataRisks.map((d) => d.reason), ["replaced: clusterIdentifier changed"]);
    });

    it("flags a stateful resource whose URN changes (a renamed or moved component) as delete + create with DATA RISK", () => {
        const moved = { ...cluster, urn: cluster.urn.replace("aws:rds", "strata:postgres:Renamed$aws:rds") };
        const diff = diffPlans(plan([cluster, hpa]), plan([moved, hpa]));
        assert.deepEqual([diff.created.length, diff.deleted.length], [1, 1]);
        assert.deepEqual(diff.dataRisks.map((d) => d.reason), ["its URN changes (parent moved): Pulumi deletes it and creates an empty one"]);
        const markdown = renderMarkdown(plan([moved, hpa]), diff);
        assert.ok(markdown.indexOf("DATA RISK") < markdown.indexOf("Changes by region"), "DATA RISK comes first");
    });

    it("keeps the Markdown report under the limit by folding whole region tables, never cutting one", () => {
        const many = (region: string) =>
            Array.from({ length: 900 }, (_, i) => planResource({ type: "aws:cloudwatch/metricAlarm:MetricAlarm", name: `${region}-alarm-${i}`, region, inputs: { threshold: i } }));
        const base = plan([]);
        const head = plan([...many("us-east-1"), ...many("eu-west-1"), ...many("ap-southeast-1")], [{ policy: "strata-hpa-bounds", enforcementLevel: "mandatory", urn: null, message: "HPA api: maxReplicas 150 exceeds the cap of 100" }]);
        const markdown = renderMarkdown(head, diffPlans(base, head));
        assert.ok(markdown.length <= MARKDOWN_LIMIT, `${markdown.length} characters`);
        assert.match(markdown, /\| 2700 \| 0 \| 0 \| 0 \| 0 \| 1 \|/);
        assert.match(markdown, /HPA api: maxReplicas 150 exceeds the cap of 100/);
        assert.match(markdown, /details folded to fit the comment/);
        const details = markdown.split("<details>").length - 1;
        assert.equal(markdown.split("</details>").length - 1, details, "every opened table is closed");
        for (const line of markdown.split("\n").filter((l) => l.startsWith("|"))) assert.ok(line.endsWith("|"), `a cut row: ${line}`);
    });
});

describe("plan diff honours ignoreChanges as the engine does", () => {
    const group = planResource({
        type: "aws:eks/nodeGroup:NodeGroup",
        name: "us-east-1-general",
        inputs: { scalingConfig: { desiredSize: 3, maxSize: 10, minSize: 3 }, labels: { "strata.io/pool": "general" }, taints: [{ key: "a", effect: "NO_SCHEDULE" }, { key: "b", effect: "NO_SCHEDULE" }] },
    });
    const head = (inputs: PlanResource["inputs"], ignoreChanges: string[], custom = true): PlanResource => ({ ...group, custom, inputs, ignoreChanges });
    const changedPaths = (after: PlanResource) => diffPlans(plan([group]), plan([after])).updated.flatMap((u) => u.changes.map((c) => c.path));
    const scaled = { ...group.inputs, scalingConfig: { desiredSize: 7, maxSize: 10, minSize: 3 } };

    it("a change under an ignored nested path (a.b) is no change; the same change unignored is one", () => {
        assert.deepEqual(changedPaths(head(scaled, ["scalingConfig.desiredSize"])), []);
        assert.deepEqual(changedPaths(head(scaled, [])), ["scalingConfig.desiredSize"]);
    });

    it("ignoring one path leaves the other changes of the same resource", () => {
        const both = { ...group.inputs, scalingConfig: { desiredSize: 7, maxSize: 12, minSize: 3 } };
        assert.deepEqual(changedPaths(head(both, ["scalingConfig.desiredSize"])), ["scalingConfig.maxSize"]);
    });

    it('quoted keys (a["k"]), indexes (a[0]) and wildcards (a[*].f) select what the engine resets', () => {
        const relabelled = { ...group.inputs, labels: { "strata.io/pool": "other" } };
        assert.deepEqual(changedPaths(head(relabelled, ['labels["strata.io/pool"]'])), []);
        const retainted = { ...group.inputs, taints: [{ key: "a", effect: "NO_EXECUTE" }, { key: "b", effect: "NO_EXECUTE" }] };
        assert.deepEqual(changedPaths(head(retainted, ["taints[0].effect"])), ["taints[1].effect"]);
        assert.deepEqual(changedPaths(head(retainted, ["taints[*].effect"])), []);
        assert.deepEqual(changedPaths(head(retainted, ['taints["*"].effect'])), []);
    });

    it("an ignored input absent from the base is no change (the engine drops it from the new inputs)", () => {
        assert.deepEqual(changedPaths(head({ ...group.inputs, capacityType: "SPOT" }, ["capacityType"])), []);
    });

    it("arrays of different lengths keep the old values where both have the index (pulumi/pulumi#20465)", () => {
        assert.deepEqual(applyIgnoreChanges({ a: [1, 2] }, { a: [7, 8, 9] }, ["a[*]"]), { a: [1, 2, 9] });
        const grown = { ...group.inputs, taints: [{ key: "a", effect: "NO_EXECUTE" }, { key: "b", effect: "NO_SCHEDULE" }, { key: "c", effect: "NO_SCHEDULE" }] };
        assert.deepEqual(changedPaths(head(grown, ["taints[*].effect"])), ["taints"]);
        assert.deepEqual(changedPaths(head(grown, ["taints"])), []);
    });

    it("a path that cannot be followed hides nothing, and components ignore nothing", () => {
        assert.deepEqual(changedPaths(head(scaled, ["scalingConfig.nothing.here", "nope[3]", "bad[path"])), ["scalingConfig.desiredSize"]);
        assert.deepEqual(changedPaths(head(scaled, ["scalingConfig"], false)), ["scalingConfig.desiredSize"]);
    });

    it("parses the property path grammar of the Pulumi docs", () => {
        assert.deepEqual(parsePropertyPath("root.array[0][1].nested"), ["root", "array", 0, 1, "nested"]);
        assert.deepEqual(parsePropertyPath('["root key with \\"escaped\\" quotes"].nested'), ['root key with "escaped" quotes', "nested"]);
        assert.deepEqual(parsePropertyPath('root["key with a ."]'), ["root", "key with a ."]);
        assert.deepEqual(parsePropertyPath("root.array[*].field"), ["root", "array", "*", "field"]);
        assert.deepEqual(parsePropertyPath('root.array["*"].field'), ["root", "array", "*", "field"]);
        assert.equal(parsePropertyPath(".root"), undefined);
        assert.equal(parsePropertyPath("root[x]"), undefined);
    });
});
