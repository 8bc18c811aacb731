import { ClusterRun, ServiceRun } from "./simulate";

/*
 * One service's run as a self-contained SVG: the pods its load needs, the replicas the HPA asks for, the
 * Ready pods and the cluster's nodes over time, with the bound marked. No dependencies; the same run always
 * gives the same bytes.
 */

const WIDTH = 900;
const HEIGHT = 420;
const PAD = { left: 60, right: 60, top: 48, bottom: 64 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

const COLORS = { needed: "#d62728", desired: "#1f77b4", ready: "#2ca02c", nodes: "#7f7f7f", bound: "#ff7f0e" } as const;

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fixed = (n: number) => (Math.round(n * 10) / 10).toString();

/** A round step giving about `count` ticks over `max`. */
function tickStep(max: number, count: number): number {
    const raw = Math.max(max, 1) / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    return ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw * 10);
}

export interface ChartOptions {
    readonly title: string;
    /** Seconds after the rise by which capacity must be Ready; omitted for profiles without a bound. */
    readonly boundSeconds?: number;
}

export function renderChart(service: ServiceRun, cluster: Pick<ClusterRun, "nodes" | "profile">, options: ChartOptions): string {
    const points = service.timeline;
    const hours = cluster.profile.horizon > 7200;
    const rise = cluster.profile.riseAt;
    // A day is shown whole; a burst or ramp from a minute before the rise to ten minutes after.
    const t0 = hours ? rise : Math.max(0, rise - 60);
    const t1 = hours ? cluster.profile.horizon : Math.min(cluster.profile.horizon, rise + 600);
    const needed = (load: number) => load / service.service.perPodRps;
    const podsMax = Math.max(1, ...points.map((p) => Math.max(needed(p.load), p.desired, p.ready)));
    const nodesMax = Math.max(1, ...cluster.nodes.map((n) => n.nodes));
    const podStep = tickStep(podsMax, 5);
    const nodeStep = tickStep(nodesMax, 5);
    const yPods = Math.ceil(podsMax / podStep) * podStep;
    const yNodes = Math.ceil(nodesMax / nodeStep) * nodeStep;
    const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * PLOT_W;
    const y = (v: number, max: number) => PAD.top + PLOT_H - (v / max) * PLOT_H;
    const visible = <T extends { t: number }>(list: readonly T[]) => list.filter((p) => p.t >= t0 && p.t <= t1);
    const line = (values: { t: number; v: number }[], max: number, color: string, dash = "") =>
        `<polyline fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""} points="${values.map((p) => `${fixed(x(p.t))},${fixed(y(p.v, max))}`).join(" ")}"/>`;

    const parts: string[] = [];
    parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`);
    parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
    parts.push(`<text x="${PAD.left}" y="24" font-size="15" font-weight="bold">${escape(options.title)}</text>`);
    for (let v = 0; v <= yPods; v += podStep) {
        parts.push(`<line x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${fixed(y(v, yPods))}" y2="${fixed(y(v, yPods))}" stroke="#e5e5e5"/>`);
        parts.push(`<text x="${PAD.left - 6}" y="${fixed(y(v, yPods) + 4)}" text-anchor="end">${v}</text>`);
    }
    for (let v = 0; v <= yNodes; v += nodeStep) parts.push(`<text x="${PAD.left + PLOT_W + 6}" y="${fixed(y(v, yNodes) + 4)}" fill="${COLORS.nodes}">${v}</text>`);
    // Ticks counted from the rise (a burst's 0 s, a day's midnight).
    const timeStep = hours ? 3 * 3600 : tickStep(t1 - t0, 8);
    for (let t = Math.ceil((t0 - rise) / timeStep) * timeStep; rise + t <= t1; t += timeStep) {
        const label = hours ? `${String(Math.round(t / 3600)).padStart(2, "0")}:00` : `${t} s`;
        parts.push(`<text x="${fixed(x(rise + t))}" y="${PAD.top + PLOT_H + 18}" text-anchor="middle">${label}</text>`);
    }
    parts.push(`<text x="${PAD.left + PLOT_W / 2}" y="${HEIGHT - 28}" text-anchor="middle">${hours ? "time of day" : "seconds after the rise"}</text>`);
    parts.push(`<text transform="translate(16 ${PAD.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">pods</text>`);
    parts.push(`<text transform="translate(${WIDTH - 14} ${PAD.top + PLOT_H / 2}) rotate(90)" text-anchor="middle" fill="${COLORS.nodes}">nodes</text>`);
    parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#999999"/>`);
    if (options.boundSeconds !== undefined) {
        const bx = fixed(x(rise + options.boundSeconds));
        parts.push(`<line x1="${bx}" x2="${bx}" y1="${PAD.top}" y2="${PAD.top + PLOT_H}" stroke="${COLORS.bound}" stroke-dasharray="4 4"/>`);
        parts.push(`<text x="${bx}" y="${PAD.top - 6}" text-anchor="middle" fill="${COLORS.bound}">bound ${options.boundSeconds} s</text>`);
    }
    parts.push(line(visible(cluster.nodes).map((n) => ({ t: n.t, v: n.nodes })), yNodes, COLORS.nodes, "2 3"));
    parts.push(line(visible(points).map((p) => ({ t: p.t, v: needed(p.load) })), yPods, COLORS.needed, "6 3"));
    parts.push(line(visible(points).map((p) => ({ t: p.t, v: p.desired })), yPods, COLORS.desired));
    parts.push(line(visible(points).map((p) => ({ t: p.t, v: p.ready })), yPods, COLORS.ready));
    const legend: [string, string][] = [
        ["pods the load needs", COLORS.needed],
        ["replicas (HPA)", COLORS.desired],
        ["Ready pods", COLORS.ready],
        ["nodes (right axis)", COLORS.nodes],
    ];
    legend.forEach(([label, color], i) => {
        const lx = PAD.left + i * 200;
        parts.push(`<line x1="${lx}" x2="${lx + 24}" y1="${HEIGHT - 10}" y2="${HEIGHT - 10}" stroke="${color}" stroke-width="2"/>`);
        parts.push(`<text x="${lx + 30}" y="${HEIGHT - 6}">${escape(label)}</text>`);
    });
    parts.push("</svg>");
    return `${parts.join("\n")}\n`;
}
