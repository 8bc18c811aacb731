import { InstanceType, instanceType } from "../catalog/instanceTypes";

/*
 * What a node can be counted on for. The instance facts (vCPU, memory, maxPods) are catalog/instanceTypes.ts';
 * this is the EKS AMI's arithmetic over them: kube-reserved CPU (6 % of the first core, 1 % of the next, 0.5 % of
 * the next two, 0.25 % of the rest), kube-reserved memory (255 MiB + 11 MiB per pod) and the 100 MiB hard
 * eviction threshold.
 */

/** CPU the kubelet and system keep, in millicores, by the EKS AMI's tiers. */
export function reservedCpuMillis(vcpu: number): number {
    const tiers: [number, number][] = [
        [1, 0.06],
        [1, 0.01],
        [2, 0.005],
        [Infinity, 0.0025],
    ];
    let left = vcpu;
    let reserved = 0;
    for (const [cores, share] of tiers) {
        const used = Math.min(left, cores);
        reserved += used * 1000 * share;
        left -= used;
        if (left <= 0) break;
    }
    return reserved;
}

export interface Allocatable {
    readonly cpuMillis: number;
    readonly memoryMiB: number;
    readonly pods: number;
}

export function allocatable(type: Pick<InstanceType, "vcpu" | "memoryMiB" | "maxPods">): Allocatable {
    return {
        cpuMillis: type.vcpu * 1000 - reservedCpuMillis(type.vcpu),
        memoryMiB: type.memoryMiB - (255 + 11 * type.maxPods) - 100,
        pods: type.maxPods,
    };
}

/** The allocatable of the smallest type of a group: what each of its nodes can be counted on for. */
export function groupAllocatable(instanceTypes: readonly string[]): Allocatable | undefined {
    const known = instanceTypes.map(instanceType).filter((x): x is InstanceType => x !== undefined);
    if (known.length !== instanceTypes.length || known.length === 0) return undefined;
    const each = known.map(allocatable);
    return {
        cpuMillis: Math.min(...each.map((a) => a.cpuMillis)),
        memoryMiB: Math.min(...each.map((a) => a.memoryMiB)),
        pods: Math.min(...each.map((a) => a.pods)),
    };
}
