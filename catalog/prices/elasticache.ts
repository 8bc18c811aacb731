import { Source } from "../source";
import { HourlyTable, RegionalRates } from "./types";

/*
 * Amazon ElastiCache list prices in USD: on-demand node-hours of node-based Redis OSS and Valkey clusters, per node
 * type of CACHE_NODE_TYPES (../cacheNodeTypes.ts), and backup storage.
 *
 * Node prices: the metered-unit price map AWS's ElastiCache pricing page draws its tables from
 * (b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/elasticache/…), as committed by the aws-price-watcher repository
 * on 2025-06-05, rows "OnDemand Cache Instance … cache <type> Redis|Valkey Current Generation". Every row is a value
 * read there (Valkey is listed at 80 % of Redis OSS, the "20 % lower" AWS advertises, but no row relies on that).
 * The us-east-1 Redis OSS rows agree, all 46, with a second copy of the AWS Price List read earlier.
 * Left out: the Graviton4 m8g and r8g types (Valkey only), which that map does not list yet.
 *
 * Backup: one backup per active cluster is stored free; additional backup storage is charged per GB-month at one
 * rate "for all AWS Regions"; creating or restoring a backup moves no billed data.
 */

const CHECKED = "2026-12-06";

const NODE_PRICES: Source = {
    url: "https://github.com/QuinnyPig/aws-price-watcher/blob/a6645eb2e53e9399396a714cdc4f3c346c7f06c0/processed/elasticache.json",
    version: "AWS pricing-page metered-unit map for ElastiCache as of 2025-06-05: OnDemand Cache Instance rows, Current Generation, Redis and Valkey",
    checked: CHECKED,
};

const BACKUP_COSTS: Source = {
    url: "https://github.com/awsdocs/amazon-elasticache-docs/blob/2b949d58608f3edfa250123824ecaf253e0cea4b/doc_source/redis/backups.md#backups-costs",
    version: 'ElastiCache for Redis user guide, "Backup Costs": one backup per active cluster free; additional backup storage $0.085/GB per month for all regions (archived awsdocs repository copy)',
    checked: CHECKED,
};

/** Redis OSS node-hours. */
export const ELASTICACHE_REDIS: HourlyTable = {
    "us-east-1": {
        source: NODE_PRICES,
        usdPerHour: {
            "cache.t3.micro": 0.017, "cache.t3.small": 0.034, "cache.t3.medium": 0.068,
            "cache.t4g.micro": 0.016, "cache.t4g.small": 0.032, "cache.t4g.medium": 0.065,
            "cache.m5.large": 0.156, "cache.m5.xlarge": 0.311, "cache.m5.2xlarge": 0.623, "cache.m5.4xlarge": 1.245,
            "cache.m5.12xlarge": 3.744, "cache.m5.24xlarge": 7.488,
            "cache.m6g.large": 0.149, "cache.m6g.xlarge": 0.297, "cache.m6g.2xlarge": 0.593, "cache.m6g.4xlarge": 1.186,
            "cache.m6g.8xlarge": 2.372, "cache.m6g.12xlarge": 3.557, "cache.m6g.16xlarge": 4.743,
            "cache.m7g.large": 0.158, "cache.m7g.xlarge": 0.315, "cache.m7g.2xlarge": 0.629, "cache.m7g.4xlarge": 1.257,
            "cache.m7g.8xlarge": 2.514, "cache.m7g.12xlarge": 3.77, "cache.m7g.16xlarge": 5.028,
            "cache.r5.large": 0.216, "cache.r5.xlarge": 0.431, "cache.r5.2xlarge": 0.862, "cache.r5.4xlarge": 1.724,
            "cache.r5.12xlarge": 5.184, "cache.r5.24xlarge": 10.368,
            "cache.r6g.large": 0.206, "cache.r6g.xlarge": 0.411, "cache.r6g.2xlarge": 0.821, "cache.r6g.4xlarge": 1.642,
            "cache.r6g.8xlarge": 3.284, "cache.r6g.12xlarge": 4.925, "cache.r6g.16xlarge": 6.567,
            "cache.r7g.large": 0.219, "cache.r7g.xlarge": 0.437, "cache.r7g.2xlarge": 0.873, "cache.r7g.4xlarge": 1.745,
            "cache.r7g.8xlarge": 3.491, "cache.r7g.12xlarge": 5.235, "cache.r7g.16xlarge": 6.981,
        },
    },
    "eu-west-1": {
        source: NODE_PRICES,
        usdPerHour: {
            "cache.t3.micro": 0.018, "cache.t3.small": 0.036, "cache.t3.medium": 0.072,
            "cache.t4g.micro": 0.017, "cache.t4g.small": 0.034, "cache.t4g.medium": 0.068,
            "cache.m5.large": 0.172, "cache.m5.xlarge": 0.343, "cache.m5.2xlarge": 0.686, "cache.m5.4xlarge": 1.373,
            "cache.m5.12xlarge": 4.128, "cache.m5.24xlarge": 8.256,
            "cache.m6g.large": 0.164, "cache.m6g.xlarge": 0.327, "cache.m6g.2xlarge": 0.654, "cache.m6g.4xlarge": 1.308,
            "cache.m6g.8xlarge": 2.615, "cache.m6g.12xlarge": 3.922, "cache.m6g.16xlarge": 5.229,
            "cache.m7g.large": 0.174, "cache.m7g.xlarge": 0.347, "cache.m7g.2xlarge": 0.693, "cache.m7g.4xlarge": 1.386,
            "cache.m7g.8xlarge": 2.772, "cache.m7g.12xlarge": 4.157, "cache.m7g.16xlarge": 5.543,
            "cache.r5.large": 0.241, "cache.r5.xlarge": 0.48, "cache.r5.2xlarge": 0.961, "cache.r5.4xlarge": 1.921,
            "cache.r5.12xlarge": 5.775, "cache.r5.24xlarge": 11.55,
            "cache.r6g.large": 0.229, "cache.r6g.xlarge": 0.458, "cache.r6g.2xlarge": 0.916, "cache.r6g.4xlarge": 1.832,
            "cache.r6g.8xlarge": 3.664, "cache.r6g.12xlarge": 5.495, "cache.r6g.16xlarge": 7.327,
            "cache.r7g.large": 0.243, "cache.r7g.xlarge": 0.487, "cache.r7g.2xlarge": 0.974, "cache.r7g.4xlarge": 1.947,
            "cache.r7g.8xlarge": 3.895, "cache.r7g.12xlarge": 5.841, "cache.r7g.16xlarge": 7.789,
        },
    },
    "ap-southeast-1": {
        source: NODE_PRICES,
        usdPerHour: {
            "cache.t3.micro": 0.025, "cache.t3.small": 0.05, "cache.t3.medium": 0.1,
            "cache.t4g.micro": 0.024, "cache.t4g.small": 0.048, "cache.t4g.medium": 0.095,
            "cache.m5.large": 0.194, "cache.m5.xlarge": 0.389, "cache.m5.2xlarge": 0.778, "cache.m5.4xlarge": 1.555,
            "cache.m5.12xlarge": 4.666, "cache.m5.24xlarge": 9.331,
            "cache.m6g.large": 0.185, "cache.m6g.xlarge": 0.369, "cache.m6g.2xlarge": 0.738, "cache.m6g.4xlarge": 1.475,
            "cache.m6g.8xlarge": 2.949, "cache.m6g.12xlarge": 4.424, "cache.m6g.16xlarge": 5.898,
            "cache.m7g.large": 0.197, "cache.m7g.xlarge": 0.392, "cache.m7g.2xlarge": 0.783, "cache.m7g.4xlarge": 1.564,
            "cache.m7g.8xlarge": 3.126, "cache.m7g.12xlarge": 4.69, "cache.m7g.16xlarge": 6.252,
            "cache.r5.large": 0.259, "cache.r5.xlarge": 0.517, "cache.r5.2xlarge": 1.035, "cache.r5.4xlarge": 2.069,
            "cache.r5.12xlarge": 6.207, "cache.r5.24xlarge": 12.414,
            "cache.r6g.large": 0.247, "cache.r6g.xlarge": 0.493, "cache.r6g.2xlarge": 0.985, "cache.r6g.4xlarge": 1.969,
            "cache.r6g.8xlarge": 3.937, "cache.r6g.12xlarge": 5.906, "cache.r6g.16xlarge": 7.874,
            "cache.r7g.large": 0.263, "cache.r7g.xlarge": 0.525, "cache.r7g.2xlarge": 1.048, "cache.r7g.4xlarge": 2.094,
            "cache.r7g.8xlarge": 4.186, "cache.r7g.12xlarge": 6.279, "cache.r7g.16xlarge": 8.371,
        },
    },
};

/** Valkey node-hours. */
export const ELASTICACHE_VALKEY: HourlyTable = {
    "us-east-1": {
        source: NODE_PRICES,
        usdPerHour: {
            "cache.t3.micro": 0.0136, "cache.t3.small": 0.0272, "cache.t3.medium": 0.0544,
            "cache.t4g.micro": 0.0128, "cache.t4g.small": 0.0256, "cache.t4g.medium": 0.052,
            "cache.m5.large": 0.1248, "cache.m5.xlarge": 0.2488, "cache.m5.2xlarge": 0.4984, "cache.m5.4xlarge": 0.996,
            "cache.m5.12xlarge": 2.9952, "cache.m5.24xlarge": 5.9904,
            "cache.m6g.large": 0.1192, "cache.m6g.xlarge": 0.2376, "cache.m6g.2xlarge": 0.4744, "cache.m6g.4xlarge": 0.9488,
            "cache.m6g.8xlarge": 1.8976, "cache.m6g.12xlarge": 2.8456, "cache.m6g.16xlarge": 3.7944,
            "cache.m7g.large": 0.1264, "cache.m7g.xlarge": 0.252, "cache.m7g.2xlarge": 0.5032, "cache.m7g.4xlarge": 1.0056,
            "cache.m7g.8xlarge": 2.0112, "cache.m7g.12xlarge": 3.016, "cache.m7g.16xlarge": 4.0224,
            "cache.r5.large": 0.1728, "cache.r5.xlarge": 0.3448, "cache.r5.2xlarge": 0.6896, "cache.r5.4xlarge": 1.3792,
            "cache.r5.12xlarge": 4.1472, "cache.r5.24xlarge": 8.2944,
            "cache.r6g.large": 0.1648, "cache.r6g.xlarge": 0.3288, "cache.r6g.2xlarge": 0.6568, "cache.r6g.4xlarge": 1.3136,
            "cache.r6g.8xlarge": 2.6272, "cache.r6g.12xlarge": 3.94, "cache.r6g.16xlarge": 5.2536,
            "cache.r7g.large": 0.1752, "cache.r7g.xlarge": 0.3496, "cache.r7g.2xlarge": 0.6984, "cache.r7g.4xlarge": 1.396,
            "cache.r7g.8xlarge": 2.7928, "cache.r7g.12xlarge": 4.188, "cache.r7g.16xlarge": 5.5848,
        },
    },
    "eu-west-1": {
        source: NODE_PRICES,
        usdPerHour: {
            "cache.t3.micro": 0.0144, "cache.t3.small": 0.0288, "cache.t3.medium": 0.0576,
            "cache.t4g.micro": 0.0136, "cache.t4g.small": 0.0272, "cache.t4g.medium": 0.0544,
            "cache.m5.large": 0.1376, "cache.m5.xlarge": 0.2744, "cache.m5.2xlarge": 0.5488, "cache.m5.4xlarge": 1.0984,
            "cache.m5.12xlarge": 3.3024, "cache.m5.24xlarge": 6.6048,
            "cache.m6g.large": 0.1312, "cache.m6g.xlarge": 0.2616, "cache.m6g.2xlarge": 0.5232, "cache.m6g.4xlarge": 1.0464,
            "cache.m6g.8xlarge": 2.092, "cache.m6g.12xlarge": 3.1376, "cache.m6g.16xlarge": 4.1832,
            "cache.m7g.large": 0.1392, "cache.m7g.xlarge": 0.2776, "cache.m7g.2xlarge": 0.5544, "cache.m7g.4xlarge": 1.1088,
            "cache.m7g.8xlarge": 2.2176, "cache.m7g.12xlarge": 3.3256, "cache.m7g.16xlarge": 4.4344,
            "cache.r5.large": 0.1928, "cache.r5.xlarge": 0.384, "cache.r5.2xlarge": 0.7688, "cache.r5.4xlarge": 1.5368,
            "cache.r5.12xlarge": 4.62, "cache.r5.24xlarge": 9.24,
            "cache.r6g.large": 0.1832, "cache.r6g.xlarge": 0.3664, "cache.r6g.2xlarge": 0.7328, "cache.r6g.4xlarge": 1.4656,
            "cache.r6g.8xlarge": 2.9312, "cache.r6g.12xlarge": 4.396, "cache.r6g.16xlarge": 5.8616,
            "cache.r7g.large": 0.1944, "cache.r7g.xlarge": 0.3896, "cache.r7g.2xlarge": 0.7792, "cache.r7g.4xlarge": 1.5576,
            "cache.r7g.8xlarge": 3.116, "cache.r7g.12xlarge": 4.6728, "cache.r7g.16xlarge": 6.2312,
        },
    },
    "ap-southeast-1": {
        source: NODE_PRICES,
        usdPerHour: {
            "cache.t3.micro": 0.02, "cache.t3.small": 0.04, "cache.t3.medium": 0.08,
            "cache.t4g.micro": 0.0192, "cache.t4g.small": 0.0384, "cache.t4g.medium": 0.076,
            "cache.m5.large": 0.1552, "cache.m5.xlarge": 0.3112, "cache.m5.2xlarge": 0.6224, "cache.m5.4xlarge": 1.244,
            "cache.m5.12xlarge": 3.7328, "cache.m5.24xlarge": 7.4648,
            "cache.m6g.large": 0.148, "cache.m6g.xlarge": 0.2952, "cache.m6g.2xlarge": 0.5904, "cache.m6g.4xlarge": 1.18,
            "cache.m6g.8xlarge": 2.3592, "cache.m6g.12xlarge": 3.5392, "cache.m6g.16xlarge": 4.7184,
            "cache.m7g.large": 0.1576, "cache.m7g.xlarge": 0.3136, "cache.m7g.2xlarge": 0.6264, "cache.m7g.4xlarge": 1.2512,
            "cache.m7g.8xlarge": 2.5008, "cache.m7g.12xlarge": 3.752, "cache.m7g.16xlarge": 5.0016,
            "cache.r5.large": 0.2072, "cache.r5.xlarge": 0.4136, "cache.r5.2xlarge": 0.828, "cache.r5.4xlarge": 1.6552,
            "cache.r5.12xlarge": 4.9656, "cache.r5.24xlarge": 9.9312,
            "cache.r6g.large": 0.1976, "cache.r6g.xlarge": 0.3944, "cache.r6g.2xlarge": 0.788, "cache.r6g.4xlarge": 1.5752,
            "cache.r6g.8xlarge": 3.1496, "cache.r6g.12xlarge": 4.7248, "cache.r6g.16xlarge": 6.2992,
            "cache.r7g.large": 0.2104, "cache.r7g.xlarge": 0.42, "cache.r7g.2xlarge": 0.8384, "cache.r7g.4xlarge": 1.6752,
            "cache.r7g.8xlarge": 3.3488, "cache.r7g.12xlarge": 5.0232, "cache.r7g.16xlarge": 6.6968,
        },
    },
};

const backupRate = { usd: 0.085, per: "GB-month", source: BACKUP_COSTS };

export const ELASTICACHE_BACKUP: RegionalRates<"backupGbMonth"> = {
    "us-east-1": { backupGbMonth: backupRate },
    "eu-west-1": { backupGbMonth: backupRate },
    "ap-southeast-1": { backupGbMonth: backupRate },
};
