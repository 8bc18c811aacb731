import { Source } from "../source";
import { HourlyTable, PricedRegion, RegionalRates } from "./types";

/*
 * Aurora PostgreSQL prices: provisioned on-demand DB instance hours for Aurora Standard and Aurora I/O-Optimized
 * clusters, cluster storage, I/O, backup and Global Database replicated writes, RDS Proxy, and Performance
 * Insights / Database Insights. List prices in USD, before free tiers, Reserved Instances or Savings Plans.
 *
 * Where they came from. AWS's pricing pages (aws.amazon.com/rds/aurora/pricing/, /rds/proxy/pricing/,
 * /rds/performance-insights/pricing/) draw their price tables with JavaScript, and the stored copies the catalog
 * could read hold only the surrounding prose, with no figures. So:
 *   - us-east-1 instance, storage, I/O and backup rates come from AWS's own aws/agent-toolkit-for-aws repository
 *     (the Aurora PostgreSQL skill's static price tables, which it documents as its fallback for the AWS Price List
 *     API), at a pinned commit;
 *   - Aurora I/O-Optimized instance prices are derived from the Standard ones by the +30 % compute premium that the
 *     same source states for I/O-Optimized, rounded to three decimals as AWS lists Aurora prices. Two values
 *     cross-check with Price List shaped test fixtures: db.r6g.large 0.338 and db.r6g.2xlarge 1.349;
 *   - Global Database replicated write I/O and RDS Proxy come from dated third-party write-ups that quote the
 *     us-east-1 price (named in each Source).
 *
 * What is left out, and refused by the lookups rather than guessed:
 *   - every eu-west-1 and ap-southeast-1 price: no source that could be read gave Aurora, RDS Proxy or storage
 *     rates for those regions (the source above warns that regional rates do not follow a fixed multiplier);
 *   - db.r6i.* in every region, for both configurations: no source with Aurora PostgreSQL db.r6i prices was found;
 *   - Performance Insights / Database Insights paid retention in every region: no price could be read (see
 *     PERFORMANCE_INSIGHTS below).
 * The RegionalRates tables are built with `partialRates`, so a missing rate is an absent key at run time, and the
 * lookups refuse it by name.
 */

const CHECKED = "2026-12-06";

const TOOLKIT_COMMIT = "d6ad2e44d5e3077b85b63f322e007c84f94f3a6c";
const TOOLKIT = `https://github.com/aws/agent-toolkit-for-aws/blob/${TOOLKIT_COMMIT}/skills/specialized-skills/database-skills/amazon-aurora-postgresql`;

/** us-east-1 Aurora Standard on-demand instance prices (all sizes up to 16xlarge are in the script's table). */
const AURORA_STANDARD_US_EAST_1: Source = {
    url: `${TOOLKIT}/scripts/commitment_pricing_analyzer.py`,
    version:
        "_STATIC_INSTANCE_PRICES: static on-demand prices, us-east-1, Aurora PostgreSQL/MySQL Standard, the script's " +
        "fallback for the AWS Price List API; large to 8xlarge and db.t4g agree with the Aurora PostgreSQL table in " +
        "references/serverless-advisory-formulas-and-examples.md at the same commit",
    checked: CHECKED,
};

/** us-east-1 Aurora I/O-Optimized instance prices, derived from the Standard ones by the documented premium. */
const AURORA_IO_OPTIMIZED_US_EAST_1: Source = {
    url: `${TOOLKIT}/references/io-optimized-pricing-tables.md`,
    version:
        "derived: Standard price (scripts/commitment_pricing_analyzer.py, same commit) x 1.30, the '+30% on compute' " +
        "this table and IO_OPT_COMPUTE_MULTIPLIER = 1.30 state for I/O-Optimized; rounded to 3 decimals, so a value " +
        "may differ from AWS's list by $0.001",
    checked: CHECKED,
};

/** us-east-1 Aurora storage, I/O and backup rates. */
const AURORA_STORAGE_US_EAST_1: Source = {
    url: `${TOOLKIT}/references/io-optimized-pricing-tables.md`,
    version:
        "Pricing constants (us-east-1): storage $0.10 (Standard) / $0.225 (I/O-Optimized) per GiB-month, I/O $0.20 " +
        "per million (Standard only); backup $0.021 per GiB-month after 1x cluster size free from " +
        "references/serverless-advisory-formulas-and-examples.md at the same commit",
    checked: CHECKED,
};

const GLOBAL_DATABASE_US_EAST_1: Source = {
    url: "https://github.com/bytebase/bytebase.com/blob/40e2c3be8106ac7de47b5154a510b3759aaf004d/content/blog/understanding-aws-aurora-pricing.md",
    version:
        "third-party blog (updated 2026-02-20), US East (N. Virginia): Aurora Global Database replicated write I/Os " +
        "'~$0.20 per million', quoted as approximate",
    checked: CHECKED,
};

const RDS_PROXY_US_EAST_1: Source = {
    url: "https://github.com/Kyle-Bolin/CarCrashAPI/blob/fe7a265ab64699a5c7e7b55464afa12ae9bfd9fd/docs/adr/0002-aws-architecture.md",
    version:
        "third-party ADR dated 2026-10-03, us-east-1 on-demand: RDS Proxy 'billed at $0.015 per vCPU-hour with a " +
        "2-vCPU minimum' (about $22 a month at the minimum)",
    checked: CHECKED,
};

const PERFORMANCE_INSIGHTS_RETENTION: Source = {
    url: "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_rds.PerformanceInsightRetention.html",
    version: "PerformanceInsightRetention: 7 days is the default, free tier; paid retention is month * 31 or 731 days",
    checked: CHECKED,
};

const DATABASE_INSIGHTS: Source = {
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DatabaseInsights.Considerations.html",
    version:
        "Database Insights Advanced mode needs Performance Insights retention of at least 465 days, at no cost " +
        "beyond Database Insights, which is priced on the Amazon CloudWatch pricing page",
    checked: CHECKED,
};

/** Rows for a region no source priced: an empty table, so every class there is refused. */
const UNPRICED = (region: PricedRegion, what: string): Source => ({
    url: "https://aws.amazon.com/rds/aurora/pricing/",
    version: `no ${what} price for ${region} could be read (the stored page has no price tables); rows left out`,
    checked: CHECKED,
});

/** Standard on-demand USD per hour, us-east-1, Aurora PostgreSQL. */
const STANDARD_US_EAST_1: Readonly<Record<string, number>> = {
    // Graviton4 memory optimised
    "db.r8g.large": 0.276,
    "db.r8g.xlarge": 0.552,
    "db.r8g.2xlarge": 1.104,
    "db.r8g.4xlarge": 2.208,
    "db.r8g.8xlarge": 4.416,
    "db.r8g.12xlarge": 6.624,
    "db.r8g.16xlarge": 8.832,
    // Graviton3 memory optimised
    "db.r7g.large": 0.276,
    "db.r7g.xlarge": 0.553,
    "db.r7g.2xlarge": 1.106,
    "db.r7g.4xlarge": 2.211,
    "db.r7g.8xlarge": 4.422,
    "db.r7g.12xlarge": 6.633,
    "db.r7g.16xlarge": 8.844,
    // Graviton2 memory optimised
    "db.r6g.large": 0.26,
    "db.r6g.xlarge": 0.519,
    "db.r6g.2xlarge": 1.038,
    "db.r6g.4xlarge": 2.076,
    "db.r6g.8xlarge": 4.152,
    "db.r6g.12xlarge": 6.228,
    "db.r6g.16xlarge": 8.304,
    // Burstable
    "db.t4g.medium": 0.073,
    "db.t4g.large": 0.146,
};

/** The I/O-Optimized compute premium the source states: +30 % on the Standard instance price. */
const IO_OPTIMIZED_COMPUTE_MULTIPLIER = 1.3;

const ioOptimized = (standard: Readonly<Record<string, number>>): Readonly<Record<string, number>> =>
    Object.fromEntries(
        Object.entries(standard).map(([cls, usd]) => [cls, Math.round(usd * IO_OPTIMIZED_COMPUTE_MULTIPLIER * 1000) / 1000]),
    );

export const AURORA_POSTGRES_STANDARD: HourlyTable = {
    "us-east-1": { source: AURORA_STANDARD_US_EAST_1, usdPerHour: STANDARD_US_EAST_1 },
    "eu-west-1": { source: UNPRICED("eu-west-1", "Aurora PostgreSQL Standard instance"), usdPerHour: {} },
    "ap-southeast-1": { source: UNPRICED("ap-southeast-1", "Aurora PostgreSQL Standard instance"), usdPerHour: {} },
};

export const AURORA_POSTGRES_IO_OPTIMIZED: HourlyTable = {
    "us-east-1": { source: AURORA_IO_OPTIMIZED_US_EAST_1, usdPerHour: ioOptimized(STANDARD_US_EAST_1) },
    "eu-west-1": { source: UNPRICED("eu-west-1", "Aurora PostgreSQL I/O-Optimized instance"), usdPerHour: {} },
    "ap-southeast-1": { source: UNPRICED("ap-southeast-1", "Aurora PostgreSQL I/O-Optimized instance"), usdPerHour: {} },
};

type AuroraStorageKey =
    | "storageStandardGbMonth"
    | "storageIoOptimizedGbMonth"
    | "ioPerMillionRequests"
    | "backupGbMonth"
    | "replicatedWriteIoPerMillion";

/**
 * Aurora cluster storage (Standard and I/O-Optimized), I/O requests (Standard only; I/O-Optimized has no I/O
 * charge), backup storage beyond the free share (backup up to 100 % of the cluster's storage is free), and Global
 * Database replicated write I/Os.
 */
export const AURORA_STORAGE: RegionalRates<AuroraStorageKey> = {
    "us-east-1": {
        storageStandardGbMonth: { usd: 0.1, per: "GB-month", source: AURORA_STORAGE_US_EAST_1 },
        storageIoOptimizedGbMonth: { usd: 0.225, per: "GB-month", source: AURORA_STORAGE_US_EAST_1 },
        ioPerMillionRequests: { usd: 0.2, per: "million requests", source: AURORA_STORAGE_US_EAST_1 },
        backupGbMonth: { usd: 0.021, per: "GB-month", source: AURORA_STORAGE_US_EAST_1 },
        replicatedWriteIoPerMillion: { usd: 0.2, per: "million replicated write I/Os", source: GLOBAL_DATABASE_US_EAST_1 },
    },
    "eu-west-1": {},
    "ap-southeast-1": {},
};

/**
 * RDS Proxy for provisioned DB instances: billed per vCPU-hour of the DB instances the proxy targets, with a
 * minimum charge of RDS_PROXY_MIN_VCPU vCPUs.
 */
export const RDS_PROXY: RegionalRates<"perVcpuHour"> = {
    "us-east-1": {
        perVcpuHour: { usd: 0.015, per: "vCPU-hour", source: RDS_PROXY_US_EAST_1 },
    },
    "eu-west-1": {},
    "ap-southeast-1": {},
};

export const RDS_PROXY_MIN_VCPU: { readonly value: number; readonly source: Source } = {
    value: 2,
    source: RDS_PROXY_US_EAST_1,
};

/**
 * Performance Insights retention beyond the free tier, per vCPU-month. Not priced in any region: no stored copy of
 * the Performance Insights or CloudWatch pricing page had figures. AWS now documents paid retention as part of
 * CloudWatch Database Insights: its Advanced mode needs Performance Insights retention of at least 465 days and is
 * priced on the CloudWatch pricing page (DATABASE_INSIGHTS), whose figures and billing unit could not be read here, so
 * whoever fills these rows must check the unit there. The stack keeps 31 days, which is beyond the free 7.
 */
export const PERFORMANCE_INSIGHTS: RegionalRates<"perVcpuMonthBeyondFree"> = {
    "us-east-1": {},
    "eu-west-1": {},
    "ap-southeast-1": {},
};

/** The free Performance Insights retention, in days. */
export const PERFORMANCE_INSIGHTS_FREE_RETENTION_DAYS: { readonly value: number; readonly source: Source } = {
    value: 7,
    source: PERFORMANCE_INSIGHTS_RETENTION,
};

/** Where paid Performance Insights retention is billed today (Database Insights Advanced mode, CloudWatch pricing). */
export const PERFORMANCE_INSIGHTS_BILLING_NOTE: { readonly note: string; readonly source: Source } = {
    note:
        "Retention beyond the free 7 days is billed through CloudWatch Database Insights; Advanced mode requires a " +
        "Performance Insights retention of at least 465 days at no cost beyond Database Insights itself.",
    source: DATABASE_INSIGHTS,
};
