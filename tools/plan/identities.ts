import { MASTER_CREDENTIALS_LABEL, serviceRoleName } from "../../components/postgres/roles";
import { JsonObject, PlanFile, PlanResource } from "./contract";

/*
 * Who signs in to the data tier as whom, read back from the plan itself (not from config), so the summary shows
 * what `pulumi up` would create: each service's database role with its grants and the regions its IAM role signs
 * in from, each cache's users, and where the master credentials are.
 */

const meta = (r: PlanResource) => (r.inputs.metadata ?? {}) as { name?: string; namespace?: string; labels?: Record<string, string> };

function postgresLines(resources: readonly PlanResource[]): string[] {
    const regionsByUser = new Map<string, Set<string>>();
    for (const policy of resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && typeof r.inputs.policy === "string")) {
        const document = JSON.parse(String(policy.inputs.policy)) as { Statement?: { Action?: string[]; Resource?: string[] }[] };
        for (const statement of document.Statement ?? []) {
            if (!(statement.Action ?? []).includes("rds-db:connect") || !policy.name.endsWith("-irsa")) continue;
            for (const arn of statement.Resource ?? []) {
                const user = arn.slice(arn.lastIndexOf("/") + 1);
                regionsByUser.set(user, (regionsByUser.get(user) ?? new Set()).add(policy.region ?? "global"));
            }
        }
    }
    // The grants, as the bootstrap Job's SQL states them (one "-- <service>: <privileges>" line per service).
    const sql = resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap" && typeof (r.inputs.data as JsonObject | undefined)?.["roles.sql"] === "string");
    const grants = new Map<string, string>(
        sql.flatMap((r) => [...String((r.inputs.data as JsonObject)["roles.sql"]).matchAll(/^-- ([a-z0-9-]+): (.+)$/gm)].map((m) => [serviceRoleName(m[1] as string), m[2] as string] as const)),
    );
    return [...regionsByUser.entries()].map(([user, regions]) => `  postgres  ${user}: ${grants.get(user) ?? "no grants in the bootstrap SQL"}; IAM sign-in from ${[...regions].join(", ")}`);
}

function redisLines(resources: readonly PlanResource[]): string[] {
    return resources
        .filter((r) => r.type === "aws:elasticache/user:User")
        .map((r) => `  redis     ${r.region ?? "global"} ${String(r.inputs.userName)}: ${String(r.inputs.accessString)}`);
}

function masterLines(resources: readonly PlanResource[]): string[] {
    const holding = new Set(resources.filter((r) => r.type === "kubernetes:core/v1:Namespace" && meta(r).labels?.[MASTER_CREDENTIALS_LABEL] === "true").map((r) => `${r.region}|${meta(r).name}`));
    const secrets = resources.filter((r) => r.type === "kubernetes:core/v1:Secret" && holding.has(`${r.region}|${meta(r).namespace}`)).map((r) => `${meta(r).namespace}/${meta(r).name} (${r.region})`);
    const managed = resources.filter((r) => r.type === "aws:secretsmanager/secret:Secret" && /master/i.test(String(r.inputs.description ?? ""))).length;
    return [`  master credentials: ${managed} Secrets Manager secret(s); in a cluster only ${secrets.length > 0 ? secrets.join(", ") : "nowhere"}`];
}

/** The identities section of the plan summary; empty when the stack has no data tier. */
export function identityLines(plan: PlanFile): string[] {
    const lines = [...postgresLines(plan.resources), ...redisLines(plan.resources)];
    return lines.length === 0 ? [] : ["", "Identities", ...lines, ...masterLines(plan.resources)];
}
