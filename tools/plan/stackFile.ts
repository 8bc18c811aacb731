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

/**
 * Byte offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or undefined when the whole buffer is valid.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number | undefined {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i]!;
        const [length, low, high] = b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
        if (length === 0) return i;
        for (let k = 1; k < length; k++) {
            const c = bytes[i + k];
            if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
        }
        i += length;
    }
    return undefined;
}

function readYaml(file: string): unknown {
    // Read strictly: a lenient decode would turn a stray byte into U+FFFD and plan a value nobody wrote.
    const bytes = fs.readFileSync(file);
    const bad = invalidUtf8Offset(bytes);
    if (bad !== undefined) throw new Error(`${file}: not valid UTF-8 at byte offset ${bad} (byte 0x${bytes[bad]!.toString(16).padStart(2, "0")}); save the file as UTF-8`);
    try {
        return parse(bytes.toString("utf8"));
    } catch (error) {
        throw new Error(`${file}: not valid YAML: ${(error as Error).message}`);
    }
}

/** Keys without a namespace belong to the project, as the Pulumi CLI reads them. */
const qualified = (key: string) => (key.includes(":") ? key : `${NAMESPACE}:${key}`);

/** A value as the Pulumi CLI hands it to the program: a string as it is, anything else as JSON. */
const configString = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** The names of the Pulumi ESC environments a stack file imports (`environment:` as a list, or a map with `imports`). */
function escImports(environment: unknown): string[] {
    const list = isRecord(environment) ? environment.imports : environment;
    return (Array.isArray(list) ? list : [list]).map((e) => (typeof e === "string" ? e : isRecord(e) ? Object.keys(e).join(", ") : JSON.stringify(e)));
}

/**
 * Reads `Pulumi.<stack>.yaml` (or a file in the same format); errors name the file. `secretsprovider`,
 * `encryptedkey` and `encryptionsalt` only serve decryption, which the offline plan does not do; `environment:`
 * (Pulumi ESC) is refused, since its values live in Pulumi Cloud.
 */
export function readStackFile(file: string): StackConfigMap {
    if (!fs.existsSync(file)) throw new Error(`${file}: no such stack config file`);
    const document = readYaml(file);
    if (document !== null && document !== undefined && !isRecord(document)) {
        throw new Error(`${file}: must be a map with a "config" key holding the settings (got a ${Array.isArray(document) ? "list" : typeof document})`);
    }
    if (isRecord(document) && document.environment !== undefined && document.environment !== null) {
        throw new Error(
            `${file}: imports Pulumi ESC environment(s) ${escImports(document.environment).join(", ")} (environment:), whose values live in Pulumi Cloud, ` +
                "which the offline plan cannot reach. To plan anyway, write the settings they supply into a copy of the stack file, without `environment:` " +
                "(secrets as they are, `secure:` values), and pass it with --config FILE.",
        );
    }
    const config = isRecord(document) ? document.config : undefined;
    if (config !== undefined && config !== null && !isRecord(config)) throw new Error(`${file}: "config" must be a map of settings such as strata:environment (got a ${Array.isArray(config) ? "list" : typeof config})`);
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, rawValue] of Object.entries(isRecord(config) ? config : {})) {
        const key = qualified(rawKey);
        const { value, secret } = stripSecure(rawValue);
        values[key] = configString(value);
        if (secret) secretKeys.push(key);
    }
    return { values, secretKeys };
}

/** A project-level setting's value: a scalar or list as it is, an object under `value:`, else a declaration's `default`. */
function projectValue(file: string, key: string, declared: unknown): unknown {
    if (!isRecord(declared)) return declared;
    if ("value" in declared) return declared.value;
    const schemaKeys = ["type", "description", "default", "secret", "items"];
    if (Object.keys(declared).every((k) => schemaKeys.includes(k))) return declared.default;
    throw new Error(`${file}: config.${key}: an object value must be nested under \`value:\` (a bare map is read as a declaration with type, description, default, secret, items)`);
}

/**
 * Project-level config in `Pulumi.yaml` (`config:`), as the Pulumi CLI merges it: every stack starts from the
 * project's values and defaults, and the stack file's own settings win. Nothing when the project declares none.
 */
export function withProjectConfig(stackFile: StackConfigMap, projectFile: string): StackConfigMap {
    const project = readYaml(projectFile);
    const config = isRecord(project) ? project.config : undefined;
    if (config === undefined || config === null) return stackFile;
    if (!isRecord(config)) throw new Error(`${projectFile}: "config" must be a map of settings`);
    const values: Record<string, string> = {};
    for (const [rawKey, declared] of Object.entries(config)) {
        const value = projectValue(projectFile, rawKey, declared);
        if (value !== undefined && value !== null) values[qualified(rawKey)] = configString(value);
    }
    return { values: { ...values, ...stackFile.values }, secretKeys: stackFile.secretKeys };
}
