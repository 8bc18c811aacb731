import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { KeyUser, keyPolicy } from "./keys";

export interface CustomerKeyArgs {
    readonly description: string;
    /** Services that use the key beyond the account's own IAM policies. @default none */
    readonly users?: readonly KeyUser[];
    /** An alias (`alias/...`) that names the key for people. @default none */
    readonly alias?: string;
}

/** A rotating customer-managed key with an explicit policy (components/keys.ts), in the account and partition of its provider; its alias is never protected, the key is as `opts` say. */
export function customerKey(name: string, args: CustomerKeyArgs, opts: pulumi.CustomResourceOptions): aws.kms.Key {
    const lookup = { parent: opts.parent, provider: opts.provider };
    const account = aws.getCallerIdentityOutput({}, lookup).accountId;
    const partition = aws.getPartitionOutput({}, lookup).partition;
    const key = new aws.kms.Key(
        name,
        {
            description: args.description,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: pulumi.all([partition, account]).apply(([p, a]) => keyPolicy(p, a, args.users)),
        },
        opts,
    );
    if (args.alias) new aws.kms.Alias(name, { name: args.alias, targetKeyId: key.keyId }, lookup);
    return key;
}
