import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { PLATFORM_PORTS } from "../../catalog/ports";
import { customerKey } from "../customerKey";
import { CacheEngine, CachePlan, REDIS_PORT, planCache } from "./plan";
import { ServiceCacheAccess, planCacheUsers } from "./users";

export { REDIS_PORT } from "./plan";

/** The ConfigMap the applications of the region's cluster receive. */
export const REDIS_CONFIGMAP = "strata-redis";
/** The Secret holding one service's cache user name and password. */
export const redisSecretName = (service: string) => `strata-redis-${service}`;

/** Where a replication group stands in an optional Global Datastore. */
export type GlobalDatastoreRole = { readonly role: "primary" } | { readonly role: "secondary"; readonly globalReplicationGroupId: pulumi.Input<string> };

/** Inputs of a RedisCluster. The region's AWS provider arrives through `opts.providers`. */
export interface RedisClusterArgs {
    readonly region: string;
    /** Replication group id, at most 40 characters; never changes once created. */
    readonly replicationGroupId: string;
    readonly vpcId: pulumi.Input<string>;
    /** The region's isolated data subnets. */
    readonly subnetIds: pulumi.Input<string[]>;
    /** The only security group admitted to the port (the cluster's nodes). */
    readonly clientSecurityGroupId: pulumi.Input<string>;
    readonly engine: CacheEngine;
    /** e.g. "7.1" */
    readonly engineVersion: string;
    readonly nodeType: string;
    /** Shards (node groups); changing it reshards in place. */
    readonly shards: number;
    /** Replicas per shard; changing it adds or removes replicas in place. */
    readonly replicasPerShard: number;
    readonly multiAz: boolean;
    /** Memory use (percent) where eviction starts. @default 80 */
    readonly evictionThresholdPercent?: number;
    /** @default "allkeys-lru" */
    readonly maxmemoryPolicy?: string;
    /** Days of daily snapshots. */
    readonly snapshotRetentionDays: number;
    /** Days CloudWatch keeps slow and engine logs. */
    readonly logRetentionDays: number;
    /** The region's log key (RegionalNetwork.logKeyArn): the slow and engine log groups are encrypted with it. */
    readonly logKeyArn: pulumi.Input<string>;
    /** `protect` and a final snapshot on delete. */
    readonly protect: boolean;
    /** Client settings published with the endpoint. */
    readonly client: { readonly maxRedirects: number; readonly commandTimeoutSeconds: number };
    /** A new value replaces every cache user's password (the users are updated in place). @default none */
    readonly authRotation?: string;
    /** The services that use the cache, each with its own user. */
    readonly services: readonly ServiceCacheAccess[];
    /** The region's cluster and application namespace to publish into. */
    readonly publishTo: { readonly provider: k8s.Provider; readonly namespace: pulumi.Input<string> };
    /** Join or lead a Global Datastore. @default independent regional cache */
    readonly globalDatastore?: GlobalDatastoreRole;
}

/**
 * One regional ElastiCache replication group in cluster mode: encrypted in transit (required) and at rest
 * with a key of its own, reachable only from the cluster's nodes, logging slow and engine events to CloudWatch,
 * and published to the region's applications. Access is RBAC: a user per service with its own keys and password,
 * and the built-in `default` user replaced by one that is off.
 */
export class RedisCluster extends pulumi.ComponentResource {
    public readonly configurationEndpoint: pulumi.Output<string>;
    public readonly port: number;
    /** Set when this group leads a Global Datastore; secondaries join with it. */
    public readonly globalReplicationGroupId?: pulumi.Output<string>;
    public readonly plan: CachePlan;

    constructor(name: string, args: RedisClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        if (args.replicationGroupId.length > 40 || !/^[a-z][a-z0-9-]*$/.test(args.replicationGroupId)) {
            throw new Error(`replicationGroupId "${args.replicationGroupId}" must start with a letter, hold only a-z, 0-9 and -, and be at most 40 characters`);
        }
        const plan = planCache({
            shards: args.shards,
            replicasPerShard: args.replicasPerShard,
            nodeType: args.nodeType,
            engine: args.engine,
            engineVersion: args.engineVersion,
            evictionThresholdPercent: args.evictionThresholdPercent ?? 80,
            maxmemoryPolicy: args.maxmemoryPolicy ?? "allkeys-lru",
            multiAz: args.multiAz,
        });
        const planned = planCacheUsers(args.replicationGroupId, args.services);
        super("strata:redis:RedisCluster", name, {}, opts);
        this.plan = plan;
        this.port = REDIS_PORT;
        const child = { parent: this };

        const key = customerKey(`${name}-redis`, { description: `ElastiCache at rest in ${args.region}` }, { ...child, protect: args.protect });
        const subnetGroup = new aws.elasticache.SubnetGroup(`${name}-redis`, { name: args.replicationGroupId, description: "Isolated data subnets", subnetIds: args.subnetIds }, child);
        // The rule is a standalone resource, so the group declares no inline rules (the provider would revoke the
        // standalone one); with none the group has no egress, as the cache opens no connections.
        const securityGroup = new aws.ec2.SecurityGroup(`${name}-redis`, { vpcId: args.vpcId, description: `Redis from the ${args.region} cluster nodes only` }, child);
        const port = PLATFORM_PORTS.rows.redis;
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-redis-from-nodes`,
            { securityGroupId: securityGroup.id, referencedSecurityGroupId: args.clientSecurityGroupId, ipProtocol: port.protocol, fromPort: port.port, toPort: port.port, description: "cluster nodes" },
            child,
        );
        const parameters = new aws.elasticache.ParameterGroup(
            `${name}-redis`,
            { name: `${args.replicationGroupId}-${plan.family.replace(".", "-")}`, family: plan.family, description: "Cluster mode, eviction at the configured threshold", parameters: plan.parameters },
            child,
        );
        const logGroups = (["slow-log", "engine-log"] as const).map(
            (logType) => [logType, new aws.cloudwatch.LogGroup(`${name}-redis-${logType}`, { name: `/aws/elasticache/${args.replicationGroupId}/${logType}`, retentionInDays: args.logRetentionDays, kmsKeyId: args.logKeyArn }, child)] as const,
        );
        const users = planned.map((user) => {
            // Letters and digits only: ElastiCache refuses , " / @ in passwords (catalog/elasticacheRbac.ts).
            const password = new random.RandomPassword(
                `${name}-redis-${user.service ?? "default"}`,
                { length: 64, special: false, ...(args.authRotation ? { keepers: { rotation: args.authRotation } } : {}) },
                child,
            );
            const resource = new aws.elasticache.User(
                `${name}-redis-${user.service ?? "default"}`,
                { userId: user.userId, userName: user.userName, engine: args.engine, accessString: user.accessString, authenticationMode: { type: "password", passwords: [pulumi.secret(password.result)] } },
                child,
            );
            return { user, password, resource };
        });
        const userGroup = new aws.elasticache.UserGroup(
            `${name}-redis-users`,
            { userGroupId: `${args.replicationGroupId}-users`, engine: args.engine, userIds: users.map((u) => u.resource.userId) },
            child,
        );

        const secondary = args.globalDatastore?.role === "secondary" ? args.globalDatastore : undefined;
        const group = new aws.elasticache.ReplicationGroup(
            `${name}-redis`,
            {
                replicationGroupId: args.replicationGroupId,
                description: `Strata cache of ${args.region}`,
                // A secondary of a Global Datastore inherits engine, version, node type and parameters from the primary.
                ...(secondary
                    ? { globalReplicationGroupId: secondary.globalReplicationGroupId }
                    : { engine: args.engine, engineVersion: args.engineVersion, nodeType: args.nodeType, parameterGroupName: parameters.name, numNodeGroups: args.shards }),
                replicasPerNodeGroup: args.replicasPerShard,
                port: REDIS_PORT,
                clusterMode: "enabled",
                automaticFailoverEnabled: plan.automaticFailover,
                multiAzEnabled: plan.multiAz,
                subnetGroupName: subnetGroup.name,
                securityGroupIds: [securityGroup.id],
                atRestEncryptionEnabled: true,
                kmsKeyId: key.arn,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "required",
                // RBAC instead of an AUTH token. DELETE is what moves a cache created with a token to the user group,
                // in place; a cache created with the group never sends it (catalog/elasticacheRbac.ts).
                userGroupIds: [userGroup.userGroupId],
                authTokenUpdateStrategy: "DELETE",
                snapshotRetentionLimit: args.snapshotRetentionDays,
                snapshotWindow: "05:00-06:00",
                maintenanceWindow: "sun:06:30-sun:07:30",
                finalSnapshotIdentifier: args.protect ? `${args.replicationGroupId}-final` : undefined,
                autoMinorVersionUpgrade: true,
                logDeliveryConfigurations: logGroups.map(([logType, logGroup]) => ({ destination: logGroup.name, destinationType: "cloudwatch-logs", logFormat: "json", logType })),
            },
            // With automatic minor upgrades ElastiCache moves the version, and the provider plans a move back as a
            // replacement of the cache; upgrades are an explicit operation (catalog/drift.ts).
            { ...child, protect: args.protect, ignoreChanges: secondary ? [] : ["engineVersion"] },
        );
        this.configurationEndpoint = group.configurationEndpointAddress;

        if (args.globalDatastore?.role === "primary") {
            const global = new aws.elasticache.GlobalReplicationGroup(
                `${name}-redis-global`,
                { globalReplicationGroupIdSuffix: args.replicationGroupId, primaryReplicationGroupId: group.id, globalReplicationGroupDescription: "Strata cache across regions" },
                { ...child, protect: args.protect },
            );
            this.globalReplicationGroupId = global.globalReplicationGroupId;
        }

        const inCluster = { parent: this, provider: args.publishTo.provider };
        new k8s.core.v1.ConfigMap(
            `${name}-redis`,
            {
                metadata: { name: REDIS_CONFIGMAP, namespace: args.publishTo.namespace, labels: { "app.kubernetes.io/managed-by": "strata" } },
                data: {
                    endpoint: this.configurationEndpoint,
                    port: String(REDIS_PORT),
                    tls: "true",
                    "cluster-mode": "true",
                    "max-redirects": String(args.client.maxRedirects),
                    "command-timeout-seconds": String(args.client.commandTimeoutSeconds),
                    engine: args.engine,
                    auth: "rbac",
                },
            },
            inCluster,
        );
        for (const { user, password } of users) {
            if (user.service === undefined) continue;
            new k8s.core.v1.Secret(
                `${name}-redis-${user.service}`,
                {
                    metadata: { name: redisSecretName(user.service), namespace: args.publishTo.namespace, labels: { "app.kubernetes.io/managed-by": "strata", "strata.io/service": user.service } },
                    type: "Opaque",
                    stringData: { username: user.userName, password: pulumi.secret(password.result) },
                },
                inCluster,
            );
        }

        this.registerOutputs({ configurationEndpoint: this.configurationEndpoint, globalReplicationGroupId: this.globalReplicationGroupId });
    }
}
