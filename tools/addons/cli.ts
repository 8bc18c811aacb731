import { DescribeAddonVersionsCommand, EKSClient } from "@aws-sdk/client-eks";
import * as path from "path";
import { parseStackArgs } from "../args";
import { EXIT } from "../plan/contract";
import { InvalidInput, readCheckedStack } from "../plan/inputs";
import { DescribeAddonVersions, propose, renderProposal } from "./pins";

const USAGE = "usage: npm run addon-pins -- <stack> [--config FILE]";

/** DescribeAddonVersions through the AWS SDK, with the default credential chain, in the stack's primary region. */
const sdkDescribe = (region: string): DescribeAddonVersions => {
    const client = new EKSClient({ region });
    return (input) => client.send(new DescribeAddonVersionsCommand(input));
};

export async function main(argv: readonly string[], cwd: string, describeIn: (region: string) => DescribeAddonVersions = sdkDescribe): Promise<string> {
    const { stack, values } = parseStackArgs(argv, { values: ["config"], switches: [] }, USAGE);
    const { config } = readCheckedStack(path.resolve(cwd, values.config ?? `Pulumi.${stack}.yaml`), stack);
    const primary = config.regions.find((r) => r.primary) ?? config.regions[0];
    if (!primary) throw new InvalidInput(`stack ${stack} has no region`);
    const regions = config.regions.map((r) => ({ name: r.name, kubernetesVersion: r.cluster.kubernetesVersion }));
    try {
        return renderProposal(stack, config.cluster.addonVersions, await propose(describeIn(primary.name), regions));
    } catch (error) {
        const message = (error as Error).message;
        throw new InvalidInput(`could not ask EKS for its default add-on versions in ${primary.name} (${message}); with AWS credentials (AWS_PROFILE or the default chain) the pins are proposed, without them keep the stack's pins (catalog/drift.ts lists EKS's versions)`);
    }
}

if (require.main === module) {
    main(process.argv.slice(2), process.cwd()).then(
        (text) => console.log(text),
        (error: unknown) => {
            console.error(error instanceof InvalidInput ? error.message : String(error instanceof Error ? error.message : error));
            process.exit(EXIT.invalid);
        },
    );
}
