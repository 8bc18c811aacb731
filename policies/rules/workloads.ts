import { PolicyResource } from "@pulumi/policy";
import { HEADROOM_PRIORITY_CLASS } from "../../components/cluster/headroom";
import { clusterKey, list, meta, num, record, spec, str } from "./util";

/** The planned workloads of each EKS cluster: its workload node groups and the HPAs of its Kubernetes provider. */

export const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

export interface ClusterWorkloads {
    readonly cluster: PolicyResource;
    /** Node groups not reserved for system pods. */
    readonly groups: PolicyResource[];
    readonly hpas: PolicyResource[];
    readonly deployments: PolicyResource[];
    /** Helm releases installed through the cluster's provider. */
    readonly releases: PolicyResource[];
}

export function clusterWorkloads(resources: readonly PolicyResource[]): ClusterWorkloads[] {
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    const hpas = ofType(HPA);
    // A cluster's Kubernetes provider depends on its EKS cluster; its node groups do too.
    return [...new Set(hpas.map((h) => h.provider?.urn).filter((p) => p !== undefined))].flatMap((provider) => {
        const cluster = resources.find((r) => r.urn === provider)?.dependencies.find((d) => d.type === "aws:eks/cluster:Cluster");
        if (!cluster) return [];
        const inCluster = (type: string) => ofType(type).filter((r) => r.provider?.urn === provider);
        return [
            {
                cluster,
                groups: ofType("aws:eks/nodeGroup:NodeGroup").filter((g) => g.dependencies.some((d) => d.urn === cluster.urn) && record(g.props.labels)["strata.io/node-role"] !== "system"),
                hpas: inCluster(HPA),
                deployments: inCluster(DEPLOYMENT),
                releases: inCluster("kubernetes:helm.sh/v3:Release"),
            },
        ];
    });
}

/** The Deployment an HPA scales, in the same cluster and namespace. */
export function scaledDeployment(hpa: PolicyResource, deployments: readonly PolicyResource[]): PolicyResource | undefined {
    const target = str(record(spec(hpa).scaleTargetRef).name);
    return deployments.find((d) => clusterKey(d) === clusterKey(hpa) && meta(d).namespace === meta(hpa).namespace && meta(d).name === target);
}

/** The application container of a Deployment (its first). */
export const appContainer = (deployment: PolicyResource) => record(list(record(record(spec(deployment).template).spec).containers)[0]);

/** Whether a Deployment is the cluster's headroom placeholders (components/cluster/headroom.ts), not a service. */
export const isHeadroomPlaceholder = (deployment: PolicyResource): boolean => record(record(spec(deployment).template).spec).priorityClassName === HEADROOM_PRIORITY_CLASS;

/** A node group's scaling bounds. */
export function groupBounds(group: PolicyResource): { minSize: number; maxSize: number } {
    const scaling = record(group.props.scalingConfig);
    return { minSize: num(scaling.minSize) ?? 0, maxSize: num(scaling.maxSize) ?? 0 };
}
