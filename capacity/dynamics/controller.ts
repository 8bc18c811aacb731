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
 * The tolerance's edge counts as within it (|1 − ratio| ≤ 0.1, as the HPA documentation states it). In float64 a
 * ratio such as 88 / 80 lands a hair outside, which upstream would act on; a hair is no evidence either way, so the
 * model takes the slower side and holds.
 */
const EDGE = 1e-9;
const withinTolerance = (ratio: number, tolerance: number) => Math.abs(1 - ratio) <= tolerance + EDGE;

/** convertDesiredReplicasWithRules, for an HPA without `behavior`: each sync may at most double, and reach at least 4. */
export const LEGACY_SCALE_UP_FACTOR = 2;
export const LEGACY_SCALE_UP_MINIMUM = 4;

/**
 * The API server's defaults for the absent fields of a `behavior` that is set (SetDefaults_HorizontalPodAutoscalerBehavior
 * in pkg/apis/autoscaling/v2/defaults.go fills them only when `spec.behavior` is not nil): up with no stabilization,
 * the larger of +100 % or +4 pods per 15 s; down with the controller's downscale stabilization, −100 % per 15 s. An
 * HPA without `behavior` keeps none, and the controller applies its legacy limits (HpaController with `undefined`).
 */
export function withDefaults(spec: { readonly scaleUp?: ScalingRulesSpec; readonly scaleDown?: ScalingRulesSpec }): Behavior {
    const up = spec.scaleUp;
    const down = spec.scaleDown;
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
    /** A resource metric (utilization of requests, GetResourceReplicas) or a pods metric (calcPlainMetricReplicas). */
    readonly kind: "resource" | "pods";
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
 * Replicas one metric asks for (ReplicaCalculator.GetResourceReplicas and calcPlainMetricReplicas in
 * replica_calculator.go). Undefined when no pod has a sample: the controller then reports an error for the metric.
 */
export function metricReplicas(sample: MetricSample, currentReplicas: number, tolerance: number = TOLERANCE): number | undefined {
    if (sample.ready === 0) return undefined;
    // GetResourceUtilizationRatio works in whole percent: the average utilization is truncated before the ratio.
    const average = sample.sum / sample.ready;
    const usageRatio = (sample.kind === "resource" ? Math.trunc(average) : average) / sample.target;
    const scaleUpWithUnready = sample.unready > 0 && usageRatio > 1;
    if (!scaleUpWithUnready && sample.missing === 0) {
        if (withinTolerance(usageRatio, tolerance)) return currentReplicas;
        return Math.ceil(usageRatio * sample.ready);
    }
    // Pods without a sample: on a scale-down they count at the target (a resource: at 100 % of their requests, or
    // the target when it is higher), on a scale-up as idle; at a ratio of exactly 1 they are left out. Not-yet-ready
    // pods count as idle on a scale-up and are left out otherwise. Both damp the move.
    let sum = sample.sum;
    let count = sample.ready;
    if (sample.missing > 0 && usageRatio !== 1) {
        const fallback = sample.kind === "resource" ? Math.max(100, sample.target) : sample.target;
        sum += usageRatio < 1 ? sample.missing * fallback : 0;
        count += sample.missing;
    }
    if (scaleUpWithUnready) count += sample.unready;
    const newAverage = sum / count;
    const newRatio = (sample.kind === "resource" ? Math.trunc(newAverage) : newAverage) / sample.target;
    // A change of direction once the set-aside pods are counted means no change at all.
    if (withinTolerance(newRatio, tolerance) || (usageRatio < 1 && newRatio > 1) || (usageRatio > 1 && newRatio < 1)) return currentReplicas;
    const proposed = Math.ceil(newRatio * count);
    if ((newRatio < 1 && proposed > currentReplicas) || (newRatio > 1 && proposed < currentReplicas)) return currentReplicas;
    return proposed;
}

interface Timestamped {
    readonly at: number;
    readonly value: number;
}

/** Why the last sync chose its count: the reasons the controller puts in the ScalingLimited condition. */
export type Limit = "none" | "stabilization" | "scaleUpLimit" | "scaleDownLimit" | "maxReplicas" | "minReplicas" | "noMetrics" | "invalidMetric" | "disabled";

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

    /** @param behavior the HPA's `spec.behavior` with its defaults, or undefined for an HPA without one (legacy limits). */
    constructor(
        readonly minReplicas: number,
        readonly maxReplicas: number,
        readonly behavior: Behavior | undefined,
        private readonly tolerance: number = TOLERANCE,
    ) {}

    /**
     * Seeds the recommendation history, as a controller that has watched a steady workload for a while has it.
     * Without this the first sync would see an empty window and skip stabilization.
     */
    seed(now: number, replicas: number): void {
        const window = this.behavior ? Math.max(this.behavior.scaleUp.stabilizationWindowSeconds, this.behavior.scaleDown.stabilizationWindowSeconds) : DOWNSCALE_STABILIZATION_SECONDS;
        for (let at = now - window; at < now; at += SYNC_PERIOD_SECONDS) this.recommendations.push({ at, value: replicas });
    }

    /** One reconcile (reconcileAutoscaler): the replicas the target is scaled to. */
    sync(now: number, currentReplicas: number, samples: readonly MetricSample[]): SyncResult {
        // A target scaled to zero while minReplicas is above it has autoscaling switched off.
        if (currentReplicas === 0 && this.minReplicas > 0) return { replicas: 0, proposed: undefined, limit: "disabled" };
        // Outside [min, max] the controller snaps to the bound without consulting metrics or behavior.
        if (currentReplicas > this.maxReplicas) return this.scale(now, currentReplicas, this.maxReplicas, undefined, "maxReplicas");
        if (currentReplicas < this.minReplicas) return this.scale(now, currentReplicas, this.minReplicas, undefined, "minReplicas");
        // computeReplicasForMetrics: the largest proposal over the metrics that could be computed; every metric
        // invalid, or some invalid with a scale-down, is an error, and nothing is scaled.
        const all = samples.map((s) => metricReplicas(s, currentReplicas, this.tolerance));
        const proposals = all.filter((p): p is number => p !== undefined);
        if (proposals.length === 0) return { replicas: currentReplicas, proposed: undefined, limit: "noMetrics" };
        const proposed = Math.max(...proposals);
        if (proposals.length < all.length && proposed < currentReplicas) return { replicas: currentReplicas, proposed, limit: "invalidMetric" };
        if (!this.behavior) return this.legacy(now, currentReplicas, proposed);
        const stabilized = this.stabilize(now, currentReplicas, proposed);
        const { replicas, limit } = this.rateLimit(now, currentReplicas, stabilized);
        return this.scale(now, currentReplicas, replicas, proposed, limit === "none" && stabilized !== proposed ? "stabilization" : limit);
    }

    /**
     * normalizeDesiredReplicas, for an HPA without `behavior`: the highest recommendation of the downscale
     * stabilization window, then convertDesiredReplicasWithRules (at most max(2 × current, 4), within the bounds).
     */
    private legacy(now: number, current: number, proposed: number): SyncResult {
        const cutoff = now - DOWNSCALE_STABILIZATION_SECONDS;
        const stabilized = this.recommendations.filter((r) => r.at >= cutoff).reduce((a, r) => Math.max(a, r.value), proposed);
        this.recommendations.push({ at: now, value: proposed });
        const scaleUpLimit = Math.max(LEGACY_SCALE_UP_FACTOR * current, LEGACY_SCALE_UP_MINIMUM);
        const ceiling = Math.min(this.maxReplicas, scaleUpLimit);
        const replicas = Math.max(this.minReplicas, Math.min(stabilized, ceiling));
        const limit: Limit = stabilized > ceiling ? (ceiling === this.maxReplicas ? "maxReplicas" : "scaleUpLimit") : stabilized < this.minReplicas ? "minReplicas" : stabilized !== proposed ? "stabilization" : "none";
        return this.scale(now, current, replicas, proposed, limit);
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
        const behavior = this.rules();
        const upCutoff = now - behavior.scaleUp.stabilizationWindowSeconds;
        const downCutoff = now - behavior.scaleDown.stabilizationWindowSeconds;
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

    /**
     * getReplicasChangePerPeriod: the change of the events within the last period. Upstream counts an event while
     * its timestamp is after now − period; a scale event exactly one period old, with a 15 s resync and 30 s or 60 s
     * periods, falls on either side by the sub-second jitter of the sync. It is counted here: the slower side,
     * since it lowers the period's starting count and so the scale-up allowed.
     */
    private changeIn(events: readonly Timestamped[], now: number, periodSeconds: number): number {
        return events.filter((e) => e.at >= now - periodSeconds).reduce((a, e) => a + e.value, 0);
    }

    private rules(): Behavior {
        if (!this.behavior) throw new Error("an HPA without behavior has no scaling rules");
        return this.behavior;
    }

    /** The replicas at the start of a policy's period: now less what scaled up, plus what scaled down, within it. */
    private periodStart(now: number, current: number, periodSeconds: number): number {
        return current - this.changeIn(this.scaleUpEvents, now, periodSeconds) + this.changeIn(this.scaleDownEvents, now, periodSeconds);
    }

    /** calculateScaleUpLimitWithScalingRules: Max takes the largest proposal, Min the smallest; Percent rounds up. */
    private scaleUpLimit(now: number, current: number): number {
        const rules = this.rules().scaleUp;
        if (rules.selectPolicy === "Disabled") return current;
        const proposals = rules.policies.map((p) => {
            const start = this.periodStart(now, current, p.periodSeconds);
            return p.type === "Pods" ? start + p.value : Math.ceil(start * (1 + p.value / 100));
        });
        return rules.selectPolicy === "Min" ? Math.min(...proposals) : Math.max(...proposals);
    }

    /** calculateScaleDownLimitWithBehaviors: Max allows the biggest drop (the smallest count); Percent truncates. */
    private scaleDownLimit(now: number, current: number): number {
        const rules = this.rules().scaleDown;
        if (rules.selectPolicy === "Disabled") return current;
        const proposals = rules.policies.map((p) => {
            const start = this.periodStart(now, current, p.periodSeconds);
            return p.type === "Pods" ? start - p.value : Math.trunc(start * (1 - p.value / 100));
        });
        return rules.selectPolicy === "Min" ? Math.max(...proposals) : Math.min(...proposals);
    }

    /** Drops history no window or period can reach any more (upstream reuses outdated slots the same way). */
    private prune(now: number): void {
        const b = this.behavior;
        const longest = b
            ? Math.max(b.scaleUp.stabilizationWindowSeconds, b.scaleDown.stabilizationWindowSeconds, ...b.scaleUp.policies.map((p) => p.periodSeconds), ...b.scaleDown.policies.map((p) => p.periodSeconds))
            : DOWNSCALE_STABILIZATION_SECONDS;
        for (const list of [this.recommendations, this.scaleUpEvents, this.scaleDownEvents]) {
            while (list.length > 0 && (list[0]?.at ?? now) < now - longest) list.shift();
        }
    }
}
