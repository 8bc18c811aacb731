import { strict as assert } from "assert";
import { cacheMemoryAlarms, cacheNodeIds, postgresConnectionAlarms, prometheusAlerts } from "../../../components/observability/alerts";
import { REQUESTS_PER_SECOND, adapterRules, unservedMetrics } from "../../../components/observability/metrics";

const thresholds = { errorRatePercent: 5, errorRateFor: "5m", p95LatencySeconds: 1, latencyFor: "5m", nodeCpuPercent: 80, nodeMemoryPercent: 80, resourceFor: "10m" };

describe("observability planning", () => {
    describe("adapter rules", () => {
        it("serve requests_per_second per pod from the mesh, for services that export nothing", () => {
            const [rule] = adapterRules({}).custom;
            assert.equal(rule?.name.as, REQUESTS_PER_SECOND);
            assert.match(rule?.seriesQuery ?? "", /^istio_requests_total\{.*reporter="destination"/);
            assert.deepEqual(rule?.resources.overrides, { namespace: { resource: "namespace" }, pod: { resource: "pod" } });
            assert.match(rule?.metricsQuery ?? "", /^sum\(rate\(<<\.Series>>\{<<\.LabelMatchers>>,reporter="destination"\}\[1m\]\)\) by \(<<\.GroupBy>>\)$/);
        });

        it("serve declared gauges and counters as Pods metrics, and declared external series as External metrics", () => {
            const rules = adapterRules({
                queue_length: { type: "pods", series: "queue_length", aggregation: "avg", window: "2m" },
                jobs_per_second: { type: "pods", series: "jobs_total", aggregation: "rate", window: "2m" },
                sqs_visible: { type: "external", series: "aws_sqs_approximate_number_of_messages_visible", aggregation: "max", window: "5m" },
            });
            assert.deepEqual(rules.custom.map((r) => r.name.as), [REQUESTS_PER_SECOND, "queue_length", "jobs_per_second"]);
            assert.equal(rules.custom[1]?.metricsQuery, "avg(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)");
            assert.equal(rules.custom[2]?.metricsQuery, "sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)");
            assert.deepEqual(rules.external.map((r) => [r.name.as, r.seriesQuery]), [["sqs_visible", "aws_sqs_approximate_number_of_messages_visible"]]);
        });
    });

    describe("consistency", () => {
        const declared = { queue_length: { type: "pods" as const, series: "queue_length", aggregation: "avg" as const, window: "2m" } };

        it("finds every HPA metric served", () => {
            assert.deepEqual(unservedMetrics({ pods: ["requests_per_second", "queue_length"], external: [] }, declared), []);
        });

        it("names each metric no rule serves, and each declared with the wrong type", () => {
            assert.deepEqual(
                unservedMetrics({ pods: ["latency_ms"], external: ["queue_length"] }, declared).map((p) => p.reason),
                ['no adapter rule serves the Pods metric "latency_ms"', '"queue_length" is declared as a pods metric, not an External metric'],
            );
        });
    });

    describe("alerts", () => {
        it("carry the requirements' thresholds, durations and severities", () => {
            const alerts = Object.fromEntries(prometheusAlerts(thresholds, "eu-west-1").map((a) => [a.alert, a]));
            assert.match(alerts.StrataHighErrorRate!.expr, /response_code=~"5\.\."[\s\S]*> 0\.05$/);
            assert.deepEqual([alerts.StrataHighErrorRate!.for, alerts.StrataHighErrorRate!.labels.severity], ["5m", "critical"]);
            assert.match(alerts.StrataHighLatencyP95!.expr, /^histogram_quantile\(0\.95, .*\) > 1000$/);
            assert.deepEqual([alerts.StrataHighLatencyP95!.for, alerts.StrataHighLatencyP95!.labels.severity], ["5m", "warning"]);
            assert.match(alerts.StrataRegionCpuHigh!.expr, /> 0\.8$/);
            assert.match(alerts.StrataRegionMemoryHigh!.expr, /> 0\.8$/);
        });

        it("alarm on connections above 90 % of each role's max_connections, not an absolute count", () => {
            const alarms = postgresConnectionAlarms(
                [
                    { identifier: "strata-prod-us-east-1-shard-0", role: "WRITER" },
                    { identifier: "strata-prod-eu-west-1-shard-0", role: "READER" },
                ],
                { WRITER: 3603, READER: 1801 },
                90,
            );
            assert.deepEqual(alarms[0]?.dimensions, { DBClusterIdentifier: "strata-prod-us-east-1-shard-0", Role: "WRITER" });
            assert.deepEqual([alarms[0]?.metricName, alarms[0]?.threshold, alarms[0]?.statistic], ["DatabaseConnections", 3242, "Maximum"]);
            assert.equal(alarms[1]?.threshold, 1620);
        });

        it("alarm on memory above 90 % on every cache node", () => {
            assert.deepEqual(cacheNodeIds("c", 2, 1), ["c-0001-001", "c-0001-002", "c-0002-001", "c-0002-002"]);
            const alarms = cacheMemoryAlarms("strata-prod-us-east-1", 3, 1, 90);
            assert.equal(alarms.length, 6);
            assert.deepEqual([alarms[0]?.metricName, alarms[0]?.threshold, alarms[0]?.dimensions], ["DatabaseMemoryUsagePercentage", 90, { CacheClusterId: "strata-prod-us-east-1-0001-001" }]);
        });
    });
});
