/*
 * The Kubernetes horizontal pod autoscaler controller (autoscaling/v2), one HPA, in simulated time.
 * Each rule follows kube-controller-manager's pkg/controller/podautoscaler (horizontal.go and
 * replica_calculator.go, kubernetes/kubernetes) and the "Algorithm details" and "Configurable scaling
 * behavior" sections of https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/;
 * the function comments name the upstream function each one mirrors.
 */

export interface ScalingPolicy {
    readonly type: "Percent" | "Pods";
    readonly value: number;
    readonly periodSeconds: number;
}

export type SelectPolicy = "Max" | "Min" | "Disabled";

/** One direction of `spec.behavior`, as written: any field may be absent. */
export interface ScalingRulesSpec {
    readonly stabilizationWindowSeconds?: number;
    readonly selectPolicy?: SelectPolicy;
    readonly policies?: readonly ScalingPolicy[];
}

export interface ScalingRules {
    readonly stabilizationWindowSeconds: number;
    readonly selectPolicy: SelectPolicy;
    readonly policies: readonly ScalingPolicy[];
}

export interface Behavior {
    readonly scaleUp: ScalingRules;
    readonly scaleDown: ScalingRules;
}

/** kube-controller-manager defaults: --horizontal-pod-autoscaler-sync-period, -tolerance, -downscale-stabilization. */
export const SYNC_PERIOD_SECONDS = 15;
export const TOLERANCE = 0.1;
export const DOWNSCALE_STABILIZATION_SECONDS = 300;

/**
 * The API server's defaults for an absent `behavior` or absent fields of it (SetDefaults_HorizontalPodAutoscalerBehavior
 * in pkg/apis/autoscaling/v2/defaults.go): up with no stabilization, the larger of +100 % or +4 pods per 15 s;
 * down with the controller's downscale stabilization, −100 % per 15 s.
 */
export function withDefaults(spec: { readonly scaleUp?: ScalingRulesSpec; readonly scaleDown?: ScalingRulesSpec } | undefined): Behavior {
    const up = spec?.scaleUp;
    const down = spec?.scaleDown;
    return {
        scaleUp: {
            stabilizationWindowSeconds: up?.stabilizationWindowSeconds ?? 0,
            selectPolicy: up?.selectPolicy ?? "Max",
            policies:
                up?.policies && up.policies.length > 0
                    ? up.policies
                    : [
                          { type: "Pods", value: 4, periodSeconds: 15 },
                          { type: "Percent", value: 100, periodSeconds: 15 },
                      ],
        },
        scaleDown: {
            stabilizationWindowSeconds: down?.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_SECONDS,
            selectPolicy: down?.selectPolicy ?? "Max",
            policies: down?.policies && down.policies.length > 0 ? down.policies : [{ type: "Percent", value: 100, periodSeconds: 15 }],
        },
    };
}

/**
 * What one metric reports over the target's pods at a sync. All ready pods carry the same value because
 * the mesh spreads requests evenly, so a sum and counts describe them.
 */
export interface MetricSample {
    /** The target per pod: averageUtilization for a resource, averageValue for a pods metric. */
    readonly target: number;
    /** Pods with a usable sample, and the sum of their values. */
    readonly ready: number;
    readonly sum: number;
    /** Pods set aside as not yet ready (pending, or for CPU, not Ready / sampled before readiness). */
    readonly unready: number;
    /** Running pods the metrics pipeline has no sample for yet. */
    readonly missing: number;
}

/**
 * Replicas one metric asks for (ReplicaCalculator.calcPlainMetricReplicas; GetResourceReplicas does the same
 * over utilization). Undefined when no pod has a sample: the controller then reports an error for the metric.
 */
export function metricReplicas(sample: MetricSample, currentReplicas: number, tolerance: number = TOLERANCE): number | undefined {
    if (sample.ready === 0) return undefined;
    const usageRatio = sample.sum / sample.ready / sample.target;
    const scaleUpWithUnready = sample.unready > 0 && usageRatio > 1;
    if (!scaleUpWithUnready && sample.missing === 0) {
        if (Math.abs(1 - usageRatio) <= tolerance) return currentReplicas;
        return Math.ceil(usageRatio * sample.ready);
    }
    // Missing pods count as exactly on target when scaling down and as idle when scaling up; not-yet-ready pods
    // count as idle on a scale-up and are left out otherwise: both damp the move.
    let sum = sample.sum;
    let count = sample.ready;
    if (sample.missing > 0) {
        sum += usageRatio < 1 ? sample.missing * sample.target : 0;
        count += sample.missing;
    }
    if (scaleUpWithUnready) count += sample.unready;
    const newRatio = sum / count / sample.target;
    // A change of direction once the set-aside pods are counted means no change at all.
    if (Math.abs(1 - newRatio) <= tolerance || (usageRatio < 1 && newRatio > 1) || (usageRatio > 1 && newRatio < 1)) return currentReplicas;
    const proposed = Math.ceil(newRatio * count);
    if ((newRatio < 1 && proposed > currentReplicas) || (newRatio > 1 && proposed < currentReplicas)) return currentReplicas;
    return proposed;
}

interface Timestamped {
    readonly at: number;
    readonly value: number;
}

/** Why the last sync chose its count: the reasons the controller puts in the ScalingLimited condition. */
export type Limit = "none" | "stabilization" | "scaleUpLimit" | "scaleDownLimit" | "maxReplicas" | "minReplicas" | "noMetrics";

export interface SyncResult {
    readonly replicas: number;
    /** The replicas the metrics asked for before stabilization and rate limits. */
    readonly proposed: number | undefined;
    readonly limit: Limit;
}

/** One HPA's controller state: its recent recommendations and scale events, as the controller keeps them in memory. */
export class HpaController {
    private readonly recommendations: Timestamped[] = [];
    private readonly scaleUpEvents: Timestamped[] = [];
    private readonly scaleDownEvents: Timestamped[] = [];

    constructor(
        readonly minReplicas: number,
        readonly maxReplicas: number,
        readonly behavior: Behavior,
        private readonly tolerance: number = TOLERANCE,
    ) {}

    /**
     * Seeds the recommendation history, as a controller that has watched a steady workload for a while has it.
     * Without this the first sync would see an empty window and skip stabilization.
     */
    seed(now: number, replicas: number): void {
        const window = Math.max(this.behavior.scaleUp.stabilizationWindowSeconds, this.behavior.scaleDown.stabilizationWindowSeconds);
        for (let at = now - window; at < now; at += SYNC_PERIOD_SECONDS) this.recommendations.push({ at, value: replicas });
    }

    /** One reconcile (reconcileAutoscaler): the replicas the target is scaled to. */
    sync(now: number, currentReplicas: number, samples: readonly MetricSample[]): SyncResult {
        // Outside [min, max] the controller snaps to the bound without consulting metrics or behavior.
        if (currentReplicas > this.maxReplicas) return this.scale(now, currentReplicas, this.maxReplicas, undefined, "maxReplicas");
        if (currentReplicas < this.minReplicas) return this.scale(now, currentReplicas, this.minReplicas, undefined, "minReplicas");
        // computeReplicasForMetrics: the largest proposal over the metrics that could be computed.
        const proposals = samples.map((s) => metricReplicas(s, currentReplicas, this.tolerance)).filter((p): p is number => p !== undefined);
        if (proposals.length === 0) return { replicas: currentReplicas, proposed: undefined, limit: "noMetrics" };
        const proposed = Math.max(...proposals);
        const stabilized = this.stabilize(now, currentReplicas, proposed);
        const { replicas, limit } = this.rateLimit(now, currentReplicas, stabilized);
        return this.scale(now, currentReplicas, replicas, proposed, limit === "none" && stabilized !== proposed ? "stabilization" : limit);
    }

    private scale(now: number, current: number, replicas: number, proposed: number | undefined, limit: Limit): SyncResult {
        if (replicas > current) this.scaleUpEvents.push({ at: now, value: replicas - current });
        if (replicas < current) this.scaleDownEvents.push({ at: now, value: current - replicas });
        this.prune(now);
        return { replicas, proposed, limit };
    }

    /**
     * stabilizeRecommendationWithBehaviors: up to the lowest recommendation of the scale-up window, down to the
     * highest of the scale-down window. Upstream keeps a sample when its timestamp is strictly after now − window;
     * with a 15 s resync a sample exactly one window old sits on that edge, and processing jitter decides. The
     * simulator keeps it, the slower outcome.
     */
    private stabilize(now: number, current: number, proposed: number): number {
        const upCutoff = now - this.behavior.scaleUp.stabilizationWindowSeconds;
        const downCutoff = now - this.behavior.scaleDown.stabilizationWindowSeconds;
        let up = proposed;
        let down = proposed;
        for (const r of this.recommendations) {
            if (r.at >= upCutoff) up = Math.min(up, r.value);
            if (r.at >= downCutoff) down = Math.max(down, r.value);
        }
        this.recommendations.push({ at: now, value: proposed });
        return Math.min(Math.max(current, up), down);
    }

    /** convertDesiredReplicasWithBehaviorRate: the scale rate policies, then maxReplicas / minReplicas. */
    private rateLimit(now: number, current: number, desired: number): { replicas: number; limit: Limit } {
        if (desired > current) {
            const limit = Math.max(this.scaleUpLimit(now, current), current);
            const allowed = Math.min(this.maxReplicas, limit);
            if (desired > allowed) return { replicas: allowed, limit: allowed === this.maxReplicas && this.maxReplicas <= limit ? "maxReplicas" : "scaleUpLimit" };
        } else if (desired < current) {
            const limit = Math.min(this.scaleDownLimit(now, current), current);
            const allowed = Math.max(this.minReplicas, limit);
            if (desired < allowed) return { replicas: allowed, limit: allowed === this.minReplicas && this.minReplicas >= limit ? "minReplicas" : "scaleDownLimit" };
        }
        return { replicas: desired, limit: "none" };
    }

    /** getReplicasChangePerPeriod: the change of the events strictly inside the last period. */
    private changeIn(events: readonly Timestamped[], now: number, periodSeconds: number): number {
        return events.filter((e) => e.at > now - periodSeconds).reduce((a, e) => a + e.value, 0);
    }

    /** The replicas at the start of a policy's period: now less what scaled up, plus what scaled down, within it. */
    private periodStart(now: number, current: number, periodSeconds: number): number {
        return current - this.changeIn(this.scaleUpEvents, now, periodSeconds) + this.changeIn(this.scaleDownEvents, now, periodSeconds);
    }

    /** calculateScaleUpLimitWithScalingRules: Max takes the largest proposal, Min the smallest; Percent rounds up. */
    private scaleUpLimit(now: number, current: number): number {
        const rules = this.behavior.scaleUp;
        if (rules.selectPolicy === "Disabled") return current;
        const proposals = rules.policies.map((p) => {
            const start = this.periodStart(now, current, p.periodSeconds);
            return p.type === "Pods" ? start + p.value : Math.ceil(start * (1 + p.value / 100));
        });
        return rules.selectPolicy === "Min" ? Math.min(...proposals) : Math.max(...proposals);
    }

    /** calculateScaleDownLimitWithBehaviors: Max allows the biggest drop (the smallest count); Percent truncates. */
    private scaleDownLimit(now: number, current: number): number {
        const rules = this.behavior.scaleDown;
        if (rules.selectPolicy === "Disabled") return current;
        const proposals = rules.policies.map((p) => {
            const start = this.periodStart(now, current, p.periodSeconds);
            return p.type === "Pods" ? start - p.value : Math.trunc(start * (1 - p.value / 100));
        });
        return rules.selectPolicy === "Min" ? Math.max(...proposals) : Math.min(...proposals);
    }

    /** Drops history no window or period can reach any more (upstream reuses outdated slots the same way). */
    private prune(now: number): void {
        const longest = Math.max(
            this.behavior.scaleUp.stabilizationWindowSeconds,
            this.behavior.scaleDown.stabilizationWindowSeconds,
            ...this.behavior.scaleUp.policies.map((p) => p.periodSeconds),
            ...this.behavior.scaleDown.policies.map((p) => p.periodSeconds),
        );
        for (const list of [this.recommendations, this.scaleUpEvents, this.scaleDownEvents]) {
            while (list.length > 0 && (list[0]?.at ?? now) < now - longest) list.shift();
        }
    }
}
