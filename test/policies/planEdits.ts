import { strict as assert } from "assert";
import { PolicyResource } from "@pulumi/policy";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

/* Copies of the prod plan with one resource changed, dropped or added, for the AWS rules' specs. */

export const prodResources = (): readonly PlanResource[] => plannedStack("prod").plan.resources;

/** The resource of `type` named `name` in `resources` (the prod plan's by default). */
export function find(type: string, name: string, resources: readonly PlanResource[] = prodResources()): PlanResource {
    const found = resources.find((r) => r.type === type && r.name === name);
    assert.ok(found, `${type} ${name}`);
    return found;
}

/** The prod plan with `type` `name`'s inputs changed by `edit` (on a copy). */
export function withInputs(type: string, name: string, edit: (inputs: JsonObject) => void): PlanResource[] {
    const resources = prodResources();
    const target = find(type, name, resources);
    return resources.map((r) => {
        if (r !== target) return r;
        const copy = structuredClone(r) as { inputs: JsonObject } & PlanResource;
        edit(copy.inputs);
        return copy;
    });
}

/** The prod plan without `type` `name`. */
export const without = (type: string, name: string): PlanResource[] => {
    const resources = prodResources();
    const target = find(type, name, resources);
    return resources.filter((r) => r !== target);
};

/** The prod plan with one more resource. */
export const plus = (extra: PlanResource): PlanResource[] => [...prodResources(), extra];

/** A resource the program could add, with its urn in the stack's own form. */
export const extraResource = (type: string, name: string, region: string, inputs: JsonObject, dependencies: string[] = []): PlanResource => ({
    urn: `urn:pulumi:prod::strata::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region,
    dependencies,
    protect: false,
    ignoreChanges: [],
    inputs: { region, ...inputs },
    propertyDependencies: {},
});

/** What a rule's problem function finds, as "message @ name". */
export const found = (problems: (resources: readonly PolicyResource[]) => readonly { resource: PolicyResource; message: string }[], resources: readonly PlanResource[]): string[] =>
    problems(resolve(resources).resources).map((p) => `${p.message} @ ${p.resource.name}`);
