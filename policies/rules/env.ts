import { PolicyResource } from "@pulumi/policy";
import { decoded, isRecord } from "./util";

/** The `strata:environment` default tag of the provider a resource is created with, if any. */
export function environmentOf(resource: Pick<PolicyResource, "provider">): string | undefined {
    const defaultTags = decoded(resource.provider?.props?.defaultTags);
    const tags = isRecord(defaultTags) ? defaultTags.tags : undefined;
    const env = isRecord(tags) ? tags["strata:environment"] : undefined;
    return typeof env === "string" ? env : undefined;
}
