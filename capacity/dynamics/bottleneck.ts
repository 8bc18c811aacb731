import { Behavior, ScalingRules, withDefaults } from "./controller";
import { ServiceModel, SimulationInput, simulate } from "./simulate";

/*
 * Which setting holds a service back: the simulation is run again with one constraint lifted at a time, and
 * the constraint whose removal brings peak capacity soonest is the bottleneck.
 */

export type Setting = "policies" | "stabilization" | "podStart" | "metricDelay" | "nodeProvisioning" | "nodeGroupMaxSize" | "maxReplicas";

export interface Relief {
    readonly setting: Setting;
    /** What the setting is now, for the message. */
    readonly current: string;
    /** Time to capacity with the constraint lifted; undefined if still never. */
    readonly timeToCapacity: number | undefined;
}

export interface Diagnosis {
    readonly timeToCapacity: number | undefined;
    /** The constraint whose removal helps most; undefined when nothing helps. */
    readonly bottleneck: Relief | undefined;
    readonly reliefs: readonly Relief[];
}

export const SETTING_LABEL: Record<Setting, string> = {
    policies: "the scale-up policies",
    stabilization: "the scale-up stabilization window",
    podStart: "pod start-up (container start and probes)",
    metricDelay: "the metrics pipeline delay",
    nodeProvisioning: "node provisioning",
    nodeGroupMaxSize: "the node groups' maxSize",
    maxReplicas: "maxReplicas",
};

const describePolicies = (rules: ScalingRules) =>
    rules.selectPolicy === "Disabled"
        ? "scale-up disabled"
        : `${rules.policies.map((p) => `${p.type === "Percent" ? `${p.value} %` : `${p.value} pods`} per ${p.periodSeconds} s`).join(rules.selectPolicy === "Max" ? " or " : " and ")}`;

/** Time to capacity of one service in a run. */
function timeOf(input: SimulationInput, name: string): number | undefined {
    return simulate(input).services.find((s) => s.service.name === name)?.timeToCapacity;
}

export function diagnose(input: SimulationInput, name: string): Diagnosis {
    const base = input.services.find((s) => s.name === name);
    if (!base) throw new Error(`no service ${name} in the simulation`);
    const timeToCapacity = timeOf(input, name);
    const withService = (change: (s: ServiceModel) => ServiceModel): SimulationInput => ({ ...input, services: input.services.map((s) => (s.name === name ? change(s) : s)) });
    const a = input.assumptions;
    // An HPA without behavior has the controller's legacy limits: lifting them is giving it unbounded rules.
    const rules = (s: ServiceModel): Behavior => s.behavior ?? withDefaults({ scaleUp: { stabilizationWindowSeconds: 0 } });
    const variants: { setting: Setting; current: string; input: SimulationInput }[] = [
        {
            setting: "policies",
            current: base.behavior ? describePolicies(base.behavior.scaleUp) : "legacy: at most double, at least 4, per sync",
            input: withService((s) => ({ ...s, behavior: { ...rules(s), scaleUp: { ...rules(s).scaleUp, selectPolicy: "Max", policies: [{ type: "Pods", value: s.maxReplicas, periodSeconds: 1 }] } } })),
        },
        {
            setting: "stabilization",
            current: `${base.behavior?.scaleUp.stabilizationWindowSeconds ?? 0} s`,
            input: withService((s) => ({ ...s, behavior: { ...rules(s), scaleUp: { ...rules(s).scaleUp, stabilizationWindowSeconds: 0 } } })),
        },
        { setting: "podStart", current: `${base.podStartSeconds} s`, input: withService((s) => ({ ...s, podStartSeconds: 0 })) },
        { setting: "metricDelay", current: `${a.metricDelaySeconds} s`, input: { ...input, assumptions: { ...a, metricDelaySeconds: 0 } } },
        { setting: "nodeProvisioning", current: `${a.nodeProvisionSeconds} s`, input: { ...input, assumptions: { ...a, nodeProvisionSeconds: 0 } } },
        {
            setting: "nodeGroupMaxSize",
            current: input.groups.map((g) => `${g.name} ${g.maxSize}`).join(", "),
            input: { ...input, groups: input.groups.map((g) => ({ ...g, maxSize: g.maxSize * 10 })) },
        },
        { setting: "maxReplicas", current: String(base.maxReplicas), input: withService((s) => ({ ...s, maxReplicas: s.maxReplicas * 10 })) },
    ];
    const reliefs = variants.map((v) => ({ setting: v.setting, current: v.current, timeToCapacity: timeOf(v.input, name) }));
    const time = (r: Relief) => r.timeToCapacity ?? Infinity;
    const best = [...reliefs].sort((x, y) => time(x) - time(y))[0];
    return { timeToCapacity, bottleneck: best && time(best) < (timeToCapacity ?? Infinity) ? best : undefined, reliefs };
}

/** "the scale-up policies (50 % per 30 s or 10 pods per 30 s) → 135 s without the limit". */
export function describeRelief(r: Relief): string {
    return `${SETTING_LABEL[r.setting]} (${r.current}) → ${r.timeToCapacity === undefined ? "still never" : `${r.timeToCapacity} s`} without the limit`;
}
