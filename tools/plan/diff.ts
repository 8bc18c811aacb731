import { JsonValue, PlanFile, PlanResource, PlanViolation } from "./contract";
import { applyIgnoreChanges } from "./ignoreChanges";
import { isStateful, replacingChanges } from "./stateful";

/** The change from a base plan to a head plan, resources matched by URN. */
export interface InputChange {
    readonly path: string;
    readonly before: JsonValue | undefined;
    readonly after: JsonValue | undefined;
}

export interface UpdatedResource {
    readonly resource: PlanResource;
    readonly changes: readonly InputChange[];
    /** Changed inputs that force the provider to replace the resource. */
    readonly replacedBy: readonly string[];
}

export interface DataRisk {
    readonly resource: PlanResource;
    readonly reason: string;
}

export interface PlanDiff {
    readonly created: readonly PlanResource[];
    readonly deleted: readonly PlanResource[];
    readonly updated: readonly UpdatedResource[];
    readonly dataRisks: readonly DataRisk[];
    readonly mandatory: readonly PlanViolation[];
    readonly advisory: readonly PlanViolation[];
}

/** A string input holding a JSON document (a ConfigMap's file) is compared document to document. */
function asDocument(value: JsonValue | undefined): JsonValue | undefined {
    if (typeof value !== "string" || !/^\s*[{[]/.test(value)) return undefined;
    try {
        return JSON.parse(value) as JsonValue;
    } catch {
        return undefined;
    }
}

function changes(before: JsonValue | undefined, after: JsonValue | undefined, path: string, out: InputChange[]): void {
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    const [beforeDoc, afterDoc] = [asDocument(before), asDocument(after)];
    if (beforeDoc !== undefined && afterDoc !== undefined) {
        changes(beforeDoc, afterDoc, `${path}#`, out);
        return;
    }
    const isObject = (v: JsonValue | undefined): v is { [key: string]: JsonValue } => typeof v === "object" && v !== null && !Array.isArray(v);
    if (isObject(before) && isObject(after)) {
        const join = (key: string) => (!path ? key : path.endsWith("#") ? `${path}${key}` : `${path}.${key}`);
        for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) changes(before[key], after[key], join(key), out);
        return;
    }
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
        before.forEach((item, i) => changes(item, after[i], `${path}[${i}]`, out));
        return;
    }
    out.push({ path, before, after });
}

/**
 * Input paths whose values differ, deepest first-level paths (objects recurse, lists compare by position).
 * The paths `after` ignores (`ignoreChanges`, custom resources only, as the engine applies it) take the old
 * value first, so they are never a change.
 */
export function inputChanges(before: PlanResource, after: PlanResource): InputChange[] {
    const out: InputChange[] = [];
    changes(before.inputs, after.custom ? applyIgnoreChanges(before.inputs, after.inputs, after.ignoreChanges) : after.inputs, "", out);
    return out;
}

export function diffPlans(base: PlanFile, head: PlanFile): PlanDiff {
    const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
    const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
    const created = head.resources.filter((r) => !baseByUrn.has(r.urn));
    const deleted = base.resources.filter((r) => !headByUrn.has(r.urn));
    const updated = head.resources.flatMap((r): UpdatedResource[] => {
        const before = baseByUrn.get(r.urn);
        if (!before) return [];
        const found = inputChanges(before, r);
        return found.length > 0 ? [{ resource: r, changes: found, replacedBy: replacingChanges(r.type, found.map((c) => c.path)) }] : [];
    });
    const createdNames = new Set(created.map((r) => `${r.type}|${r.name}`));
    const dataRisks: DataRisk[] = [
        ...deleted
            .filter((r) => isStateful(r.type))
            .map((r) => ({
                resource: r,
                // Same type and name under a new URN: a parent or name changed, which Pulumi treats as delete + create.
                reason: createdNames.has(`${r.type}|${r.name}`) ? "its URN changes (parent moved): Pulumi deletes it and creates an empty one" : "deleted",
            })),
        ...updated.filter((u) => isStateful(u.resource.type) && u.replacedBy.length > 0).map((u) => ({ resource: u.resource, reason: `replaced: ${u.replacedBy.join(", ")} changed` })),
    ];
    return {
        created,
        deleted,
        updated,
        dataRisks,
        mandatory: head.policies.violations.filter((v) => v.enforcementLevel === "mandatory"),
        advisory: head.policies.violations.filter((v) => v.enforcementLevel === "advisory"),
    };
}

const short = (value: JsonValue | undefined) => {
    const text = value === undefined ? "(none)" : JSON.stringify(value);
    if (text.length <= 80) return text;
    return Array.isArray(value) ? `[${value.length} items]` : `${text.slice(0, 77)}...`;
};

export function formatChange(change: InputChange): string {
    return `${change.path}: ${short(change.before)} → ${short(change.after)}`;
}

/** The diff as text for the terminal: DATA RISK first, then what is created, updated and deleted. */
export function renderDiffText(diff: PlanDiff): string {
    const lines = [`Against the base plan: ${diff.created.length} to create, ${diff.updated.length} to update, ${diff.deleted.length} to delete, ${diff.dataRisks.length} DATA RISK`];
    for (const risk of diff.dataRisks) lines.push(`  DATA RISK ${risk.resource.type} ${risk.resource.name} (${risk.resource.region ?? "global"}): ${risk.reason}`);
    for (const r of diff.created) lines.push(`  + ${r.type} ${r.name}`);
    for (const u of diff.updated) {
        lines.push(`  ~ ${u.resource.type} ${u.resource.name}${u.replacedBy.length > 0 ? " (REPLACE)" : ""}`);
        for (const change of u.changes.slice(0, 10)) lines.push(`      ${formatChange(change)}`);
        if (u.changes.length > 10) lines.push(`      … ${u.changes.length - 10} more`);
    }
    for (const r of diff.deleted) lines.push(`  - ${r.type} ${r.name}`);
    return lines.join("\n");
}
