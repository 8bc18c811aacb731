import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type * as k8sTypes from "@pulumi/kubernetes";
import type { RegionalObservabilityArgs } from "../../../components/observability";
import { cacheMemoryAlarms, postgresConnectionAlarms } from "../../../components/observability/alerts";
import { PlanResource, SECRET_MASK } from "../../../tools/plan/contract";
import { renderManifests } from "../../../tools/plan/manifests";
import { ofType, ready, record } from "../../harness";
import { validateObject } from "../../k8sSchema";

const args = (over: Partial<RegionalObservabilityArgs> = {}): RegionalObservabilityArgs => ({
    region: "eu-west-1",
    clusterName: "strata-prod-eu-west-1",
    namespace: "monitoring",
    chartVersions: { kubePrometheusStack: "70.4.1", prometheusAdapter: "4.14.1" },
    prometheus: { retention: "15d", storageGiB: 200, replicas: 2, cpu: "1", memory: "8Gi" },
    alertmanager: { replicas: 3, storageGiB: 5 },
    alerts: { errorRatePercent: 5, errorRateFor: "5m", p95LatencySeconds: 1, latencyFor: "5m", nodeCpuPercent: 80, nodeMemoryPercent: 80, resourceFor: "10m" },
    metrics: { queue_length: { type: "pods", series: "queue_length", aggregation: "avg", window: "2m" } },
    oidc: { providerArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC", issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC" },
    emails: ["oncall@example.com"],
    alarms: [...postgresConnectionAlarms([{ identifier: "strata-prod-eu-west-1-shard-0", role: "READER" }], { WRITER: 3603, READER: 3603 }, 90), ...cacheMemoryAlarms("strata-prod-eu-west-1", 2, 1, 90)],
    storageClassName: "gp3-encrypted",
    nodeGroups: [],
    helmTimeoutSeconds: 1200,
    ...over,
});

async function build(over: Partial<RegionalObservabilityArgs>, secrets: "mask" | "reveal" = "reveal"): Promise<PlanResource[]> {
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const k8s: typeof k8sTypes = await import("@pulumi/kubernetes");
    const { RegionalObservability } = await import("../../../components/observability");
    return record(() => {
        const provider = new aws.Provider("obs-aws", { region: "eu-west-1" });
        const kubernetes = new k8s.Provider("obs-k8s", { kubeconfig: "{}" });
        const nodeGroup = new aws.eks.NodeGroup("node-group-stand-in", { clusterName: "c", nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-1"], scalingConfig: { minSize: 1, maxSize: 1, desiredSize: 1 } }, { provider });
        new RegionalObservability("eu-west-1", { ...args(over), nodeGroups: [nodeGroup] }, { providers: { aws: provider, kubernetes } });
    }, secrets);
}

type Values = Record<string, Record<string, Record<string, unknown>>>;

describe("RegionalObservability", () => {
    let resources: PlanResource[];
    before(async () => {
        resources = await build({ webhookUrl: "https://hooks.example.com/T000/B000/XXXX" });
    });
    const release = (chart: string) => ofType(resources, "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === chart)!;

    it("installs the metrics stack and the adapter at pinned versions", () => {
        assert.equal(release("kube-prometheus-stack").inputs.version, "70.4.1");
        assert.equal(release("prometheus-adapter").inputs.version, "4.14.1");
        assert.ok(release("prometheus-adapter").dependencies.includes(release("kube-prometheus-stack").urn));
    });

    it("makes the metrics stack wait for the node groups, as long as a cold cluster needs", () => {
        const nodeGroup = resources.find((r) => r.name === "node-group-stand-in")!;
        assert.ok(release("kube-prometheus-stack").dependencies.includes(nodeGroup.urn));
        for (const chart of ["kube-prometheus-stack", "prometheus-adapter"]) assert.equal(release(chart).inputs.timeout, 1200, chart);
    });

    it("keeps Prometheus on encrypted volumes with the configured retention, replicas and region label", () => {
        const spec = (release("kube-prometheus-stack").inputs.values as Values).prometheus!.prometheusSpec as Record<string, unknown>;
        assert.equal(spec.retention, "15d");
        assert.equal(spec.replicas, 2);
        assert.deepEqual(spec.externalLabels, { region: "eu-west-1", cluster: "strata-prod-eu-west-1" });
        assert.deepEqual(spec.storageSpec, { volumeClaimTemplate: { spec: { storageClassName: "gp3-encrypted", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "200Gi" } } } } });
    });

    it("keeps Prometheus and Alertmanager off spot nodes, tolerating the system nodes; the operator and kube-state-metrics on system nodes", () => {
        const values = release("kube-prometheus-stack").inputs.values as Values;
        const onDemand = { nodeSelector: { "eks.amazonaws.com/capacityType": "ON_DEMAND" }, tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }] };
        for (const spec of [values.prometheus!.prometheusSpec, values.alertmanager!.alertmanagerSpec] as Record<string, unknown>[]) {
            assert.deepEqual([spec.nodeSelector, spec.tolerations], [onDemand.nodeSelector, onDemand.tolerations]);
        }
        for (const part of [values.prometheusOperator, values["kube-state-metrics"]] as unknown as Record<string, unknown>[]) assert.deepEqual(part.nodeSelector, { "strata.io/node-role": "system" });
    });

    it("scrapes every sidecar as Istio documents it for prometheus-operator: the istio-proxy target, re-pointed at its prometheus.io/port", () => {
        const monitor = ofType(resources, "kubernetes:monitoring.coreos.com/v1:PodMonitor").find((r) => (r.inputs.metadata as { name: string }).name === "istio-sidecars")!;
        const [endpoint] = (monitor.inputs.spec as { podMetricsEndpoints: Record<string, unknown>[] }).podMetricsEndpoints;
        assert.equal(endpoint!.path, "/stats/prometheus");
        assert.equal(endpoint!.targetPort, undefined, "no port filter: the sidecar declares only 15090");
        assert.deepEqual((endpoint!.relabelings as Record<string, unknown>[])[0], { action: "keep", sourceLabels: ["__meta_kubernetes_pod_container_name"], regex: "istio-proxy" });
    });

    it("serves requests_per_second from the mesh and every declared metric, and leaves resource metrics to metrics-server", () => {
        const rules = (release("prometheus-adapter").inputs.values as { rules: { default: boolean; custom: { name: { as: string } }[]; resource?: unknown } }).rules;
        assert.equal(rules.default, false);
        assert.equal(rules.resource, undefined);
        assert.deepEqual(rules.custom.map((r) => r.name.as), ["requests_per_second", "queue_length"]);
        const monitor = ofType(resources, "kubernetes:monitoring.coreos.com/v1:PodMonitor")[0]!;
        assert.equal((monitor.inputs.spec as { podMetricsEndpoints: { path: string }[] }).podMetricsEndpoints[0]?.path, "/stats/prometheus");
    });

    it("routes alerts to the region's encrypted SNS topic and to the chat webhook, kept secret", () => {
        const topic = ofType(resources, "aws:sns/topic:Topic")[0]!;
        assert.match(String(topic.inputs.kmsMasterKeyId), /^arn:aws:kms:eu-west-1:/);
        assert.equal(ofType(resources, "aws:sns/topicSubscription:TopicSubscription")[0]?.inputs.endpoint, "oncall@example.com");
        const config = (release("kube-prometheus-stack").inputs.values as Values).alertmanager!.config as { receivers: { name: string; sns_configs?: { topic_arn: string }[] }[]; route: { routes: { receiver: string }[] } };
        assert.deepEqual(config.receivers.map((r) => r.name), ["sns", "chat", "null"]);
        assert.match(String(config.receivers[0]?.sns_configs?.[0]?.topic_arn), /^arn:aws:sns:eu-west-1:/);
        assert.deepEqual(config.route.routes.map((r) => r.receiver), ["null", "chat", "sns"]);
        const secret = ofType(resources, "kubernetes:core/v1:Secret")[0]!;
        assert.equal((secret.inputs.metadata as { name: string }).name, "strata-alert-webhook");
    });

    it("never writes the webhook URL into a plan file", async () => {
        const masked = await build({ webhookUrl: "https://hooks.example.com/T000/B000/XXXX" }, "mask");
        assert.ok(!JSON.stringify(masked).includes("hooks.example.com"));
        assert.equal(ofType(masked, "kubernetes:core/v1:Secret")[0]?.inputs.stringData, SECRET_MASK);
    });

    it("defines the requirements' alerts as a PrometheusRule", () => {
        const rule = ofType(resources, "kubernetes:monitoring.coreos.com/v1:PrometheusRule")[0]!;
        const alerts = (rule.inputs.spec as { groups: { rules: { alert: string; for: string }[] }[] }).groups[0]!.rules;
        assert.deepEqual(alerts.map((a) => [a.alert, a.for]), [
            ["StrataHighErrorRate", "5m"],
            ["StrataHighLatencyP95", "5m"],
            ["StrataRegionCpuHigh", "10m"],
            ["StrataRegionMemoryHigh", "10m"],
        ]);
    });

    it("alarms on the data tier in CloudWatch, to the same topic", () => {
        const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.equal(alarms.length, 1 + 4);
        const topic = ofType(resources, "aws:sns/topic:Topic")[0]!;
        for (const alarm of alarms) {
            assert.equal(alarm.region, "eu-west-1");
            assert.ok(alarm.dependencies.includes(topic.urn));
            assert.equal(alarm.inputs.comparisonOperator, "GreaterThanThreshold");
        }
    });

    it("renders schema-valid monitoring objects", () => {
        const objects = renderManifests(resources).filter((m) => !m.path.includes("/helmrelease-"));
        assert.deepEqual(objects.map((m) => m.object.kind).sort(), ["Namespace", "PodMonitor", "PrometheusRule", "Secret"]);
        for (const manifest of objects) validateObject(manifest.object, manifest.path);
    });
});
