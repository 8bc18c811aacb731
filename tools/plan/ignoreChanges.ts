import { JsonObject, JsonValue, isJsonObject } from "./contract";

/*
 * The engine's `ignoreChanges`, reproduced for the offline diff. Pulumi does not filter the diff: before
 * diffing it resets every ignored path of the new inputs to the old inputs' value, so an ignored input can
 * neither update nor replace the resource (pulumi/pulumi sdk/go/common/resource/properties_path.go
 * `PropertyPath.Reset`, called by the step generator's `processIgnoreChanges`). Paths use Pulumi's property
 * path syntax (https://www.pulumi.com/docs/reference/property-paths/): `a.b`, `a[0]`, `a["k"]`, `a[*]` /
 * `a["*"]` (every element or key at that level). Where a path is missing on one side the engine (since
 * pulumi/pulumi#20278, v3.190) keeps the new value and only warns, and arrays of different lengths are reset
 * where both have the index (pulumi/pulumi#20465, v3.194): so a path that cannot be followed hides nothing.
 */

export type PathElement = string | number;

/** The wildcard element (`[*]` and `["*"]` both parse to it, as in the engine). */
const WILDCARD = "*";

/** Parses a property path; undefined when it is not one (the engine skips such a path silently). */
export function parsePropertyPath(path: string): PathElement[] | undefined {
    const elements: PathElement[] = [];
    let rest = path;
    if (rest.startsWith(".")) return undefined;
    while (rest.length > 0) {
        if (rest.startsWith(".")) {
            rest = rest.slice(1);
            if (rest.length === 0) return undefined;
        } else if (rest.startsWith('["')) {
            let key = "";
            let i = 2;
            for (;;) {
                if (i >= rest.length) return undefined;
                if (rest[i] === '"') break;
                if (rest[i] === "\\" && rest[i + 1] === '"') {
                    key += '"';
                    i += 2;
                } else {
                    key += rest[i];
                    i++;
                }
            }
            if (rest[i + 1] !== "]") return undefined;
            elements.push(key);
            rest = rest.slice(i + 2);
        } else if (rest.startsWith("[")) {
            const close = rest.indexOf("]");
            if (close < 0) return undefined;
            const segment = rest.slice(1, close);
            if (segment === WILDCARD) elements.push(WILDCARD);
            else if (/^\d+$/.test(segment)) elements.push(Number(segment));
            else return undefined;
            rest = rest.slice(close + 1);
        } else {
            const end = rest.search(/[.[]/);
            const name = end < 0 ? rest : rest.slice(0, end);
            elements.push(name);
            rest = end < 0 ? "" : rest.slice(end);
        }
    }
    return elements;
}


/** Resets `path` of `next` (mutated) to `old`'s value there. Parts that cannot be followed are left as they are. */
function reset(path: readonly PathElement[], old: JsonValue | undefined, next: JsonValue | undefined): void {
    const [key, ...rest] = path;
    if (key === undefined) return;
    const leaf = rest.length === 0;
    if (key === WILDCARD) {
        if (isJsonObject(old) && isJsonObject(next)) {
            if (leaf) {
                for (const k of Object.keys(next)) if (!(k in old)) delete next[k];
                for (const [k, v] of Object.entries(old)) next[k] = v;
            } else {
                for (const k of Object.keys(old)) if (k in next) reset(rest, old[k], next[k]);
            }
        } else if (Array.isArray(old) && Array.isArray(next)) {
            for (let i = 0; i < Math.min(old.length, next.length); i++) {
                if (leaf) next[i] = old[i] as JsonValue;
                else reset(rest, old[i], next[i]);
            }
        }
        return;
    }
    if (typeof key === "number") {
        if (!Array.isArray(old) || !Array.isArray(next) || key >= old.length || key >= next.length) return;
        if (leaf) next[key] = old[key] as JsonValue;
        else reset(rest, old[key], next[key]);
        return;
    }
    if (!isJsonObject(next)) return;
    if (leaf) {
        // Absent from the old inputs: the engine deletes it from the new ones (nothing to compare, no change).
        if (isJsonObject(old) && key in old) next[key] = old[key] as JsonValue;
        else delete next[key];
        return;
    }
    if (isJsonObject(old) && key in old && key in next) reset(rest, old[key], next[key]);
}

/** The new inputs as the engine diffs them: every ignored path holding the old inputs' value. */
export function applyIgnoreChanges(oldInputs: JsonObject, newInputs: JsonObject, ignoreChanges: readonly string[]): JsonObject {
    if (ignoreChanges.length === 0) return newInputs;
    const copy = JSON.parse(JSON.stringify(newInputs)) as JsonObject;
    for (const text of ignoreChanges) {
        const path = parsePropertyPath(text);
        if (path && path.length > 0) reset(path, oldInputs, copy);
    }
    return copy;
}
