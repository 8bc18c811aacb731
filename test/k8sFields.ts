import * as client from "@kubernetes/client-node";

/*
 * Strict field-name checking of rendered objects against the Kubernetes API's generated models (the
 * schema validators accept unknown fields; the API server would drop them silently). Each model class of
 * @kubernetes/client-node lists its fields and their types.
 */

interface Attribute {
    readonly baseName: string;
    readonly type: string;
}
type Model = { getAttributeTypeMap(): Attribute[] };

const models = client as unknown as Record<string, Model | undefined>;
const LEAVES = new Set(["string", "number", "boolean", "Date", "any", "object", "IntOrString", "RawExtension"]);

function check(value: unknown, type: string, path: string, problems: string[]): void {
    if (value === null || value === undefined || LEAVES.has(type)) return;
    const array = /^Array<(.+)>$/.exec(type);
    if (array) {
        if (Array.isArray(value)) value.forEach((item, i) => check(item, array[1] ?? "any", `${path}[${i}]`, problems));
        return;
    }
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) {
        if (typeof value === "object") for (const [key, item] of Object.entries(value as object)) check(item, map[1] ?? "any", `${path}.${key}`, problems);
        return;
    }
    const model = models[type];
    if (!model || typeof value !== "object" || Array.isArray(value)) return;
    const attributes = model.getAttributeTypeMap();
    for (const [key, item] of Object.entries(value as object)) {
        const attribute = attributes.find((a) => a.baseName === key);
        if (!attribute) problems.push(`${path}.${key}: no such field in ${type}`);
        else check(item, attribute.type, `${path}.${key}`, problems);
    }
}

/** The model class of an apiVersion/kind, e.g. apps/v1 Deployment → V1Deployment; undefined for CRDs. */
export function modelName(apiVersion: string, kind: string): string | undefined {
    const version = apiVersion.split("/").pop() ?? "";
    const name = `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
    return models[name] ? name : undefined;
}

/** Every field of the object that the Kubernetes API does not define, by path. */
export function unknownFields(object: Record<string, unknown>): string[] {
    const name = modelName(String(object.apiVersion ?? ""), String(object.kind ?? ""));
    if (!name) throw new Error(`no API model for ${String(object.apiVersion)} ${String(object.kind)}`);
    const problems: string[] = [];
    check(object, name, "", problems);
    return problems;
}
