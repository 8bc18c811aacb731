import { Source } from "../source";
import { HourlyTable, PricedRegion } from "./types";

/*
 * EC2 on-demand prices: Linux, shared tenancy, no pre-installed software, USD per instance-hour, for every
 * instance type of catalog/instanceTypes.ts (174 types, 26 families) in us-east-1, eu-west-1 and
 * ap-southeast-1. List prices, before Savings Plans, Reserved Instances or Spot. Plus SPOT_DISCOUNT, the fraction
 * of the on-demand price a Spot Instance typically saves, per region and family.
 *
 * Where the prices came from. AWS's pricing page (aws.amazon.com/ec2/pricing/on-demand/) draws its table with
 * JavaScript, so no stored copy holds the figures; every price here is a value read in a repository that commits
 * AWS's own price data:
 *   - us-east-1, all 174 rows: Karpenter's generated price table (KARPENTER), the AWS Price List API filtered to
 *     Linux / Shared / preInstalledSw NA / capacitystatus Used, generated 2026-07-20.
 *   - eu-west-1 (174 rows) and ap-southeast-1 (136 rows): the metered-unit map behind the on-demand pricing page,
 *     "OnDemand Linux-instancetype-<type>" per region (PRICE_MAPS, aws-price-watcher's copy of 2025-06), plus four
 *     Graviton4 rows in ap-southeast-1 that map does not list yet, read in SkyPilot's catalog of the AWS Price List
 *     offer files (SKYPILOT): m8g.2xlarge, c8g.12xlarge, c8g.16xlarge, r8g.xlarge.
 *   The sources agree where they overlap: PRICE_MAPS' us-east-1 rows equal Karpenter's, all 174; SkyPilot's rows,
 *   read earlier for eu-west-1 and ap-southeast-1, equal PRICE_MAPS' wherever both list a type.
 *
 * What is left out (the lookups refuse these by name rather than guess):
 *   - m7a.*, c7a.*, r7a.* in ap-southeast-1: no source has an ap-southeast-1 price for them (the region did not
 *     offer them when the data was read), and the Spot Instance Advisor does not list them there either;
 *   - the other sizes of m8g, c8g and r8g in ap-southeast-1 (17 rows): no source read lists them.
 */

const CHECKED = "2026-12-06";

const KARPENTER: Source = {
    url: "https://github.com/aws/karpenter-provider-aws/blob/6fc13b5236fd04fd16ff3f9dc7490d0813994099/pkg/providers/pricing/zz_generated.pricing_aws.go",
    version:
        "InitialOnDemandPricesAWS, generated 2026-07-20T13:44:30Z from the AWS Price List API (pkg/providers/pricing: " +
        "tenancy Shared, operatingSystem Linux, preInstalledSw NA, capacitystatus Used)",
    checked: CHECKED,
};

const SKYPILOT: Source = {
    url: "https://github.com/skypilot-org/skypilot-catalog/blob/00148f2af3672e2229b4f7bf8157d5a3f36e3c35/catalogs/v8/aws/vms.csv",
    version:
        "Price column, from the AWS Price List offer files pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/" +
        "current/<region>/index.csv (TermType OnDemand, Linux, no pre-installed software, CapacityStatus Used; " +
        "skypilot sky/catalog/data_fetchers/fetch_aws.py); its us-east-1 prices equal Karpenter's 2026-07-20 extract",
    checked: CHECKED,
};

const PRICE_MAPS: Source = {
    url: "https://github.com/QuinnyPig/aws-price-watcher/blob/a6645eb2e53e9399396a714cdc4f3c346c7f06c0/processed/ec2.json",
    version: "AWS pricing-page metered-unit map for EC2 on demand (b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/…) as of 2025-06: 'OnDemand Linux-instancetype-<type>' per region",
    checked: CHECKED,
};

const PRICE_MAPS_AND_SKYPILOT: Source = {
    url: PRICE_MAPS.url,
    version: `${PRICE_MAPS.version}; m8g.2xlarge, c8g.12xlarge, c8g.16xlarge and r8g.xlarge read in ${SKYPILOT.url}`,
    checked: CHECKED,
};

export const EC2_ON_DEMAND: HourlyTable = {
    "us-east-1": {
        source: KARPENTER,
        usdPerHour: {
            // t3
            "t3.medium": 0.0416,
            "t3.large": 0.0832,
            "t3.xlarge": 0.1664,
            "t3.2xlarge": 0.3328,
            // t4g
            "t4g.medium": 0.0336,
            "t4g.large": 0.0672,
            "t4g.xlarge": 0.1344,
            "t4g.2xlarge": 0.2688,
            // m5
            "m5.large": 0.096,
            "m5.xlarge": 0.192,
            "m5.2xlarge": 0.384,
            "m5.4xlarge": 0.768,
            "m5.8xlarge": 1.536,
            "m5.12xlarge": 2.304,
            "m5.16xlarge": 3.072,
            // m6i
            "m6i.large": 0.096,
            "m6i.xlarge": 0.192,
            "m6i.2xlarge": 0.384,
            "m6i.4xlarge": 0.768,
            "m6i.8xlarge": 1.536,
            "m6i.12xlarge": 2.304,
            "m6i.16xlarge": 3.072,
            // m6a
            "m6a.large": 0.0864,
            "m6a.xlarge": 0.1728,
            "m6a.2xlarge": 0.3456,
            "m6a.4xlarge": 0.6912,
            "m6a.8xlarge": 1.3824,
            "m6a.12xlarge": 2.0736,
            "m6a.16xlarge": 2.7648,
            // m6g
            "m6g.large": 0.077,
            "m6g.xlarge": 0.154,
            "m6g.2xlarge": 0.308,
            "m6g.4xlarge": 0.616,
            "m6g.8xlarge": 1.232,
            "m6g.12xlarge": 1.848,
            "m6g.16xlarge": 2.464,
            // m7i
            "m7i.large": 0.1008,
            "m7i.xlarge": 0.2016,
            "m7i.2xlarge": 0.4032,
            "m7i.4xlarge": 0.8064,
            "m7i.8xlarge": 1.6128,
            "m7i.12xlarge": 2.4192,
            "m7i.16xlarge": 3.2256,
            // m7a
            "m7a.large": 0.11592,
            "m7a.xlarge": 0.23184,
            "m7a.2xlarge": 0.46368,
            "m7a.4xlarge": 0.92736,
            "m7a.8xlarge": 1.85472,
            "m7a.12xlarge": 2.78208,
            "m7a.16xlarge": 3.70944,
            // m7g
            "m7g.large": 0.0816,
            "m7g.xlarge": 0.1632,
            "m7g.2xlarge": 0.3264,
            "m7g.4xlarge": 0.6528,
            "m7g.8xlarge": 1.3056,
            "m7g.12xlarge": 1.9584,
            "m7g.16xlarge": 2.6112,
            // m8g
            "m8g.large": 0.08976,
            "m8g.xlarge": 0.17952,
            "m8g.2xlarge": 0.35904,
            "m8g.4xlarge": 0.71808,
            "m8g.8xlarge": 1.43616,
            "m8g.12xlarge": 2.15424,
            "m8g.16xlarge": 2.87232,
            // c5
            "c5.large": 0.085,
            "c5.xlarge": 0.17,
            "c5.2xlarge": 0.34,
            "c5.4xlarge": 0.68,
            "c5.12xlarge": 2.04,
            // c6i
            "c6i.large": 0.085,
            "c6i.xlarge": 0.17,
            "c6i.2xlarge": 0.34,
            "c6i.4xlarge": 0.68,
            "c6i.8xlarge": 1.36,
            "c6i.12xlarge": 2.04,
            "c6i.16xlarge": 2.72,
            // c6a
            "c6a.large": 0.0765,
            "c6a.xlarge": 0.153,
            "c6a.2xlarge": 0.306,
            "c6a.4xlarge": 0.612,
            "c6a.8xlarge": 1.224,
            "c6a.12xlarge": 1.836,
            "c6a.16xlarge": 2.448,
            // c6g
            "c6g.large": 0.068,
            "c6g.xlarge": 0.136,
            "c6g.2xlarge": 0.272,
            "c6g.4xlarge": 0.544,
            "c6g.8xlarge": 1.088,
            "c6g.12xlarge": 1.632,
            "c6g.16xlarge": 2.176,
            // c7i
            "c7i.large": 0.08925,
            "c7i.xlarge": 0.1785,
            "c7i.2xlarge": 0.357,
            "c7i.4xlarge": 0.714,
            "c7i.8xlarge": 1.428,
            "c7i.12xlarge": 2.142,
            "c7i.16xlarge": 2.856,
            // c7a
            "c7a.large": 0.10264,
            "c7a.xlarge": 0.20528,
            "c7a.2xlarge": 0.41056,
            "c7a.4xlarge": 0.82112,
            "c7a.8xlarge": 1.64224,
            "c7a.12xlarge": 2.46336,
            "c7a.16xlarge": 3.28448,
            // c7g
            "c7g.large": 0.0725,
            "c7g.xlarge": 0.145,
            "c7g.2xlarge": 0.29,
            "c7g.4xlarge": 0.58,
            "c7g.8xlarge": 1.16,
            "c7g.12xlarge": 1.74,
            "c7g.16xlarge": 2.32,
            // c8g
            "c8g.large": 0.07976,
            "c8g.xlarge": 0.15952,
            "c8g.2xlarge": 0.31904,
            "c8g.4xlarge": 0.63808,
            "c8g.8xlarge": 1.27616,
            "c8g.12xlarge": 1.91424,
            "c8g.16xlarge": 2.55232,
            // r5
            "r5.large": 0.126,
            "r5.xlarge": 0.252,
            "r5.2xlarge": 0.504,
            "r5.4xlarge": 1.008,
            "r5.8xlarge": 2.016,
            "r5.12xlarge": 3.024,
            "r5.16xlarge": 4.032,
            // r6i
            "r6i.large": 0.126,
            "r6i.xlarge": 0.252,
            "r6i.2xlarge": 0.504,
            "r6i.4xlarge": 1.008,
            "r6i.8xlarge": 2.016,
            "r6i.12xlarge": 3.024,
            "r6i.16xlarge": 4.032,
            // r6a
            "r6a.large": 0.1134,
            "r6a.xlarge": 0.2268,
            "r6a.2xlarge": 0.4536,
            "r6a.4xlarge": 0.9072,
            "r6a.8xlarge": 1.8144,
            "r6a.12xlarge": 2.7216,
            "r6a.16xlarge": 3.6288,
            // r6g
            "r6g.large": 0.1008,
            "r6g.xlarge": 0.2016,
            "r6g.2xlarge": 0.4032,
            "r6g.4xlarge": 0.8064,
            "r6g.8xlarge": 1.6128,
            "r6g.12xlarge": 2.4192,
            "r6g.16xlarge": 3.2256,
            // r7i
            "r7i.large": 0.1323,
            "r7i.xlarge": 0.2646,
            "r7i.2xlarge": 0.5292,
            "r7i.4xlarge": 1.0584,
            "r7i.8xlarge": 2.1168,
            "r7i.12xlarge": 3.1752,
            "r7i.16xlarge": 4.2336,
            // r7a
            "r7a.large": 0.15215,
            "r7a.xlarge": 0.3043,
            "r7a.2xlarge": 0.6086,
            "r7a.4xlarge": 1.2172,
            "r7a.8xlarge": 2.4344,
            "r7a.12xlarge": 3.6516,
            "r7a.16xlarge": 4.8688,
            // r7g
            "r7g.large": 0.1071,
            "r7g.xlarge": 0.2142,
            "r7g.2xlarge": 0.4284,
            "r7g.4xlarge": 0.8568,
            "r7g.8xlarge": 1.7136,
            "r7g.12xlarge": 2.5704,
            "r7g.16xlarge": 3.4272,
            // r8g
            "r8g.large": 0.11782,
            "r8g.xlarge": 0.23564,
            "r8g.2xlarge": 0.47128,
            "r8g.4xlarge": 0.94256,
            "r8g.8xlarge": 1.88512,
            "r8g.12xlarge": 2.82768,
            "r8g.16xlarge": 3.77024,
        },
    },
    "eu-west-1": {
        source: PRICE_MAPS,
        usdPerHour: {
            // t3
            "t3.medium": 0.0456,
            "t3.large": 0.0912,
            "t3.xlarge": 0.1824,
            "t3.2xlarge": 0.3648,
            // t4g
            "t4g.medium": 0.0368,
            "t4g.large": 0.0736,
            "t4g.xlarge": 0.1472,
            "t4g.2xlarge": 0.2944,
            // m5
            "m5.large": 0.107,
            "m5.xlarge": 0.214,
            "m5.2xlarge": 0.428,
            "m5.4xlarge": 0.856,
            "m5.8xlarge": 1.712,
            "m5.12xlarge": 2.568,
            "m5.16xlarge": 3.424,
            // m6i
            "m6i.large": 0.107,
            "m6i.xlarge": 0.214,
            "m6i.2xlarge": 0.428,
            "m6i.4xlarge": 0.856,
            "m6i.8xlarge": 1.712,
            "m6i.12xlarge": 2.568,
            "m6i.16xlarge": 3.424,
            // m6a
            "m6a.large": 0.0963,
            "m6a.xlarge": 0.1926,
            "m6a.2xlarge": 0.3852,
            "m6a.4xlarge": 0.7704,
            "m6a.8xlarge": 1.5408,
            "m6a.12xlarge": 2.3112,
            "m6a.16xlarge": 3.0816,
            // m6g
            "m6g.large": 0.086,
            "m6g.xlarge": 0.172,
            "m6g.2xlarge": 0.344,
            "m6g.4xlarge": 0.688,
            "m6g.8xlarge": 1.376,
            "m6g.12xlarge": 2.064,
            "m6g.16xlarge": 2.752,
            // m7i
            "m7i.large": 0.11235,
            "m7i.xlarge": 0.2247,
            "m7i.2xlarge": 0.4494,
            "m7i.4xlarge": 0.8988,
            "m7i.8xlarge": 1.7976,
            "m7i.12xlarge": 2.6964,
            "m7i.16xlarge": 3.5952,
            // m7a
            "m7a.large": 0.1292,
            "m7a.xlarge": 0.2584,
            "m7a.2xlarge": 0.5168,
            "m7a.4xlarge": 1.0336,
            "m7a.8xlarge": 2.0672,
            "m7a.12xlarge": 3.1008,
            "m7a.16xlarge": 4.1344,
            // m7g
            "m7g.large": 0.091,
            "m7g.xlarge": 0.1819,
            "m7g.2xlarge": 0.3638,
            "m7g.4xlarge": 0.7276,
            "m7g.8xlarge": 1.4552,
            "m7g.12xlarge": 2.1828,
            "m7g.16xlarge": 2.9104,
            // m8g
            "m8g.large": 0.10004,
            "m8g.xlarge": 0.20008,
            "m8g.2xlarge": 0.40016,
            "m8g.4xlarge": 0.80032,
            "m8g.8xlarge": 1.60064,
            "m8g.12xlarge": 2.40096,
            "m8g.16xlarge": 3.20128,
            // c5
            "c5.large": 0.096,
            "c5.xlarge": 0.192,
            "c5.2xlarge": 0.384,
            "c5.4xlarge": 0.768,
            "c5.12xlarge": 2.304,
            // c6i
            "c6i.large": 0.0912,
            "c6i.xlarge": 0.1824,
            "c6i.2xlarge": 0.3648,
            "c6i.4xlarge": 0.7296,
            "c6i.8xlarge": 1.4592,
            "c6i.12xlarge": 2.1888,
            "c6i.16xlarge": 2.9184,
            // c6a
            "c6a.large": 0.08208,
            "c6a.xlarge": 0.16416,
            "c6a.2xlarge": 0.32832,
            "c6a.4xlarge": 0.65664,
            "c6a.8xlarge": 1.31328,
            "c6a.12xlarge": 1.96992,
            "c6a.16xlarge": 2.62656,
            // c6g
            "c6g.large": 0.073,
            "c6g.xlarge": 0.1459,
            "c6g.2xlarge": 0.2918,
            "c6g.4xlarge": 0.5837,
            "c6g.8xlarge": 1.1674,
            "c6g.12xlarge": 1.751,
            "c6g.16xlarge": 2.3347,
            // c7i
            "c7i.large": 0.09576,
            "c7i.xlarge": 0.19152,
            "c7i.2xlarge": 0.38304,
            "c7i.4xlarge": 0.76608,
            "c7i.8xlarge": 1.53216,
            "c7i.12xlarge": 2.29824,
            "c7i.16xlarge": 3.06432,
            // c7a
            "c7a.large": 0.11012,
            "c7a.xlarge": 0.22024,
            "c7a.2xlarge": 0.44048,
            "c7a.4xlarge": 0.88096,
            "c7a.8xlarge": 1.76192,
            "c7a.12xlarge": 2.64288,
            "c7a.16xlarge": 3.52384,
            // c7g
            "c7g.large": 0.0775,
            "c7g.xlarge": 0.155,
            "c7g.2xlarge": 0.3101,
            "c7g.4xlarge": 0.6202,
            "c7g.8xlarge": 1.2403,
            "c7g.12xlarge": 1.8605,
            "c7g.16xlarge": 2.4806,
            // c8g
            "c8g.large": 0.08528,
            "c8g.xlarge": 0.17056,
            "c8g.2xlarge": 0.34112,
            "c8g.4xlarge": 0.68224,
            "c8g.8xlarge": 1.36448,
            "c8g.12xlarge": 2.04672,
            "c8g.16xlarge": 2.72896,
            // r5
            "r5.large": 0.141,
            "r5.xlarge": 0.282,
            "r5.2xlarge": 0.564,
            "r5.4xlarge": 1.128,
            "r5.8xlarge": 2.256,
            "r5.12xlarge": 3.384,
            "r5.16xlarge": 4.512,
            // r6i
            "r6i.large": 0.141,
            "r6i.xlarge": 0.282,
            "r6i.2xlarge": 0.564,
            "r6i.4xlarge": 1.128,
            "r6i.8xlarge": 2.256,
            "r6i.12xlarge": 3.384,
            "r6i.16xlarge": 4.512,
            // r6a
            "r6a.large": 0.1269,
            "r6a.xlarge": 0.2538,
            "r6a.2xlarge": 0.5076,
            "r6a.4xlarge": 1.0152,
            "r6a.8xlarge": 2.0304,
            "r6a.12xlarge": 3.0456,
            "r6a.16xlarge": 4.0608,
            // r6g
            "r6g.large": 0.1128,
            "r6g.xlarge": 0.2256,
            "r6g.2xlarge": 0.4512,
            "r6g.4xlarge": 0.9024,
            "r6g.8xlarge": 1.8048,
            "r6g.12xlarge": 2.7072,
            "r6g.16xlarge": 3.6096,
            // r7i
            "r7i.large": 0.14805,
            "r7i.xlarge": 0.2961,
            "r7i.2xlarge": 0.5922,
            "r7i.4xlarge": 1.1844,
            "r7i.8xlarge": 2.3688,
            "r7i.12xlarge": 3.5532,
            "r7i.16xlarge": 4.7376,
            // r7a
            "r7a.large": 0.17026,
            "r7a.xlarge": 0.34052,
            "r7a.2xlarge": 0.68104,
            "r7a.4xlarge": 1.36208,
            "r7a.8xlarge": 2.72416,
            "r7a.12xlarge": 4.08624,
            "r7a.16xlarge": 5.44832,
            // r7g
            "r7g.large": 0.1199,
            "r7g.xlarge": 0.2397,
            "r7g.2xlarge": 0.4794,
            "r7g.4xlarge": 0.9588,
            "r7g.8xlarge": 1.9176,
            "r7g.12xlarge": 2.8764,
            "r7g.16xlarge": 3.8352,
            // r8g
            "r8g.large": 0.13184,
            "r8g.xlarge": 0.26368,
            "r8g.2xlarge": 0.52736,
            "r8g.4xlarge": 1.05472,
            "r8g.8xlarge": 2.10944,
            "r8g.12xlarge": 3.16416,
            "r8g.16xlarge": 4.21888,
        },
    },
    "ap-southeast-1": {
        source: PRICE_MAPS_AND_SKYPILOT,
        usdPerHour: {
            // t3
            "t3.medium": 0.0528,
            "t3.large": 0.1056,
            "t3.xlarge": 0.2112,
            "t3.2xlarge": 0.4224,
            // t4g
            "t4g.medium": 0.0424,
            "t4g.large": 0.0848,
            "t4g.xlarge": 0.1696,
            "t4g.2xlarge": 0.3392,
            // m5
            "m5.large": 0.12,
            "m5.xlarge": 0.24,
            "m5.2xlarge": 0.48,
            "m5.4xlarge": 0.96,
            "m5.8xlarge": 1.92,
            "m5.12xlarge": 2.88,
            "m5.16xlarge": 3.84,
            // m6i
            "m6i.large": 0.12,
            "m6i.xlarge": 0.24,
            "m6i.2xlarge": 0.48,
            "m6i.4xlarge": 0.96,
            "m6i.8xlarge": 1.92,
            "m6i.12xlarge": 2.88,
            "m6i.16xlarge": 3.84,
            // m6a
            "m6a.large": 0.108,
            "m6a.xlarge": 0.216,
            "m6a.2xlarge": 0.432,
            "m6a.4xlarge": 0.864,
            "m6a.8xlarge": 1.728,
            "m6a.12xlarge": 2.592,
            "m6a.16xlarge": 3.456,
            // m6g
            "m6g.large": 0.096,
            "m6g.xlarge": 0.192,
            "m6g.2xlarge": 0.384,
            "m6g.4xlarge": 0.768,
            "m6g.8xlarge": 1.536,
            "m6g.12xlarge": 2.304,
            "m6g.16xlarge": 3.072,
            // m7i
            "m7i.large": 0.126,
            "m7i.xlarge": 0.252,
            "m7i.2xlarge": 0.504,
            "m7i.4xlarge": 1.008,
            "m7i.8xlarge": 2.016,
            "m7i.12xlarge": 3.024,
            "m7i.16xlarge": 4.032,
            // m7g
            "m7g.large": 0.102,
            "m7g.xlarge": 0.204,
            "m7g.2xlarge": 0.408,
            "m7g.4xlarge": 0.816,
            "m7g.8xlarge": 1.632,
            "m7g.12xlarge": 2.448,
            "m7g.16xlarge": 3.264,
            // m8g
            "m8g.2xlarge": 0.4488,
            // c5
            "c5.large": 0.098,
            "c5.xlarge": 0.196,
            "c5.2xlarge": 0.392,
            "c5.4xlarge": 0.784,
            "c5.12xlarge": 2.352,
            // c6i
            "c6i.large": 0.098,
            "c6i.xlarge": 0.196,
            "c6i.2xlarge": 0.392,
            "c6i.4xlarge": 0.784,
            "c6i.8xlarge": 1.568,
            "c6i.12xlarge": 2.352,
            "c6i.16xlarge": 3.136,
            // c6a
            "c6a.large": 0.0882,
            "c6a.xlarge": 0.1764,
            "c6a.2xlarge": 0.3528,
            "c6a.4xlarge": 0.7056,
            "c6a.8xlarge": 1.4112,
            "c6a.12xlarge": 2.1168,
            "c6a.16xlarge": 2.8224,
            // c6g
            "c6g.large": 0.0784,
            "c6g.xlarge": 0.1568,
            "c6g.2xlarge": 0.3136,
            "c6g.4xlarge": 0.6272,
            "c6g.8xlarge": 1.2544,
            "c6g.12xlarge": 1.8816,
            "c6g.16xlarge": 2.5088,
            // c7i
            "c7i.large": 0.1029,
            "c7i.xlarge": 0.2058,
            "c7i.2xlarge": 0.4116,
            "c7i.4xlarge": 0.8232,
            "c7i.8xlarge": 1.6464,
            "c7i.12xlarge": 2.4696,
            "c7i.16xlarge": 3.2928,
            // c7g
            "c7g.large": 0.0833,
            "c7g.xlarge": 0.1666,
            "c7g.2xlarge": 0.3332,
            "c7g.4xlarge": 0.6664,
            "c7g.8xlarge": 1.3328,
            "c7g.12xlarge": 1.9992,
            "c7g.16xlarge": 2.6656,
            // c8g
            "c8g.12xlarge": 2.19936,
            "c8g.16xlarge": 2.93248,
            // r5
            "r5.large": 0.152,
            "r5.xlarge": 0.304,
            "r5.2xlarge": 0.608,
            "r5.4xlarge": 1.216,
            "r5.8xlarge": 2.432,
            "r5.12xlarge": 3.648,
            "r5.16xlarge": 4.864,
            // r6i
            "r6i.large": 0.152,
            "r6i.xlarge": 0.304,
            "r6i.2xlarge": 0.608,
            "r6i.4xlarge": 1.216,
            "r6i.8xlarge": 2.432,
            "r6i.12xlarge": 3.648,
            "r6i.16xlarge": 4.864,
            // r6a
            "r6a.large": 0.1368,
            "r6a.xlarge": 0.2736,
            "r6a.2xlarge": 0.5472,
            "r6a.4xlarge": 1.0944,
            "r6a.8xlarge": 2.1888,
            "r6a.12xlarge": 3.2832,
            "r6a.16xlarge": 4.3776,
            // r6g
            "r6g.large": 0.1216,
            "r6g.xlarge": 0.2432,
            "r6g.2xlarge": 0.4864,
            "r6g.4xlarge": 0.9728,
            "r6g.8xlarge": 1.9456,
            "r6g.12xlarge": 2.9184,
            "r6g.16xlarge": 3.8912,
            // r7i
            "r7i.large": 0.1596,
            "r7i.xlarge": 0.3192,
            "r7i.2xlarge": 0.6384,
            "r7i.4xlarge": 1.2768,
            "r7i.8xlarge": 2.5536,
            "r7i.12xlarge": 3.8304,
            "r7i.16xlarge": 5.1072,
            // r7g
            "r7g.large": 0.1292,
            "r7g.xlarge": 0.2584,
            "r7g.2xlarge": 0.5168,
            "r7g.4xlarge": 1.0336,
            "r7g.8xlarge": 2.0672,
            "r7g.12xlarge": 3.1008,
            "r7g.16xlarge": 4.1344,
            // r8g
            "r8g.xlarge": 0.28424,
        },
    },
};

/*
 * Spot savings. The AWS Spot Instance Advisor publishes, per region and instance type, the average saving of Spot
 * over On-Demand ("s", in per cent) in spot-advisor-data.json; the stored copy read is the one alexei-led/spotinfo
 * commits. byFamily is per region (Readonly<Record<PricedRegion, ...>>): for each family, the LOWEST saving among
 * its sizes listed in catalog/instanceTypes.ts, as a fraction (0.53 = Spot costs 47 per cent of On-Demand). The
 * advisor gives no figure for m7a, m8g, c7a, c8g, r7a, r8g in ap-southeast-1, so those fall back to
 * defaultFraction. defaultFraction, 0.54, is the median of those per-family lowest savings over the three regions
 * (the mean saving over all the listed types is 0.60; the lowest family figure is 0.44, r7g in ap-southeast-1).
 */
const SPOT_ADVISOR: Source = {
    url: "https://github.com/alexei-led/spotinfo/blob/5eedf20a99614443af215f4aaf09bd10805cac72/internal/spot/data/spot-advisor-data.json",
    version:
        "copy of https://spot-bid-advisor.s3.amazonaws.com/spot-advisor-data.json (AWS Spot Instance Advisor) committed " +
        "2025-06-28; spot_advisor.<region>.Linux.<type>.s = savings over On-Demand in per cent",
    checked: CHECKED,
};

export const SPOT_DISCOUNT: {
    readonly defaultFraction: number;
    readonly byFamily: Readonly<Record<PricedRegion, Readonly<Record<string, number>>>>;
    readonly source: Source;
} = {
    defaultFraction: 0.54,
    byFamily: {
        "us-east-1": {
            "t3": 0.56, "t4g": 0.63, "m5": 0.54, "m6i": 0.54, "m6a": 0.54, "m6g": 0.60,
            "m7i": 0.52, "m7a": 0.55, "m7g": 0.62, "m8g": 0.57, "c5": 0.56, "c6i": 0.51,
            "c6a": 0.56, "c6g": 0.59, "c7i": 0.59, "c7a": 0.46, "c7g": 0.49, "c8g": 0.61,
            "r5": 0.60, "r6i": 0.55, "r6a": 0.57, "r6g": 0.61, "r7i": 0.59, "r7a": 0.57,
            "r7g": 0.67, "r8g": 0.61,
        },
        "eu-west-1": {
            "t3": 0.55, "t4g": 0.55, "m5": 0.54, "m6i": 0.53, "m6a": 0.53, "m6g": 0.53,
            "m7i": 0.46, "m7a": 0.53, "m7g": 0.53, "m8g": 0.52, "c5": 0.51, "c6i": 0.54,
            "c6a": 0.52, "c6g": 0.53, "c7i": 0.53, "c7a": 0.54, "c7g": 0.52, "c8g": 0.55,
            "r5": 0.55, "r6i": 0.55, "r6a": 0.51, "r6g": 0.54, "r7i": 0.54, "r7a": 0.50,
            "r7g": 0.54, "r8g": 0.52,
        },
        "ap-southeast-1": {
            "t3": 0.56, "t4g": 0.52, "m5": 0.57, "m6i": 0.54, "m6a": 0.46, "m6g": 0.57,
            "m7i": 0.52, "m7g": 0.53, "c5": 0.52, "c6i": 0.47, "c6a": 0.51, "c6g": 0.51,
            "c7i": 0.51, "c7g": 0.47, "r5": 0.51, "r6i": 0.49, "r6a": 0.52, "r6g": 0.54,
            "r7i": 0.55, "r7g": 0.44,
        },
    },
    source: SPOT_ADVISOR,
};
