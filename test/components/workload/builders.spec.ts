import { strict as assert } from "assert";
import { DEFAULT_BEHAVIOR, HpaSettings, buildHpaSpec, hpaResources } from "../../../components/workload/hpa";
import { buildPdbSpec, maxUnavailableFor } from "../../../components/workload/pdb";
import { cpuMillis, doubledCpu, memoryBytes, metricQuantity } from "../../../components/workload/quantity";
import { planSchedule } from "../../../components/workload/schedule";
import { buildVpa, resolveVpa } from "../../../components/workload/vpa";

const api: HpaSettings = {
    minReplicas: 3,
    maxReplicas: 100,
    cpuUtilization: 70,
    memoryUtilization: 80,
    podsMetrics: [
        { name: "requests_per_second", averageValue: 100 },
        { name: "queue_length", averageValue: 50 },
    ],
    externalMetrics: [],
};

describe("workload spec builders", () => {
    describe("quantities", () => {
        it("compare CPU and memory across units", () => {
            assert.equal(cpuMillis("500m"), 500);
            assert.equal(cpuMillis("2"), 2000);
            assert.equal(cpuMillis("0.25"), 250);
            assert.equal(memoryBytes("512Mi"), 512 * 2 ** 20);
            assert.ok(memoryBytes("1Gi") > memoryBytes("1000Mi"));
            assert.equal(doubledCpu("250m"), "500m");
            assert.equal(metricQuantity(100), "100");
            assert.equal(metricQuantity(0.5), "500m");
            assert.throws(() => cpuMillis("half"), /not a CPU quantity/);
        });
    });

    describe("HPA", () => {
        it("builds the api's metrics: cpu 70 %, memory 80 %, requests_per_second 100 and queue_length 50 per pod", () => {
            const spec = buildHpaSpec("api", api);
            assert.deepEqual(spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "api" });
            assert.deepEqual([spec.minReplicas, spec.maxReplicas], [3, 100]);
            assert.deepEqual(spec.metrics, [
                { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
                { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } },
                { type: "Pods", pods: { metric: { name: "requests_per_second" }, target: { type: "AverageValue", averageValue: "100" } } },
                { type: "Pods", pods: { metric: { name: "queue_length" }, target: { type: "AverageValue", averageValue: "50" } } },
            ]);
        });

        it("applies the requirements' behaviour exactly by default", () => {
            assert.deepEqual(buildHpaSpec("api", api).behavior, {
                scaleUp: { stabilizationWindowSeconds: 60, selectPolicy: "Max", policies: [{ type: "Percent", value: 50, periodSeconds: 30 }, { type: "Pods", value: 10, periodSeconds: 30 }] },
                scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: "Min", policies: [{ type: "Percent", value: 10, periodSeconds: 60 }, { type: "Pods", value: 5, periodSeconds: 60 }] },
            });
            assert.equal(DEFAULT_BEHAVIOR.scaleDown.stabilizationWindowSeconds, 300);
        });

        it("builds External metrics with a total or a per-pod target", () => {
            const spec = buildHpaSpec("worker", {
                ...api,
                cpuUtilization: undefined,
                memoryUtilization: undefined,
                podsMetrics: [],
                externalMetrics: [
                    { name: "sqs_messages_visible", selector: { queue: "jobs" }, value: 500 },
                    { name: "lag", selector: {}, averageValue: 2.5 },
                ],
            });
            assert.deepEqual(spec.metrics, [
                { type: "External", external: { metric: { name: "sqs_messages_visible", selector: { matchLabels: { queue: "jobs" } } }, target: { type: "Value", value: "500" } } },
                { type: "External", external: { metric: { name: "lag" }, target: { type: "AverageValue", averageValue: "2500m" } } },
            ]);
        });

        it("refuses every Kubernetes limit it would break, at once", () => {
            assert.throws(
                () =>
                    buildHpaSpec("bad", {
                        ...api,
                        minReplicas: 5,
                        maxReplicas: 2,
                        cpuUtilization: 120,
                        behavior: {
                            scaleUp: { stabilizationWindowSeconds: 4000, selectPolicy: "Max", policies: [{ type: "Pods", value: 1, periodSeconds: 2000 }] },
                            scaleDown: DEFAULT_BEHAVIOR.scaleDown,
                        },
                    }),
                (e: Error) =>
                    /maxReplicas \(2\) must be ≥ minReplicas \(5\)/.test(e.message) &&
                    /cpuUtilization \(120\) must be from 1 to 100/.test(e.message) &&
                    /stabilizationWindowSeconds \(4000\) must be from 0 to 3600/.test(e.message) &&
                    /periodSeconds \(2000\) must be from 1 to 1800/.test(e.message),
            );
        });

        it("knows which resources it scales on", () => {
            assert.deepEqual(hpaResources(api), ["cpu", "memory"]);
            assert.deepEqual(hpaResources({ cpuUtilization: 70 }), ["cpu"]);
            assert.deepEqual(hpaResources({}), []);
        });
    });

    describe("VPA and HPA together", () => {
        it("only recommends when the HPA scales on both resources and nothing is asked", () => {
            assert.deepEqual(resolveVpa({ mode: "Auto" }, ["cpu", "memory"]), { mode: "Off", controlledResources: ["cpu", "memory"] });
        });

        it("controls only the resource the HPA leaves alone", () => {
            assert.deepEqual(resolveVpa({ mode: "Auto" }, ["cpu"]), { mode: "Auto", controlledResources: ["memory"] });
            assert.deepEqual(resolveVpa({ mode: "Recreate" }, []), { mode: "Recreate", controlledResources: ["cpu", "memory"] });
        });

        it("refuses an explicit acting VPA on a resource the HPA scales on, saying what to set", () => {
            assert.throws(() => resolveVpa({ mode: "Auto", controlledResources: ["cpu", "memory"] }, ["cpu"]), /would change cpu requests while the HPA scales on cpu utilization; set vpa\.mode to Off, or vpa\.controlledResources to memory/);
            assert.deepEqual(resolveVpa({ mode: "Off", controlledResources: ["cpu"] }, ["cpu"]), { mode: "Off", controlledResources: ["cpu"] });
        });

        it("renders the api's recommendation-only VPA with the requirements' bounds", () => {
            const vpa = buildVpa("api", "apps", "api", { mode: "Off", controlledValues: "RequestsAndLimits", minAllowed: { cpu: "100m", memory: "128Mi" }, maxAllowed: { cpu: "4", memory: "8Gi" } }, ["cpu", "memory"]);
            assert.equal(vpa.spec.updatePolicy?.updateMode, "Off");
            assert.deepEqual(vpa.spec.resourcePolicy?.containerPolicies?.[0], {
                containerName: "api",
                controlledResources: ["cpu", "memory"],
                controlledValues: "RequestsAndLimits",
                minAllowed: { cpu: "100m", memory: "128Mi" },
                maxAllowed: { cpu: "4", memory: "8Gi" },
            });
        });

        it("leaves every other container, the istio-proxy sidecar among them, alone: a \"*\" policy in mode Off after the app's own", () => {
            const vpa = buildVpa("analysis-service", "apps", "analysis-service", { mode: "Auto", controlledValues: "RequestsAndLimits" }, ["cpu"]);
            assert.deepEqual(
                vpa.spec.resourcePolicy?.containerPolicies?.map((p) => [p.containerName, p.mode]),
                [
                    ["analysis-service", undefined],
                    ["*", "Off"],
                ],
            );
        });

        it("refuses a minimum above the maximum", () => {
            assert.throws(() => buildVpa("x", "apps", "x", { mode: "Off", controlledValues: "RequestsOnly", minAllowed: { cpu: "2", memory: "4Gi" }, maxAllowed: { cpu: "1", memory: "1Gi" } }, []), (e: Error) => /minAllowed\.cpu \(2\)/.test(e.message) && /minAllowed\.memory \(4Gi\)/.test(e.message));
        });
    });

    describe("PDB", () => {
        const cases: [number, number][] = [
            [1, 1],
            [2, 1],
            [3, 1],
            [100, 25],
        ];
        for (const [min, expected] of cases) {
            it(`at minReplicas ${min} lets ${expected} pod(s) go at once, so drains never block`, () => {
                assert.equal(maxUnavailableFor(min, 25), expected);
                const spec = buildPdbSpec({ app: "x" }, min, 25);
                assert.equal(spec.maxUnavailable, expected);
                assert.equal(spec.minAvailable, undefined);
                assert.ok(min - expected < Math.max(min, 1), "fewer than minReplicas must stay up");
            });
        }

        it("lets unhealthy pods go regardless", () => {
            assert.equal(buildPdbSpec({ app: "x" }, 3, 25).unhealthyPodEvictionPolicy, "AlwaysAllow");
        });
    });

    describe("scheduled bounds", () => {
        it("turns the requirements' windows into start and end patches", () => {
            const patches = planSchedule(
                [
                    { name: "workday", days: "1-5", start: "09:00", end: "18:00", minReplicas: 3, maxReplicas: 15 },
                    { name: "weekend", days: "0,6", start: "10:00", end: "16:30", minReplicas: 1, maxReplicas: 5 },
                ],
                { minReplicas: 1, maxReplicas: 20 },
            );
            assert.deepEqual(patches, [
                { name: "workday-start", schedule: "0 9 * * 1-5", minReplicas: 3, maxReplicas: 15 },
                { name: "workday-end", schedule: "0 18 * * 1-5", minReplicas: 1, maxReplicas: 20 },
                { name: "weekend-start", schedule: "0 10 * * 0,6", minReplicas: 1, maxReplicas: 5 },
                { name: "weekend-end", schedule: "30 16 * * 0,6", minReplicas: 1, maxReplicas: 20 },
            ]);
        });

        it("refuses a window that ends before it starts, inverted bounds and duplicate names", () => {
            assert.throws(
                () =>
                    planSchedule(
                        [
                            { name: "a", days: "1-5", start: "18:00", end: "09:00", minReplicas: 5, maxReplicas: 2 },
                            { name: "a", days: "0", start: "01:00", end: "02:00", minReplicas: 1, maxReplicas: 2 },
                        ],
                        { minReplicas: 1, maxReplicas: 3 },
                    ),
                (e: Error) => /start \(18:00\) must be before end/.test(e.message) && /maxReplicas \(2\) must be ≥ minReplicas \(5\)/.test(e.message) && /unique/.test(e.message),
            );
        });
    });
});
