/*
 * Offline schema validation of rendered Kubernetes objects against the upstream OpenAPI schemas shipped
 * by kubernetes-models (core), @kubernetes-models/autoscaler (VPA), @kubernetes-models/istio and
 * @kubernetes-models/prometheus-operator (PodMonitor, PrometheusRule).
 */
interface Model {
    validate(): void;
}
type ModelClass = new (data: Record<string, unknown>) => Model;

const PACKAGES = ["kubernetes-models", "@kubernetes-models/autoscaler", "@kubernetes-models/istio", "@kubernetes-models/prometheus-operator"];

function modelFor(apiVersion: string, kind: string): ModelClass {
    const groupVersion = apiVersion.includes("/") ? apiVersion : `v1`;
    for (const pkg of PACKAGES) {
        try {
            const module = require(`${pkg}/${groupVersion}/${kind}`) as Record<string, ModelClass>;
            const model = module[kind];
            if (model) return model;
        } catch {
            // not in this package: try the next
        }
    }
    throw new Error(`no upstream schema known for ${apiVersion} ${kind}; add its kubernetes-models package to test/k8sSchema.ts`);
}

/** Throws with the JSON path of the first schema error, prefixed with what was validated. */
export function validateObject(object: Record<string, unknown>, label = ""): void {
    const apiVersion = String(object.apiVersion ?? "");
    const kind = String(object.kind ?? "");
    const Model = modelFor(apiVersion, kind);
    try {
        new Model(object).validate();
    } catch (error) {
        throw new Error(`${label || `${apiVersion} ${kind}`}: ${(error as Error).message}`);
    }
}
