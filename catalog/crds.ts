import { Sourced } from "./source";

/*
 * Which API groups Kubernetes serves itself, which kinds are cluster-scoped, and which pinned chart installs
 * the CustomResourceDefinitions of every other group the stack uses. The ordering rule
 * (policies/rules/ordering.ts) makes every custom resource wait for the release that installs its CRD.
 */

const CHECKED = "2026-12-02";

/** One chart's CRDs: the chart (as a Helm release names it), the API group and the kinds it defines. */
export interface CrdInstaller {
    /** Chart name, as `chart` of a `kubernetes:helm.sh/v3:Release`. */
    readonly chart: string;
    /** Chart repository the release pulls it from. */
    readonly repository: string;
    /** The chart version the kinds were read at (stacks/presets.ts pins it). */
    readonly version: string;
    readonly group: string;
    readonly kinds: readonly string[];
    /** Kinds of the group that are cluster-scoped (no namespace). */
    readonly clusterScoped: readonly string[];
}

export const CRD_INSTALLERS: Sourced<readonly CrdInstaller[]> = {
    sources: [
        { url: "https://github.com/istio/istio/blob/1.26.8/manifests/charts/base/files/crd-all.gen.yaml", version: "istio base 1.26.8", checked: CHECKED },
        { url: "https://github.com/istio/istio/blob/1.26.8/manifests/charts/base/templates/crds.yaml", version: "istio base 1.26.8", checked: CHECKED },
        { url: "https://github.com/prometheus-community/helm-charts/tree/kube-prometheus-stack-70.4.1/charts/kube-prometheus-stack/charts/crds/crds", version: "kube-prometheus-stack 70.4.1", checked: CHECKED },
        { url: "https://github.com/FairwindsOps/charts/blob/13bfde7486ecdf1bf4667a1d6062795bc2747330/stable/vpa/crds/vpa-v1-crd.yaml", version: "vpa 4.7.2", checked: CHECKED },
        { url: "https://github.com/aws/eks-charts/tree/7b027f2e6b4961a40c8db013ee86a32b8d7eddda/stable/aws-load-balancer-controller/crds", version: "aws-load-balancer-controller 1.14.1", checked: CHECKED },
        { url: "https://github.com/cert-manager/cert-manager/tree/v1.21.1/deploy/charts/cert-manager/templates", version: "cert-manager v1.21.1 (crd-*.yaml, rendered with crds.enabled)", checked: "2026-12-06" },
    ],
    rows: [
        {
            chart: "cert-manager",
            repository: "https://charts.jetstack.io",
            version: "v1.21.1",
            group: "cert-manager.io",
            kinds: ["Certificate", "CertificateRequest", "ClusterIssuer", "Issuer"],
            clusterScoped: ["ClusterIssuer"],
        },
        { chart: "cert-manager", repository: "https://charts.jetstack.io", version: "v1.21.1", group: "acme.cert-manager.io", kinds: ["Challenge", "Order"], clusterScoped: [] },
        {
            chart: "base",
            repository: "https://istio-release.storage.googleapis.com/charts",
            version: "1.26.8",
            group: "networking.istio.io",
            kinds: ["DestinationRule", "EnvoyFilter", "Gateway", "ProxyConfig", "ServiceEntry", "Sidecar", "VirtualService", "WorkloadEntry", "WorkloadGroup"],
            clusterScoped: [],
        },
        {
            chart: "base",
            repository: "https://istio-release.storage.googleapis.com/charts",
            version: "1.26.8",
            group: "security.istio.io",
            kinds: ["AuthorizationPolicy", "PeerAuthentication", "RequestAuthentication"],
            clusterScoped: [],
        },
        { chart: "base", repository: "https://istio-release.storage.googleapis.com/charts", version: "1.26.8", group: "telemetry.istio.io", kinds: ["Telemetry"], clusterScoped: [] },
        { chart: "base", repository: "https://istio-release.storage.googleapis.com/charts", version: "1.26.8", group: "extensions.istio.io", kinds: ["WasmPlugin"], clusterScoped: [] },
        {
            chart: "kube-prometheus-stack",
            repository: "https://prometheus-community.github.io/helm-charts",
            version: "70.4.1",
            group: "monitoring.coreos.com",
            kinds: ["Alertmanager", "AlertmanagerConfig", "PodMonitor", "Probe", "Prometheus", "PrometheusAgent", "PrometheusRule", "ScrapeConfig", "ServiceMonitor", "ThanosRuler"],
            clusterScoped: [],
        },
        {
            chart: "vpa",
            repository: "https://charts.fairwinds.com/stable",
            version: "4.7.2",
            group: "autoscaling.k8s.io",
            kinds: ["VerticalPodAutoscaler", "VerticalPodAutoscalerCheckpoint"],
            clusterScoped: [],
        },
        {
            chart: "aws-load-balancer-controller",
            repository: "https://aws.github.io/eks-charts",
            version: "1.14.1",
            group: "elbv2.k8s.aws",
            kinds: ["IngressClassParams", "TargetGroupBinding"],
            clusterScoped: ["IngressClassParams"],
        },
        { chart: "aws-load-balancer-controller", repository: "https://aws.github.io/eks-charts", version: "1.14.1", group: "aga.k8s.aws", kinds: ["GlobalAccelerator"], clusterScoped: [] },
        {
            chart: "aws-load-balancer-controller",
            repository: "https://aws.github.io/eks-charts",
            version: "1.14.1",
            group: "gateway.k8s.aws",
            kinds: ["ListenerRuleConfiguration", "LoadBalancerConfiguration", "TargetGroupConfiguration"],
            clusterScoped: [],
        },
    ],
};

/**
 * Charts whose templates create no pods (no Deployment, StatefulSet, DaemonSet, Job or Pod, hooks included): their
 * releases need no node to become ready, so they need not wait for a node group. istio base 1.26.8 renders CRDs, a
 * ValidatingAdmissionPolicy and its binding, the default-revision ValidatingWebhookConfiguration (failurePolicy
 * Ignore until istiod patches it) and a ServiceAccount.
 */
export const PODLESS_CHARTS: Sourced<readonly { readonly chart: string; readonly repository: string; readonly version: string }[]> = {
    sources: [{ url: "https://github.com/istio/istio/tree/1.26.8/manifests/charts/base/templates", version: "istio base 1.26.8", checked: CHECKED }],
    rows: [{ chart: "base", repository: "https://istio-release.storage.googleapis.com/charts", version: "1.26.8" }],
};

/** API groups the Kubernetes API server serves itself ("" is the core group): no CRD, no installer. */
export const BUILT_IN_API_GROUPS: Sourced<readonly string[]> = {
    sources: [{ url: "https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.33/", version: "Kubernetes 1.33", checked: CHECKED }],
    rows: [
        "",
        "admissionregistration.k8s.io",
        "apiextensions.k8s.io",
        "apiregistration.k8s.io",
        "apps",
        "authentication.k8s.io",
        "authorization.k8s.io",
        "autoscaling",
        "batch",
        "certificates.k8s.io",
        "coordination.k8s.io",
        "discovery.k8s.io",
        "events.k8s.io",
        "flowcontrol.apiserver.k8s.io",
        "networking.k8s.io",
        "node.k8s.io",
        "policy",
        "rbac.authorization.k8s.io",
        "resource.k8s.io",
        "scheduling.k8s.io",
        "storage.k8s.io",
    ],
};

/** Built-in kinds that are cluster-scoped; every other built-in kind lives in a namespace. */
export const CLUSTER_SCOPED_KINDS: Sourced<readonly string[]> = {
    sources: [{ url: "https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.33/", version: "Kubernetes 1.33", checked: CHECKED }],
    rows: [
        "APIService",
        "CertificateSigningRequest",
        "ClusterRole",
        "ClusterRoleBinding",
        "CSIDriver",
        "CSINode",
        "CustomResourceDefinition",
        "FlowSchema",
        "IngressClass",
        "MutatingWebhookConfiguration",
        "Namespace",
        "Node",
        "PersistentVolume",
        "PriorityClass",
        "PriorityLevelConfiguration",
        "RuntimeClass",
        "StorageClass",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration",
        "VolumeAttachment",
    ],
};

/** The API group of an apiVersion ("apps/v1" → "apps", "v1" → ""). */
export const apiGroupOf = (apiVersion: string): string => (apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "");

/** The installer of a custom kind, if the catalog knows one. */
export const crdInstallerOf = (group: string, kind: string): CrdInstaller | undefined => CRD_INSTALLERS.rows.find((row) => row.group === group && row.kinds.includes(kind));
