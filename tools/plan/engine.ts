import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { JsonObject, PlanResource } from "./contract";
import { OfflineMocks } from "./mocks";
import { Recorder } from "./recorder";
import { StackConfigMap } from "./stackFile";

export const PROJECT = "strata";

/** The program a real `pulumi up` runs: Pulumi.yaml's `main`. */
export const PROGRAM = path.resolve(__dirname, "..", "..", "index.ts");

export interface ProgramRun {
    /** Resources with secrets masked, for files. */
    readonly resources: PlanResource[];
    /** The same resources with secrets revealed, for policies. */
    readonly revealed: PlanResource[];
    readonly outputs: JsonObject;
}

/**
 * Runs the stack's real program once inside this process against the offline mocks, as the Pulumi
 * language host would (the root Stack resource, then the program's exports as stack outputs).
 * Once per process: the Pulumi runtime is global.
 */
export async function runProgram(stack: string, config: StackConfigMap, program: string = PROGRAM): Promise<ProgramRun> {
    // The SDK captures a stack trace for every promise it makes (runtime/debuggable.js), and ts-node maps each
    // one through source maps: that was two thirds of a plan's time, for traces the plan never prints.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        await pulumi.runtime.setMocks(new OfflineMocks("us-east-1"), PROJECT, stack, false);
        pulumi.runtime.setAllConfig(config.values, config.secretKeys);
        const recorder = Recorder.install();
        await pulumi.runtime.runInPulumiStack(async () => require(program) as Record<string, unknown>);
        await Recorder.settle();
        return { resources: recorder.resources("mask"), revealed: recorder.resources("reveal"), outputs: recorder.outputs("mask") };
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
    }
}
