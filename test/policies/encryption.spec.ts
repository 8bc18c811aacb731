import { strict as assert } from "assert";
import { encryptionProblems, keyProblems } from "../../policies/rules/encryption";
import { JsonObject } from "../../tools/plan/contract";
import { plannedStack } from "../planCommand";
import { extraResource, find, found, plus, prodResources, withInputs, without } from "./planEdits";

const T = {
    key: "aws:kms/key:Key",
    cluster: "aws:rds/cluster:Cluster",
    global: "aws:rds/globalCluster:GlobalCluster",
    instance: "aws:rds/clusterInstance:ClusterInstance",
    cache: "aws:elasticache/replicationGroup:ReplicationGroup",
    secret: "aws:secretsmanager/secret:Secret",
    topic: "aws:sns/topic:Topic",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    template: "aws:ec2/launchTemplate:LaunchTemplate",
    bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    eks: "aws:eks/cluster:Cluster",
    storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
};
const encryption = (resources: Parameters<typeof found>[1]) => found(encryptionProblems, resources);
const keys = (resources: Parameters<typeof found>[1], minDeletionWindowDays = 30) => found((r) => keyProblems(r, minDeletionWindowDays), resources);

describe("strata-encryption", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds every store of ${stack} under a customer-managed key`, () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(encryption(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-encryption"), []);
        });
    }

    it("names an Aurora cluster on AWS's key, one not encrypted, and a global cluster not encrypted", () => {
        assert.deepEqual(encryption(withInputs(T.cluster, "us-east-1-shard-0", (i) => delete i.kmsKeyId)), [
            "Aurora cluster us-east-1-shard-0 names no customer-managed key (kmsKeyId): AWS's own key is used, whose policy nobody can read or narrow @ us-east-1-shard-0",
        ]);
        assert.deepEqual(encryption(withInputs(T.cluster, "eu-west-1-shard-1", (i) => (i.kmsKeyId = "arn:aws:kms:eu-west-1:123456789012:alias/aws/rds"))), [
            "Aurora cluster eu-west-1-shard-1 uses the AWS-managed key arn:aws:kms:eu-west-1:123456789012:alias/aws/rds (kmsKeyId); name a customer-managed key of the stack @ eu-west-1-shard-1",
        ]);
        assert.deepEqual(encryption(withInputs(T.cluster, "us-east-1-shard-2", (i) => (i.storageEncrypted = false))), ["Aurora cluster us-east-1-shard-2 is not encrypted at rest (storageEncrypted) @ us-east-1-shard-2"]);
        assert.deepEqual(encryption(withInputs(T.global, "shard-3", (i) => delete i.storageEncrypted)), ["Aurora global cluster shard-3 is not encrypted at rest (storageEncrypted): its members cannot be @ shard-3"]);
    });

    it("names an RDS Proxy that accepts plaintext", () => {
        assert.deepEqual(encryption(withInputs("aws:rds/proxy:Proxy", "eu-west-1-shard-0-proxy", (i) => (i.requireTls = false))), ["RDS Proxy eu-west-1-shard-0-proxy accepts plaintext connections (requireTls) @ eu-west-1-shard-0-proxy"]);
    });

    it("names Performance Insights without a key of the stack", () => {
        assert.deepEqual(encryption(withInputs(T.instance, "us-east-1-shard-0-writer", (i) => delete i.performanceInsightsKmsKeyId)), [
            "Performance Insights of us-east-1-shard-0-writer names no customer-managed key (performanceInsightsKmsKeyId): AWS's own key is used, whose policy nobody can read or narrow @ us-east-1-shard-0-writer",
        ]);
    });

    it("names a cache without its key, at rest or in transit", () => {
        assert.deepEqual(
            encryption(
                withInputs(T.cache, "eu-west-1-redis", (i) => {
                    delete i.kmsKeyId;
                    i.transitEncryptionEnabled = false;
                }),
            ),
            [
                "ElastiCache replication group eu-west-1-redis names no customer-managed key (kmsKeyId): AWS's own key is used, whose policy nobody can read or narrow @ eu-west-1-redis",
                "ElastiCache replication group eu-west-1-redis takes plaintext connections (transitEncryptionEnabled) @ eu-west-1-redis",
            ],
        );
        assert.deepEqual(encryption(withInputs(T.cache, "us-east-1-redis", (i) => (i.atRestEncryptionEnabled = false))), ["ElastiCache replication group us-east-1-redis is not encrypted at rest (atRestEncryptionEnabled) @ us-east-1-redis"]);
    });

    it("names a secret, or one of its replicas, an SNS topic and a log group on AWS's keys", () => {
        assert.deepEqual(
            encryption(withInputs(T.secret, "shard-1-credentials", (i) => ((i.replicas as JsonObject[])[1] = { region: "ap-southeast-1", kmsKeyId: "alias/aws/secretsmanager" }))),
            ["Secret shard-1-credentials's replica in ap-southeast-1 uses the AWS-managed key alias/aws/secretsmanager (replicas[1].kmsKeyId); name a customer-managed key of the stack @ shard-1-credentials"],
        );
        assert.deepEqual(encryption(withInputs(T.topic, "us-east-1-alerts", (i) => (i.kmsMasterKeyId = "alias/aws/sns"))), [
            "SNS topic us-east-1-alerts uses the AWS-managed key alias/aws/sns (kmsMasterKeyId); name a customer-managed key of the stack @ us-east-1-alerts",
        ]);
        assert.deepEqual(encryption(withInputs(T.logGroup, "us-east-1-control-plane", (i) => delete i.kmsKeyId)), [
            "Log group /aws/eks/strata-prod-us-east-1/cluster names no customer-managed key (kmsKeyId): AWS's own key is used, whose policy nobody can read or narrow @ us-east-1-control-plane",
        ]);
    });

    it("names node volumes unencrypted or on EBS's default key, and a StorageClass without the volume key", () => {
        assert.deepEqual(encryption(withInputs(T.template, "eu-west-1-system", (i) => delete ((i.blockDeviceMappings as JsonObject[])[0]!.ebs as JsonObject).kmsKeyId)), [
            "Launch template eu-west-1-system's /dev/xvda names no customer-managed key (ebs.kmsKeyId): AWS's own key is used, whose policy nobody can read or narrow @ eu-west-1-system",
        ]);
        assert.deepEqual(encryption(withInputs(T.template, "eu-west-1-compute", (i) => (((i.blockDeviceMappings as JsonObject[])[0]!.ebs as JsonObject).encrypted = "false"))), [
            "Launch template eu-west-1-compute gives /dev/xvda an unencrypted volume (ebs.encrypted) @ eu-west-1-compute",
        ]);
        assert.deepEqual(encryption(withInputs(T.storageClass, "us-east-1-gp3", (i) => (i.parameters = { type: "gp3", encrypted: "true" }))), [
            "StorageClass gp3-encrypted names no customer-managed key (parameters.kmsKeyId): AWS's own key is used, whose policy nobody can read or narrow @ us-east-1-gp3",
        ]);
        assert.deepEqual(encryption(withInputs(T.storageClass, "us-east-1-gp3", (i) => (i.parameters = { type: "gp3" }))), ["StorageClass gp3-encrypted provisions unencrypted volumes (parameters.encrypted) @ us-east-1-gp3"]);
    });

    it("names a bucket on S3's own key, or with no encryption configuration", () => {
        assert.deepEqual(encryption(withInputs(T.bucketEncryption, "edge-flow-logs", (i) => (i.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]))), [
            "S3 bucket edge-flow-logs encrypts with AES256, not SSE-KMS under a customer-managed key @ edge-flow-logs",
        ]);
        assert.deepEqual(encryption(without(T.bucketEncryption, "edge-flow-logs")), ["S3 bucket edge-flow-logs has no server-side encryption configuration: objects get S3's own key @ edge-flow-logs"]);
    });

    it("names an EKS cluster that does not envelope-encrypt Secrets", () => {
        assert.deepEqual(encryption(withInputs(T.eks, "ap-southeast-1-eks", (i) => delete i.encryptionConfig)), ["EKS cluster ap-southeast-1-eks does not envelope-encrypt Kubernetes Secrets (encryptionConfig.resources) @ ap-southeast-1-eks"]);
    });
});

describe("strata-kms-keys", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds every key of ${stack} rotating, enabled, with its own closed policy`, () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(keys(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-kms-keys"), []);
        });
    }

    it("names a key that does not rotate, is disabled, bypasses the lockout check and waits a week", () => {
        assert.deepEqual(
            keys(
                withInputs(T.key, "us-east-1-logs", (i) => {
                    i.enableKeyRotation = false;
                    i.isEnabled = false;
                    i.bypassPolicyLockoutSafetyCheck = true;
                    i.deletionWindowInDays = 7;
                }),
            ),
            [
                "KMS key us-east-1-logs does not rotate (enableKeyRotation) @ us-east-1-logs",
                "KMS key us-east-1-logs is disabled (isEnabled): everything it encrypts becomes unreadable @ us-east-1-logs",
                "KMS key us-east-1-logs bypasses the policy lockout safety check: a wrong policy could make it unmanageable for good @ us-east-1-logs",
                "KMS key us-east-1-logs waits 7 days before deletion, under the 30 configured @ us-east-1-logs",
            ],
        );
    });

    it("names a key with AWS's default policy, and one that any principal may use", () => {
        assert.deepEqual(keys(withInputs(T.key, "eu-west-1-secrets", (i) => delete i.policy)), [
            "KMS key eu-west-1-secrets has no key policy of its own: AWS's default lets the account's IAM policies grant it, which no review of the stack shows @ eu-west-1-secrets",
        ]);
        const open = withInputs(T.key, "eu-west-1-volumes", (i) => {
            const policy = JSON.parse(String(i.policy)) as { Statement: unknown[] };
            policy.Statement.push({ Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" });
            i.policy = JSON.stringify(policy);
        });
        assert.deepEqual(keys(open), ["KMS key eu-west-1-volumes allows any principal of any account (statement Everyone: a wildcard principal without a Condition) @ eu-west-1-volumes"]);
        const anyAccount = withInputs(T.key, "eu-west-1-volumes", (i) => {
            const policy = JSON.parse(String(i.policy)) as { Statement: unknown[] };
            policy.Statement.push({ Sid: "AnyAccount", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::*:root"] }, Action: "kms:Decrypt", Resource: "*" });
            i.policy = JSON.stringify(policy);
        });
        assert.deepEqual(keys(anyAccount), ["KMS key eu-west-1-volumes allows any principal of any account (statement AnyAccount: a wildcard principal without a Condition) @ eu-west-1-volumes"]);
    });

    it("accepts a wildcard principal held by a condition, and a shorter window where the environment allows it", () => {
        const conditioned = withInputs(T.key, "eu-west-1-volumes", (i) => {
            const policy = JSON.parse(String(i.policy)) as { Statement: unknown[] };
            policy.Statement.push({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } } });
            i.policy = JSON.stringify(policy);
        });
        assert.deepEqual(keys(conditioned), []);
        assert.deepEqual(keys(withInputs(T.key, "us-east-1-logs", (i) => (i.deletionWindowInDays = 7)), 7), []);
    });

    it("checks a key the program would add without a window", () => {
        assert.ok(find(T.key, "us-east-1-logs"));
        assert.equal(prodResources().filter((r) => r.type === T.key).length, 19);
        assert.deepEqual(keys(plus(extraResource(T.key, "extra", "us-east-1", { enableKeyRotation: true, policy: "{}" }))), ["KMS key extra waits AWS's default of 30 days before deletion; state it (deletionWindowInDays) @ extra"]);
    });
});
