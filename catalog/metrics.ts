import { Source, Sourced } from "./source";

/*
 * How a metric travels from a pod to an HPA, as the pinned projects implement it: what Istio's injection adds to a
 * pod (the sidecar's declared ports, the metrics-merging annotations), which targets prometheus-operator makes of a
 * PodMonitor, which PodMonitors kube-prometheus-stack's Prometheus selects, and which series the sidecar exports.
 * The strata-metric-paths rule (policies/rules/metrics) follows every HPA metric through these facts.
 */

const CHECKED = "2026-12-06";
const ISTIO = "1.26.8";
const istio = (path: string): Source => ({ url: `https://github.com/istio/istio/blob/${ISTIO}/${path}`, version: `istio ${ISTIO}`, checked: CHECKED });
const OPERATOR = "v0.81.0";
const operator = (path: string): Source => ({ url: `https://github.com/prometheus-operator/prometheus-operator/blob/${OPERATOR}/${path}`, version: `prometheus-operator ${OPERATOR}`, checked: CHECKED });

/** A container port as the pod spec declares it. */
export interface DeclaredPort {
    readonly name: string;
    readonly port: number;
}

export interface SidecarFacts {
    /** Name of the injected container. */
    readonly container: string;
    /** The only ports the injected container declares (the status port 15020 is not among them). */
    readonly declaredPorts: readonly DeclaredPort[];
    /** Labels injection adds to the pod when absent. */
    readonly podLabels: Readonly<Record<string, string>>;
    /** meshConfig.enablePrometheusMerge when unset. */
    readonly mergeByDefault: boolean;
    /** Pod annotation that turns merging off for one pod ("false"). */
    readonly mergeAnnotation: string;
    /**
     * With merging on, injection moves the pod's own prometheus.io/{scrape,port,path} annotations into the sidecar's
     * environment and points them at the agent: it then serves Envoy's and the app's metrics together here.
     */
    readonly merged: { readonly port: number; readonly path: string };
    /** Where the agent fetches the app's metrics when the pod's own annotations named no port or path. */
    readonly appDefaults: { readonly port: number; readonly path: string };
    /** Envoy's own endpoint: only the proxy's series. */
    readonly envoy: { readonly port: number; readonly path: string };
    /** Inbound ports the sidecar does not intercept (so a scraper without a mesh certificate reaches them). */
    readonly notIntercepted: readonly number[];
}

export const ISTIO_SIDECAR: Sourced<SidecarFacts> = {
    sources: [
        // L32-33 the tlsMode label; L57 and L108-111 the status port excluded from inbound capture; L187-190 the one declared port.
        istio("manifests/charts/istio-control/istio-discovery/files/injection-template.yaml"),
        // applyPrometheusMerge (L876-910): saves the app's annotations in ISTIO_PROMETHEUS_ANNOTATIONS, sets 15020 and /stats/prometheus.
        istio("pkg/kube/inject/webhook.go"),
        // EnablePrometheusMerge true and StatusPort 15020 by default (L53, L106).
        istio("pkg/config/mesh/mesh.go"),
        // L244-262: the agent merges the app's metrics, from /metrics on port 80 when the annotations named none.
        istio("pilot/cmd/pilot-agent/status/server.go"),
    ],
    rows: {
        container: "istio-proxy",
        declaredPorts: [{ name: "http-envoy-prom", port: 15090 }],
        podLabels: { "security.istio.io/tlsMode": "istio" },
        mergeByDefault: true,
        mergeAnnotation: "prometheus.istio.io/merge-metrics",
        merged: { port: 15020, path: "/stats/prometheus" },
        appDefaults: { port: 80, path: "/metrics" },
        envoy: { port: 15090, path: "/stats/prometheus" },
        notIntercepted: [15020, 15021, 15090],
    },
};

/**
 * Istio's standard metrics: the series every sidecar (and gateway) exports about the requests it proxies. Any other
 * series an HPA scales on comes from the application itself.
 */
export const ISTIO_STANDARD_SERIES: Sourced<readonly string[]> = {
    sources: [{ url: "https://istio.io/v1.26/docs/reference/config/metrics/", version: `istio ${ISTIO} (Istio Standard Metrics)`, checked: CHECKED }],
    rows: [
        "istio_requests_total",
        "istio_request_duration_milliseconds_bucket",
        "istio_request_duration_milliseconds_sum",
        "istio_request_duration_milliseconds_count",
        "istio_request_bytes_bucket",
        "istio_request_bytes_sum",
        "istio_request_bytes_count",
        "istio_response_bytes_bucket",
        "istio_response_bytes_sum",
        "istio_response_bytes_count",
        "istio_tcp_sent_bytes_total",
        "istio_tcp_received_bytes_total",
        "istio_tcp_connections_opened_total",
        "istio_tcp_connections_closed_total",
    ],
};

export interface PodMonitorFacts {
    /**
     * The port filter each field of a podMetricsEndpoint generates, in precedence order: the pod-role target of
     * every declared container port is kept only when the meta label equals the value. With none of them set,
     * every declared port is a target, and every container without ports is one target at the bare pod IP.
     */
    readonly portFilters: readonly { readonly field: "port" | "portNumber" | "targetPort"; readonly keeps: string }[];
    /** Labels set on every target before the endpoint's own relabelings run (these run last and may override them). */
    readonly targetLabels: Readonly<Record<string, string>>;
    /** The scrape path when an endpoint names none. */
    readonly defaultPath: string;
}

export const PROMETHEUS_OPERATOR: Sourced<PodMonitorFacts> = {
    sources: [
        // generatePodMonitorConfig: port filter L1384-1413, target labels L1415-1429, user relabelings appended L1475-1476.
        operator("pkg/prometheus/promcfg.go"),
        operator("pkg/apis/monitoring/v1/podmonitor_types.go"),
        // "For each declared port of a container, a single target is generated. If a container has no specified ports, a port-free target per container is created".
        { url: "https://github.com/prometheus/prometheus/blob/v3.2.1/docs/configuration/configuration.md", version: "Prometheus v3.2.1 (kube-prometheus-stack 70.4.1's image), kubernetes_sd_config pod role", checked: CHECKED },
    ],
    rows: {
        portFilters: [
            { field: "port", keeps: "__meta_kubernetes_pod_container_port_name" },
            { field: "portNumber", keeps: "__meta_kubernetes_pod_container_port_number" },
            { field: "targetPort", keeps: "__meta_kubernetes_pod_container_port_number or _name (deprecated)" },
        ],
        targetLabels: { namespace: "__meta_kubernetes_namespace", container: "__meta_kubernetes_pod_container_name", pod: "__meta_kubernetes_pod_name" },
        defaultPath: "/metrics",
    },
};

export interface MonitoringStackFacts {
    /** With `prometheus.prometheusSpec.podMonitorSelectorNilUsesHelmValues` true (the chart's default), only PodMonitors with this label, valued the release name, are selected; false selects every PodMonitor. */
    readonly podMonitorReleaseLabel: string;
    readonly podMonitorSelectorNilUsesHelmValuesDefault: boolean;
    /** The Prometheus Service: `<fullname>-prometheus` on this port. */
    readonly prometheusServiceSuffix: string;
    readonly prometheusPort: number;
}

export const KUBE_PROMETHEUS_STACK: Sourced<MonitoringStackFacts> = {
    sources: [
        { url: "https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-70.4.1/charts/kube-prometheus-stack/templates/prometheus/prometheus.yaml", version: "kube-prometheus-stack 70.4.1 (L188-197)", checked: CHECKED },
        { url: "https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-70.4.1/charts/kube-prometheus-stack/values.yaml", version: "kube-prometheus-stack 70.4.1 (L4078)", checked: CHECKED },
        { url: "https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-70.4.1/charts/kube-prometheus-stack/templates/prometheus/service.yaml", version: "kube-prometheus-stack 70.4.1", checked: CHECKED },
    ],
    rows: { podMonitorReleaseLabel: "release", podMonitorSelectorNilUsesHelmValuesDefault: true, prometheusServiceSuffix: "-prometheus", prometheusPort: 9090 },
};
