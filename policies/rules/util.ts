import { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { isRecord, list, num, Props, record, str } from "../../capacity/props";

/** Helpers every rule shares: typed views of props, grouping by cluster, and the config every rule reads. */

export { isRecord, list, num, record, str };
export type { Props };

/**
 * During `pulumi preview` CrossGuard throws on reading an input that is not known yet (a resource's id before it
 * exists); read such a value as `whenUnknown`. Conditions then count as holding, so the safe handling is demanded.
 */
export function orUnknown<T>(read: () => T, whenUnknown: T): T {
    try {
        return read();
    } catch (error) {
        if (error instanceof Error && "unknownTypeSentinel" in error) return whenUnknown;
        throw error;
    }
}

/** A value not known before deploy: an output of another resource, such as a key the same plan creates. */
export const UNKNOWN = Symbol("unknown during preview");

/** The input at `path`, or UNKNOWN while preview cannot know it. */
export const readInput = (r: { readonly props: Props }, ...path: string[]): unknown =>
    orUnknown(() => path.reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), r.props), UNKNOWN);

/** A finding of a rule, on the resource it names. */
export interface Problem {
    readonly resource: PolicyResource;
    readonly message: string;
}

/** Each resource's messages (undefined where a check found nothing) as problems named on that resource. */
export const problemsPerResource = (resources: readonly PolicyResource[], messagesOf: (r: PolicyResource) => readonly (string | undefined)[]): Problem[] =>
    resources.flatMap((resource) => messagesOf(resource).flatMap((message) => (message === undefined ? [] : [{ resource, message }])));

export const ofType = (args: StackValidationArgs, type: string) => args.resources.filter((r) => r.type === type);

/** A labels-like map (labels, selectors, annotations) with its string values only. */
export const labelsOf = (value: unknown): Record<string, string> => Object.fromEntries(Object.entries(record(value)).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));

/** Kubernetes object metadata. */
export const meta = (r: PolicyResource) => {
    const m = record(r.props.metadata);
    return { name: str(m.name) ?? r.name, namespace: str(m.namespace) ?? "default", labels: record(m.labels), annotations: record(m.annotations) };
};
export const spec = (r: PolicyResource): Props => record(r.props.spec);

/** Which cluster a Kubernetes object lives in: its provider, one per cluster. */
export const clusterKey = (r: PolicyResource) => r.provider?.urn ?? "default";

/** `namespace/name` within a cluster. */
export const objectKey = (r: PolicyResource) => `${clusterKey(r)}|${meta(r).namespace}/${meta(r).name}`;

export const dependsOn = (r: PolicyResource, target: PolicyResource) => r.dependencies.some((d) => d.urn === target.urn);

/** Provider inputs that are objects reach the engine JSON-encoded; accept both forms. */
export function decoded(value: unknown): unknown {
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** The AWS region a resource is created in (its provider's). */
export const regionOf = (r: { readonly props: Props; readonly provider?: { readonly props: Props } }) => str(r.props.region) ?? str(r.provider?.props?.region);

/** A config schema property with its default (the pack's defaults are prod's values: the safer ones). */
export const integer = (description: string, defaultValue: number) => ({ type: "integer" as const, description, default: defaultValue });
export const boolean = (description: string, defaultValue: boolean) => ({ type: "boolean" as const, description, default: defaultValue });

/** A label selector (matchLabels, matchExpressions) against labels. */
export function selects(selector: Props, labels: Readonly<Record<string, string>>): boolean {
    const byLabel = Object.entries(record(selector.matchLabels)).every(([key, value]) => labels[key] === value);
    const byExpression = list(selector.matchExpressions).every((raw) => {
        const e = record(raw);
        const key = str(e.key) ?? "";
        const values = list(e.values).map(String);
        switch (str(e.operator)) {
            case "In":
                return key in labels && values.includes(labels[key] as string);
            case "NotIn":
                return !(key in labels) || !values.includes(labels[key] as string);
            case "Exists":
                return key in labels;
            case "DoesNotExist":
                return !(key in labels);
            default:
                return false;
        }
    });
    return byLabel && byExpression;
}
