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

const planned = new Map<string, { status: number | null; stderr: string; text: string }>();

/**
 * The plan of a stack's own stack file. Mocha runs every spec in one process, so each stack is planned once per
 * run; every call parses its own copy, so a spec that breaks a resource on purpose never changes another's plan.
 */
export function plannedStack(stack: string): PlannedStack {
    let run = planned.get(stack);
    if (!run) {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "strata-planned-"));
        try {
            const result = runPlan([stack, "--out", out, "--quiet"]);
            const file = path.join(out, stack, "plan.json");
            // Exit 1 (a mandatory violation of some rule) still writes the plan; callers judge the rules they test.
            assert.ok(fs.existsSync(file), `npm run plan -- ${stack} wrote no plan (exit ${result.status}):\n${result.stderr}`);
            run = { status: result.status, stderr: result.stderr, text: fs.readFileSync(file, "utf8") };
            planned.set(stack, run);
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    }
    return { status: run.status, stderr: run.stderr, plan: JSON.parse(run.text) as PlanFile };
}
