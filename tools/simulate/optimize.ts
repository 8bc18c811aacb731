import { nodeHourly } from "../../capacity/cost/lines";
import { HOURS_PER_MONTH, usd } from "../../capacity/cost/model";
import { diagnose, describeRelief } from "../../capacity/dynamics/bottleneck";
import { FloorGroup, Optimization, WarmPlan, optimizeWarmCapacity } from "../../capacity/dynamics/optimize";
import { shares } from "../../components/cluster/nodeGroups";
import { cpuMillis, memoryBytes } from "../../components/workload/quantity";
import { ScaleUpConfig, deadline, simulationInput } from "../../policies/rules/dynamics";
import { ClusterScenario } from "../../policies/rules/scenarios";
import { PlatformConfig } from "../../stacks/config";
import { spotSavings } from "../plan/cost";

/* `npm run simulate -- <stack> --optimize`: each region's cheapest warm capacity, priced from catalog/prices. */

export interface RegionOptimization {
    readonly region: string;
    readonly result: Optimization;
    /** Why a service no warm capacity helps is late: its bottleneck. */
    readonly reasons: Readonly<Record<string, string>>;
}

export function optimizeRegion(scenario: ClusterScenario, config: ScaleUpConfig, platform: PlatformConfig): RegionOptimization {
    const region = platform.regions.find((r) => r.name === scenario.region);
    if (!region) throw new Error(`no region ${scenario.region} in the stack`);
    const groups = Object.entries(region.cluster.nodeGroups);
    const zoneGroupsOf = (name: string) => scenario.groups.map((g) => g.name).filter((g) => g.startsWith(`${scenario.region}-${name}-z`)).sort();
    const floorGroups: FloorGroup[] = groups
        .filter(([, g]) => g.role === "workload" && g.capacityType === "ON_DEMAND")
        .map(([name, g]) => ({ name, zoneGroups: zoneGroupsOf(name), floor: g.minSize, maxSize: g.maxSize }));
    // Priced as the cost estimate prices nodes, with the stack's own spot savings.
    const savings = spotSavings(platform.cost);
    const priceOf = new Map(
        groups.flatMap(([name, g]) => zoneGroupsOf(name).map((zg) => [zg, nodeHourly(scenario.region, g.instanceTypes, g.capacityType === "SPOT", savings).rate.usd * HOURS_PER_MONTH] as const)),
    );
    const base = simulationInput(scenario, config, "burst");
    const checked = scenario.services.filter((s) => s.userFacing && s.declared).map((s) => s.name);
    const result = optimizeWarmCapacity({
        base,
        floorGroups,
        placeholder: { cpuMillis: cpuMillis(region.cluster.headroom.cpu), memoryMiB: memoryBytes(region.cluster.headroom.memory) / 2 ** 20 },
        checked,
        deadlineSeconds: deadline(config),
        nodeMonthlyUsd: (group) => priceOf.get(group) ?? 0,
        split: shares,
    });
    const reasons = Object.fromEntries(
        result.capacityIndependent.map((name) => {
            const { bottleneck } = diagnose(base, name);
            return [name, bottleneck ? describeRelief(bottleneck) : "no single setting"];
        }),
    );
    return { region: scenario.region, result, reasons };
}

function describe(plan: WarmPlan, config: ScaleUpConfig): string {
    const floors = Object.entries(plan.floors).map(([g, f]) => `${g} floor ${f}`).join(", ") || "no floors to set";
    const nodes = Object.values(plan.steadyNodes).reduce((a, n) => a + n, 0);
    const times = Object.entries(plan.times).map(([s, t]) => `${s} ${t === undefined ? "never" : `${t} s (${config.boundSeconds - t} s to spare)`}`).join(", ");
    return `${floors}; ${plan.placeholders} placeholder(s); ${nodes} workload node(s) all day, ${usd(plan.monthlyUsd)} a month\n      ${times}`;
}

interface Totals {
    readonly today: number;
    readonly floorsOnly: number;
    readonly cheapest: number;
}

/** Monthly workload-node cost over the regions: today's plan, the cheapest warm floor alone, the cheapest plan. */
function totals(regions: readonly RegionOptimization[]): Totals {
    const sum = (pick: (r: RegionOptimization) => number) => regions.reduce((a, r) => a + pick(r), 0);
    return {
        today: sum((r) => r.result.current.monthlyUsd),
        floorsOnly: sum((r) => r.result.floorsOnly?.monthlyUsd ?? 0),
        cheapest: sum((r) => (r.result.best ?? r.result.current).monthlyUsd),
    };
}

const totalsLine = (t: Totals) => `All regions, workload nodes a month: today ${usd(t.today)}; a warm floor alone that meets the deadline ${usd(t.floorsOnly)}; the cheapest ${usd(t.cheapest)}.`;

/** The one line `npm run simulate` prints without --optimize. */
export const warmCapacityLine = (regions: readonly RegionOptimization[]): string => `${totalsLine(totals(regions))} (--optimize: per region)`;

/** The optimizer's report: per region today's warm capacity, a warm floor alone, and the cheapest that meets the deadline. */
export function renderOptimization(regions: readonly RegionOptimization[], config: ScaleUpConfig): string {
    const lines = [`Warm capacity: the cheapest per region that brings every user-facing service to its peak by ${deadline(config)} s (bound ${config.boundSeconds} s less ${config.marginSeconds} s), slow side of every edge`];
    for (const r of regions) {
        lines.push("", `${r.region}`, `  today:       ${describe(r.result.current, config)}`);
        if (r.result.floorsOnly) lines.push(`  floor alone: ${describe(r.result.floorsOnly, config)}`);
        if (r.result.best) lines.push(`  cheapest:    ${describe(r.result.best, config)}`, `  saves ${usd(r.result.current.monthlyUsd - r.result.best.monthlyUsd)} a month against today`);
        for (const name of r.result.capacityIndependent) lines.push(`  ${name}: late whatever the warm capacity; bottleneck ${r.reasons[name] ?? "unknown"}`);
    }
    lines.push("", totalsLine(totals(regions)));
    return `${lines.join("\n")}\n`;
}
