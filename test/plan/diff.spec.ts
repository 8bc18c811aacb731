import { strict as assert } from "assert";
import { PlanFile, PlanResource } from "../../tools/plan/contract";
import { diffPlans } from "../../tools/plan/diff";
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
