import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { serviceTrust } from "../../catalog/iam";
import { isRecord, list, record } from "./util";

/*
 * Who may assume each role of the plan. A role an AWS service assumes on the stack's behalf names the account (and,
 * where the service sets it, the resource) the request must come from, so another account's resource cannot make
 * the service act with it (the confused deputy); a role assumed through the cluster's OIDC provider is pinned to
 * exactly one service account. Pure: reads the roles' trust documents and catalog/iam.ts.
 */

const ROLE = "aws:iam/role:Role";

type Statement = Record<string, unknown>;

/** The trust document's statements, or undefined while it is not known (a preview before the account id resolves). */
function statements(role: PolicyResource): Statement[] | undefined {
    const raw = role.props.assumeRolePolicy;
    let document: unknown = raw;
    if (typeof raw === "string") {
        try {
            document = JSON.parse(raw);
        } catch {
            return undefined;
        }
    }
    return isRecord(document) ? list(document.Statement).map(record) : undefined;
}

const principals = (statement: Statement, kind: "Service" | "Federated") => {
    const value = record(statement.Principal)[kind];
    return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
};

/** The value a condition operator sets on a key, whatever the operator's case of nesting. */
const conditionValues = (statement: Statement, operator: string, key: string): string[] => {
    const value = record(record(statement.Condition)[operator])[key];
    return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
};

export function iamTrustProblems(resources: readonly PolicyResource[]): { resource: PolicyResource; message: string }[] {
    return resources
        .filter((r) => r.type === ROLE)
        .flatMap((role) => {
            const found = statements(role);
            if (!found) return [];
            return found.flatMap((statement) => {
                const problems: string[] = [];
                for (const service of principals(statement, "Service").filter((s) => serviceTrust(s) !== undefined)) {
                    if (conditionValues(statement, "StringEquals", "aws:SourceAccount").length !== 1) problems.push(`trusts ${service} without aws:SourceAccount: another account's resource could make the service assume it`);
                }
                for (const provider of principals(statement, "Federated").filter((p) => p.includes(":oidc-provider/"))) {
                    const issuer = provider.slice(provider.indexOf(":oidc-provider/") + ":oidc-provider/".length);
                    const subjects = conditionValues(statement, "StringEquals", `${issuer}:sub`);
                    const pinned = subjects.length === 1 && /^system:serviceaccount:[a-z0-9-]+:[a-z0-9-.]+$/.test(subjects[0] as string);
                    if (!pinned || Object.keys(record(statement.Condition)).some((op) => op.startsWith("StringLike"))) problems.push(`is assumable through ${issuer} by ${subjects.length === 0 ? "any service account" : subjects.join(", ")}; pin it to exactly one (StringEquals ${issuer}:sub system:serviceaccount:<namespace>:<name>)`);
                    if (!conditionValues(statement, "StringEquals", `${issuer}:aud`).includes("sts.amazonaws.com")) problems.push(`does not pin ${issuer}:aud to sts.amazonaws.com`);
                }
                return problems.map((p) => ({ resource: role, message: `IAM role ${role.name} ${p}` }));
            });
        });
}

export const iamTrust: StackValidationPolicy = {
    name: "strata-iam-trust",
    description: "Roles an AWS service assumes name the source account (confused deputy); roles assumed through the cluster's OIDC provider are pinned to one service account.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const problem of iamTrustProblems(args.resources)) reportViolation(problem.message, problem.resource.urn);
    },
};
