import { SPOT_DISCOUNT } from "../../catalog/prices/ec2";
import { PRICED_REGIONS } from "../../catalog/prices/types";
import { BUDGET_POLICY, budgetFindings } from "../../capacity/cost/budget";
import { CostDelta, costDelta } from "../../capacity/cost/delta";
import { estimateCost } from "../../capacity/cost/estimate";
import { Usage } from "../../capacity/cost/model";
import { GroupNodes, placeServices } from "../../capacity/cost/nodes";
import { clusterScenarios } from "../../policies/rules/scenarios";
import { CostConfig } from "../../stacks/schema";
import { PlanCost, PlanFile, PlanResource, PlanViolation } from "./contract";
import { scaleUpSettings } from "./inputs";
import { PackConfig, resolve } from "./policyRunner";

/*
 * The plan's cost section: the node placement the scale-up rule simulates, the stack's usage model and spot
 * settings, priced by capacity/cost. The budget's findings join the pack's violations under `strata-budget`.
 */

/** Nodes per node-group URN with every service at its minimum and at its maximum, by the scale-up rule's model. */
function placedNodes(resources: readonly PlanResource[], packConfig: PackConfig): Map<string, GroupNodes> {
    const settings = scaleUpSettings(packConfig);
    const nodes = new Map<string, GroupNodes>();
    for (const scenario of clusterScenarios(resolve(resources).resources, settings)) {
        const placement = placeServices(scenario.groups, scenario.services, scenario.headroom);
        for (const [name, counts] of placement.groups) {
            const group = resources.find((r) => r.type === "aws:eks/nodeGroup:NodeGroup" && r.name === name);
            if (group) nodes.set(group.urn, counts);
        }
    }
    return nodes;
}

/** The share of the on-demand price spot saves: the stack's override, else the Spot Instance Advisor's figure. */
export function spotSavings(cost: CostConfig): (region: string, instanceType: string) => number {
    return (region, instanceType) => {
        const family = instanceType.split(".")[0] ?? instanceType;
        const advisor = PRICED_REGIONS.find((r) => r === region);
        return cost.spotSavings?.families?.[family] ?? cost.spotSavings?.default ?? (advisor ? SPOT_DISCOUNT.byFamily[advisor][family] : undefined) ?? SPOT_DISCOUNT.defaultFraction;
    };
}

export function planCost(resources: readonly PlanResource[], cost: CostConfig, environment: string, packConfig: PackConfig, usage: Usage = cost.usage): PlanCost {
    const estimate = estimateCost({ resources, usage, nodes: placedNodes(resources, packConfig), spotSavings: spotSavings(cost) });
    const budget = cost.budget ? { maxMonthlyUsd: cost.budget.maxMonthlyUsd, enforcement: cost.budget.enforcement ?? (environment === "prod" ? "mandatory" : "advisory") } : null;
    return { ...estimate, budget };
}

/** The budget's findings as plan violations, on the stack's root component. */
export function budgetViolations(plan: Pick<PlanFile, "resources">, cost: PlanCost): PlanViolation[] {
    if (!cost.budget) return [];
    const root = plan.resources.find((r) => r.parent === null && !r.custom)?.urn ?? null;
    return budgetFindings(cost, cost.budget).map((f) => ({ policy: BUDGET_POLICY, enforcementLevel: f.enforcementLevel, urn: root, message: f.message }));
}

/** The change in the estimate from a base plan: its own usage model if it recorded one, else the head's. */
export function planCostDelta(base: PlanFile, head: PlanCost, cost: CostConfig, environment: string, packConfig: PackConfig): CostDelta {
    return costDelta(planCost(base.resources, cost, environment, packConfig, base.cost?.usage ?? head.usage), head);
}
