import { COMPONENTS, CostEstimate, SteadyPeak } from "./model";

/* What a change adds to or saves from the monthly estimate, per component and in total. */

export interface ComponentDelta {
    readonly name: string;
    readonly base: SteadyPeak;
    readonly head: SteadyPeak;
    readonly delta: SteadyPeak;
}

export interface CostDelta {
    readonly components: readonly ComponentDelta[];
    readonly total: ComponentDelta;
}

const minus = (a: SteadyPeak, b: SteadyPeak): SteadyPeak => ({ steady: a.steady - b.steady, peak: a.peak - b.peak });
const ZERO: SteadyPeak = { steady: 0, peak: 0 };

export function costDelta(base: CostEstimate, head: CostEstimate): CostDelta {
    const of = (e: CostEstimate, name: string) => e.components.find((c) => c.name === name)?.monthlyUsd ?? ZERO;
    return {
        components: COMPONENTS.map((name) => ({ name, base: of(base, name), head: of(head, name), delta: minus(of(head, name), of(base, name)) })),
        total: { name: "total", base: base.monthlyUsd, head: head.monthlyUsd, delta: minus(head.monthlyUsd, base.monthlyUsd) },
    };
}
