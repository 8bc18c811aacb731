import * as path from "path";
import { performance } from "perf_hooks";
import { strataPolicies } from "../policies/rules";
import { runProgram } from "../tools/plan/engine";
import { readCheckedStack, readPackConfig } from "../tools/plan/inputs";
import { runPolicies } from "../tools/plan/policyRunner";
import { CriticalPath, criticalPath } from "./criticalPath";
import { creationTime } from "./creationTimes";

/*
 * One measurement in a process of its own (the Pulumi runtime is global): the offline plan of a stack, or the
 * floor program with as many plain resources. Prints one JSON line.
 */

export type Job = { readonly kind: "strata"; readonly stack: string; readonly file: string; readonly criticalPath: boolean } | { readonly kind: "floor"; readonly resources: number };

export interface Measurement {
    readonly resources: number;
    /** Program and engine: from the first registration to the last resolved output. */
    readonly programMs: number;
    /** Every policy of the pack over the registered resources. */
    readonly policiesMs: number;
    readonly violations: number;
    readonly maxRssMiB: number;
    readonly criticalPath?: CriticalPath;
}

export const RESULT_PREFIX = "BENCH ";

async function measure(job: Job): Promise<Measurement> {
    if (job.kind === "floor") {
        process.env.BENCH_RESOURCES = String(job.resources);
        const start = performance.now();
        const run = await runProgram("floor", { values: {}, secretKeys: [] }, path.join(__dirname, "floorProgram.ts"));
        return { resources: run.resources.length, programMs: performance.now() - start, policiesMs: 0, violations: 0, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
    }
    const { stackFile, config } = readCheckedStack(job.file, job.stack);
    const pack = readPackConfig(config.environment);
    const start = performance.now();
    const run = await runProgram(job.stack, stackFile);
    const programMs = performance.now() - start;
    const policiesStart = performance.now();
    const policies = await runPolicies(strataPolicies, run.revealed, pack);
    const policiesMs = performance.now() - policiesStart;
    return {
        resources: run.resources.length,
        programMs,
        policiesMs,
        violations: policies.violations.length,
        maxRssMiB: process.resourceUsage().maxRSS / 1024,
        ...(job.criticalPath ? { criticalPath: criticalPath(run.resources, (type) => creationTime(type).seconds) } : {}),
    };
}

if (require.main === module) {
    measure(JSON.parse(process.argv[2] ?? "{}") as Job).then(
        (m) => {
            console.log(RESULT_PREFIX + JSON.stringify(m));
            process.exit(0);
        },
        (error: unknown) => {
            console.error(error instanceof Error ? error.stack : String(error));
            process.exit(1);
        },
    );
}
