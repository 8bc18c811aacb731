import { Source, Sourced } from "./source";

/*
 * Every port that crosses a security-group boundary, in one place: the chart values, the target groups, the
 * TargetGroupBindings, the security groups and the required-flow table (policies/rules/flows) all read them
 * here, so a chart bump that moves a port changes one constant. Each table lists the files it was read from,
 * at the pinned chart or app version.
 */

const CHECKED = "2026-12-02";

/** One port and what listens on it. */
export interface BoundaryPort {
    readonly port: number;
    readonly protocol: "tcp" | "udp";
    /** What listens: the chart or AWS service and the container or listener. */
    readonly listener: string;
}

const ISTIO = "1.26.8";
/** Read at 1.26.2, and again at 1.26.8 against the diff between the two tags (no port moved). */
const ISTIO_CHECKED = "2026-12-06";
const istio = (path: string, what: string): Source => ({ url: `https://github.com/istio/istio/blob/${ISTIO}/manifests/charts/${path}`, version: `istio ${what} ${ISTIO}`, checked: ISTIO_CHECKED });

/** eks-charts commit that releases aws-load-balancer-controller chart 1.14.1 (appVersion v2.14.1). */
const EKS_CHARTS = "7b027f2e6b4961a40c8db013ee86a32b8d7eddda";
/** FairwindsOps/charts commit of vpa chart 4.7.2 (appVersion 1.0.0); the repository has no chart tags. */
const FAIRWINDS = "13bfde7486ecdf1bf4667a1d6062795bc2747330";

/**
 * Ports of the istio/gateway chart's pods (its Service's targetPorts), at the pinned Istio. Envoy binds 80 and 443
 * for the Gateway servers (the pod lowers `ip_unprivileged_port_start` to 0); the pod declares only 15090 as a
 * containerPort, so a TargetGroupBinding `networking` rule must give these as numbers, not names. 15021 serves the
 * readiness probe the gateway injection template adds.
 */
export const GATEWAY_PORTS: Sourced<{ readonly http: BoundaryPort; readonly https: BoundaryPort; readonly health: BoundaryPort }> = {
    sources: [
        istio("gateway/values.yaml", "gateway"),
        istio("gateway/templates/service.yaml", "gateway"),
        istio("gateway/templates/deployment.yaml", "gateway"),
        istio("istio-control/istio-discovery/files/gateway-injection-template.yaml", "istiod"),
    ],
    rows: {
        http: { port: 80, protocol: "tcp", listener: "istio/gateway pod, Service port http2 (80) targetPort" },
        https: { port: 443, protocol: "tcp", listener: "istio/gateway pod, Service port https (443) targetPort" },
        health: { port: 15021, protocol: "tcp", listener: "istio/gateway pod status-port, /healthz/ready" },
    },
};

/**
 * Ports the control plane calls on pods: admission webhooks and aggregated APIs of the installed charts. Each
 * webhook's Service listens on 443 and forwards to the pod port below, and the API server connects to the pod's
 * address. The other charts run nothing the API server calls: cluster-autoscaler 9.46.6 (no webhook or APIService
 * template), the VPA recommender and updater, the gateway. kube-prometheus-stack enables the operator's
 * PrometheusRule webhooks by default and serves them from the operator pod's TLS port (`tls.internalPort`).
 */
export const WEBHOOK_PORTS: Sourced<Readonly<Record<"istiod" | "loadBalancerController" | "metricsServer" | "vpaAdmissionController" | "prometheusAdapter" | "prometheusOperator" | "certManager", BoundaryPort>>> = {
    sources: [
        istio("istio-control/istio-discovery/templates/service.yaml", "istiod"),
        istio("istio-control/istio-discovery/templates/deployment.yaml", "istiod"),
        istio("istio-control/istio-discovery/templates/mutatingwebhook.yaml", "istiod"),
        { url: `https://github.com/aws/eks-charts/blob/${EKS_CHARTS}/stable/aws-load-balancer-controller/templates/deployment.yaml`, version: "aws-load-balancer-controller chart 1.14.1", checked: CHECKED },
        { url: `https://github.com/aws/eks-charts/blob/${EKS_CHARTS}/stable/aws-load-balancer-controller/templates/service.yaml`, version: "aws-load-balancer-controller chart 1.14.1", checked: CHECKED },
        { url: "https://github.com/kubernetes-sigs/metrics-server/blob/metrics-server-helm-chart-3.12.2/charts/metrics-server/values.yaml", version: "metrics-server chart 3.12.2", checked: CHECKED },
        { url: "https://github.com/kubernetes-sigs/metrics-server/blob/metrics-server-helm-chart-3.12.2/charts/metrics-server/templates/deployment.yaml", version: "metrics-server chart 3.12.2", checked: CHECKED },
        { url: `https://github.com/FairwindsOps/charts/blob/${FAIRWINDS}/stable/vpa/templates/admission-controller-deployment.yaml`, version: "vpa chart 4.7.2", checked: CHECKED },
        { url: `https://github.com/FairwindsOps/charts/blob/${FAIRWINDS}/stable/vpa/templates/admission-controller-service.yaml`, version: "vpa chart 4.7.2", checked: CHECKED },
        { url: "https://github.com/kubernetes/autoscaler/blob/vertical-pod-autoscaler-1.0.0/vertical-pod-autoscaler/pkg/admission-controller/main.go", version: "VPA 1.0.0", checked: CHECKED },
        { url: "https://github.com/kubernetes/autoscaler/tree/cluster-autoscaler-chart-9.46.6/charts/cluster-autoscaler/templates", version: "cluster-autoscaler chart 9.46.6", checked: CHECKED },
        { url: "https://github.com/prometheus-community/helm-charts/blob/prometheus-adapter-4.14.1/charts/prometheus-adapter/values.yaml", version: "prometheus-adapter 4.14.1", checked: CHECKED },
        { url: "https://github.com/prometheus-community/helm-charts/blob/prometheus-adapter-4.14.1/charts/prometheus-adapter/templates/deployment.yaml", version: "prometheus-adapter 4.14.1", checked: CHECKED },
        { url: "https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-70.4.1/charts/kube-prometheus-stack/values.yaml", version: "kube-prometheus-stack 70.4.1", checked: CHECKED },
        { url: "https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-70.4.1/charts/kube-prometheus-stack/templates/prometheus-operator/deployment.yaml", version: "kube-prometheus-stack 70.4.1", checked: CHECKED },
        {
            url: "https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-70.4.1/charts/kube-prometheus-stack/templates/prometheus-operator/admission-webhooks/validatingWebhookConfiguration.yaml",
            version: "kube-prometheus-stack 70.4.1",
            checked: CHECKED,
        },
        { url: "https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/templates/webhook-deployment.yaml", version: "cert-manager v1.21.1", checked: "2026-12-06" },
    ],
    rows: {
        istiod: { port: 15017, protocol: "tcp", listener: "istiod sidecar-injector and validation webhook (Service 443 → 15017)" },
        loadBalancerController: { port: 9443, protocol: "tcp", listener: "aws-load-balancer-controller v2.14.1 webhook-server (Service 443 → 9443)" },
        metricsServer: { port: 10250, protocol: "tcp", listener: "metrics-server --secure-port (APIService v1beta1.metrics.k8s.io, Service 443 → 10250)" },
        vpaAdmissionController: { port: 8000, protocol: "tcp", listener: "VPA admission-controller --port default (Service 443 → 8000)" },
        prometheusAdapter: { port: 6443, protocol: "tcp", listener: "prometheus-adapter --secure-port (APIService custom.metrics.k8s.io, Service 443 → 6443)" },
        prometheusOperator: { port: 10250, protocol: "tcp", listener: "prometheus-operator PrometheusRule admission webhook, tls.internalPort (Service 443 → 10250)" },
        certManager: { port: 10250, protocol: "tcp", listener: "cert-manager webhook, webhook.securePort (Service 443 → 10250, hostNetwork off)" },
    },
};

/** Ports of the platform itself: the API server, kubelet, DNS, istiod's xDS, the data stores. */
export const PLATFORM_PORTS: Sourced<Readonly<Record<"kubernetesApi" | "kubelet" | "dns" | "istiodXds" | "postgres" | "redis", BoundaryPort>>> = {
    sources: [
        // EKS's minimum cluster-group rules: 443 (API), 10250 (kubelet), 53 TCP and UDP (DNS).
        { url: "https://github.com/awsdocs/amazon-eks-user-guide/blob/4d52b4d05e3478582e7d10a73cbd9ba9194dd5f7/latest/ug/networking/sec-group-reqs.adoc", version: "EKS user guide", checked: CHECKED },
        istio("istio-control/istio-discovery/templates/service.yaml", "istiod"),
        // "Currently, all proxies listen on port 5432 for PostgreSQL"; Aurora PostgreSQL's default port is 5432.
        { url: "https://github.com/awsdocs/amazon-aurora-user-guide/blob/7a931b460fab44aa012879002cf8c0e1a2a1d70e/doc_source/rds-proxy.md", version: "Aurora user guide (last revision before the repository was archived)", checked: CHECKED },
        { url: "https://github.com/awsdocs/amazon-aurora-user-guide/blob/7a931b460fab44aa012879002cf8c0e1a2a1d70e/doc_source/Aurora.Connecting.md", version: "Aurora user guide (last revision before the repository was archived)", checked: CHECKED },
        // "for Redis the default port is 6379"; the replication group sets it explicitly (components/redis).
        { url: "https://github.com/pulumi/pulumi-aws/blob/v7.48.0/sdk/nodejs/elasticache/replicationGroup.ts", version: "@pulumi/aws 7.48.0", checked: CHECKED },
    ],
    rows: {
        kubernetesApi: { port: 443, protocol: "tcp", listener: "EKS API server endpoint" },
        kubelet: { port: 10250, protocol: "tcp", listener: "kubelet on every node" },
        dns: { port: 53, protocol: "udp", listener: "CoreDNS (also tcp)" },
        istiodXds: { port: 15012, protocol: "tcp", listener: "istiod xDS and CA (sidecars and gateways connect)" },
        postgres: { port: 5432, protocol: "tcp", listener: "Aurora PostgreSQL and RDS Proxy" },
        redis: { port: 6379, protocol: "tcp", listener: "ElastiCache for Redis" },
    },
};
