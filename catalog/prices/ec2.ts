import { Source } from "../source";
import { HourlyTable, PricedRegion } from "./types";

/*
 * EC2 on-demand prices: Linux, shared tenancy, no pre-installed software, USD per instance-hour, for every
 * instance type of catalog/instanceTypes.ts (174 types, 26 families) in us-east-1, eu-west-1 and
 * ap-southeast-1. List prices, before Savings Plans, Reserved Instances or Spot. Plus SPOT_DISCOUNT, the fraction
 * of the on-demand price a Spot Instance typically saves, per region and family.
 *
 * Where the prices came from. AWS's pricing page (aws.amazon.com/ec2/pricing/on-demand/) draws its table with
 * JavaScript, so no stored copy holds the figures; every price here was read from repositories that commit
 * extracts of the AWS Price List API:
 *   - us-east-1, all 174 rows: Karpenter's generated price table (KARPENTER), AWS Price List API filtered to
 *     Linux / Shared / preInstalledSw NA / capacitystatus Used, generated 2026-07-20. Every us-east-1 value also
 *     read in the SkyPilot catalog (c5, c6a, c6g, c6i, c7a, c7g, c8g, m8g, r8g and t3 rows) is equal to it.
 *   - eu-west-1 and ap-southeast-1: each row carries a marker:
 *       S  read in SkyPilot's AWS catalog (SKYPILOT), the AWS Price List offer file of the region, filtered the
 *          same way;
 *       C  read in Coroot's daily dump of Infracost's AWS price data (COROOT, 2024-08-09). That dump does not
 *          filter tenancy, so it mixes shared and dedicated rows; a C value is used only where it equals the
 *          family's shared per-size rate (see below), i.e. it is the shared-tenancy price;
 *       D  derived: the family's per-size rate x the size's multiple of .large (medium 0.5, large 1, xlarge 2,
 *          Nxlarge 2N), rounded to 5 decimals. AWS states the rule ("For On-Demand Instances, the price per unit
 *          hour is the same when deploying one instance type as it is when deploying a different size of the
 *          same instance type", SCALING), and Karpenter's us-east-1 table is exactly linear in all 26 families.
 *          A D value can differ from AWS's listed figure in the 4th-5th decimal where AWS rounds to 4 decimals
 *          (c6g and c7g in eu-west-1).
 *     The per-size rate of a family is taken from the largest size read in SkyPilot where one was read, otherwise
 *     from Coroot's lowest per-size rate in that family (dedicated is always dearer). Each of those rates stands
 *     in the same ratio to us-east-1 as the SkyPilot-read families of its class (eu-west-1: m 1.115,
 *     c 1.069-1.073, r 1.119; ap-southeast-1: m 1.25, c 1.149-1.153, r 1.206), which a dedicated-tenancy rate
 *     would not, and every rate taken from SkyPilot equals Coroot's lowest rate for the same family, so the
 *     prices did not move between the two snapshots. Cross-checks between the two independent extracts, e.g.
 *     eu-west-1 c6i.12xlarge 2.1888 (SkyPilot) = 24 x 0.0912 (Coroot c6i.large); ap-southeast-1 c6g.16xlarge
 *     2.5088 (SkyPilot) = 32 x 0.0784 (Coroot c6g.large); eu-west-1 c6a.12xlarge 1.96992 (SkyPilot) = 24 x
 *     0.08208 (Coroot c6a per-size rate); us-east-1 c6a.16xlarge 2.448 in both Karpenter and SkyPilot.
 *
 * What is left out (the lookups refuse these by name rather than guess):
 *   - m7a.*, c7a.*, r7a.* in ap-southeast-1 (21 rows): neither SkyPilot's catalog (which lists a type only in
 *     regions that offer it; c7a's rows skip ap-southeast-1) nor Coroot's dump has an ap-southeast-1 price for
 *     them, and the Spot Instance Advisor does not list them there either.
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

const COROOT: Source = {
    url: "https://github.com/coroot/cloud-pricing/blob/af03eada15b25d80863f2547ba281e71af9d5c91/data/cloud-pricing.json.gz",
    version:
        "gh-pages dump of 2024-08-09 (Infracost pricing data, AWS Price List API; Linux, preInstalledSw NA, tenancy not " +
        "filtered): only values equal to the shared-tenancy per-size rate are used",
    checked: CHECKED,
};

const SCALING: Source = {
    url: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/weights-spot-price-per-unit-hour-example.html",
    version: "On-Demand price per unit hour is the same across sizes of one instance type (basis of the D rows)",
    checked: CHECKED,
};

/** Where the eu-west-1 and ap-southeast-1 rows come from: SkyPilot (S), Coroot (C), or derived by SCALING (D). */
const mixed = (region: PricedRegion): Source => ({
    url: SKYPILOT.url,
    version:
        `${region}: rows marked S read here; rows marked C read in ${COROOT.url} (${COROOT.version}); rows marked D ` +
        `derived from the family's per-size rate (${SCALING.version}: ${SCALING.url})`,
    checked: CHECKED,
});

/** Every source the EC2 tables were read from. */
export const EC2_PRICE_SOURCES: readonly Source[] = [KARPENTER, SKYPILOT, COROOT, SCALING];

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
        source: mixed("eu-west-1"),
        usdPerHour: {
            // t3
            "t3.medium": 0.0456, // D
            "t3.large": 0.0912, // C
            "t3.xlarge": 0.1824, // S
            "t3.2xlarge": 0.3648, // C
            // t4g
            "t4g.medium": 0.0368, // C
            "t4g.large": 0.0736, // C
            "t4g.xlarge": 0.1472, // C
            "t4g.2xlarge": 0.2944, // C
            // m5
            "m5.large": 0.107, // D
            "m5.xlarge": 0.214, // D
            "m5.2xlarge": 0.428, // C
            "m5.4xlarge": 0.856, // C
            "m5.8xlarge": 1.712, // C
            "m5.12xlarge": 2.568, // C
            "m5.16xlarge": 3.424, // D
            // m6i
            "m6i.large": 0.107, // D
            "m6i.xlarge": 0.214, // D
            "m6i.2xlarge": 0.428, // D
            "m6i.4xlarge": 0.856, // C
            "m6i.8xlarge": 1.712, // C
            "m6i.12xlarge": 2.568, // D
            "m6i.16xlarge": 3.424, // C
            // m6a
            "m6a.large": 0.0963, // D
            "m6a.xlarge": 0.1926, // C
            "m6a.2xlarge": 0.3852, // D
            "m6a.4xlarge": 0.7704, // D
            "m6a.8xlarge": 1.5408, // C
            "m6a.12xlarge": 2.3112, // D
            "m6a.16xlarge": 3.0816, // D
            // m6g
            "m6g.large": 0.086, // D
            "m6g.xlarge": 0.172, // D
            "m6g.2xlarge": 0.344, // C
            "m6g.4xlarge": 0.688, // D
            "m6g.8xlarge": 1.376, // C
            "m6g.12xlarge": 2.064, // C
            "m6g.16xlarge": 2.752, // C
            // m7i
            "m7i.large": 0.11235, // D
            "m7i.xlarge": 0.2247, // D
            "m7i.2xlarge": 0.4494, // D
            "m7i.4xlarge": 0.8988, // D
            "m7i.8xlarge": 1.7976, // C
            "m7i.12xlarge": 2.6964, // D
            "m7i.16xlarge": 3.5952, // C
            // m7a
            "m7a.large": 0.1292, // D
            "m7a.xlarge": 0.2584, // C
            "m7a.2xlarge": 0.5168, // D
            "m7a.4xlarge": 1.0336, // C
            "m7a.8xlarge": 2.0672, // C
            "m7a.12xlarge": 3.1008, // C
            "m7a.16xlarge": 4.1344, // D
            // m7g
            "m7g.large": 0.09095, // D
            "m7g.xlarge": 0.1819, // C
            "m7g.2xlarge": 0.3638, // D
            "m7g.4xlarge": 0.7276, // C
            "m7g.8xlarge": 1.4552, // C
            "m7g.12xlarge": 2.1828, // D
            "m7g.16xlarge": 2.9104, // C
            // m8g
            "m8g.large": 0.10004, // D
            "m8g.xlarge": 0.20008, // D
            "m8g.2xlarge": 0.40016, // S
            "m8g.4xlarge": 0.80032, // D
            "m8g.8xlarge": 1.60064, // D
            "m8g.12xlarge": 2.40096, // D
            "m8g.16xlarge": 3.20128, // D
            // c5
            "c5.large": 0.096, // C
            "c5.xlarge": 0.192, // C
            "c5.2xlarge": 0.384, // D
            "c5.4xlarge": 0.768, // C
            "c5.12xlarge": 2.304, // S
            // c6i
            "c6i.large": 0.0912, // C
            "c6i.xlarge": 0.1824, // D
            "c6i.2xlarge": 0.3648, // C
            "c6i.4xlarge": 0.7296, // D
            "c6i.8xlarge": 1.4592, // D
            "c6i.12xlarge": 2.1888, // S
            "c6i.16xlarge": 2.9184, // S
            // c6a
            "c6a.large": 0.08208, // D
            "c6a.xlarge": 0.16416, // D
            "c6a.2xlarge": 0.32832, // S
            "c6a.4xlarge": 0.65664, // D
            "c6a.8xlarge": 1.31328, // C
            "c6a.12xlarge": 1.96992, // S
            "c6a.16xlarge": 2.62656, // S
            // c6g
            "c6g.large": 0.073, // C
            "c6g.xlarge": 0.1459, // C
            "c6g.2xlarge": 0.2918, // S
            "c6g.4xlarge": 0.5837, // S
            "c6g.8xlarge": 1.1674, // C
            "c6g.12xlarge": 1.751, // S
            "c6g.16xlarge": 2.3347, // S
            // c7i
            "c7i.large": 0.09576, // C
            "c7i.xlarge": 0.19152, // D
            "c7i.2xlarge": 0.38304, // C
            "c7i.4xlarge": 0.76608, // D
            "c7i.8xlarge": 1.53216, // C
            "c7i.12xlarge": 2.29824, // D
            "c7i.16xlarge": 3.06432, // C
            // c7a
            "c7a.large": 0.11012, // C
            "c7a.xlarge": 0.22024, // S
            "c7a.2xlarge": 0.44048, // C
            "c7a.4xlarge": 0.88096, // D
            "c7a.8xlarge": 1.76192, // C
            "c7a.12xlarge": 2.64288, // S
            "c7a.16xlarge": 3.52384, // S
            // c7g
            "c7g.large": 0.07752, // D
            "c7g.xlarge": 0.15504, // D
            "c7g.2xlarge": 0.3101, // S
            "c7g.4xlarge": 0.62015, // D
            "c7g.8xlarge": 1.2403, // D
            "c7g.12xlarge": 1.8605, // S
            "c7g.16xlarge": 2.4806, // S
            // c8g
            "c8g.large": 0.08528, // D
            "c8g.xlarge": 0.17056, // D
            "c8g.2xlarge": 0.34112, // D
            "c8g.4xlarge": 0.68224, // D
            "c8g.8xlarge": 1.36448, // D
            "c8g.12xlarge": 2.04672, // S
            "c8g.16xlarge": 2.72896, // S
            // r5
            "r5.large": 0.141, // D
            "r5.xlarge": 0.282, // D
            "r5.2xlarge": 0.564, // C
            "r5.4xlarge": 1.128, // D
            "r5.8xlarge": 2.256, // D
            "r5.12xlarge": 3.384, // C
            "r5.16xlarge": 4.512, // C
            // r6i
            "r6i.large": 0.141, // C
            "r6i.xlarge": 0.282, // C
            "r6i.2xlarge": 0.564, // D
            "r6i.4xlarge": 1.128, // C
            "r6i.8xlarge": 2.256, // C
            "r6i.12xlarge": 3.384, // C
            "r6i.16xlarge": 4.512, // C
            // r6a
            "r6a.large": 0.1269, // D
            "r6a.xlarge": 0.2538, // C
            "r6a.2xlarge": 0.5076, // D
            "r6a.4xlarge": 1.0152, // D
            "r6a.8xlarge": 2.0304, // C
            "r6a.12xlarge": 3.0456, // D
            "r6a.16xlarge": 4.0608, // C
            // r6g
            "r6g.large": 0.1128, // C
            "r6g.xlarge": 0.2256, // D
            "r6g.2xlarge": 0.4512, // D
            "r6g.4xlarge": 0.9024, // C
            "r6g.8xlarge": 1.8048, // C
            "r6g.12xlarge": 2.7072, // D
            "r6g.16xlarge": 3.6096, // C
            // r7i
            "r7i.large": 0.14805, // C
            "r7i.xlarge": 0.2961, // D
            "r7i.2xlarge": 0.5922, // D
            "r7i.4xlarge": 1.1844, // D
            "r7i.8xlarge": 2.3688, // C
            "r7i.12xlarge": 3.5532, // D
            "r7i.16xlarge": 4.7376, // C
            // r7a
            "r7a.large": 0.17026, // D
            "r7a.xlarge": 0.34052, // C
            "r7a.2xlarge": 0.68104, // C
            "r7a.4xlarge": 1.36208, // C
            "r7a.8xlarge": 2.72416, // D
            "r7a.12xlarge": 4.08624, // D
            "r7a.16xlarge": 5.44832, // D
            // r7g
            "r7g.large": 0.1199, // C
            "r7g.xlarge": 0.2397, // C
            "r7g.2xlarge": 0.4794, // C
            "r7g.4xlarge": 0.9588, // D
            "r7g.8xlarge": 1.9176, // C
            "r7g.12xlarge": 2.8764, // D
            "r7g.16xlarge": 3.8352, // C
            // r8g
            "r8g.large": 0.13184, // D
            "r8g.xlarge": 0.26368, // S
            "r8g.2xlarge": 0.52736, // D
            "r8g.4xlarge": 1.05472, // D
            "r8g.8xlarge": 2.10944, // D
            "r8g.12xlarge": 3.16416, // D
            "r8g.16xlarge": 4.21888, // D
        },
    },
    "ap-southeast-1": {
        source: mixed("ap-southeast-1"),
        usdPerHour: {
            // t3
            "t3.medium": 0.0528, // C
            "t3.large": 0.1056, // D
            "t3.xlarge": 0.2112, // D
            "t3.2xlarge": 0.4224, // C
            // t4g
            "t4g.medium": 0.0424, // C
            "t4g.large": 0.0848, // C
            "t4g.xlarge": 0.1696, // C
            "t4g.2xlarge": 0.3392, // C
            // m5
            "m5.large": 0.12, // D
            "m5.xlarge": 0.24, // D
            "m5.2xlarge": 0.48, // C
            "m5.4xlarge": 0.96, // D
            "m5.8xlarge": 1.92, // D
            "m5.12xlarge": 2.88, // D
            "m5.16xlarge": 3.84, // D
            // m6i
            "m6i.large": 0.12, // D
            "m6i.xlarge": 0.24, // C
            "m6i.2xlarge": 0.48, // D
            "m6i.4xlarge": 0.96, // C
            "m6i.8xlarge": 1.92, // D
            "m6i.12xlarge": 2.88, // C
            "m6i.16xlarge": 3.84, // C
            // m6a
            "m6a.large": 0.108, // C
            "m6a.xlarge": 0.216, // C
            "m6a.2xlarge": 0.432, // C
            "m6a.4xlarge": 0.864, // C
            "m6a.8xlarge": 1.728, // D
            "m6a.12xlarge": 2.592, // D
            "m6a.16xlarge": 3.456, // C
            // m6g
            "m6g.large": 0.096, // D
            "m6g.xlarge": 0.192, // C
            "m6g.2xlarge": 0.384, // C
            "m6g.4xlarge": 0.768, // C
            "m6g.8xlarge": 1.536, // D
            "m6g.12xlarge": 2.304, // D
            "m6g.16xlarge": 3.072, // D
            // m7i
            "m7i.large": 0.126, // D
            "m7i.xlarge": 0.252, // D
            "m7i.2xlarge": 0.504, // C
            "m7i.4xlarge": 1.008, // C
            "m7i.8xlarge": 2.016, // D
            "m7i.12xlarge": 3.024, // D
            "m7i.16xlarge": 4.032, // D
            // m7g
            "m7g.large": 0.102, // C
            "m7g.xlarge": 0.204, // D
            "m7g.2xlarge": 0.408, // C
            "m7g.4xlarge": 0.816, // D
            "m7g.8xlarge": 1.632, // C
            "m7g.12xlarge": 2.448, // D
            "m7g.16xlarge": 3.264, // C
            // m8g
            "m8g.large": 0.1122, // D
            "m8g.xlarge": 0.2244, // D
            "m8g.2xlarge": 0.4488, // S
            "m8g.4xlarge": 0.8976, // D
            "m8g.8xlarge": 1.7952, // D
            "m8g.12xlarge": 2.6928, // D
            "m8g.16xlarge": 3.5904, // D
            // c5
            "c5.large": 0.098, // D
            "c5.xlarge": 0.196, // C
            "c5.2xlarge": 0.392, // D
            "c5.4xlarge": 0.784, // C
            "c5.12xlarge": 2.352, // S
            // c6i
            "c6i.large": 0.098, // C
            "c6i.xlarge": 0.196, // C
            "c6i.2xlarge": 0.392, // C
            "c6i.4xlarge": 0.784, // C
            "c6i.8xlarge": 1.568, // D
            "c6i.12xlarge": 2.352, // S
            "c6i.16xlarge": 3.136, // S
            // c6a
            "c6a.large": 0.0882, // C
            "c6a.xlarge": 0.1764, // C
            "c6a.2xlarge": 0.3528, // S
            "c6a.4xlarge": 0.7056, // D
            "c6a.8xlarge": 1.4112, // D
            "c6a.12xlarge": 2.1168, // S
            "c6a.16xlarge": 2.8224, // S
            // c6g
            "c6g.large": 0.0784, // C
            "c6g.xlarge": 0.1568, // C
            "c6g.2xlarge": 0.3136, // S
            "c6g.4xlarge": 0.6272, // S
            "c6g.8xlarge": 1.2544, // C
            "c6g.12xlarge": 1.8816, // D
            "c6g.16xlarge": 2.5088, // S
            // c7i
            "c7i.large": 0.1029, // C
            "c7i.xlarge": 0.2058, // D
            "c7i.2xlarge": 0.4116, // D
            "c7i.4xlarge": 0.8232, // C
            "c7i.8xlarge": 1.6464, // C
            "c7i.12xlarge": 2.4696, // D
            "c7i.16xlarge": 3.2928, // C
            // c7g
            "c7g.large": 0.0833, // D
            "c7g.xlarge": 0.1666, // C
            "c7g.2xlarge": 0.3332, // S
            "c7g.4xlarge": 0.6664, // D
            "c7g.8xlarge": 1.3328, // D
            "c7g.12xlarge": 1.9992, // S
            "c7g.16xlarge": 2.6656, // S
            // c8g
            "c8g.large": 0.09164, // D
            "c8g.xlarge": 0.18328, // D
            "c8g.2xlarge": 0.36656, // D
            "c8g.4xlarge": 0.73312, // D
            "c8g.8xlarge": 1.46624, // D
            "c8g.12xlarge": 2.19936, // S
            "c8g.16xlarge": 2.93248, // S
            // r5
            "r5.large": 0.152, // C
            "r5.xlarge": 0.304, // D
            "r5.2xlarge": 0.608, // D
            "r5.4xlarge": 1.216, // C
            "r5.8xlarge": 2.432, // D
            "r5.12xlarge": 3.648, // C
            "r5.16xlarge": 4.864, // C
            // r6i
            "r6i.large": 0.152, // C
            "r6i.xlarge": 0.304, // C
            "r6i.2xlarge": 0.608, // D
            "r6i.4xlarge": 1.216, // C
            "r6i.8xlarge": 2.432, // C
            "r6i.12xlarge": 3.648, // D
            "r6i.16xlarge": 4.864, // D
            // r6a
            "r6a.large": 0.1368, // C
            "r6a.xlarge": 0.2736, // D
            "r6a.2xlarge": 0.5472, // C
            "r6a.4xlarge": 1.0944, // C
            "r6a.8xlarge": 2.1888, // C
            "r6a.12xlarge": 3.2832, // C
            "r6a.16xlarge": 4.3776, // C
            // r6g
            "r6g.large": 0.1216, // D
            "r6g.xlarge": 0.2432, // D
            "r6g.2xlarge": 0.4864, // C
            "r6g.4xlarge": 0.9728, // D
            "r6g.8xlarge": 1.9456, // D
            "r6g.12xlarge": 2.9184, // D
            "r6g.16xlarge": 3.8912, // C
            // r7i
            "r7i.large": 0.1596, // C
            "r7i.xlarge": 0.3192, // C
            "r7i.2xlarge": 0.6384, // D
            "r7i.4xlarge": 1.2768, // D
            "r7i.8xlarge": 2.5536, // D
            "r7i.12xlarge": 3.8304, // D
            "r7i.16xlarge": 5.1072, // C
            // r7g
            "r7g.large": 0.1292, // D
            "r7g.xlarge": 0.2584, // D
            "r7g.2xlarge": 0.5168, // D
            "r7g.4xlarge": 1.0336, // C
            "r7g.8xlarge": 2.0672, // C
            "r7g.12xlarge": 3.1008, // C
            "r7g.16xlarge": 4.1344, // C
            // r8g
            "r8g.large": 0.14212, // D
            "r8g.xlarge": 0.28424, // S
            "r8g.2xlarge": 0.56848, // D
            "r8g.4xlarge": 1.13696, // D
            "r8g.8xlarge": 2.27392, // D
            "r8g.12xlarge": 3.41088, // D
            "r8g.16xlarge": 4.54784, // D
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
