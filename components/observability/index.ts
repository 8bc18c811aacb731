import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SYSTEM_PLACEMENT } from "../cluster/nodeGroups";
import { customerKey } from "../customerKey";
import { serviceAccountRole } from "../cluster/irsa";
import { AlarmSpec, AlertThresholds, prometheusAlerts } from "./alerts";
import { MetricSource, adapterRules, sidecarPodMonitorSpec } from "./metrics";
import { KUBE_PROMETHEUS_STACK } from "../../catalog/metrics";
import { CAPACITY_TYPE_LABEL } from "../../catalog/eks";
import { Placement, VolumeClaimTemplate } from "../../catalog/chartValues/common";
import { AlertmanagerReceiver, KubePrometheusStackValues, PrometheusAdapterValues } from "../../catalog/chartValues/prometheus";

/** Release name prefix of the metrics stack: services are `strata-prometheus` and `strata-alertmanager`. */
const STACK_NAME = "strata";
const ALERTMANAGER_ACCOUNT = `${STACK_NAME}-alertmanager`;
const WEBHOOK_SECRET = "strata-alert-webhook";
/**
 * Prometheus and Alertmanager keep their data on EBS volumes and run on on-demand nodes only (catalog/eks.ts,
 * CAPACITY_TYPE_LABEL): a spot reclaim would stop a replica, and its volume could only follow it to a node of the
 * same zone. They tolerate the system taint, so a stack whose workload nodes are all spot (dev) runs them on its
 * on-demand system nodes.
 */
const STATEFUL_PLACEMENT: Placement = {
    nodeSelector: { [CAPACITY_TYPE_LABEL.rows.key]: CAPACITY_TYPE_LABEL.rows.onDemand },
    tolerations: SYSTEM_PLACEMENT.tolerations,
};

export interface RegionalObservabilityArgs {
    readonly region: string;
    readonly clusterName: string;
    /** Namespace of the metrics stack. */
    readonly namespace: string;
    readonly chartVersions: { readonly kubePrometheusStack: string; readonly prometheusAdapter: string };
    readonly prometheus: { readonly retention: string; readonly storageGiB: number; readonly replicas: number; readonly cpu: string; readonly memory: string };
    readonly alertmanager: { readonly replicas: number; readonly storageGiB: number };
    readonly alerts: AlertThresholds;
    /** Metrics the HPAs may name besides the built-in requests_per_second. */
    readonly metrics: Readonly<Record<string, MetricSource>>;
    /** The cluster's OIDC provider, for Alertmanager's role to publish to SNS. */
    readonly oidc: { readonly providerArn: pulumi.Input<string>; readonly issuerUrl: pulumi.Input<string> };
    /** E-mail subscribers of the region's alert topic. @default none */
    readonly emails?: readonly string[];
    /** Chat webhook that also receives Prometheus alerts (secret). @default none */
    readonly webhookUrl?: pulumi.Input<string>;
    /** CloudWatch alarms of the AWS-managed data tier, published to the same topic. */
    readonly alarms: readonly AlarmSpec[];
    /** The StorageClass Prometheus' volumes use (encrypted gp3). */
    readonly storageClassName: string;
    /** The cluster's node groups: the releases wait for them, so their pods have nodes to start on. */
    readonly nodeGroups: readonly pulumi.Resource[];
    /** How long each release waits for its objects (a cold cluster's, see coldClusterTimeoutSeconds). */
    readonly helmTimeoutSeconds: number;
}

/**
 * Everything a region needs to see itself and scale on what it sees: Prometheus (operator, encrypted
 * persistent storage, node and kube-state metrics), Alertmanager, prometheus-adapter serving the HPAs'
 * Pods and External metrics, the mesh's request telemetry, the requirements' alerts, and CloudWatch
 * alarms on the data tier — all routed to an SNS topic.
 */
export class RegionalObservability extends pulumi.ComponentResource {
    public readonly prometheusAddress: string;
    public readonly alertmanagerAddress: string;
    public readonly alertTopicArn: pulumi.Output<string>;
    /** The release that installs the monitoring CRDs (ServiceMonitor, PodMonitor, PrometheusRule). */
    public readonly crds: k8s.helm.v3.Release;

    constructor(name: string, args: RegionalObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("strata:observability:RegionalObservability", name, {}, opts);
        const child = { parent: this };
        this.prometheusAddress = `http://${STACK_NAME}-prometheus.${args.namespace}.svc:9090`;
        this.alertmanagerAddress = `http://${STACK_NAME}-alertmanager.${args.namespace}.svc:9093`;

        const topic = this.alertTopic(name, args);
        this.alertTopicArn = topic.arn;

        const namespace = new k8s.core.v1.Namespace(`${name}-monitoring`, { metadata: { name: args.namespace, labels: { "app.kubernetes.io/managed-by": "strata" } } }, child);
        const alertmanagerRole = serviceAccountRole(
            `${name}-alertmanager`,
            {
                oidcProviderArn: args.oidc.providerArn,
                oidcIssuerUrl: args.oidc.issuerUrl,
                namespace: args.namespace,
                serviceAccount: ALERTMANAGER_ACCOUNT,
            },
            child,
        );
        new aws.iam.RolePolicy(
            `${name}-alertmanager-sns`,
            {
                role: alertmanagerRole.id,
                policy: pulumi.all([topic.arn, topic.kmsMasterKeyId]).apply(([topicArn, keyArn]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Effect: "Allow", Action: "sns:Publish", Resource: topicArn },
                            { Effect: "Allow", Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: keyArn },
                        ],
                    }),
                ),
            },
            child,
        );
        const webhook = args.webhookUrl
            ? new k8s.core.v1.Secret(
                  `${name}-alert-webhook`,
                  { metadata: { name: WEBHOOK_SECRET, namespace: namespace.metadata.name }, type: "Opaque", stringData: { url: pulumi.secret(args.webhookUrl) } },
                  child,
              )
            : undefined;

        const inNamespace = { ...child, dependsOn: [namespace] };
        this.crds = new k8s.helm.v3.Release(
            `${name}-kube-prometheus-stack`,
            {
                name: "kube-prometheus-stack",
                chart: "kube-prometheus-stack",
                version: args.chartVersions.kubePrometheusStack,
                repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
                namespace: args.namespace,
                values: this.stackValues(args, topic.arn, alertmanagerRole.arn, webhook !== undefined),
                // A failed or timed-out install is uninstalled, so the next `pulumi up` starts clean.
                atomic: true,
                cleanupOnFail: true,
                timeout: args.helmTimeoutSeconds,
                maxHistory: 10,
            },
            { ...inNamespace, dependsOn: [namespace, ...(webhook ? [webhook] : []), ...args.nodeGroups] },
        );
        const rules = adapterRules(args.metrics);
        const adapterValues: PrometheusAdapterValues = {
            ...SYSTEM_PLACEMENT,
            replicas: args.prometheus.replicas > 1 ? 2 : 1,
            prometheus: { url: `http://${STACK_NAME}${KUBE_PROMETHEUS_STACK.rows.prometheusServiceSuffix}.${args.namespace}.svc`, port: KUBE_PROMETHEUS_STACK.rows.prometheusPort },
            // Resource metrics stay with metrics-server; the adapter serves only custom and external ones.
            rules: { default: false, custom: rules.custom, external: rules.external },
        };
        new k8s.helm.v3.Release(
            `${name}-prometheus-adapter`,
            {
                name: "prometheus-adapter",
                chart: "prometheus-adapter",
                version: args.chartVersions.prometheusAdapter,
                repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
                namespace: args.namespace,
                values: adapterValues,
                atomic: true,
                cleanupOnFail: true,
                timeout: args.helmTimeoutSeconds,
                maxHistory: 10,
            },
            { ...inNamespace, dependsOn: [this.crds] },
        );

        const afterCrds = { ...child, dependsOn: [this.crds] };
        new k8s.apiextensions.CustomResource(
            `${name}-istio-sidecars`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PodMonitor",
                metadata: { name: "istio-sidecars", namespace: args.namespace },
                spec: sidecarPodMonitorSpec(),
            },
            afterCrds,
        );
        new k8s.apiextensions.CustomResource(
            `${name}-strata-alerts`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PrometheusRule",
                metadata: { name: "strata-alerts", namespace: args.namespace },
                spec: { groups: [{ name: "strata.requirements", rules: prometheusAlerts(args.alerts, args.region) }] },
            },
            afterCrds,
        );

        for (const alarm of args.alarms) {
            new aws.cloudwatch.MetricAlarm(
                `${name}-${alarm.key}`,
                {
                    alarmDescription: alarm.description,
                    namespace: alarm.namespace,
                    metricName: alarm.metricName,
                    dimensions: alarm.dimensions,
                    statistic: alarm.statistic,
                    comparisonOperator: "GreaterThanThreshold",
                    threshold: alarm.threshold,
                    period: alarm.periodSeconds,
                    evaluationPeriods: alarm.evaluationPeriods,
                    treatMissingData: "notBreaching",
                    alarmActions: [topic.arn],
                    okActions: [topic.arn],
                },
                child,
            );
        }

        this.registerOutputs({ prometheusAddress: this.prometheusAddress, alertmanagerAddress: this.alertmanagerAddress, alertTopicArn: this.alertTopicArn });
    }

    /** An SNS topic encrypted with a key CloudWatch may use, and its e-mail subscribers. */
    private alertTopic(name: string, args: RegionalObservabilityArgs): aws.sns.Topic {
        const child = { parent: this };
        const key = customerKey(`${name}-alerts`, { description: `Alert topic of ${args.clusterName}`, users: [{ kind: "cloudWatchAlarms" }] }, child);
        const topic = new aws.sns.Topic(`${name}-alerts`, { name: `${args.clusterName}-alerts`, kmsMasterKeyId: key.arn }, child);
        // Named by address, not list position: removing one address must not replace (and unconfirm) the others.
        for (const email of args.emails ?? []) new aws.sns.TopicSubscription(`${name}-alerts-email-${email}`, { topic: topic.arn, protocol: "email", endpoint: email }, child);
        return topic;
    }

    private stackValues(args: RegionalObservabilityArgs, topicArn: pulumi.Output<string>, roleArn: pulumi.Output<string>, webhook: boolean): KubePrometheusStackValues {
        const volume = (gib: number): VolumeClaimTemplate => ({
            volumeClaimTemplate: { spec: { storageClassName: args.storageClassName, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${gib}Gi` } } } },
        });
        const receivers: AlertmanagerReceiver[] = [
            { name: "sns", sns_configs: [{ topic_arn: topicArn, sigv4: { region: args.region }, send_resolved: true, subject: `[${args.clusterName}] {{ .CommonLabels.alertname }}` }] },
            ...(webhook ? [{ name: "chat", webhook_configs: [{ url_file: `/etc/alertmanager/secrets/${WEBHOOK_SECRET}/url`, send_resolved: true }] }] : []),
            { name: "null" },
        ];
        return {
            fullnameOverride: STACK_NAME,
            crds: { enabled: true },
            grafana: { enabled: false },
            defaultRules: { create: true },
            prometheusOperator: SYSTEM_PLACEMENT,
            "kube-state-metrics": SYSTEM_PLACEMENT,
            prometheus: {
                prometheusSpec: {
                    ...STATEFUL_PLACEMENT,
                    replicas: args.prometheus.replicas,
                    retention: args.prometheus.retention,
                    externalLabels: { region: args.region, cluster: args.clusterName },
                    resources: { requests: { cpu: args.prometheus.cpu, memory: args.prometheus.memory } },
                    storageSpec: volume(args.prometheus.storageGiB),
                    // Pick up every ServiceMonitor, PodMonitor and rule in the cluster, not only the chart's own.
                    serviceMonitorSelectorNilUsesHelmValues: false,
                    podMonitorSelectorNilUsesHelmValues: false,
                    ruleSelectorNilUsesHelmValues: false,
                },
            },
            alertmanager: {
                serviceAccount: { create: true, name: ALERTMANAGER_ACCOUNT, annotations: { "eks.amazonaws.com/role-arn": roleArn } },
                alertmanagerSpec: { ...STATEFUL_PLACEMENT, replicas: args.alertmanager.replicas, storage: volume(args.alertmanager.storageGiB), secrets: webhook ? [WEBHOOK_SECRET] : [] },
                config: {
                    route: {
                        receiver: "sns",
                        group_by: ["alertname", "destination_workload"],
                        group_wait: "30s",
                        group_interval: "5m",
                        repeat_interval: "4h",
                        // Watchdog only proves the pipeline works; everything else reaches SNS, and chat too when set.
                        routes: [
                            { receiver: "null", matchers: ['alertname="Watchdog"'] },
                            ...(webhook ? [{ receiver: "chat", matchers: ['severity=~"critical|warning"'], continue: true }] : []),
                            { receiver: "sns" },
                        ],
                    },
                    receivers,
                },
            },
        };
    }
}
