import { LOAD_BALANCER_CONTROLLER_POLICY } from "../../catalog/loadBalancerControllerPolicy";
import type { Input } from "@pulumi/pulumi";
import { DEPLOY_WAITS } from "../../catalog/ordering";
import { VPA_LEADER_ELECTION } from "../../catalog/verticalPodAutoscaler";
import { ClusterAutoscalerValues, LoadBalancerControllerValues, MetricsServerValues, VpaValues } from "../../catalog/chartValues/clusterAddons";
import { SYSTEM_PLACEMENT } from "./nodeGroups";

/*
 * The Helm releases every cluster gets, as plain data: chart coordinates (versions pinned by config)
 * and values. Ids not known before deployment (role ARNs, VPC id) stay Inputs inside the values.
 */

export interface ChartRelease {
    /** Release name, also the logical-name suffix. */
    readonly name: string;
    readonly chart: string;
    readonly repository: string;
    readonly version: string;
    readonly namespace: string;
    readonly values: Record<string, unknown>;
}

export interface ChartVersions {
    readonly metricsServer: string;
    readonly clusterAutoscaler: string;
    readonly verticalPodAutoscaler: string;
    readonly awsLoadBalancerController: string;
}

export interface AutoscalerSettings {
    readonly expander: string;
    readonly balanceSimilarNodeGroups: boolean;
    readonly scaleDownUnneededTime: string;
    readonly scaleDownDelayAfterAdd: string;
    readonly scaleDownUtilizationThreshold: number;
    readonly maxNodeProvisionTime: string;
}

export interface ClusterChartsArgs {
    readonly clusterName: string;
    readonly region: string;
    readonly vpcId: Input<string>;
    readonly kubernetesVersion: string;
    readonly versions: ChartVersions;
    readonly autoscaler: AutoscalerSettings;
    /** Replicas of each controller; 2 or more survives a node loss. */
    readonly replicas: number;
    readonly clusterAutoscalerRoleArn: Input<string>;
    readonly loadBalancerControllerRoleArn: Input<string>;
}

export const SERVICE_ACCOUNTS = {
    clusterAutoscaler: { namespace: "kube-system", name: "cluster-autoscaler" },
    loadBalancerController: LOAD_BALANCER_CONTROLLER_POLICY.rows.serviceAccount,
    ebsCsiController: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
} as const;

const placement = { ...SYSTEM_PLACEMENT, priorityClassName: "system-cluster-critical" };

const irsa = (name: string, roleArn: Input<string>) => ({ create: true, name, annotations: { "eks.amazonaws.com/role-arn": roleArn } });

export function metricsServer(args: ClusterChartsArgs): ChartRelease {
    const values: MetricsServerValues = { ...placement, replicas: args.replicas, podDisruptionBudget: { enabled: args.replicas > 1, minAvailable: 1 } };
    return {
        name: "metrics-server",
        chart: "metrics-server",
        repository: "https://kubernetes-sigs.github.io/metrics-server/",
        version: args.versions.metricsServer,
        namespace: "kube-system",
        values,
    };
}

export function clusterAutoscaler(args: ClusterChartsArgs): ChartRelease {
    const a = args.autoscaler;
    const values: ClusterAutoscalerValues = {
        ...placement,
        cloudProvider: "aws",
        awsRegion: args.region,
        autoDiscovery: { clusterName: args.clusterName },
        // The autoscaler's minor version must match the cluster's.
        image: { tag: `v${args.kubernetesVersion}.0` },
        replicaCount: args.replicas,
        podDisruptionBudget: { maxUnavailable: 1 },
        rbac: { serviceAccount: irsa(SERVICE_ACCOUNTS.clusterAutoscaler.name, args.clusterAutoscalerRoleArn) },
        extraArgs: {
            expander: a.expander,
            "balance-similar-node-groups": a.balanceSimilarNodeGroups,
            "scale-down-unneeded-time": a.scaleDownUnneededTime,
            "scale-down-delay-after-add": a.scaleDownDelayAfterAdd,
            "scale-down-utilization-threshold": a.scaleDownUtilizationThreshold,
            "max-node-provision-time": a.maxNodeProvisionTime,
            "skip-nodes-with-system-pods": false,
            "skip-nodes-with-local-storage": false,
        },
    };
    return {
        name: "cluster-autoscaler",
        chart: "cluster-autoscaler",
        repository: "https://kubernetes.github.io/autoscaler",
        version: args.versions.clusterAutoscaler,
        namespace: SERVICE_ACCOUNTS.clusterAutoscaler.namespace,
        values,
    };
}

export function verticalPodAutoscaler(args: ClusterChartsArgs): ChartRelease {
    const component = { enabled: true, ...SYSTEM_PLACEMENT, replicaCount: args.replicas };
    // Without leader election (catalog/verticalPodAutoscaler.ts) a second recommender or updater is not a standby but
    // a second writer and evictor; the admission controller is stateless and runs replicated.
    const single = (elects: boolean) => ({ ...component, replicaCount: elects ? args.replicas : 1 });
    const values: VpaValues = {
        recommender: single(VPA_LEADER_ELECTION.rows.recommender),
        updater: single(VPA_LEADER_ELECTION.rows.updater),
        admissionController: { ...component, generateCertificate: true },
    };
    return {
        name: "vpa",
        chart: "vpa",
        repository: "https://charts.fairwinds.com/stable",
        version: args.versions.verticalPodAutoscaler,
        namespace: "kube-system",
        values,
    };
}

export function loadBalancerController(args: ClusterChartsArgs): ChartRelease {
    const values: LoadBalancerControllerValues = {
        ...placement,
        clusterName: args.clusterName,
        region: args.region,
        vpcId: args.vpcId,
        replicaCount: args.replicas,
        podDisruptionBudget: { maxUnavailable: 1 },
        serviceAccount: irsa(SERVICE_ACCOUNTS.loadBalancerController.name, args.loadBalancerControllerRoleArn),
        // Services of type LoadBalancer stay with their own annotations; the ingress NLB is bound
        // explicitly with a TargetGroupBinding instead of being created behind Pulumi's back.
        enableServiceMutatorWebhook: false,
    };
    return {
        name: "aws-load-balancer-controller",
        chart: "aws-load-balancer-controller",
        repository: "https://aws.github.io/eks-charts",
        version: args.versions.awsLoadBalancerController,
        namespace: SERVICE_ACCOUNTS.loadBalancerController.namespace,
        values,
    };
}

/** Every add-on chart a cluster runs, in install order. */
export const clusterCharts = (args: ClusterChartsArgs): ChartRelease[] => [
    metricsServer(args),
    clusterAutoscaler(args),
    verticalPodAutoscaler(args),
    loadBalancerController(args),
];

/** A Go duration as the cluster autoscaler takes it ("15m", "1h30m", "90s") in seconds. */
export function durationSeconds(duration: string): number {
    if (!/^(\d+(h|m|s))+$/.test(duration)) throw new Error(`"${duration}" is not a duration such as 15m, 1h30m or 90s`);
    return [...duration.matchAll(/(\d+)(h|m|s)/g)].reduce((total, [, n, unit]) => total + Number(n) * (unit === "h" ? 3600 : unit === "m" ? 60 : 1), 0);
}

/**
 * How long a Helm release waits on a cold cluster (catalog/ordering.ts, DEPLOY_WAITS). Every release depends on
 * its cluster's node groups, whose create returns once their nodes joined; what can still be missing is room:
 * when the chart's pods do not fit the nodes there, the cluster autoscaler adds one and waits up to its
 * max-node-provision-time for it. So: that bound, plus Helm's own default wait (300 s) for image pulls, start-up
 * and the chart's hook Jobs once the node is there. With the prod and dev presets (15m): 1,200 s.
 */
export const coldClusterTimeoutSeconds = (autoscaler: Pick<AutoscalerSettings, "maxNodeProvisionTime">): number =>
    durationSeconds(autoscaler.maxNodeProvisionTime) + DEPLOY_WAITS.rows.helmDefaultTimeoutSeconds;
