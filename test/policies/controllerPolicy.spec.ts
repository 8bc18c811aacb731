import { strict as assert } from "assert";
import { LOAD_BALANCER_CONTROLLER_POLICY } from "../../catalog/loadBalancerControllerPolicy";
import { controllerPolicyProblems } from "../../policies/rules/controllerPolicy";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const problemsOf = (resources: readonly PlanResource[]) => controllerPolicyProblems(resolve(resources).resources).map((p) => p.message);
const lbcPolicyName = (resources: readonly PlanResource[]) => resources.find((r) => r.type === ROLE_POLICY && r.name.endsWith("-aws-load-balancer-controller") && r.region === "us-east-1")!.name;
const withPolicy = (resources: readonly PlanResource[], name: string, document: unknown): PlanResource[] =>
    resources.map((r) => (r.type === ROLE_POLICY && r.name === name ? { ...r, inputs: { ...r.inputs, policy: JSON.stringify(document) } as JsonObject } : r));

describe("strata-controller-policy", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds the load balancer controller's role carrying exactly the policy published for v2.14.1 in every region of ${stack}`, () => {
            const { plan } = plannedStack(stack);
            const regions = new Set(plan.resources.filter((r) => r.type === "aws:eks/cluster:Cluster").map((r) => r.region));
            const policies = plan.resources.filter((r) => r.type === ROLE_POLICY && r.name.endsWith("-aws-load-balancer-controller"));
            assert.equal(policies.length, regions.size);
            for (const p of policies) assert.deepEqual(JSON.parse(String(p.inputs.policy)), LOAD_BALANCER_CONTROLLER_POLICY.rows.document);
            assert.deepEqual(problemsOf(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-controller-policy"), []);
        });
    }

    it("accepts the published document with its statements, actions and keys in another order", () => {
        const { plan } = plannedStack("prod");
        const published = LOAD_BALANCER_CONTROLLER_POLICY.rows.document;
        const shuffled = { Statement: [...published.Statement].reverse().map((s) => ({ Resource: s.Resource, Action: [...s.Action].reverse(), Effect: s.Effect, ...(s.Condition ? { Condition: s.Condition } : {}) })), Version: published.Version };
        assert.deepEqual(problemsOf(withPolicy(plan.resources, lbcPolicyName(plan.resources), shuffled)), []);
    });

    it("names a controller policy missing a statement and one with a statement of its own", () => {
        const { plan } = plannedStack("prod");
        const name = lbcPolicyName(plan.resources);
        const published = LOAD_BALANCER_CONTROLLER_POLICY.rows.document;
        const edited = { ...published, Statement: [...published.Statement.slice(1), { Effect: "Allow", Action: ["ec2:*"], Resource: "*" }] };
        assert.deepEqual(problemsOf(withPolicy(plan.resources, name, edited)), [
            `The AWS Load Balancer Controller's policy ${name} differs from the one published for v2.14.1: 1 of its statements missing, 1 not in it (catalog/loadBalancerControllerPolicy.ts)`,
        ]);
    });

    it("names a managed policy attached to the controller's role beside the published one", () => {
        const { plan } = plannedStack("prod");
        const policy = plan.resources.find((r) => r.type === ROLE_POLICY && r.name === lbcPolicyName(plan.resources))!;
        const attachment: PlanResource = { ...policy, urn: `${policy.urn}-admin`, type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: `${policy.name}-admin`, inputs: { role: policy.inputs.role ?? null, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, dependencies: policy.dependencies };
        assert.deepEqual(problemsOf([...plan.resources, attachment]), [
            `The AWS Load Balancer Controller's role ${policy.name} has a managed policy attached (arn:aws:iam::aws:policy/AdministratorAccess); it takes exactly the policy published for v2.14.1`,
        ]);
    });
});
