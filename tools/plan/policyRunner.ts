import {
    EnforcementLevel as PolicyEnforcementLevel,
    Policies,
    PolicyProviderResource,
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import { PlanPolicies, PlanResource, PlanViolation } from "./contract";

/*
 * Runs CrossGuard policies in-process over the resources the program registered, the way
 * `pulumi preview --policy-pack` would hand them over, without the gRPC server a PolicyPack starts.
 */

/** Thrown by `notApplicable()`: the policy does not apply to this resource. */
class NotApplicable extends Error {}

/** Values of a policy's config: the `default` of each property in its schema. */
function configDefaults(schema: Policies[number]["configSchema"]): Record<string, unknown> {
    return Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([key, property]) => [key, (property as { default?: unknown }).default]));
}

/**
 * A policy pack config as `pulumi preview --policy-pack-config FILE` takes it: per policy either an
 * enforcement level, or an object with `enforcementLevel` and the policy's config properties.
 */
export type PackConfig = Readonly<Record<string, PolicyEnforcementLevel | (Record<string, unknown> & { enforcementLevel?: PolicyEnforcementLevel })>>;

export function configured(policy: Policies[number], packConfig: PackConfig): { level: PolicyEnforcementLevel | undefined; values: Record<string, unknown> } {
    const entry = packConfig[policy.name];
    const defaults = configDefaults(policy.configSchema);
    if (typeof entry === "string") return { level: entry, values: defaults };
    if (!entry) return { level: policy.enforcementLevel, values: defaults };
    const { enforcementLevel, ...values } = entry;
    return { level: enforcementLevel ?? policy.enforcementLevel, values: { ...defaults, ...values } };
}

function levelOf(level: PolicyEnforcementLevel | undefined): PlanViolation["enforcementLevel"] | "disabled" {
    if (level === "disabled") return "disabled";
    return level === "mandatory" || level === "remediate" ? "mandatory" : "advisory";
}

export interface Resolved {
    readonly resources: PolicyResource[];
    readonly providers: Map<string, PolicyProviderResource>;
}

type PulumiType = { __pulumiType?: string };

/** The plan's resources as CrossGuard hands them to stack policies: parents, dependencies and providers linked. */
export function resolve(plan: readonly PlanResource[]): Resolved {
    const byUrn = new Map<string, PolicyResource>();
    const providers = new Map<string, PolicyProviderResource>();
    for (const r of plan) {
        if (r.type.startsWith("pulumi:providers:")) providers.set(r.urn, { type: r.type, props: r.inputs, urn: r.urn, name: r.name });
    }
    for (const r of plan) {
        const resource: PolicyResource = {
            type: r.type,
            props: r.inputs,
            urn: r.urn,
            name: r.name,
            opts: { protect: r.protect, ignoreChanges: [...r.ignoreChanges], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
            provider: r.provider ? providers.get(r.provider) : undefined,
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => (cls as PulumiType).__pulumiType === r.type,
            asType: (cls) => ((cls as PulumiType).__pulumiType === r.type ? (r.inputs as never) : undefined),
        };
        byUrn.set(r.urn, resource);
    }
    for (const r of plan) {
        const resource = byUrn.get(r.urn);
        if (!resource) continue;
        resource.parent = r.parent ? byUrn.get(r.parent) : undefined;
        resource.dependencies = r.dependencies.flatMap((d) => byUrn.get(d) ?? []);
        resource.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([key, urns]) => [key, urns.flatMap((u) => byUrn.get(u) ?? [])]));
    }
    return { resources: plan.flatMap((r) => byUrn.get(r.urn) ?? []), providers };
}

/** Applies every enabled policy to the plan's resources (secrets revealed, as the engine would). */
export async function runPolicies(policies: Policies, plan: readonly PlanResource[], packConfig: PackConfig = {}, stackTags: ReadonlyMap<string, string> = new Map()): Promise<PlanPolicies> {
    const { resources } = resolve(plan);
    const violations: PlanViolation[] = [];
    let evaluated = 0;
    for (const policy of policies) {
        const { level: configuredLevel, values: config } = configured(policy, packConfig);
        const level = levelOf(configuredLevel);
        if (level === "disabled") continue;
        evaluated++;
        const getConfig = <T extends object>() => config as T;
        const notApplicable = (reason?: string): never => {
            throw new NotApplicable(reason);
        };
        const report =
            (defaultUrn: string | null): ReportViolation =>
            (message, urn) =>
                violations.push({ policy: policy.name, enforcementLevel: level, urn: urn ?? defaultUrn, message });
        const guard = async (run: () => Promise<void> | void) => {
            try {
                await run();
            } catch (error) {
                if (!(error instanceof NotApplicable)) throw error;
            }
        };
        if ("validateResource" in policy && policy.validateResource) {
            const validations: ResourceValidation[] = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            for (const resource of resources) {
                const args: ResourceValidationArgs = {
                    type: resource.type,
                    props: resource.props,
                    urn: resource.urn,
                    name: resource.name,
                    opts: resource.opts,
                    provider: resource.provider,
                    stackTags,
                    isType: resource.isType,
                    asType: (cls) => resource.asType(cls) as never,
                    getConfig,
                    notApplicable,
                };
                for (const validate of validations) await guard(() => validate(args, report(resource.urn)));
            }
        }
        if ("validateStack" in policy && policy.validateStack) {
            const args: StackValidationArgs = { resources, stackTags, getConfig, notApplicable };
            const validate = policy.validateStack;
            await guard(() => validate(args, report(null)));
        }
    }
    return { evaluated, violations };
}

export const hasMandatoryViolation = (policies: PlanPolicies) => policies.violations.some((v) => v.enforcementLevel === "mandatory");
