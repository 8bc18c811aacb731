import { JsonObject, JsonValue, PlanResource, SECRET_MASK } from "./contract";

/** One rendered Kubernetes object, placed as ../shared/plan-format.md describes. */
export interface Manifest {
    /** `<region>/<kind>-<namespace or _cluster>-<name>.yaml` (region `global` when unknown). */
    readonly path: string;
    readonly object: JsonObject;
}

const KUBERNETES = /^kubernetes:([^:]+):(.+)$/;
const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

const record = (value: JsonValue | undefined): JsonObject => (typeof value === "object" && value !== null && !Array.isArray(value) ? value : {});
const text = (value: JsonValue | undefined): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);

/** Keys the Kubernetes SDK adds to inputs that are not part of the object applied to the cluster. */
const ENGINE_ONLY = new Set(["apiVersion", "kind", "metadata"]);

function helmRelease(resource: PlanResource): Manifest {
    const inputs = resource.inputs;
    const namespace = text(inputs.namespace) ?? "default";
    const name = text(inputs.name) ?? resource.name;
    const repository = text(record(inputs.repositoryOpts).repo) ?? null;
    return {
        path: `${resource.region ?? "global"}/helmrelease-${namespace}-${name}.yaml`,
        object: { chart: inputs.chart ?? null, repository, version: inputs.version ?? null, namespace, name, values: inputs.values ?? {} },
    };
}

/** Annotation naming the fields whose whole value was a secret and is left empty in the file. */
export const MASKED_FIELDS_ANNOTATION = "strata.io/plan-masked-fields";

/**
 * A field that was secret as a whole (a Secret's `data`/`stringData`) becomes an empty map, so the file stays
 * schema-valid, and the annotation says which fields were withheld.
 */
function withMaskedFields(metadata: JsonObject, body: JsonObject): { metadata: JsonObject; body: JsonObject } {
    const masked = Object.keys(body).filter((key) => body[key] === SECRET_MASK && (key === "data" || key === "stringData"));
    if (masked.length === 0) return { metadata, body };
    const annotations = { ...record(metadata.annotations), [MASKED_FIELDS_ANNOTATION]: masked.join(",") };
    return { metadata: { ...metadata, annotations }, body: { ...body, ...Object.fromEntries(masked.map((key) => [key, {}])) } };
}

/** Every Kubernetes object and Helm release among the plan's resources, apply-ready. */
export function renderManifests(resources: readonly PlanResource[]): Manifest[] {
    const manifests: Manifest[] = [];
    for (const resource of resources) {
        if (!resource.custom) continue;
        if (resource.type === HELM_RELEASE) {
            manifests.push(helmRelease(resource));
            continue;
        }
        const match = KUBERNETES.exec(resource.type);
        if (!match) continue;
        const [, groupVersion = "", kind = ""] = match;
        if (kind.endsWith("List") || groupVersion.startsWith("yaml/") || groupVersion.startsWith("helm.sh/")) continue;
        const metadata = record(resource.inputs.metadata);
        const name = text(metadata.name) ?? resource.name;
        const namespace = text(metadata.namespace);
        const apiVersion = groupVersion.startsWith("core/") ? groupVersion.slice("core/".length) : groupVersion;
        const visible = withMaskedFields({ ...metadata, name }, Object.fromEntries(Object.entries(resource.inputs).filter(([key]) => !ENGINE_ONLY.has(key))));
        manifests.push({
            path: `${resource.region ?? "global"}/${kind.toLowerCase()}-${namespace ?? "_cluster"}-${name}.yaml`,
            object: { apiVersion, kind, metadata: visible.metadata, ...visible.body },
        });
    }
    return manifests;
}
