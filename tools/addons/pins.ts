/*
 * Proposes EKS add-on pins for a stack: EKS's current default version of each managed add-on for each Kubernetes
 * version the stack runs, beside the stack's pins, as the YAML to paste into Pulumi.<stack>.yaml. The program itself
 * never looks versions up (catalog/drift.ts): a person reviews the proposal and commits the pin.
 */

/** EKS add-on names, and the `strata:cluster.addonVersions` key each is pinned under. */
export const ADDON_KEYS = { "vpc-cni": "vpcCni", "kube-proxy": "kubeProxy", coredns: "coredns", "aws-ebs-csi-driver": "ebsCsiDriver" } as const;
export type AddonName = keyof typeof ADDON_KEYS;
export type AddonKey = (typeof ADDON_KEYS)[AddonName];

/** The part of a DescribeAddonVersions answer the proposal reads. */
export interface AddonVersionsPage {
    readonly addons?: readonly {
        readonly addonName?: string;
        readonly addonVersions?: readonly { readonly addonVersion?: string; readonly compatibilities?: readonly { readonly clusterVersion?: string; readonly defaultVersion?: boolean }[] }[];
    }[];
    readonly nextToken?: string;
}

/** One DescribeAddonVersions call (the AWS SDK's EKS client, or a stub in tests). */
export type DescribeAddonVersions = (input: { addonName: string; kubernetesVersion: string; nextToken?: string }) => Promise<AddonVersionsPage>;

/** EKS's default version of an add-on for a Kubernetes version, reading every page. */
export async function defaultVersion(describe: DescribeAddonVersions, addonName: AddonName, kubernetesVersion: string): Promise<string | undefined> {
    let nextToken: string | undefined;
    do {
        const page = await describe({ addonName, kubernetesVersion, ...(nextToken ? { nextToken } : {}) });
        for (const addon of page.addons ?? []) {
            if (addon.addonName !== addonName) continue;
            const found = (addon.addonVersions ?? []).find((v) => (v.compatibilities ?? []).some((c) => c.clusterVersion === kubernetesVersion && c.defaultVersion === true));
            if (found?.addonVersion) return found.addonVersion;
        }
        nextToken = page.nextToken;
    } while (nextToken);
    return undefined;
}

export interface Proposal {
    readonly kubernetesVersion: string;
    /** Regions running that Kubernetes version. */
    readonly regions: readonly string[];
    readonly defaults: Readonly<Record<AddonKey, string | undefined>>;
}

/** The defaults for every Kubernetes version the stack's regions run. */
export async function propose(describe: DescribeAddonVersions, regions: readonly { name: string; kubernetesVersion: string }[]): Promise<Proposal[]> {
    const versions = [...new Set(regions.map((r) => r.kubernetesVersion))].sort();
    const proposals: Proposal[] = [];
    for (const kubernetesVersion of versions) {
        const entries = await Promise.all(
            (Object.keys(ADDON_KEYS) as AddonName[]).map(async (addon) => [ADDON_KEYS[addon], await defaultVersion(describe, addon, kubernetesVersion)] as const),
        );
        proposals.push({ kubernetesVersion, regions: regions.filter((r) => r.kubernetesVersion === kubernetesVersion).map((r) => r.name), defaults: Object.fromEntries(entries) as Record<AddonKey, string | undefined> });
    }
    return proposals;
}

/** The proposal as the YAML to paste under `config:`, each line noting the stack's current pin when it differs. */
export function renderProposal(stack: string, pins: Readonly<Record<AddonKey, string>>, proposals: readonly Proposal[]): string {
    const lines = [`# EKS default add-on versions for stack ${stack} (DescribeAddonVersions). Review, then paste under config: in Pulumi.${stack}.yaml.`];
    for (const proposal of proposals) {
        lines.push(`# Kubernetes ${proposal.kubernetesVersion} (${proposal.regions.join(", ")})`, "strata:cluster:", "  addonVersions:");
        for (const key of Object.values(ADDON_KEYS)) {
            const proposed = proposal.defaults[key];
            const note = proposed === undefined ? "  # EKS offers no default for this Kubernetes version" : proposed === pins[key] ? "" : `  # pinned now: ${pins[key]}`;
            lines.push(`    ${key}: ${proposed ?? pins[key]}${note}`);
        }
    }
    if (proposals.length > 1) lines.push("# The stack's regions run different Kubernetes versions; addonVersions is one section, so pin versions every one of them supports.");
    return lines.join("\n");
}
