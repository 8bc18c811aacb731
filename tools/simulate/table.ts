import { ProfileName } from "../../capacity/dynamics/load";
import { ServiceRun } from "../../capacity/dynamics/simulate";
import { ScaleUpConfig, deadline } from "../../policies/rules/dynamics";

/** The simulation's text report: one row per service and region, with its margin to the bound, then the assumptions behind it. */

export interface Row {
    readonly region: string;
    readonly service: string;
    readonly declared: boolean;
    readonly userFacing: boolean;
    readonly run: ServiceRun;
    readonly nodesStart: number;
    /** Headroom placeholders bound at steady state. */
    readonly placeholders: number;
    readonly nodesPeak: number;
    readonly verdict: string;
    readonly bottleneck: string;
}

function columns(rows: readonly string[][]): string {
    const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
    return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
}

export function renderTable(rows: readonly Row[], profile: ProfileName, config: ScaleUpConfig): string {
    const header = ["region", "service", "load req/s", "replicas", "to capacity", "margin", "worst load", "unserved", "nodes", "verdict", "bottleneck"];
    const body = rows.map((r) => {
        const s = r.run.service;
        const load = r.declared ? `${round(s.steadyRps)} → ${round(s.peakRps)}` : "not declared";
        const first = r.run.timeline[0]?.desired ?? 0;
        return [
            r.region,
            r.service + (r.userFacing ? "" : " (internal)"),
            load,
            `${first} → ${r.run.peakReplicas}`,
            profile === "workday" || s.peakRps <= s.steadyRps ? "—" : r.run.timeToCapacity === undefined ? "never" : `${r.run.timeToCapacity} s`,
            profile === "workday" || s.peakRps <= s.steadyRps || r.run.timeToCapacity === undefined ? "—" : `${config.boundSeconds - r.run.timeToCapacity} s`,
            Number.isFinite(r.run.worstLoadPercent) ? `${Math.round(r.run.worstLoadPercent)} %` : "no pods",
            `${(r.run.unservedShare * 100).toFixed(1)} %`,
            `${r.nodesStart} → ${r.nodesPeak}${r.placeholders > 0 ? ` (+${r.placeholders} placeholders)` : ""}`,
            r.verdict,
            r.bottleneck,
        ];
    });
    const assumptions =
        `Profile ${profile}; ${config.burstFactor}× from steady to peak; bound ${config.boundSeconds} s, a verdict needs ${config.marginSeconds} s to spare ` +
        `(capacity by ${deadline(config)} s), every timing edge taken on its slow side; metrics ${config.metricDelaySeconds} s old; ` +
        `container start ${config.containerStartSeconds} s before the probes; nodes Ready ${config.nodeProvisionSeconds} s after the autoscaler asks; ` +
        `a preempting pod binds ${config.preemptionSeconds} s after its victims are evicted; ` +
        `sidecar ${config.sidecarCpuMillis}m / ${config.sidecarMemoryMiB}Mi per meshed pod. Worst load: load over Ready capacity after the rise.`;
    return `${columns([header, ...body])}\n\n${assumptions}\n`;
}

const round = (n: number) => String(Math.round(n));
