import { strict as assert } from "assert";
import { PlanFile, PlanResource } from "../../tools/plan/contract";
import { diffPlans } from "../../tools/plan/diff";
import { applyIgnoreChanges, parsePropertyPath } from "../../tools/plan/ignoreChanges";
import { MARKDOWN_LIMIT, renderMarkdown } from "../../tools/plan/markdown";
import { OfflineMocks } from "../../tools/plan/mocks";
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

describe("plan diff: replacements", () => {
    const vpc = planResource({ type: "aws:ec2/vpc:Vpc", name: "us-east-1-vpc", inputs: { cidrBlock: "10.0.0.0/16", tags: { Name: "a" } } });
    const subnet = planResource({ type: "aws:ec2/subnet:Subnet", name: "us-east-1-data-az1", dependencies: [vpc.urn], inputs: { vpcId: "vpc-1", cidrBlock: "10.0.128.0/20", availabilityZone: "us-east-1a" } });
    const subnetGroup = planResource({ type: "aws:rds/subnetGroup:SubnetGroup", name: "us-east-1-postgres", dependencies: [subnet.urn], inputs: { subnetIds: ["subnet-1"] } });
    const db = planResource({ type: "aws:rds/cluster:Cluster", name: "us-east-1-shard-0", dependencies: [subnetGroup.urn], inputs: { clusterIdentifier: "strata-prod-us-east-1-shard-0", dbSubnetGroupName: "us-east-1-postgres" } });
    const secondary = planResource({ type: "aws:rds/cluster:Cluster", name: "eu-west-1-shard-0", region: "eu-west-1", dependencies: [db.urn], inputs: { clusterIdentifier: "strata-prod-eu-west-1-shard-0" } });
    const base = [vpc, subnet, subnetGroup, db, secondary];
    const readdressed = [
        { ...vpc, inputs: { ...vpc.inputs, cidrBlock: "10.9.0.0/16" } },
        { ...subnet, inputs: { ...subnet.inputs, vpcId: "vpc-2", cidrBlock: "10.9.128.0/20" } },
        { ...subnetGroup, inputs: { subnetIds: ["subnet-2"] } },
        db,
        secondary,
    ];

    it("a node group whose instance types change is replaced; one whose labels change is updated in place", () => {
        const group = planResource({ type: "aws:eks/nodeGroup:NodeGroup", name: "us-east-1-general", inputs: { instanceTypes: ["m6i.2xlarge"], labels: { pool: "general" } } });
        const retyped = diffPlans(plan([group]), plan([{ ...group, inputs: { ...group.inputs, instanceTypes: ["m6i.4xlarge"] } }]));
        assert.deepEqual(retyped.replaced.map((u) => [u.resource.name, u.replacedBy]), [["us-east-1-general", ["instanceTypes"]]]);
        const relabelled = diffPlans(plan([group]), plan([{ ...group, inputs: { ...group.inputs, labels: { pool: "other" } } }]));
        assert.deepEqual([relabelled.updated.length, relabelled.replaced.length], [1, 0]);
    });

    it("a replaced VPC or subnet with data resources in it is DATA RISK for it and for each data resource of its region", () => {
        const diff = diffPlans(plan(base), plan(readdressed), { allowReplace: ["us-east-1-vpc"] });
        assert.deepEqual(diff.replaced.map((u) => [u.resource.name, u.replacedBy]), [["us-east-1-vpc", ["cidrBlock"]], ["us-east-1-data-az1", ["vpcId", "cidrBlock"]]]);
        assert.deepEqual(diff.updated.filter((u) => u.replacedBy.length === 0).map((u) => u.resource.name), ["us-east-1-postgres"]);
        const risks = new Map(diff.dataRisks.map((d) => [d.resource.name, d.reason]));
        assert.match(risks.get("us-east-1-vpc") ?? "", /^replaced \(cidrBlock changed\) while data resources live in it: us-east-1-postgres, us-east-1-shard-0$/);
        assert.match(risks.get("us-east-1-data-az1") ?? "", /while data resources live in it: us-east-1-postgres, us-east-1-shard-0/);
        assert.equal(risks.get("us-east-1-shard-0"), "its network goes: VPC us-east-1-vpc replaced, subnet us-east-1-data-az1 replaced");
        assert.ok(!risks.has("eu-west-1-shard-0"), "a secondary in another region does not live in this VPC");
    });

    it("a deleted subnet under a data resource is DATA RISK; a deleted subnet with nothing in it is not", () => {
        assert.deepEqual(diffPlans(plan(base), plan([vpc, subnetGroup, db, secondary])).dataRisks.map((d) => d.resource.name).sort(), ["us-east-1-data-az1", "us-east-1-postgres", "us-east-1-shard-0"]);
        assert.deepEqual(diffPlans(plan([vpc, subnet]), plan([vpc])).dataRisks, []);
    });

    it("re-addressing a base region's VPC is refused unless --allow-replace names it (by name or URN)", () => {
        const refused = diffPlans(plan(base), plan(readdressed));
        assert.equal(refused.refused.length, 1);
        assert.match(refused.refused[0]?.message ?? "", /^VPC us-east-1-vpc \(us-east-1\): cidrBlock "10\.0\.0\.0\/16" → "10\.9\.0\.0\/16" replaces the VPC and 1 resource\(s\) that depend on it; if that is meant, plan with --allow-replace us-east-1-vpc$/);
        for (const allow of ["us-east-1-vpc", vpc.urn]) {
            const accepted = diffPlans(plan(base), plan(readdressed), { allowReplace: [allow] });
            assert.deepEqual([accepted.refused.length, accepted.acknowledged.length], [0, 1], allow);
        }
        assert.equal(diffPlans(plan(base), plan(readdressed), { allowReplace: ["eu-west-1-vpc"] }).refused.length, 1);
        const retagged = diffPlans(plan([vpc]), plan([{ ...vpc, inputs: { ...vpc.inputs, tags: { Name: "b" } } }]));
        assert.deepEqual([retagged.replaced.length, retagged.refused.length], [0, 0]);
    });

    it("the Markdown report counts replacements apart from updates and lists refusals as mandatory", () => {
        const markdown = renderMarkdown(plan(readdressed), diffPlans(plan(base), plan(readdressed)));
        assert.match(markdown, /\| 0 \| 1 \| 2 \| 0 \| 4 \| 1 \|/);
        assert.match(markdown, /\| strata-diff-network-replacement \| VPC us-east-1-vpc/);
        assert.match(markdown, /us-east-1: 0 to create, 1 to update, 2 to replace, 0 to delete/);
        assert.match(markdown, /\| \+- \*\*replace\*\* \(`cidrBlock`\) \| `aws:ec2\/vpc:Vpc` \| us-east-1-vpc \|/);
        const acknowledged = renderMarkdown(plan(readdressed), diffPlans(plan(base), plan(readdressed), { allowReplace: ["us-east-1-vpc"] }));
        assert.match(acknowledged, /\| 0 \| 1 \| 2 \| 0 \| 4 \| 0 \|/);
        assert.match(acknowledged, /### Acknowledged replacements/);
    });

    it("a type missing from catalog/replacement.ts is read the safe way: every changed input replaces it", () => {
        const alarm = planResource({ type: "aws:example/uncatalogued:Uncatalogued", name: "alarm", inputs: { threshold: 1, period: 60 } });
        const diff = diffPlans(plan([alarm]), plan([{ ...alarm, inputs: { threshold: 2, period: 60 } }]));
        assert.deepEqual(diff.replaced.map((u) => [u.replacedBy, u.replacementAssumed]), [[["threshold"], true]]);
    });

    it("Kubernetes objects are replaced on a new name or namespace and ConfigMap data, updated on other fields", () => {
        const map = planResource({ type: "kubernetes:core/v1:ConfigMap", name: "m", inputs: { metadata: { name: "m", namespace: "a", labels: { x: "1" } }, data: { k: "1" } } });
        const changed = (inputs: PlanResource["inputs"]) => diffPlans(plan([map]), plan([{ ...map, inputs }])).replaced.flatMap((u) => u.replacedBy);
        assert.deepEqual(changed({ ...map.inputs, metadata: { name: "m", namespace: "b", labels: { x: "1" } } }), ["metadata.namespace"]);
        assert.deepEqual(changed({ ...map.inputs, data: { k: "2" } }), ["data"]);
        assert.deepEqual(changed({ ...map.inputs, metadata: { name: "m", namespace: "a", labels: { x: "2" } } }), []);
    });
});

describe("offline ids follow replacing inputs", () => {
    const mocks = new OfflineMocks("us-east-1");
    const idOf = (type: string, inputs: Record<string, unknown>) => mocks.newResource({ type, name: "r", inputs, custom: true }).id;

    it("a VPC with a new CIDR gets a new id, a retagged one keeps its id, and the same inputs give the same id", () => {
        const vpc = (cidrBlock: string, tags: Record<string, string>) => idOf("aws:ec2/vpc:Vpc", { cidrBlock, tags });
        assert.equal(vpc("10.0.0.0/16", { a: "1" }), vpc("10.0.0.0/16", { a: "1" }));
        assert.equal(vpc("10.0.0.0/16", { a: "1" }), vpc("10.0.0.0/16", { a: "2" }));
        assert.notEqual(vpc("10.0.0.0/16", { a: "1" }), vpc("10.9.0.0/16", { a: "1" }));
    });

    it("a subnet in a replaced VPC (new vpcId) gets a new id, so what references it changes too", () => {
        const subnet = (vpcId: string) => idOf("aws:ec2/subnet:Subnet", { vpcId, cidrBlock: "10.0.0.0/20", availabilityZone: "us-east-1a" });
        assert.notEqual(subnet("vpc-aaa"), subnet("vpc-bbb"));
        const group = (instanceTypes: string[]) => idOf("aws:eks/nodeGroup:NodeGroup", { instanceTypes, scalingConfig: { desiredSize: 3 } });
        assert.notEqual(group(["m6i.2xlarge"]), group(["m6i.4xlarge"]));
    });
});
