import { Source, Sourced } from "./source";

/*
 * Kubernetes minor versions on Amazon EKS: 14 months of standard support from the EKS release, then 12 months of
 * extended support; "On the end of extended support date, you can no longer create new Amazon EKS clusters with the
 * unsupported version" (EKS User Guide, "Understand the Kubernetes version lifecycle on EKS"). Dates are UTC.
 */

const CHECKED = "2026-12-02";

const EKS_CALENDAR: Source = {
    url: "https://github.com/awsdocs/amazon-eks-user-guide/blob/013856044148d6eeed4723027a45aa2180536bcb/latest/ug/versioning/kubernetes-versions.adoc",
    version: "EKS User Guide release calendar, newest copy found (rows 1.29–1.34)",
    checked: CHECKED,
};

/* The EKS page's newer revisions (1.35, 1.36) could not be read in full; these rows come from secondary sources. */
const AWS_SAMPLES_CALENDAR: Source = {
    url: "https://aws-samples.github.io/sample-apex-skills/docs/skills/eks-operation-review/references/cluster-lifecycle",
    version: "AWS samples' copy of the EKS calendar, last verified 2026-04-24 (1.35 end dates); EKS release date from endoflife.date/amazon-eks",
    checked: CHECKED,
};

const K136_ANNOUNCEMENT: Source = {
    url: "https://devopsdreams.blogspot.com/2026/08/kubernetes-136-on-amazon-eks-upgrade.html",
    version: "third-party article: EKS release 2026-06-02, standard support to 2027-08-02; extended end = standard end + 12 months (the lifecycle rule above)",
    checked: CHECKED,
};

export interface EksVersion {
    readonly version: string;
    /** First day the version was available on EKS. */
    readonly eksRelease: string;
    readonly endOfStandardSupport: string;
    /** After this day EKS creates no new cluster on the version. */
    readonly endOfExtendedSupport: string;
    readonly source: Source;
}

export const EKS_VERSIONS: Sourced<readonly EksVersion[]> = {
    sources: [EKS_CALENDAR, AWS_SAMPLES_CALENDAR, K136_ANNOUNCEMENT],
    rows: [
        { version: "1.36", eksRelease: "2026-06-02", endOfStandardSupport: "2027-08-02", endOfExtendedSupport: "2028-08-02", source: K136_ANNOUNCEMENT },
        { version: "1.35", eksRelease: "2026-01-28", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27", source: AWS_SAMPLES_CALENDAR },
        { version: "1.34", eksRelease: "2025-10-02", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02", source: EKS_CALENDAR },
        { version: "1.33", eksRelease: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29", source: EKS_CALENDAR },
        { version: "1.32", eksRelease: "2025-01-23", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23", source: EKS_CALENDAR },
        { version: "1.31", eksRelease: "2024-09-26", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26", source: EKS_CALENDAR },
        { version: "1.30", eksRelease: "2024-05-23", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23", source: EKS_CALENDAR },
        { version: "1.29", eksRelease: "2024-01-23", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23", source: EKS_CALENDAR },
    ],
};

/**
 * The day "offered" is judged on: the catalog's check date, not the wall clock, so a plan is reproducible and a
 * version leaves the list when someone re-reads the calendar and moves this date (README, "The catalog").
 */
export const EKS_AS_OF = CHECKED;

/** Versions EKS creates clusters on as of `asOf` (standard or extended support), newest first. */
export function offeredVersions(asOf: string = EKS_AS_OF): readonly EksVersion[] {
    return EKS_VERSIONS.rows.filter((v) => v.eksRelease <= asOf && asOf < v.endOfExtendedSupport);
}

/** "standard support to 2027-07-29" or "extended support (extra cost) to 2027-03-23". */
export function supportPhase(v: EksVersion, asOf: string = EKS_AS_OF): string {
    return asOf < v.endOfStandardSupport ? `standard support to ${v.endOfStandardSupport}` : `extended support (extra cost) to ${v.endOfExtendedSupport}`;
}

/**
 * What a cluster's upgrade policy does at the end of standard support. STANDARD makes AWS upgrade the control plane
 * itself, behind the program's back (the next `pulumi up` would ask for the old version, which EKS cannot go back
 * to); EXTENDED keeps the version the program states, at extended-support cost once that starts.
 */
export const UPGRADE_POLICY: Sourced<{ readonly standardAutoUpgrades: true; readonly extendedCannotBeDisabledOnceEntered: true; readonly supportType: "EXTENDED" }> = {
    sources: [
        { url: "https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html", version: "EKS User Guide, cluster upgrade policy: \"If your upgrade policy is STANDARD, it will be automatically upgraded\"", checked: "2026-12-06" },
        { url: "https://docs.aws.amazon.com/eks/latest/userguide/disable-extended-support.html", version: "EKS User Guide, disable extended support: it cannot be disabled once a cluster has entered it, only for clusters on standard support", checked: "2026-12-06" },
    ],
    rows: { standardAutoUpgrades: true, extendedCannotBeDisabledOnceEntered: true, supportType: "EXTENDED" },
};

/**
 * The label EKS puts on every node of a managed node group with the group's capacity type (ON_DEMAND or SPOT); the
 * cluster autoscaler gives a group's node template the same label from DescribeNodegroup, so a pod selecting it can
 * also trigger a scale-up from zero.
 */
export const CAPACITY_TYPE_LABEL: Sourced<{ readonly key: string; readonly onDemand: string; readonly spot: string }> = {
    sources: [
        { url: "https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html#managed-node-group-capacity-types", version: "EKS user guide, managed node group capacity types", checked: "2026-12-06" },
        { url: "https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-1.32.0/cluster-autoscaler/cloudprovider/aws/aws_wrapper.go", version: "cluster-autoscaler 1.32.0 (L78-88: managed node group labels include eks.amazonaws.com/capacityType)", checked: "2026-12-06" },
    ],
    rows: { key: "eks.amazonaws.com/capacityType", onDemand: "ON_DEMAND", spot: "SPOT" },
};

/**
 * The cluster autoscaler's guidance for zonal workloads: a pod bound to a zone (its EBS volume, a strict zone spread)
 * can only be helped by a group in that zone, so each zone gets its own group, and `--balance-similar-node-groups`
 * keeps them even. Groups are similar when their capacity matches and their labels match apart from the zone labels
 * and the ignored ones: a label that names the zone's own group must not differ between them.
 */
export const ZONAL_NODE_GROUPS: Sourced<{ readonly groupPerZone: true; readonly balanceFlag: string; readonly labelsIgnoredOnAws: readonly string[] }> = {
    sources: [
        { url: "https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-1.32.0/cluster-autoscaler/cloudprovider/aws/README.md", version: "cluster-autoscaler 1.32.0 (L484-492: \"an ASG-per-AZ while enabling --balance-similar-node-groups\")", checked: "2026-12-06" },
        { url: "https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-1.32.0/cluster-autoscaler/FAQ.md", version: "cluster-autoscaler 1.32.0 (L308-328 similarity; L1110 separate node groups per zone)", checked: "2026-12-06" },
        { url: "https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-1.32.0/cluster-autoscaler/processors/nodegroupset/aws_nodegroups.go", version: "cluster-autoscaler 1.32.0 (L28-35)", checked: "2026-12-06" },
    ],
    rows: {
        groupPerZone: true,
        balanceFlag: "balance-similar-node-groups",
        labelsIgnoredOnAws: ["alpha.eksctl.io/instance-id", "alpha.eksctl.io/nodegroup-name", "eks.amazonaws.com/nodegroup", "k8s.amazonaws.com/eniConfig", "lifecycle", "topology.ebs.csi.aws.com/zone"],
    },
};
