import { JsonValue, PlanFile, PlanResource, PlanViolation, isJsonObject } from "./contract";
import { applyIgnoreChanges } from "./ignoreChanges";
import { replacingChanges, replacingPaths } from "./replacement";
import { NETWORK_TYPES, isStateful, livesInNetwork } from "./stateful";

/** The change from a base plan to a head plan, resources matched by URN. */
export interface InputChange {
    readonly path: string;
    readonly before: JsonValue | undefined;
    readonly after: JsonValue | undefined;
}

export interface UpdatedResource {
    readonly resource: PlanResource;
    readonly changes: readonly InputChange[];
    /** Replacing input paths (catalog/replacement.ts) whose values change: non-empty means the provider replaces it. */
    readonly replacedBy: readonly string[];
    /** The type has no row in catalog/replacement.ts, so every changed input was taken as replacing. */
    readonly replacementAssumed: boolean;
}

export interface DataRisk {
    readonly resource: PlanResource;
    readonly reason: string;
}

/** A change the diff refuses unless the command line acknowledges it (`--allow-replace`). */
export interface RefusedChange {
    readonly resource: PlanResource;
    readonly message: string;
}

export interface PlanDiff {
    readonly created: readonly PlanResource[];
    readonly deleted: readonly PlanResource[];
    /** Every resource whose inputs change, replacements included. */
    readonly updated: readonly UpdatedResource[];
    /** The updated resources the provider replaces (delete + create under the same URN). */
    readonly replaced: readonly UpdatedResource[];
    readonly dataRisks: readonly DataRisk[];
    /** Refused changes not acknowledged: each makes `npm run plan --against` exit 1. */
    readonly refused: readonly RefusedChange[];
    /** Refused changes the command line acknowledged. */
    readonly acknowledged: readonly RefusedChange[];
    readonly mandatory: readonly PlanViolation[];
    readonly advisory: readonly PlanViolation[];
}

export interface DiffOptions {
    /** Names or URNs of resources whose refused replacement is meant (`--allow-replace`). */
    readonly allowReplace?: readonly string[];
}

/** The policy name refusals carry in reports, beside the pack's mandatory violations. */
export const REFUSED_REPLACEMENT_POLICY = "strata-diff-network-replacement";

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
    if (isJsonObject(before) && isJsonObject(after)) {
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

const VPC = "aws:ec2/vpc:Vpc";

/** Resources that depend on `root`, directly or through others (the plan's dependency edges, reversed). */
function dependentsOf(root: string, resources: readonly PlanResource[]): PlanResource[] {
    const dependents = new Map<string, PlanResource[]>();
    for (const r of resources) for (const d of r.dependencies) dependents.set(d, [...(dependents.get(d) ?? []), r]);
    const seen = new Map<string, PlanResource>();
    const queue = [root];
    for (let urn = queue.shift(); urn !== undefined; urn = queue.shift()) {
        for (const r of dependents.get(urn) ?? []) {
            if (seen.has(r.urn)) continue;
            seen.set(r.urn, r);
            queue.push(r.urn);
        }
    }
    return [...seen.values()];
}

const list = (names: readonly string[], max = 6) => (names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")} and ${names.length - max} more`);

export function diffPlans(base: PlanFile, head: PlanFile, options: DiffOptions = {}): PlanDiff {
    const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
    const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
    const created = head.resources.filter((r) => !baseByUrn.has(r.urn));
    const deleted = base.resources.filter((r) => !headByUrn.has(r.urn));
    const updated = head.resources.flatMap((r): UpdatedResource[] => {
        const before = baseByUrn.get(r.urn);
        if (!before) return [];
        const found = inputChanges(before, r);
        if (found.length === 0) return [];
        // Replacement is judged on the inputs the engine diffs: ignored paths hold the old value.
        const after = r.custom ? applyIgnoreChanges(before.inputs, r.inputs, r.ignoreChanges) : r.inputs;
        return [{ resource: r, changes: found, replacedBy: r.custom ? replacingChanges(r.type, before.inputs, after) : [], replacementAssumed: r.custom && replacingPaths(r.type) === undefined }];
    });
    const replaced = updated.filter((u) => u.replacedBy.length > 0);

    const reasons = new Map<string, { resource: PlanResource; reasons: string[] }>();
    const risk = (resource: PlanResource, reason: string) => {
        const entry = reasons.get(resource.urn) ?? { resource, reasons: [] };
        if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
        reasons.set(resource.urn, entry);
    };
    const createdNames = new Set(created.map((r) => `${r.type}|${r.name}`));
    for (const r of deleted.filter((d) => isStateful(d.type))) {
        // Same type and name under a new URN: a parent or name changed, which Pulumi treats as delete + create.
        risk(r, createdNames.has(`${r.type}|${r.name}`) ? "its URN changes (parent moved): Pulumi deletes it and creates an empty one" : "deleted");
    }
    for (const u of replaced.filter((x) => isStateful(x.resource.type))) risk(u.resource, `replaced: ${u.replacedBy.join(", ")} changed`);

    // A network replaced or deleted under the data tier: the data resources that live in it (depend on it) go too,
    // or must move to the new network, which Aurora, ElastiCache and EKS do not do in place.
    const networkLosses = [
        ...replaced.filter((u) => NETWORK_TYPES.has(u.resource.type)).map((u) => ({ resource: u.resource, what: `replaced (${u.replacedBy.join(", ")} changed)`, within: head.resources })),
        ...deleted.filter((r) => NETWORK_TYPES.has(r.type)).map((r) => ({ resource: r, what: "deleted", within: base.resources })),
    ];
    const lostNetwork = new Map<string, { resource: PlanResource; lost: string[] }>();
    for (const loss of networkLosses) {
        // A network lives in one region; a secondary Aurora cluster elsewhere depends on its primary, not on this VPC.
        const data = dependentsOf(loss.resource.urn, loss.within).filter((r) => livesInNetwork(r.type) && r.region === loss.resource.region);
        if (data.length === 0) continue;
        risk(loss.resource, `${loss.what} while data resources live in it: ${list(data.map((d) => d.name))}`);
        for (const d of data) {
            const entry = lostNetwork.get(d.urn) ?? { resource: headByUrn.get(d.urn) ?? d, lost: [] };
            entry.lost.push(`${loss.resource.type === VPC ? "VPC" : "subnet"} ${loss.resource.name} ${loss.what === "deleted" ? "deleted" : "replaced"}`);
            lostNetwork.set(d.urn, entry);
        }
    }
    for (const { resource, lost } of lostNetwork.values()) risk(resource, `its network goes: ${list(lost, 4)}`);
    const dataRisks = [...reasons.values()].map((e) => ({ resource: e.resource, reason: e.reasons.join("; ") }));

    // Re-addressing a live region replaces its whole network and everything in it: refused unless acknowledged.
    const allowed = new Set(options.allowReplace ?? []);
    const refusals = replaced
        .filter((u) => u.resource.type === VPC && u.replacedBy.includes("cidrBlock"))
        .map((u): RefusedChange => {
            const before = baseByUrn.get(u.resource.urn)?.inputs.cidrBlock;
            const inside = dependentsOf(u.resource.urn, head.resources).filter((r) => replaced.some((x) => x.resource.urn === r.urn)).length;
            return {
                resource: u.resource,
                message: `VPC ${u.resource.name} (${u.resource.region ?? "global"}): cidrBlock ${JSON.stringify(before)} → ${JSON.stringify(u.resource.inputs.cidrBlock)} replaces the VPC and ${inside} resource(s) that depend on it; if that is meant, plan with --allow-replace ${u.resource.name}`,
            };
        });
    const isAllowed = (r: RefusedChange) => allowed.has(r.resource.name) || allowed.has(r.resource.urn);
    return {
        created,
        deleted,
        updated,
        replaced,
        dataRisks,
        refused: refusals.filter((r) => !isAllowed(r)),
        acknowledged: refusals.filter(isAllowed),
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

/** The diff as text for the terminal: refusals and DATA RISK first, then what is created, replaced, updated and deleted. */
export function renderDiffText(diff: PlanDiff): string {
    const inPlace = diff.updated.length - diff.replaced.length;
    const lines = [
        `Against the base plan: ${diff.created.length} to create, ${inPlace} to update, ${diff.replaced.length} to replace, ${diff.deleted.length} to delete, ${diff.dataRisks.length} DATA RISK`,
    ];
    for (const r of diff.refused) lines.push(`  [mandatory] ${REFUSED_REPLACEMENT_POLICY}: ${r.message}`);
    for (const r of diff.acknowledged) lines.push(`  acknowledged (--allow-replace): ${r.message}`);
    for (const risk of diff.dataRisks) lines.push(`  DATA RISK ${risk.resource.type} ${risk.resource.name} (${risk.resource.region ?? "global"}): ${risk.reason}`);
    for (const r of diff.created) lines.push(`  + ${r.type} ${r.name}`);
    for (const u of diff.updated) {
        const how = u.replacedBy.length === 0 ? "" : u.replacementAssumed ? " (REPLACE: type not in catalog/replacement.ts, every change taken as replacing)" : ` (REPLACE: ${u.replacedBy.join(", ")})`;
        lines.push(`  ${u.replacedBy.length > 0 ? "+-" : "~"} ${u.resource.type} ${u.resource.name}${how}`);
        for (const change of u.changes.slice(0, 10)) lines.push(`      ${formatChange(change)}`);
        if (u.changes.length > 10) lines.push(`      … ${u.changes.length - 10} more`);
    }
    for (const r of diff.deleted) lines.push(`  - ${r.type} ${r.name}`);
    return lines.join("\n");
}
