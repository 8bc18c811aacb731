import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ControllerPolicy, LOAD_BALANCER_CONTROLLER_POLICY } from "../../catalog/loadBalancerControllerPolicy";
import { decoded, dependsOn, isRecord, list, record } from "./util";

/*
 * A controller's IAM role carries exactly the policy its project publishes for the pinned version
 * (catalog/loadBalancerControllerPolicy.ts): a missing statement breaks the controller at the first call it makes,
 * an extra one is privilege nobody reviewed. The controller's role is the one its service account's trust names.
 */

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

const CONTROLLERS: readonly { readonly name: string; readonly policy: ControllerPolicy }[] = [{ name: "AWS Load Balancer Controller", policy: LOAD_BALANCER_CONTROLLER_POLICY.rows }];

/** A statement in a form two equal statements share, whatever the order of keys and actions. */
function canonical(statement: unknown): string {
    const sortDeep = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(sortDeep).map((v) => JSON.stringify(v)).sort().map((v) => JSON.parse(v) as unknown);
        if (isRecord(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortDeep(value[k])]));
        return value;
    };
    const s = record(statement);
    // One action or resource is the same grant as a list holding it.
    const asList = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? undefined : [v]);
    return JSON.stringify(sortDeep({ ...s, Action: asList(s.Action), Resource: asList(s.Resource), Sid: undefined }));
}

const statementsOf = (document: unknown): string[] => list(record(decoded(document)).Statement).map(canonical);

/** Whether the role's trust lets exactly this service account assume it. */
function trusts(role: PolicyResource, account: ControllerPolicy["serviceAccount"]): boolean {
    const subject = `system:serviceaccount:${account.namespace}:${account.name}`;
    return list(record(decoded(role.props.assumeRolePolicy)).Statement).some((statement) =>
        Object.values(record(record(record(statement).Condition).StringEquals)).some((value) => value === subject),
    );
}

export function controllerPolicyProblems(resources: readonly PolicyResource[]): { resource: PolicyResource; message: string }[] {
    const roles = resources.filter((r) => r.type === ROLE);
    return CONTROLLERS.flatMap(({ name, policy }) =>
        roles
            .filter((role) => trusts(role, policy.serviceAccount))
            .flatMap((role) => {
                // The policy names the role by its id, which a preview does not know yet; the dependency is always there.
                const ofRole = (r: PolicyResource) => dependsOn(r, role);
                const inline = resources.filter((r) => r.type === ROLE_POLICY && ofRole(r));
                const attached = resources.filter((r) => r.type === ATTACHMENT && ofRole(r));
                const expected = statementsOf(policy.document);
                const problems: { resource: PolicyResource; message: string }[] = [];
                for (const extra of attached) problems.push({ resource: extra, message: `The ${name}'s role ${role.name} has a managed policy attached (${String(extra.props.policyArn)}); it takes exactly the policy published for ${policy.controllerVersion}` });
                if (inline.length !== 1) {
                    problems.push({ resource: role, message: `The ${name}'s role ${role.name} has ${inline.length} inline policies; it takes exactly one, the policy published for ${policy.controllerVersion} (catalog/loadBalancerControllerPolicy.ts)` });
                    return problems;
                }
                const document = inline[0] as PolicyResource;
                if (document.props.policy === undefined) return problems;
                const planned = statementsOf(document.props.policy);
                const missing = expected.filter((s) => !planned.includes(s)).length;
                const extra = planned.filter((s) => !expected.includes(s)).length;
                if (missing + extra > 0) {
                    problems.push({
                        resource: document,
                        message: `The ${name}'s policy ${document.name} differs from the one published for ${policy.controllerVersion}: ${missing} of its statements missing, ${extra} not in it (catalog/loadBalancerControllerPolicy.ts)`,
                    });
                }
                return problems;
            }),
    );
}

export const controllerPolicy: StackValidationPolicy = {
    name: "strata-controller-policy",
    description: "Each controller's IAM role carries exactly the policy its project publishes for the pinned version.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const problem of controllerPolicyProblems(args.resources)) reportViolation(problem.message, problem.resource.urn);
    },
};
