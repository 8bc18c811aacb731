import * as assert from "assert";
import { Behavior, HpaController, MetricSample, ScalingRules, metricReplicas, withDefaults } from "../../capacity/dynamics/controller";

/*
 * Hand-worked cases for each rule of the HPA controller model; the expected numbers are computed by hand
 * from the upstream algorithm, not read back from the code.
 */

/** Every pod Ready and sampled, each at `ratio` × target. */
const uniform = (pods: number, ratio: number, target = 100): MetricSample => ({ kind: "pods", target, ready: pods, sum: pods * ratio * target, unready: 0, missing: 0 });
/** A pods metric sample with some pods set aside. */
const pods = (ready: number, sum: number, unready: number, missing: number, target = 100): MetricSample => ({ kind: "pods", target, ready, sum, unready, missing });

const rules = (r: Partial<ScalingRules>): ScalingRules => ({ stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Pods", value: 1000, periodSeconds: 15 }], ...r });
const behavior = (up: Partial<ScalingRules>, down: Partial<ScalingRules> = {}): Behavior => ({ scaleUp: rules(up), scaleDown: rules(down) });

describe("HPA controller model", () => {
    describe("the ratio rule", () => {
        it("holds within the 10 % tolerance band and moves outside it", () => {
            assert.equal(metricReplicas(uniform(10, 1.08), 10), 10);
            assert.equal(metricReplicas(uniform(10, 0.92), 10), 10);
            assert.equal(metricReplicas(uniform(10, 1.12), 10), 12); // ceil(1.12 × 10)
            assert.equal(metricReplicas(uniform(10, 0.85), 10), 9); // ceil(8.5)
        });

        it("counts not-yet-ready pods as idle on a scale-up", () => {
            // 4 ready pods at 3× target, 4 unready: (4 × 3) / 8 = 1.5 → ceil(1.5 × 8) = 12.
            assert.equal(metricReplicas(pods(4, 1200, 4, 0), 8), 12);
            // 4 ready at 2.4×, 8 unready: 960 / 12 = 0.8 flips the direction → no change.
            assert.equal(metricReplicas(pods(4, 960, 8, 0), 12), 12);
            // 4 ready at 2×, 4 unready: (4 × 2) / 8 = 1.0, inside tolerance → no change.
            assert.equal(metricReplicas(pods(4, 800, 4, 0), 8), 8);
        });

        it("leaves not-ready pods out, and counts missing pods as on target, on a scale-down", () => {
            // Ready 4 at 0.5×, unready 4 set aside: ratio 0.5 over the 4 → ceil(2) = 2.
            assert.equal(metricReplicas(pods(4, 200, 4, 0), 8), 2);
            // Ready 4 at 0.5×, missing 4 taken at target: (200 + 400) / 8 = 0.75 → ceil(6) = 6.
            assert.equal(metricReplicas(pods(4, 200, 0, 4), 8), 6);
        });

        it("does not move when counting the set-aside pods flips the direction", () => {
            // Ready 2 at 1.5×, missing 2 counted idle: (300 + 0) / 4 = 0.75 < 1 although the raw ratio was > 1.
            assert.equal(metricReplicas(pods(2, 300, 0, 2), 4), 4);
        });

        it("has no proposal without a single sample", () => {
            assert.equal(metricReplicas(pods(0, 0, 3, 0), 3), undefined);
        });

        it("takes the largest proposal over the metrics", () => {
            const hpa = new HpaController(1, 100, behavior({}));
            assert.equal(hpa.sync(0, 10, [uniform(10, 1.5), uniform(10, 3), uniform(10, 0.5)]).replicas, 30);
        });
    });

    describe("stabilization", () => {
        it("scales up to the lowest recommendation of the window", () => {
            const hpa = new HpaController(1, 100, behavior({ stabilizationWindowSeconds: 60 }));
            hpa.seed(0, 5);
            // 10× load from t = 15: the window still holds the steady 5 until every sample in it is high.
            const at = (t: number, current: number) => hpa.sync(t, current, [uniform(current, 10)]);
            assert.equal(at(15, 5).replicas, 5);
            assert.equal(at(30, 5).replicas, 5);
            assert.equal(at(45, 5).replicas, 5); // the steady sample at −15 is exactly one window old: kept
            assert.equal(at(60, 5).replicas, 50);
        });

        it("scales down to the highest recommendation of the window", () => {
            const hpa = new HpaController(1, 100, behavior({}, { stabilizationWindowSeconds: 300 }));
            hpa.seed(0, 20);
            assert.equal(hpa.sync(15, 20, [uniform(20, 0.25)]).replicas, 20);
            assert.equal(hpa.sync(285, 20, [uniform(20, 0.25)]).replicas, 20);
            assert.equal(hpa.sync(315, 20, [uniform(20, 0.25)]).replicas, 5);
        });

        it("reports the window as what held the count", () => {
            const hpa = new HpaController(1, 100, behavior({ stabilizationWindowSeconds: 60 }));
            hpa.seed(0, 5);
            assert.deepEqual(hpa.sync(15, 5, [uniform(5, 10)]), { replicas: 5, proposed: 50, limit: "stabilization" });
        });
    });

    describe("scaling policies", () => {
        const up = (selectPolicy: "Max" | "Min", current: number) =>
            new HpaController(1, 1000, behavior({ selectPolicy, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }, { type: "Pods", value: 4, periodSeconds: 60 }] })).sync(0, current, [uniform(current, 10)]).replicas;

        it("Max takes the policy allowing the biggest change, Min the smallest", () => {
            assert.equal(up("Max", 10), 15); // +50 % = 15 beats +4 = 14
            assert.equal(up("Min", 10), 14);
            assert.equal(up("Max", 4), 8); // +4 = 8 beats ceil(6)
            assert.equal(up("Min", 4), 6);
        });

        it("rounds a Percent scale-up up, so a small count still grows", () => {
            const hpa = new HpaController(1, 100, behavior({ policies: [{ type: "Percent", value: 10, periodSeconds: 60 }] }));
            assert.equal(hpa.sync(0, 3, [uniform(3, 10)]).replicas, 4); // ceil(3.3)
        });

        it("counts from the replicas at the start of each policy's period", () => {
            const hpa = new HpaController(1, 1000, behavior({ policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] }));
            assert.equal(hpa.sync(0, 10, [uniform(10, 10)]).replicas, 15);
            assert.equal(hpa.sync(30, 15, [uniform(15, 10)]).replicas, 15); // period started at 10: 15 is the limit
            assert.deepEqual(hpa.sync(45, 15, [uniform(15, 10)]).limit, "scaleUpLimit");
            // At 60 the event at 0 is exactly one period old: on the slower side of the sync's jitter it still counts.
            assert.equal(hpa.sync(60, 15, [uniform(15, 10)]).replicas, 15);
            assert.equal(hpa.sync(75, 15, [uniform(15, 10)]).replicas, 23); // the event has left the period: ceil(22.5)
        });

        it("limits the scale-down rate, truncating Percent", () => {
            const hpa = new HpaController(1, 1000, behavior({}, { policies: [{ type: "Percent", value: 10, periodSeconds: 60 }, { type: "Pods", value: 5, periodSeconds: 60 }], selectPolicy: "Min" }));
            // Min on the way down: the smaller drop, 10 % of 95 = 9.5 → 85 (trunc 85.5), against −5 = 90.
            assert.equal(hpa.sync(0, 95, [uniform(95, 0.1)]).replicas, 90);
            assert.equal(hpa.sync(30, 90, [uniform(90, 0.1)]).replicas, 90);
            assert.equal(hpa.sync(60, 90, [uniform(90, 0.1)]).replicas, 90, "the drop at 0 is exactly one period old and still counts");
            assert.equal(hpa.sync(75, 90, [uniform(90, 0.1)]).replicas, 85);
        });

        it("never scales in a direction whose selectPolicy is Disabled", () => {
            const hpa = new HpaController(1, 100, behavior({}, { selectPolicy: "Disabled" }));
            assert.equal(hpa.sync(0, 40, [uniform(40, 0.1)]).replicas, 40);
            const frozen = new HpaController(1, 100, behavior({ selectPolicy: "Disabled" }));
            assert.equal(frozen.sync(0, 10, [uniform(10, 5)]).replicas, 10);
        });
    });

    describe("bounds", () => {
        it("caps at maxReplicas and says so", () => {
            const hpa = new HpaController(1, 100, behavior({}));
            assert.deepEqual(hpa.sync(0, 50, [uniform(50, 4)]), { replicas: 100, proposed: 200, limit: "maxReplicas" });
        });

        it("snaps to the bounds without consulting behavior when outside them", () => {
            const hpa = new HpaController(3, 10, behavior({ selectPolicy: "Disabled" }, { selectPolicy: "Disabled" }));
            assert.equal(hpa.sync(0, 1, [uniform(1, 1)]).replicas, 3);
            assert.equal(hpa.sync(15, 20, [uniform(20, 1)]).replicas, 10);
        });
    });

    it("fills the absent fields of a set behavior with the API server's defaults", () => {
        assert.deepEqual(withDefaults({}), {
            scaleUp: {
                stabilizationWindowSeconds: 0,
                selectPolicy: "Max",
                policies: [
                    { type: "Pods", value: 4, periodSeconds: 15 },
                    { type: "Percent", value: 100, periodSeconds: 15 },
                ],
            },
            scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] },
        });
        assert.equal(withDefaults({ scaleUp: { stabilizationWindowSeconds: 30 } }).scaleUp.policies.length, 2);
        // Default scale-up from 3: the larger of +4 and +100 % per 15 s → 7.
        const hpa = new HpaController(1, 100, withDefaults({}));
        assert.equal(hpa.sync(0, 3, [uniform(3, 10)]).replicas, 7);
    });

    describe("upstream edge cases", () => {
        it("counts a resource metric's missing pods at 100 % of their requests on a scale-down, or the target when higher", () => {
            const cpu = (target: number, ready: number, sum: number, missing: number): MetricSample => ({ kind: "resource", target, ready, sum, unready: 0, missing });
            // Target 50 %: 3 pods at 40 % and 1 missing taken at 100 %: (120 + 100) / 4 = 55 % → ratio 1.1, on the
            // tolerance's edge, which counts as within: no change (4). Without the missing pod: ceil(0.8 × 3) = 3.
            assert.equal(metricReplicas(cpu(50, 3, 120, 1), 4), 4);
            assert.equal(metricReplicas(cpu(50, 3, 120, 0), 4), 3);
            // Target 150 %: missing pods count at the target, not at 100 %: (2 × 60 + 2 × 150) / 4 = 105 → 0.7 → ceil(2.8) = 3.
            assert.equal(metricReplicas(cpu(150, 2, 120, 2), 4), 3);
        });

        it("truncates a resource metric's average utilization to a whole percent before the ratio", () => {
            // 3 pods at 88.9 % of a 80 % target: 88 / 80 = 1.1, within the tolerance; untruncated 1.111 would scale.
            assert.equal(metricReplicas({ kind: "resource", target: 80, ready: 3, sum: 266.7, unready: 0, missing: 0 }, 3), 3);
        });

        it("changes nothing at a usage ratio of exactly 1 with missing pods (they are left out)", () => {
            assert.equal(metricReplicas(pods(4, 400, 0, 4), 8), 8);
        });

        it("changes nothing when the ratio is exactly on the tolerance's edge", () => {
            assert.equal(metricReplicas(uniform(10, 1.1), 10), 10);
            assert.equal(metricReplicas(uniform(10, 0.9), 10), 10);
        });

        it("does not scale down while any metric is invalid, but scales up on the valid ones", () => {
            const noSample = pods(0, 0, 3, 0);
            const hpa = new HpaController(1, 100, behavior({}, {}));
            assert.deepEqual(hpa.sync(0, 10, [uniform(10, 0.5), noSample]), { replicas: 10, proposed: 5, limit: "invalidMetric" });
            assert.equal(hpa.sync(15, 10, [uniform(10, 2), noSample]).replicas, 20);
            assert.deepEqual(hpa.sync(30, 10, [noSample]), { replicas: 10, proposed: undefined, limit: "noMetrics" });
        });

        it("leaves a target scaled to zero alone while minReplicas is above zero: autoscaling is off", () => {
            const hpa = new HpaController(2, 10, behavior({}));
            assert.deepEqual(hpa.sync(0, 0, [uniform(1, 5)]), { replicas: 0, proposed: undefined, limit: "disabled" });
        });

        it("applies the legacy limits to an HPA without behavior: at most double (at least 4) per sync, no scale-up window", () => {
            const hpa = new HpaController(1, 100, undefined);
            hpa.seed(0, 3);
            assert.equal(hpa.sync(15, 3, [uniform(3, 10)]).replicas, 6, "3 → max(2 × 3, 4)");
            assert.equal(hpa.sync(30, 6, [uniform(6, 10)]).replicas, 12);
            assert.equal(new HpaController(1, 100, undefined).sync(0, 1, [uniform(1, 10)]).replicas, 4, "at least 4");
            // Down: the highest recommendation of the last 300 s holds.
            const down = new HpaController(1, 100, undefined);
            down.seed(0, 20);
            assert.equal(down.sync(15, 20, [uniform(20, 0.25)]).replicas, 20);
            assert.equal(down.sync(315, 20, [uniform(20, 0.25)]).replicas, 5);
        });

        it("counts a scale event exactly one policy period old, the slower side of the sync's jitter", () => {
            // 10 pods per 30 s. +10 at t = 0; at t = 30 that event is exactly one period old and still limits.
            const hpa = new HpaController(1, 1000, behavior({ policies: [{ type: "Pods", value: 10, periodSeconds: 30 }] }));
            assert.equal(hpa.sync(0, 10, [uniform(10, 10)]).replicas, 20);
            assert.equal(hpa.sync(30, 20, [uniform(20, 10)]).replicas, 20, "the period that started at 0 is still full");
            assert.equal(hpa.sync(45, 20, [uniform(20, 10)]).replicas, 30);
        });
    });
});
