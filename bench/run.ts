import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Growth, Row, growth, renderMarkdown } from "./report";
import { Topology, topologies, writeStackFile } from "./topology";
import { Job, Measurement, RESULT_PREFIX } from "./worker";

/*
 * `npm run bench`: each topology planned offline several times in fresh processes (median wall time, peak
 * memory), the floor program at the same resource count, policy evaluation alone, and the critical path of
 * prod and XL. Writes bench/results/latest.json and latest.md and prints how each cost grows.
 */

const ROOT = path.resolve(__dirname, "..");
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? "3"));
/** The flags `npm run plan` runs with (package.json): a larger young generation halves the scavenges of a big plan. */
const NODE_FLAGS = ["--max-semi-space-size=32", "-r", "ts-node/register/transpile-only"];

function runWorker(job: Job): Measurement {
    const result = spawnSync(process.execPath, [...NODE_FLAGS, path.join(__dirname, "worker.ts"), JSON.stringify(job)], {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
        env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    });
    const line = result.stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
    if (result.status !== 0 || !line) throw new Error(`benchmark worker failed for ${JSON.stringify(job)}:\n${result.stderr}`);
    return JSON.parse(line.slice(RESULT_PREFIX.length)) as Measurement;
}

const median = (values: readonly number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function measureTopology(topology: Topology, dir: string): Row {
    const file = writeStackFile(topology, dir);
    const withPath = topology.name === "prod" || topology.name === "xl";
    const runs = Array.from({ length: RUNS }, (_, i) => runWorker({ kind: "strata", stack: topology.stack, file, criticalPath: withPath && i === 0 }));
    const first = runs[0];
    if (!first) throw new Error("no run");
    const floors = Array.from({ length: RUNS }, () => runWorker({ kind: "floor", resources: first.resources }));
    const row: Row = {
        topology,
        resources: first.resources,
        programMs: median(runs.map((r) => r.programMs)),
        policiesMs: median(runs.map((r) => r.policiesMs)),
        maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)),
        floorMs: median(floors.map((r) => r.programMs)),
        floorRssMiB: Math.max(...floors.map((r) => r.maxRssMiB)),
        violations: first.violations,
        ...(first.criticalPath ? { criticalPath: first.criticalPath } : {}),
    };
    const seconds = (ms: number) => (ms / 1000).toFixed(2);
    console.log(`${topology.name.padEnd(13)} ${String(row.resources).padStart(6)} resources  plan ${seconds(row.programMs)} s + policies ${seconds(row.policiesMs)} s  floor ${seconds(row.floorMs)} s  ${Math.round(row.maxRssMiB)} MiB`);
    return row;
}

function main(): void {
    const started = Date.now();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-bench-"));
    try {
        const rows = topologies().map((t) => measureTopology(t, dir));
        const axes: Growth[] = (["regions", "shards", "services"] as const).map((axis) => growth(axis, rows.filter((r) => r.topology.axis === axis)));
        const machine = { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
        const results = { date: new Date().toISOString(), runsPerTopology: RUNS, machine, durationSeconds: Math.round((Date.now() - started) / 1000), rows, growth: axes };
        const out = path.join(ROOT, "bench", "results");
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(path.join(out, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
        const markdown = renderMarkdown(results);
        fs.writeFileSync(path.join(out, "latest.md"), markdown);
        console.log(`\n${axes.map((g) => `${g.axis}: time ∝ resources^${g.exponent.toFixed(2)}, ${g.verdict}`).join("\n")}`);
        console.log(`\nWrote bench/results/latest.json and latest.md in ${results.durationSeconds} s.`);
        if (axes.some((g) => g.verdict !== "linear")) process.exitCode = 1;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main();
