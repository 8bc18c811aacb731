import * as assert from "assert";
import { diagnose } from "../../capacity/dynamics/bottleneck";
import { renderChart } from "../../capacity/dynamics/chart";
import { Cluster, NodeGroupModel } from "../../capacity/dynamics/cluster";
import { withDefaults } from "../../capacity/dynamics/controller";
import { profile } from "../../capacity/dynamics/load";
import { Assumptions, ServiceModel, SimulationInput, simulate } from "../../capacity/dynamics/simulate";

/** The requirements' api HPA behaviour (../shared/requirements.md, "Workloads, HPA and VPA"). */
const requirementsBehavior = withDefaults({
    scaleUp: { stabilizationWindowSeconds: 60, selectPolicy: "Max", policies: [{ type: "Percent", value: 50, periodSeconds: 30 }, { type: "Pods", value: 10, periodSeconds: 30 }] },
    scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: "Min", policies: [{ type: "Percent", value: 10, periodSeconds: 60 }, { type: "Pods", value: 5, periodSeconds: 60 }] },
});

const api: ServiceModel = {
    name: "api",
    userFacing: true,
    minReplicas: 3,
    maxReplicas: 100,
    behavior: requirementsBehavior,
    metrics: [
        { name: "cpu", resource: true, target: 70 },
        { name: "requests_per_second", resource: false, target: 100 },
    ],
    request: { cpuMillis: 500, memoryMiB: 1024 },
    podStartSeconds: 30,
    perPodRps: 100,
    steadyRps: 500,
    peakRps: 5000,
};

const group = (name: string, cpuMillis: number, minSize: number, maxSize: number): NodeGroupModel => ({ name, allocatable: { cpuMillis, memoryMiB: 64 * 1024, pods: 110 }, minSize, maxSize });
/** Enough warm nodes for the whole burst. */
const warm = [group("general", 8000, 8, 60)];
const assumptions: Assumptions = { metricDelaySeconds: 30, nodeProvisionSeconds: 90, preemptionSeconds: 5, scanIntervalSeconds: 10, scaleDownUnneededSeconds: 600 };
const input = (overrides: Partial<SimulationInput> = {}): SimulationInput => ({ services: [api], groups: warm, assumptions, profile: profile("burst"), ...overrides });
const only = (i: SimulationInput) => {
    const run = simulate(i).services[0];
    assert.ok(run);
    return run;
};

describe("autoscaling dynamics", () => {
    describe("the requirements' api behaviour under a 10× burst (500 → 5000 req/s, 5 → 50 pods, warm nodes)", () => {
        /*
         * By hand, on the slow side of every edge: the first sync to see the burst comes 30 s (metrics) + 14 s
         * (phase) after it and proposes 50. The 60 s window holds 5 until t = 104; then +10 pods per 30 s beats
         * +50 % until 38. A scale event exactly one period old still counts, so each step waits three syncs
         * (45 s), not two: 15 at 104, 25 at 149, 38 at 194, and 50 (+50 % of 38 = 57, capped by the proposal) at
         * 239. The last pods bind a second later and are Ready 30 s after that: 270 s.
         */
        it("reaches capacity 270 s after the burst: over the 3-minute bound", () => {
            const run = only(input());
            assert.equal(run.timeToCapacity, 270);
            assert.equal(run.peakReplicas, 50);
            const desiredAt = (after: number) => run.timeline.filter((p) => p.t <= profile("burst").riseAt + after).at(-1)?.desired;
            assert.deepEqual([100, 105, 135, 150, 195, 240].map(desiredAt), [5, 15, 15, 25, 38, 50]);
        });

        it("reaches it in 210 s with no scale-up window, the same steps 60 s sooner", () => {
            const noWindow = { ...api, behavior: { ...requirementsBehavior, scaleUp: { ...requirementsBehavior.scaleUp, stabilizationWindowSeconds: 0 } } };
            assert.equal(only(input({ services: [noWindow] })).timeToCapacity, 210);
        });

        it("names the policies as the bottleneck and the window as the next", () => {
            const { bottleneck, reliefs } = diagnose(input(), "api");
            assert.equal(bottleneck?.setting, "policies");
            assert.equal(reliefs.find((r) => r.setting === "stabilization")?.timeToCapacity, 210);
            assert.equal(reliefs.find((r) => r.setting === "nodeProvisioning")?.timeToCapacity, 270, "warm nodes: provisioning is not on the path");
        });

        it("reports the overload while it climbs", () => {
            const run = only(input());
            assert.equal(run.worstLoadPercent, 1000);
            assert.ok(run.unservedShare > 0.1 && run.unservedShare < 0.3, String(run.unservedShare));
        });
    });

    describe("nodes", () => {
        const cold = [group("small", 4000, 1, 10)];
        const small: ServiceModel = { ...api, behavior: withDefaults({}), metrics: [{ name: "rps", resource: false, target: 100 }], request: { cpuMillis: 1000, memoryMiB: 512 }, podStartSeconds: 10, steadyRps: 200, peakRps: 2000, minReplicas: 2, maxReplicas: 40 };
        const coldInput = (nodeProvisionSeconds: number) => input({ services: [small], groups: cold, assumptions: { ...assumptions, metricDelaySeconds: 0, nodeProvisionSeconds } });

        it("adds nodes for pending pods after the provisioning delay, up to what the peak needs", () => {
            const result = simulate(coldInput(90));
            assert.equal(result.nodes[0]?.nodes, 1);
            assert.equal(Math.max(...result.nodes.map((n) => n.nodes)), 5, "20 pods of 1 vCPU on 4-vCPU nodes");
            const time = result.services[0]?.timeToCapacity ?? Infinity;
            assert.ok(time >= 90 + 10, String(time));
            assert.ok(time > (simulate(coldInput(0)).services[0]?.timeToCapacity ?? Infinity));
            assert.equal(diagnose(coldInput(90), "api").bottleneck?.setting, "nodeProvisioning");
        });

        describe("headroom placeholders", () => {
            const withHeadroom = (pods: number) => ({ ...coldInput(90), headroom: { pods, request: { cpuMillis: 1000, memoryMiB: 512 } } });

            it("hold their room at steady state: the autoscaler has already added the nodes they need", () => {
                // 2 api pods and 18 placeholders of 1 vCPU on 4-vCPU nodes: 5 nodes before the burst.
                assert.equal(simulate(withHeadroom(18)).nodes[0]?.nodes, 5);
                assert.equal(simulate(withHeadroom(18)).nodes[0]?.placeholders, 18);
            });

            it("are preempted by the burst's pods, which then need no new node: as fast as warm nodes", () => {
                const result = simulate(withHeadroom(18));
                assert.equal(result.preemptions, 18);
                const warm = simulate(coldInput(0)).services[0]?.timeToCapacity ?? 0;
                const time = result.services[0]?.timeToCapacity ?? Infinity;
                // Within the victims' termination (5 s) of nodes that appear at once, and far ahead of the 180 s cold start.
                assert.ok(Math.abs(time - warm) <= 5, `${time} vs ${warm}`);
                assert.equal(simulate(coldInput(90)).services[0]?.timeToCapacity, 180);
            });

            it("come back: their Deployment recreates them and the autoscaler adds nodes for them (the refill)", () => {
                const result = simulate(withHeadroom(18));
                assert.equal(Math.max(...result.nodes.map((n) => n.nodes)), 10);
                assert.equal(result.nodes.at(-1)?.placeholders, 18);
            });

            it("shorten the climb in proportion while there are fewer than the burst needs", () => {
                const times = [0, 8, 18].map((pods) => simulate(withHeadroom(pods)).services[0]?.timeToCapacity ?? Infinity);
                assert.ok((times[0] ?? 0) > (times[1] ?? 0) && (times[1] ?? 0) > (times[2] ?? 0), times.join(" > "));
            });
        });

        it("never grows a group past its maxSize, and says the max is the bottleneck", () => {
            const capped = input({ services: [small], groups: [group("small", 4000, 1, 3)], assumptions: { ...assumptions, metricDelaySeconds: 0 } });
            const result = simulate(capped);
            assert.equal(Math.max(...result.nodes.map((n) => n.nodes)), 3);
            assert.equal(result.services[0]?.timeToCapacity, undefined);
            assert.equal(diagnose(capped, "api").bottleneck?.setting, "nodeGroupMaxSize");
        });

        it("picks the group that leaves the least idle for the pending pods", () => {
            const cluster = new Cluster([group("big", 16000, 0, 5), group("fit", 4000, 0, 5)], { nodeProvisionSeconds: 60, scanIntervalSeconds: 10, scaleDownUnneededSeconds: 600 });
            cluster.scan(0, [1, 2, 3].map(() => ({ cpuMillis: 1000, memoryMiB: 512 })));
            assert.deepEqual(cluster.nodes.map((n) => [n.group.name, n.readyAt]), [["fit", 60]]);
            // The node on its way counts: the same pods do not ask for a second one.
            cluster.scan(10, [1, 2, 3].map(() => ({ cpuMillis: 1000, memoryMiB: 512 })));
            assert.equal(cluster.size(), 1);
        });

        it("removes a node empty for the unneeded time, never below the group's minimum", () => {
            const cluster = new Cluster([group("g", 4000, 1, 5)], { nodeProvisionSeconds: 0, scanIntervalSeconds: 10, scaleDownUnneededSeconds: 600 });
            cluster.start(0, Array.from({ length: 12 }, () => ({ cpuMillis: 1000, memoryMiB: 512 })));
            assert.equal(cluster.size(), 3);
            for (const node of cluster.nodes) while (node.pods > 0) node.unbind({ cpuMillis: 1000, memoryMiB: 512 }, 100);
            cluster.scan(690, []);
            assert.equal(cluster.size(), 3);
            cluster.scan(700, []);
            assert.equal(cluster.size(), 1);
        });
    });

    describe("load profiles", () => {
        it("burst steps, ramp climbs over 300 s, and the workday rests overnight and peaks in business hours", () => {
            const burst = profile("burst");
            assert.deepEqual([burst.shape(burst.riseAt - 1), burst.shape(burst.riseAt)], [0, 1]);
            const ramp = profile("ramp");
            assert.deepEqual([0, 150, 300, 600].map((s) => ramp.shape(ramp.riseAt + s)), [0, 0.5, 1, 1]);
            const day = profile("workday");
            const at = (hour: number) => day.shape(day.riseAt + hour * 3600);
            assert.deepEqual([at(3), at(11), at(14), at(23)], [0, 1, 1, 0]);
            assert.ok(at(9) > 0.8 && at(12.5) < 1);
        });

        it("follows the workday with the HPA inside its tolerance band, and scales back down at night", () => {
            const run = only(input({ profile: profile("workday") }));
            assert.ok(run.worstLoadPercent < 125, String(run.worstLoadPercent));
            assert.equal(run.timeline.at(-1)?.desired, 5);
            assert.equal(run.peakReplicas, 50);
        });
    });

    it("charts a run as a deterministic SVG with the bound marked", () => {
        const result = simulate(input());
        const run = result.services[0];
        assert.ok(run);
        const svg = renderChart(run, result, { title: "prod · us-east-1 · api <burst>", boundSeconds: 180 });
        assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assert.equal(svg.match(/<polyline /g)?.length, 4);
        assert.match(svg, /bound 180 s/);
        assert.match(svg, /api &lt;burst&gt;/);
        assert.equal(renderChart(run, result, { title: "prod · us-east-1 · api <burst>", boundSeconds: 180 }), svg);
    });
});
