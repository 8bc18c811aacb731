/*
 * EC2 instance facts the capacity checks need. vCPU and memory: the EC2 instance type pages. maxPods: the
 * Amazon VPC CNI formula maxENIs × (IPv4 addresses per ENI − 1) + 2, as tabulated in amazon-eks-ami's
 * eni-max-pods.txt. Allocatable: the EKS AMI's kube-reserved (CPU: 6 % of the first core, 1 % of the next,
 * 0.5 % of the next two, 0.25 % of the rest; memory: 255 MiB + 11 MiB per pod) and the 100 MiB hard eviction
 * threshold.
 */

export interface InstanceType {
    readonly vcpu: number;
    readonly memoryMiB: number;
    readonly maxPods: number;
}

const t = (vcpu: number, memoryGiB: number, maxPods: number): InstanceType => ({ vcpu, memoryMiB: memoryGiB * 1024, maxPods });

export const INSTANCE_TYPES: Readonly<Record<string, InstanceType>> = {
    "t3.medium": t(2, 4, 17),
    "t3.large": t(2, 8, 35),
    "t3.xlarge": t(4, 16, 58),
    "m5.large": t(2, 8, 29),
    "m5.xlarge": t(4, 16, 58),
    "m5.2xlarge": t(8, 32, 58),
    "m6i.large": t(2, 8, 29),
    "m6i.xlarge": t(4, 16, 58),
    "m6i.2xlarge": t(8, 32, 58),
    "m6i.4xlarge": t(16, 64, 234),
    "m6a.large": t(2, 8, 29),
    "m6a.xlarge": t(4, 16, 58),
    "m7g.large": t(2, 8, 29),
    "m7g.xlarge": t(4, 16, 58),
    "c5.2xlarge": t(8, 16, 58),
    "c5.4xlarge": t(16, 32, 234),
    "c6i.2xlarge": t(8, 16, 58),
    "c6i.4xlarge": t(16, 32, 234),
    "c6a.4xlarge": t(16, 32, 234),
    "c7g.4xlarge": t(16, 32, 234),
    "r6i.xlarge": t(4, 32, 58),
    "r6i.2xlarge": t(8, 64, 58),
    "r6g.2xlarge": t(8, 64, 58),
};

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

export function allocatable(type: InstanceType): Allocatable {
    return {
        cpuMillis: type.vcpu * 1000 - reservedCpuMillis(type.vcpu),
        memoryMiB: type.memoryMiB - (255 + 11 * type.maxPods) - 100,
        pods: type.maxPods,
    };
}

/** The allocatable of the smallest type of a group: what each of its nodes can be counted on for. */
export function groupAllocatable(instanceTypes: readonly string[]): Allocatable | undefined {
    const known = instanceTypes.map((name) => INSTANCE_TYPES[name]).filter((x): x is InstanceType => x !== undefined);
    if (known.length !== instanceTypes.length || known.length === 0) return undefined;
    const each = known.map(allocatable);
    return {
        cpuMillis: Math.min(...each.map((a) => a.cpuMillis)),
        memoryMiB: Math.min(...each.map((a) => a.memoryMiB)),
        pods: Math.min(...each.map((a) => a.pods)),
    };
}
