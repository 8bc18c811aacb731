import { Source, Sourced } from "./source";

/*
 * AWS commercial regions and their availability zones.
 *
 * What is account-independent, and so what validation relies on: a region's name, its AZ ids (the physical
 * zones, e.g. use1-az1) and how many zones it has. What is not: in the oldest regions (us-east-1, us-west-1,
 * eu-west-1, ap-northeast-1, … and, for accounts created before November 2025, others) AWS maps zone *names*
 * to physical zones independently per account, so "us-east-1a" is not the same place in two accounts, and an
 * older account may see fewer names. The name ↔ id pairs below are those of one account (the source's) and
 * only stand in for a real account in the offline engine; nothing is validated on the pairing.
 */

const CHECKED = "2026-12-02";

const ZONES_SOURCE: Source = {
    url: "https://github.com/networknext/next/blob/b4efefcad40c05d72f43ffa9f5b91b4472033f32/terraform/prod/relays/amazon/generated.tf",
    version: "describe-availability-zones of one account, regional AZs only (Local Zones dropped)",
    checked: CHECKED,
};

const AZ_IDS_DOC: Source = { url: "https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html", checked: CHECKED };

/** EKS: "The subnets can't reside in the following Availability Zones" (cluster VPC and subnet requirements). */
const EKS_SUBNETS_DOC: Source = {
    url: "https://github.com/awsdocs/amazon-eks-user-guide/blob/4d52b4d05e3478582e7d10a73cbd9ba9194dd5f7/latest/ug/networking/network-reqs.adoc",
    version: "EKS User Guide, Dec 2024 (newest copy of the source found)",
    checked: CHECKED,
};

export interface Zone {
    /** Zone name as the source account sees it (per account in the oldest regions). */
    readonly name: string;
    /** Physical zone id, the same in every account. */
    readonly id: string;
}

export interface RegionFacts {
    readonly zones: readonly Zone[];
    /** AZ ids EKS refuses for cluster subnets (UnsupportedAvailabilityZoneException). */
    readonly eksUnsupportedZoneIds: readonly string[];
    readonly sources: readonly Source[];
}

type Pairs = readonly (readonly [string, string])[];

const EKS_UNSUPPORTED: Readonly<Record<string, readonly string[]>> = {
    "us-east-1": ["use1-az3"],
    "us-west-1": ["usw1-az2"],
    "ca-central-1": ["cac1-az3"],
};

function table(pairs: Readonly<Record<string, Pairs>>): Readonly<Record<string, RegionFacts>> {
    return Object.fromEntries(
        Object.entries(pairs).map(([region, zones]) => {
            const unsupported = EKS_UNSUPPORTED[region] ?? [];
            return [
                region,
                {
                    zones: zones.map(([name, id]) => ({ name, id })),
                    eksUnsupportedZoneIds: unsupported,
                    sources: unsupported.length > 0 ? [ZONES_SOURCE, AZ_IDS_DOC, EKS_SUBNETS_DOC] : [ZONES_SOURCE, AZ_IDS_DOC],
                },
            ];
        }),
    );
}

export const REGIONS: Sourced<Readonly<Record<string, RegionFacts>>> = {
    sources: [ZONES_SOURCE, AZ_IDS_DOC, EKS_SUBNETS_DOC],
    rows: table({
        "af-south-1": [["af-south-1a", "afs1-az1"], ["af-south-1b", "afs1-az2"], ["af-south-1c", "afs1-az3"]],
        "ap-east-1": [["ap-east-1a", "ape1-az1"], ["ap-east-1b", "ape1-az2"], ["ap-east-1c", "ape1-az3"]],
        "ap-northeast-1": [["ap-northeast-1a", "apne1-az4"], ["ap-northeast-1c", "apne1-az1"], ["ap-northeast-1d", "apne1-az2"]],
        "ap-northeast-2": [["ap-northeast-2a", "apne2-az1"], ["ap-northeast-2b", "apne2-az2"], ["ap-northeast-2c", "apne2-az3"], ["ap-northeast-2d", "apne2-az4"]],
        "ap-northeast-3": [["ap-northeast-3a", "apne3-az3"], ["ap-northeast-3b", "apne3-az1"], ["ap-northeast-3c", "apne3-az2"]],
        "ap-south-1": [["ap-south-1a", "aps1-az1"], ["ap-south-1b", "aps1-az3"], ["ap-south-1c", "aps1-az2"]],
        "ap-south-2": [["ap-south-2a", "aps2-az1"], ["ap-south-2b", "aps2-az2"], ["ap-south-2c", "aps2-az3"]],
        "ap-southeast-1": [["ap-southeast-1a", "apse1-az1"], ["ap-southeast-1b", "apse1-az2"], ["ap-southeast-1c", "apse1-az3"]],
        "ap-southeast-2": [["ap-southeast-2a", "apse2-az1"], ["ap-southeast-2b", "apse2-az3"], ["ap-southeast-2c", "apse2-az2"]],
        "ap-southeast-3": [["ap-southeast-3a", "apse3-az1"], ["ap-southeast-3b", "apse3-az2"], ["ap-southeast-3c", "apse3-az3"]],
        "ap-southeast-4": [["ap-southeast-4a", "apse4-az1"], ["ap-southeast-4b", "apse4-az2"], ["ap-southeast-4c", "apse4-az3"]],
        "ap-southeast-5": [["ap-southeast-5a", "apse5-az1"], ["ap-southeast-5b", "apse5-az2"], ["ap-southeast-5c", "apse5-az3"]],
        "ap-southeast-6": [["ap-southeast-6a", "apse6-az1"], ["ap-southeast-6b", "apse6-az2"], ["ap-southeast-6c", "apse6-az3"]],
        "ap-southeast-7": [["ap-southeast-7a", "apse7-az1"], ["ap-southeast-7b", "apse7-az2"], ["ap-southeast-7c", "apse7-az3"]],
        "ca-central-1": [["ca-central-1a", "cac1-az1"], ["ca-central-1b", "cac1-az2"], ["ca-central-1d", "cac1-az4"]],
        "ca-west-1": [["ca-west-1a", "caw1-az1"], ["ca-west-1b", "caw1-az2"], ["ca-west-1c", "caw1-az3"]],
        "eu-central-1": [["eu-central-1a", "euc1-az2"], ["eu-central-1b", "euc1-az3"], ["eu-central-1c", "euc1-az1"]],
        "eu-central-2": [["eu-central-2a", "euc2-az1"], ["eu-central-2b", "euc2-az2"], ["eu-central-2c", "euc2-az3"]],
        "eu-north-1": [["eu-north-1a", "eun1-az1"], ["eu-north-1b", "eun1-az2"], ["eu-north-1c", "eun1-az3"]],
        "eu-south-1": [["eu-south-1a", "eus1-az1"], ["eu-south-1b", "eus1-az2"], ["eu-south-1c", "eus1-az3"]],
        "eu-south-2": [["eu-south-2a", "eus2-az1"], ["eu-south-2b", "eus2-az2"], ["eu-south-2c", "eus2-az3"]],
        "eu-west-1": [["eu-west-1a", "euw1-az2"], ["eu-west-1b", "euw1-az3"], ["eu-west-1c", "euw1-az1"]],
        "eu-west-2": [["eu-west-2a", "euw2-az2"], ["eu-west-2b", "euw2-az3"], ["eu-west-2c", "euw2-az1"]],
        "eu-west-3": [["eu-west-3a", "euw3-az1"], ["eu-west-3b", "euw3-az2"], ["eu-west-3c", "euw3-az3"]],
        "il-central-1": [["il-central-1a", "ilc1-az1"], ["il-central-1b", "ilc1-az2"], ["il-central-1c", "ilc1-az3"]],
        "me-central-1": [["me-central-1a", "mec1-az1"], ["me-central-1b", "mec1-az2"], ["me-central-1c", "mec1-az3"]],
        "me-south-1": [["me-south-1a", "mes1-az1"], ["me-south-1b", "mes1-az2"], ["me-south-1c", "mes1-az3"]],
        "mx-central-1": [["mx-central-1a", "mxc1-az1"], ["mx-central-1b", "mxc1-az2"], ["mx-central-1c", "mxc1-az3"]],
        "sa-east-1": [["sa-east-1a", "sae1-az1"], ["sa-east-1b", "sae1-az2"], ["sa-east-1c", "sae1-az3"]],
        "us-east-1": [["us-east-1a", "use1-az4"], ["us-east-1b", "use1-az6"], ["us-east-1c", "use1-az1"], ["us-east-1d", "use1-az2"], ["us-east-1e", "use1-az3"], ["us-east-1f", "use1-az5"]],
        "us-east-2": [["us-east-2a", "use2-az1"], ["us-east-2b", "use2-az2"], ["us-east-2c", "use2-az3"]],
        "us-west-1": [["us-west-1a", "usw1-az1"], ["us-west-1c", "usw1-az3"]],
        "us-west-2": [["us-west-2a", "usw2-az2"], ["us-west-2b", "usw2-az1"], ["us-west-2c", "usw2-az3"], ["us-west-2d", "usw2-az4"]],
    }),
};

/** Region names Strata knows, sorted. */
export const REGION_NAMES: readonly string[] = Object.keys(REGIONS.rows).sort();

export const regionFacts = (region: string): RegionFacts | undefined => REGIONS.rows[region];

/** Zones a cluster's subnets may use: the region's zones less those EKS refuses. */
export function eksZones(region: string): readonly Zone[] {
    const facts = REGIONS.rows[region];
    return facts ? facts.zones.filter((z) => !facts.eksUnsupportedZoneIds.includes(z.id)) : [];
}
