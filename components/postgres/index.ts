import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { BoundaryPort, PLATFORM_PORTS } from "../../catalog/ports";
import { scopedServiceTrust, servicePrincipalTrust } from "../iam";
import { IAM_DATABASE_AUTH } from "../../catalog/iamDatabaseAuth";
import { SERVICE_LOG_GROUPS, serviceLogGroup } from "../../catalog/logGroups";
import { customerKey } from "../customerKey";
import { ROTATION_TAG } from "../tags";
import { DatabaseBootstrap } from "./bootstrap";
import { ServiceDatabaseAccess, bootstrapSql, connectPolicy, dbUserArn, proxyResourceId, rolePlanProblems, serviceRoleName } from "./roles";
import { BUCKETS, HASH_ALGORITHM, MAX_SHARDS, ShardEndpoints, shardMapDocument, shardRanges } from "./shardMap";
import { GLOBAL_ROLE_TAG, Topology, TopologyRegion, WriteRoute, forwardingParameters, planTopology } from "./topology";

/** Where Aurora PostgreSQL and every RDS Proxy of the shards listen (catalog/ports.ts). */
export const POSTGRES_PORT = PLATFORM_PORTS.rows.postgres.port;
/** The ConfigMap every region's application namespace receives (endpoints, never a credential). */
export const SHARD_MAP_CONFIGMAP = "strata-shard-map";
/** The schema the services' grants cover. */
export const SERVICE_SCHEMA = "public";

/** One region the shards live in. Its AWS and Kubernetes providers arrive here, not through `opts`. */
export interface PostgresRegion {
    readonly name: string;
    /**
     * The home region, exactly one: the global database, its master credentials and the `writer` instance
     * were created here. It never moves; a switchover moves `writerRegion` instead.
     */
    readonly primary: boolean;
    readonly provider: aws.Provider;
    /** The region's cluster: the shard map is published there, and in the writer region the roles are created from it. */
    readonly kubernetes: k8s.Provider;
    /** What a pod of the region's cluster waits for: node groups that can run it. */
    readonly nodeGroups: readonly pulumi.Resource[];
    /** Application namespace to publish into. */
    readonly namespace: pulumi.Input<string>;
    readonly vpcId: pulumi.Input<string>;
    /** Isolated data subnets (the DB subnet group). */
    readonly dataSubnetIds: pulumi.Input<string[]>;
    /** Zones the instances are spread over, in order. */
    readonly availabilityZones: pulumi.Input<string[]>;
    /** The only clients' security group admitted to the shards and their proxies (the cluster's nodes). */
    readonly clientSecurityGroupId: pulumi.Input<string>;
    /** Reader instances per shard in this region (0–15). */
    readonly readersPerShard: number;
    /** The region's log key (RegionalNetwork.logKeyArn): each shard's exported PostgreSQL log is encrypted with it. */
    readonly logKeyArn: pulumi.Input<string>;
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
    /**
     * The region whose clusters hold the writers now. Set it after an Aurora switchover or failover so the
     * shard maps, reader autoscaling and final snapshots follow the writer; no resource is renamed or replaced.
     * @default the primary (home) region
     */
    readonly writerRegion?: string;
    /** Shard count, 1–64. Adding shards only adds resources; removing them deletes data. */
    readonly shards: number;
    /** Shard key column per table, published in the shard map. */
    readonly shardKeys: Readonly<Record<string, string>>;
    readonly databaseName: string;
    readonly masterUsername: string;
    /** The services that use the shards: each gets its own role, signing in with IAM. */
    readonly services: readonly ServiceDatabaseAccess[];
    /** A new value replaces every shard's master password (the clusters are updated in place). @default none */
    readonly credentialsRotation?: string;
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
    /** Days CloudWatch keeps each shard's exported PostgreSQL log. */
    readonly logRetentionDays: number;
    readonly readerAutoscaling: ReaderAutoscaling;
    readonly proxy: ProxySettings;
}

/** The shard map as a stack output: every region's write and reader endpoints, never a credential. */
export interface ShardMapOutput {
    readonly writerRegion: string;
    readonly shardKeys: Readonly<Record<string, string>>;
    readonly hash: { readonly algorithm: string; readonly buckets: number };
    readonly ranges: ReturnType<typeof shardRanges>;
    readonly shards: {
        index: number;
        /** Per region, where its applications write (see `ShardEndpoints.writerEndpoint`). */
        writerEndpoints: Record<string, string>;
        writeRoutes: Record<string, WriteRoute>;
        readerEndpoints: Record<string, string>;
        port: number;
        database: string;
    }[];
}

interface RegionShared {
    readonly key: aws.kms.Key;
    readonly subnetGroup: aws.rds.SubnetGroup;
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** The group of every RDS Proxy of the region, when the shards have proxies. */
    readonly proxySecurityGroup?: aws.ec2.SecurityGroup;
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

/** One standalone rule between two security groups on one port, in the direction of the connection. */
function allowBetween(name: string, direction: "ingress" | "egress", securityGroupId: pulumi.Input<string>, peer: pulumi.Input<string>, port: BoundaryPort, description: string, opts: pulumi.CustomResourceOptions): void {
    const rule = { securityGroupId, referencedSecurityGroupId: peer, ipProtocol: port.protocol, fromPort: port.port, toPort: port.port, description };
    if (direction === "ingress") new aws.vpc.SecurityGroupIngressRule(name, rule, opts);
    else new aws.vpc.SecurityGroupEgressRule(name, rule, opts);
}

function validate(args: ShardedPostgresArgs): Topology {
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
    problems.push(...rolePlanProblems({ databaseName: args.databaseName, masterUsername: args.masterUsername, schema: SERVICE_SCHEMA, services: args.services }));
    const planned = planTopology({ ...args, regions: args.regions.map((r) => ({ name: r.name, primary: r.primary, readersPerShard: r.readersPerShard })) });
    if (!planned.ok) problems.push(...planned.problems);
    if (problems.length > 0 || !planned.ok) throw new Error(`ShardedPostgres: ${problems.join("; ")}`);
    return planned.topology;
}

/**
 * N Aurora PostgreSQL shards. With one region each shard is a regional cluster; with several, an Aurora
 * global database created from the home (primary) region, whose writer-region cluster takes the writes
 * while every other region holds a secondary cluster with local readers that forwards its applications'
 * writes. The shard map is published to every region's cluster; each service signs in as its own role, which a Job
 * in the writer region creates.
 */
export class ShardedPostgres extends pulumi.ComponentResource {
    public readonly shardMap: pulumi.Output<ShardMapOutput>;
    /** Each region's shard clusters by identifier, with the role they play there (for alarms). */
    public readonly clusters: ReadonlyMap<string, readonly { identifier: string; role: "WRITER" | "READER" }[]>;
    /** Per region, the resource ids a service signs in through: every shard cluster's, and every proxy's. */
    private readonly signInResourceIds: ReadonlyMap<string, pulumi.Output<string[]>>;
    private readonly accountId: pulumi.Output<string>;
    /** The Job that creates the services' roles, and the region whose cluster runs it (the writer region). */
    public readonly bootstrap: DatabaseBootstrap;
    public readonly bootstrapRegion: string;

    constructor(name: string, args: ShardedPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        const topology = validate(args);
        super("strata:postgres:ShardedPostgres", name, {}, opts);
        const primary = args.regions.find((r) => r.primary) as PostgresRegion;
        // Every region but home: their clusters join the home cluster's global database, and hold replicas of its secret.
        const others = args.regions.filter((r) => !r.primary);
        const global = topology.global;
        const roleOf = (region: PostgresRegion) => topology.regions.find((r) => r.name === region.name) as TopologyRegion;
        this.accountId = aws.getCallerIdentityOutput({}, { parent: this, provider: primary.provider }).accountId;

        this.clusters = new Map(
            args.regions.map((region) => [
                region.name,
                Array.from({ length: args.shards }, (_, index) => ({ identifier: clusterIdentifier(args.identifierPrefix, region.name, index), role: roleOf(region).writer ? ("WRITER" as const) : ("READER" as const) })),
            ]),
        );
        const shared = new Map(args.regions.map((region) => [region.name, this.regionShared(args, region, topology)]));
        const sharedOf = (region: PostgresRegion) => shared.get(region.name) as RegionShared;

        const shards = Array.from({ length: args.shards }, (_, index) => {
            const password = new random.RandomPassword(
                `shard-${index}-password`,
                // RDS refuses "/", "@", '"' and spaces in master passwords.
                // Keepers only once a rotation is asked for: a stack that never rotated keeps its password.
                { length: 40, special: true, overrideSpecial: "!#$%&*()-_=+[]{}<>:?", ...(args.credentialsRotation ? { keepers: { rotation: args.credentialsRotation } } : {}) },
                { parent: this },
            );
            // The master credentials stay in Secrets Manager for people (break-glass); no application reads them.
            this.credentialsSecret(args, index, primary, others, sharedOf, password);
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
            // The home cluster creates the global database with the master credentials; the others join it.
            const home = this.shardCluster(args, index, primary, sharedOf(primary), roleOf(primary), { password, globalCluster });
            const members = new Map(
                others.map((region) => [region.name, this.shardCluster(args, index, region, sharedOf(region), roleOf(region), { globalCluster, after: [home.cluster, ...home.instances] })]),
            );
            members.set(primary.name, home);
            // A proxy in every region: after a switchover the new writer region's proxy is already warm, so
            // the follow-up `pulumi up` only rewrites the shard maps.
            const proxyEndpoints = new Map(
                topology.proxyMaxConnectionsPercent === undefined
                    ? []
                    : args.regions.map((region) => [
                          region.name,
                          this.proxy(args, index, region, sharedOf(region), (members.get(region.name) as ShardCluster).cluster, topology.proxyMaxConnectionsPercent as number),
                      ]),
            );
            return { index, password, members, proxies: proxyEndpoints };
        });

        /**
         * Where a region's applications write. The writer region: through its proxy (when there is one) or the
         * writer's cluster endpoint. Every other region: its own secondary's reader endpoint, which forwards the
         * writes to the writer over Aurora's replication link. Not the global writer endpoint: it resolves to the
         * writer's address in the writer region's VPC, which no other region's VPC can reach (the VPCs are not
         * peered, and each cluster admits only its own region's nodes). Not a secondary's cluster endpoint: AWS
         * keeps it inactive, read queries only.
         */
        const endpointsIn = (region: PostgresRegion): pulumi.Output<ShardEndpoints[]> => {
            const route = roleOf(region).route;
            return pulumi.all(
                shards.map((shard) => {
                    const own = (shard.members.get(region.name) as ShardCluster).cluster;
                    const write = route === "proxy" ? (shard.proxies.get(region.name) as aws.rds.Proxy).endpoint : route === "cluster" ? own.endpoint : own.readerEndpoint;
                    return pulumi.all([write, own.readerEndpoint]).apply(([writerEndpoint, readerEndpoint]) => ({
                        index: shard.index,
                        writerEndpoint,
                        writeRoute: route,
                        readerEndpoint,
                        port: POSTGRES_PORT,
                        database: args.databaseName,
                    }));
                }),
            );
        };
        const endpoints = new Map(args.regions.map((region) => [region.name, endpointsIn(region)]));

        this.signInResourceIds = new Map(
            args.regions.map((region) => [
                region.name,
                pulumi.all(
                    shards.flatMap((shard) => [
                        (shard.members.get(region.name) as ShardCluster).cluster.clusterResourceId,
                        ...(shard.proxies.has(region.name) ? [(shard.proxies.get(region.name) as aws.rds.Proxy).arn.apply(proxyResourceId)] : []),
                    ]),
                ),
            ]),
        );

        // The roles are created on the writers; Aurora replicates them with the rest of the cluster volume to every
        // other region (catalog/iamDatabaseAuth.ts), so one Job in the writer region serves them all.
        const writerRegion = args.regions.find((r) => r.name === topology.writer) as PostgresRegion;
        this.bootstrapRegion = writerRegion.name;
        const writers = shards.map((shard) => shard.members.get(writerRegion.name) as ShardCluster);
        // Named by its region: a switchover shows as the Job and its namespace leaving one cluster for the other.
        this.bootstrap = new DatabaseBootstrap(
            `${writerRegion.name}-db-bootstrap`,
            {
                provider: writerRegion.kubernetes,
                databaseName: args.databaseName,
                masterUsername: args.masterUsername,
                shards: shards.map((shard, index) => ({ host: (writers[index] as ShardCluster).cluster.endpoint, password: shard.password.result })),
                sql: bootstrapSql({ databaseName: args.databaseName, masterUsername: args.masterUsername, schema: SERVICE_SCHEMA, services: args.services }),
                after: [...writers.flatMap((w) => w.instances), ...writerRegion.nodeGroups],
            },
            { parent: this },
        );

        for (const region of args.regions) {
            const inCluster = { parent: this, provider: region.kubernetes };
            const document = (endpoints.get(region.name) as pulumi.Output<ShardEndpoints[]>).apply((shardEndpoints) =>
                shardMapDocument(args.shardKeys, shardEndpoints, { region: region.name }),
            );
            new k8s.core.v1.ConfigMap(
                `${region.name}-shard-map`,
                {
                    metadata: { name: SHARD_MAP_CONFIGMAP, namespace: region.namespace, labels: { "app.kubernetes.io/managed-by": "strata", "strata.io/region": region.name } },
                    data: {
                        "shard-map.json": document.apply((d) => JSON.stringify(d, null, 2)),
                        "shard-count": String(args.shards),
                        "hash-algorithm": HASH_ALGORITHM,
                        buckets: String(BUCKETS),
                        port: String(POSTGRES_PORT),
                        database: args.databaseName,
                        // No password anywhere: each service signs in as its own role with an IAM token.
                        auth: "iam",
                    },
                },
                inCluster,
            );
        }

        this.shardMap = pulumi.all(args.regions.map((r) => endpoints.get(r.name) as pulumi.Output<ShardEndpoints[]>)).apply((byRegion) => ({
            writerRegion: topology.writer,
            shardKeys: args.shardKeys,
            hash: { algorithm: HASH_ALGORITHM, buckets: BUCKETS },
            ranges: shardRanges(args.shards),
            shards: shards.map((shard) => {
                const per = <T>(pick: (e: ShardEndpoints) => T) => Object.fromEntries(args.regions.map((r, i) => [r.name, pick(byRegion[i]?.[shard.index] as ShardEndpoints)]));
                return {
                    index: shard.index,
                    writerEndpoints: per((e) => e.writerEndpoint),
                    writeRoutes: per((e) => e.writeRoute),
                    readerEndpoints: per((e) => e.readerEndpoint),
                    port: POSTGRES_PORT,
                    database: args.databaseName,
                };
            }),
        }));
        this.registerOutputs({ shardMap: this.shardMap });
    }

    /** The policy with which a service's IRSA role in a region signs in as its own role on that region's shards and proxies. */
    public signInPolicy(region: string, service: string): pulumi.Output<aws.iam.PolicyDocument> {
        const ids = this.signInResourceIds.get(region);
        if (!ids) throw new Error(`ShardedPostgres: no shards in region ${region}`);
        return pulumi.all([ids, this.accountId]).apply(([resourceIds, account]) => connectPolicy(region, account, resourceIds, service));
    }

    /** What every shard of a region shares: key, subnet group, security groups, parameter groups, monitoring role. */
    private regionShared(args: ShardedPostgresArgs, region: PostgresRegion, topology: Topology): RegionShared {
        const opts = { parent: this, provider: region.provider };
        const key = customerKey(
            `${region.name}-postgres`,
            { description: `Aurora storage, Performance Insights and credentials in ${region.name}`, alias: `alias/${args.identifierPrefix}-${region.name}-postgres` },
            { ...opts, protect: args.deletionProtection },
        );
        const subnetGroup = new aws.rds.SubnetGroup(`${region.name}-postgres`, { subnetIds: region.dataSubnetIds, description: "Isolated data subnets" }, opts);
        // Rules are standalone resources, so neither group declares inline rules (the provider would revoke the
        // standalone ones). The description is the group's since creation: changing it replaces the group.
        const securityGroup = new aws.ec2.SecurityGroup(`${region.name}-postgres`, { vpcId: region.vpcId, description: `PostgreSQL from the ${region.name} cluster nodes only` }, opts);
        const port = PLATFORM_PORTS.rows.postgres;
        allowBetween(`${region.name}-postgres-from-nodes`, "ingress", securityGroup.id, region.clientSecurityGroupId, port, "cluster nodes", opts);
        // A proxy's group carries both of its paths, in from the applications and out to the shards, which must
        // admit it (catalog/network.ts, RDS_PROXY_NETWORK). AWS names no other path: the proxy reads the
        // credentials with its IAM role (its role policy in `proxy`), through no VPC endpoint of ours, so nothing
        // else leaves the group.
        const proxySecurityGroup =
            topology.proxyMaxConnectionsPercent === undefined
                ? undefined
                : new aws.ec2.SecurityGroup(`${region.name}-postgres-proxy`, { vpcId: region.vpcId, description: `RDS Proxy of the ${region.name} shards, between the cluster nodes and the shards` }, opts);
        if (proxySecurityGroup) {
            allowBetween(`${region.name}-postgres-from-proxy`, "ingress", securityGroup.id, proxySecurityGroup.id, port, "RDS Proxy", opts);
            allowBetween(`${region.name}-postgres-proxy-from-nodes`, "ingress", proxySecurityGroup.id, region.clientSecurityGroupId, port, "cluster nodes", opts);
            allowBetween(`${region.name}-postgres-proxy-to-postgres`, "egress", proxySecurityGroup.id, securityGroup.id, port, "shard clusters", opts);
        }
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
                    // The same in every region, so that a switchover (which swaps the roles) needs no change here.
                    ...forwardingParameters(topology),
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
                      { assumeRolePolicy: this.accountId.apply((id) => JSON.stringify(scopedServiceTrust("monitoring.rds.amazonaws.com", region.name, id))) },
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
        return { key, subnetGroup, securityGroup, proxySecurityGroup, clusterParameters, instanceParameters, monitoringRole };
    }

    /** The shard's master credentials in Secrets Manager in the home region (break-glass), replicated to every other region under its own key. */
    private credentialsSecret(
        args: ShardedPostgresArgs,
        index: number,
        primary: PostgresRegion,
        others: readonly PostgresRegion[],
        sharedOf: (r: PostgresRegion) => RegionShared,
        password: random.RandomPassword,
    ): void {
        const opts = { parent: this, provider: primary.provider };
        const secret = new aws.secretsmanager.Secret(
            `shard-${index}-credentials`,
            {
                namePrefix: `${args.identifierPrefix}/postgres/shard-${index}-`,
                description: `Master credentials of Postgres shard ${index}`,
                kmsKeyId: sharedOf(primary).key.arn,
                replicas: others.map((region) => ({ region: region.name, kmsKeyId: sharedOf(region).key.arn })),
                recoveryWindowInDays: args.deletionProtection ? 30 : 7,
                // Rotated by the stack's marker, not by a Secrets Manager schedule: a rotation Lambda would change
                // the password behind Pulumi, whose next `up` would set it back (README, "Rotating credentials").
                tags: { [ROTATION_TAG]: "postgres.credentialsRotation" },
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
    }

    private shardCluster(
        args: ShardedPostgresArgs,
        index: number,
        region: PostgresRegion,
        shared: RegionShared,
        topologyRole: TopologyRegion,
        role: { password?: random.RandomPassword; globalCluster?: aws.rds.GlobalCluster; after?: pulumi.Resource[] },
    ): ShardCluster {
        const base = `${region.name}-shard-${index}`;
        const identifier = clusterIdentifier(args.identifierPrefix, region.name, index);
        // Creation-time role: only the home cluster is created with the master credentials.
        const creates = role.password !== undefined;
        // Current role: moves with writerRegion.
        const writes = topologyRole.writer;
        const opts = { parent: this, provider: region.provider };
        // RDS writes the export to this group by name and would otherwise create it unencrypted, kept forever.
        const logGroup = new aws.cloudwatch.LogGroup(
            `${base}-postgresql-log`,
            { name: serviceLogGroup(SERVICE_LOG_GROUPS.rows.auroraPostgresql, identifier), retentionInDays: args.logRetentionDays, kmsKeyId: region.logKeyArn },
            opts,
        );
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
                // On every member: a secondary forwards its applications' writes to the primary over Aurora's own
                // replication link, and on the primary AWS keeps the flag until a switchover demotes it, so no
                // role change ever needs a change here.
                enableGlobalWriteForwarding: role.globalCluster ? true : undefined,
                databaseName: creates ? args.databaseName : undefined,
                masterUsername: creates ? args.masterUsername : undefined,
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
                enabledCloudwatchLogsExports: [SERVICE_LOG_GROUPS.rows.auroraPostgresqlExport],
                applyImmediately: false,
                tags: role.globalCluster ? { [GLOBAL_ROLE_TAG]: writes ? "primary" : "secondary" } : undefined,
            },
            {
                ...opts,
                protect: args.deletionProtection,
                dependsOn: [...(role.after ?? []), logGroup],
                // RDS moves the minor version (automatic minor upgrades, or the global cluster's upgrade), and a
                // secondary reads back its primary as replication source: undoing either would downgrade the engine or
                // promote the secondary (catalog/drift.ts). A switchover swaps roles, so every member ignores the source.
                ignoreChanges: role.globalCluster ? ["engineVersion", "replicationSourceIdentifier"] : ["engineVersion"],
            },
        );
        const readerClass = args.readerInstanceClass ?? args.instanceClass;
        // Instances follow the creation-time role: a switchover moves the writer onto an existing instance.
        const instanceNames = [...(creates ? ["writer"] : []), ...Array.from({ length: region.readersPerShard }, (_, j) => `reader-${j + 1}`)];
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
        // Only in the writer region: Aurora Auto Scaling does not support a global database's secondary clusters.
        if (topologyRole.readerAutoscaling && args.readerAutoscaling.maxReaders > topologyRole.replicas) {
            const target = new aws.appautoscaling.Target(
                `${base}-readers`,
                {
                    serviceNamespace: "rds",
                    scalableDimension: "rds:cluster:ReadReplicaCount",
                    resourceId: pulumi.interpolate`cluster:${cluster.clusterIdentifier}`,
                    minCapacity: topologyRole.replicas,
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

    /**
     * An RDS Proxy in front of the region's shard cluster, with a read-only endpoint for the readers. Its
     * read/write endpoint reaches a writer only while the region holds the writers. IAM end to end: clients sign in
     * as their own roles with IAM tokens, and the proxy signs in to the database as them with its role, so no
     * secret backs it (catalog/iamDatabaseAuth.ts).
     */
    private proxy(args: ShardedPostgresArgs, index: number, region: PostgresRegion, shared: RegionShared, cluster: aws.rds.Cluster, maxConnectionsPercent: number): aws.rds.Proxy {
        const opts = { parent: this, provider: region.provider };
        const base = `${region.name}-shard-${index}-proxy`;
        const proxySecurityGroup = shared.proxySecurityGroup as aws.ec2.SecurityGroup;
        const role = new aws.iam.Role(base, { assumeRolePolicy: JSON.stringify(servicePrincipalTrust("rds.amazonaws.com")) }, opts);
        if (args.services.length > 0) new aws.iam.RolePolicy(
            base,
            {
                role: role.id,
                // Exactly the services' users on exactly this shard's cluster in this region.
                policy: pulumi.all([this.accountId, cluster.clusterResourceId]).apply(([account, resourceId]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: ["rds-db:connect"], Resource: args.services.map((svc) => dbUserArn(region.name, account, resourceId, serviceRoleName(svc.service))) }],
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
                vpcSecurityGroupIds: [proxySecurityGroup.id],
                requireTls: true,
                idleClientTimeout: args.proxy.idleClientTimeoutSeconds,
                defaultAuthScheme: IAM_DATABASE_AUTH.rows.proxyEndToEndScheme,
            },
            opts,
        );
        new aws.rds.ProxyDefaultTargetGroup(
            base,
            // The configured share less write forwarding's quota of the same max_connections (topology.ts).
            { dbProxyName: proxy.name, connectionPoolConfig: { maxConnectionsPercent } },
            opts,
        );
        new aws.rds.ProxyTarget(base, { dbProxyName: proxy.name, targetGroupName: "default", dbClusterIdentifier: cluster.clusterIdentifier }, opts);
        new aws.rds.ProxyEndpoint(
            `${base}-read-only`,
            {
                dbProxyName: proxy.name,
                dbProxyEndpointName: `${args.identifierPrefix}-shard-${index}-ro`,
                vpcSubnetIds: region.dataSubnetIds,
                vpcSecurityGroupIds: [proxySecurityGroup.id],
                targetRole: "READ_ONLY",
            },
            opts,
        );
        return proxy;
    }
}
