import { Sourced } from "./source";

/*
 * What a customer-managed KMS key's policy must grant for the services that use Strata's keys. A key policy is the
 * key's only guard: a statement too few and the service cannot write (a log group refuses the key, an Auto Scaling
 * group launches no node); a wildcard principal too many and any account may use it.
 */

const CHECKED = "2026-12-06";

export interface KeyPolicyFacts {
    /** The key policy AWS gives a key created without one: the account (its IAM policies) administers and uses it. */
    readonly accountStatement: { readonly sid: string; readonly action: string };
    /** CloudWatch Logs encrypts a group only with a key whose policy lets the regional logs principal use it, scoped by the group's ARN in the encryption context. */
    readonly cloudWatchLogs: { readonly principal: string; readonly actions: readonly string[]; readonly contextKey: string };
    /** Auto Scaling launches instances with volumes under a customer-managed key only when its service-linked role may use the key and grant it on. */
    readonly autoScalingVolumes: { readonly role: string; readonly actions: readonly string[]; readonly grantCondition: string };
    /** CloudWatch alarms publish to an encrypted SNS topic only when they may use its key. */
    readonly cloudWatchAlarms: { readonly principal: string; readonly actions: readonly string[] };
    /** Global Accelerator delivers flow logs to an SSE-KMS bucket only when the log delivery principal may use the bucket's key. */
    readonly logDelivery: { readonly principal: string; readonly actions: readonly string[] };
}

export const KEY_POLICY: Sourced<KeyPolicyFacts> = {
    sources: [
        { url: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html", version: "AWS KMS developer guide, default key policy: Sid \"Enable IAM User Permissions\", the account root principal, kms:*", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html", version: "CloudWatch Logs user guide, encrypt log data: principal logs.<region>.amazonaws.com, kms:Encrypt* Decrypt* ReEncrypt* GenerateDataKey* Describe*, condition on kms:EncryptionContext:aws:logs:arn", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html", version: "EC2 Auto Scaling user guide: AWSServiceRoleForAutoScaling needs Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*, DescribeKey, and CreateGrant with kms:GrantIsForAWSResource", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/global-accelerator/latest/dg/monitoring-global-accelerator.flow-logs.html", version: "Global Accelerator developer guide, flow logs, \"Required CMK key policy for use with SSE-KMS buckets\": delivery.logs.amazonaws.com, kms:GenerateDataKey*", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html", version: "CloudWatch user guide, alarms and encrypted SNS topics: cloudwatch.amazonaws.com needs kms:Decrypt and kms:GenerateDataKey*", checked: CHECKED },
    ],
    rows: {
        accountStatement: { sid: "Enable IAM User Permissions", action: "kms:*" },
        cloudWatchLogs: {
            principal: "logs.{region}.amazonaws.com",
            actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            contextKey: "kms:EncryptionContext:aws:logs:arn",
        },
        autoScalingVolumes: {
            role: "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
            actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            grantCondition: "kms:GrantIsForAWSResource",
        },
        cloudWatchAlarms: { principal: "cloudwatch.amazonaws.com", actions: ["kms:Decrypt", "kms:GenerateDataKey*"] },
        logDelivery: { principal: "delivery.logs.amazonaws.com", actions: ["kms:GenerateDataKey*"] },
    },
};

/** What the EBS CSI driver's role needs to create and attach volumes under a customer-managed key. */
export interface EbsCsiKeyFacts {
    /** The driver's IAM actions on the key (the managed AmazonEBSCSIDriverPolicy grants none). */
    readonly actions: readonly string[];
    /** StorageClass parameter naming the key by its full ARN. */
    readonly storageClassParameter: string;
}

export const EBS_CSI_KEY: Sourced<EbsCsiKeyFacts> = {
    sources: [
        { url: "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/v1.56.0/docs/install.md", version: "aws-ebs-csi-driver v1.56.0 (the EKS add-on pinned for 1.33), \"Encrypted EBS Volumes via KMS\": kms:Decrypt, kms:GenerateDataKeyWithoutPlaintext, kms:CreateGrant", checked: CHECKED },
        { url: "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/v1.56.0/docs/parameters.md", version: "aws-ebs-csi-driver v1.56.0 CreateVolume parameters: \"kmsKeyId\", the full ARN of the key", checked: CHECKED },
    ],
    rows: { actions: ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant"], storageClassParameter: "kmsKeyId" },
};
