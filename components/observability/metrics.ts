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
