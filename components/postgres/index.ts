import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { servicePrincipalTrust } from "../iam";
import { BUCKETS, HASH_ALGORITHM, MAX_SHARDS, ShardEndpoints, shardMapDocument, shardRanges } from "./shardMap";

export const POSTGRES_PORT = 5432;
/** The ConfigMap and Secret every region's application namespace receives. */
export const SHARD_MAP_CONFIGMAP = "strata-shard-map";
export const SHARD_CREDENTIALS_SECRET = "strata-shard-credentials";

/** One region the shards live in. Its AWS and Kubernetes providers arrive here, not through `opts`. */
export interface PostgresRegion {
    readonly name: string;
    /** The region holding the writers; exactly one. */
    readonly primary: boolean;
    readonly provider: aws.Provider;
    /** The region's cluster: the shard map and credentials are published there. */
    readonly kubernetes: k8s.Provider;
    /** Application namespace to publish into. */
    readonly namespace: pulumi.Input<string>;
    readonly vpcId: pulumi.Input<string>;
    /** Isolated data subnets (the DB subnet group). */
    readonly dataSubnetIds: pulumi.Input<string[]>;
    /** Zones the instances are spread over, in order. */
    readonly availabilityZones: pulumi.Input<string[]>;
    /** The only security group admitted to port 5432 (the cluster's nodes). */
    readonly clientSecurityGroupId: pulumi.Input<string>;
    /** Reader instances per shard in this region (0–15). */
    readonly readersPerShard: number;
}

export interface ReaderAutoscaling {
    readonly enabled: boolean;
    /** Most readers a cluster may scale to, ≥ the fixed readers. */
    readonly maxReaders: number;
    /** Average reader CPU (percent) to track. */
    readonly targetCpuPercent: number;
    readonly scaleOutCooldownSeconds: number;
    readonly scaleInCooldownSeconds: number;
}

export interface ProxySettings {
    readonly enabled: boolean;
    readonly idleClientTimeoutSeconds: number;
    readonly maxConnectionsPercent: number;
}

export interface ShardedPostgresArgs {
    /** Prefix of every AWS identifier, e.g. `strata-prod`; identifiers never change once created. */
    readonly identifierPrefix: string;
    readonly regions: readonly PostgresRegion[];
    /** Shard count, 1–64. Adding shards only adds resources; removing them deletes data. */
    readonly shards: number;
    /** Shard key column per table, published in the shard map. */
    readonly shardKeys: Readonly<Record<string, string>>;
    readonly databaseName: string;
    readonly masterUsername: string;
    /** Aurora PostgreSQL version, e.g. "16.4". */
    readonly engineVersion: string;
    readonly instanceClass: string;
    /** @default instanceClass */
    readonly readerInstanceClass?: string;
    /** Days of automated backups. */
    readonly backupRetentionDays: number;
    /** Deletion protection, Pulumi `protect` and a 30-day secret recovery window. */
    readonly deletionProtection: boolean;
    readonly performanceInsightsRetentionDays: number;
    /** Enhanced monitoring interval in seconds; 0 turns it off. */
    readonly monitoringIntervalSeconds: number;
    readonly readerAutoscaling: ReaderAutoscaling;
    readonly proxy: ProxySettings;
}

/** The shard map as a stack output: every region's reader endpoint, never a credential. */
export interface ShardMapOutput {
    readonly shardKeys: Readonly<Record<string, string>>;
    readonly hash: { readonly algorithm: string; readonly buckets: number };
    readonly ranges: ReturnType<typeof shardRanges>;
    readonly shards: { index: number; writerEndpoint: string; readerEndpoints: Record<string, string>; port: number; database: string }[];
}

interface RegionShared {
    readonly key: aws.kms.Key;
    readonly subnetGroup: aws.rds.SubnetGroup;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly clusterParameters: aws.rds.ClusterParameterGroup;
    readonly instanceParameters: aws.rds.ParameterGroup;
    readonly monitoringRole?: aws.iam.Role;
}

interface ShardCluster {
    readonly cluster: aws.rds.Cluster;
    readonly instances: aws.rds.ClusterInstance[];
}

/** The Aurora identifier of a shard's cluster in a region; never changes once created. */
export const clusterIdentifier = (prefix: string, region: string, shard: number) => `${prefix}-${region}-shard-${shard}`;

const major = (version: string) => version.split(".")[0] ?? version;

function validate(args: ShardedPostgresArgs): void {
    const problems: string[] = [];
    if (!Number.isInteger(args.shards) || args.shards < 1 || args.shards > MAX_SHARDS) problems.push(`shards (${args.shards}) must be an integer from 1 to ${MAX_SHARDS}`);
    const primaries = args.regions.filter((r) => r.primary).length;
    if (primaries !== 1) problems.push(`exactly one region must be primary (found ${primaries})`);
    for (const region of args.regions) {
        if (!Number.isInteger(region.readersPerShard) || region.readersPerShard < 0 || region.readersPerShard > 15) {
            problems.push(`regions.${region.name}.readersPerShard (${region.readersPerShard}) must be an integer from 0 to 15`);
        }
        if (!region.primary && region.readersPerShard === 0) problems.push(`regions.${region.name}.readersPerShard must be ≥ 1 in a secondary region`);
        if (args.readerAutoscaling.enabled && args.readerAutoscaling.maxReaders < region.readersPerShard) {
            problems.push(`readerAutoscaling.maxReaders (${args.readerAutoscaling.maxReaders}) must be ≥ the fixed readers of ${region.name} (${region.readersPerShard})`);
        }
    }
    for (const cls of [args.instanceClass, args.readerInstanceClass ?? args.instanceClass]) {
        if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(cls)) problems.push(`instance class "${cls}" must be in the db. family, e.g. db.r6g.large`);
    }
    if (problems.length > 0) throw new Error(`ShardedPostgres: ${problems.join("; ")}`);
}

/**
 * N Aurora PostgreSQL shards. With one region each shard is a regional cluster; with several, an Aurora
 * global database whose primary-region cluster takes the writes and every other region holds a
 * secondary cluster with local readers. The shard map and credentials are published to every region's
 * cluster.
 */
export class ShardedPostgres extends pulumi.ComponentResource {
    public readonly shardMap: pulumi.Output<ShardMapOutput>;
    /** Each region's shard clusters by identifier, with the role they play there (for alarms). */
    public readonly clusters: ReadonlyMap<string, readonly { identifier: string; role: "WRITER" | "READER" }[]>;

    constructor(name: string, args: ShardedPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        validate(args);
        super("strata:postgres:ShardedPostgres", name, {}, opts);
        const primary = args.regions.find((r) => r.primary) as PostgresRegion;
        const secondaries = args.regions.filter((r) => !r.primary);
        const global = secondaries.length > 0;

        this.clusters = new Map(
            args.regions.map((region) => [
                region.name,
                Array.from({ length: args.shards }, (_, index) => ({ identifier: clusterIdentifier(args.identifierPrefix, region.name, index), role: region.primary ? ("WRITER" as const) : ("READER" as const) })),
            ]),
        );
        const shared = new Map(args.regions.map((region) => [region.name, this.regionShared(args, region)]));
        const sharedOf = (region: PostgresRegion) => shared.get(region.name) as RegionShared;

        const shards = Array.from({ length: args.shards }, (_, index) => {
            const password = new random.RandomPassword(
                `shard-${index}-password`,
                // RDS refuses "/", "@", '"' and spaces in master passwords.
                { length: 40, special: true, overrideSpecial: "!#$%&*()-_=+[]{}<>:?" },
                { parent: this },
            );
            const credentials = this.credentialsSecret(args, index, primary, secondaries, sharedOf, password);
            const globalCluster = global
                ? new aws.rds.GlobalCluster(
                      `shard-${index}`,
                      {
                          globalClusterIdentifier: `${args.identifierPrefix}-shard-${index}`,
                          engine: "aurora-postgresql",
                          engineVersion: args.engineVersion,
                          databaseName: args.databaseName,
                          storageEncrypted: true,
                          deletionProtection: args.deletionProtection,
                      },
                      // Members' minor upgrades move the global version; a pulumi up must not try to move it back (catalog/drift.ts).
                      { parent: this, provider: primary.provider, protect: args.deletionProtection, ignoreChanges: ["engineVersion"] },
                  )
                : undefined;
            const writer = this.shardCluster(args, index, primary, sharedOf(primary), { password, globalCluster });
            const readers = new Map(
                secondaries.map((region) => [region.name, this.shardCluster(args, index, region, sharedOf(region), { globalCluster, after: [writer.cluster, ...writer.instances] })]),
            );
            readers.set(primary.name, writer);
            const proxyEndpoint = args.proxy.enabled ? this.proxy(args, index, primary, sharedOf(primary), writer.cluster, credentials) : undefined;
            return { index, password, writer, readers, proxyEndpoint };
        });

        /**
         * Where a region's applications write: the primary region through its proxy (when there is one) or
         * its writer; a secondary region through its own cluster, which forwards writes to the primary
         * (Aurora global write forwarding), so no application needs a network path to another region.
         */
        const writerFor = (shard: (typeof shards)[number], region: PostgresRegion): pulumi.Output<string> =>
            region.primary ? (shard.proxyEndpoint ?? shard.writer.cluster.endpoint) : (shard.readers.get(region.name) as ShardCluster).cluster.endpoint;
        const endpointsIn = (region: PostgresRegion): pulumi.Output<ShardEndpoints[]> =>
            pulumi.all(
                shards.map((shard) =>
                    pulumi.all([writerFor(shard, region), (shard.readers.get(region.name) as ShardCluster).cluster.readerEndpoint]).apply(([writerEndpoint, readerEndpoint]) => ({
                        index: shard.index,
                        writerEndpoint,
                        readerEndpoint,
                        port: POSTGRES_PORT,
                        database: args.databaseName,
                    })),
                ),
            );

        for (const region of args.regions) {
            const inCluster = { parent: this, provider: region.kubernetes };
            const document = endpointsIn(region).apply((endpoints) => shardMapDocument(args.shardKeys, endpoints));
            new k8s.core.v1.ConfigMap(
                `${region.name}-shard-map`,
                {
                    metadata: { name: SHARD_MAP_CONFIGMAP, namespace: region.namespace, labels: { "app.kubernetes.io/managed-by": "strata" } },
                    data: {
                        "shard-map.json": document.apply((d) => JSON.stringify(d, null, 2)),
                        "shard-count": String(args.shards),
                        "hash-algorithm": HASH_ALGORITHM,
                        buckets: String(BUCKETS),
                        port: String(POSTGRES_PORT),
                        database: args.databaseName,
                        "secret-name": SHARD_CREDENTIALS_SECRET,
                    },
                },
                inCluster,
            );
            new k8s.core.v1.Secret(
                `${region.name}-shard-credentials`,
                {
                    metadata: { name: SHARD_CREDENTIALS_SECRET, namespace: region.namespace, labels: { "app.kubernetes.io/managed-by": "strata" } },
                    type: "Opaque",
                    // Keys stay readable in a diff; each password value is its own secret.
                    stringData: Object.fromEntries(
                        shards.flatMap((shard) => [
                            [`shard-${shard.index}-username`, args.masterUsername],
                            [`shard-${shard.index}-password`, pulumi.secret(shard.password.result)],
                        ]),
                    ),
                },
                inCluster,
            );
        }

        this.shardMap = pulumi
            .all(
                shards.map((shard) =>
                    pulumi
                        .all([shard.writer.cluster.endpoint, ...args.regions.map((r) => (shard.readers.get(r.name) as ShardCluster).cluster.readerEndpoint)])
                        .apply(([writerEndpoint, ...readerEndpoints]) => ({
                            index: shard.index,
                            writerEndpoint: writerEndpoint ?? "",
                            readerEndpoints: Object.fromEntries(args.regions.map((r, i) => [r.name, readerEndpoints[i] ?? ""])),
                            port: POSTGRES_PORT,
                            database: args.databaseName,
                        })),
                ),
            )
            .apply((endpoints) => ({ shardKeys: args.shardKeys, hash: { algorithm: HASH_ALGORITHM, buckets: BUCKETS }, ranges: shardRanges(args.shards), shards: endpoints }));
        this.registerOutputs({ shardMap: this.shardMap });
    }

    /** What every shard of a region shares: key, subnet group, security group, parameter groups, monitoring role. */
    private regionShared(args: ShardedPostgresArgs, region: PostgresRegion): RegionShared {
        const opts = { parent: this, provider: region.provider };
        const key = new aws.kms.Key(
            `${region.name}-postgres`,
            { description: `Aurora storage, Performance Insights and credentials in ${region.name}`, enableKeyRotation: true, deletionWindowInDays: 30 },
            { ...opts, protect: args.deletionProtection },
        );
        new aws.kms.Alias(`${region.name}-postgres`, { name: `alias/${args.identifierPrefix}-${region.name}-postgres`, targetKeyId: key.keyId }, opts);
        const subnetGroup = new aws.rds.SubnetGroup(`${region.name}-postgres`, { subnetIds: region.dataSubnetIds, description: "Isolated data subnets" }, opts);
        const securityGroup = new aws.ec2.SecurityGroup(
            `${region.name}-postgres`,
            {
                vpcId: region.vpcId,
                description: `PostgreSQL from the ${region.name} cluster nodes only`,
                ingress: [{ protocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, securityGroups: [region.clientSecurityGroupId], description: "cluster nodes" }],
                egress: [],
            },
            opts,
        );
        const family = `aurora-postgresql${major(args.engineVersion)}`;
        const clusterParameters = new aws.rds.ClusterParameterGroup(
            `${region.name}-postgres-cluster`,
            {
                family,
                description: "TLS only, slow queries logged, pg_stat_statements",
                parameters: [
                    { name: "rds.force_ssl", value: "1" },
                    { name: "log_min_duration_statement", value: "1000" },
                    { name: "shared_preload_libraries", value: "pg_stat_statements", applyMethod: "pending-reboot" },
                ],
            },
            opts,
        );
        const instanceParameters = new aws.rds.ParameterGroup(
            `${region.name}-postgres-instance`,
            { family, description: "Strata Aurora PostgreSQL instances", parameters: [{ name: "log_lock_waits", value: "1" }] },
            opts,
        );
        const monitoringRole =
            args.monitoringIntervalSeconds > 0
                ? new aws.iam.Role(
                      `${region.name}-postgres-monitoring`,
                      { assumeRolePolicy: JSON.stringify(servicePrincipalTrust("monitoring.rds.amazonaws.com")) },
                      opts,
                  )
                : undefined;
        if (monitoringRole) {
            new aws.iam.RolePolicyAttachment(
                `${region.name}-postgres-monitoring`,
                { role: monitoringRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" },
                opts,
            );
        }
        return { key, subnetGroup, securityGroup, clusterParameters, instanceParameters, monitoringRole };
    }

    /** The shard's credentials in Secrets Manager, replicated to every secondary region under its own key. */
    private credentialsSecret(
        args: ShardedPostgresArgs,
        index: number,
        primary: PostgresRegion,
        secondaries: readonly PostgresRegion[],
        sharedOf: (r: PostgresRegion) => RegionShared,
        password: random.RandomPassword,
    ): aws.secretsmanager.Secret {
        const opts = { parent: this, provider: primary.provider };
        const secret = new aws.secretsmanager.Secret(
            `shard-${index}-credentials`,
            {
                namePrefix: `${args.identifierPrefix}/postgres/shard-${index}-`,
                description: `Master credentials of Postgres shard ${index}`,
                kmsKeyId: sharedOf(primary).key.arn,
                replicas: secondaries.map((region) => ({ region: region.name, kmsKeyId: sharedOf(region).key.arn })),
                recoveryWindowInDays: args.deletionProtection ? 30 : 7,
            },
            opts,
        );
        new aws.secretsmanager.SecretVersion(
            `shard-${index}-credentials`,
            {
                secretId: secret.id,
                secretString: pulumi.secret(
                    pulumi.all([password.result]).apply(([pw]) =>
                        JSON.stringify({ engine: "postgres", username: args.masterUsername, password: pw, dbname: args.databaseName, port: POSTGRES_PORT }),
                    ),
                ),
            },
            opts,
        );
        return secret;
    }

    private shardCluster(
        args: ShardedPostgresArgs,
        index: number,
        region: PostgresRegion,
        shared: RegionShared,
        role: { password?: random.RandomPassword; globalCluster?: aws.rds.GlobalCluster; after?: pulumi.Resource[] },
    ): ShardCluster {
        const base = `${region.name}-shard-${index}`;
        const identifier = clusterIdentifier(args.identifierPrefix, region.name, index);
        const writes = role.password !== undefined;
        const opts = { parent: this, provider: region.provider };
        const cluster = new aws.rds.Cluster(
            base,
            {
                clusterIdentifier: identifier,
                engine: "aurora-postgresql",
                engineMode: "provisioned",
                engineVersion: args.engineVersion,
                // Major upgrades are an explicit operation (README), never a side effect of an update.
                allowMajorVersionUpgrade: false,
                globalClusterIdentifier: role.globalCluster?.id,
                // A secondary forwards its applications' writes to the primary over Aurora's own replication link.
                enableGlobalWriteForwarding: role.globalCluster && !writes ? true : undefined,
                databaseName: writes ? args.databaseName : undefined,
                masterUsername: writes ? args.masterUsername : undefined,
                masterPassword: role.password?.result,
                port: POSTGRES_PORT,
                dbSubnetGroupName: shared.subnetGroup.name,
                vpcSecurityGroupIds: [shared.securityGroup.id],
                dbClusterParameterGroupName: shared.clusterParameters.name,
                storageEncrypted: true,
                kmsKeyId: shared.key.arn,
                iamDatabaseAuthenticationEnabled: true,
                deletionProtection: args.deletionProtection,
                backupRetentionPeriod: args.backupRetentionDays,
                preferredBackupWindow: "03:00-04:00",
                preferredMaintenanceWindow: "sun:04:30-sun:05:30",
                copyTagsToSnapshot: true,
                // A secondary of a global database cannot be snapshotted; the primary's final snapshot holds the data.
                skipFinalSnapshot: !writes,
                finalSnapshotIdentifier: writes ? `${identifier}-final` : undefined,
                enabledCloudwatchLogsExports: ["postgresql"],
                applyImmediately: false,
            },
            {
                ...opts,
                protect: args.deletionProtection,
                dependsOn: role.after,
                // RDS moves the minor version (automatic minor upgrades, or the global cluster's upgrade), and a
                // secondary reads back its primary as replication source: undoing either would downgrade the engine or
                // promote the secondary (catalog/drift.ts). A switchover swaps roles, so every member ignores the source.
                ignoreChanges: role.globalCluster ? ["engineVersion", "replicationSourceIdentifier"] : ["engineVersion"],
            },
        );
        const readerClass = args.readerInstanceClass ?? args.instanceClass;
        const instanceNames = [...(writes ? ["writer"] : []), ...Array.from({ length: region.readersPerShard }, (_, j) => `reader-${j + 1}`)];
        const instances = instanceNames.map(
            (instanceName, position) =>
                new aws.rds.ClusterInstance(
                    `${base}-${instanceName}`,
                    {
                        identifier: `${identifier}-${instanceName}`,
                        clusterIdentifier: cluster.id,
                        engine: "aurora-postgresql",
                        instanceClass: instanceName === "writer" ? args.instanceClass : readerClass,
                        availabilityZone: pulumi.output(region.availabilityZones).apply((zones) => zones[position % zones.length] as string),
                        // Failover promotes the lowest tier first: readers take over in their listed order.
                        promotionTier: Math.min(position, 15),
                        dbParameterGroupName: shared.instanceParameters.name,
                        publiclyAccessible: false,
                        autoMinorVersionUpgrade: true,
                        performanceInsightsEnabled: true,
                        performanceInsightsKmsKeyId: shared.key.arn,
                        performanceInsightsRetentionPeriod: args.performanceInsightsRetentionDays,
                        monitoringInterval: args.monitoringIntervalSeconds,
                        monitoringRoleArn: shared.monitoringRole?.arn,
                        caCertIdentifier: "rds-ca-rsa2048-g1",
                        copyTagsToSnapshot: true,
                        applyImmediately: false,
                    },
                    { ...opts, protect: args.deletionProtection, ignoreChanges: ["engineVersion"] },
                ),
        );
        if (args.readerAutoscaling.enabled && args.readerAutoscaling.maxReaders > region.readersPerShard) {
            const target = new aws.appautoscaling.Target(
                `${base}-readers`,
                {
                    serviceNamespace: "rds",
                    scalableDimension: "rds:cluster:ReadReplicaCount",
                    resourceId: pulumi.interpolate`cluster:${cluster.clusterIdentifier}`,
                    minCapacity: region.readersPerShard,
                    maxCapacity: args.readerAutoscaling.maxReaders,
                },
                { ...opts, dependsOn: instances },
            );
            new aws.appautoscaling.Policy(
                `${base}-readers`,
                {
                    policyType: "TargetTrackingScaling",
                    serviceNamespace: target.serviceNamespace,
                    scalableDimension: target.scalableDimension,
                    resourceId: target.resourceId,
                    targetTrackingScalingPolicyConfiguration: {
                        predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
                        targetValue: args.readerAutoscaling.targetCpuPercent,
                        scaleOutCooldown: args.readerAutoscaling.scaleOutCooldownSeconds,
                        scaleInCooldown: args.readerAutoscaling.scaleInCooldownSeconds,
                    },
                },
                opts,
            );
        }
        return { cluster, instances };
    }

    /** An RDS Proxy in front of the shard's writer, with a read-only endpoint for the readers. */
    private proxy(args: ShardedPostgresArgs, index: number, region: PostgresRegion, shared: RegionShared, cluster: aws.rds.Cluster, secret: aws.secretsmanager.Secret): pulumi.Output<string> {
        const opts = { parent: this, provider: region.provider };
        const base = `${region.name}-shard-${index}-proxy`;
        const role = new aws.iam.Role(base, { assumeRolePolicy: JSON.stringify(servicePrincipalTrust("rds.amazonaws.com")) }, opts);
        new aws.iam.RolePolicy(
            base,
            {
                role: role.id,
                policy: pulumi.all([secret.arn, shared.key.arn]).apply(([secretArn, keyArn]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secretArn },
                            { Effect: "Allow", Action: ["kms:Decrypt"], Resource: keyArn },
                        ],
                    }),
                ),
            },
            opts,
        );
        const proxy = new aws.rds.Proxy(
            base,
            {
                name: `${args.identifierPrefix}-shard-${index}`,
                engineFamily: "POSTGRESQL",
                roleArn: role.arn,
                vpcSubnetIds: region.dataSubnetIds,
                vpcSecurityGroupIds: [shared.securityGroup.id],
                requireTls: true,
                idleClientTimeout: args.proxy.idleClientTimeoutSeconds,
                // Applications sign in with the shard credentials they are given; IAM auth stays for people and tools.
                auths: [{ authScheme: "SECRETS", secretArn: secret.arn, iamAuth: "DISABLED" }],
            },
            opts,
        );
        new aws.rds.ProxyDefaultTargetGroup(
            base,
            { dbProxyName: proxy.name, connectionPoolConfig: { maxConnectionsPercent: args.proxy.maxConnectionsPercent } },
            opts,
        );
        new aws.rds.ProxyTarget(base, { dbProxyName: proxy.name, targetGroupName: "default", dbClusterIdentifier: cluster.clusterIdentifier }, opts);
        new aws.rds.ProxyEndpoint(
            `${base}-read-only`,
            {
                dbProxyName: proxy.name,
                dbProxyEndpointName: `${args.identifierPrefix}-shard-${index}-ro`,
                vpcSubnetIds: region.dataSubnetIds,
                vpcSecurityGroupIds: [shared.securityGroup.id],
                targetRole: "READ_ONLY",
            },
            opts,
        );
        return proxy.endpoint;
    }
}
