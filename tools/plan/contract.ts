import { CostEstimate } from "../../capacity/cost/model";

/** The plan.json contract (../shared/plan-format.md). Extend it, never break it; bump PLAN_VERSION if a field changes meaning. */
export const PLAN_VERSION = 1;

/** What replaces every secret value in a plan file. */
export const SECRET_MASK = "[secret]";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const isJsonObject = (value: JsonValue | undefined): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

export interface PlanResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly parent: string | null;
    readonly provider: string | null;
    readonly region: string | null;
    readonly dependencies: readonly string[];
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly inputs: JsonObject;
    /** Per input property, the URNs its value depends on (additive in version 1: what CrossGuard's `propertyDependencies` holds). */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export type EnforcementLevel = "mandatory" | "advisory";

export interface PlanViolation {
    readonly policy: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly urn: string | null;
    readonly message: string;
}

export interface PlanPolicies {
    /** Policies applied to the stack (disabled ones are not counted). */
    readonly evaluated: number;
    readonly violations: readonly PlanViolation[];
}

export interface PlanFile {
    readonly version: number;
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly PlanResource[];
    readonly outputs: JsonObject;
    readonly policies: PlanPolicies;
    /** The monthly cost estimate (additive in version 1; absent from plans written before it). */
    readonly cost?: PlanCost;
}

/** plan.json's `cost` section: the estimate and the budget the stack set (`strata:cost.budget`), or null. */
export interface PlanCost extends CostEstimate {
    readonly budget: { readonly maxMonthlyUsd: { readonly steady?: number; readonly peak?: number }; readonly enforcement: "mandatory" | "advisory" } | null;
}

/** Exit statuses of `npm run plan`. */
export const EXIT = { ok: 0, mandatoryViolation: 1, invalid: 2 } as const;
