/*
 * Offline schema validation of rendered Kubernetes objects against the upstream OpenAPI schemas shipped
 * by kubernetes-models (core), @kubernetes-models/autoscaler (VPA), @kubernetes-models/istio,
 * @kubernetes-models/prometheus-operator (PodMonitor, PrometheusRule) and @kubernetes-models/cert-manager (Certificate,
 * ClusterIssuer).
 */
interface Model {
    validate(): void;
}
type ModelClass = new (data: Record<string, unknown>) => Model;

const PACKAGES = ["kubernetes-models", "@kubernetes-models/autoscaler", "@kubernetes-models/istio", "@kubernetes-models/prometheus-operator", "@kubernetes-models/cert-manager"];

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

/**
 * The AWS Load Balancer Controller publishes no model package: its TargetGroupBinding is checked here
 * against the CRD's fields (elbv2.k8s.aws/v1beta1), unknown fields included.
 */
function validateTargetGroupBinding(object: Record<string, unknown>): void {
    const spec = (object.spec ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    const allowed = ["serviceRef", "targetGroupARN", "targetGroupName", "targetType", "networking", "nodeSelector", "ipAddressType", "vpcID", "multiClusterTargetGroup"];
    for (const key of Object.keys(spec)) if (!allowed.includes(key)) problems.push(`/spec/${key} is not a TargetGroupBinding field`);
    const ref = (spec.serviceRef ?? {}) as Record<string, unknown>;
    if (typeof ref.name !== "string") problems.push("/spec/serviceRef/name must be a string");
    if (typeof ref.port !== "number" && typeof ref.port !== "string") problems.push("/spec/serviceRef/port must be a number or a name");
    if (typeof spec.targetGroupARN !== "string" && typeof spec.targetGroupName !== "string") problems.push("/spec/targetGroupARN or targetGroupName is required");
    if (spec.targetType !== undefined && spec.targetType !== "ip" && spec.targetType !== "instance") problems.push("/spec/targetType must be ip or instance");
    if (problems.length > 0) throw new Error(problems.join("; "));
}

const LOCAL_VALIDATORS: Record<string, (object: Record<string, unknown>) => void> = {
    "elbv2.k8s.aws/v1beta1/TargetGroupBinding": validateTargetGroupBinding,
};

/** Throws with the JSON path of the first schema error, prefixed with what was validated. */
export function validateObject(object: Record<string, unknown>, label = ""): void {
    const apiVersion = String(object.apiVersion ?? "");
    const kind = String(object.kind ?? "");
    const local = LOCAL_VALIDATORS[`${apiVersion}/${kind}`];
    try {
        if (local) local(object);
        else new (modelFor(apiVersion, kind))(object).validate();
    } catch (error) {
        throw new Error(`${label || `${apiVersion} ${kind}`}: ${(error as Error).message}`);
    }
}
