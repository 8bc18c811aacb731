import { Source } from "../source";
import { HourlyTable, RegionalRates } from "./types";

/*
 * Aurora PostgreSQL list prices in USD: provisioned on-demand instance-hours of Aurora Standard and Aurora
 * I/O-Optimized clusters (Single-AZ instance rows: Aurora bills every instance of a cluster, writer and readers,
 * the same way), cluster storage, I/O, backup, Global Database replicated writes, and RDS Proxy.
 *
 * Where they came from: the metered-unit price maps AWS's pricing pages draw their tables from
 * (b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/rds/USD/current/rds-aurora-ondemand.json, -aurora-storage.json,
 * rds-proxy.json), as committed by the aws-price-watcher repository on 2025-06-05 (its processed/ files key each
 * metered unit by region name). Every row below is a value read there; the per-request rates (I/O, replicated
 * writes) are shown per million requests. The us-east-1 Standard and I/O-Optimized rows agree with the
 * agent-toolkit-for-aws price table and with Price List shaped fixtures to within AWS's rounding.
 *
 * Left out, and refused by the lookups rather than guessed: db.r8g.*, which the price maps of that date do not list.
 *
 * Performance Insights retention beyond the free 7 days is billed per vCPU of the instance and month: the maps'
 * "Performance Insights Aurora PostgreSQL ProvisionedFMR vCPU Months" for the first month of retention and
 * "…ProvisionedAMR vCPU Months" for each further month (the meaning of FMR and AMR from a worked example of
 * Classmethod's, named in PERFORMANCE_INSIGHTS_MAP).
 */

const CHECKED = "2026-12-06";
const MAPS = "https://github.com/QuinnyPig/aws-price-watcher/blob/a6645eb2e53e9399396a714cdc4f3c346c7f06c0/processed";

const AURORA_INSTANCES: Source = {
    url: `${MAPS}/rds-aurora-ondemand.json`,
    version: "AWS pricing-page metered-unit map rds-aurora-ondemand.json as of 2025-06-05: 'Database Instance Aurora PostgreSQL … Single-AZ' rows, with and without 'Aurora IO Optimization Mode'",
    checked: CHECKED,
};

const AURORA_STORAGE_MAP: Source = {
    url: `${MAPS}/rds-aurora-storage.json`,
    version: "AWS pricing-page metered-unit map rds-aurora-storage.json as of 2025-06-05: 'Database Storage … Aurora PostgreSQL General Purpose Aurora', 'Aurora PostgreSQL IO Optimized Aurora', 'System Operation Aurora I O Operation', 'Storage Snapshot Aurora PostgreSQL', 'Aurora PostgreSQL Aurora Global Database'",
    checked: CHECKED,
};

const RDS_PROXY_MAP: Source = {
    url: `${MAPS}/rds-proxy.json`,
    version: "AWS pricing-page metered-unit map rds-proxy.json as of 2025-06-05: 'RDSProxy Aurora PostgreSQL Hrs' (per vCPU-hour of the instances behind the proxy)",
    checked: CHECKED,
};

const PERFORMANCE_INSIGHTS_MAP: Source = {
    url: `${MAPS}/rds-aurora-storage.json`,
    version:
        "AWS pricing-page metered-unit map rds-aurora-storage.json as of 2025-06-05: 'Performance Insights Aurora PostgreSQL ProvisionedFMR vCPU Months' (the first month of retention) and '…ProvisionedAMR vCPU Months' (each further month), as Classmethod's worked example reads them " +
        "(https://devio-20240701.developers.io/articles/rds-performance-insights-cost: 2 months = $1.7561 + $0.0739 per vCPU-month)",
    checked: CHECKED,
};

const RDS_PROXY_MINIMUM: Source = {
    url: "https://github.com/Kyle-Bolin/CarCrashAPI/blob/fe7a265ab64699a5c7e7b55464afa12ae9bfd9fd/docs/adr/0002-aws-architecture.md",
    version: "third-party ADR dated 2026-10-03: RDS Proxy 'billed at $0.015 per vCPU-hour with a 2-vCPU minimum'",
    checked: CHECKED,
};

const PERFORMANCE_INSIGHTS_RETENTION: Source = {
    url: "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_rds.PerformanceInsightRetention.html",
    version: "PerformanceInsightRetention: 7 days is the default, free tier; paid retention is month * 31 or 731 days",
    checked: CHECKED,
};

/** Aurora Standard: instance-hours. */
export const AURORA_POSTGRES_STANDARD: HourlyTable = {
    "us-east-1": {
        source: AURORA_INSTANCES,
        usdPerHour: {
            "db.r7g.large": 0.276, "db.r7g.xlarge": 0.553, "db.r7g.2xlarge": 1.106, "db.r7g.4xlarge": 2.211,
            "db.r7g.8xlarge": 4.422, "db.r7g.12xlarge": 6.633, "db.r7g.16xlarge": 8.844,
            "db.r6g.large": 0.26, "db.r6g.xlarge": 0.519, "db.r6g.2xlarge": 1.038, "db.r6g.4xlarge": 2.076,
            "db.r6g.8xlarge": 4.153, "db.r6g.12xlarge": 6.229, "db.r6g.16xlarge": 8.306,
            "db.r6i.large": 0.29, "db.r6i.xlarge": 0.58, "db.r6i.2xlarge": 1.16, "db.r6i.4xlarge": 2.32,
            "db.r6i.8xlarge": 4.64, "db.r6i.12xlarge": 6.96, "db.r6i.16xlarge": 9.28,
            "db.t4g.medium": 0.073, "db.t4g.large": 0.146,
        },
    },
    "eu-west-1": {
        source: AURORA_INSTANCES,
        usdPerHour: {
            "db.r7g.large": 0.304, "db.r7g.xlarge": 0.608, "db.r7g.2xlarge": 1.216, "db.r7g.4xlarge": 2.432,
            "db.r7g.8xlarge": 4.864, "db.r7g.12xlarge": 7.296, "db.r7g.16xlarge": 9.729,
            "db.r6g.large": 0.286, "db.r6g.xlarge": 0.573, "db.r6g.2xlarge": 1.146, "db.r6g.4xlarge": 2.291,
            "db.r6g.8xlarge": 4.582, "db.r6g.12xlarge": 6.874, "db.r6g.16xlarge": 9.165,
            "db.r6i.large": 0.32, "db.r6i.xlarge": 0.64, "db.r6i.2xlarge": 1.28, "db.r6i.4xlarge": 2.56,
            "db.r6i.8xlarge": 5.12, "db.r6i.12xlarge": 7.68, "db.r6i.16xlarge": 10.24,
            "db.t4g.medium": 0.078, "db.t4g.large": 0.156,
        },
    },
    "ap-southeast-1": {
        source: AURORA_INSTANCES,
        usdPerHour: {
            "db.r7g.large": 0.333, "db.r7g.xlarge": 0.665, "db.r7g.2xlarge": 1.331, "db.r7g.4xlarge": 2.662,
            "db.r7g.8xlarge": 5.324, "db.r7g.12xlarge": 7.985, "db.r7g.16xlarge": 10.647,
            "db.r6g.large": 0.313, "db.r6g.xlarge": 0.627, "db.r6g.2xlarge": 1.253, "db.r6g.4xlarge": 2.506,
            "db.r6g.8xlarge": 5.012, "db.r6g.12xlarge": 7.518, "db.r6g.16xlarge": 10.024,
            "db.r6i.large": 0.35, "db.r6i.xlarge": 0.7, "db.r6i.2xlarge": 1.4, "db.r6i.4xlarge": 2.8,
            "db.r6i.8xlarge": 5.6, "db.r6i.12xlarge": 8.4, "db.r6i.16xlarge": 11.2,
            "db.t4g.medium": 0.114, "db.t4g.large": 0.229,
        },
    },
};

/** Aurora I/O-Optimized: instance-hours (no I/O charge; dearer storage). */
export const AURORA_POSTGRES_IO_OPTIMIZED: HourlyTable = {
    "us-east-1": {
        source: AURORA_INSTANCES,
        usdPerHour: {
            "db.r7g.large": 0.359, "db.r7g.xlarge": 0.719, "db.r7g.2xlarge": 1.437, "db.r7g.4xlarge": 2.874,
            "db.r7g.8xlarge": 5.749, "db.r7g.12xlarge": 8.623, "db.r7g.16xlarge": 11.497,
            "db.r6g.large": 0.338, "db.r6g.xlarge": 0.675, "db.r6g.2xlarge": 1.349, "db.r6g.4xlarge": 2.699,
            "db.r6g.8xlarge": 5.399, "db.r6g.12xlarge": 8.098, "db.r6g.16xlarge": 10.798,
            "db.r6i.large": 0.377, "db.r6i.xlarge": 0.754, "db.r6i.2xlarge": 1.508, "db.r6i.4xlarge": 3.016,
            "db.r6i.8xlarge": 6.032, "db.r6i.12xlarge": 9.048, "db.r6i.16xlarge": 12.064,
            "db.t4g.medium": 0.095, "db.t4g.large": 0.19,
        },
    },
    "eu-west-1": {
        source: AURORA_INSTANCES,
        usdPerHour: {
            "db.r7g.large": 0.395, "db.r7g.xlarge": 0.79, "db.r7g.2xlarge": 1.581, "db.r7g.4xlarge": 3.162,
            "db.r7g.8xlarge": 6.324, "db.r7g.12xlarge": 9.485, "db.r7g.16xlarge": 12.647,
            "db.r6g.large": 0.372, "db.r6g.xlarge": 0.745, "db.r6g.2xlarge": 1.49, "db.r6g.4xlarge": 2.978,
            "db.r6g.8xlarge": 5.957, "db.r6g.12xlarge": 8.936, "db.r6g.16xlarge": 11.915,
            "db.r6i.large": 0.416, "db.r6i.xlarge": 0.832, "db.r6i.2xlarge": 1.664, "db.r6i.4xlarge": 3.328,
            "db.r6i.8xlarge": 6.656, "db.r6i.12xlarge": 9.984, "db.r6i.16xlarge": 13.312,
            "db.t4g.medium": 0.101, "db.t4g.large": 0.203,
        },
    },
    "ap-southeast-1": {
        source: AURORA_INSTANCES,
        usdPerHour: {
            "db.r7g.large": 0.433, "db.r7g.xlarge": 0.865, "db.r7g.2xlarge": 1.73, "db.r7g.4xlarge": 3.461,
            "db.r7g.8xlarge": 6.921, "db.r7g.12xlarge": 10.381, "db.r7g.16xlarge": 13.841,
            "db.r6g.large": 0.407, "db.r6g.xlarge": 0.815, "db.r6g.2xlarge": 1.629, "db.r6g.4xlarge": 3.258,
            "db.r6g.8xlarge": 6.516, "db.r6g.12xlarge": 9.773, "db.r6g.16xlarge": 13.031,
            "db.r6i.large": 0.455, "db.r6i.xlarge": 0.91, "db.r6i.2xlarge": 1.82, "db.r6i.4xlarge": 3.64,
            "db.r6i.8xlarge": 7.28, "db.r6i.12xlarge": 10.92, "db.r6i.16xlarge": 14.56,
            "db.t4g.medium": 0.148, "db.t4g.large": 0.298,
        },
    },
};

type AuroraStorageKey = "storageStandardGbMonth" | "storageIoOptimizedGbMonth" | "ioPerMillionRequests" | "backupGbMonth" | "replicatedWriteIoPerMillion";

/**
 * Cluster storage (Standard and I/O-Optimized), I/O requests (Standard only), backup storage beyond the free share
 * (backups up to the cluster's own size are free), and Global Database replicated write I/Os.
 */
export const AURORA_STORAGE: RegionalRates<AuroraStorageKey> = {
    "us-east-1": {
        storageStandardGbMonth: { usd: 0.1, per: "GB-month", source: AURORA_STORAGE_MAP },
        storageIoOptimizedGbMonth: { usd: 0.225, per: "GB-month", source: AURORA_STORAGE_MAP },
        ioPerMillionRequests: { usd: 0.2, per: "million requests", source: AURORA_STORAGE_MAP },
        backupGbMonth: { usd: 0.021, per: "GB-month", source: AURORA_STORAGE_MAP },
        replicatedWriteIoPerMillion: { usd: 0.2, per: "million replicated write I/Os", source: AURORA_STORAGE_MAP },
    },
    "eu-west-1": {
        storageStandardGbMonth: { usd: 0.11, per: "GB-month", source: AURORA_STORAGE_MAP },
        storageIoOptimizedGbMonth: { usd: 0.248, per: "GB-month", source: AURORA_STORAGE_MAP },
        ioPerMillionRequests: { usd: 0.22, per: "million requests", source: AURORA_STORAGE_MAP },
        backupGbMonth: { usd: 0.021, per: "GB-month", source: AURORA_STORAGE_MAP },
        replicatedWriteIoPerMillion: { usd: 0.22, per: "million replicated write I/Os", source: AURORA_STORAGE_MAP },
    },
    "ap-southeast-1": {
        storageStandardGbMonth: { usd: 0.11, per: "GB-month", source: AURORA_STORAGE_MAP },
        storageIoOptimizedGbMonth: { usd: 0.248, per: "GB-month", source: AURORA_STORAGE_MAP },
        ioPerMillionRequests: { usd: 0.22, per: "million requests", source: AURORA_STORAGE_MAP },
        backupGbMonth: { usd: 0.023, per: "GB-month", source: AURORA_STORAGE_MAP },
        replicatedWriteIoPerMillion: { usd: 0.22, per: "million replicated write I/Os", source: AURORA_STORAGE_MAP },
    },
};

/** RDS Proxy for provisioned instances: per vCPU-hour of the instances it targets, at least RDS_PROXY_MIN_VCPU. */
export const RDS_PROXY: RegionalRates<"perVcpuHour"> = {
    "us-east-1": { perVcpuHour: { usd: 0.015, per: "vCPU-hour", source: RDS_PROXY_MAP } },
    "eu-west-1": { perVcpuHour: { usd: 0.016, per: "vCPU-hour", source: RDS_PROXY_MAP } },
    "ap-southeast-1": { perVcpuHour: { usd: 0.018, per: "vCPU-hour", source: RDS_PROXY_MAP } },
};

export const RDS_PROXY_MIN_VCPU: { readonly value: number; readonly source: Source } = { value: 2, source: RDS_PROXY_MINIMUM };

/** Performance Insights retention beyond the free days: the first month, and each further month, per vCPU. */
export const PERFORMANCE_INSIGHTS: RegionalRates<"firstMonthPerVcpu" | "additionalMonthPerVcpu"> = {
    "us-east-1": {
        firstMonthPerVcpu: { usd: 1.5, per: "vCPU-month", source: PERFORMANCE_INSIGHTS_MAP },
        additionalMonthPerVcpu: { usd: 0.0631, per: "vCPU-month per further month", source: PERFORMANCE_INSIGHTS_MAP },
    },
    "eu-west-1": {
        firstMonthPerVcpu: { usd: 1.6463, per: "vCPU-month", source: PERFORMANCE_INSIGHTS_MAP },
        additionalMonthPerVcpu: { usd: 0.0692, per: "vCPU-month per further month", source: PERFORMANCE_INSIGHTS_MAP },
    },
    "ap-southeast-1": {
        firstMonthPerVcpu: { usd: 1.7561, per: "vCPU-month", source: PERFORMANCE_INSIGHTS_MAP },
        additionalMonthPerVcpu: { usd: 0.0739, per: "vCPU-month per further month", source: PERFORMANCE_INSIGHTS_MAP },
    },
};

/** The free Performance Insights retention, in days. */
export const PERFORMANCE_INSIGHTS_FREE_RETENTION_DAYS: { readonly value: number; readonly source: Source } = { value: 7, source: PERFORMANCE_INSIGHTS_RETENTION };
