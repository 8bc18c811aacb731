import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { EBS_CSI_KEY } from "../../catalog/kms";
import { Problem, UNKNOWN, dependsOn, integer, list, problemsPerResource, readInput, record, str } from "./util";

/*
 * Encryption at rest under the stack's own keys. Every store of data or metadata names a customer-managed key: an
 * AWS-managed key (`alias/aws/...`, or none at all) cannot be given a policy, rotated on demand or withheld from a
 * principal, so a review cannot say who may decrypt. And every key the stack creates keeps the hygiene AWS and the
 * scanners ask of it. Pure: reads the planned inputs.
 */

/** A customer-managed key reference: a key or alias of the account, not AWS's own `alias/aws/...`; unknown counts (it is a key the plan creates). */
function customerKey(value: unknown): "missing" | "aws-managed" | "ok" {
    if (value === UNKNOWN) return "ok";
    const text = str(value);
    if (!text) return "missing";
    return /(^|:)alias\/aws\//.test(text) ? "aws-managed" : "ok";
}

const isTrue = (value: unknown) => value === UNKNOWN || value === true || value === "true";

function keyProblem(what: string, value: unknown, field: string): string | undefined {
    switch (customerKey(value)) {
        case "missing":
            return `${what} names no customer-managed key (${field}): AWS's own key is used, whose policy nobody can read or narrow`;
        case "aws-managed":
            return `${what} uses the AWS-managed key ${String(value)} (${field}); name a customer-managed key of the stack`;
        default:
            return undefined;
    }
}

const TYPES = {
    auroraCluster: "aws:rds/cluster:Cluster",
    globalCluster: "aws:rds/globalCluster:GlobalCluster",
    instance: "aws:rds/clusterInstance:ClusterInstance",
    proxy: "aws:rds/proxy:Proxy",
    cache: "aws:elasticache/replicationGroup:ReplicationGroup",
    secret: "aws:secretsmanager/secret:Secret",
    topic: "aws:sns/topic:Topic",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    bucket: "aws:s3/bucket:Bucket",
    bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    eks: "aws:eks/cluster:Cluster",
    storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
    key: "aws:kms/key:Key",
} as const;

/** The provisioner of the EBS CSI driver, whose StorageClass parameters name the volume key. */
const EBS_CSI_PROVISIONER = "ebs.csi.aws.com";

function resourceProblems(r: PolicyResource, all: readonly PolicyResource[]): (string | undefined)[] {
    const problems: (string | undefined)[] = [];
    switch (r.type) {
        case TYPES.auroraCluster: {
            // A secondary of a global cluster is encrypted as its global cluster is, under the key it names in its region.
            if (!isTrue(readInput(r, "storageEncrypted"))) problems.push(`Aurora cluster ${r.name} is not encrypted at rest (storageEncrypted)`);
            else problems.push(keyProblem(`Aurora cluster ${r.name}`, readInput(r, "kmsKeyId"), "kmsKeyId"));
            break;
        }
        case TYPES.proxy:
            if (readInput(r, "requireTls") !== true && readInput(r, "requireTls") !== UNKNOWN) problems.push(`RDS Proxy ${r.name} accepts plaintext connections (requireTls)`);
            break;
        case TYPES.globalCluster:
            if (readInput(r, "sourceDbClusterIdentifier") === undefined && !isTrue(readInput(r, "storageEncrypted"))) problems.push(`Aurora global cluster ${r.name} is not encrypted at rest (storageEncrypted): its members cannot be`);
            break;
        case TYPES.instance:
            if (isTrue(readInput(r, "performanceInsightsEnabled"))) problems.push(keyProblem(`Performance Insights of ${r.name}`, readInput(r, "performanceInsightsKmsKeyId"), "performanceInsightsKmsKeyId"));
            break;
        case TYPES.cache: {
            // A Global Datastore member takes its encryption from the global group's primary.
            if (readInput(r, "globalReplicationGroupId") !== undefined) break;
            if (!isTrue(readInput(r, "atRestEncryptionEnabled"))) problems.push(`ElastiCache replication group ${r.name} is not encrypted at rest (atRestEncryptionEnabled)`);
            else problems.push(keyProblem(`ElastiCache replication group ${r.name}`, readInput(r, "kmsKeyId"), "kmsKeyId"));
            if (!isTrue(readInput(r, "transitEncryptionEnabled"))) problems.push(`ElastiCache replication group ${r.name} takes plaintext connections (transitEncryptionEnabled)`);
            break;
        }
        case TYPES.secret: {
            problems.push(keyProblem(`Secret ${r.name}`, readInput(r, "kmsKeyId"), "kmsKeyId"));
            const replicas = readInput(r, "replicas");
            if (replicas !== UNKNOWN) list(replicas).forEach((replica, i) => problems.push(keyProblem(`Secret ${r.name}'s replica in ${str(record(replica).region) ?? `#${i}`}`, record(replica).kmsKeyId, `replicas[${i}].kmsKeyId`)));
            break;
        }
        case TYPES.topic:
            problems.push(keyProblem(`SNS topic ${r.name}`, readInput(r, "kmsMasterKeyId"), "kmsMasterKeyId"));
            break;
        case TYPES.logGroup:
            problems.push(keyProblem(`Log group ${str(readInput(r, "name")) ?? r.name}`, readInput(r, "kmsKeyId"), "kmsKeyId"));
            break;
        case TYPES.launchTemplate: {
            const mappings = readInput(r, "blockDeviceMappings");
            if (mappings === UNKNOWN) break;
            for (const mapping of list(mappings).map(record)) {
                const ebs = record(mapping.ebs);
                if (Object.keys(ebs).length === 0) continue;
                const device = str(mapping.deviceName) ?? "a device";
                if (!isTrue(ebs.encrypted)) problems.push(`Launch template ${r.name} gives ${device} an unencrypted volume (ebs.encrypted)`);
                else problems.push(keyProblem(`Launch template ${r.name}'s ${device}`, ebs.kmsKeyId, "ebs.kmsKeyId"));
            }
            break;
        }
        case TYPES.bucket: {
            const configurations = all.filter((c) => c.type === TYPES.bucketEncryption && dependsOn(c, r));
            if (configurations.length === 0) {
                problems.push(`S3 bucket ${r.name} has no server-side encryption configuration: objects get S3's own key`);
                break;
            }
            for (const configuration of configurations) {
                const rules = readInput(configuration, "rules");
                if (rules === UNKNOWN) continue;
                for (const rule of list(rules).map((x) => record(record(x).applyServerSideEncryptionByDefault))) {
                    const algorithm = str(rule.sseAlgorithm);
                    if (algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") problems.push(`S3 bucket ${r.name} encrypts with ${algorithm ?? "nothing"}, not SSE-KMS under a customer-managed key`);
                    else problems.push(keyProblem(`S3 bucket ${r.name}`, rule.kmsMasterKeyId, "kmsMasterKeyId"));
                }
            }
            break;
        }
        case TYPES.eks: {
            const config = readInput(r, "encryptionConfig");
            if (config === UNKNOWN) break;
            const resources = list(record(config).resources);
            if (!resources.includes("secrets")) problems.push(`EKS cluster ${r.name} does not envelope-encrypt Kubernetes Secrets (encryptionConfig.resources)`);
            else problems.push(keyProblem(`EKS cluster ${r.name}'s Secrets`, record(record(config).provider).keyArn, "encryptionConfig.provider.keyArn"));
            break;
        }
        case TYPES.storageClass: {
            if (readInput(r, "provisioner") !== EBS_CSI_PROVISIONER) break;
            const parameters = readInput(r, "parameters");
            if (parameters === UNKNOWN) break;
            const name = str(record(readInput(r, "metadata")).name) ?? r.name;
            // Parameter names are case-insensitive to the driver.
            const byLowerName = new Map(Object.entries(record(parameters)).map(([k, v]) => [k.toLowerCase(), v]));
            if (!isTrue(byLowerName.get("encrypted"))) problems.push(`StorageClass ${name} provisions unencrypted volumes (parameters.encrypted)`);
            else problems.push(keyProblem(`StorageClass ${name}`, byLowerName.get(EBS_CSI_KEY.rows.storageClassParameter.toLowerCase()), `parameters.${EBS_CSI_KEY.rows.storageClassParameter}`));
            break;
        }
    }
    return problems;
}

export function encryptionProblems(resources: readonly PolicyResource[]): Problem[] {
    return problemsPerResource(resources, (r) => resourceProblems(r, resources));
}

export const encryption: StackValidationPolicy = {
    name: "strata-encryption",
    description: "Aurora (and its global cluster and Performance Insights), ElastiCache (at rest and in transit), RDS Proxy connections (TLS), secrets, SNS topics, log groups, launch-template volumes, PersistentVolumes, S3 buckets and EKS Secrets are encrypted under customer-managed keys.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const problem of encryptionProblems(args.resources)) reportViolation(problem.message, problem.resource.urn);
    },
};

type Statement = Record<string, unknown>;

function statements(policy: unknown): Statement[] | undefined {
    if (policy === UNKNOWN) return undefined;
    let document: unknown = policy;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy);
        } catch {
            return [];
        }
    }
    return list(record(document).Statement).map(record);
}

/** A principal any account can match: `*`, or an AWS principal with a wildcard in it (`arn:aws:iam::*:root`). */
const anyone = (principal: unknown): boolean => {
    if (principal === "*") return true;
    const aws = record(principal).AWS;
    return (Array.isArray(aws) ? aws : [aws]).some((p) => typeof p === "string" && p.includes("*"));
};

export function keyProblems(resources: readonly PolicyResource[], minDeletionWindowDays: number): Problem[] {
    return resources
        .filter((r) => r.type === TYPES.key)
        .flatMap((key) => {
            const problems: string[] = [];
            const spec = readInput(key, "customerMasterKeySpec") ?? readInput(key, "keySpec");
            const symmetric = spec === undefined || spec === UNKNOWN || spec === "SYMMETRIC_DEFAULT";
            if (symmetric && !isTrue(readInput(key, "enableKeyRotation"))) problems.push("does not rotate (enableKeyRotation)");
            if (readInput(key, "isEnabled") === false) problems.push("is disabled (isEnabled): everything it encrypts becomes unreadable");
            if (readInput(key, "bypassPolicyLockoutSafetyCheck") === true) problems.push("bypasses the policy lockout safety check: a wrong policy could make it unmanageable for good");
            const window = readInput(key, "deletionWindowInDays");
            if (window !== UNKNOWN && (typeof window !== "number" || window < minDeletionWindowDays)) problems.push(`waits ${typeof window === "number" ? window : "AWS's default of 30"} days before deletion${typeof window === "number" ? `, under the ${minDeletionWindowDays} configured` : "; state it (deletionWindowInDays)"}`);
            const policy = readInput(key, "policy");
            const found = statements(policy);
            if (policy === undefined) problems.push("has no key policy of its own: AWS's default lets the account's IAM policies grant it, which no review of the stack shows");
            for (const statement of found ?? []) {
                if (statement.Effect === "Allow" && anyone(statement.Principal) && Object.keys(record(statement.Condition)).length === 0) {
                    problems.push(`allows any principal of any account (statement ${str(statement.Sid) ?? "without Sid"}: a wildcard principal without a Condition)`);
                }
            }
            return problems.map((p) => ({ resource: key, message: `KMS key ${key.name} ${p}` }));
        });
}

export const kmsKeys: StackValidationPolicy = {
    name: "strata-kms-keys",
    description: "Every KMS key the stack creates rotates, is enabled, has its own policy without an open principal, keeps the lockout safety check, and waits long enough before deletion.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minDeletionWindowDays: integer("Shortest waiting period before a key is deleted (7–30)", 30) } },
    validateStack: (args, reportViolation) => {
        const { minDeletionWindowDays } = args.getConfig<{ minDeletionWindowDays: number }>();
        for (const problem of keyProblems(args.resources, minDeletionWindowDays)) reportViolation(problem.message, problem.resource.urn);
    },
};
