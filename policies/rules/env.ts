import { PolicyResource } from "@pulumi/policy";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Provider inputs that are objects reach the engine JSON-encoded; accept both forms. */
function decoded(value: unknown): unknown {
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** The `strata:environment` default tag of the provider a resource is created with, if any. */
export function environmentOf(resource: Pick<PolicyResource, "provider">): string | undefined {
    const defaultTags = decoded(resource.provider?.props?.defaultTags);
    const tags = isRecord(defaultTags) ? defaultTags.tags : undefined;
    const env = isRecord(tags) ? tags["strata:environment"] : undefined;
    return typeof env === "string" ? env : undefined;
}
