import { strict as assert } from "assert";
import { masterCredentialProblems } from "../../policies/rules/masterCredentials";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

const problemsOf = (resources: readonly PlanResource[]) => masterCredentialProblems(resolve(resources).resources).map((p) => p.message);
const find = (resources: readonly PlanResource[], type: string, name: string) => resources.find((r) => r.type === type && r.name === name)!;

describe("strata-master-credentials", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds the master passwords only in the clusters, their Secrets Manager copies and the bootstrap namespace in ${stack}`, () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(problemsOf(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-master-credentials"), []);
            const carriers = plan.resources.filter((r) => r.type.startsWith("kubernetes:") && Object.values(r.propertyDependencies).flat().some((u) => /randomPassword:RandomPassword::shard-\d+-password$/.test(u)));
            assert.deepEqual(carriers.map((r) => `${(r.inputs.metadata as { namespace: string }).namespace}/${(r.inputs.metadata as { name: string }).name}`), ["strata-db-bootstrap/postgres-master"]);
        });
    }

    it("lets no application service account read Secrets: the program's only grants are the scalers' get/patch on their own HPA", () => {
        for (const stack of ["dev", "prod"]) {
            const { plan } = plannedStack(stack);
            const rules = plan.resources.filter((r) => r.type.startsWith("kubernetes:rbac") && (r.type.endsWith(":Role") || r.type.endsWith(":ClusterRole"))).flatMap((r) => r.inputs.rules as { resources: string[]; verbs: string[] }[]);
            if (stack === "prod") assert.ok(rules.length > 0, "prod has the scalers' roles");
            for (const rule of rules) assert.deepEqual([rule.resources, rule.verbs], [["horizontalpodautoscalers"], ["get", "patch"]], stack);
            assert.equal(plan.resources.filter((r) => r.type.endsWith(":ClusterRoleBinding")).length, 0, stack);
            const bootstrap = plan.resources.filter((r) => (r.inputs.metadata as { namespace?: string } | undefined)?.namespace === "strata-db-bootstrap" && r.type.includes("rbac"));
            assert.deepEqual(bootstrap, [], "nothing is bound in the bootstrap namespace");
        }
    });

    it("names a Secret in the application namespace that carries a master password, however it got there", () => {
        const { plan } = plannedStack("prod");
        const master = find(plan.resources, "kubernetes:core/v1:Secret", "us-east-1-db-bootstrap-master");
        const leaked: PlanResource = { ...master, urn: `${master.urn}-leak`, name: "leaked", inputs: { ...master.inputs, metadata: { name: "strata-shard-credentials", namespace: "apps" } as JsonObject } };
        assert.deepEqual(problemsOf([...plan.resources, leaked]), [
            "Secret apps/strata-shard-credentials carries a data store's master credential outside the namespace that alone may hold it (labelled strata.io/holds-master-credentials); give the application its own identity instead",
        ]);
    });

    it("names an application Deployment moved into the namespace that holds the master passwords", () => {
        const { plan } = plannedStack("prod");
        const deployment = find(plan.resources, "kubernetes:apps/v1:Deployment", "us-east-1-api-deployment");
        const provider = find(plan.resources, "kubernetes:core/v1:Secret", "us-east-1-db-bootstrap-master").provider;
        const moved: PlanResource = { ...deployment, provider, inputs: { ...deployment.inputs, metadata: { ...(deployment.inputs.metadata as JsonObject), namespace: "strata-db-bootstrap" } } };
        assert.deepEqual(problemsOf(plan.resources.map((r) => (r.urn === deployment.urn ? moved : r))), ["Deployment strata-db-bootstrap/api runs in a namespace that holds master credentials; only the bootstrap Job may run there"]);
    });

    it("names an RDS Proxy that signs in with the master credentials' secret", () => {
        const { plan } = plannedStack("prod");
        const proxy = find(plan.resources, "aws:rds/proxy:Proxy", "us-east-1-shard-0-proxy");
        const secret = find(plan.resources, "aws:secretsmanager/secret:Secret", "shard-0-credentials");
        const withSecret: PlanResource = { ...proxy, inputs: { ...proxy.inputs, auths: [{ authScheme: "SECRETS", secretArn: "arn" }] }, propertyDependencies: { ...proxy.propertyDependencies, auths: [secret.urn] } };
        assert.deepEqual(problemsOf(plan.resources.map((r) => (r.urn === proxy.urn ? withSecret : r))), [
            "RDS Proxy us-east-1-shard-0-proxy signs in with the master credentials' secret; give it the applications' identities (IAM end to end, or their own secrets)",
        ]);
    });
});
