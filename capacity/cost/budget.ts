import { CostEstimate, SteadyPeak, usd } from "./model";

/*
 * The stack's budget against its estimate. Charges the catalog cannot price are not in the totals, so a total is
 * a lower bound: over the budget is certain and reported; within it is what the priced part shows, and the
 * report says how many charges are not counted.
 */

export interface Budget {
    readonly maxMonthlyUsd: Partial<SteadyPeak>;
    readonly enforcement: "mandatory" | "advisory";
}

export interface BudgetFinding {
    readonly enforcementLevel: "mandatory" | "advisory";
    readonly message: string;
}

export const BUDGET_POLICY = "strata-budget";

export function budgetFindings(estimate: CostEstimate, budget: Budget): BudgetFinding[] {
    return (["steady", "peak"] as const).flatMap((state) => {
        const max = budget.maxMonthlyUsd[state];
        const total = estimate.monthlyUsd[state];
        if (max === undefined || total <= max) return [];
        const largest = [...estimate.components].sort((a, b) => b.monthlyUsd[state] - a.monthlyUsd[state]).slice(0, 3);
        const bound = estimate.unpriced.length > 0 ? ` (and ${estimate.unpriced.length} charge(s) are not even counted)` : "";
        return [
            {
                enforcementLevel: budget.enforcement,
                message: `the estimate at ${state} state, ${usd(total)} a month${bound}, exceeds strata:cost.budget.maxMonthlyUsd.${state} (${usd(max)}) by ${usd(total - max)}; the largest components are ${largest.map((c) => `${c.name} ${usd(c.monthlyUsd[state])}`).join(", ")}`,
            },
        ];
    });
}
