import { z } from "zod";
import { CACHE_NODE_TYPES, cacheNodeType as cacheNodeTypeFact } from "../catalog/cacheNodeTypes";
import { CERT_MANAGER_CHART } from "../catalog/chartValues/certManager";
import { CLUSTER_ADDON_CHARTS } from "../catalog/chartValues/clusterAddons";
import { ISTIO_CHARTS } from "../catalog/chartValues/istio";
import { KUBE_PROMETHEUS_STACK_CHART, PROMETHEUS_ADAPTER_CHART } from "../catalog/chartValues/prometheus";
import { AURORA_POSTGRES_CLASSES, dbClass } from "../catalog/dbClasses";
import { offeredVersions, supportPhase } from "../catalog/eks";
import { INSTANCE_FAMILIES, INSTANCE_TYPES, instanceType } from "../catalog/instanceTypes";
import { REGION_NAMES } from "../catalog/regions";
import { SECURITY_GROUP_ID } from "../components/cluster/apiAccess";
import { TRANSIT_GATEWAY_ID } from "../components/network/transit";
import { TABLE_PRIVILEGES } from "../components/postgres/roles";
import { DEFAULT_COMMANDS, commandRuleProblems } from "../components/redis/users";

/*
 * The one schema of a Strata stack's config. Every field's error message says what is allowed;
 * stacks/config.ts adds the config path and the offending value, so messages here stay short.
 */

const intIn = (min: number, max: number) => {
    const error = `must be an integer from ${min} to ${max}`;
    return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const numberIn = (min: number, max: number) => {
    const error = `must be a number from ${min} to ${max}`;
    return z.number({ error }).min(min, { error }).max(max, { error });
};

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: `must be one of ${values.join(", ")}` });

const oneOfNumbers = <const T extends readonly number[]>(values: T) =>
    z.number({ error: `must be one of ${values.join(", ")}` }).refine((v) => values.includes(v), {
        error: `must be one of ${values.join(", ")}`,
    });

const bool = () => z.boolean({ error: "must be true or false" });

const text = (pattern: RegExp, allowed: string) =>
    z.string({ error: `must be ${allowed}` }).regex(pattern, { error: `must be ${allowed}` });

/** A fixed-shape settings object: unknown keys are typos and are reported with the allowed ones. */
const section = <T extends z.ZodRawShape>(shape: T) =>
    z.strictObject(shape, {
        error: (issue) =>
            issue.code === "unrecognized_keys"
                ? `unknown setting; allowed: ${Object.keys(shape).join(", ")}`
                : `must be a map of settings (${Object.keys(shape).join(", ")})`,
    });

const list = <T extends z.ZodType>(item: T, what: string) => z.array(item, { error: `must be a list of ${what}` });

const namedMap = <T extends z.ZodType>(item: T, what: string) =>
    z.record(text(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, "a lowercase DNS label (a-z, 0-9, -; at most 40 characters)"), item, {
        error: `must be a map of ${what} by name`,
    });

export const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

const cidr = (minPrefix: number, maxPrefix: number) =>
    text(IPV4_CIDR, `an IPv4 CIDR block (a.b.c.d/n) with n from ${minPrefix} to ${maxPrefix}`).refine(
        (value) => {
            const m = IPV4_CIDR.exec(value);
            if (!m) return false;
            const octets = m.slice(1, 5).map(Number);
            const prefix = Number(m[5]);
            return octets.every((o) => o <= 255) && prefix >= minPrefix && prefix <= maxPrefix;
        },
        { error: `must be an IPv4 CIDR block (a.b.c.d/n) with n from ${minPrefix} to ${maxPrefix}` },
    );

/** A value from a catalog table: the message names the table and what it allows, with the nearest entry when one is close. */
const known = (allowed: (value: string) => boolean, describe: (value: string) => string) =>
    z.string({ error: describe("") }).refine(allowed, { error: (issue) => describe(typeof issue.input === "string" ? issue.input : "") });

/** The catalog entry one or two edits away from a typo, if there is exactly one such. */
function nearest(value: string, candidates: readonly string[]): string | undefined {
    const distance = (a: string, b: string): number => {
        const row = Array.from({ length: b.length + 1 }, (_, j) => j);
        for (let i = 1; i <= a.length; i++) {
            let previous = row[0]!;
            row[0] = i;
            for (let j = 1; j <= b.length; j++) {
                const next = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
                previous = row[j]!;
                row[j] = next;
            }
        }
        return row[b.length]!;
    };
    const scored = candidates.map((c) => ({ c, d: distance(value, c) })).filter((x) => x.d <= 2);
    const best = Math.min(...scored.map((x) => x.d));
    const closest = scored.filter((x) => x.d === best);
    return closest.length === 1 ? closest[0]!.c : undefined;
}

const didYouMean = (value: string, candidates: readonly string[]) => {
    const guess = value ? nearest(value, candidates) : undefined;
    return guess ? ` (did you mean ${guess}?)` : "";
};

const regionName = () =>
    known(
        (v) => REGION_NAMES.includes(v),
        (v) => `must be an AWS region name such as us-east-1, one of catalog/regions.ts: ${REGION_NAMES.join(", ")}${didYouMean(v, REGION_NAMES)}`,
    );

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const cpuQuantity = () => text(/^(\d+m|\d+(\.\d{1,3})?)$/, 'a Kubernetes CPU quantity such as "500m" or "2"');
const memoryQuantity = () => text(/^\d+(Mi|Gi)$/, 'a Kubernetes memory quantity in Mi or Gi such as "512Mi"');

/*
 * Requests and limits above zero. A zero request makes the HPA's utilization undefined: the controller sums the
 * pods' requests and, when the sum is 0, fails with "no metrics returned matched known pods" and never scales
 * (kubernetes pkg/controller/podautoscaler/metrics/utilization.go, GetResourceUtilizationRatio).
 */
const cpuAmount = () =>
    cpuQuantity().refine((v) => !/^0+(\.0*)?m?$/.test(v), {
        error: 'must be a CPU quantity above 0 such as "500m": the scheduler reserves nothing for 0, and an HPA on CPU utilization divides by it',
    });
const memoryAmount = () =>
    memoryQuantity().refine((v) => !/^0+(Mi|Gi)$/.test(v), {
        error: 'must be a memory quantity above 0 such as "512Mi": the scheduler reserves nothing for 0, and an HPA on memory utilization divides by it',
    });

/** Kubernetes label values: at most 63 characters, alphanumeric at both ends, - _ . inside (or empty). */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const labelValue = () => text(LABEL_VALUE, "a Kubernetes label value (at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit; no spaces)");

const CACHE_FAMILIES = [...new Set(Object.values(CACHE_NODE_TYPES.rows).map((t) => t.family))];
const cacheNodeType = () =>
    known(
        (v) => cacheNodeTypeFact(v) !== undefined,
        (v) =>
            `must be an ElastiCache node type in the cache. family such as cache.r7g.large, of the current generation in catalog/cacheNodeTypes.ts (${CACHE_FAMILIES.map((f) => `cache.${f}.*`).join(", ")})${didYouMean(v, Object.keys(CACHE_NODE_TYPES.rows))}`,
    );

const redisShape = section({
    /** Node groups (shards) of the cluster-mode replication group. */
    shards: intIn(1, 500),
    /** Replicas per shard; 0 leaves a shard without a standby. */
    replicasPerShard: intIn(0, 5),
    /** This region's node type; @default redis.nodeType */
    nodeType: cacheNodeType().optional(),
});

const network = section({
    /** Availability zones per region (subnets of every tier in each). */
    azCount: intIn(2, 6),
    /** `perAz`: one NAT gateway per zone (no cross-zone dependency); `single`: one shared, cheaper. */
    natGateways: oneOf(["perAz", "single"]),
    flowLogs: section({
        enabled: bool(),
        /** Days CloudWatch keeps the flow logs. */
        retentionDays: oneOfNumbers(LOG_RETENTION_DAYS),
        trafficType: oneOf(["ALL", "ACCEPT", "REJECT"]),
        /** Aggregation interval in seconds. */
        maxAggregationIntervalSeconds: oneOfNumbers([60, 600] as const),
    }),
});

const INSTANCE_NAMES = Object.keys(INSTANCE_TYPES.rows);
const ec2InstanceType = () =>
    known(
        (v) => instanceType(v) !== undefined,
        (v) => `must be an EC2 instance type such as m6i.large from catalog/instanceTypes.ts (families ${INSTANCE_FAMILIES.join(", ")})${didYouMean(v, INSTANCE_NAMES)}`,
    );

const nodeGroup = section({
    /** `system` groups are on-demand and tainted for cluster add-ons; `workload` groups run the services. */
    role: oneOf(["system", "workload"]),
    capacityType: oneOf(["ON_DEMAND", "SPOT"]),
    /** Instance types; spot groups need several so a reclaimed pool does not empty the group. */
    instanceTypes: list(ec2InstanceType(), "instance types").min(1, {
        error: "must name at least one instance type",
    }),
    minSize: intIn(0, 1000),
    maxSize: intIn(1, 1000),
    desiredSize: intIn(0, 1000),
    /** Root volume size in GiB. */
    diskSizeGiB: intIn(20, 16384).default(50),
    /** Extra Kubernetes node labels. */
    labels: z.record(text(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, "a Kubernetes label key"), text(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, "a Kubernetes label value"), {
        error: "must be a map of label key to value",
    }).default({}),
    /** Extra taints; `system` groups always get `CriticalAddonsOnly=true:NoSchedule`. */
    taints: list(
        section({
            key: text(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, "a Kubernetes taint key"),
            value: text(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, "a Kubernetes taint value").default(""),
            effect: oneOf(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
        }),
        "taints",
    ).default([]),
});

/** Kubernetes minor versions EKS creates clusters on (catalog/eks.ts), newest first. */
const KUBERNETES_VERSIONS: readonly string[] = offeredVersions().map((v) => v.version);

const kubernetesVersion = () =>
    known(
        (v) => KUBERNETES_VERSIONS.includes(v),
        () => `must be a Kubernetes version EKS offers (catalog/eks.ts): ${offeredVersions().map((v) => `"${v.version}" (${supportPhase(v)})`).join(", ")}`,
    );

/** A rotation marker: any short label (a date, a ticket); a new value rotates the credential it names. */
const rotationMarker = () => text(/^[A-Za-z0-9._-]{1,64}$/, "a label of at most 64 letters, digits, '.', '_' or '-' such as 2026-12-06");
const duration = () => text(/^\d+(s|m|h)$/, 'a duration such as "10m"');
/** A chart version: only the one its values are typed against (catalog/chartValues), so a bump goes through the types. */
const chartVersion = (typed: string, table: string) =>
    known(
        (v) => v === typed,
        () => `must be "${typed}": the program's values for this chart are typed against that version (catalog/chartValues/${table}); to bump it, update that file from the new chart's values and templates`,
    );
const addonVersion = () => text(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, 'an exact EKS add-on version such as "v1.20.1-eksbuild.3" (npm run addon-pins proposes them)');

const roleArns = () => list(text(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "an IAM role ARN"), "role ARNs");

/** A deployer network: any IPv4 block but a /0, which would open the API to every address. */
const deployerCidr = () =>
    z.string({ error: "must be an IPv4 CIDR block (a.b.c.d/n)" }).superRefine((value, ctx) => {
        const m = IPV4_CIDR.exec(value);
        if (/\/0$/.test(value)) ctx.addIssue({ code: "custom", message: "must not be a /0: it would open the Kubernetes API to every address; list the deployer's own network" });
        else if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) ctx.addIssue({ code: "custom", message: "must be an IPv4 CIDR block (a.b.c.d/n) with n from 1 to 32" });
    });

/**
 * Who besides the cluster's own nodes may call its Kubernetes API on 443: the deployer. Required while the public
 * endpoint is off (always in prod); with it on, these also reach the private endpoint.
 */
export const apiAccessSchema = section({
    /** Networks `pulumi up` runs from (a CI runner network, a VPN range); outside the VPC they need transitGatewayId. */
    cidrs: list(deployerCidr(), "CIDR blocks").default([]),
    /** Security groups whose members run `pulumi up` (groups this region's VPC can reference). */
    securityGroupIds: list(text(SECURITY_GROUP_ID, "a security group id such as sg-0123456789abcdef0"), "security group ids").default([]),
    /** The region's transit gateway that reaches `cidrs` outside the VPC; the private subnets are attached to it. */
    transitGatewayId: text(TRANSIT_GATEWAY_ID, "a transit gateway id such as tgw-0123456789abcdef0").optional(),
});

/** Settings a region may override on top of the platform's `cluster` section. */
/**
 * Placeholder pods of a priority below every workload's, on the workload nodes: capacity a burst takes at once by
 * preempting them while the autoscaler brings nodes (components/cluster/headroom.ts).
 */
const headroom = section({
    /** Placeholder pods in the cluster; 0 turns headroom off. */
    pods: intIn(0, 500),
    /** Each placeholder's CPU and memory request (and limit): the room one of them holds. */
    cpu: cpuQuantity(),
    memory: memoryQuantity(),
});

const clusterOverride = section({
    kubernetesVersion: kubernetesVersion().optional(),
    /** This region's placeholder pods, replacing the platform's whole. */
    headroom: headroom.optional(),
    publicAccessCidrs: list(cidr(0, 32), "CIDR blocks").optional(),
    adminRoleArns: roleArns().optional(),
    nodeGroups: namedMap(nodeGroup, "node groups").optional(),
    /** This region's deployer access, replacing the platform's whole: transit gateways and groups are regional. */
    apiAccess: apiAccessSchema.optional(),
});

const region = section({
    /** AWS region name. */
    name: regionName(),
    /** The region that holds the writers; exactly one region is primary. */
    primary: bool().default(false),
    /** Share of global traffic in percent; all regions add up to 100. */
    trafficWeight: intIn(0, 100),
    /** Value of the `x-user-region` header that pins a request to this region. */
    userRegionKey: text(/^[a-z]{2,10}$/, "2 to 10 lowercase letters such as us, eu or asia").optional(),
    /** The region's VPC address space; VPCs of all regions must not overlap. */
    vpcCidr: cidr(16, 24),
    /** Explicit availability zones; by default the first `network.azCount` zones of the region. */
    availabilityZones: list(text(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "an availability zone name such as us-east-1a"), "zone names").optional(),
    /** This region's Redis shape; by default `redis.shards` × `redis.replicasPerShard`. */
    redis: redisShape.optional(),
    /** This region's cluster settings over the platform's `cluster` section. */
    cluster: clusterOverride.optional(),
    /** Share (percent) of the traffic the accelerator sends this region receives; lower it to drain a region. */
    trafficDial: intIn(0, 100).default(100),
    /** This region's readers per shard; @default postgres.replicasPerShard */
    postgres: section({ replicasPerShard: intIn(0, 15) }).optional(),
});

const cluster = section({
    /** EKS Kubernetes minor version. */
    kubernetesVersion: kubernetesVersion(),
    /** Public API endpoint (always off in prod). */
    endpointPublicAccess: bool(),
    /** CIDRs allowed to reach the public endpoint. */
    publicAccessCidrs: list(cidr(0, 32), "CIDR blocks"),
    /** Every region's deployer access, unless the region sets its own. */
    apiAccess: apiAccessSchema.default({ cidrs: [], securityGroupIds: [] }),
    /** IAM role ARNs granted cluster-admin through access entries. */
    adminRoleArns: roleArns(),
    /** Namespace the applications run in; the data tier publishes its ConfigMaps and Secrets there. */
    appNamespace: text(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "a Kubernetes namespace name").default("apps"),
    /** EKS deletion protection, and Pulumi `protect` on the cluster and its key. */
    deletionProtection: bool(),
    /** Days CloudWatch keeps control-plane logs. */
    logRetentionDays: oneOfNumbers(LOG_RETENTION_DAYS),
    nodeGroups: namedMap(nodeGroup, "node groups"),
    headroom,
    /** Cluster autoscaler behaviour. */
    autoscaler: section({
        expander: oneOf(["least-waste", "priority", "random", "most-pods", "price"]),
        balanceSimilarNodeGroups: bool(),
        scaleDownUnneededTime: duration(),
        scaleDownDelayAfterAdd: duration(),
        /** Node utilization under which a node may be removed. */
        scaleDownUtilizationThreshold: numberIn(0.1, 0.9),
        /** How long a node may take to register before the autoscaler gives up on it. */
        maxNodeProvisionTime: duration(),
    }),
    /** EKS managed add-on versions, pinned: a looked-up default would move under a later `pulumi up` (catalog/drift.ts). */
    addonVersions: section({
        vpcCni: addonVersion(),
        coredns: addonVersion(),
        kubeProxy: addonVersion(),
        ebsCsiDriver: addonVersion(),
    }),
    /** Pinned Helm chart versions of the cluster add-ons. */
    chartVersions: section({
        metricsServer: chartVersion(CLUSTER_ADDON_CHARTS.rows.metricsServer, "clusterAddons.ts"),
        clusterAutoscaler: chartVersion(CLUSTER_ADDON_CHARTS.rows.clusterAutoscaler, "clusterAddons.ts"),
        verticalPodAutoscaler: chartVersion(CLUSTER_ADDON_CHARTS.rows.verticalPodAutoscaler, "clusterAddons.ts"),
        awsLoadBalancerController: chartVersion(CLUSTER_ADDON_CHARTS.rows.awsLoadBalancerController, "clusterAddons.ts"),
    }),
});

const auroraClassFamilies = [...new Set(AURORA_POSTGRES_CLASSES.map((c) => c.split(".").slice(0, 2).join(".")))];
const auroraClass = () =>
    known(
        (v) => dbClass(v)?.auroraPostgres === true,
        (v) =>
            dbClass(v)
                ? `is an RDS instance class Aurora PostgreSQL does not run on; use one of ${auroraClassFamilies.map((f) => `${f}.*`).join(", ")} (catalog/dbClasses.ts)`
                : `must be an RDS instance class in the db. family such as db.r6g.large that Aurora PostgreSQL runs on: ${auroraClassFamilies.map((f) => `${f}.*`).join(", ")} (catalog/dbClasses.ts)${didYouMean(v, AURORA_POSTGRES_CLASSES)}`,
    );

/** Performance Insights keeps 7 days free, or whole months up to 2 years. */
const PERFORMANCE_INSIGHTS_DAYS = [7, ...Array.from({ length: 23 }, (_, m) => 31 * (m + 1)), 731] as const;

const postgres = section({
    /** Number of shards; adding one never touches the others. */
    shards: intIn(1, 64),
    /** Reader instances per shard in every region (a region's `postgres.replicasPerShard` overrides it). */
    replicasPerShard: intIn(0, 15),
    /** Shard key column per table (routing is by hash of this column). */
    shardKeys: z.record(text(/^[a-z_][a-z0-9_]*$/, "a table name"), text(/^[a-z_][a-z0-9_]*$/, "a column name"), {
        error: "must be a map of table name to shard key column",
    }),
    /** Database created on every shard. */
    databaseName: text(/^[a-z][a-z0-9_]{0,62}$/, "a database name (lowercase letter, then letters, digits or _)").default("strata"),
    /** Master user of every shard (its password is generated). */
    masterUsername: text(/^[a-z][a-z0-9_]{0,15}$/, "a user name of at most 16 characters").default("strata_admin"),
    /** Change it to rotate every shard's master password in place (README "Rotating credentials"). @default none */
    credentialsRotation: rotationMarker().optional(),
    /** The region holding the Aurora writers now; set it after a switchover or failover (README "Switchover"). @default the primary region */
    writerRegion: regionName().optional(),
    engineVersion: text(/^\d+\.\d+$/, 'an Aurora PostgreSQL version such as "16.4"'),
    /** Writer instance class. */
    instanceClass: auroraClass(),
    /** Reader instance class; @default instanceClass */
    readerInstanceClass: auroraClass().optional(),
    /** Replication lag target in milliseconds. */
    replicationLagTargetMs: intIn(1, 60000),
    /** Days of automated backups (prod needs at least 7). */
    backupRetentionDays: intIn(1, 35),
    deletionProtection: bool(),
    /** Days Performance Insights keeps data. */
    performanceInsightsRetentionDays: oneOfNumbers(PERFORMANCE_INSIGHTS_DAYS),
    /** Enhanced monitoring interval in seconds (0 turns it off). */
    monitoringIntervalSeconds: oneOfNumbers([0, 1, 5, 10, 15, 30, 60] as const),
    /** Days CloudWatch keeps each shard's exported PostgreSQL log. */
    logRetentionDays: oneOfNumbers(LOG_RETENTION_DAYS),
    /** Application Auto Scaling of each cluster's reader count, on reader CPU. */
    readerAutoscaling: section({
        enabled: bool(),
        /** Most readers a cluster may scale to (Aurora allows 15). */
        maxReaders: intIn(0, 15),
        /** Average reader CPU (percent) the scaling tracks. */
        targetCpuPercent: intIn(10, 90),
        scaleOutCooldownSeconds: intIn(0, 3600),
        scaleInCooldownSeconds: intIn(0, 3600),
    }),
    /** An RDS Proxy in front of each shard's writer, with a read-only endpoint. */
    proxy: section({
        enabled: bool(),
        /** Seconds an idle client connection is kept. */
        idleClientTimeoutSeconds: intIn(60, 28800),
        /** Share of the database's max_connections the proxy may use (percent). */
        maxConnectionsPercent: intIn(1, 100),
    }),
    connectionPool: section({
        /** Connections each pod opens to its shard. */
        perPod: intIn(10, 100),
        /** Alert when an instance holds this share of its max_connections (percent, from its class's memory). */
        alertUtilizationPercent: intIn(1, 100),
    }),
});

const redis = section({
    engine: oneOf(["redis", "valkey"]),
    engineVersion: text(/^\d+(\.\d+)?$/, 'an engine version such as "7.1"'),
    nodeType: cacheNodeType(),
    /** Default shards per region (a region's `redis` overrides it). */
    shards: intIn(1, 500),
    /** Default replicas per shard (a region's `redis` overrides it). */
    replicasPerShard: intIn(0, 5),
    /** Cluster-mode MOVED/ASK redirects a client follows. */
    maxRedirects: intIn(1, 16),
    /** Client command timeout in seconds. */
    commandTimeoutSeconds: intIn(1, 60),
    /** Memory use (percent) at which eviction starts. */
    /** Change it to rotate the cache's AUTH token (both tokens work until the next change). @default none */
    authRotation: rotationMarker().optional(),
    evictionThresholdPercent: intIn(50, 95),
    /** Memory use (percent) that raises an alert. */
    memoryAlertPercent: intIn(50, 99),
    /** Days of snapshots kept (prod needs at least 7). */
    snapshotRetentionDays: intIn(0, 35),
    /** What is evicted once memory passes evictionThresholdPercent. */
    maxmemoryPolicy: oneOf(["allkeys-lru", "volatile-lru", "allkeys-lfu", "volatile-lfu", "allkeys-random", "volatile-random", "volatile-ttl", "noeviction"]),
    /** Spread each shard's primary and replicas over zones (needs replicas). */
    multiAz: bool(),
    /** One Global Datastore over all regions (they must run the same shape). */
    globalDatastore: bool(),
    /** Days CloudWatch keeps slow and engine logs. */
    logRetentionDays: oneOfNumbers(LOG_RETENTION_DAYS),
});

const scalingPolicy = section({
    type: oneOf(["Percent", "Pods"]),
    value: intIn(1, 1000),
    periodSeconds: intIn(1, 1800),
});

const scalingRules = section({
    stabilizationWindowSeconds: intIn(0, 3600),
    selectPolicy: oneOf(["Max", "Min", "Disabled"]).default("Max"),
    policies: list(scalingPolicy, "scaling policies").min(1, { error: "must hold at least one policy" }),
});

const probe = (path: string, initialDelaySeconds: number, periodSeconds: number, failureThreshold: number) =>
    section({
        path: text(/^\/\S*$/, "an absolute URL path").default(path),
        initialDelaySeconds: intIn(0, 3600).default(initialDelaySeconds),
        periodSeconds: intIn(1, 3600).default(periodSeconds),
        failureThreshold: intIn(1, 100).default(failureThreshold),
    });

const resourceBounds = section({ cpu: cpuQuantity().optional(), memory: memoryQuantity().optional() });

/*
 * A CronJob's timeZone as the API server validates it (kubernetes pkg/apis/batch/validation validateTimeZone):
 * every "/"-separated part 1–14 of A-Z a-z 0-9 . - _ +, not "." or "..", not starting with "-", not "Local", and
 * known to the IANA database (Go's time.LoadLocation, case-sensitive). Node's Intl carries the same database.
 */
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;
function timeZoneProblem(zone: string): string | undefined {
    const parts = zone.split("/");
    if (zone.toLowerCase() === "local" || parts.some((p) => p === "." || p === ".." || p.startsWith("-") || !TZ_PART.test(p))) return "is not an IANA time zone name";
    let resolved: string;
    try {
        resolved = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
        return "is not in the IANA time zone database";
    }
    return resolved !== zone && resolved.toLowerCase() === zone.toLowerCase() ? `must be spelt "${resolved}": zone names are case-sensitive` : undefined;
}
const ianaTimeZone = () =>
    z.string({ error: 'must be an IANA time zone such as "Europe/Paris" or "UTC"' }).superRefine((zone, ctx) => {
        const problem = timeZoneProblem(zone);
        if (problem) ctx.addIssue({ code: "custom", message: `${problem}; use an IANA time zone such as "Europe/Paris" or "UTC" (the CronJob's timeZone)` });
    });

const clockTime = () => text(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as "09:00"');

export const serviceSchema = section({
    image: text(/^\S+$/, "a container image reference"),
    /** Container port. */
    port: intIn(1, 65535).default(8080),
    cpu: cpuAmount(),
    memory: memoryAmount(),
    /** CPU limit; by default twice the request. */
    cpuLimit: cpuAmount().optional(),
    /** Memory limit; by default the request. */
    memoryLimit: memoryAmount().optional(),
    /** HPA floor (Kubernetes needs at least 1 without the alpha scale-to-zero gate). */
    minReplicas: intIn(1, 10000),
    maxReplicas: intIn(1, 10000),
    /** User-facing services keep a higher replica floor in prod. */
    userFacing: bool().default(true),
    /** Data tier this service connects to. */
    dependsOn: list(oneOf(["postgres", "redis"]), "data stores").default([]),
    /** Table privileges of the service's own database role on every shard (with postgres in dependsOn). */
    postgresPrivileges: list(oneOf(TABLE_PRIVILEGES), "table privileges").default(["SELECT"]),
    /** The service's own cache user (with redis in dependsOn): key patterns (@default "<service>:*") and ACL command rules. */
    redisAccess: section({
        keys: list(text(/^[^\s~"/@,]+$/, "a key pattern such as \"api:*\""), "key patterns").optional(),
        commands: z
            .string({ error: 'must be ACL command rules such as "+@all -@dangerous +info"' })
            .superRefine((commands, ctx) => {
                for (const message of commandRuleProblems(commands)) ctx.addIssue({ code: "custom", message });
            })
            .default(DEFAULT_COMMANDS),
    }).default({ commands: DEFAULT_COMMANDS }),
    /** Regions the service runs in; @default every region of the stack */
    regions: list(regionName(), "region names").optional(),
    probes: section({
        liveness: probe("/health", 30, 10, 3).default({ path: "/health", initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 3 }),
        readiness: probe("/ready", 5, 5, 3).default({ path: "/ready", initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 3 }),
        startup: probe("/health", 0, 5, 30).default({ path: "/health", initialDelaySeconds: 0, periodSeconds: 5, failureThreshold: 30 }),
    }).default({
        liveness: { path: "/health", initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 3 },
        readiness: { path: "/ready", initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 3 },
        startup: { path: "/health", initialDelaySeconds: 0, periodSeconds: 5, failureThreshold: 30 },
    }),
    /** Declared load: the stack's peak (req/s, all regions) and what one pod serves; checked against maxReplicas. */
    throughput: section({ peakRps: numberIn(1, 1e9), perPodRps: numberIn(0.001, 1e9) }).optional(),
    /** Extra pod labels (e.g. `version` for canary subsets). */
    podLabels: z.record(text(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, "a Kubernetes label key"), labelValue(), { error: "must be a map of label to value" }).default({}),
    /** The service serves Prometheus metrics of its own (it gets a PodMonitor). */
    exposesMetrics: bool().default(true),
    /** Path Prometheus scrapes on the service port. */
    metricsPath: text(/^\/\S*$/, "an absolute URL path").default("/metrics"),
    /** Seconds a pod gets to finish in-flight work after it is told to stop. */
    terminationGracePeriodSeconds: intIn(1, 3600).default(45),
    /** Managed policy ARNs for the service's own IRSA role; none means no role. */
    iamPolicyArns: list(text(/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+$/, "an IAM policy ARN"), "policy ARNs").default([]),
    hpa: section({
        /** Target average CPU utilization (percent of requests). */
        cpuUtilization: intIn(1, 100).optional(),
        /** Target average memory utilization (percent of requests). */
        memoryUtilization: intIn(1, 100).optional(),
        /** Pods metrics served by the custom metrics API, with their per-pod average target. */
        podsMetrics: list(
            section({
                name: text(/^[a-z_][a-z0-9_]*$/, "a metric name such as requests_per_second"),
                averageValue: numberIn(0.001, 1e9),
            }),
            "pods metrics",
        ).default([]),
        /** External metrics (queues, load balancers) with a total or per-pod target. */
        externalMetrics: list(
            section({
                name: text(/^[a-z_][a-z0-9_]*$/, "a metric name such as sqs_messages_visible"),
                selector: z.record(z.string(), z.string(), { error: "must be a map of label to value" }).default({}),
                averageValue: numberIn(0.001, 1e9).optional(),
                value: numberIn(0.001, 1e9).optional(),
            }),
            "external metrics",
        ).default([]),
        /** Scale-up and scale-down behaviour; @default the requirements' api behaviour */
        behavior: section({ scaleUp: scalingRules, scaleDown: scalingRules }).optional(),
    }),
    /** Vertical Pod Autoscaler; @default recommendations only (mode Off) */
    vpa: section({
        mode: oneOf(["Off", "Initial", "Recreate", "Auto"]).default("Off"),
        /** Resources the VPA may change; @default those the HPA does not scale on, or both in mode Off */
        controlledResources: list(oneOf(["cpu", "memory"]), "resources").optional(),
        controlledValues: oneOf(["RequestsAndLimits", "RequestsOnly"]).default("RequestsAndLimits"),
        minAllowed: resourceBounds.optional(),
        maxAllowed: resourceBounds.optional(),
    }).default({ mode: "Off", controlledValues: "RequestsAndLimits" }),
    /** Share of minReplicas (at least one pod) that voluntary disruptions may take at once. */
    pdb: section({ maxUnavailablePercent: intIn(1, 100).default(25) }).default({ maxUnavailablePercent: 25 }),
    /** Time-of-day replica bounds, applied by CronJobs that patch only this service's HPA. */
    schedules: section({
        /** IANA time zone of the windows. */
        timezone: ianaTimeZone().default("UTC"),
        windows: list(
            section({
                name: text(/^[a-z][a-z0-9-]{0,20}$/, "a short lowercase name"),
                /** Cron day-of-week field: "1-5" workdays, "0,6" weekends. */
                days: text(/^[0-6](-[0-6])?(,[0-6](-[0-6])?)*$/, 'a cron day-of-week list such as "1-5" or "0,6"'),
                start: clockTime(),
                end: clockTime(),
                minReplicas: intIn(1, 10000),
                maxReplicas: intIn(1, 10000),
            }),
            "windows",
        ).min(1, { error: "must hold at least one window" }),
        /** Image with kubectl that the CronJobs run. */
        kubectlImage: text(/^\S+:\S+$/, "a pinned image reference").default("registry.k8s.io/kubectl:v1.33.0"),
    }).optional(),
});

const seconds = (max: number) => numberIn(0.001, max);

const retries = section({
    attempts: intIn(0, 10),
    /** Seconds each try may take. */
    perTryTimeoutSeconds: seconds(600),
    /** Envoy retry conditions. */
    retryOn: text(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'a comma-separated list of retry conditions such as "5xx,reset,connect-failure"'),
});

export const meshRouteSchema = section({
    /** Stable name of the route (used for ordering and messages). */
    name: text(/^[a-z][a-z0-9-]{0,40}$/, "a short lowercase name"),
    /** URI prefix the route matches. */
    prefix: text(/^\/\S*$/, "a URI prefix starting with /"),
    /** Destination service (a key of strata:services). */
    service: text(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, "a service name"),
    /** Whole-request timeout in seconds, retries included. */
    timeoutSeconds: seconds(3600),
    retries: retries.optional(),
    /** Canary split over the service's subsets; weights add up to 100. */
    weights: list(section({ subset: text(/^[a-z0-9][-a-z0-9]*$/, "a subset name"), weight: intIn(0, 100) }), "weighted destinations").optional(),
    /** Fault injection for resilience tests (refused in prod unless mesh.allowFaultInjectionInProd). */
    fault: section({
        abortPercent: numberIn(0, 100).default(0),
        abortHttpStatus: intIn(400, 599).default(503),
        delayPercent: numberIn(0, 100).default(0),
        delaySeconds: seconds(60).default(1),
    }).optional(),
    /** This route's own per-client limit at the gateway, requests per minute. @default mesh.rateLimit.requestsPerMinute */
    rateLimitPerMinute: intIn(1, 1000000).optional(),
});

const mesh = section({
    enabled: bool(),
    /** Gateway hosts are `*.<domain>`; the public API is `api.<domain>`, each region also `api-<region>.<domain>`. */
    domain: text(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, "a DNS domain such as example.com"),
    /** Kubernetes TLS secret (in the gateway namespace) the HTTPS gateway serves. */
    gatewayCredentialName: text(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "a Kubernetes secret name"),
    mtlsMode: oneOf(["STRICT", "PERMISSIVE"]),
    /** Pinned Istio chart version (base, istiod, gateway). */
    istioVersion: chartVersion(ISTIO_CHARTS.rows.version, "istio.ts"),
    /** Ingress gateway pods (their own HPA and PDB). */
    gateway: section({ minReplicas: intIn(1, 100), maxReplicas: intIn(1, 500), cpu: cpuAmount(), memory: memoryAmount() }),
    /** Header that carries the tenant. */
    tenantHeader: text(/^[a-z0-9-]+$/, "a lowercase header name"),
    /** Tenants with their own subset; everything else goes to `default`. */
    tenants: list(text(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a tenant id such as tenant-a"), "tenant ids"),
    /** The service whose traffic is routed by tenant: each tenant gets a pool (Deployment, HPA, PDB, VPA) of its own. */
    tenantService: text(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, "a service name"),
    /**
     * Each tenant's pool of the tenant service: its replica bounds (@default the service's) and the share of the
     * service's traffic it is sized for (percent; the shared pool carries the rest).
     */
    tenantPool: section({ minReplicas: intIn(1, 1000).optional(), maxReplicas: intIn(1, 1000).optional(), trafficPercent: intIn(1, 99) }),
    /** Header that pins a request to a region (its value is a region's userRegionKey). */
    regionHeader: text(/^[a-z0-9-]+$/, "a lowercase header name"),
    /** Path routes of the public API, most specific first; the last catches the rest. */
    routes: list(meshRouteSchema, "routes").min(1, { error: "must hold at least one route" }),
    /** Extra subsets per service (e.g. canary versions) by the pod labels they select. */
    subsets: z.record(z.string(), z.record(z.string(), z.record(z.string(), labelValue())), { error: "must be a map of service to subset to labels" }).default({}),
    connectionPool: section({
        maxConnections: intIn(1, 100000),
        http1MaxPendingRequests: intIn(1, 100000),
        maxRequestsPerConnection: intIn(0, 100000),
        /** Each tenant subset's share of connections. */
        tenantMaxConnections: intIn(1, 100000),
    }),
    outlierDetection: section({
        consecutive5xxErrors: intIn(1, 1000),
        intervalSeconds: intIn(1, 3600),
        baseEjectionTimeSeconds: intIn(1, 3600),
        maxEjectionPercent: intIn(1, 100),
    }),
    /** Lets a prod stack inject faults (chaos drills). */
    allowFaultInjectionInProd: bool().default(false),
    /**
     * Per-client limit at the ingress gateway, keyed on the client's address; counted by each gateway pod on its own
     * (README "Rate limiting"). `trackedClients`: addresses each pod keeps a bucket for at once.
     */
    rateLimit: section({ requestsPerMinute: intIn(1, 1000000), trackedClients: intIn(20, 1000000) }),
});

const edge = section({
    /** `accelerator`: Global Accelerator; `dns`: Route 53 records; `none`: regional hostnames only. */
    mode: oneOf(["accelerator", "dns", "none"]),
    /** `route53`: the stack writes the global and regional records in `hostedZoneId`; `external`: you point the hosts yourself. */
    dns: oneOf(["route53", "external"]),
    /**
     * The gateway's certificate (the Secret `mesh.gatewayCredentialName` in the gateway's namespace). `cert-manager`:
     * issued and renewed by cert-manager from ACME (Let's Encrypt) through a DNS-01 challenge in `hostedZoneId`;
     * `existing`: a Secret you create and renew yourself.
     */
    tls: section({
        /** `acm`: TLS ends at each region's NLB with an ACM certificate, and the gateway serves plain HTTP behind it. */
        mode: oneOf(["cert-manager", "existing", "acm"]),
        /**
         * acm: each region's certificate ARN, when you bring your own (it must cover api.<domain> and the region's
         * host); without it the stack requests one, validated in `hostedZoneId`. @default none
         */
        certificateArns: z.record(regionName(), text(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/, "an ACM certificate ARN"), { error: "must be a map of region to ACM certificate ARN" }).default({}),
        /** Let's Encrypt's production or staging directory (staging certificates are not trusted by browsers). */
        acmeServer: oneOf(["production", "staging"]),
        /** The ACME account's contact for expiry notices. @default none */
        acmeEmail: text(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an e-mail address").optional(),
        /** Pinned cert-manager chart. */
        certManagerVersion: chartVersion(CERT_MANAGER_CHART.rows.version, "certManager.ts").default(CERT_MANAGER_CHART.rows.version),
    }),
    domain: text(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, "a DNS domain such as example.com"),
    /** Route 53 hosted zone of `domain` (needed for `dns` mode and regional hostnames). */
    hostedZoneId: text(/^Z[A-Z0-9]{1,32}$/, "a Route 53 hosted zone id such as Z0123456789ABC").optional(),
    /** DNS routing policy (dns mode). */
    routing: oneOf(["latency", "weighted"]),
    /** Region that takes traffic when the others fail. */
    fallbackRegion: regionName(),
    healthCheck: section({
        path: text(/^\/\S*$/, "an absolute URL path"),
        port: intIn(1, 65535),
        intervalSeconds: oneOfNumbers([10, 30] as const),
        healthyThreshold: intIn(1, 10),
    }),
});

const promDuration = () => text(/^\d+(s|m|h|d|w)$/, 'a Prometheus duration such as "5m" or "15d"');

export const observabilitySchema = section({
    /** Namespace of the metrics stack. */
    namespace: text(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "a Kubernetes namespace name").default("monitoring"),
    chartVersions: section({
        kubePrometheusStack: chartVersion(KUBE_PROMETHEUS_STACK_CHART.rows.version, "prometheus.ts"),
        prometheusAdapter: chartVersion(PROMETHEUS_ADAPTER_CHART.rows.version, "prometheus.ts"),
    }),
    prometheus: section({
        /** How long samples are kept. */
        retention: promDuration(),
        /** Encrypted gp3 volume per replica, GiB. */
        storageGiB: intIn(10, 16384),
        replicas: intIn(1, 5),
        cpu: cpuAmount(),
        memory: memoryAmount(),
    }),
    alertmanager: section({ replicas: intIn(1, 5), storageGiB: intIn(1, 1024) }),
    /** The requirements' alert thresholds. */
    alerts: section({
        errorRatePercent: numberIn(0.1, 100),
        errorRateFor: promDuration(),
        p95LatencySeconds: numberIn(0.01, 600),
        latencyFor: promDuration(),
        nodeCpuPercent: intIn(1, 100),
        nodeMemoryPercent: intIn(1, 100),
        resourceFor: promDuration(),
    }),
    /** Where alerts go besides the region's SNS topic. */
    notifications: section({ emails: list(text(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an e-mail address"), "e-mail addresses").default([]) }),
    /**
     * Metrics the HPAs may name, served by prometheus-adapter. `requests_per_second` is built in (derived from the
     * mesh's request telemetry); every other Pods or External metric an HPA uses must be declared here.
     */
    metrics: z.record(
        text(/^[a-z_][a-z0-9_]*$/, "a metric name"),
        section({
            type: oneOf(["pods", "external"]),
            /** The Prometheus series behind the metric. */
            series: text(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "a Prometheus metric name"),
            /** `avg`/`max`/`sum` of a gauge, or the per-second `rate` of a counter. */
            aggregation: oneOf(["avg", "max", "sum", "rate"]),
            window: promDuration().default("2m"),
        }),
        { error: "must be a map of metric name to its source" },
    ),
});

const usd = () => numberIn(0, 10_000_000);
const amount = () => numberIn(0, 1_000_000_000);
const savedFraction = () => numberIn(0, 0.95);

/**
 * The cost estimate's usage model (what the plan cannot know) and the stack's budget. Quantities are per region
 * and month unless the name says otherwise; capacity/cost/model.ts documents each.
 */
const cost = section({
    usage: section({
        natGbPerRegion: amount(),
        interRegionGbPerRegion: amount(),
        transitGatewayGbPerRegion: amount(),
        logsIngestGbPerLogGroup: amount(),
        flowLogsGbPerRegion: amount(),
        auroraStorageGbPerShard: amount(),
        auroraIoMillionsPerShard: amount(),
        auroraBackupGbPerShard: amount(),
        auroraReplicatedWriteMillionsPerShard: amount(),
        redisBackupGbPerRegion: amount(),
        nlbNlcuPerHour: amount(),
        acceleratorGb: amount(),
        flowLogBucketGb: amount(),
        kmsRequestsTenThousandsPerKey: amount(),
        secretsApiCallsTenThousandsPerSecret: amount(),
    }),
    /** Share of the on-demand price a spot node saves, overriding the catalog's per-family figures. */
    spotSavings: section({
        default: savedFraction().optional(),
        families: z.record(text(/^[a-z][a-z0-9-]*$/, "an instance family such as c6i"), savedFraction(), { error: "must be a map of instance family to a fraction" }).optional(),
    }).optional(),
    budget: section({
        maxMonthlyUsd: section({ steady: usd().optional(), peak: usd().optional() }),
        /** How an estimate over budget is reported. @default mandatory in prod, advisory in dev */
        enforcement: oneOf(["mandatory", "advisory"]).optional(),
    }).optional(),
});

export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The `strata:` config namespace: one key per section. */
export const platformSchema = section({
    environment: oneOf(ENVIRONMENTS),
    regions: list(region, "regions").min(1, { error: "must list at least one region" }),
    network,
    cluster,
    postgres,
    redis,
    services: namedMap(serviceSchema, "services"),
    mesh,
    edge,
    observability: observabilitySchema,
    cost,
    /** Chat webhook that also receives alerts; set it with `pulumi config set --secret`. */
    alertWebhookUrl: text(/^https:\/\/\S+$/, "an https URL").optional(),
});

export type PlatformInput = z.input<typeof platformSchema>;
export type ParsedPlatform = z.output<typeof platformSchema>;
export type RegionConfig = ParsedPlatform["regions"][number];
export type NetworkConfig = ParsedPlatform["network"];
export type ServiceConfig = ParsedPlatform["services"][string];
export type ClusterConfig = ParsedPlatform["cluster"];
export type NodeGroupConfig = ClusterConfig["nodeGroups"][string];
export type RedisShape = z.output<typeof redisShape>;
export type CostConfig = ParsedPlatform["cost"];

/** Config keys of the `strata:` namespace, in the order people read them. */
export const CONFIG_KEYS = Object.keys(platformSchema.shape) as (keyof ParsedPlatform)[];
