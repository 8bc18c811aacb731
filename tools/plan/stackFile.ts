import * as fs from "fs";
import { parse } from "yaml";
import { NAMESPACE } from "../../stacks/config";

/** A stack's config as the Pulumi engine hands it to the program: flat `ns:key` → text, plus which are secret. */
export interface StackConfigMap {
    readonly values: Record<string, string>;
    readonly secretKeys: string[];
}

/** What the offline engine passes for a `secure:` value it cannot decrypt. */
export const UNDECRYPTED_SECRET = "offline-plan-placeholder-secret";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Replaces every `{ secure: … }` leaf with a placeholder; returns whether any was found. */
function stripSecure(value: unknown): { value: unknown; secret: boolean } {
    if (isRecord(value) && Object.keys(value).length === 1 && typeof value.secure === "string") return { value: UNDECRYPTED_SECRET, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(stripSecure);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (isRecord(value)) {
        const entries = Object.entries(value).map(([k, v]) => [k, stripSecure(v)] as const);
        return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
    }
    return { value, secret: false };
}

/** Reads `Pulumi.<stack>.yaml` (or a file in the same format); errors name the file. */
export function readStackFile(file: string): StackConfigMap {
    if (!fs.existsSync(file)) throw new Error(`${file}: no such stack config file`);
    let document: unknown;
    try {
        document = parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new Error(`${file}: not valid YAML: ${(error as Error).message}`);
    }
    const config = isRecord(document) ? document.config : undefined;
    if (config !== undefined && !isRecord(config)) throw new Error(`${file}: "config" must be a map of settings`);
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, rawValue] of Object.entries(config ?? {})) {
        // Keys without a namespace belong to the project, as the Pulumi CLI reads them.
        const key = rawKey.includes(":") ? rawKey : `${NAMESPACE}:${rawKey}`;
        const { value, secret } = stripSecure(rawValue);
        values[key] = typeof value === "string" ? value : JSON.stringify(value);
        if (secret) secretKeys.push(key);
    }
    return { values, secretKeys };
}
