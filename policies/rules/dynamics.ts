import { StackValidationPolicy } from "@pulumi/policy";
import { describeRelief, diagnose } from "../../capacity/dynamics/bottleneck";
import { CLUSTER_AUTOSCALER_DEFAULTS } from "../../capacity/dynamics/cluster";
import { PROVISIONERS } from "../../catalog/provisioners";
import { profile } from "../../capacity/dynamics/load";
import { SimulationInput, simulate } from "../../capacity/dynamics/simulate";
import { ClusterScenario, ScenarioSettings, clusterScenarios } from "./scenarios";
import { boolean, integer } from "./util";

/*
 * Scale-up time: the stack's own HPAs, pods and node groups, simulated under a burst from steady state to
 * peak, must bring Ready capacity for the peak within the bound (requirements: under 3 minutes).
 */

export interface ScaleUpConfig extends ScenarioSettings {
    readonly boundSeconds: number;
    /** Seconds a verdict must leave to the bound: the slow side of every edge is already taken, this is the spare. */
    readonly marginSeconds: number;
    readonly metricDelaySeconds: number;
    readonly nodeProvisionSeconds: number;
    readonly preemptionSeconds: number;
    readonly requireThroughput: boolean;
}

/** The latest time to capacity a service may take: the bound less the margin. */
export const deadline = (config: Pick<ScaleUpConfig, "boundSeconds" | "marginSeconds">) => config.boundSeconds - config.marginSeconds;

/** One cluster under one profile, with the cluster autoscaler's settings from its release. */
export const simulationInput = (scenario: ClusterScenario, config: ScaleUpConfig, name: Parameters<typeof profile>[0]): SimulationInput => ({
    services: scenario.services,
    groups: scenario.groups,
    ...(scenario.headroom ? { headroom: scenario.headroom } : {}),
    assumptions: {
        metricDelaySeconds: config.metricDelaySeconds,
        nodeProvisionSeconds: config.nodeProvisionSeconds,
        preemptionSeconds: config.preemptionSeconds,
        scanIntervalSeconds: CLUSTER_AUTOSCALER_DEFAULTS.scanIntervalSeconds,
        scaleDownUnneededSeconds: scenario.scaleDownUnneededSeconds,
    },
    profile: profile(name),
});

export const scaleUpTime: StackValidationPolicy = {
    name: "strata-scale-up-time",
    description: "Every user-facing service, simulated under a burst from steady state to its peak on the slow side of every timing edge, has Ready capacity for the peak within the bound less the margin.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            boundSeconds: integer("Longest allowed time from the burst to Ready capacity for the peak", 180),
            marginSeconds: integer("Seconds every verdict must leave to the bound", 20),
            burstFactor: integer("Peak load over steady load", 10),
            metricDelaySeconds: integer("Age of the metrics the HPA reads (scrape interval and rate window)", 30),
            containerStartSeconds: integer("Image pull and process start, before the probes", 20),
            nodeProvisionSeconds: integer("From the cluster autoscaler's decision to a Ready node (catalog/provisioners.ts)", PROVISIONERS.rows["cluster-autoscaler"].nodeReadySeconds),
            preemptionSeconds: integer("From a pod preempting headroom placeholders to its binding (the victims' termination)", 5),
            sidecarCpuMillis: integer("CPU request of the Istio sidecar in every meshed pod", 100),
            sidecarMemoryMiB: integer("Memory request of the Istio sidecar in every meshed pod", 128),
            daemonSetCpuMillis: integer("CPU requested on every node by DaemonSets (VPC CNI, kube-proxy, EBS CSI, node exporter)", 200),
            daemonSetMemoryMiB: integer("Memory requested on every node by DaemonSets", 256),
            requireThroughput: boolean("A user-facing service must declare throughput (peak and per-pod rates) so its scale-up can be proven", true),
        },
    },
    validateStack: (args, report) => {
        const config = args.getConfig<ScaleUpConfig>();
        for (const scenario of clusterScenarios(args.resources, config)) {
            const userFacing = scenario.services.filter((s) => s.userFacing);
            if (config.requireThroughput) {
                for (const s of userFacing.filter((x) => !x.declared)) {
                    report(`HPA ${s.name} in ${scenario.region}: a user-facing service must declare throughput (peakRps, perPodRps) so its scale-up time can be simulated`, s.hpa.urn);
                }
            }
            if (scenario.groups.length === 0 || !userFacing.some((s) => s.declared)) continue;
            const input = simulationInput(scenario, config, "burst");
            const latest = deadline(config);
            for (const run of simulate(input).services) {
                const s = scenario.services.find((x) => x.name === run.service.name);
                if (!s?.userFacing || !s.declared || (run.timeToCapacity !== undefined && run.timeToCapacity <= latest)) continue;
                const { bottleneck, reliefs } = diagnose(input, s.name);
                const when = run.timeToCapacity === undefined ? `never carry the peak in the ${input.profile.horizon - input.profile.riseAt} s simulated` : `carry the peak only ${run.timeToCapacity} s after it`;
                const others = reliefs.filter((r) => r !== bottleneck && r.timeToCapacity !== run.timeToCapacity).map(describeRelief);
                report(
                    `HPA ${s.name} in ${scenario.region}: after a ${config.burstFactor}× burst to ${s.peakRps} req/s, Ready pods ${when} on the slow side of every timing edge (bound ${config.boundSeconds} s, less a ${config.marginSeconds} s margin: ${latest} s). ` +
                        (bottleneck ? `Bottleneck: ${describeRelief(bottleneck)}.` : "No single setting is the bottleneck.") +
                        (others.length > 0 ? ` Lifting one other setting at a time: ${others.join("; ")}.` : "") +
                        " `npm run simulate` charts the timeline.",
                    s.hpa.urn,
                );
            }
        }
    },
};
