import { PlanFile } from "./contract";
import { identityLines } from "./identities";

/** Resources per region and type, who signs in to the data tier as whom, then the policy results: what a reviewer reads first. */
export function summarize(plan: PlanFile): string {
    const custom = plan.resources.filter((r) => r.custom);
    const byRegion = new Map<string, Map<string, number>>();
    for (const resource of custom) {
        const region = resource.region ?? "global";
        const types = byRegion.get(region) ?? new Map<string, number>();
        types.set(resource.type, (types.get(resource.type) ?? 0) + 1);
        byRegion.set(region, types);
    }
    const regions = [...byRegion.keys()].filter((r) => r !== "global").sort();
    if (byRegion.has("global")) regions.push("global");
    const lines = [
        `${plan.project}/${plan.stack}: ${plan.resources.length} resources (${custom.length} cloud or cluster objects, ${plan.resources.length - custom.length} components) in ${regions.filter((r) => r !== "global").length} region(s)`,
    ];
    for (const region of regions) {
        const types = byRegion.get(region) ?? new Map<string, number>();
        const total = [...types.values()].reduce((a, b) => a + b, 0);
        lines.push("", `${region} (${total})`);
        const width = Math.max(...[...types.keys()].map((t) => t.length));
        for (const [type, count] of [...types.entries()].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${type.padEnd(width)}  ${String(count).padStart(4)}`);
    }
    lines.push(...identityLines(plan));
    const { evaluated, violations } = plan.policies;
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    lines.push("", `Policies: ${evaluated} evaluated, ${violations.length} violation(s), ${mandatory} mandatory`);
    for (const v of violations) lines.push(`  [${v.enforcementLevel}] ${v.policy}: ${v.message}${v.urn ? `\n      at ${v.urn}` : ""}`);
    return lines.join("\n");
}
