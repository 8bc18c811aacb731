import { NO_CHARGE } from "../../catalog/prices/free";
import { COMPONENTS, CostEstimate, CostLine, HOURS_PER_MONTH, SteadyPeak, Subtotal, Unpriced, cents, sum } from "./model";
import { BilledResource, PRICED_ON, PRICERS, Priced, PricingContext, componentOf, nodeGroupCharges, priceResource } from "./lines";

/*
 * The monthly estimate of a planned stack: every resource priced by its type's pricer, summed per region and per
 * component, at steady state and at peak; beside it the same capacity all on demand, and the warm capacity.
 * Pure: the plan, the usage model, the node placement and the spot savings come in; nothing is read from outside.
 */

/** Why a resource costs nothing by itself, or undefined when it is billed (or unknown). */
function noCharge(r: BilledResource): string | undefined {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) return "not a cloud resource";
    // Kubernetes objects run on the cluster's nodes, which are priced; a Service of type LoadBalancer would
    // make a cloud load balancer outside the plan, so it is not waved through.
    if (r.type.startsWith("kubernetes:")) return r.type === "kubernetes:core/v1:Service" && (r.inputs.spec as { type?: unknown } | undefined)?.type === "LoadBalancer" ? undefined : "runs on the priced nodes";
    if (r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.inputs.vpcEndpointType !== "Gateway") return undefined;
    return NO_CHARGE[r.type]?.reason ?? PRICED_ON[r.type];
}

const monthly = (unitUsd: number, quantity: SteadyPeak): SteadyPeak => ({ steady: cents(unitUsd * quantity.steady), peak: cents(unitUsd * quantity.peak) });
const round = (n: number, digits: number) => Number(n.toFixed(digits));
const rounded = (total: SteadyPeak): SteadyPeak => ({ steady: cents(total.steady), peak: cents(total.peak) });

function price(ctx: PricingContext): { lines: CostLine[]; unpriced: Unpriced[] } {
    const lines: CostLine[] = [];
    const unpriced: Unpriced[] = [];
    for (const r of ctx.resources) {
        const pricer = PRICERS[r.type];
        if (!pricer) {
            if (noCharge(r) === undefined) unpriced.push({ urn: r.urn, type: r.type, reason: "not catalogued: neither priced (capacity/cost/lines.ts) nor listed as free of charge (catalog/prices/free.ts)" });
            continue;
        }
        for (const priced of priceResource(r, ctx, pricer)) record(r, priced, lines, unpriced);
    }
    return { lines, unpriced };
}

function record(r: BilledResource, priced: Priced, lines: CostLine[], unpriced: Unpriced[]): void {
    if ("unpriced" in priced) {
        unpriced.push({ urn: r.urn, type: r.type, reason: priced.unpriced });
        return;
    }
    const unitUsd = round(priced.rate.usd, 6);
    const quantity = { steady: round(priced.quantity.steady, 4), peak: round(priced.quantity.peak, 4) };
    lines.push({
        component: componentOf(r),
        region: r.region ?? "global",
        urn: r.urn,
        item: priced.item,
        unit: priced.rate.per,
        unitUsd,
        quantity,
        monthlyUsd: monthly(unitUsd, quantity),
        fromUsage: priced.fromUsage,
    });
}

const subtotals = (lines: readonly CostLine[], key: (l: CostLine) => string, order: readonly string[]): Subtotal[] =>
    order.map((name) => ({ name, monthlyUsd: rounded(sum(lines.filter((l) => key(l) === name).map((l) => l.monthlyUsd))) }));

const savings = (actual: number, baseline: number) => (baseline > 0 ? round((100 * (baseline - actual)) / baseline, 1) : 0);

/** Nodes kept beyond what the steady pods need (floors, placeholders), and their monthly cost. */
function warmCapacity(ctx: PricingContext): { nodes: number; monthlyUsd: number } {
    const beyond = new Map([...ctx.nodes].map(([urn, n]) => [urn, { steady: n.steady - n.needed, peak: n.steady - n.needed, needed: 0 }]));
    const floorCtx: PricingContext = { ...ctx, nodes: beyond };
    let monthlyUsd = 0;
    for (const group of ctx.resources.filter((r) => ctx.nodes.has(r.urn))) {
        for (const priced of priceResource(group, floorCtx, nodeGroupCharges)) if (!("unpriced" in priced)) monthlyUsd += priced.rate.usd * priced.quantity.steady;
    }
    return { nodes: [...beyond.values()].reduce((a, n) => a + n.steady, 0), monthlyUsd: cents(monthlyUsd) };
}

export function estimateCost(ctx: PricingContext): CostEstimate {
    const { lines, unpriced } = price(ctx);
    const onDemand = price({ ...ctx, spotSavings: () => 0 }).lines;
    const total = rounded(sum(lines.map((l) => l.monthlyUsd)));
    const baseline = rounded(sum(onDemand.map((l) => l.monthlyUsd)));
    const regions = [...new Set(lines.map((l) => l.region))].sort((a, b) => (a === "global" ? 1 : b === "global" ? -1 : a.localeCompare(b)));
    return {
        currency: "USD",
        hoursPerMonth: HOURS_PER_MONTH,
        monthlyUsd: total,
        regions: subtotals(lines, (l) => l.region, regions),
        components: subtotals(lines, (l) => l.component, COMPONENTS),
        allOnDemand: { monthlyUsd: baseline, savingsPercent: { steady: savings(total.steady, baseline.steady), peak: savings(total.peak, baseline.peak) } },
        warmCapacity: warmCapacity(ctx),
        lines,
        unpriced,
        usage: ctx.usage,
    };
}
