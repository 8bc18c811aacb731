import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluateFlows, traceFlows } from "../../policies/rules/flows/evaluate";
import { TYPES } from "../../policies/rules/flows/model";
import { REQUIRED_FLOWS } from "../../policies/rules/flows/required";
import { FLOW_FACTS, networkFlows } from "../../policies/rules/reachability";
import { regionOf } from "../../policies/rules/util";
import { PlanResource } from "../../tools/plan/contract";
import { resolve, runPolicies } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

/** CrossGuard's preview wrapper: reading an input that is not known yet throws (not in the package's types). */
const policySdk = require("@pulumi/policy") as { unknownCheckingProxy: (props: Record<string, unknown>) => Record<string, unknown> };
/** The value `pulumi preview` hands a policy for a string not known yet (@pulumi/policy proxy.js). */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/*
 * strata-network-flows against the real dev and prod plans: every required flow open, and each one broken, by name,
 * when a rule it alone depends on is removed; the over-open checks both ways; and the rule in a first preview, where
 * no id of the deployment is known.
 */

const findingsOf = (resources: readonly PlanResource[]) => evaluateFlows(resolve(resources).resources, FLOW_FACTS, regionOf);
const tracesOf = (resources: readonly PlanResource[]) => traceFlows(resolve(resources).resources, FLOW_FACTS, regionOf);
const KIND_TYPES: Partial<Record<string, string>> = { postgres: TYPES.auroraCluster, postgresProxy: TYPES.rdsProxy, redis: TYPES.replicationGroup, loadBalancer: TYPES.loadBalancer };
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The plan without one rule: a rule resource or binding removed, or one direction of a group's inline rules emptied. */
function withoutRule(resources: readonly PlanResource[], origin: string, direction: "ingress" | "egress"): PlanResource[] {
    const target = resources.find((r) => r.urn === origin);
    if (target?.type === TYPES.securityGroup) return resources.map((r) => (r.urn === origin ? { ...r, inputs: { ...r.inputs, [direction]: [] } } : r));
    return resources.filter((r) => r.urn !== origin);
}

for (const stack of ["prod", "dev"]) {
    describe(`strata-network-flows on the ${stack} plan`, () => {
        it("is evaluated by npm run plan and finds nothing", () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(
                plan.policies.violations.filter((v) => v.policy === networkFlows.name),
                [],
            );
            assert.deepEqual(findingsOf(plan.resources), []);
        });

        it("carries every required flow of the table in every region", () => {
            const { plan } = plannedStack(stack);
            const regions = [...new Set(plan.resources.filter((r) => r.type === TYPES.eksCluster).map((r) => r.region))];
            const traces = tracesOf(plan.resources);
            for (const region of regions) {
                for (const flow of REQUIRED_FLOWS.filter((f) => f.scope !== "other-regions" || regions.length > 1)) {
                    const mine = traces.filter((t) => t.flowId === flow.id && t.region === region);
                    // Dev runs no RDS Proxy, and its public endpoint (no private access configured) is reached over the internet.
                    const absent = [flow.from, flow.to].some((kind) => KIND_TYPES[kind] !== undefined && !plan.resources.some((r) => r.type === KIND_TYPES[kind] && r.region === region));
                    const publicApi = flow.id === "deployer-to-api" && stack === "dev";
                    assert.ok(mine.length > 0 || absent || publicApi, `flow ${flow.id} is checked in ${region}`);
                    for (const t of mine) assert.ok(t.ingress.length > 0 || flow.to === "internet", `${flow.id} in ${region} on ${t.port.protocol}/${t.port.port} is admitted`);
                }
            }
        });

        it("names the flow when any one rule it alone depends on is removed", function () {
            this.timeout(120_000);
            const { plan } = plannedStack(stack);
            const sole = new Map<string, { direction: "ingress" | "egress"; flows: Set<string> }>();
            for (const t of tracesOf(plan.resources)) {
                for (const [direction, rules] of [["egress", t.egress], ["ingress", t.ingress]] as const) {
                    const [only, ...others] = rules;
                    if (!only || others.length > 0 || !only.origin.startsWith("urn:")) continue;
                    const entry = sole.get(only.origin) ?? { direction, flows: new Set<string>() };
                    entry.flows.add(t.flowId);
                    sole.set(only.origin, entry);
                }
            }
            assert.ok(sole.size >= 5, `the plan's flows rest on rules it declares (${sole.size})`);
            for (const [origin, { direction, flows }] of sole) {
                const messages = findingsOf(withoutRule(plan.resources, origin, direction)).map((f) => f.message);
                for (const flow of flows) assert.ok(messages.some((m) => m.startsWith(`flow ${flow} `)), `without ${origin.split("::").pop()}, flow ${flow} is reported:\n${messages.join("\n")}`);
            }
        });

        it("names the node flows when the nodes lose the cluster group EKS's own rules hang on", () => {
            const { plan } = plannedStack(stack);
            const broken = plan.resources.map((r) =>
                r.type === TYPES.launchTemplate
                    ? { ...r, propertyDependencies: { ...r.propertyDependencies, vpcSecurityGroupIds: (r.propertyDependencies.vpcSecurityGroupIds ?? []).filter((u) => !u.includes("aws:eks/cluster:Cluster")) } }
                    : r,
            );
            const messages = findingsOf(broken).map((f) => f.message);
            for (const flow of ["nodes-to-api", "api-to-kubelet", "api-to-webhooks", "pod-to-pod", "nodes-to-internet"]) {
                assert.ok(messages.some((m) => m.startsWith(`flow ${flow} `)), `flow ${flow} is reported:\n${messages.join("\n")}`);
            }
        });
    });
}

describe("strata-network-flows: what must not be open", () => {
    const postgresGroupOf = (resources: readonly PlanResource[]) => {
        const group = resources.find((r) => r.type === TYPES.securityGroup && r.name === "us-east-1-postgres");
        assert.ok(group, "the plan has the us-east-1 shards' group");
        return group;
    };
    const ruleOn = (group: PlanResource, name: string, inputs: PlanResource["inputs"]): PlanResource => ({
        ...group,
        urn: group.urn.replace(/aws:ec2\/securityGroup:SecurityGroup::.*$/, `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::${name}`),
        type: TYPES.ingressRule,
        name,
        dependencies: [group.urn],
        propertyDependencies: { securityGroupId: [group.urn] },
        inputs: { securityGroupId: "sg-0", ...inputs },
    });

    it("names PostgreSQL open to the internet, on the rule that opens it", () => {
        const { plan } = plannedStack("prod");
        const open = ruleOn(postgresGroupOf(plan.resources), "us-east-1-postgres-world", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" });
        const findings = findingsOf([...plan.resources, open]);
        assert.equal(findings.length, 1, findings.map((f) => f.message).join("\n"));
        assert.equal(findings[0]?.urn, open.urn);
        assert.match(findings[0]?.message ?? "", /security group us-east-1-postgres admits the whole internet \(0\.0\.0\.0\/0\) on tcp\/5432 .*PostgreSQL \(5432\)/);
    });

    it("names a rule on a data store's group that no required flow needs", () => {
        const { plan } = plannedStack("prod");
        const stray = ruleOn(postgresGroupOf(plan.resources), "us-east-1-postgres-office", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "192.168.0.0/16" });
        const findings = findingsOf([...plan.resources, stray]);
        assert.equal(findings.length, 1, findings.map((f) => f.message).join("\n"));
        assert.match(findings[0]?.message ?? "", /admits 192\.168\.0\.0\/16 on tcp\/5432 .*no required flow needs/);
    });

    it("reports through the policy runner as a mandatory violation", async () => {
        const { plan } = plannedStack("prod");
        const open = ruleOn(postgresGroupOf(plan.resources), "us-east-1-postgres-world", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" });
        const result = await runPolicies([networkFlows], [...plan.resources, open]);
        assert.deepEqual(
            result.violations.map((v) => [v.policy, v.enforcementLevel, v.urn]),
            [[networkFlows.name, "mandatory", open.urn]],
        );
    });
});

describe("strata-network-flows: the way back to the deployer", () => {
    it("names the deployer flow when the private route tables lose the route to the runner network", () => {
        const { plan } = plannedStack("prod");
        const toRunner = (r: PlanResource) => r.type === "aws:ec2/route:Route" && r.region === "eu-west-1" && r.inputs.destinationCidrBlock !== "0.0.0.0/0" && "transitGatewayId" in r.inputs;
        assert.ok(plan.resources.some(toRunner), "prod routes the runner network through the transit gateway");
        const messages = findingsOf(plan.resources.filter((r) => !toRunner(r))).map((f) => f.message);
        assert.ok(messages.length > 0);
        for (const m of messages) assert.match(m, /^flow deployer-to-api in eu-west-1 .*do not get back: subnet eu-west-1-private-az\d answers 10\.255\.0\.0\/24 through route eu-west-1-private-az\d-default \(0\.0\.0\.0\/0 → natGatewayId\)/);
    });
});

describe("strata-network-flows: the ports the load balancer really sends to", () => {
    it("names a target group whose health check drifted off the gateway's status port, and the blocked flow", () => {
        const { plan } = plannedStack("prod");
        const target = plan.resources.find((r) => r.type === "aws:lb/targetGroup:TargetGroup" && r.region === "us-east-1");
        assert.ok(target);
        const drifted = plan.resources.map((r) => (r.urn === target.urn ? { ...r, inputs: { ...r.inputs, healthCheck: { ...(r.inputs.healthCheck as object), port: "8021" } } } : r));
        const messages = findingsOf(drifted).map((f) => f.message);
        assert.ok(messages.some((m) => m.startsWith(`flow nlb-to-gateway: target group ${target.name} `) && /sends to port 8021, where its targets do not listen/.test(m)), messages.join("\n"));
        assert.ok(messages.some((m) => m.startsWith("flow nlb-to-gateway in us-east-1 ") && /tcp\/8021 is blocked/.test(m)), messages.join("\n"));
    });
});

describe("strata-network-flows in a first preview", () => {
    it("reads no id the deployment has yet to create, so it runs and finds the same", () => {
        const { plan } = plannedStack("prod");
        const unknownIds = (value: unknown): unknown => {
            if (typeof value === "string") return /^(sg|vpc|subnet|lt|nat|igw|rtb|tgw-attach)-[0-9a-f]{17}$/.test(value) ? UNKNOWN_STRING : value;
            if (Array.isArray(value)) return value.map(unknownIds);
            if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownIds(v)]));
            return value;
        };
        const { resources } = resolve(clone(plan.resources));
        for (const r of resources) r.props = policySdk.unknownCheckingProxy(unknownIds(r.props) as Record<string, unknown>);
        assert.deepEqual(evaluateFlows(resources, FLOW_FACTS, regionOf), []);
    });
});

describe("strata-network-flows in the README", () => {
    it("lists every required flow of the table, by id", () => {
        const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
        for (const flow of REQUIRED_FLOWS) assert.ok(readme.includes(`| \`${flow.id}\` |`), `README's flow table has ${flow.id}`);
    });
});
