import type { policy } from "@pulumi/kubernetes/types/input";

/**
 * How many pods voluntary disruptions (drains, scale-downs of nodes) may take at once: a share of
 * minReplicas, never less than one, so a node drain is never blocked — even at minReplicas 1.
 */
export function maxUnavailableFor(minReplicas: number, maxUnavailablePercent: number): number {
    return Math.max(1, Math.floor((minReplicas * maxUnavailablePercent) / 100));
}

export function buildPdbSpec(selector: Record<string, string>, minReplicas: number, maxUnavailablePercent: number): policy.v1.PodDisruptionBudgetSpec {
    return {
        maxUnavailable: maxUnavailableFor(minReplicas, maxUnavailablePercent),
        selector: { matchLabels: { ...selector } },
        // Pods that are not ready protect nothing; letting them go keeps drains from hanging on a crashloop.
        unhealthyPodEvictionPolicy: "AlwaysAllow",
    };
}
