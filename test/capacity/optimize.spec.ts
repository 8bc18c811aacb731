import { strict as assert } from "assert";
import { withDefaults } from "../../capacity/dynamics/controller";
import { profile } from "../../capacity/dynamics/load";
import { OptimizeInput, optimizeWarmCapacity } from "../../capacity/dynamics/optimize";
import { SimulationInput, simulate } from "../../capacity/dynamics/simulate";
import { shares } from "../../components/cluster/nodeGroups";

/*
 * A small stack whose answer is worked out by hand. One service: 2 pods of 1 vCPU at steady state, 10 at peak (8
 * more). Two groups of 4-vCPU nodes: a spot group without a floor at $80 a node and month, listed first, and an
 * on-demand group whose floor the optimizer sets, at $200. New nodes take 90 s, far beyond the deadline.
 *
 * Floors alone: the steady pods sit on the floor's nodes, so a floor of F leaves 4F − 2 free slots; 8 are needed:
 * F = 3, $600. Placeholders: 2 pods and P placeholders fill ceil((2 + P) / 4) spot nodes, and the burst can use
 * every slot but the 2 steady pods': 4 × ceil((2 + P) / 4) − 2 ≥ 8 first holds at P = 7, on 3 spot nodes: $240.
 */

const node = (name: string) => ({ name, allocatable: { cpuMillis: 4000, memoryMiB: 65536, pods: 110 }, minSize: 0, maxSize: 10 });
const base: SimulationInput = {
    services: [
        {
            name: "api",
            userFacing: true,
            minReplicas: 2,
            maxReplicas: 10,
            behavior: withDefaults({}),
            metrics: [{ name: "rps", resource: false, target: 100 }],
            request: { cpuMillis: 1000, memoryMiB: 512 },
            podStartSeconds: 10,
            perPodRps: 100,
            steadyRps: 200,
            peakRps: 1000,
        },
    ],
    groups: [node("spot-z1"), node("od-z1")],
    assumptions: { metricDelaySeconds: 0, nodeProvisionSeconds: 90, preemptionSeconds: 5, scanIntervalSeconds: 10, scaleDownUnneededSeconds: 600 },
    profile: profile("burst"),
};
const input = (deadlineSeconds: number): OptimizeInput => ({
    base,
    floorGroups: [{ name: "od", zoneGroups: ["od-z1"], floor: 0, maxSize: 10 }],
    placeholder: { cpuMillis: 1000, memoryMiB: 512 },
    checked: ["api"],
    deadlineSeconds,
    nodeMonthlyUsd: (group) => (group.startsWith("od") ? 200 : 80),
    split: shares,
});

describe("warm-capacity optimizer", () => {
    const time = (pods: number) => simulate({ ...base, headroom: { pods, request: { cpuMillis: 1000, memoryMiB: 512 } } }).services[0]?.timeToCapacity;

    it("finds the hand-worked plans: a floor of 3 on-demand nodes alone, or 7 placeholders on 3 spot nodes", () => {
        const deadline = time(7) ?? 0;
        const result = optimizeWarmCapacity(input(deadline));
        assert.deepEqual([result.floorsOnly?.floors, result.floorsOnly?.placeholders, result.floorsOnly?.monthlyUsd], [{ od: 3 }, 0, 600]);
        assert.deepEqual([result.best?.floors, result.best?.placeholders, result.best?.monthlyUsd, result.best?.steadyNodes], [{ od: 0 }, 7, 240, { "spot-z1": 3, "od-z1": 0 }]);
        assert.ok(result.best?.feasible);
    });

    it("needs the seventh placeholder: with six the burst waits for a node", () => {
        // The eighth pod of the burst has no slot: it waits for the autoscaler's node (90 s).
        assert.ok((time(6) ?? Infinity) >= (time(7) ?? 0) + 60, `${time(6)} vs ${time(7)}`);
        assert.equal(optimizeWarmCapacity(input(time(7) ?? 0)).best?.placeholders, 7);
    });

    it("reports today's plan beside them: no floor and no placeholders miss the deadline", () => {
        const result = optimizeWarmCapacity(input(time(7) ?? 0));
        assert.equal(result.current.feasible, false);
        assert.equal(result.current.monthlyUsd, 80);
    });

    it("names a service no warm capacity can bring in time, and proposes nothing", () => {
        const result = optimizeWarmCapacity(input(10));
        assert.deepEqual(result.capacityIndependent, ["api"]);
        assert.equal(result.best, undefined);
    });
});
