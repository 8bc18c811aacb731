import { strict as assert } from "assert";
import { identityLines } from "../../tools/plan/identities";
import { summarize } from "../../tools/plan/summary";
import { plannedStack } from "../planCommand";

describe("the plan's identities section", () => {
    it("shows each service's database role with its grants and regions, every cache user, and where the master passwords are (prod)", () => {
        const { plan } = plannedStack("prod");
        const lines = identityLines(plan);
        assert.equal(lines[1], "Identities");
        assert.ok(lines.includes("  postgres  svc_api: SELECT, INSERT, UPDATE, DELETE; IAM sign-in from us-east-1, eu-west-1, ap-southeast-1"));
        assert.ok(lines.includes("  postgres  svc_fund_data_service: SELECT; IAM sign-in from us-east-1, eu-west-1, ap-southeast-1"));
        assert.ok(lines.includes("  redis     eu-west-1 default: off -@all"));
        assert.ok(lines.includes("  redis     eu-west-1 api: on ~api:* &* +@all -@dangerous +info"));
        assert.equal(lines.filter((l) => l.startsWith("  redis")).length, 12, "a disabled default and three services in each of three regions");
        assert.equal(lines.at(-1), "  master credentials: 4 Secrets Manager secret(s); in a cluster only strata-db-bootstrap/postgres-master (us-east-1)");
        assert.ok(summarize(plan).includes(lines.join("\n")), "printed by npm run plan");
    });

    it("is absent from a plan without a data tier", () => {
        const { plan } = plannedStack("dev");
        assert.ok(identityLines(plan).length > 0);
        assert.deepEqual(identityLines({ ...plan, resources: plan.resources.filter((r) => !r.type.startsWith("aws:elasticache") && !r.type.startsWith("aws:iam")) }), []);
    });
});
