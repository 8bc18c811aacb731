import { Source } from "../source";
import { HourlyTable, RegionalRates } from "./types";

/*
 * Amazon ElastiCache list prices: on-demand node-hours for node-based (self-designed) Redis OSS and Valkey
 * clusters, per node type of CACHE_NODE_TYPES (../cacheNodeTypes.ts), and backup storage per GB-month.
 *
 * Where the numbers come from:
 *  - us-east-1 node prices (both engines) are the AWS Price List API's NodeUsage:<type> rates for productFamily
 *    "Cache Instance" (cacheEngine Redis, resp. Valkey), as copied (read 2026-10-02) into a public repository's
 *    pricing module. The code index that served that file does not name its repository, so the Source points at
 *    the upstream Price List offer file and says so; the values were not re-read from AWS. Spot checks against
 *    other public code agree: r6g.large 0.206, r7g.large 0.219, m5.large 0.156, t3.micro 0.017, t4g.micro 0.016.
 *    Every Valkey value is a read value, not derived from the Redis one (they do sit at 0.8x the Redis rate,
 *    i.e. the "20 % lower" AWS advertises; no row here relies on that rule).
 *  - eu-west-1 Valkey: only cache.t4g.micro/small/medium, as quoted (from the eu-west-1 Price List offer file)
 *    in a public cost-estimate document reviewed 2026-03-23.
 *  - Backup storage: the ElastiCache user guide (awsdocs repository copy, "Backup costs").
 *
 * Left out (the lookups refuse a missing type/region with an error, which is intended):
 *  - Redis OSS in eu-west-1 and ap-southeast-1: every node type (no readable source found).
 *  - Valkey in eu-west-1: every type except t4g.micro/small/medium; Valkey in ap-southeast-1: every type.
 *  - Redis OSS for m8g / r8g: these are Valkey-only in CACHE_NODE_TYPES, so no Redis price is needed.
 *
 * Backup free share (ElastiCache user guide): one backup per active cluster is stored free of charge; storage
 * for additional backups is charged per GB-month at one rate "for all AWS Regions"; there are no data transfer
 * fees for creating a backup or restoring from one.
 */

const CHECKED = "2026-12-06";

const PRICE_LIST_US_EAST_1: Source = {
    url: "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonElastiCache/current/us-east-1/index.json",
    version:
        "AWS Price List API, AmazonElastiCache, productFamily Cache Instance, NodeUsage:<type>, OnDemand, read " +
        "2026-10-02 — NOT re-read from this URL: values as copied from it into a public repository's pricing " +
        "module (code-index file id 70712899090; the index does not name the repository). Redis and Valkey " +
        "rows are both read values.",
    checked: CHECKED,
};

const PRICE_LIST_EU_WEST_1_VIA_ESTIMATE: Source = {
    url: "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonElastiCache/current/eu-west-1/index.json",
    version:
        "ElastiCache for Valkey node-hour prices for cache.t4g.micro/small/medium in eu-west-1 as quoted from " +
        "this Price List offer file by a public cost-estimate document (\"Corpershub Cloud Deployment Cost " +
        "Estimate\", reviewed 2026-03-23; code-index file id 65858378339, repository not named by the index); " +
        "not re-read from AWS.",
    checked: CHECKED,
};

const NO_SOURCE_FOUND = (region: string, engine: string): Source => ({
    url: "https://aws.amazon.com/elasticache/pricing/",
    version:
        `no ${engine} node prices recorded for ${region}: the stored copy of this page carries no price tables ` +
        "and no public data source with this region's values was found; every node type is refused.",
    checked: CHECKED,
});

const BACKUP_COSTS: Source = {
    url: "https://github.com/awsdocs/amazon-elasticache-docs/blob/2b949d58608f3edfa250123824ecaf253e0cea4b/doc_source/redis/backups.md#backups-costs",
    version:
        "ElastiCache for Redis user guide, \"Backup Costs\": one backup per active cluster free; additional " +
        "backup storage $0.085/GB per month for all regions (archived awsdocs repository copy)",
    checked: CHECKED,
};

export const ELASTICACHE_REDIS: HourlyTable = {
    "us-east-1": {
        source: PRICE_LIST_US_EAST_1,
        usdPerHour: {
            // Burstable
            "cache.t3.micro": 0.017,
            "cache.t3.small": 0.034,
            "cache.t3.medium": 0.068,
            "cache.t4g.micro": 0.016,
            "cache.t4g.small": 0.032,
            "cache.t4g.medium": 0.065,
            // General purpose: M5
            "cache.m5.large": 0.156,
            "cache.m5.xlarge": 0.311,
            "cache.m5.2xlarge": 0.623,
            "cache.m5.4xlarge": 1.245,
            "cache.m5.12xlarge": 3.744,
            "cache.m5.24xlarge": 7.488,
            // General purpose: M6g
            "cache.m6g.large": 0.149,
            "cache.m6g.xlarge": 0.297,
            "cache.m6g.2xlarge": 0.593,
            "cache.m6g.4xlarge": 1.186,
            "cache.m6g.8xlarge": 2.372,
            "cache.m6g.12xlarge": 3.557,
            "cache.m6g.16xlarge": 4.743,
            // General purpose: M7g
            "cache.m7g.large": 0.158,
            "cache.m7g.xlarge": 0.315,
            "cache.m7g.2xlarge": 0.629,
            "cache.m7g.4xlarge": 1.257,
            "cache.m7g.8xlarge": 2.514,
            "cache.m7g.12xlarge": 3.77,
            "cache.m7g.16xlarge": 5.028,
            // Memory optimized: R5
            "cache.r5.large": 0.216,
            "cache.r5.xlarge": 0.431,
            "cache.r5.2xlarge": 0.862,
            "cache.r5.4xlarge": 1.724,
            "cache.r5.12xlarge": 5.184,
            "cache.r5.24xlarge": 10.368,
            // Memory optimized: R6g
            "cache.r6g.large": 0.206,
            "cache.r6g.xlarge": 0.411,
            "cache.r6g.2xlarge": 0.821,
            "cache.r6g.4xlarge": 1.642,
            "cache.r6g.8xlarge": 3.284,
            "cache.r6g.12xlarge": 4.925,
            "cache.r6g.16xlarge": 6.567,
            // Memory optimized: R7g
            "cache.r7g.large": 0.219,
            "cache.r7g.xlarge": 0.437,
            "cache.r7g.2xlarge": 0.873,
            "cache.r7g.4xlarge": 1.745,
            "cache.r7g.8xlarge": 3.491,
            "cache.r7g.12xlarge": 5.235,
            "cache.r7g.16xlarge": 6.981,
        },
    },
    "eu-west-1": { source: NO_SOURCE_FOUND("eu-west-1", "Redis OSS"), usdPerHour: {} },
    "ap-southeast-1": { source: NO_SOURCE_FOUND("ap-southeast-1", "Redis OSS"), usdPerHour: {} },
};

export const ELASTICACHE_VALKEY: HourlyTable = {
    "us-east-1": {
        source: PRICE_LIST_US_EAST_1,
        usdPerHour: {
            // Burstable
            "cache.t3.micro": 0.0136,
            "cache.t3.small": 0.0272,
            "cache.t3.medium": 0.0544,
            "cache.t4g.micro": 0.0128,
            "cache.t4g.small": 0.0256,
            "cache.t4g.medium": 0.052,
            // General purpose: M5
            "cache.m5.large": 0.1248,
            "cache.m5.xlarge": 0.2488,
            "cache.m5.2xlarge": 0.4984,
            "cache.m5.4xlarge": 0.996,
            "cache.m5.12xlarge": 2.9952,
            "cache.m5.24xlarge": 5.9904,
            // General purpose: M6g
            "cache.m6g.large": 0.1192,
            "cache.m6g.xlarge": 0.2376,
            "cache.m6g.2xlarge": 0.4744,
            "cache.m6g.4xlarge": 0.9488,
            "cache.m6g.8xlarge": 1.8976,
            "cache.m6g.12xlarge": 2.8456,
            "cache.m6g.16xlarge": 3.7944,
            // General purpose: M7g
            "cache.m7g.large": 0.1264,
            "cache.m7g.xlarge": 0.252,
            "cache.m7g.2xlarge": 0.5032,
            "cache.m7g.4xlarge": 1.0056,
            "cache.m7g.8xlarge": 2.0112,
            "cache.m7g.12xlarge": 3.016,
            "cache.m7g.16xlarge": 4.0224,
            // General purpose: M8g (Valkey only)
            "cache.m8g.large": 0.1266,
            "cache.m8g.xlarge": 0.2531,
            "cache.m8g.2xlarge": 0.5062,
            "cache.m8g.4xlarge": 1.0125,
            "cache.m8g.8xlarge": 2.025,
            "cache.m8g.12xlarge": 3.0375,
            "cache.m8g.16xlarge": 4.05,
            // Memory optimized: R5
            "cache.r5.large": 0.1728,
            "cache.r5.xlarge": 0.3448,
            "cache.r5.2xlarge": 0.6896,
            "cache.r5.4xlarge": 1.3792,
            "cache.r5.12xlarge": 4.1472,
            "cache.r5.24xlarge": 8.2944,
            // Memory optimized: R6g
            "cache.r6g.large": 0.1648,
            "cache.r6g.xlarge": 0.3288,
            "cache.r6g.2xlarge": 0.6568,
            "cache.r6g.4xlarge": 1.3136,
            "cache.r6g.8xlarge": 2.6272,
            "cache.r6g.12xlarge": 3.94,
            "cache.r6g.16xlarge": 5.2536,
            // Memory optimized: R7g
            "cache.r7g.large": 0.1752,
            "cache.r7g.xlarge": 0.3496,
            "cache.r7g.2xlarge": 0.6984,
            "cache.r7g.4xlarge": 1.396,
            "cache.r7g.8xlarge": 2.7928,
            "cache.r7g.12xlarge": 4.188,
            "cache.r7g.16xlarge": 5.5848,
            // Memory optimized: R8g (Valkey only)
            "cache.r8g.large": 0.1756,
            "cache.r8g.xlarge": 0.3511,
            "cache.r8g.2xlarge": 0.7022,
            "cache.r8g.4xlarge": 1.4044,
            "cache.r8g.8xlarge": 2.8088,
            "cache.r8g.12xlarge": 4.2132,
            "cache.r8g.16xlarge": 5.6177,
        },
    },
    "eu-west-1": {
        source: PRICE_LIST_EU_WEST_1_VIA_ESTIMATE,
        usdPerHour: {
            // Burstable
            "cache.t4g.micro": 0.0136,
            "cache.t4g.small": 0.0272,
            "cache.t4g.medium": 0.0544,
        },
    },
    "ap-southeast-1": { source: NO_SOURCE_FOUND("ap-southeast-1", "Valkey"), usdPerHour: {} },
};

/** Backup storage beyond the free share (one backup per active cluster), per GB-month; one rate in all regions. */
const backupRate = { usd: 0.085, per: "GB-month", source: BACKUP_COSTS } as const;

export const ELASTICACHE_BACKUP: RegionalRates<"backupGbMonth"> = {
    "us-east-1": { backupGbMonth: backupRate },
    "eu-west-1": { backupGbMonth: backupRate },
    "ap-southeast-1": { backupGbMonth: backupRate },
};
