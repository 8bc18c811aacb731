import { CostDelta } from "../../capacity/cost/delta";
import { PlanFile, PlanResource } from "./contract";
import { costMarkdown } from "./costReport";
import { PlanDiff, REFUSED_REPLACEMENT_POLICY, formatChange } from "./diff";

/** Pull-request comments are capped by GitHub at 65,536 characters; stay well inside. */
export const MARKDOWN_LIMIT = 60_000;

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const regionOf = (r: PlanResource) => r.region ?? "global";

interface RegionSection {
    readonly region: string;
    readonly summary: string;
    readonly table: string;
}

function regionSections(diff: PlanDiff): RegionSection[] {
    const rows = new Map<string, string[]>();
    const counts = new Map<string, { created: number; updated: number; replaced: number; deleted: number }>();
    const add = (r: PlanResource, kind: "created" | "updated" | "replaced" | "deleted", row: string) => {
        const region = regionOf(r);
        rows.set(region, [...(rows.get(region) ?? []), row]);
        const c = counts.get(region) ?? { created: 0, updated: 0, replaced: 0, deleted: 0 };
        c[kind]++;
        counts.set(region, c);
    };
    for (const r of diff.created) add(r, "created", `| + create | \`${cell(r.type)}\` | ${cell(r.name)} | |`);
    for (const u of diff.updated) {
        const details = u.changes.slice(0, 5).map((c) => `\`${cell(formatChange(c))}\``).join("<br>") + (u.changes.length > 5 ? `<br>… ${u.changes.length - 5} more` : "");
        const replaced = u.replacedBy.length > 0;
        const by = replaced ? (u.replacementAssumed ? " (type not catalogued)" : ` (${u.replacedBy.map((p) => `\`${cell(p)}\``).join(", ")})`) : "";
        add(u.resource, replaced ? "replaced" : "updated", `| ${replaced ? "+- **replace**" : "~ update"}${by} | \`${cell(u.resource.type)}\` | ${cell(u.resource.name)} | ${details} |`);
    }
    for (const r of diff.deleted) add(r, "deleted", `| - delete | \`${cell(r.type)}\` | ${cell(r.name)} | |`);
    return [...rows.keys()].sort().map((region) => {
        const c = counts.get(region) ?? { created: 0, updated: 0, replaced: 0, deleted: 0 };
        return {
            region,
            summary: `${region}: ${c.created} to create, ${c.updated} to update, ${c.replaced} to replace, ${c.deleted} to delete`,
            table: ["| change | type | name | inputs (old → new) |", "|---|---|---|---|", ...(rows.get(region) ?? [])].join("\n"),
        };
    });
}

/**
 * The pull-request report: summary, DATA RISK and mandatory violations first, then the monthly cost and what the
 * change adds to it, then the changes per region in
 * `<details>` blocks. Past the limit, the largest regions' tables are folded into a summary line (whole
 * tables are dropped, never cut mid-row).
 */
export function renderMarkdown(head: PlanFile, diff: PlanDiff | undefined, delta?: CostDelta, limit: number = MARKDOWN_LIMIT): string {
    // Refused replacements are mandatory findings of the diff, reported beside the pack's mandatory violations.
    const refused = (diff?.refused ?? []).map((r) => ({ policy: REFUSED_REPLACEMENT_POLICY, message: r.message }));
    const mandatory = [...refused, ...head.policies.violations.filter((v) => v.enforcementLevel === "mandatory")];
    const head1 = [`## Strata plan: \`${head.stack}\``, ""];
    const summary = diff
        ? ["| create | update | replace | delete | DATA RISK | mandatory violations |", "|---|---|---|---|---|---|", `| ${diff.created.length} | ${diff.updated.length - diff.replaced.length} | ${diff.replaced.length} | ${diff.deleted.length} | ${diff.dataRisks.length} | ${mandatory.length} |`, ""]
        : [`${head.resources.length} resources, ${mandatory.length} mandatory violation(s). No base plan to compare with.`, ""];
    const risks =
        diff && diff.dataRisks.length > 0
            ? ["### ⚠️ DATA RISK", "", "| resource | type | region | why |", "|---|---|---|---|", ...diff.dataRisks.map((d) => `| ${cell(d.resource.name)} | \`${cell(d.resource.type)}\` | ${regionOf(d.resource)} | ${cell(d.reason)} |`), ""]
            : [];
    const violations = mandatory.length > 0 ? ["### ❌ Mandatory policy violations", "", "| policy | message |", "|---|---|", ...mandatory.map((v) => `| ${v.policy} | ${cell(v.message)} |`), ""] : [];
    const acknowledged =
        diff && diff.acknowledged.length > 0 ? ["### Acknowledged replacements (`--allow-replace`)", "", ...diff.acknowledged.map((r) => `- ${cell(r.message)}`), ""] : [];
    const sections = diff ? regionSections(diff) : [];
    const render = (folded: ReadonlySet<string>) =>
        [
            ...head1,
            ...summary,
            ...risks,
            ...violations,
            ...(head.cost ? costMarkdown(head.cost, delta) : []),
            ...acknowledged,
            ...(sections.length > 0 ? ["### Changes by region", ""] : []),
            ...sections.flatMap((s) =>
                folded.has(s.region) ? [`- ${s.summary} (details folded to fit the comment; see the plan artifact)`] : [`<details><summary>${s.summary}</summary>`, "", s.table, "", "</details>", ""],
            ),
        ].join("\n");
    const folded = new Set<string>();
    let text = render(folded);
    for (const section of [...sections].sort((a, b) => b.table.length - a.table.length)) {
        if (text.length <= limit) break;
        folded.add(section.region);
        text = render(folded);
    }
    if (text.length > limit) {
        // Even the summaries overflow (thousands of DATA RISK rows): keep the head and say what was left out.
        const note = "\n\n_The report was longer than a comment allows; the full diff is in the plan artifact._\n";
        text = text.slice(0, text.lastIndexOf("\n", limit - note.length)) + note;
    }
    return text;
}
