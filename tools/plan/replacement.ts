import { replacingInputsOf } from "../../catalog/replacement";
import { JsonValue, isJsonObject } from "./contract";
import { PathElement, parsePropertyPath } from "./ignoreChanges";

/*
 * Which inputs of a resource replace it, read off catalog/replacement.ts, shared by the offline engine (a
 * resource's id derives from them, so a replaced resource gets a new id) and the diff (a change to them is a
 * replacement). An uncatalogued type is read the safe way: every input replaces it.
 */

type Json = JsonValue | undefined;

/** The values at a path; a wildcard yields every element or key at that level. */
function valuesAt(value: Json, path: readonly PathElement[]): Json[] {
    const [key, ...rest] = path;
    if (key === undefined) return [value];
    if (key === "*") {
        const children = Array.isArray(value) ? value : isJsonObject(value) ? Object.values(value) : [];
        return children.flatMap((child) => valuesAt(child, rest));
    }
    if (typeof key === "number") return Array.isArray(value) ? valuesAt(value[key], rest) : [undefined];
    return isJsonObject(value) ? valuesAt(value[key], rest) : [undefined];
}

/** The catalogued replacing input paths of a type, or undefined when the type has no row. */
export function replacingPaths(type: string): readonly string[] | undefined {
    if (type.startsWith("pulumi:")) return [];
    return replacingInputsOf(type);
}

/** What identifies a resource's physical instance: the values of its replacing inputs (all inputs when unknown). */
export function replacementKey(type: string, inputs: Record<string, unknown>): string {
    const paths = replacingPaths(type);
    const json = JSON.parse(JSON.stringify(inputs ?? {})) as { [key: string]: JsonValue };
    if (!paths) return JSON.stringify(json);
    return JSON.stringify(paths.map((p) => [p, valuesAt(json, parsePropertyPath(p) ?? [p])]));
}

/** The replacing input paths whose values differ between the two inputs (every changed top-level input when unknown). */
export function replacingChanges(type: string, before: { [key: string]: JsonValue }, after: { [key: string]: JsonValue }): string[] {
    const paths = replacingPaths(type) ?? [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return paths.filter((p) => {
        const path = parsePropertyPath(p) ?? [p];
        return JSON.stringify(valuesAt(before, path)) !== JSON.stringify(valuesAt(after, path));
    });
}
