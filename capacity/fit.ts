import { cpuMillis, memoryBytes } from "../components/workload/quantity";
import { Allocatable } from "./instances";

/*
 * Whether a cluster can carry its workloads at their HPA maximums, whether a shard's writer can hold every
 * pool, and whether a service's maximum covers its share of the peak. Pure arithmetic; no Pulumi inside.
 */

export interface WorkloadDemand {
    readonly name: string;
    readonly maxReplicas: number;
    readonly cpu: string;
    readonly memory: string;
}

export interface NodeSupply {
    readonly name: string;
    readonly maxSize: number;
    /** Per node; undefined when an instance type is not in the table. */
    readonly allocatable: Allocatable | undefined;
}

export interface ClusterFit {
    readonly demand: { cpuMillis: number; memoryMiB: number; pods: number };
    readonly supply: { cpuMillis: number; memoryMiB: number; pods: number };
    /** Resources whose demand exceeds the supply less the headroom. */
    readonly short: ("cpu" | "memory" | "pods")[];
    readonly unknownGroups: string[];
    /** Workloads one of whose pods fits no node of any group: they would stay Pending whatever the totals say. */
    readonly oversized: string[];
}

export function clusterFit(workloads: readonly WorkloadDemand[], groups: readonly NodeSupply[], headroomPercent: number): ClusterFit {
    const demand = {
        cpuMillis: workloads.reduce((a, w) => a + w.maxReplicas * cpuMillis(w.cpu), 0),
        memoryMiB: workloads.reduce((a, w) => a + (w.maxReplicas * memoryBytes(w.memory)) / 2 ** 20, 0),
        pods: workloads.reduce((a, w) => a + w.maxReplicas, 0),
    };
    const known = groups.filter((g) => g.allocatable !== undefined);
    const supply = {
        cpuMillis: known.reduce((a, g) => a + g.maxSize * (g.allocatable?.cpuMillis ?? 0), 0),
        memoryMiB: known.reduce((a, g) => a + g.maxSize * (g.allocatable?.memoryMiB ?? 0), 0),
        pods: known.reduce((a, g) => a + g.maxSize * (g.allocatable?.pods ?? 0), 0),
    };
    const usable = 1 - headroomPercent / 100;
    const short = (["cpu", "memory", "pods"] as const).filter((r) => {
        const key = r === "cpu" ? "cpuMillis" : r === "memory" ? "memoryMiB" : "pods";
        return demand[key] > supply[key] * usable;
    });
    const fitsOneNode = (w: WorkloadDemand) => known.some((g) => cpuMillis(w.cpu) <= (g.allocatable?.cpuMillis ?? 0) && memoryBytes(w.memory) / 2 ** 20 <= (g.allocatable?.memoryMiB ?? 0));
    return {
        demand,
        supply,
        short,
        unknownGroups: groups.filter((g) => g.allocatable === undefined).map((g) => g.name),
        oversized: known.length === 0 ? [] : workloads.filter((w) => !fitsOneNode(w)).map((w) => w.name),
    };
}

/** Connections a shard's writer must hold: every pod of every service that uses Postgres, at maximum, with its pool. */
export function connectionDemand(services: readonly { maxReplicas: number; poolSize: number }[]): number {
    return services.reduce((a, s) => a + s.maxReplicas * s.poolSize, 0);
}

/** Whether maxReplicas × per-pod rate covers this region's share of the peak. */
export function throughputCovered(maxReplicas: number, perPodRps: number, peakRps: number, trafficWeightPercent: number): { capacity: number; needed: number; ok: boolean } {
    const capacity = maxReplicas * perPodRps;
    const needed = (peakRps * trafficWeightPercent) / 100;
    return { capacity, needed, ok: capacity >= needed };
}
