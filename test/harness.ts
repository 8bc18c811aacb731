import * as pulumi from "@pulumi/pulumi";
import { PlanResource } from "../tools/plan/contract";
import { OfflineMocks } from "../tools/plan/mocks";
import { Recorder } from "../tools/plan/recorder";
import { SecretHandling } from "../tools/plan/values";

/*
 * Component specs run under the offline engine's own mocks and recorder, so they see exactly what the
 * plan sees. Mocha loads every spec in one process: the mocks are installed once, before any module that
 * creates resources is loaded (specs `await import()` those after calling `record`).
 */
let recorder: Recorder | undefined;

async function installed(): Promise<Recorder> {
    if (!recorder) {
        await pulumi.runtime.setMocks(new OfflineMocks("us-east-1"), "strata", "test", false);
        recorder = Recorder.install();
    }
    return recorder;
}

/** Runs `build` and returns every resource it registered, in registration order. */
export async function record(build: () => void | Promise<void>, secrets: SecretHandling = "reveal"): Promise<PlanResource[]> {
    const r = await installed();
    r.registrations.splice(0);
    await build();
    await Recorder.settle();
    return r.resources(secrets);
}

/** Makes sure the mocks are in place before a spec imports resource modules. */
export const ready = async (): Promise<void> => {
    await installed();
};

export const ofType = (resources: readonly PlanResource[], type: string) => resources.filter((r) => r.type === type);

export function one(resources: readonly PlanResource[], type: string, name: string): PlanResource {
    const found = resources.find((r) => r.type === type && r.name === name);
    if (!found) throw new Error(`no ${type} named ${name} among ${resources.map((r) => r.name).join(", ")}`);
    return found;
}

/** A plan resource for specs that exercise plan-level code without running a program. */
export const planResource = (over: Partial<PlanResource> & Pick<PlanResource, "type" | "name">): PlanResource => ({
    urn: `urn:pulumi:test::strata::${over.type}::${over.name}`,
    custom: true,
    parent: null,
    provider: null,
    region: "us-east-1",
    dependencies: [],
    propertyDependencies: {},
    protect: false,
    ignoreChanges: [],
    inputs: {},
    ...over,
});
