import { strict as assert } from "assert";
import { NAME_LIMITS, limitsFor } from "../../catalog/nameLimits";
import { REGION_NAMES } from "../../catalog/regions";
import { nameLimits, nameProblems } from "../../policies/rules/limits";
import { JsonObject, PlanFile, PlanResource } from "../../tools/plan/contract";
import { runPolicies } from "../../tools/plan/policyRunner";
import { planResource } from "../harness";
import { plannedStack } from "../planCommand";

/*
 * strata-name-limits against the real prod and dev plans (which must pass) and against single resources with one
 * name broken (which must fail, naming the resource, the field, the length and the limit).
 */

async function violations(resources: readonly PlanResource[]): Promise<{ message: string; urn: string | null }[]> {
    return (await runPolicies([nameLimits], resources)).violations.map((v) => ({ message: v.message, urn: v.urn }));
}

const problemsOf = (r: PlanResource) => nameProblems({ type: r.type, name: r.name, props: r.inputs });

const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
const targetGroup = (name: string, inputs: JsonObject = {}) => planResource({ type: TARGET_GROUP, name, inputs: { port: 8443, protocol: "TCP", targetType: "ip", vpcId: "vpc-1", ...inputs } });

describe("strata-name-limits", function () {
    this.timeout(240_000);
    const plans: Record<string, PlanFile> = {};

    before(() => {
        for (const stack of ["prod", "dev"]) plans[stack] = plannedStack(stack).plan;
    });

    for (const stack of ["prod", "dev"]) {
        it(`passes on the real ${stack} plan`, async () => {
            const plan = plans[stack]!;
            assert.deepEqual(await violations(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-name-limits"), []);
        });
    }

    it("the prod plan names its target groups explicitly, from the stack and the listener port, within 32 characters", () => {
        const groups = plans.prod!.resources.filter((r) => r.type === TARGET_GROUP);
        assert.equal(groups.length, 6);
        assert.deepEqual([...new Set(groups.map((g) => g.inputs.name))].sort(), ["strata-prod-ingress-443", "strata-prod-ingress-80"]);
        // One name per region: target group names are regional, and each region's pair must not collide.
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            assert.deepEqual(groups.filter((g) => g.region === region).map((g) => g.inputs.name).sort(), ["strata-prod-ingress-443", "strata-prod-ingress-80"]);
        }
    });

    it("prod's and dev's names fit in every region of the catalog, even the longest-named", () => {
        const longest = [...REGION_NAMES].sort((a, b) => b.length - a.length)[0]!;
        assert.ok(longest.length >= 14, longest);
        for (const stack of ["prod", "dev"]) {
            const plan = plans[stack]!;
            const regions = [...new Set(plan.resources.map((r) => r.region).filter((r): r is string => r !== null))];
            const swap = (text: string) => regions.reduce((t, region) => t.split(region).join(longest), text);
            const moved = plan.resources.map((r) => ({ ...r, name: swap(r.name), inputs: JSON.parse(swap(JSON.stringify(r.inputs))) as JsonObject }));
            assert.deepEqual(moved.flatMap(problemsOf), [], `${stack} moved to ${longest}`);
        }
    });

    it("fails a 33-character explicit target-group name, naming the resource and the limit", async () => {
        const tg = targetGroup("ingress-https", { name: "strata-production-eu-ingress-8443" });
        assert.equal("strata-production-eu-ingress-8443".length, 33);
        assert.deepEqual(await violations([tg]), [
            { message: 'TargetGroup ingress-https: name "strata-production-eu-ingress-8443" is 33 characters; the limit is 32; make the target group name fit', urn: tg.urn },
        ]);
    });

    it("fails an autonamed target group whose logical name is too long (the ap-southeast-1 defect)", async () => {
        const tg = targetGroup("ap-southeast-1-ingress-https");
        assert.deepEqual(await violations([tg]), [
            {
                message:
                    'TargetGroup ap-southeast-1-ingress-https: name is not set, so Pulumi autonames it "ap-southeast-1-ingress-https" + its 8-character random suffix = 36 characters; ' +
                    "the limit is 32 (Pulumi caps this autoname there, so pulumi preview fails); set an explicit name of at most 32 characters, or shorten the logical name to at most 24",
                urn: tg.urn,
            },
        ]);
        assert.deepEqual(problemsOf(targetGroup("eu-west-1-ingress-https")), [], "23 + 8 = 31 fits");
        assert.deepEqual(problemsOf(targetGroup("a".repeat(24))), [], "24 + 8 = 32 is exactly the limit");
    });

    it("fails an invalid character in a target-group name", async () => {
        const tg = targetGroup("ingress-http", { name: "strata_prod-80" });
        assert.deepEqual(await violations([tg]), [{ message: 'TargetGroup ingress-http: name "strata_prod-80" must contain only letters, digits and hyphens; make the target group name fit', urn: tg.urn }]);
    });

    it("fails a target-group name that begins or ends with a hyphen", () => {
        assert.deepEqual(problemsOf(targetGroup("tg", { name: "strata-prod-" })), ['TargetGroup tg: name "strata-prod-" must not begin or end with a hyphen; make the target group name fit']);
    });

    it("fails a too-long IAM role name", async () => {
        const name = `strata-prod-ap-southeast-1-${"x".repeat(38)}`;
        const role = planResource({ type: "aws:iam/role:Role", name: "role", inputs: { name, assumeRolePolicy: "{}" } });
        assert.deepEqual(await violations([role]), [{ message: `Role role: name "${name}" is 65 characters; the limit is 64; make the IAM role name fit`, urn: role.urn }]);
    });

    it("fails an autonamed IAM role whose logical name leaves no room for the suffix", () => {
        const [problem] = problemsOf(planResource({ type: "aws:iam/role:Role", name: "r".repeat(57), inputs: { assumeRolePolicy: "{}" } }));
        assert.match(problem ?? "", /= 65 characters; the limit is 64 \(Pulumi caps this autoname there, so pulumi preview fails\).*at most 56$/);
    });

    it("fails a Kubernetes object name that is not DNS-1123", async () => {
        const deployment = planResource({ type: "kubernetes:apps/v1:Deployment", name: "api-deployment", inputs: { metadata: { name: "API_Server", namespace: "apps" }, spec: {} } });
        assert.deepEqual(await violations([deployment]), [
            {
                message:
                    'Deployment api-deployment: metadata.name "API_Server" must be a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', beginning and ending with a letter or digit; make the object name fit',
                urn: deployment.urn,
            },
        ]);
    });
});

describe("nameProblems (the pure check)", () => {
    const check = (type: string, name: string, props: Record<string, unknown>) => nameProblems({ type, name, props });

    it("accepts a name exactly at the limit and rejects one character more", () => {
        assert.deepEqual(check(TARGET_GROUP, "tg", { name: "a".repeat(32) }), []);
        assert.equal(check(TARGET_GROUP, "tg", { name: "a".repeat(33) }).length, 1);
    });

    it("holds a name prefix to its own limit (a target group's namePrefix is at most 6)", () => {
        assert.deepEqual(check(TARGET_GROUP, "tg", { namePrefix: "ingres" }), []);
        assert.deepEqual(check(TARGET_GROUP, "tg", { namePrefix: "ingress" }), [
            "TargetGroup tg: namePrefix \"ingress\" is 7 characters; the limit is 6 (the provider appends a unique suffix up to the target group name's limit); shorten it",
        ]);
    });

    it("a load balancer that begins with internal- is refused", () => {
        assert.deepEqual(check("aws:lb/loadBalancer:LoadBalancer", "nlb", { name: "internal-api" }), ['LoadBalancer nlb: name "internal-api" must not begin with "internal-"; make the load balancer name fit']);
    });

    it("a KMS alias must begin with alias/ and not with the reserved alias/aws/; an autonamed one gets alias/ in front", () => {
        const alias = "aws:kms/alias:Alias";
        assert.deepEqual(check(alias, "a", { name: "alias/strata-prod-us-east-1-postgres" }), []);
        assert.deepEqual(check(alias, "a", { name: "strata-prod" }), ['Alias a: name "strata-prod" must begin with "alias/"; make the KMS alias name fit']);
        assert.deepEqual(check(alias, "a", { name: "alias/aws/rds" }), ['Alias a: name "alias/aws/rds" must not begin with "alias/aws/" (reserved for AWS managed keys); make the KMS alias name fit']);
        assert.deepEqual(check(alias, "us-east-1-postgres", {}), []);
        const [tooLong] = check(alias, "k".repeat(231), {});
        assert.match(tooLong ?? "", /"alias\/k+" \+ its 8-character random suffix = 245 characters; the limit is 244/);
    });

    it("Pulumi's own cap can be below the service's: an SNS topic autoname stops at 80 though AWS allows 256", () => {
        assert.deepEqual(check("aws:sns/topic:Topic", "t".repeat(72), {}), []);
        assert.match(check("aws:sns/topic:Topic", "t".repeat(73), {})[0] ?? "", /= 81 characters; the limit is 80 \(Pulumi caps this autoname there/);
    });

    it("RDS identifiers: lowercase, a letter first, no double or trailing hyphen, at most 63", () => {
        const cluster = "aws:rds/cluster:Cluster";
        assert.deepEqual(check(cluster, "c", { clusterIdentifier: "strata-prod-ap-southeast-1-shard-0" }), []);
        assert.deepEqual(
            check(cluster, "c", { clusterIdentifier: "Strata--0-" }).map((m) => m.replace(/^Cluster c: clusterIdentifier "Strata--0-" /, "").replace(/; make .*$/, "")),
            ["must contain only lowercase letters, digits and hyphens", "must begin with a letter", "must not contain two consecutive hyphens", "must not end with a hyphen"],
        );
        assert.match(check(cluster, "c", { clusterIdentifier: "s".repeat(64) })[0] ?? "", /is 64 characters; the limit is 63/);
        assert.deepEqual(check(cluster, "c", {}), [], "an unset identifier is generated by the provider, within its limits");
    });

    it("a replication group autoname is lowercased first and capped at 40", () => {
        const group = "aws:elasticache/replicationGroup:ReplicationGroup";
        assert.deepEqual(check(group, "US-East-1-Redis", {}), []);
        assert.match(check(group, "r".repeat(33), {})[0] ?? "", /= 41 characters; the limit is 40/);
    });

    it("Kubernetes kinds keep their own rules: Namespace and Service labels of 63, CronJob 52, Helm releases 53", () => {
        assert.match(check("kubernetes:core/v1:Namespace", "ns", { metadata: { name: "team.a" } })[0] ?? "", /must be a DNS-1123 label/);
        assert.match(check("kubernetes:core/v1:Service", "svc", { metadata: { name: "1api" } })[0] ?? "", /must be a DNS-1035 label/);
        assert.match(check("kubernetes:batch/v1:CronJob", "cj", { metadata: { name: "c".repeat(53) } })[0] ?? "", /is 53 characters; the limit is 52/);
        assert.deepEqual(check("kubernetes:batch/v1:CronJob", "cj", { metadata: { name: "c".repeat(52) } }), []);
        assert.match(check("kubernetes:helm.sh/v3:Release", "r", { name: "h".repeat(54) })[0] ?? "", /is 54 characters; the limit is 53/);
        assert.deepEqual(check("kubernetes:networking.istio.io/v1beta1:VirtualService", "vs", { metadata: { name: "strata.public" } }), []);
    });

    it("an autonamed Kubernetes object gets the logical name plus 9 characters", () => {
        assert.deepEqual(check("kubernetes:core/v1:Namespace", "n".repeat(54), { metadata: {} }), []);
        assert.match(check("kubernetes:core/v1:Namespace", "n".repeat(55), { metadata: {} })[0] ?? "", /"n+" \+ its 9-character random suffix = 64 characters; the limit is 63 \(the provider or the service rejects it\)/);
        assert.match(check("kubernetes:core/v1:ConfigMap", "Shard_Map", {})[0] ?? "", /autonames it from the logical name "Shard_Map", and that must be a DNS-1123 subdomain/);
    });

    it("a node group's name prefix leaves room for Terraform's 26-character unique suffix within 63", () => {
        const group = "aws:eks/nodeGroup:NodeGroup";
        assert.deepEqual(check(group, "us-east-1-general", { nodeGroupNamePrefix: "general-" }), []);
        assert.match(check(group, "g", { nodeGroupNamePrefix: "p".repeat(38) })[0] ?? "", /nodeGroupNamePrefix "p+" is 38 characters; the limit is 37/);
    });

    it("a launch template name needs 3 characters; a cache subnet group name only letters, digits and hyphens", () => {
        assert.match(check("aws:ec2/launchTemplate:LaunchTemplate", "lt", { name: "lt" })[0] ?? "", /is 2 characters; it needs at least 3/);
        assert.match(check("aws:elasticache/subnetGroup:SubnetGroup", "sg", { name: "strata_prod" })[0] ?? "", /must contain only letters, digits and hyphens/);
    });

    it("types without a name field are not checked", () => {
        assert.deepEqual(limitsFor("aws:ec2/route:Route"), []);
        assert.deepEqual(check("aws:ec2/route:Route", "r".repeat(300), {}), []);
    });

    it("every catalog row carries a source and a rule or a length", () => {
        for (const row of NAME_LIMITS.rows) {
            assert.ok(row.sources.length > 0, row.type);
            assert.ok(row.sources.every((s) => s.url.startsWith("https://") && s.checked === "2026-12-02"), row.type);
            assert.ok(row.maxLength !== undefined || row.rules.length > 0, row.type);
        }
    });
});
