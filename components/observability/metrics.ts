import { ISTIO_SIDECAR } from "../../catalog/metrics";

/*
 * The custom-metrics pipeline as data: which metrics the HPAs may name, the prometheus-adapter rules that
 * serve them, and the check that every HPA metric is served. No Pulumi inside.
 */

export type MetricType = "pods" | "external";

export interface MetricSource {
    readonly type: MetricType;
    /** The Prometheus series behind the metric. */
    readonly series: string;
    readonly aggregation: "avg" | "max" | "sum" | "rate";
    /** Range of the rate, e.g. "2m". */
    readonly window: string;
}

/** Built in: requests per second per pod, from the Istio sidecar of the receiving pod. */
export const REQUESTS_PER_SECOND = "requests_per_second";

/** prometheus-adapter rule (its `rules.custom` / `rules.external` entries). */
export interface AdapterRule {
    readonly seriesQuery: string;
    readonly resources: { readonly overrides: Record<string, { resource: string }> };
    readonly name: { readonly matches: string; readonly as: string };
    readonly metricsQuery: string;
}

const podResources = { overrides: { namespace: { resource: "namespace" }, pod: { resource: "pod" } } };

/** The mesh-derived rule: works for every service with a sidecar, whether or not it exports metrics. */
export const requestsPerSecondRule: AdapterRule = {
    seriesQuery: 'istio_requests_total{namespace!="",pod!="",reporter="destination"}',
    resources: podResources,
    name: { matches: "^istio_requests_total$", as: REQUESTS_PER_SECOND },
    metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>,reporter="destination"}[1m])) by (<<.GroupBy>>)',
};

function query(source: MetricSource): string {
    return source.aggregation === "rate"
        ? `sum(rate(<<.Series>>{<<.LabelMatchers>>}[${source.window}])) by (<<.GroupBy>>)`
        : `${source.aggregation}(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)`;
}

export function adapterRule(name: string, source: MetricSource): AdapterRule {
    const escaped = source.series.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return source.type === "pods"
        ? { seriesQuery: `${source.series}{namespace!="",pod!=""}`, resources: podResources, name: { matches: `^${escaped}$`, as: name }, metricsQuery: query(source) }
        : { seriesQuery: `${source.series}`, resources: { overrides: { namespace: { resource: "namespace" } } }, name: { matches: `^${escaped}$`, as: name }, metricsQuery: query(source) };
}

/** The adapter's rules: the built-in one plus every declared metric, split by API. */
export function adapterRules(declared: Readonly<Record<string, MetricSource>>): { custom: AdapterRule[]; external: AdapterRule[] } {
    const entries = Object.entries(declared).filter(([name]) => name !== REQUESTS_PER_SECOND);
    return {
        custom: [requestsPerSecondRule, ...entries.filter(([, s]) => s.type === "pods").map(([name, s]) => adapterRule(name, s))],
        external: entries.filter(([, s]) => s.type === "external").map(([name, s]) => adapterRule(name, s)),
    };
}

/** What an HPA names, by metric type. */
export interface HpaMetricNames {
    readonly pods: readonly string[];
    readonly external: readonly string[];
}

/** Every metric an HPA names that no adapter rule serves, with the reason. */
export function unservedMetrics(hpa: HpaMetricNames, declared: Readonly<Record<string, MetricSource>>): { type: MetricType; name: string; reason: string }[] {
    const problems: { type: MetricType; name: string; reason: string }[] = [];
    for (const name of hpa.pods) {
        if (name === REQUESTS_PER_SECOND) continue;
        const source = declared[name];
        if (!source) problems.push({ type: "pods", name, reason: `no adapter rule serves the Pods metric "${name}"` });
        else if (source.type !== "pods") problems.push({ type: "pods", name, reason: `"${name}" is declared as an ${source.type} metric, not a Pods metric` });
    }
    for (const name of hpa.external) {
        const source = declared[name];
        if (!source) problems.push({ type: "external", name, reason: `no adapter rule serves the External metric "${name}"` });
        else if (source.type !== "external") problems.push({ type: "external", name, reason: `"${name}" is declared as a ${source.type} metric, not an External metric` });
    }
    return problems;
}

/**
 * The PodMonitor of every Istio-injected pod, as Istio documents it for prometheus-operator: the sidecar declares only
 * Envoy's port, not the agent's merged endpoint, so a port filter on the merged port keeps nothing. Instead every
 * target of the `istio-proxy` container is kept and re-pointed at the port injection wrote into the pod's
 * prometheus.io/port annotation (catalog/metrics.ts, ISTIO_SIDECAR), where the agent serves Envoy's series (the
 * source of requests_per_second, error rate and latency) merged with the app's own. That endpoint is not intercepted
 * by the sidecar, so Prometheus reaches it without a mesh certificate under STRICT mTLS.
 */
export function sidecarPodMonitorSpec() {
    const sidecar = ISTIO_SIDECAR.rows;
    const address = { action: "replace", sourceLabels: ["__meta_kubernetes_pod_annotation_prometheus_io_port", "__meta_kubernetes_pod_ip"], targetLabel: "__address__" };
    return {
        namespaceSelector: { any: true },
        selector: { matchExpressions: [{ key: "istio-prometheus-ignore", operator: "DoesNotExist" }] },
        podMetricsEndpoints: [
            {
                path: sidecar.merged.path,
                interval: "15s",
                relabelings: [
                    { action: "keep", sourceLabels: ["__meta_kubernetes_pod_container_name"], regex: sidecar.container },
                    { action: "keep", sourceLabels: ["__meta_kubernetes_pod_annotationpresent_prometheus_io_scrape"] },
                    { ...address, regex: "(\\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4})", replacement: "[$2]:$1" },
                    { ...address, regex: "(\\d+);((([0-9]+?)(\\.|$)){4})", replacement: "$2:$1" },
                ],
            },
        ],
    };
}
