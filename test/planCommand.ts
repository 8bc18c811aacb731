import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanFile } from "../tools/plan/contract";

const root = path.resolve(__dirname, "..");

export interface PlanRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * Runs `npm run plan -- <args>` as a user runs it, in a child process (the Pulumi runtime is per process), from `cwd`
 * (the project by default).
 */
export function runPlan(args: readonly string[], cwd = root): PlanRun {
    // ts-node by its path: a project elsewhere has no node_modules of its own.
    const result = spawnSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), path.join(root, "tools/plan/cli.ts"), ...args], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json") },
        timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface PlannedStack {
    readonly status: number | null;
    readonly stderr: string;
    readonly plan: PlanFile;
}

let stackPlansDir: string | undefined;
const stackPlans = new Map<string, PlanRun>();
const planTexts = new Map<string, string>();

/**
 * `npm run plan -- <stack>` of the stack's own stack file, run once per test run and shared by every spec: the run,
 * and the directory holding `<stack>/plan.json` and `<stack>/manifests/`. Read only: a spec writes its own files
 * elsewhere. The directory goes when the process exits.
 */
export function stackPlan(stack: string): { readonly run: PlanRun; readonly out: string } {
    if (!stackPlansDir) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-planned-"));
        process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
        stackPlansDir = dir;
    }
    let run = stackPlans.get(stack);
    if (!run) {
        run = runPlan([stack, "--out", stackPlansDir]);
        stackPlans.set(stack, run);
    }
    return { run, out: stackPlansDir };
}

/**
 * The plan of a stack's own stack file (stackPlan). Every call parses its own copy, so a spec that breaks a
 * resource on purpose never changes another's plan.
 */
export function plannedStack(stack: string): PlannedStack {
    const { run, out } = stackPlan(stack);
    let text = planTexts.get(stack);
    if (text === undefined) {
        const file = path.join(out, stack, "plan.json");
        // Exit 1 (a mandatory violation of some rule) still writes the plan; callers judge the rules they test.
        assert.ok(fs.existsSync(file), `npm run plan -- ${stack} wrote no plan (exit ${run.status}):\n${run.stderr}`);
        text = fs.readFileSync(file, "utf8");
        planTexts.set(stack, text);
    }
    return { status: run.status, stderr: run.stderr, plan: JSON.parse(text) as PlanFile };
}
