import type * as aws from "@pulumi/aws";
import { KEY_POLICY } from "../catalog/kms";

/*
 * Key policies of the stack's customer-managed keys, written out rather than left to AWS's default so that a review
 * (and strata-kms-keys) sees who may use each key. Every policy starts with the account statement: without it no IAM
 * policy of the account could administer the key again (the lockout AWS's policy check guards against).
 */

/** Who, besides the account's IAM policies, uses a key. */
export type KeyUser =
    | { readonly kind: "cloudWatchLogs"; readonly region: string }
    | { readonly kind: "autoScalingVolumes" }
    | { readonly kind: "cloudWatchAlarms" }
    | { readonly kind: "logDelivery" };

function userStatements(user: KeyUser, partition: string, account: string): aws.iam.PolicyStatement[] {
    const facts = KEY_POLICY.rows;
    switch (user.kind) {
        case "cloudWatchLogs":
            return [
                {
                    Sid: "CloudWatchLogs",
                    Effect: "Allow",
                    Principal: { Service: facts.cloudWatchLogs.principal.replace("{region}", user.region) },
                    Action: [...facts.cloudWatchLogs.actions],
                    Resource: "*",
                    Condition: { ArnLike: { [facts.cloudWatchLogs.contextKey]: `arn:${partition}:logs:${user.region}:${account}:log-group:*` } },
                },
            ];
        case "autoScalingVolumes": {
            const role = `arn:${partition}:iam::${account}:${facts.autoScalingVolumes.role}`;
            return [
                { Sid: "AutoScalingVolumes", Effect: "Allow", Principal: { AWS: role }, Action: [...facts.autoScalingVolumes.actions], Resource: "*" },
                { Sid: "AutoScalingGrants", Effect: "Allow", Principal: { AWS: role }, Action: "kms:CreateGrant", Resource: "*", Condition: { Bool: { [facts.autoScalingVolumes.grantCondition]: "true" } } },
            ];
        }
        case "cloudWatchAlarms":
            return [{ Sid: "CloudWatchAlarms", Effect: "Allow", Principal: { Service: facts.cloudWatchAlarms.principal }, Action: [...facts.cloudWatchAlarms.actions], Resource: "*" }];
        case "logDelivery":
            return [{ Sid: "LogDelivery", Effect: "Allow", Principal: { Service: facts.logDelivery.principal }, Action: [...facts.logDelivery.actions], Resource: "*" }];
    }
}

/** A key policy: the account administers the key, and each user gets exactly what its service needs. */
export function keyPolicy(partition: string, account: string, users: readonly KeyUser[] = []): string {
    const accountStatement: aws.iam.PolicyStatement = {
        Sid: KEY_POLICY.rows.accountStatement.sid,
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: KEY_POLICY.rows.accountStatement.action,
        Resource: "*",
    };
    const policy: aws.iam.PolicyDocument = { Version: "2012-10-17", Statement: [accountStatement, ...users.flatMap((u) => userStatements(u, partition, account))] };
    return JSON.stringify(policy);
}
