import * as fs from "fs";
import * as path from "path";
import { PlatformConfig, formatConfigErrors, parseStackConfig, strataSettings } from "../../stacks/config";
import { PackConfig } from "./policyRunner";
import { StackConfigMap, readStackFile } from "./stackFile";

/** What every Strata tool reads before it runs the program: the checked stack file and the environment's pack config. */

/** Bad input from the user: printed as it is, never as a crash. */
export class InvalidInput extends Error {}

/** The environment's policy pack config: the same file `pulumi preview --policy-pack-config` takes. */
const packConfigFile = (environment: string) => path.resolve(__dirname, "..", "..", "policies", "config", `${environment}.json`);

export function readPackConfig(environment: string): PackConfig {
    return JSON.parse(fs.readFileSync(packConfigFile(environment), "utf8")) as PackConfig;
}

/** Reads the stack file and checks it against the schema; every problem is an InvalidInput naming its setting. */
export function readCheckedStack(file: string, stack: string): { readonly stackFile: StackConfigMap; readonly config: PlatformConfig } {
    let stackFile: StackConfigMap;
    try {
        stackFile = readStackFile(file);
    } catch (error) {
        throw new InvalidInput((error as Error).message);
    }
    const checked = parseStackConfig(strataSettings(stackFile.values), stack, stackFile.secretKeys);
    if (!checked.ok) throw new InvalidInput(formatConfigErrors(stack, checked.errors));
    return { stackFile, config: checked.config };
}
