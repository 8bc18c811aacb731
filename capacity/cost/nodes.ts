import { Cluster, NodeGroupModel, PodRequest } from "../dynamics/cluster";

/*
 * How many nodes each workload group runs at steady state and at peak, by the same scheduler and cluster
 * autoscaler model the scale-up simulation uses (capacity/dynamics/cluster.ts): pods first-fit onto the groups'
 * floors, then the least-waste expander adds nodes until every pod is placed or no group has room.
 */

export interface ScaledService {
    readonly name: string;
    readonly minReplicas: number;
    readonly maxReplicas: number;
    /** One pod's requests, sidecar included. */
    readonly request: PodRequest;
}

export interface GroupNodes {
    /** Nodes with every service at its minimum replicas, each group at least at its floor. */
    readonly steady: number;
    /** Nodes with every service at its maximum replicas. */
    readonly peak: number;
    /** Nodes the steady pods alone would need if the group had no floor. */
    readonly needed: number;
}

export interface Placement {
    readonly groups: ReadonlyMap<string, GroupNodes>;
    /** Pods at peak that no group has room for (strata-capacity-hpa-fit reports why). */
    readonly unplacedAtPeak: number;
}

const timing = { nodeProvisionSeconds: 0, scanIntervalSeconds: 0, scaleDownUnneededSeconds: 0 };

function settle(groups: readonly NodeGroupModel[], services: readonly ScaledService[], replicas: (s: ScaledService) => number): { cluster: Cluster; unplaced: number } {
    const cluster = new Cluster(groups, timing);
    const pods = services.flatMap((s) => Array.from({ length: replicas(s) }, () => s.request));
    return { cluster, unplaced: cluster.settle(pods) };
}

/**
 * Headroom placeholders are in the steady and peak placements (at peak the burst has preempted them and the
 * autoscaler has refilled them), not in what the steady pods need: they are warm capacity.
 */
export function placeServices(groups: readonly NodeGroupModel[], services: readonly ScaledService[], headroom?: { readonly pods: number; readonly request: PodRequest }): Placement {
    const placeholders: ScaledService[] = headroom && headroom.pods > 0 ? [{ name: "headroom", minReplicas: headroom.pods, maxReplicas: headroom.pods, request: headroom.request }] : [];
    const steady = settle(groups, [...services, ...placeholders], (s) => s.minReplicas);
    const peak = settle(groups, [...services, ...placeholders], (s) => s.maxReplicas);
    const needed = settle(
        groups.map((g) => ({ ...g, minSize: 0 })),
        services,
        (s) => s.minReplicas,
    );
    const countIn = (cluster: Cluster, name: string) => cluster.nodes.filter((n) => n.group.name === name).length;
    return {
        groups: new Map(groups.map((g) => [g.name, { steady: countIn(steady.cluster, g.name), peak: countIn(peak.cluster, g.name), needed: countIn(needed.cluster, g.name) }])),
        unplacedAtPeak: peak.unplaced,
    };
}
