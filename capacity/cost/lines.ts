import { DB_CLASSES } from "../../catalog/dbClasses";
import { EKS_AS_OF, EKS_VERSIONS } from "../../catalog/eks";
import { hourlyRate, regionalRate, UnknownPrice } from "../../catalog/prices/lookup";
import { EC2_ON_DEMAND } from "../../catalog/prices/ec2";
import { ELASTICACHE_BACKUP, ELASTICACHE_REDIS, ELASTICACHE_VALKEY } from "../../catalog/prices/elasticache";
import { AURORA_POSTGRES_IO_OPTIMIZED, AURORA_POSTGRES_STANDARD, AURORA_STORAGE, PERFORMANCE_INSIGHTS, PERFORMANCE_INSIGHTS_FREE_RETENTION_DAYS, RDS_PROXY, RDS_PROXY_MIN_VCPU } from "../../catalog/prices/rds";
import { CLOUDWATCH, DATA_TRANSFER, EBS, EKS, GLOBAL_ACCELERATOR, GLOBAL_ACCELERATOR_DT_PREMIUM, KMS, NAT_GATEWAY, NLB, PUBLIC_IPV4, ROUTE53, S3, SECRETS_MANAGER, TRANSIT_GATEWAY } from "../../catalog/prices/services";
import { Rate } from "../../catalog/prices/types";
import { list, num, record, str } from "../props";
import { Component, HOURS_PER_MONTH, SteadyPeak, Usage } from "./model";
import { GroupNodes } from "./nodes";

/*
 * What each planned resource bills, as quantities per month at steady state and at peak and the catalog rate
 * each is priced at. A resource type is either priced here or listed as costing nothing in catalog/prices/free.ts;
 * anything else is reported as unpriced, so a new kind of resource cannot slip into a stack unseen.
 */

/** A planned resource as the estimate reads it (plan.json's resources have this shape). */
export interface BilledResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly region: string | null;
    readonly dependencies: readonly string[];
    readonly inputs: Readonly<Record<string, unknown>>;
}

/** One billed quantity of a resource, before it is attributed and summed. */
export interface Charge {
    readonly item: string;
    readonly rate: Rate;
    readonly quantity: SteadyPeak;
    readonly fromUsage: boolean;
}

export interface PricingContext {
    readonly resources: readonly BilledResource[];
    readonly usage: Usage;
    /** Nodes per node-group URN, from the placement of the services (capacity/cost/nodes.ts). */
    readonly nodes: ReadonlyMap<string, GroupNodes>;
    /** Share of the on-demand price a spot node of the type saves in the region. */
    readonly spotSavings: (region: string, instanceType: string) => number;
}

/** A charge, or the reason it could not be priced. */
export type Priced = Charge | { readonly item: string; readonly unpriced: string };

export type Pricer = (r: BilledResource, ctx: PricingContext) => readonly (() => Charge)[];

const flat = (n: number): SteadyPeak => ({ steady: n, peak: n });
const hours = (count: SteadyPeak): SteadyPeak => ({ steady: count.steady * HOURS_PER_MONTH, peak: count.peak * HOURS_PER_MONTH });
const charge = (item: string, rate: Rate, quantity: SteadyPeak, fromUsage = false): Charge => ({ item, rate, quantity, fromUsage });
const scaled = (rate: Rate, factor: number, per: string): Rate => ({ ...rate, usd: rate.usd * factor, per });

function regionOf(r: BilledResource): string {
    if (r.region === null) throw new UnknownPrice(`${r.type} ${r.name} has no region to price it in`);
    return r.region;
}

const sameRegion = (ctx: PricingContext, r: BilledResource, type: string) => ctx.resources.filter((x) => x.type === type && x.region === r.region);
const byUrn = (ctx: PricingContext, urn: string) => ctx.resources.find((x) => x.urn === urn);

// --- Cluster and nodes -----------------------------------------------------------------------------------------

const eksCluster: Pricer = (r) => [
    () => {
        const version = str(r.inputs.version);
        const row = EKS_VERSIONS.rows.find((v) => v.version === version);
        if (!row) throw new UnknownPrice(`EKS version ${version} is not in catalog/eks.ts`);
        const extended = EKS_AS_OF >= row.endOfStandardSupport;
        const rate = regionalRate(EKS, "EKS", regionOf(r), extended ? "clusterExtendedHour" : "clusterStandardHour");
        return charge(`EKS ${version} control plane (${extended ? "extended" : "standard"} support)`, rate, hours(flat(1)));
    },
];

/** The launch template's root volume size, GB. */
function rootVolumeGb(group: BilledResource, ctx: PricingContext): number | undefined {
    const template = group.dependencies.map((d) => byUrn(ctx, d)).find((d) => d?.type === "aws:ec2/launchTemplate:LaunchTemplate");
    return list(template?.inputs.blockDeviceMappings).reduce<number>((a, m) => a + (num(record(record(m).ebs).volumeSize) ?? 0), 0) || undefined;
}

function groupNodes(group: BilledResource, ctx: PricingContext): GroupNodes {
    const placed = ctx.nodes.get(group.urn);
    if (placed) return placed;
    // Groups the placement does not model (system pods): they run at their floor.
    const floor = num(record(group.inputs.scalingConfig).minSize) ?? 0;
    return { steady: floor, peak: floor, needed: floor };
}

/**
 * A node's hourly price: the dearest of its group's instance types (which type EKS launches is the allocation
 * strategy's choice at launch time, so the estimate takes the upper bound), spot at the saving given.
 */
export function nodeHourly(region: string, instanceTypes: readonly string[], spot: boolean, spotSavings: PricingContext["spotSavings"]): { type: string; rate: Rate } {
    const priced = instanceTypes.map((type) => ({ type, rate: hourlyRate(EC2_ON_DEMAND, "EC2 on-demand", region, type) }));
    const dearest = priced.sort((a, b) => b.rate.usd - a.rate.usd)[0];
    if (!dearest) throw new UnknownPrice("a node group names no instance type");
    const saved = spot ? spotSavings(region, dearest.type) : 0;
    return { type: dearest.type, rate: scaled(dearest.rate, 1 - saved, "node-hour") };
}

const nodeRate = (group: BilledResource, ctx: PricingContext) => nodeHourly(regionOf(group), list(group.inputs.instanceTypes).map(String), group.inputs.capacityType === "SPOT", ctx.spotSavings);

/** A node group's nodes and their root volumes. */
export const nodeGroupCharges: Pricer = (group, ctx) => {
    const nodes = groupNodes(group, ctx);
    const count = { steady: nodes.steady, peak: nodes.peak };
    return [
        () => {
            const { type, rate } = nodeRate(group, ctx);
            const kind = group.inputs.capacityType === "SPOT" ? "spot" : "on-demand";
            return charge(`${type} ${kind} nodes`, rate, hours(count));
        },
        () => {
            const gb = rootVolumeGb(group, ctx);
            if (gb === undefined) throw new UnknownPrice(`node group ${group.name}: no launch template volume size`);
            const rate = regionalRate(EBS, "EBS", regionOf(group), "gp3GbMonth");
            return charge(`${gb} GB gp3 root volume per node`, scaled(rate, gb, "node-month"), count);
        },
    ];
};

// --- Postgres ------------------------------------------------------------------------------------------------

const clusterOf = (ctx: PricingContext, identifier: unknown) => ctx.resources.find((c) => c.type === "aws:rds/cluster:Cluster" && c.inputs.clusterIdentifier === identifier);
const ioOptimized = (cluster: BilledResource | undefined) => cluster?.inputs.storageType === "aurora-iopt1";
const instancesOf = (ctx: PricingContext, identifier: unknown) => ctx.resources.filter((i) => i.type === "aws:rds/clusterInstance:ClusterInstance" && i.inputs.clusterIdentifier === identifier);
const isWriter = (instance: BilledResource) => str(instance.inputs.identifier)?.endsWith("-writer") === true;

/** Aurora replicas Application Auto Scaling adds to a cluster beyond its planned readers, at steady state and at peak. */
function autoscaledReaders(ctx: PricingContext, identifier: unknown): SteadyPeak {
    const target = ctx.resources.find((t) => t.type === "aws:appautoscaling/target:Target" && t.inputs.resourceId === `cluster:${String(identifier)}` && t.inputs.scalableDimension === "rds:cluster:ReadReplicaCount");
    const planned = instancesOf(ctx, identifier).filter((i) => !isWriter(i)).length;
    if (!target) return flat(0);
    return { steady: Math.max(0, (num(target.inputs.minCapacity) ?? 0) - planned), peak: Math.max(0, (num(target.inputs.maxCapacity) ?? 0) - planned) };
}

function auroraHourly(region: string, instanceClass: string, cluster: BilledResource | undefined): Rate {
    const io = ioOptimized(cluster);
    return hourlyRate(io ? AURORA_POSTGRES_IO_OPTIMIZED : AURORA_POSTGRES_STANDARD, io ? "Aurora PostgreSQL I/O-Optimized" : "Aurora PostgreSQL", region, instanceClass);
}

const dbInstance: Pricer = (r, ctx) => {
    const instanceClass = String(r.inputs.instanceClass);
    const cluster = clusterOf(ctx, r.inputs.clusterIdentifier);
    const charges = [() => charge(`${instanceClass} instance`, auroraHourly(regionOf(r), instanceClass, cluster), hours(flat(1)))];
    const retention = num(r.inputs.performanceInsightsRetentionPeriod) ?? PERFORMANCE_INSIGHTS_FREE_RETENTION_DAYS.value;
    if (r.inputs.performanceInsightsEnabled === true && retention > PERFORMANCE_INSIGHTS_FREE_RETENTION_DAYS.value) {
        // Paid retention is a whole number of 31-day months, or 731 days for 24.
        const months = retention === 731 ? 24 : Math.round(retention / 31);
        const vcpu = () => {
            const count = DB_CLASSES.rows[instanceClass]?.vcpu;
            if (count === undefined) throw new UnknownPrice(`DB class ${instanceClass} is not in catalog/dbClasses.ts`);
            return count;
        };
        charges.push(() => charge(`Performance Insights, first month of retention (${vcpu()} vCPU)`, regionalRate(PERFORMANCE_INSIGHTS, "Performance Insights", regionOf(r), "firstMonthPerVcpu"), flat(vcpu())));
        if (months > 1) charges.push(() => charge(`Performance Insights, ${months - 1} further month(s) of retention (${vcpu()} vCPU)`, regionalRate(PERFORMANCE_INSIGHTS, "Performance Insights", regionOf(r), "additionalMonthPerVcpu"), flat(vcpu() * (months - 1))));
    }
    return charges;
};

/** The primary cluster of the global database a secondary belongs to. */
function primaryOf(ctx: PricingContext, cluster: BilledResource): BilledResource | undefined {
    const global = cluster.inputs.globalClusterIdentifier;
    return ctx.resources.find((c) => c.type === "aws:rds/cluster:Cluster" && c.inputs.globalClusterIdentifier === global && c.inputs.masterUsername !== undefined);
}

const isSecondary = (cluster: BilledResource) => cluster.inputs.globalClusterIdentifier !== undefined && cluster.inputs.masterUsername === undefined;

const auroraCluster: Pricer = (r, ctx) => {
    const { usage } = ctx;
    const region = () => regionOf(r);
    const io = ioOptimized(r);
    const charges = [
        () => charge("storage", regionalRate(AURORA_STORAGE, "Aurora storage", region(), io ? "storageIoOptimizedGbMonth" : "storageStandardGbMonth"), flat(usage.auroraStorageGbPerShard), true),
        () => charge("backup storage beyond the free share", regionalRate(AURORA_STORAGE, "Aurora backup", region(), "backupGbMonth"), flat(usage.auroraBackupGbPerShard), true),
    ];
    if (!io) charges.push(() => charge("I/O requests", regionalRate(AURORA_STORAGE, "Aurora I/O", region(), "ioPerMillionRequests"), flat(usage.auroraIoMillionsPerShard), true));
    const readers = autoscaledReaders(ctx, r.inputs.clusterIdentifier);
    if (readers.peak > 0) {
        charges.push(() => {
            const reader = instancesOf(ctx, r.inputs.clusterIdentifier).find((i) => !isWriter(i));
            if (!reader) throw new UnknownPrice(`cluster ${r.name}: Aurora Auto Scaling adds readers of an unknown class`);
            return charge(`Aurora Auto Scaling readers (${String(reader.inputs.instanceClass)})`, auroraHourly(region(), String(reader.inputs.instanceClass), r), hours(readers));
        });
    }
    if (isSecondary(r)) {
        charges.push(() => {
            const primary = primaryOf(ctx, r);
            if (!primary) throw new UnknownPrice(`secondary cluster ${r.name}: no primary cluster in its global database`);
            return charge(`write I/Os replicated from ${String(primary.region)}`, regionalRate(AURORA_STORAGE, "Aurora global database", regionOf(primary), "replicatedWriteIoPerMillion"), flat(usage.auroraReplicatedWriteMillionsPerShard), true);
        });
    }
    return charges;
};

const rdsProxy: Pricer = (r, ctx) => [
    () => {
        const target = ctx.resources.find((t) => t.type === "aws:rds/proxyTarget:ProxyTarget" && t.inputs.dbProxyName === r.inputs.name && t.dependencies.includes(r.urn));
        const identifier = target?.inputs.dbClusterIdentifier;
        const vcpuOf = (instanceClass: unknown) => {
            const vcpu = DB_CLASSES.rows[String(instanceClass)]?.vcpu;
            if (vcpu === undefined) throw new UnknownPrice(`DB class ${String(instanceClass)} is not in catalog/dbClasses.ts`);
            return vcpu;
        };
        const instances = instancesOf(ctx, identifier);
        const reader = instances.find((i) => !isWriter(i));
        const planned = instances.reduce((a, i) => a + vcpuOf(i.inputs.instanceClass), 0);
        const extra = autoscaledReaders(ctx, identifier);
        const perReader = reader ? vcpuOf(reader.inputs.instanceClass) : 0;
        const min = RDS_PROXY_MIN_VCPU.value;
        const vcpus = { steady: Math.max(min, planned + extra.steady * perReader), peak: Math.max(min, planned + extra.peak * perReader) };
        return charge(`vCPUs of ${String(identifier)}'s instances`, regionalRate(RDS_PROXY, "RDS Proxy", regionOf(r), "perVcpuHour"), hours(vcpus));
    },
];

// --- Redis -----------------------------------------------------------------------------------------------------

const replicationGroup: Pricer = (r, ctx) => {
    const nodeType = String(r.inputs.nodeType);
    const shards = num(r.inputs.numNodeGroups);
    const nodes = shards !== undefined ? shards * (1 + (num(r.inputs.replicasPerNodeGroup) ?? 0)) : (num(r.inputs.numCacheClusters) ?? 1);
    const engine = r.inputs.engine === "valkey" ? "valkey" : "redis";
    const table = engine === "valkey" ? ELASTICACHE_VALKEY : ELASTICACHE_REDIS;
    const charges = [
        () => charge(`${nodes} × ${nodeType} ${engine === "valkey" ? "Valkey" : "Redis OSS"} nodes`, hourlyRate(table, engine === "valkey" ? "ElastiCache Valkey" : "ElastiCache Redis OSS", regionOf(r), nodeType), hours(flat(nodes))),
    ];
    if ((num(r.inputs.snapshotRetentionLimit) ?? 0) > 0) {
        charges.push(() => charge("backup storage beyond the free share", regionalRate(ELASTICACHE_BACKUP, "ElastiCache backup", regionOf(r), "backupGbMonth"), flat(ctx.usage.redisBackupGbPerRegion), true));
    }
    return charges;
};

// --- Network ---------------------------------------------------------------------------------------------------

const natGateway: Pricer = (r, ctx) => {
    const share = ctx.usage.natGbPerRegion / Math.max(1, sameRegion(ctx, r, r.type).length);
    return [() => charge("NAT gateway", regionalRate(NAT_GATEWAY, "NAT gateway", regionOf(r), "hour"), hours(flat(1))), () => charge("data processed", regionalRate(NAT_GATEWAY, "NAT gateway", regionOf(r), "gbProcessed"), flat(share), true)];
};

const publicAddress: Pricer = (r) => [() => charge("public IPv4 address", regionalRate(PUBLIC_IPV4, "public IPv4", regionOf(r), "addressHour"), hours(flat(1)))];

const transitAttachment: Pricer = (r, ctx) => [
    () => charge("transit gateway attachment", regionalRate(TRANSIT_GATEWAY, "Transit Gateway", regionOf(r), "attachmentHour"), hours(flat(1))),
    () => charge("data processed", regionalRate(TRANSIT_GATEWAY, "Transit Gateway", regionOf(r), "gbProcessed"), flat(ctx.usage.transitGatewayGbPerRegion), true),
];

/** The other regions of a multi-region stack receive each region's replication and routed traffic. */
const vpc: Pricer = (r, ctx) => {
    const regions = new Set(ctx.resources.filter((x) => x.type === r.type).map((x) => x.region));
    if (regions.size < 2) return [];
    return [() => charge("data transfer to the other regions", regionalRate(DATA_TRANSFER, "data transfer", regionOf(r), "interRegionGbOut"), flat(ctx.usage.interRegionGbPerRegion), true)];
};

const loadBalancer: Pricer = (r, ctx) => {
    if (r.inputs.loadBalancerType !== "network") return [() => { throw new UnknownPrice(`load balancer type ${String(r.inputs.loadBalancerType)} is not priced`); }];
    const charges = [
        () => charge("Network Load Balancer", regionalRate(NLB, "NLB", regionOf(r), "hour"), hours(flat(1))),
        () => charge("NLCUs", regionalRate(NLB, "NLB", regionOf(r), "nlcuHour"), hours(flat(ctx.usage.nlbNlcuPerHour)), true),
    ];
    if (r.inputs.internal !== true) {
        const zones = Math.max(list(r.inputs.subnets).length, list(r.inputs.subnetMappings).length);
        charges.push(() => charge(`public IPv4 addresses (${zones} zones)`, regionalRate(PUBLIC_IPV4, "public IPv4", regionOf(r), "addressHour"), hours(flat(zones))));
    }
    return charges;
};

// --- Edge ------------------------------------------------------------------------------------------------------

/** The accelerator premium's region groups (catalog/prices/services.ts GLOBAL_ACCELERATOR_DT_PREMIUM keys). */
function premiumGroup(region: string): string {
    if (/^(us|ca)-/.test(region)) return "north-america";
    if (/^eu-/.test(region)) return "europe";
    if (/^ap-/.test(region)) return "asia-pacific";
    throw new UnknownPrice(`no Global Accelerator premium group for region ${region}`);
}

const accelerator: Pricer = (_, ctx) => {
    const groups = ctx.resources.filter((g) => g.type === "aws:globalaccelerator/endpointGroup:EndpointGroup").map((g) => String(g.inputs.endpointGroupRegion));
    const share = ctx.usage.acceleratorGb / Math.max(1, groups.length);
    return [
        () => charge("accelerator fixed fee", GLOBAL_ACCELERATOR.fixedHour, hours(flat(1))),
        ...groups.map((region) => () => {
            const group = premiumGroup(region);
            const rate = GLOBAL_ACCELERATOR_DT_PREMIUM[group];
            if (!rate) throw new UnknownPrice(`no Global Accelerator premium for ${group}`);
            return charge(`data-transfer premium, users served from ${region}`, rate, flat(share), true);
        }),
    ];
};

/**
 * A health check of a host name: Route 53 bills the AWS-endpoint rate only for endpoints inside AWS, which a name
 * does not prove, so the estimate takes the dearer non-AWS rates. HTTPS, string matching, a 10-second interval and
 * latency measurement are each an optional feature.
 */
const healthCheck: Pricer = (r) => {
    const type = String(r.inputs.type ?? "");
    const features = [type.startsWith("HTTPS"), type.endsWith("STR_MATCH"), num(r.inputs.requestInterval) === 10, r.inputs.measureLatency === true].filter(Boolean).length;
    const checks = [() => charge("health check (non-AWS endpoint rate)", ROUTE53.healthCheckNonAwsEndpointMonth, flat(1))];
    if (features > 0) checks.push(() => charge(`${features} optional health-check feature(s)`, ROUTE53.healthCheckOptionalFeatureNonAwsMonth, flat(features)));
    return checks;
};

const bucket: Pricer = (r, ctx) => [() => charge("S3 Standard storage", regionalRate(S3, "S3", regionOf(r), "standardGbMonth"), flat(ctx.usage.flowLogBucketGb), true)];

// --- Keys, secrets, logs, alarms -------------------------------------------------------------------------------

const kmsKey: Pricer = (r, ctx) => [
    () => charge("customer managed key", regionalRate(KMS, "KMS", regionOf(r), "keyMonth"), flat(1)),
    () => charge("requests", regionalRate(KMS, "KMS", regionOf(r), "per10kRequests"), flat(ctx.usage.kmsRequestsTenThousandsPerKey), true),
];

const secret: Pricer = (r, ctx) => {
    const copies = 1 + list(r.inputs.replicas).length;
    return [
        () => charge(copies > 1 ? `secret and ${copies - 1} replica(s)` : "secret", regionalRate(SECRETS_MANAGER, "Secrets Manager", regionOf(r), "secretMonth"), flat(copies)),
        () => charge("API calls", regionalRate(SECRETS_MANAGER, "Secrets Manager", regionOf(r), "per10kApiCalls"), flat(ctx.usage.secretsApiCallsTenThousandsPerSecret), true),
    ];
};

/** Average days in a 730-hour month. */
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

const logGroup: Pricer = (r, ctx) => {
    const isFlow = (g: BilledResource) => ctx.resources.some((f) => f.type === "aws:ec2/flowLog:FlowLog" && f.dependencies.includes(g.urn));
    const flowLogs = isFlow(r);
    const ingest = flowLogs ? ctx.usage.flowLogsGbPerRegion / Math.max(1, sameRegion(ctx, r, r.type).filter(isFlow).length) : ctx.usage.logsIngestGbPerLogGroup;
    // Stored data settles at what the retention keeps; a group that never expires is priced at a year's worth.
    const keptMonths = (num(r.inputs.retentionInDays) ?? 365) / DAYS_PER_MONTH;
    return [
        () => charge(flowLogs ? "flow-log ingestion (vended logs)" : "log ingestion", regionalRate(CLOUDWATCH, "CloudWatch Logs", regionOf(r), flowLogs ? "vendedLogsIngestGb" : "logsIngestGb"), flat(ingest), true),
        () => charge(`log storage (${num(r.inputs.retentionInDays) ?? "no"} days' retention)`, regionalRate(CLOUDWATCH, "CloudWatch Logs", regionOf(r), "logsStorageGbMonth"), flat(ingest * keptMonths), true),
    ];
};

const metricAlarm: Pricer = (r) => {
    const metrics = Math.max(1, list(r.inputs.metricQueries).filter((q) => record(q).metric !== undefined).length);
    const highResolution = (num(r.inputs.period) ?? 60) < 60;
    return [() => charge(`${highResolution ? "high-resolution" : "standard"} alarm (${metrics} metric${metrics === 1 ? "" : "s"})`, regionalRate(CLOUDWATCH, "CloudWatch", regionOf(r), highResolution ? "alarmHighResolutionMonth" : "alarmStandardMonth"), flat(metrics))];
};

/** The pricer of each billed type and the component its cost belongs to when its parent does not say. */
export const PRICERS: Readonly<Record<string, Pricer>> = {
    "aws:eks/cluster:Cluster": eksCluster,
    "aws:eks/nodeGroup:NodeGroup": nodeGroupCharges,
    "aws:rds/clusterInstance:ClusterInstance": dbInstance,
    "aws:rds/cluster:Cluster": auroraCluster,
    "aws:rds/proxy:Proxy": rdsProxy,
    "aws:elasticache/replicationGroup:ReplicationGroup": replicationGroup,
    "aws:ec2/natGateway:NatGateway": natGateway,
    "aws:ec2/eip:Eip": publicAddress,
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": transitAttachment,
    "aws:ec2/vpc:Vpc": vpc,
    "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
    "aws:globalaccelerator/accelerator:Accelerator": accelerator,
    "aws:s3/bucket:Bucket": bucket,
    "aws:route53/healthCheck:HealthCheck": healthCheck,
    "aws:kms/key:Key": kmsKey,
    "aws:secretsmanager/secret:Secret": secret,
    "aws:cloudwatch/logGroup:LogGroup": logGroup,
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
};

/**
 * Configuration of a billed resource, whose charges are priced on that resource: AWS bills what it configures,
 * not the configuration (node-hours and volumes for a launch template, node-hours for a cache's groups and
 * users, the proxy's vCPU-hours for its targets, the bucket's storage for its settings).
 */
export const PRICED_ON: Readonly<Record<string, string>> = {
    "aws:ec2/launchTemplate:LaunchTemplate": "the nodes and root volumes it launches, priced on their node group",
    "aws:elasticache/parameterGroup:ParameterGroup": "the cache nodes it configures, priced on their replication group",
    "aws:elasticache/subnetGroup:SubnetGroup": "the cache nodes it places, priced on their replication group",
    "aws:elasticache/user:User": "the cache nodes it signs in to, priced on their replication group",
    "aws:elasticache/userGroup:UserGroup": "the cache nodes it guards, priced on their replication group",
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": "the proxy, billed per vCPU of its targets",
    "aws:rds/proxyTarget:ProxyTarget": "the proxy, billed per vCPU of its targets",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": "the bucket's storage, which its expiry bounds",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "the bucket",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "the bucket, and its key's requests on the key",
    "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": "its member caches' nodes, priced on their replication groups",
};

/** Every charge of a resource; a charge whose price the catalog lacks comes back with the reason. */
export function priceResource(r: BilledResource, ctx: PricingContext, pricer: Pricer): Priced[] {
    return pricer(r, ctx).map((thunk) => {
        try {
            return thunk();
        } catch (error) {
            if (error instanceof UnknownPrice) return { item: r.type, unpriced: error.message };
            throw error;
        }
    });
}

/** The component a resource's cost belongs to: the Strata component it was created in (from its URN's parent types). */
export function componentOf(r: BilledResource): Component {
    const types = (r.urn.split("::")[2] ?? "").split("$");
    const folder = types.map((t) => /^strata:([a-z]+):/.exec(t)?.[1]).filter((f) => f !== undefined && f !== "stacks").pop();
    switch (folder) {
        case "network":
            return "network";
        case "postgres":
            return "postgres";
        case "redis":
            return "redis";
        case "mesh":
        case "edge":
        case "certificates":
            return "mesh and edge";
        case "observability":
            return "observability";
        default:
            // Cluster, workloads, and the platform's shared keys: what the cluster and its nodes run on.
            return "cluster and nodes";
    }
}
