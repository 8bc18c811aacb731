/*
 * The requirements' alerts as data: PrometheusRule groups for what Prometheus sees (mesh error rate and
 * latency, node CPU and memory) and CloudWatch alarm specs for the AWS-managed data tier. No Pulumi inside.
 */

export interface AlertThresholds {
    /** Error rate (percent of requests answered 5xx) that pages. */
    readonly errorRatePercent: number;
    readonly errorRateFor: string;
    readonly p95LatencySeconds: number;
    readonly latencyFor: string;
    readonly nodeCpuPercent: number;
    readonly nodeMemoryPercent: number;
    readonly resourceFor: string;
}

export interface PrometheusAlert {
    readonly alert: string;
    readonly expr: string;
    readonly for: string;
    readonly labels: { readonly severity: "critical" | "warning" };
    readonly annotations: { readonly summary: string; readonly description: string };
}

const byWorkload = "destination_workload, destination_workload_namespace";

export function prometheusAlerts(t: AlertThresholds, region: string): PrometheusAlert[] {
    return [
        {
            alert: "StrataHighErrorRate",
            expr:
                `sum(rate(istio_requests_total{reporter="destination",response_code=~"5.."}[5m])) by (${byWorkload})\n` +
                `  / sum(rate(istio_requests_total{reporter="destination"}[5m])) by (${byWorkload}) > ${t.errorRatePercent / 100}`,
            for: t.errorRateFor,
            labels: { severity: "critical" },
            annotations: { summary: `{{ $labels.destination_workload }} in ${region} answers more than ${t.errorRatePercent} % of requests with 5xx`, description: "Error rate {{ $value | humanizePercentage }} over 5 minutes." },
        },
        {
            alert: "StrataHighLatencyP95",
            expr: `histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[5m])) by (le, ${byWorkload})) > ${t.p95LatencySeconds * 1000}`,
            for: t.latencyFor,
            labels: { severity: "warning" },
            annotations: { summary: `{{ $labels.destination_workload }} in ${region} has p95 latency above ${t.p95LatencySeconds} s`, description: "p95 {{ $value }} ms over 5 minutes." },
        },
        {
            alert: "StrataRegionCpuHigh",
            expr: `1 - avg(rate(node_cpu_seconds_total{mode="idle"}[5m])) > ${t.nodeCpuPercent / 100}`,
            for: t.resourceFor,
            labels: { severity: "warning" },
            annotations: { summary: `Nodes in ${region} use more than ${t.nodeCpuPercent} % of their CPU`, description: "Average CPU {{ $value | humanizePercentage }}; check the cluster autoscaler and node group maxima." },
        },
        {
            alert: "StrataRegionMemoryHigh",
            expr: `1 - sum(node_memory_MemAvailable_bytes) / sum(node_memory_MemTotal_bytes) > ${t.nodeMemoryPercent / 100}`,
            for: t.resourceFor,
            labels: { severity: "warning" },
            annotations: { summary: `Nodes in ${region} use more than ${t.nodeMemoryPercent} % of their memory`, description: "Memory {{ $value | humanizePercentage }}." },
        },
    ];
}

/** One CloudWatch alarm: a single metric compared with a threshold. */
export interface AlarmSpec {
    /** Stable suffix of the logical name. */
    readonly key: string;
    readonly description: string;
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Record<string, string>;
    readonly statistic: "Average" | "Maximum";
    readonly threshold: number;
    readonly periodSeconds: number;
    readonly evaluationPeriods: number;
}

/**
 * Connections above `percent` of the instance's max_connections on each shard's cluster: the writer in the
 * primary region, readers elsewhere. A share, not an absolute count: a writer sized for thousands of
 * connections serves far more than a fixed 80 in normal operation.
 */
export function postgresConnectionAlarms(
    clusters: readonly { identifier: string; role: "WRITER" | "READER" }[],
    maxConnections: Readonly<Record<"WRITER" | "READER", number>>,
    percent: number,
): AlarmSpec[] {
    return clusters.map((c) => {
        const threshold = Math.floor((maxConnections[c.role] * percent) / 100);
        return {
            key: `${c.identifier}-connections`,
            description: `More than ${threshold} connections (${percent} % of max_connections ${maxConnections[c.role]}) on the ${c.role.toLowerCase()} of ${c.identifier}`,
            namespace: "AWS/RDS",
            metricName: "DatabaseConnections",
            dimensions: { DBClusterIdentifier: c.identifier, Role: c.role },
            statistic: "Maximum",
            threshold,
            periodSeconds: 60,
            evaluationPeriods: 5,
        };
    });
}

/** Node ids of a cluster-mode replication group: `<id>-<shard:4>-<member:3>`. */
export function cacheNodeIds(replicationGroupId: string, shards: number, replicasPerShard: number): string[] {
    return Array.from({ length: shards }, (_, s) => Array.from({ length: replicasPerShard + 1 }, (__, m) => `${replicationGroupId}-${String(s + 1).padStart(4, "0")}-${String(m + 1).padStart(3, "0")}`)).flat();
}

/** Memory above the threshold on any node of the cache (ElastiCache reports it per node). */
export function cacheMemoryAlarms(replicationGroupId: string, shards: number, replicasPerShard: number, percent: number): AlarmSpec[] {
    return cacheNodeIds(replicationGroupId, shards, replicasPerShard).map((node) => ({
        key: `${node}-memory`,
        description: `${node} uses more than ${percent} % of its memory`,
        namespace: "AWS/ElastiCache",
        metricName: "DatabaseMemoryUsagePercentage",
        dimensions: { CacheClusterId: node },
        statistic: "Maximum",
        threshold: percent,
        periodSeconds: 60,
        evaluationPeriods: 5,
    }));
}
