/*
 * The shapes of a cost estimate. Monthly figures are USD over 730 hours (AWS's own month in its pricing pages
 * and calculator), at list prices: no free tier, Savings Plans, Reserved Instances or taxes.
 */

export const HOURS_PER_MONTH = 730;

/** The parts of a stack a reviewer prices separately. */
export const COMPONENTS = ["network", "cluster and nodes", "postgres", "redis", "mesh and edge", "observability"] as const;
export type Component = (typeof COMPONENTS)[number];

/** A figure at steady state (floors, minimum replicas) and at peak (HPA maximums placed on nodes). */
export interface SteadyPeak {
    readonly steady: number;
    readonly peak: number;
}

/**
 * What the plan cannot know: traffic, log volume, storage and requests, per month and per what each name says. Defaults per environment are in stacks/presets.ts; a stack overrides them under `strata:cost.usage`.
 */
export interface Usage {
    /** GB processed by the region's NAT gateways (image pulls, calls to AWS APIs and the internet). */
    readonly natGbPerRegion: number;
    /** GB each region sends to the other regions (Aurora global replication, cross-region routing). */
    readonly interRegionGbPerRegion: number;
    /** GB through the region's transit gateway attachment (the deployer network). */
    readonly transitGatewayGbPerRegion: number;
    /** GB ingested by each service log group (EKS control plane, Postgres, Redis). */
    readonly logsIngestGbPerLogGroup: number;
    /** GB of VPC flow logs delivered to CloudWatch Logs per region (vended logs). */
    readonly flowLogsGbPerRegion: number;
    /** Aurora storage per shard cluster, GB (each global secondary keeps its own copy). */
    readonly auroraStorageGbPerShard: number;
    /** Aurora I/O requests per shard cluster, millions (billed on the Standard configuration only). */
    readonly auroraIoMillionsPerShard: number;
    /** Aurora backup storage beyond the free share (the cluster's size), GB per shard cluster. */
    readonly auroraBackupGbPerShard: number;
    /** Write I/Os replicated to each global secondary, millions per shard and secondary. */
    readonly auroraReplicatedWriteMillionsPerShard: number;
    /** ElastiCache backup storage beyond the free share (one snapshot per shard), GB per replication group. */
    readonly redisBackupGbPerRegion: number;
    /** NLCUs each regional NLB uses on average per hour. */
    readonly nlbNlcuPerHour: number;
    /** GB served through the accelerator per month, all regions (data-transfer premium). */
    readonly acceleratorGb: number;
    /** GB stored in the accelerator's flow-log bucket. */
    readonly flowLogBucketGb: number;
    /** KMS requests per key, in units of 10,000. */
    readonly kmsRequestsTenThousandsPerKey: number;
    /** Secrets Manager API calls per secret, in units of 10,000. */
    readonly secretsApiCallsTenThousandsPerSecret: number;
}

/** One priced item: a resource (or a share of the usage) in a component and region. */
export interface CostLine {
    readonly component: Component;
    /** AWS region, or "global". */
    readonly region: string;
    /** The planned resource it prices. */
    readonly urn: string;
    /** What is billed, e.g. "3 × m6i.2xlarge on-demand node-hours". */
    readonly item: string;
    readonly unit: string;
    readonly unitUsd: number;
    /** Units per month at steady state and at peak. */
    readonly quantity: SteadyPeak;
    readonly monthlyUsd: SteadyPeak;
    /** Whether the quantity comes from the usage model rather than from the plan. */
    readonly fromUsage: boolean;
}

/** A resource the estimate could not price, and why (an unknown type, region or price). */
export interface Unpriced {
    readonly urn: string;
    readonly type: string;
    readonly reason: string;
}

export interface Subtotal {
    readonly name: string;
    readonly monthlyUsd: SteadyPeak;
}

export interface CostEstimate {
    readonly currency: "USD";
    readonly hoursPerMonth: number;
    readonly monthlyUsd: SteadyPeak;
    readonly regions: readonly Subtotal[];
    readonly components: readonly Subtotal[];
    /** The same capacity with every spot node priced on demand, and what spot saves against it. */
    readonly allOnDemand: { readonly monthlyUsd: SteadyPeak; readonly savingsPercent: SteadyPeak };
    /**
     * Workload nodes kept beyond what the services at their minimum replicas need, by node-group floors and headroom
     * placeholders: the warm capacity the scale-up bound pays for all day.
     */
    readonly warmCapacity: { readonly nodes: number; readonly monthlyUsd: number };
    readonly lines: readonly CostLine[];
    readonly unpriced: readonly Unpriced[];
    readonly usage: Usage;
}

export const sum = (values: readonly SteadyPeak[]): SteadyPeak => ({
    steady: values.reduce((a, v) => a + v.steady, 0),
    peak: values.reduce((a, v) => a + v.peak, 0),
});

/** Cents are as precise as a monthly estimate can honestly be. */
export const cents = (usd: number): number => Math.round(usd * 100) / 100;

/** Dollars as every report and finding shows them: "$1,234.50". */
export const usd = (n: number): string => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
