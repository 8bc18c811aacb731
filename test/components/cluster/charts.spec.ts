import { strict as assert } from "assert";
import { ClusterChartsArgs, clusterCharts, coldClusterTimeoutSeconds, durationSeconds } from "../../../components/cluster/charts";

const args: ClusterChartsArgs = {
    clusterName: "strata-prod-eu-west-1",
    region: "eu-west-1",
    vpcId: "vpc-1",
    kubernetesVersion: "1.33",
    versions: { metricsServer: "3.12.2", clusterAutoscaler: "9.46.6", verticalPodAutoscaler: "4.7.2", awsLoadBalancerController: "1.14.1" },
    autoscaler: {
        expander: "least-waste",
        balanceSimilarNodeGroups: true,
        scaleDownUnneededTime: "10m",
        scaleDownDelayAfterAdd: "10m",
        scaleDownUtilizationThreshold: 0.5,
        maxNodeProvisionTime: "15m",
    },
    replicas: 2,
    clusterAutoscalerRoleArn: "arn:aws:iam::123456789012:role/ca",
    loadBalancerControllerRoleArn: "arn:aws:iam::123456789012:role/lbc",
};

const byName = () => Object.fromEntries(clusterCharts(args).map((c) => [c.name, c]));
type Values = Record<string, Record<string, unknown>>;

describe("cluster add-on charts", () => {
    it("installs metrics-server, the cluster autoscaler, the VPA and the load balancer controller at their pinned versions", () => {
        assert.deepEqual(
            clusterCharts(args).map((c) => [c.name, c.version, c.namespace]),
            [
                ["metrics-server", "3.12.2", "kube-system"],
                ["cluster-autoscaler", "9.46.6", "kube-system"],
                ["vpa", "4.7.2", "kube-system"],
                ["aws-load-balancer-controller", "1.14.1", "kube-system"],
            ],
        );
        for (const chart of clusterCharts(args)) assert.match(chart.repository, /^https:\/\//);
    });

    it("runs every controller on system nodes, tolerating their taint", () => {
        const charts = byName();
        for (const values of [charts["metrics-server"]!.values, charts["cluster-autoscaler"]!.values, charts["aws-load-balancer-controller"]!.values, (charts.vpa!.values as Values).recommender!]) {
            assert.deepEqual(values.nodeSelector, { "strata.io/node-role": "system" });
            assert.deepEqual(values.tolerations, [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }]);
        }
    });

    it("configures the autoscaler for this cluster: discovery, region, matching image, IRSA and scale-down settings", () => {
        const values = byName()["cluster-autoscaler"]!.values as Values & { extraArgs: Record<string, unknown> };
        assert.deepEqual(values.autoDiscovery, { clusterName: "strata-prod-eu-west-1" });
        assert.equal(values.awsRegion, "eu-west-1");
        assert.deepEqual(values.image, { tag: "v1.33.0" });
        assert.deepEqual((values.rbac as { serviceAccount: unknown }).serviceAccount, {
            create: true,
            name: "cluster-autoscaler",
            annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/ca" },
        });
        assert.equal(values.extraArgs.expander, "least-waste");
        assert.equal(values.extraArgs["scale-down-unneeded-time"], "10m");
        assert.equal(values.extraArgs["scale-down-utilization-threshold"], 0.5);
        assert.equal(values.extraArgs["balance-similar-node-groups"], true);
    });

    it("runs the VPA's recommender, updater and admission controller", () => {
        const values = byName().vpa!.values as Values;
        for (const part of ["recommender", "updater", "admissionController"]) assert.equal(values[part]?.enabled, true, part);
    });

    it("runs one VPA recommender and one updater, since VPA 1.0.0 elects no leader; the admission controller replicated", () => {
        const values = byName().vpa!.values as Values;
        assert.deepEqual(
            ["recommender", "updater", "admissionController"].map((part) => (values[part] as { replicaCount?: number }).replicaCount),
            [1, 1, 2],
        );
    });

    it("gives the load balancer controller its cluster, VPC, IRSA role and no service mutator", () => {
        const values = byName()["aws-load-balancer-controller"]!.values as Values;
        assert.equal(values.clusterName, "strata-prod-eu-west-1");
        assert.equal(values.vpcId, "vpc-1");
        assert.equal(values.enableServiceMutatorWebhook, false);
        assert.equal((values.serviceAccount as { annotations: Record<string, string> }).annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::123456789012:role/lbc");
    });
});

describe("Helm release timeouts", () => {
    it("wait for one node the autoscaler adds (its max-node-provision-time) plus Helm's own 300 s", () => {
        assert.equal(coldClusterTimeoutSeconds({ maxNodeProvisionTime: "15m" }), 1200);
        assert.equal(coldClusterTimeoutSeconds({ maxNodeProvisionTime: "1h30m" }), 5700);
    });

    it("read Go durations, and refuse anything else", () => {
        assert.equal(durationSeconds("1h2m3s"), 3723);
        assert.throws(() => durationSeconds("15 minutes"), /not a duration such as 15m/);
    });
});
