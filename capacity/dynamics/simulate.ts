import { Cluster, ClusterTiming, Node, NodeGroupModel, PodRequest } from "./cluster";
import { Behavior, HpaController, MetricSample, SYNC_PERIOD_SECONDS, TOLERANCE } from "./controller";
import { Profile } from "./load";

/*
 * One cluster's services under one load profile, second by second: the load, the metrics pipeline, each
 * service's HPA, the pods' start-up, the scheduler and the cluster autoscaler. Pure and deterministic.
 */

/** A metric the HPA scales on that follows the request rate: CPU utilization or a pods metric. */
export interface LoadMetric {
    readonly name: string;
    /** CPU is read through the resource metrics API, which sets not-Ready pods aside; pods metrics treat them as missing. */
    readonly resource: boolean;
    readonly target: number;
}

export interface ServiceModel {
    readonly name: string;
    readonly userFacing: boolean;
    readonly minReplicas: number;
    readonly maxReplicas: number;
    /** The HPA's `spec.behavior` with the API server's defaults, or undefined for an HPA without one. */
    readonly behavior: Behavior | undefined;
    /**
     * Metrics taken to sit exactly at their targets when a pod serves `perPodRps`. Memory and external
     * metrics are left out: they do not follow the request rate, and leaving a metric out can only lower
     * the HPA's proposal, so scale-up times come out no better than the real ones.
     */
    readonly metrics: readonly LoadMetric[];
    readonly request: PodRequest;
    /** From binding to Ready: container start plus the startup and readiness probes' first successes. */
    readonly podStartSeconds: number;
    readonly perPodRps: number;
    /** This cluster's load before the rise, and its share of the peak; equal for a service whose load does not follow users. */
    readonly steadyRps: number;
    readonly peakRps: number;
}

export interface Assumptions extends ClusterTiming {
    /** How stale the metrics the HPA reads are: scrape interval plus rate window, roughly. */
    readonly metricDelaySeconds: number;
    /** From preempting placeholders to binding the pod that preempted them: the victims' termination. */
    readonly preemptionSeconds: number;
}

/**
 * Warm capacity the scheduler can hand out at once: placeholder pods of a priority below every workload's, which
 * a pending workload pod preempts; their Deployment recreates them, and the autoscaler adds nodes for them (the
 * refill). They sit above the cluster autoscaler's expendable cutoff, so they do make it scale up.
 */
export interface Headroom {
    readonly pods: number;
    readonly request: PodRequest;
}

export interface TimelinePoint {
    readonly t: number;
    readonly load: number;
    readonly desired: number;
    readonly ready: number;
}

export interface ServiceRun {
    readonly service: ServiceModel;
    readonly timeline: TimelinePoint[];
    /** Seconds from the rise until Ready pods carry the peak within the HPA's tolerance; undefined if never within the horizon. */
    readonly timeToCapacity: number | undefined;
    /** The worst ratio of load to Ready capacity after the rise, as a percentage (100 = exactly full). */
    readonly worstLoadPercent: number;
    /** Requests beyond capacity after the rise, as a share of all requests after it. */
    readonly unservedShare: number;
    readonly peakReplicas: number;
}

export interface ClusterRun {
    readonly services: ServiceRun[];
    /** Nodes, Ready nodes and placeholders bound to a node, over time. */
    readonly nodes: { readonly t: number; readonly nodes: number; readonly ready: number; readonly placeholders: number }[];
    readonly profile: Profile;
    /** Placeholders a workload pod preempted. */
    readonly preemptions: number;
    /** Nodes of each group at steady state, before the rise: what the cluster keeps running all day. */
    readonly steadyNodes: Readonly<Record<string, number>>;
}

interface Pod {
    readonly createdAt: number;
    boundAt?: number;
    readyAt?: number;
    node?: Node;
}

/** A placeholder: pending while `node` is undefined. */
interface Placeholder {
    readonly request: PodRequest;
    node?: Node;
}

class ServiceState {
    readonly pods: Pod[] = [];
    /** Ready pods at each second, for the metrics pipeline's delay. */
    readonly readyHistory: number[] = [];
    desired: number;
    readonly controller: HpaController;
    served = 0;
    unserved = 0;
    worstLoadPercent = 0;
    timeToCapacity: number | undefined;
    peakReplicas: number;
    readonly timeline: TimelinePoint[] = [];

    constructor(
        readonly model: ServiceModel,
        readonly steadyReplicas: number,
    ) {
        this.desired = steadyReplicas;
        this.peakReplicas = steadyReplicas;
        this.controller = new HpaController(model.minReplicas, model.maxReplicas, model.behavior);
    }

    ready(now: number): number {
        return this.pods.filter((p) => p.readyAt !== undefined && p.readyAt <= now).length;
    }

    /** The samples the HPA reads at `now`: metrics as they were `delay` seconds ago, over the pods that exist now. */
    samples(now: number, delay: number, load: number): MetricSample[] {
        const seen = Math.max(0, now - delay);
        const readyThen = this.readyHistory[seen] ?? 0;
        const perPod = readyThen > 0 ? load / readyThen : 0;
        const sampled = this.pods.filter((p) => p.readyAt !== undefined && p.readyAt <= seen).length;
        const running = this.pods.filter((p) => p.boundAt !== undefined).length;
        return this.model.metrics.map((m) => {
            const value = (m.target * perPod) / this.model.perPodRps;
            // A running pod that is not Ready, or became Ready after the sample, has no sample yet.
            return m.resource
                ? { kind: "resource", target: m.target, ready: sampled, sum: sampled * value, unready: this.pods.length - sampled, missing: 0 }
                : { kind: "pods", target: m.target, ready: sampled, sum: sampled * value, unready: this.pods.length - running, missing: running - sampled };
        });
    }
}

/** Replicas the HPA settles on for a steady load: at target, within its bounds. */
function steadyReplicas(s: ServiceModel, load: number): number {
    return Math.min(s.maxReplicas, Math.max(s.minReplicas, Math.ceil(load / s.perPodRps - 1e-9)));
}

export interface SimulationInput {
    readonly services: readonly ServiceModel[];
    readonly groups: readonly NodeGroupModel[];
    readonly headroom?: Headroom;
    readonly assumptions: Assumptions;
    readonly profile: Profile;
    /** Timeline resolution in seconds. */
    readonly sampleEvery?: number;
}

export function simulate(input: SimulationInput): ClusterRun {
    const { assumptions: a, profile } = input;
    const sampleEvery = input.sampleEvery ?? (profile.horizon > 7200 ? 60 : 5);
    const loadAt = (s: ServiceModel, t: number) => s.steadyRps + (s.peakRps - s.steadyRps) * profile.shape(t);
    const states = input.services.map((s) => new ServiceState(s, steadyReplicas(s, loadAt(s, 0))));
    const cluster = new Cluster(input.groups, a);
    const steadyPods = states.flatMap((st) => Array.from({ length: st.steadyReplicas }, () => st));
    const headroom = input.headroom;
    const placeholders: Placeholder[] = headroom ? Array.from({ length: headroom.pods }, () => ({ request: headroom.request })) : [];
    // Steady state: the workloads, then the placeholders, every node they need already Ready (the refill is done).
    const placed = cluster.start(0, [...steadyPods.map((st) => st.model.request), ...placeholders.map((p) => p.request)]);
    steadyPods.forEach((st, i) => {
        const node = placed[i];
        st.pods.push(node ? { createdAt: 0, boundAt: 0, readyAt: 0, node } : { createdAt: 0 });
    });
    placeholders.forEach((p, i) => {
        const node = placed[steadyPods.length + i];
        if (node) p.node = node;
    });
    for (const st of states) st.controller.seed(0, st.steadyReplicas);
    const steadyNodes = Object.fromEntries(input.groups.map((g) => [g.name, cluster.size(g)]));
    // The slowest phase: the sync one second before the rise shows in the metrics still sees steady load,
    // so the first sync to see the rise comes a full period later.
    const syncOffset = (profile.riseAt + a.metricDelaySeconds - 1) % SYNC_PERIOD_SECONDS;
    const nodes: ClusterRun["nodes"] = [];
    let preemptions = 0;

    for (let t = 0; t <= profile.horizon; t++) {
        // The scheduler: pending workload pods, oldest first, onto Ready nodes with room, else preempting
        // placeholders; then pending placeholders onto what room is left.
        const pending = states.flatMap((st) => st.pods.filter((p) => p.node === undefined).map((pod) => ({ st, pod })));
        pending.sort((x, y) => x.pod.createdAt - y.pod.createdAt);
        const stillPending: PodRequest[] = [];
        for (const { st, pod } of pending) {
            const bound = cluster.bindReady(st.model.request, t);
            const preempted = bound ? undefined : cluster.preempt(st.model.request, t, placeholders);
            const node = bound ?? preempted?.node;
            if (!node) {
                stillPending.push(st.model.request);
                continue;
            }
            preemptions += preempted?.evicted.length ?? 0;
            pod.node = node;
            pod.boundAt = t + (preempted ? a.preemptionSeconds : 0);
            pod.readyAt = pod.boundAt + st.model.podStartSeconds;
        }
        for (const p of placeholders.filter((x) => x.node === undefined)) {
            const node = cluster.bindReady(p.request, t);
            if (node) p.node = node;
            else stillPending.push(p.request);
        }
        if (t % a.scanIntervalSeconds === 0) cluster.scan(t, stillPending);

        for (const st of states) {
            const load = loadAt(st.model, t);
            st.readyHistory[t] = st.ready(t);
            if (t > 0 && (t - syncOffset) % SYNC_PERIOD_SECONDS === 0) {
                const seen = Math.max(0, t - a.metricDelaySeconds);
                const result = st.controller.sync(t, st.desired, st.samples(t, a.metricDelaySeconds, loadAt(st.model, seen)));
                resize(st, result.replicas, t);
            }
            const ready = st.ready(t);
            const capacity = ready * st.model.perPodRps;
            if (t >= profile.riseAt) {
                st.served += Math.min(load, capacity);
                st.unserved += Math.max(0, load - capacity);
                st.worstLoadPercent = Math.max(st.worstLoadPercent, capacity > 0 ? (100 * load) / capacity : Infinity);
                // The HPA settles anywhere within its tolerance of the target, so capacity counts as reached once
                // Ready pods carry the peak at no more than (1 + tolerance) × their per-pod rate.
                if (st.timeToCapacity === undefined && capacity * (1 + TOLERANCE) >= st.model.peakRps - 1e-9) st.timeToCapacity = t - profile.riseAt;
            }
            st.peakReplicas = Math.max(st.peakReplicas, st.desired);
            if (t % sampleEvery === 0) st.timeline.push({ t, load, desired: st.desired, ready });
        }
        if (t % sampleEvery === 0) nodes.push({ t, nodes: cluster.size(), ready: cluster.readyNodes(t), placeholders: placeholders.filter((p) => p.node !== undefined).length });
    }
    return {
        profile,
        nodes,
        preemptions,
        steadyNodes,
        services: states.map((st) => ({
            service: st.model,
            timeline: st.timeline,
            timeToCapacity: st.model.peakRps > st.model.steadyRps ? st.timeToCapacity : undefined,
            worstLoadPercent: st.worstLoadPercent,
            unservedShare: st.served + st.unserved > 0 ? st.unserved / (st.served + st.unserved) : 0,
            peakReplicas: st.peakReplicas,
        })),
    };
}

/**
 * The Deployment follows the HPA. Scaling down, the ReplicaSet deletes unscheduled pods first, then not-Ready
 * ones, then the newest (ActivePodsWithRanks in pkg/controller/controller_utils.go).
 */
function resize(st: ServiceState, replicas: number, now: number): void {
    for (let i = st.pods.length; i < replicas; i++) st.pods.push({ createdAt: now });
    if (replicas >= st.pods.length) {
        st.desired = replicas;
        return;
    }
    const rank = (p: Pod) => (p.node === undefined ? 0 : p.readyAt !== undefined && p.readyAt <= now ? 2 : 1);
    const order = [...st.pods].sort((x, y) => rank(x) - rank(y) || y.createdAt - x.createdAt);
    for (const pod of order.slice(0, st.pods.length - replicas)) {
        pod.node?.unbind(st.model.request, now);
        st.pods.splice(st.pods.indexOf(pod), 1);
    }
    st.desired = replicas;
}
