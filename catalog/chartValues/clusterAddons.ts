import type { Input } from "@pulumi/pulumi";
import { Source, Sourced } from "../source";
import { Placement, ServiceAccountValues } from "./common";

/*
 * Values of the cluster add-on charts that the program sets, read from each chart's values.yaml and templates at the
 * pinned version: metrics-server 3.12.2, cluster-autoscaler 9.46.6, the Fairwinds vpa chart 4.7.2 (VPA 1.0.0) and
 * aws-load-balancer-controller 1.14.1.
 */

const CHECKED = "2026-12-06";
const source = (url: string, version: string): Source => ({ url, version, checked: CHECKED });

export const CLUSTER_ADDON_CHARTS: Sourced<{ readonly metricsServer: string; readonly clusterAutoscaler: string; readonly verticalPodAutoscaler: string; readonly awsLoadBalancerController: string }> = {
    sources: [
        source("https://github.com/kubernetes-sigs/metrics-server/blob/metrics-server-helm-chart-3.12.2/charts/metrics-server/values.yaml", "metrics-server chart 3.12.2"),
        source("https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-chart-9.46.6/charts/cluster-autoscaler/values.yaml", "cluster-autoscaler chart 9.46.6"),
        source("https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-chart-9.46.6/charts/cluster-autoscaler/templates/deployment.yaml", "cluster-autoscaler chart 9.46.6 (extraArgs rendered --key=value)"),
        source("https://github.com/FairwindsOps/charts/blob/13bfde7486ecdf1bf4667a1d6062795bc2747330/stable/vpa/values.yaml", "vpa chart 4.7.2"),
        source("https://github.com/aws/eks-charts/blob/7b027f2e6b4961a40c8db013ee86a32b8d7eddda/stable/aws-load-balancer-controller/values.yaml", "aws-load-balancer-controller chart 1.14.1"),
    ],
    rows: { metricsServer: "3.12.2", clusterAutoscaler: "9.46.6", verticalPodAutoscaler: "4.7.2", awsLoadBalancerController: "1.14.1" },
};

/** A PDB of charts that render `minAvailable` and `maxUnavailable` as given; cluster-autoscaler fails when both are set. */
type Budget = { readonly minAvailable: number; readonly maxUnavailable?: never } | { readonly maxUnavailable: number; readonly minAvailable?: never };

export type MetricsServerValues = Placement & {
    readonly priorityClassName: string;
    readonly replicas: number;
    readonly podDisruptionBudget: { readonly enabled: boolean } & Budget;
};

/** The flags the program passes (`--<key>=<value>`); the chart keeps its own defaults (logtostderr, v) beside them. */
export type ClusterAutoscalerFlags = {
    readonly expander: string;
    readonly "balance-similar-node-groups": boolean;
    readonly "scale-down-unneeded-time": string;
    readonly "scale-down-delay-after-add": string;
    readonly "scale-down-utilization-threshold": number;
    readonly "max-node-provision-time": string;
    readonly "skip-nodes-with-system-pods": boolean;
    readonly "skip-nodes-with-local-storage": boolean;
};

export type ClusterAutoscalerValues = Placement & {
    readonly priorityClassName: string;
    readonly cloudProvider: "aws";
    readonly awsRegion: string;
    readonly autoDiscovery: { readonly clusterName: string };
    readonly image: { readonly tag: string };
    readonly replicaCount: number;
    readonly podDisruptionBudget: Budget;
    readonly rbac: { readonly serviceAccount: ServiceAccountValues };
    readonly extraArgs: ClusterAutoscalerFlags;
};

/** One VPA component; the chart's priorityClassName is top-level only, one for every component. */
type VpaComponent = Placement & { readonly enabled: boolean; readonly replicaCount: number };

export type VpaValues = {
    readonly recommender: VpaComponent;
    readonly updater: VpaComponent;
    readonly admissionController: VpaComponent & { readonly generateCertificate: boolean };
};

export type LoadBalancerControllerValues = Placement & {
    readonly priorityClassName: string;
    readonly clusterName: string;
    readonly region: string;
    readonly vpcId: Input<string>;
    readonly replicaCount: number;
    /** Rendered only when not empty and replicaCount > 1 (templates/pdb.yaml). */
    readonly podDisruptionBudget: Budget;
    readonly serviceAccount: ServiceAccountValues;
    readonly enableServiceMutatorWebhook: boolean;
};
