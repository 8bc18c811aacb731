import { strict as assert } from "assert";
import { ISTIO_SIDECAR } from "../../catalog/metrics";
import { metricPaths } from "../../policies/rules/metricPaths";
import { metricPathProblems } from "../../policies/rules/metrics/paths";
import { PodView, relabel, scrapeTargets } from "../../policies/rules/metrics/scrape";
import { selects } from "../../policies/rules/util";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

/*
 * strata-metric-paths: every HPA metric followed from the HPA to a port the scaled pods declare, on the real plans,
 * and each link broken on purpose.
 */

const POD_MONITOR = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const problemsOf = (resources: readonly PlanResource[]) => metricPathProblems(resolve(resources).resources).map((p) => `${p.hpa.name} ${p.metric}: ${p.link}`);
const isSidecarMonitor = (r: PlanResource) => r.type === POD_MONITOR && (r.inputs.metadata as { name?: string }).name === "istio-sidecars";

/** The plan with every resource of a type that `match` takes rewritten by `change`. */
function edited(resources: readonly PlanResource[], match: (r: PlanResource) => boolean, change: (inputs: Record<string, unknown>) => Record<string, unknown>): PlanResource[] {
    return resources.map((r) => (match(r) ? { ...r, inputs: change(JSON.parse(JSON.stringify(r.inputs)) as Record<string, unknown>) as JsonObject } : r));
}

/** The PodMonitor the program rendered before the fix: a port filter on the merged port, which no container declares. */
const portFilteredMonitor = (inputs: Record<string, unknown>) => ({
    ...inputs,
    spec: {
        namespaceSelector: { any: true },
        selector: { matchExpressions: [{ key: "security.istio.io/tlsMode", operator: "Exists" }] },
        podMetricsEndpoints: [{ path: "/stats/prometheus", targetPort: 15020, interval: "15s" }],
    },
});

const chartIs = (chart: string) => (r: PlanResource) => r.type === RELEASE && r.inputs.chart === chart;

for (const stack of ["dev", "prod"]) {
    describe(`strata-metric-paths on the ${stack} plan`, () => {
        it("proves every metric of every HPA: the plan has no violation of the rule", () => {
            const { plan } = plannedStack(stack);
            assert.ok(plan.policies.evaluated > 0);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === metricPaths.name), []);
            assert.deepEqual(problemsOf(plan.resources), []);
        });

        it("refuses the PodMonitor that filtered on the merged port 15020, naming each HPA and the declared ports", () => {
            const { plan } = plannedStack(stack);
            const problems = problemsOf(edited(plan.resources, isSidecarMonitor, portFilteredMonitor));
            const regions = new Set(plan.resources.filter((r) => r.type === "aws:eks/cluster:Cluster").map((r) => r.region));
            // The api scales on requests_per_second (the sidecar's istio_requests_total) and queue_length (the app's own).
            const api = problems.filter((p) => / (requests_per_second|queue_length): /.test(p) && p.includes("-api-hpa"));
            assert.equal(api.length, 2 * regions.size, problems.join("\n"));
            assert.match(api[0]!, /PodMonitor monitoring\/istio-sidecars keeps no target of the pods: .*declared ports \(api:http 8080, istio-proxy:http-envoy-prom 15090\)/);
        });
    });
}

describe("strata-metric-paths: each broken link by name", () => {
    it("the app's own PodMonitor on its http port inside a STRICT mesh: the sidecar intercepts the port", () => {
        const { plan } = plannedStack("dev");
        const appMonitor = (inputs: Record<string, unknown>) => ({
            ...inputs,
            metadata: { name: "api", namespace: "apps" },
            spec: { selector: { matchLabels: { "app.kubernetes.io/name": "api" } }, podMetricsEndpoints: [{ port: "http", path: "/metrics", interval: "15s" }] },
        });
        const problems = problemsOf(edited(plan.resources, isSidecarMonitor, appMonitor));
        assert.ok(problems.some((p) => p.includes("queue_length: no scrape serves queue_length: PodMonitor apps/api scrapes api:8080/metrics, which the sidecar intercepts: STRICT mTLS refuses")), problems.join("\n"));
        assert.ok(problems.some((p) => p.includes("requests_per_second: no scrape serves istio_requests_total: PodMonitor apps/api scrapes api:8080/metrics, the app's container")), problems.join("\n"));
    });

    it("metrics merging turned off in istiod: the pod keeps its app annotations, so the sidecar target points at the app's port, which serves neither series", () => {
        const { plan } = plannedStack("dev");
        const noMerge = (inputs: Record<string, unknown>) => {
            const values = inputs.values as { meshConfig: Record<string, unknown> };
            values.meshConfig.enablePrometheusMerge = false;
            return inputs;
        };
        const problems = problemsOf(edited(plan.resources, chartIs("istiod"), noMerge));
        assert.ok(problems.some((p) => p.includes("queue_length: no scrape serves queue_length: PodMonitor monitoring/istio-sidecars scrapes istio-proxy:8080/stats/prometheus, which serves only the proxy's own series")), problems.join("\n"));
        assert.ok(problems.some((p) => p.includes("requests_per_second: no scrape serves istio_requests_total: PodMonitor monitoring/istio-sidecars scrapes istio-proxy:8080/stats/prometheus, which is not a sidecar metrics endpoint")), problems.join("\n"));
    });

    it("a PodMonitor Prometheus does not select: without the release label while podMonitorSelectorNilUsesHelmValues is true", () => {
        const { plan } = plannedStack("dev");
        const helmSelector = (inputs: Record<string, unknown>) => {
            const values = inputs.values as { prometheus: { prometheusSpec: Record<string, unknown> } };
            delete values.prometheus.prometheusSpec.podMonitorSelectorNilUsesHelmValues;
            return inputs;
        };
        const problems = problemsOf(edited(plan.resources, chartIs("kube-prometheus-stack"), helmSelector));
        assert.ok(problems.some((p) => p.includes("no PodMonitor that Prometheus selects takes the pods of api (1 lack the label release: kube-prometheus-stack")), problems.join("\n"));
    });

    it("an HPA metric no adapter rule serves, and an adapter rule without the pod label", () => {
        const { plan } = plannedStack("dev");
        const withoutQueue = (inputs: Record<string, unknown>) => {
            const rules = (inputs.values as { rules: { custom: { name: { as: string }; resources: { overrides: Record<string, unknown> } }[] } }).rules;
            rules.custom = rules.custom.filter((r) => r.name.as !== "queue_length");
            delete rules.custom[0]!.resources.overrides.pod;
            return inputs;
        };
        const problems = problemsOf(edited(plan.resources, chartIs("prometheus-adapter"), withoutQueue));
        assert.ok(problems.some((p) => p.endsWith('queue_length: no prometheus-adapter custom rule serves "queue_length"')), problems.join("\n"));
        assert.ok(problems.some((p) => p.endsWith('requests_per_second: the adapter rule for "requests_per_second" maps no pod label to its resource, so it cannot serve a per-pod metric')), problems.join("\n"));
    });

    it("no metrics-server for the resource metrics", () => {
        const { plan } = plannedStack("dev");
        const problems = problemsOf(plan.resources.filter((r) => !chartIs("metrics-server")(r)));
        assert.ok(problems.some((p) => p.endsWith("cpu: no metrics-server release serves the resource metrics API (metrics.k8s.io)")), problems.join("\n"));
    });
});

describe("PodMonitor targets as prometheus-operator generates them", () => {
    const sidecar = ISTIO_SIDECAR.rows;
    const pod: PodView = {
        namespace: "apps",
        name: "api-1",
        labels: { "app.kubernetes.io/name": "api", ...sidecar.podLabels },
        annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": String(sidecar.merged.port), "prometheus.io/path": sidecar.merged.path },
        containers: [
            { name: "api", ports: [{ name: "http", port: 8080 }] },
            { name: sidecar.container, ports: sidecar.declaredPorts },
        ],
    };

    it("without a port filter: one target per declared port, a port-less container at the bare address (port 80)", () => {
        const targets = scrapeTargets({ namespace: "apps", spec: { selector: {}, podMetricsEndpoints: [{}] } }, { ...pod, containers: [...pod.containers, { name: "worker", ports: [] }] });
        assert.deepEqual(
            targets.map((t) => `${t.container}:${t.port}${t.path}`),
            ["api:8080/metrics", "istio-proxy:15090/metrics", "worker:80/metrics"],
        );
        assert.deepEqual([targets[0]!.labels.namespace, targets[0]!.labels.pod, targets[0]!.labels.container], ["apps", "api-1", "api"]);
    });

    it("port, portNumber and targetPort keep only a declared port that matches", () => {
        const endpoint = (e: Record<string, unknown>) => scrapeTargets({ namespace: "apps", spec: { selector: {}, podMetricsEndpoints: [e] } }, pod).map((t) => `${t.container}:${t.port}`);
        assert.deepEqual(endpoint({ port: "http" }), ["api:8080"]);
        assert.deepEqual(endpoint({ portNumber: 15090 }), ["istio-proxy:15090"]);
        assert.deepEqual(endpoint({ targetPort: 15020 }), []);
    });

    it("takes only pods in its namespaces that its selector matches", () => {
        const spec = { selector: { matchLabels: { "app.kubernetes.io/name": "api" } }, podMetricsEndpoints: [{}] };
        assert.equal(scrapeTargets({ namespace: "monitoring", spec }, pod).length, 0);
        assert.equal(scrapeTargets({ namespace: "monitoring", spec: { ...spec, namespaceSelector: { matchNames: ["apps"] } } }, pod).length, 2);
        assert.equal(scrapeTargets({ namespace: "monitoring", spec: { ...spec, namespaceSelector: { any: true }, selector: { matchLabels: { "app.kubernetes.io/name": "web" } } } }, pod).length, 0);
    });

    it("label selectors: matchLabels and the four expression operators", () => {
        const labels = { a: "1", b: "2" };
        assert.ok(selects({ matchLabels: { a: "1" }, matchExpressions: [{ key: "b", operator: "In", values: ["2", "3"] }, { key: "c", operator: "DoesNotExist" }] }, labels));
        assert.ok(!selects({ matchExpressions: [{ key: "a", operator: "NotIn", values: ["1"] }] }, labels));
        assert.ok(!selects({ matchExpressions: [{ key: "c", operator: "Exists" }] }, labels));
    });

    it("relabelings: keep, drop, replace with groups, labeldrop", () => {
        const start = { __address__: "10.0.0.1:15090", __meta_kubernetes_pod_annotation_prometheus_io_port: "15020", __meta_kubernetes_pod_ip: "10.0.0.1", x_1: "a" };
        assert.equal(relabel(start, { action: "keep", sourceLabels: ["x_1"], regex: "b" }), undefined);
        assert.equal(relabel(start, { action: "drop", sourceLabels: ["x_1"], regex: "a" }), undefined);
        const moved = relabel(start, { sourceLabels: ["__meta_kubernetes_pod_annotation_prometheus_io_port", "__meta_kubernetes_pod_ip"], regex: "(\\d+);((([0-9]+?)(\\.|$)){4})", replacement: "$2:$1", targetLabel: "__address__" });
        assert.equal(moved?.__address__, "10.0.0.1:15020");
        assert.deepEqual(Object.keys(relabel(start, { action: "labeldrop", regex: "x_.*" }) ?? {}).includes("x_1"), false);
    });

    it("the program's sidecar PodMonitor re-points the istio-proxy target at the merged endpoint, and keeps nothing else", async () => {
        const { sidecarPodMonitorSpec } = await import("../../components/observability/metrics");
        const targets = scrapeTargets({ namespace: "monitoring", spec: sidecarPodMonitorSpec() }, pod);
        assert.deepEqual(
            targets.map((t) => `${t.container}:${t.port}${t.path}`),
            [`istio-proxy:${sidecar.merged.port}${sidecar.merged.path}`],
        );
    });
});
