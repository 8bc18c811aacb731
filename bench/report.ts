import { CriticalPath } from "./criticalPath";
import { Topology } from "./topology";

/** The benchmark's rows, how each axis grows, and the Markdown report. */

export interface Row {
    readonly topology: Topology;
    readonly resources: number;
    readonly programMs: number;
    readonly policiesMs: number;
    readonly maxRssMiB: number;
    readonly floorMs: number;
    readonly floorRssMiB: number;
    readonly violations: number;
    readonly criticalPath?: CriticalPath;
}

export interface Growth {
    readonly axis: string;
    /** b in time ≈ a · resources^b, least squares over the axis' stacks. */
    readonly exponent: number;
    /** Time per added resource over the upper half of the range against the lower half: about 1 when growth is linear. */
    readonly marginalRatio: number;
    readonly verdict: "linear" | "worse than linear";
}

export const totalMs = (r: Row) => r.programMs + r.policiesMs;

/**
 * A fixed start-up share (loading the SDKs) flattens the exponent at small sizes, so the verdict rests on the
 * marginal cost: a quadratic step doubles the time per added resource each time the stack doubles.
 */
export const MARGINAL_LIMIT = 1.5;

export function growth(axis: string, rows: readonly Row[]): Growth {
    const points = [...rows].sort((a, b) => a.resources - b.resources).map((r) => ({ n: r.resources, t: totalMs(r) }));
    const xs = points.map((p) => Math.log(p.n));
    const ys = points.map((p) => Math.log(p.t));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const [mx, my] = [mean(xs), mean(ys)];
    const exponent = xs.reduce((a, x, i) => a + (x - mx) * ((ys[i] ?? 0) - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    // Time per added resource over the upper half of the range against the lower half: wide spans, so one
    // noisy run does not decide. A quadratic cost makes it grow with the stack; a linear one keeps it near 1.
    const slope = (i: number, j: number) => {
        const [p, q] = [points[i], points[j]];
        return p && q && q.n > p.n ? (q.t - p.t) / (q.n - p.n) : NaN;
    };
    const mid = Math.floor(points.length / 2);
    const lower = slope(0, mid);
    const upper = slope(mid, points.length - 1);
    const marginalRatio = lower > 0 ? upper / lower : 1;
    return { axis, exponent, marginalRatio, verdict: marginalRatio <= MARGINAL_LIMIT ? "linear" : "worse than linear" };
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const rate = (n: number, ms: number) => (ms > 0 ? String(Math.round(n / (ms / 1000))) : "—");
const minutes = (seconds: number) => `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;

export interface Results {
    readonly date: string;
    readonly runsPerTopology: number;
    readonly machine: { cpus: number; memoryGiB: number; node: string; platform: string };
    readonly durationSeconds: number;
    readonly rows: readonly Row[];
    readonly growth: readonly Growth[];
}

export function renderMarkdown(results: Results): string {
    const lines = [
        `Measured ${results.date.slice(0, 10)} on ${results.machine.cpus} CPUs, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}; median of ${results.runsPerTopology} runs, each in a fresh process; the whole bench took ${results.durationSeconds} s.`,
        "",
        "| stack | regions | shards | services | resources | plan (s) | policies (s) | resources/s | policy resources/s | peak RSS (MiB) | floor (s) | over floor | violations |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ...results.rows.map((r) => {
            const t = r.topology;
            return `| ${t.name} | ${t.regions} | ${t.shards} | ${t.services} | ${r.resources} | ${s(r.programMs)} | ${s(r.policiesMs)} | ${rate(r.resources, totalMs(r))} | ${rate(r.resources, r.policiesMs)} | ${Math.round(r.maxRssMiB)} | ${s(r.floorMs)} | ${(r.programMs / r.floorMs).toFixed(1)}× | ${r.violations} |`;
        }),
        "",
        "| axis | time ∝ resources^b | time per added resource, upper half ÷ lower half | growth |",
        "|---|---:|---:|---|",
        ...results.growth.map((g) => `| ${g.axis} | ${g.exponent.toFixed(2)} | ${g.marginalRatio.toFixed(2)} | ${g.verdict} |`),
        "",
        "| stack | critical path | slowest single resource | ratio | chain |",
        "|---|---:|---:|---:|---|",
        ...results.rows.flatMap((r) => {
            const p = r.criticalPath;
            if (!p) return [];
            const chain = p.chain.filter((step) => step.seconds >= 30).map((step) => `${step.type.split(":").pop()} ${step.seconds} s`).join(" → ");
            return [`| ${r.topology.name} | ${minutes(p.seconds)} | ${minutes(p.lowerBound.seconds)} (${p.lowerBound.type.split(":").pop()}) | ${(p.seconds / p.lowerBound.seconds).toFixed(1)}× | ${chain} |`];
        }),
    ];
    return `${lines.join("\n")}\n`;
}
