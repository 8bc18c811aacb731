import { PodRequest } from "./cluster";
import { SimulationInput, simulate } from "./simulate";

/*
 * The cheapest warm capacity that still brings every checked service to its peak by the deadline: how many nodes
 * each on-demand workload group keeps as its floor, and how many headroom placeholders hold room beside them.
 * Every candidate is simulated on the slow side of every edge (capacity/dynamics); what it costs is the nodes the
 * cluster runs at steady state, floors and placeholders included, priced per node and month.
 */

/** An on-demand workload group of the config whose floor the optimizer sets: its zonal groups, today's floor and its maximum. */
export interface FloorGroup {
    readonly name: string;
    /** The simulation's groups (one per zone) in zone order. */
    readonly zoneGroups: readonly string[];
    readonly floor: number;
    readonly maxSize: number;
}

export interface OptimizeInput {
    /** The cluster as planned. */
    readonly base: SimulationInput;
    readonly floorGroups: readonly FloorGroup[];
    /** One placeholder's request. */
    readonly placeholder: PodRequest;
    /** Services whose time to capacity must meet the deadline. */
    readonly checked: readonly string[];
    readonly deadlineSeconds: number;
    /** Monthly price of one node of a simulation group. */
    readonly nodeMonthlyUsd: (group: string) => number;
    /** How the program splits a floor over zones (components/cluster/nodeGroups.ts `shares`). */
    readonly split: (total: number, zones: number) => number[];
}

export interface WarmPlan {
    readonly floors: Readonly<Record<string, number>>;
    readonly placeholders: number;
    /** Nodes at steady state, per simulation group. */
    readonly steadyNodes: Readonly<Record<string, number>>;
    readonly monthlyUsd: number;
    /** Time to capacity of each checked service; undefined when it never got there. */
    readonly times: Readonly<Record<string, number | undefined>>;
    readonly feasible: boolean;
}

export interface Optimization {
    readonly current: WarmPlan;
    /** The cheapest plan with floors alone, no placeholders: what a warm floor costs to meet the deadline. */
    readonly floorsOnly: WarmPlan | undefined;
    /** The cheapest feasible plan, or undefined when none is. */
    readonly best: WarmPlan | undefined;
    /** Services late even with today's floors and every placeholder the search may add: no warm capacity helps them. */
    readonly capacityIndependent: readonly string[];
}

function evaluate(input: OptimizeInput, floors: Readonly<Record<string, number>>, placeholders: number): WarmPlan {
    const groups = input.base.groups.map((g) => {
        const owner = input.floorGroups.find((f) => f.zoneGroups.includes(g.name));
        if (!owner) return g;
        const share = input.split(floors[owner.name] ?? owner.floor, owner.zoneGroups.length)[owner.zoneGroups.indexOf(g.name)] ?? 0;
        return { ...g, minSize: share };
    });
    const run = simulate({ ...input.base, groups, headroom: { pods: placeholders, request: input.placeholder } });
    const times = Object.fromEntries(input.checked.map((name) => [name, run.services.find((s) => s.service.name === name)?.timeToCapacity]));
    const feasible = Object.values(times).every((t) => t !== undefined && t <= input.deadlineSeconds);
    const monthlyUsd = Object.entries(run.steadyNodes).reduce((a, [group, nodes]) => a + nodes * input.nodeMonthlyUsd(group), 0);
    return { floors, placeholders, steadyNodes: run.steadyNodes, monthlyUsd, times, feasible };
}

/** Every combination of floors from 0 to each group's `limit`, one group after another. */
function floorCombinations(groups: readonly FloorGroup[], limit: (g: FloorGroup) => number): Record<string, number>[] {
    return groups.reduce<Record<string, number>[]>((combos, g) => combos.flatMap((c) => Array.from({ length: limit(g) + 1 }, (_, f) => ({ ...c, [g.name]: f }))), [{}]);
}

/** Placeholders enough to hold every checked service's climb from steady state to its maximum. */
function placeholderCeiling(input: OptimizeInput): number {
    const extraCpu = input.base.services.filter((s) => input.checked.includes(s.name)).reduce((a, s) => a + (s.maxReplicas - s.minReplicas) * s.request.cpuMillis, 0);
    return Math.min(500, Math.ceil(extraCpu / Math.max(1, input.placeholder.cpuMillis)));
}

const cheaper = (plan: WarmPlan, than: WarmPlan | undefined) => !than || plan.monthlyUsd < than.monthlyUsd - 1e-6 || (Math.abs(plan.monthlyUsd - than.monthlyUsd) <= 1e-6 && plan.placeholders < than.placeholders);

/**
 * The cheapest feasible plans, with and without placeholders. Floors alone: the lowest uniform raise of every
 * group's floor that meets the deadline (more warm nodes never slow a climb). With placeholders: for each
 * combination of floors up to that, the fewest placeholders that meet the deadline, by bisection (more
 * placeholders never slow a climb either: each only adds room a pending pod can take at once).
 */
export function optimizeWarmCapacity(input: OptimizeInput): Optimization {
    const today = Object.fromEntries(input.floorGroups.map((g) => [g.name, g.floor]));
    const current = evaluate(input, today, input.base.headroom?.pods ?? 0);
    const ceiling = placeholderCeiling(input);
    const maxFloors = Object.fromEntries(input.floorGroups.map((g) => [g.name, g.maxSize]));
    const roomiest = evaluate(input, maxFloors, ceiling);
    const capacityIndependent = input.checked.filter((name) => {
        const t = roomiest.times[name];
        return t === undefined || t > input.deadlineSeconds;
    });
    if (capacityIndependent.length > 0) return { current, floorsOnly: undefined, best: undefined, capacityIndependent };
    let floorsOnly: WarmPlan | undefined;
    for (const floors of floorCombinations(input.floorGroups, (g) => g.maxSize)) {
        const plan = evaluate(input, floors, 0);
        if (plan.feasible && cheaper(plan, floorsOnly)) floorsOnly = plan;
    }
    let best: WarmPlan | undefined = floorsOnly;
    for (const floors of floorCombinations(input.floorGroups, (g) => floorsOnly?.floors[g.name] ?? g.maxSize)) {
        if (!evaluate(input, floors, ceiling).feasible) continue;
        let [low, high] = [0, ceiling];
        while (low < high) {
            const mid = Math.floor((low + high) / 2);
            if (evaluate(input, floors, mid).feasible) high = mid;
            else low = mid + 1;
        }
        const plan = evaluate(input, floors, low);
        if (cheaper(plan, best)) best = plan;
    }
    return { current, floorsOnly, best, capacityIndependent };
}
