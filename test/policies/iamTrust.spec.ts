import { strict as assert } from "assert";
import { scopedServiceTrust, servicePrincipalTrust } from "../../components/iam";
import { iamTrustProblems } from "../../policies/rules/iamTrust";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

const ROLE = "aws:iam/role:Role";
const problemsOf = (resources: readonly PlanResource[]) => iamTrustProblems(resolve(resources).resources).map((p) => p.message);
const withTrust = (resources: readonly PlanResource[], name: string, trust: unknown): PlanResource[] =>
    resources.map((r) => (r.type === ROLE && r.name === name ? { ...r, inputs: { ...r.inputs, assumeRolePolicy: JSON.stringify(trust) } as JsonObject } : r));

describe("strata-iam-trust", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds every service role scoped to the account and every IRSA role pinned to one service account in the ${stack} plan`, () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(problemsOf(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-iam-trust"), []);
        });
    }

    it("the flow-log and monitoring roles name the stack's account and their kind of resource in their region", () => {
        const { plan } = plannedStack("prod");
        const trust = (name: string) => JSON.parse(String(plan.resources.find((r) => r.type === ROLE && r.name === name)!.inputs.assumeRolePolicy)) as { Statement: { Condition: unknown }[] };
        assert.deepEqual(trust("eu-west-1-flow-logs").Statement[0]!.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*" } });
        assert.deepEqual(trust("us-east-1-postgres-monitoring").Statement[0]!.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:rds:us-east-1:123456789012:db:*" } });
    });

    it("names a flow-log role any account's flow log could use", () => {
        const { plan } = plannedStack("prod");
        assert.deepEqual(problemsOf(withTrust(plan.resources, "us-east-1-flow-logs", servicePrincipalTrust("vpc-flow-logs.amazonaws.com"))), [
            "IAM role us-east-1-flow-logs trusts vpc-flow-logs.amazonaws.com without aws:SourceAccount: another account's resource could make the service assume it",
        ]);
    });

    it("names an IRSA role that any service account, or a pattern of them, could assume, and one without its audience", () => {
        const { plan } = plannedStack("prod");
        const role = plan.resources.find((r) => r.type === ROLE && r.name.endsWith("-certificates-cert-manager") && r.region === "us-east-1")!;
        const trust = JSON.parse(String(role.inputs.assumeRolePolicy)) as { Statement: { Principal: { Federated: string }; Condition: Record<string, Record<string, string>> }[] };
        const issuer = trust.Statement[0]!.Principal.Federated.split(":oidc-provider/")[1]!;
        const loose = { ...trust, Statement: [{ ...trust.Statement[0], Condition: { StringLike: { [`${issuer}:sub`]: "system:serviceaccount:cert-manager:*" } } }] };
        assert.deepEqual(problemsOf(withTrust(plan.resources, role.name, loose)), [
            `IAM role ${role.name} is assumable through ${issuer} by any service account; pin it to exactly one (StringEquals ${issuer}:sub system:serviceaccount:<namespace>:<name>)`,
            `IAM role ${role.name} does not pin ${issuer}:aud to sts.amazonaws.com`,
        ]);
    });

    it("refuses to scope a service AWS does not document as stating its source (a condition it never meets would lock it out)", () => {
        assert.throws(() => scopedServiceTrust("rds.amazonaws.com", "us-east-1", "123456789012"), /rds\.amazonaws\.com is not known to state its source account/);
    });
});
