import { JsonObject, JsonValue, SECRET_MASK } from "./contract";

/*
 * Property values reach the resource monitor in Pulumi's wire form: secrets, resource references,
 * assets and unknowns are objects tagged with a special signature key. These turn them into plain JSON.
 */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** How secrets come out: hidden (plan files) or revealed (policies, which see what the engine sees). */
export type SecretHandling = "mask" | "reveal";

export function fromWire(value: unknown, secrets: SecretHandling): JsonValue {
    if (value === UNKNOWN) return "[unknown]";
    if (value === null || value === undefined) return null;
    if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
    if (Array.isArray(value)) return value.map((v) => fromWire(v, secrets));
    if (typeof value !== "object") return String(value);
    const record = value as Record<string, unknown>;
    switch (record[SIG]) {
        case SECRET_SIG:
            return secrets === "mask" ? SECRET_MASK : fromWire(record.value, secrets);
        case RESOURCE_SIG:
            return typeof record.urn === "string" ? record.urn : null;
        case OUTPUT_SIG:
            if (record.secret === true && secrets === "mask") return SECRET_MASK;
            return "value" in record ? fromWire(record.value, secrets) : "[unknown]";
    }
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(record)) {
        if (v !== undefined) out[key] = fromWire(v, secrets);
    }
    return out;
}

export function objectFromWire(value: unknown, secrets: SecretHandling): JsonObject {
    const json = fromWire(value ?? {}, secrets);
    return typeof json === "object" && json !== null && !Array.isArray(json) ? json : {};
}
