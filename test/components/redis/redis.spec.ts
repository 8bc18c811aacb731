import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type * as k8sTypes from "@pulumi/kubernetes";
import { PLATFORM_PORTS } from "../../../catalog/ports";
import type { RedisClusterArgs } from "../../../components/redis";
import { PlanResource, SECRET_MASK } from "../../../tools/plan/contract";
import { renderManifests } from "../../../tools/plan/manifests";
import { ofType, one, ready, record } from "../../harness";
import { validateObject } from "../../k8sSchema";

const T = {
    group: "aws:elasticache/replicationGroup:ReplicationGroup",
    global: "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
    params: "aws:elasticache/parameterGroup:ParameterGroup",
    subnets: "aws:elasticache/subnetGroup:SubnetGroup",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    key: "aws:kms/key:Key",
    configMap: "kubernetes:core/v1:ConfigMap",
    secret: "kubernetes:core/v1:Secret",
};

type Over = Partial<Omit<RedisClusterArgs, "publishTo">>;

async function build(region: string, over: Over, secrets: "mask" | "reveal" = "reveal"): Promise<PlanResource[]> {
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const k8s: typeof k8sTypes = await import("@pulumi/kubernetes");
    const { RedisCluster } = await import("../../../components/redis");
    return record(() => {
        const provider = new aws.Provider(`${region}-redis-aws`, { region: region as awsTypes.Region });
        const kubernetes = new k8s.Provider(`${region}-redis-k8s`, { kubeconfig: "{}" });
        new RedisCluster(
            region,
            {
                region,
                replicationGroupId: `strata-test-${region}`,
                vpcId: "vpc-1",
                subnetIds: ["subnet-d1", "subnet-d2", "subnet-d3"],
                clientSecurityGroupId: "sg-nodes",
                logKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
                engine: "redis",
                engineVersion: "7.1",
                nodeType: "cache.r7g.large",
                shards: 3,
                replicasPerShard: 1,
                multiAz: true,
                snapshotRetentionDays: 7,
                logRetentionDays: 90,
                protect: true,
                client: { maxRedirects: 3, commandTimeoutSeconds: 5 },
                services: [{ service: "api", keys: ["api:*"], commands: "+@all -@dangerous +info" }],
                publishTo: { provider: kubernetes, namespace: "apps" },
                ...over,
            },
            { providers: { aws: provider } },
        );
    }, secrets);
}

describe("RedisCluster", () => {
    describe("prod shape: 3 shards × 1 replica", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = await build("us-east-1", {});
        });

        it("creates one cluster-mode replication group with the region's shape", () => {
            const [group, ...others] = ofType(resources, T.group);
            assert.ok(group);
            assert.equal(others.length, 0);
            assert.equal(group.region, "us-east-1");
            assert.deepEqual([group.inputs.numNodeGroups, group.inputs.replicasPerNodeGroup, group.inputs.nodeType, group.inputs.clusterMode], [3, 1, "cache.r7g.large", "enabled"]);
            assert.equal(group.inputs.replicationGroupId, "strata-test-us-east-1");
        });

        it("encrypts in transit (required) and at rest with its own key, and signs clients in through its RBAC user group, not a token", () => {
            const group = ofType(resources, T.group)[0]!;
            assert.equal(group.inputs.transitEncryptionEnabled, true);
            assert.equal(group.inputs.transitEncryptionMode, "required");
            assert.equal(group.inputs.atRestEncryptionEnabled, true);
            assert.match(String(group.inputs.kmsKeyId), /^arn:aws:kms:us-east-1:/);
            assert.ok(group.dependencies.includes(ofType(resources, T.key)[0]!.urn));
            assert.equal(group.inputs.authToken, undefined);
            assert.equal(group.inputs.authTokenUpdateStrategy, "DELETE", "moves a cache created with a token to RBAC in place");
            assert.deepEqual(group.inputs.userGroupIds, ["strata-test-us-east-1-users"]);
        });

        it("has a user per service with its own keys and password, and the built-in default user replaced by one that is off", () => {
            const users = ofType(resources, "aws:elasticache/user:User").map((u) => [u.inputs.userId, u.inputs.userName, u.inputs.accessString]);
            assert.deepEqual(users, [
                ["strata-test-us-east-1-default", "default", "off -@all"],
                ["strata-test-us-east-1-api", "api", "on ~api:* &* +@all -@dangerous +info"],
            ]);
            const group = ofType(resources, "aws:elasticache/userGroup:UserGroup")[0]!;
            assert.deepEqual(group.inputs.userIds, ["strata-test-us-east-1-default", "strata-test-us-east-1-api"]);
            const passwords = ofType(resources, "aws:elasticache/user:User").map((u) => (u.inputs.authenticationMode as { type: string; passwords: string[] }).passwords[0]);
            assert.equal(new Set(passwords).size, 2, "every user has a password of its own");
        });

        it("fails over automatically across zones, keeps a week of snapshots and a final one, and is protected", () => {
            const group = ofType(resources, T.group)[0]!;
            assert.equal(group.inputs.automaticFailoverEnabled, true);
            assert.equal(group.inputs.multiAzEnabled, true);
            assert.equal(group.inputs.snapshotRetentionLimit, 7);
            assert.equal(group.inputs.snapshotWindow, "05:00-06:00");
            assert.equal(group.inputs.maintenanceWindow, "sun:06:30-sun:07:30");
            assert.equal(group.inputs.finalSnapshotIdentifier, "strata-test-us-east-1-final");
            assert.equal(group.protect, true);
        });

        it("takes automatic minor upgrades and ignores the version they write back (a move back would replace the cache)", () => {
            const group = ofType(resources, T.group)[0]!;
            assert.equal(group.inputs.autoMinorVersionUpgrade, true);
            assert.deepEqual(group.ignoreChanges, ["engineVersion"]);
        });

        it("admits the port only from the cluster's nodes, as one standalone rule, over the data subnets", () => {
            const [sg, ...otherGroups] = ofType(resources, T.sg);
            assert.equal(otherGroups.length, 0);
            assert.deepEqual([sg?.inputs.ingress, sg?.inputs.egress], [undefined, undefined], "no inline rules next to the standalone one: no egress at all");
            const groupId = String((ofType(resources, T.group)[0]?.inputs.securityGroupIds as string[])[0]);
            assert.deepEqual(
                ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => [r.inputs.securityGroupId, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.referencedSecurityGroupId, r.inputs.cidrIpv4]),
                [[groupId, "tcp", PLATFORM_PORTS.rows.redis.port, PLATFORM_PORTS.rows.redis.port, "sg-nodes", undefined]],
            );
            assert.equal(PLATFORM_PORTS.rows.redis.port, 6379);
            assert.equal(ofType(resources, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").length, 0);
            assert.deepEqual(ofType(resources, T.subnets)[0]?.inputs.subnetIds, ["subnet-d1", "subnet-d2", "subnet-d3"]);
        });

        it("delivers slow and engine logs to CloudWatch and evicts from 80 % of memory", () => {
            const group = ofType(resources, T.group)[0]!;
            assert.deepEqual((group.inputs.logDeliveryConfigurations as { logType: string; destinationType: string }[]).map((l) => [l.logType, l.destinationType]), [
                ["slow-log", "cloudwatch-logs"],
                ["engine-log", "cloudwatch-logs"],
            ]);
            const params = ofType(resources, T.params)[0]!;
            assert.equal(params.inputs.family, "redis7");
            assert.ok((params.inputs.parameters as { name: string; value: string }[]).some((p) => p.name === "reserved-memory-percent" && p.value === "20"));
        });

        it("publishes the endpoint and client settings, and each service's own user as a Secret, into the given cluster", () => {
            const configMap = one(resources, T.configMap, "us-east-1-redis");
            assert.equal(configMap.provider, resources.find((r) => r.type === "pulumi:providers:kubernetes")?.urn);
            const data = configMap.inputs.data as Record<string, string>;
            assert.match(data.endpoint ?? "", /^clustercfg\.strata-test-us-east-1\./);
            assert.deepEqual([data.port, data.tls, data["cluster-mode"], data["max-redirects"], data["command-timeout-seconds"]], ["6379", "true", "true", "3", "5"]);
            assert.equal(data.auth, "rbac");
            const secret = one(resources, T.secret, "us-east-1-redis-api");
            assert.equal((secret.inputs.metadata as { name: string }).name, "strata-redis-api");
            assert.deepEqual(Object.keys(secret.inputs.stringData as object).sort(), ["password", "username"]);
            assert.equal(ofType(resources, T.secret).length, 1, "the stand-in default user's password is published nowhere");
            assert.equal(secret.provider, configMap.provider);
            for (const manifest of renderManifests(resources)) validateObject(manifest.object, manifest.path);
        });
    });

    it("never lets a user's password into a plain output, the ConfigMap or a plan file", async () => {
        const revealed = await build("eu-west-1", { shards: 2 });
        const password = String((one(revealed, "aws:elasticache/user:User", "eu-west-1-redis-api").inputs.authenticationMode as { passwords: string[] }).passwords[0]);
        assert.match(password, /^offline-/);
        const masked = await build("eu-west-1", { shards: 2 }, "mask");
        assert.ok(!JSON.stringify(masked).includes(password));
        assert.deepEqual(one(masked, "aws:elasticache/user:User", "eu-west-1-redis-api").inputs.authenticationMode, { passwords: [SECRET_MASK], type: "password" });
        assert.ok(!JSON.stringify(one(revealed, T.configMap, "eu-west-1-redis")).includes(password));
    });

    it("refuses cache access that is not a key pattern or an ACL rule, naming each, before registering anything", async () => {
        let error: Error | undefined;
        try {
            await build("eu-west-1", { services: [{ service: "api", keys: [], commands: "+@all reset" }] });
        } catch (e) {
            error = e as Error;
        }
        assert.match(String(error?.message), /services\.api\.redisAccess\.keys is empty/);
        assert.match(String(error?.message), /services\.api\.redisAccess\.commands "reset" must be/);
    });

    it("dev shape: one shard with one replica, unprotected, no final snapshot", async () => {
        const resources = await build("us-east-2", { shards: 1, replicasPerShard: 1, nodeType: "cache.t4g.small", protect: false, snapshotRetentionDays: 1 });
        const group = ofType(resources, T.group)[0]!;
        assert.deepEqual([group.inputs.numNodeGroups, group.inputs.replicasPerNodeGroup], [1, 1]);
        assert.equal(group.protect, false);
        assert.equal(group.inputs.finalSnapshotIdentifier, undefined);
    });

    it("leads a Global Datastore when asked, and a secondary joins it without restating the engine", async () => {
        const primary = await build("us-west-2", { globalDatastore: { role: "primary" } });
        const global = ofType(primary, T.global)[0];
        assert.equal(global?.inputs.globalReplicationGroupIdSuffix, "strata-test-us-west-2");
        const secondary = await build("eu-central-1", { globalDatastore: { role: "secondary", globalReplicationGroupId: "ldgnf-strata-test-us-west-2" } });
        const group = ofType(secondary, T.group)[0]!;
        assert.equal(group.inputs.globalReplicationGroupId, "ldgnf-strata-test-us-west-2");
        assert.equal(group.inputs.engine, undefined);
        assert.equal(group.inputs.numNodeGroups, undefined);
        // The provider itself ignores a member's engine version; the secondary states none to ignore.
        assert.deepEqual(group.ignoreChanges, []);
        assert.equal(ofType(secondary, T.global).length, 0);
    });

    it("refuses a long id and a bad shape before registering anything", async () => {
        await ready();
        const { RedisCluster } = await import("../../../components/redis");
        const k8s: typeof k8sTypes = await import("@pulumi/kubernetes");
        let error: Error | undefined;
        const resources = await record(() => {
            const kubernetes = new k8s.Provider("refused-k8s", { kubeconfig: "{}" });
            try {
                new RedisCluster("refused", {
                    region: "us-east-1", replicationGroupId: "x".repeat(41), vpcId: "v", subnetIds: [], clientSecurityGroupId: "sg", logKeyArn: "k", engine: "redis", engineVersion: "7.1",
                    nodeType: "cache.r7g.large", shards: 1, replicasPerShard: 0, multiAz: true, snapshotRetentionDays: 1, logRetentionDays: 7, protect: false,
                    client: { maxRedirects: 3, commandTimeoutSeconds: 5 }, services: [], publishTo: { provider: kubernetes, namespace: "apps" },
                });
            } catch (e) {
                error = e as Error;
            }
        });
        assert.match(error?.message ?? "", /at most 40 characters/);
        assert.deepEqual(resources.filter((r) => !r.type.startsWith("pulumi:providers:")), []);
    });
});
