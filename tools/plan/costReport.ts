import { CostDelta } from "../../capacity/cost/delta";
import { SteadyPeak, usd } from "../../capacity/cost/model";
import { PlanCost } from "./contract";

/* The cost section of the printed summary and of the pull-request report. */

const signed = (n: number) => (n === 0 ? "$0.00" : `${n > 0 ? "+" : "−"}${usd(Math.abs(n))}`);

/** Unpriced charges grouped by type and reason, largest group first. */
function unpricedGroups(cost: PlanCost): { reason: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const u of cost.unpriced) {
        const key = `${u.type}: ${u.reason}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

const lowerBound = (cost: PlanCost) => (cost.unpriced.length > 0 ? ` (a lower bound: ${cost.unpriced.length} charge(s) unpriced)` : "");

function budgetText(cost: PlanCost): string | undefined {
    if (!cost.budget) return undefined;
    const { steady, peak } = cost.budget.maxMonthlyUsd;
    const parts = [steady === undefined ? undefined : `steady ≤ ${usd(steady)}`, peak === undefined ? undefined : `peak ≤ ${usd(peak)}`].filter((p) => p !== undefined);
    return `Budget (${cost.budget.enforcement}): ${parts.join(", ")}`;
}

/** The plain-text cost summary `npm run plan` prints. */
export function costText(cost: PlanCost, delta?: CostDelta): string {
    const width = Math.max(...cost.components.map((c) => c.name.length), ...cost.regions.map((r) => r.name.length), 5);
    const row = (name: string, v: SteadyPeak, change?: SteadyPeak) =>
        `  ${name.padEnd(width)}  ${usd(v.steady).padStart(13)}  ${usd(v.peak).padStart(13)}${change ? `  ${signed(change.steady).padStart(13)}  ${signed(change.peak).padStart(13)}` : ""}`;
    const change = (name: string) => delta?.components.find((c) => c.name === name)?.delta;
    const lines = [
        `Monthly cost, USD (${cost.hoursPerMonth} h, list prices, usage from strata:cost.usage)${lowerBound(cost)}`,
        `  ${"".padEnd(width)}  ${"steady".padStart(13)}  ${"peak".padStart(13)}${delta ? `  ${"Δ steady".padStart(13)}  ${"Δ peak".padStart(13)}` : ""}`,
        ...cost.components.map((c) => row(c.name, c.monthlyUsd, delta ? change(c.name) : undefined)),
        row("total", cost.monthlyUsd, delta?.total.delta),
        "  by region:",
        ...cost.regions.map((r) => row(r.name, r.monthlyUsd)),
        `  All on demand: ${usd(cost.allOnDemand.monthlyUsd.steady)} steady, ${usd(cost.allOnDemand.monthlyUsd.peak)} peak; spot saves ${cost.allOnDemand.savingsPercent.steady} % / ${cost.allOnDemand.savingsPercent.peak} %`,
        `  Warm capacity: ${cost.warmCapacity.nodes} workload node(s) kept beyond what steady state needs (floors, headroom), ${usd(cost.warmCapacity.monthlyUsd)} a month`,
    ];
    const budget = budgetText(cost);
    if (budget) lines.push(`  ${budget}`);
    const groups = unpricedGroups(cost);
    if (groups.length > 0) lines.push("  Not counted:", ...groups.map((g) => `    ${g.count} × ${g.reason}`));
    return lines.join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The report's cost section: components with their change, the on-demand baseline, the warm capacity, what is not counted. */
export function costMarkdown(cost: PlanCost, delta?: CostDelta): string[] {
    const change = (name: string) => delta?.components.find((c) => c.name === name)?.delta ?? { steady: 0, peak: 0 };
    const header = delta ? ["| component | steady | peak | Δ steady | Δ peak |", "|---|---:|---:|---:|---:|"] : ["| component | steady | peak |", "|---|---:|---:|"];
    const row = (name: string, v: SteadyPeak, d: SteadyPeak) => `| ${name} | ${usd(v.steady)} | ${usd(v.peak)} |${delta ? ` ${signed(d.steady)} | ${signed(d.peak)} |` : ""}`;
    const groups = unpricedGroups(cost);
    const budget = budgetText(cost);
    return [
        "### 💰 Monthly cost",
        "",
        delta
            ? `This change: **${signed(delta.total.delta.steady)}** a month at steady state, **${signed(delta.total.delta.peak)}** at peak.`
            : `No base plan: the stack's whole estimate.`,
        "",
        ...header,
        ...cost.components.map((c) => row(c.name, c.monthlyUsd, change(c.name))),
        row("**total**", cost.monthlyUsd, delta?.total.delta ?? { steady: 0, peak: 0 }),
        "",
        `USD a month (${cost.hoursPerMonth} h) at list prices${lowerBound(cost)}. All on demand: ${usd(cost.allOnDemand.monthlyUsd.steady)} steady, ${usd(cost.allOnDemand.monthlyUsd.peak)} peak (spot saves ${cost.allOnDemand.savingsPercent.steady} % / ${cost.allOnDemand.savingsPercent.peak} %). Warm capacity: ${cost.warmCapacity.nodes} node(s), ${usd(cost.warmCapacity.monthlyUsd)} a month.${budget ? ` ${budget}.` : ""}`,
        "",
        ...(groups.length > 0 ? ["<details><summary>Not counted</summary>", "", ...groups.map((g) => `- ${g.count} × ${cell(g.reason)}`), "", "</details>", ""] : []),
    ];
}
