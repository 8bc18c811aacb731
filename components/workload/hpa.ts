import type { autoscaling } from "@pulumi/kubernetes/types/input";
import { metricQuantity } from "./quantity";

/*
 * HorizontalPodAutoscaler (autoscaling/v2) specs, typed by the Kubernetes SDK's generated API types so a
 * misspelt field does not compile. Plain data: no resource is created here.
 */

export interface ScalingPolicy {
    readonly type: "Percent" | "Pods";
    readonly value: number;
    readonly periodSeconds: number;
}

export interface ScalingRules {
    readonly stabilizationWindowSeconds: number;
    readonly selectPolicy: "Max" | "Min" | "Disabled";
    readonly policies: readonly ScalingPolicy[];
}

export interface HpaSettings {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly cpuUtilization?: number;
    readonly memoryUtilization?: number;
    readonly podsMetrics: readonly { readonly name: string; readonly averageValue: number }[];
    readonly externalMetrics: readonly { readonly name: string; readonly selector: Readonly<Record<string, string>>; readonly averageValue?: number; readonly value?: number }[];
    readonly behavior?: { readonly scaleUp: ScalingRules; readonly scaleDown: ScalingRules };
}

/**
 * The requirements' api behaviour, the default for every service: react within a minute, at most +50 % or
 * +10 pods per 30 s up; wait 5 minutes, at most −10 % or −5 pods per minute down.
 */
export const DEFAULT_BEHAVIOR: { scaleUp: ScalingRules; scaleDown: ScalingRules } = {
    scaleUp: {
        stabilizationWindowSeconds: 60,
        selectPolicy: "Max",
        policies: [
            { type: "Percent", value: 50, periodSeconds: 30 },
            { type: "Pods", value: 10, periodSeconds: 30 },
        ],
    },
    scaleDown: {
        stabilizationWindowSeconds: 300,
        selectPolicy: "Min",
        policies: [
            { type: "Percent", value: 10, periodSeconds: 60 },
            { type: "Pods", value: 5, periodSeconds: 60 },
        ],
    },
};

/** Resources ("cpu", "memory") the HPA scales on: a VPA must not act on these. */
export function hpaResources(settings: Pick<HpaSettings, "cpuUtilization" | "memoryUtilization">): ("cpu" | "memory")[] {
    return [...(settings.cpuUtilization !== undefined ? (["cpu"] as const) : []), ...(settings.memoryUtilization !== undefined ? (["memory"] as const) : [])];
}

export function hpaMetrics(settings: HpaSettings): autoscaling.v2.MetricSpec[] {
    const resource = (name: "cpu" | "memory", averageUtilization: number): autoscaling.v2.MetricSpec => ({
        type: "Resource",
        resource: { name, target: { type: "Utilization", averageUtilization } },
    });
    return [
        ...(settings.cpuUtilization !== undefined ? [resource("cpu", settings.cpuUtilization)] : []),
        ...(settings.memoryUtilization !== undefined ? [resource("memory", settings.memoryUtilization)] : []),
        ...settings.podsMetrics.map(
            (m): autoscaling.v2.MetricSpec => ({ type: "Pods", pods: { metric: { name: m.name }, target: { type: "AverageValue", averageValue: metricQuantity(m.averageValue) } } }),
        ),
        ...settings.externalMetrics.map(
            (m): autoscaling.v2.MetricSpec => ({
                type: "External",
                external: {
                    metric: { name: m.name, ...(Object.keys(m.selector).length > 0 ? { selector: { matchLabels: { ...m.selector } } } : {}) },
                    target:
                        m.value !== undefined
                            ? { type: "Value", value: metricQuantity(m.value) }
                            : { type: "AverageValue", averageValue: metricQuantity(m.averageValue ?? 1) },
                },
            }),
        ),
    ];
}

function behavior(rules: { scaleUp: ScalingRules; scaleDown: ScalingRules }): autoscaling.v2.HorizontalPodAutoscalerBehavior {
    const side = (r: ScalingRules) => ({
        stabilizationWindowSeconds: r.stabilizationWindowSeconds,
        selectPolicy: r.selectPolicy,
        policies: r.policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds })),
    });
    return { scaleUp: side(rules.scaleUp), scaleDown: side(rules.scaleDown) };
}

export function buildHpaSpec(deploymentName: string, settings: HpaSettings): autoscaling.v2.HorizontalPodAutoscalerSpec {
    const problems: string[] = [];
    if (settings.maxReplicas < settings.minReplicas) problems.push(`maxReplicas (${settings.maxReplicas}) must be ≥ minReplicas (${settings.minReplicas})`);
    if (settings.maxReplicas < 1) problems.push(`maxReplicas (${settings.maxReplicas}) must be ≥ 1`);
    for (const [name, target] of [["cpuUtilization", settings.cpuUtilization], ["memoryUtilization", settings.memoryUtilization]] as const) {
        if (target !== undefined && (target < 1 || target > 100)) problems.push(`${name} (${target}) must be from 1 to 100 %`);
    }
    const rules = settings.behavior ?? DEFAULT_BEHAVIOR;
    for (const [side, r] of Object.entries(rules) as [string, ScalingRules][]) {
        if (r.stabilizationWindowSeconds < 0 || r.stabilizationWindowSeconds > 3600) problems.push(`behavior.${side}.stabilizationWindowSeconds (${r.stabilizationWindowSeconds}) must be from 0 to 3600`);
        for (const p of r.policies) if (p.periodSeconds < 1 || p.periodSeconds > 1800) problems.push(`behavior.${side} policy periodSeconds (${p.periodSeconds}) must be from 1 to 1800`);
    }
    const metrics = hpaMetrics(settings);
    if (metrics.length === 0) problems.push("at least one metric is needed");
    if (problems.length > 0) throw new Error(problems.join("; "));
    return {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deploymentName },
        minReplicas: settings.minReplicas,
        maxReplicas: settings.maxReplicas,
        metrics,
        behavior: behavior(rules),
    };
}
