import type { Placement } from "../../catalog/chartValues/common";

/*
 * Pure planning of managed node groups: labels, taints, AMI type and the tags the cluster autoscaler
 * reads. The component only turns the result into resources.
 */

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface NodeGroupSettings {
    readonly role: "system" | "workload";
    readonly capacityType: "ON_DEMAND" | "SPOT";
    readonly instanceTypes: readonly string[];
    readonly minSize: number;
    readonly maxSize: number;
    readonly desiredSize: number;
    /** Root volume size in GiB. */
    readonly diskSizeGiB: number;
    readonly labels: Readonly<Record<string, string>>;
    readonly taints: readonly { readonly key: string; readonly value: string; readonly effect: TaintEffect }[];
}

/** Node label every group carries; system add-ons select on it. */
export const NODE_ROLE_LABEL = "strata.io/node-role";
export const NODE_GROUP_LABEL = "strata.io/node-group";

/** The taint that keeps application pods off system nodes; add-ons tolerate it. */
export const SYSTEM_TAINT = { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" } as const;

/** What a system add-on needs to land on system nodes. */
export const SYSTEM_PLACEMENT: Required<Placement> = {
    nodeSelector: { [NODE_ROLE_LABEL]: "system" },
    tolerations: [{ key: SYSTEM_TAINT.key, operator: "Exists", effect: SYSTEM_TAINT.effect }],
};

const EKS_TAINT_EFFECT: Record<TaintEffect, string> = { NoSchedule: "NO_SCHEDULE", PreferNoSchedule: "PREFER_NO_SCHEDULE", NoExecute: "NO_EXECUTE" };

/** Graviton families (m7g, c6gn, r8g …) need the arm64 AMI. */
export const isArm = (instanceType: string): boolean => /^[a-z]+\d+g[a-z]*\./.test(instanceType);

export interface NodeGroupPlan {
    readonly amiType: "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD";
    readonly labels: Record<string, string>;
    readonly taints: { key: string; value: string; effect: string }[];
    readonly tags: Record<string, string>;
    /**
     * One managed node group per zone, each with its share of the configured sizes: the cluster autoscaler can then
     * add a node in the zone a pending pod needs (a zonal EBS volume, a strict zone spread), which a group spanning
     * every zone cannot promise (catalog/eks.ts, ZONAL_NODE_GROUPS).
     */
    readonly zonal: readonly Scaling[];
}

export interface Scaling {
    readonly minSize: number;
    readonly maxSize: number;
    readonly desiredSize: number;
}

/** `total` split over `zones`, the remainder to the first zones: the shares add up to the total. */
export const shares = (total: number, zones: number): number[] => Array.from({ length: zones }, (_, i) => Math.floor(total / zones) + (i < total % zones ? 1 : 0));

export function planNodeGroup(name: string, group: NodeGroupSettings, clusterName: string, zones: number): NodeGroupPlan {
    const problems: string[] = [];
    if (group.maxSize < zones) problems.push(`nodeGroups.${name}.maxSize (${group.maxSize}) must be ≥ ${zones}: each of the ${zones} zones gets its own group, whose maximum must be at least 1`);
    if (group.instanceTypes.length === 0) problems.push(`nodeGroups.${name}.instanceTypes must name at least one instance type`);
    if (group.minSize > group.maxSize) problems.push(`nodeGroups.${name}.maxSize (${group.maxSize}) must be ≥ minSize (${group.minSize})`);
    if (group.desiredSize < group.minSize || group.desiredSize > group.maxSize) {
        problems.push(`nodeGroups.${name}.desiredSize (${group.desiredSize}) must be within [${group.minSize}, ${group.maxSize}]`);
    }
    const arm = group.instanceTypes.map(isArm);
    if (arm.some((a) => a !== arm[0])) problems.push(`nodeGroups.${name}.instanceTypes mixes arm64 and x86_64 types; one group runs one architecture`);
    if (problems.length > 0) throw new Error(problems.join("; "));

    const taints = [...(group.role === "system" ? [SYSTEM_TAINT] : []), ...group.taints];
    // The same split for all three keeps min ≤ desired ≤ max in every zone.
    const [min, max, desired] = [group.minSize, group.maxSize, group.desiredSize].map((n) => shares(n, zones)) as [number[], number[], number[]];
    return {
        amiType: arm[0] ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
        labels: { ...group.labels, [NODE_ROLE_LABEL]: group.role, [NODE_GROUP_LABEL]: name },
        taints: taints.map((t) => ({ key: t.key, value: t.value, effect: EKS_TAINT_EFFECT[t.effect] })),
        tags: {
            // Managed node groups tag their Auto Scaling groups with these too; stating them keeps
            // auto-discovery working whoever created the group.
            "k8s.io/cluster-autoscaler/enabled": "true",
            [`k8s.io/cluster-autoscaler/${clusterName}`]: "owned",
            [`k8s.io/cluster-autoscaler/node-template/label/${NODE_ROLE_LABEL}`]: group.role,
            [`k8s.io/cluster-autoscaler/node-template/label/${NODE_GROUP_LABEL}`]: name,
        },
        zonal: min.map((minSize, i) => ({ minSize, maxSize: max[i] as number, desiredSize: desired[i] as number })),
    };
}
