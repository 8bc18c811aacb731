import * as fs from "fs";
import * as path from "path";
import { NAMESPACE, PlatformConfig, SECRET_SETTINGS, formatConfigErrors, parseStackConfig, strataSettings } from "../../stacks/config";
import { ScaleUpConfig, scaleUpTime } from "../../policies/rules/dynamics";
import { PackConfig, configured } from "./policyRunner";
import { StackConfigMap, readStackFile, withProjectConfig } from "./stackFile";

/** What every Strata tool reads before it runs the program: the checked stack file and the environment's pack config. */

/** Bad input from the user: printed as it is, never as a crash. */
export class InvalidInput extends Error {}

/** The environment's policy pack config: the same file `pulumi preview --policy-pack-config` takes. */
const packConfigFile = (environment: string) => path.resolve(__dirname, "..", "..", "policies", "config", `${environment}.json`);

export function readPackConfig(environment: string): PackConfig {
    return JSON.parse(fs.readFileSync(packConfigFile(environment), "utf8")) as PackConfig;
}

/** The scale-up rule's settings under a pack config: what `npm run plan`, its cost estimate and `npm run simulate` all model. */
export const scaleUpSettings = (packConfig: PackConfig): ScaleUpConfig => configured(scaleUpTime, packConfig).values as unknown as ScaleUpConfig;

/**
 * The project file as the Pulumi CLI finds it: `Pulumi.yaml` in the working directory or the nearest parent. Its
 * `config:` is merged under every stack's.
 */
export function findProjectFile(from: string): string | undefined {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        const file = path.join(dir, "Pulumi.yaml");
        if (fs.existsSync(file)) return file;
        if (path.dirname(dir) === dir) return undefined;
    }
}

/**
 * What the offline plan passes for each secret setting it cannot decrypt: a value its validation accepts, so no
 * placeholder reaches a resource input that validation would refuse. Every plan file masks it as a secret.
 */
export const OFFLINE_STAND_INS: Readonly<Record<(typeof SECRET_SETTINGS)[number], string>> = {
    alertWebhookUrl: "https://offline-plan.invalid/encrypted-setting",
};

/** Secret settings stored encrypted take their stand-in; the settings so left unchecked are returned by name. */
function standIn(stackFile: StackConfigMap): { stackFile: StackConfigMap; unchecked: string[] } {
    const unchecked = SECRET_SETTINGS.map((key) => `${NAMESPACE}:${key}` as const).filter((key) => stackFile.secretKeys.includes(key));
    const values = { ...stackFile.values };
    for (const key of SECRET_SETTINGS) if (unchecked.includes(`${NAMESPACE}:${key}`)) values[`${NAMESPACE}:${key}`] = OFFLINE_STAND_INS[key];
    return { stackFile: { values, secretKeys: stackFile.secretKeys }, unchecked };
}

export interface CheckedStack {
    readonly stackFile: StackConfigMap;
    readonly config: PlatformConfig;
    /** Secret settings stored encrypted: present, but their content is checked only by `pulumi up`, which decrypts them. */
    readonly unchecked: readonly string[];
}

/**
 * Reads the stack file over the project's config and checks it against the schema; every problem is an
 * InvalidInput naming its setting.
 */
export function readCheckedStack(file: string, stack: string, projectFile: string | undefined = findProjectFile(process.cwd())): CheckedStack {
    let read: StackConfigMap;
    try {
        const stackFile = readStackFile(file);
        read = projectFile ? withProjectConfig(stackFile, projectFile) : stackFile;
    } catch (error) {
        throw new InvalidInput((error as Error).message);
    }
    const { stackFile, unchecked } = standIn(read);
    const checked = parseStackConfig(strataSettings(stackFile.values), stack, stackFile.secretKeys);
    if (!checked.ok) throw new InvalidInput(formatConfigErrors(stack, checked.errors));
    return { stackFile, config: checked.config, unchecked };
}

/** The once-per-run notice of what the offline plan could not check. */
export const uncheckedNotice = (unchecked: readonly string[]): string | undefined =>
    unchecked.length === 0 ? undefined : `Not checked offline: ${unchecked.join(", ")} (stored encrypted; present, and checked by \`pulumi up\`, which decrypts it).`;
