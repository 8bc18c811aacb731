import { Allocatable } from "../instances";

/*
 * Nodes, the scheduler and the cluster autoscaler, as far as they decide when a new pod can start. Pods bind
 * first-fit to ready nodes with room for their requests. Every scan the autoscaler sizes new nodes for the
 * pods still pending, after counting the room on nodes it already asked for, picks the group with the
 * least-waste expander (the one Strata's cluster-autoscaler release configures), and the node joins after the
 * provisioning delay. It removes a node that has stayed empty for the unneeded time, down to the group's
 * minimum. Behaviour from the cluster-autoscaler FAQ (kubernetes/autoscaler, cluster-autoscaler/FAQ.md:
 * "How does scale-up work?", "How does scale-down work?", "What are the parameters to CA?").
 */

export interface PodRequest {
    readonly cpuMillis: number;
    readonly memoryMiB: number;
}

export interface NodeGroupModel {
    readonly name: string;
    readonly allocatable: Allocatable;
    readonly minSize: number;
    readonly maxSize: number;
}

export interface ClusterTiming {
    /** From the autoscaler's decision to a Ready node (EC2 launch, bootstrap, kubelet and CNI ready). */
    readonly nodeProvisionSeconds: number;
    /** --scan-interval. */
    readonly scanIntervalSeconds: number;
    /** --scale-down-unneeded-time. */
    readonly scaleDownUnneededSeconds: number;
}

export const CLUSTER_AUTOSCALER_DEFAULTS = { scanIntervalSeconds: 10, scaleDownUnneededSeconds: 600 } as const;

export class Node {
    cpuMillis = 0;
    memoryMiB = 0;
    pods = 0;
    emptySince: number;

    constructor(
        readonly group: NodeGroupModel,
        readonly readyAt: number,
    ) {
        this.emptySince = readyAt;
    }

    fits(pod: PodRequest): boolean {
        const a = this.group.allocatable;
        return this.cpuMillis + pod.cpuMillis <= a.cpuMillis && this.memoryMiB + pod.memoryMiB <= a.memoryMiB && this.pods + 1 <= a.pods;
    }

    bind(pod: PodRequest): void {
        this.cpuMillis += pod.cpuMillis;
        this.memoryMiB += pod.memoryMiB;
        this.pods += 1;
    }

    unbind(pod: PodRequest, now: number): void {
        this.cpuMillis -= pod.cpuMillis;
        this.memoryMiB -= pod.memoryMiB;
        this.pods -= 1;
        if (this.pods === 0) this.emptySince = now;
    }

    /** A copy holding the same pods, to try placements on without changing this node. */
    trial(): Node {
        return Object.assign(new Node(this.group, this.readyAt), { cpuMillis: this.cpuMillis, memoryMiB: this.memoryMiB, pods: this.pods });
    }
}

/** Whether a pod fits an empty node of the group at all. */
const fitsEmpty = (group: NodeGroupModel, pod: PodRequest) => new Node(group, 0).fits(pod);

/** New nodes of one group for the pods, first-fit, at most `room` of them; the pods they take. */
function packNew(group: NodeGroupModel, pods: readonly PodRequest[], room: number): { nodes: Node[]; placed: PodRequest[] } {
    const nodes: Node[] = [];
    const placed: PodRequest[] = [];
    for (const pod of pods) {
        let node = nodes.find((n) => n.fits(pod));
        if (!node && nodes.length < room && fitsEmpty(group, pod)) {
            node = new Node(group, 0);
            nodes.push(node);
        }
        if (!node) continue;
        node.bind(pod);
        placed.push(pod);
    }
    return { nodes, placed };
}

export class Cluster {
    readonly nodes: Node[] = [];

    constructor(
        readonly groups: readonly NodeGroupModel[],
        readonly timing: ClusterTiming,
    ) {}

    /**
     * The nodes a steady cluster has: every group at its minimum, plus what the steady pods need, all Ready.
     * The node each pod is bound to; undefined for a pod no group can hold.
     */
    start(now: number, pods: readonly PodRequest[]): (Node | undefined)[] {
        for (const group of this.groups) for (let i = 0; i < group.minSize; i++) this.nodes.push(new Node(group, now));
        const first = pods.map((pod) => this.bindReady(pod, now));
        this.addNodes(
            now,
            pods.filter((_, i) => first[i] === undefined),
            0,
        );
        return first.map((node, i) => node ?? this.bindReady(pods[i] as PodRequest, now));
    }

    /**
     * The nodes the pods need once the autoscaler has done all it can, every node Ready: `start`, then scale-ups
     * until the pods still pending find no group with room. The number of pods no node can take.
     */
    settle(pods: readonly PodRequest[]): number {
        const bound = this.start(0, pods);
        let pending = pods.filter((_, i) => bound[i] === undefined);
        while (pending.length > 0 && this.addNodes(0, pending, 0).length > 0) pending = pending.filter((pod) => this.bindReady(pod, 0) === undefined);
        return pending.length;
    }

    /**
     * The scheduler's preemption for a pod no Ready node has room for: the first Ready node where evicting some of
     * the lower-priority pods it holds makes room. Those victims are unbound (fewest first, as the scheduler picks
     * the node needing the fewest) and returned with the node the pod is bound to; undefined when no node will do.
     */
    preempt<V extends { readonly request: PodRequest; node?: Node }>(pod: PodRequest, now: number, victims: readonly V[]): { node: Node; evicted: V[] } | undefined {
        const candidates = this.nodes
            .filter((n) => n.readyAt <= now)
            .map((node) => {
                const onNode = victims.filter((v) => v.node === node);
                const trial = node.trial();
                const evicted: V[] = [];
                for (const v of onNode) {
                    if (trial.fits(pod)) break;
                    trial.unbind(v.request, now);
                    evicted.push(v);
                }
                return trial.fits(pod) ? { node, evicted } : undefined;
            })
            .filter((c): c is { node: Node; evicted: V[] } => c !== undefined)
            .sort((a, b) => a.evicted.length - b.evicted.length);
        const best = candidates[0];
        if (!best) return undefined;
        for (const v of best.evicted) {
            best.node.unbind(v.request, now);
            v.node = undefined;
        }
        best.node.bind(pod);
        return best;
    }

    /** Binds the pod to the first Ready node with room; the node, or undefined while it must wait. */
    bindReady(pod: PodRequest, now: number): Node | undefined {
        const node = this.nodes.find((n) => n.readyAt <= now && n.fits(pod));
        node?.bind(pod);
        return node;
    }

    size(group?: NodeGroupModel): number {
        return group ? this.nodes.filter((n) => n.group === group).length : this.nodes.length;
    }

    readyNodes(now: number): number {
        return this.nodes.filter((n) => n.readyAt <= now).length;
    }

    /** One autoscaler scan: grow for the pending pods, then remove nodes empty for the unneeded time. */
    scan(now: number, pending: readonly PodRequest[]): void {
        this.addNodes(now, pending, this.timing.nodeProvisionSeconds);
        for (const group of this.groups) {
            for (const node of this.nodes.filter((n) => n.group === group && n.pods === 0 && n.readyAt <= now && now - n.emptySince >= this.timing.scaleDownUnneededSeconds)) {
                if (this.size(group) <= group.minSize) break;
                this.nodes.splice(this.nodes.indexOf(node), 1);
            }
        }
    }

    /**
     * Scale-up for pods that cannot bind now: room on nodes still joining counts first (the autoscaler treats
     * upcoming nodes as existing), then the least-waste group gets the nodes the rest need. Groups are tried
     * again on the next scan for pods one option could not hold.
     */
    private addNodes(now: number, pending: readonly PodRequest[], delay: number): Node[] {
        const upcoming = this.nodes.filter((n) => n.readyAt > now).map((n) => n.trial());
        const rest = pending.filter((pod) => {
            const node = upcoming.find((n) => n.fits(pod));
            node?.bind(pod);
            return !node;
        });
        if (rest.length === 0) return [];
        const options = this.groups
            .map((group) => ({ group, ...packNew(group, rest, group.maxSize - this.size(group)) }))
            .filter((o) => o.placed.length > 0)
            .map((o) => {
                const used = (key: "cpuMillis" | "memoryMiB") => o.placed.reduce((a, p) => a + p[key], 0);
                const waste = (1 - used("cpuMillis") / (o.nodes.length * o.group.allocatable.cpuMillis) + 1 - used("memoryMiB") / (o.nodes.length * o.group.allocatable.memoryMiB)) / 2;
                return { ...o, waste };
            });
        // Among the options that schedule the most pending pods, least-waste picks the one leaving the least idle.
        const best = options.sort((a, b) => b.placed.length - a.placed.length || a.waste - b.waste)[0];
        if (!best) return [];
        const added = best.nodes.map(() => new Node(best.group, now + delay));
        this.nodes.push(...added);
        return added;
    }
}
