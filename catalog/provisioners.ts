import { Source, Sourced } from "./source";

/*
 * Node provisioners on EKS as their documentation states them: how long from a provisioner's decision to a Ready
 * node, how often it looks at pending pods, and how it removes under-used nodes; plus the cluster autoscaler's
 * expendable-pods cutoff that an overprovisioning placeholder must respect, and what Kubernetes says about the time
 * a preempted placeholder takes to leave. The autoscaling simulator (capacity/dynamics) compares provisioners with
 * these rows.
 */

const CHECKED = "2026-12-06";

const CA_COMMIT = "55c37cd5eb550756c5ccc5a89e9068d77797e575";
const CA_FAQ = `https://github.com/kubernetes/autoscaler/blob/${CA_COMMIT}/cluster-autoscaler/FAQ.md`;
const KARPENTER_COMMIT = "1d927085dd81a9df9301e613f371dac5b4d16bfe";
const KARPENTER_DOCS = `https://github.com/aws/karpenter-provider-aws/blob/${KARPENTER_COMMIT}/website/content/en/docs`;
const BPG_COMMIT = "dc0243ad2cf41ff631097731852f18827de332c2";
const BPG = `https://github.com/aws/aws-eks-best-practices/blob/${BPG_COMMIT}/latest/bpg/autoscaling`;

const CA_VERSION = "kubernetes/autoscaler master, 2026-08-22 (after cluster-autoscaler-chart-9.59.0)";
const KARPENTER_VERSION = "Karpenter v1.14 docs (v1.14.0-68, same text at v1.14.1)";

export type ProvisionerName = "cluster-autoscaler" | "karpenter";

export interface Provisioner {
    /** Typical seconds from the provisioner's decision (a pending pod seen) to a Ready node on EKS, as the sources report it (give the estimate the sources support; if they give a range, take the SLOWER end). */
    readonly nodeReadySeconds: number;
    /** Seconds between the provisioner's looks at pending pods (cluster-autoscaler --scan-interval default 10 s; Karpenter batches pending pods: its batch idle/max durations, defaults 1 s / 10 s). */
    readonly reactionSeconds: number;
    /** Whether it removes under-used nodes by consolidation (Karpenter) or scale-down of empty/under-utilized nodes (CA), one line. */
    readonly consolidation: string;
    readonly sources: readonly Source[];
}

const CA_SOURCES: readonly Source[] = [
    // "How fast is HPA when combined with CA?": "Node provisioning time depends mostly on cloud provider. In our experience,
    // on GCE it usually takes 3 to 4 minutes from CA request to when pods can be scheduled on newly created nodes."
    // "How does scale-up work?": "It checks for any unschedulable pods every 10 seconds (configurable by `--scan-interval` flag)."
    // Parameters table: scan-interval "How often cluster is reevaluated for scale up or down" 10s;
    // scale-down-unneeded-time 10m0s; scale-down-utilization-threshold 0.5.
    { url: `${CA_FAQ}#how-fast-is-hpa-when-combined-with-ca`, version: `${CA_VERSION}: node provisioning 3 to 4 minutes (measured on GCE), scan-interval 10s, scale-down after 10 min unneeded below 0.5 utilization`, checked: CHECKED },
    // "Nodes can take multiple minutes to become available"; scan interval example "if it takes 2 minutes to launch a node".
    { url: `${BPG}/cluster-autoscaler.adoc`, version: "EKS Best Practices Guide, Cluster Autoscaler (Reducing the Scan Interval; Overprovisioning)", checked: CHECKED },
];

const KARPENTER_SOURCES: readonly Source[] = [
    // "Karpenter launches right-sized compute resources (for example, Amazon EC2 instances) in response to changing
    // application load in under a minute."
    { url: "https://github.com/awsdocs/amazon-eks-user-guide/blob/f60041409f8255b59682a2ca39382a2278e0e38b/latest/ug/clusters/autoscaling.adoc", version: "Amazon EKS User Guide, Scale cluster compute with Karpenter and Cluster Autoscaler: \"in under a minute\"", checked: CHECKED },
    // Karpenter GA announcement (2021-11-29): designed to provision new EC2 instances and schedule pods in under a minute.
    { url: "https://aws.amazon.com/pt/about-aws/whats-new/2021/11/aws-karpenter-v0-5", version: "AWS What's New, Karpenter v0.5 GA (2021-11-29)", checked: CHECKED },
    // BATCH_IDLE_DURATION (default = 1s), BATCH_MAX_DURATION (default = 10s).
    { url: `${KARPENTER_DOCS}/reference/settings.md`, version: `${KARPENTER_VERSION}: BATCH_IDLE_DURATION 1s, BATCH_MAX_DURATION 10s`, checked: CHECKED },
    // Defaults consolidationPolicy: WhenEmptyOrUnderutilized, consolidateAfter: 0s; Deletion and Replace mechanisms.
    { url: `${KARPENTER_DOCS}/concepts/disruption.md`, version: `${KARPENTER_VERSION}: consolidation`, checked: CHECKED },
];

export const PROVISIONERS: Sourced<Readonly<Record<ProvisionerName, Provisioner>>> = {
    sources: [...CA_SOURCES, ...KARPENTER_SOURCES],
    rows: {
        "cluster-autoscaler": {
            // The slower end of the FAQ's "3 to 4 minutes from CA request to when pods can be scheduled on newly created
            // nodes". The maintainers measured it on GCE; no first-party source gives an EKS figure (the EKS best practices
            // guide says only "multiple minutes" and uses 2 minutes as a worked example).
            nodeReadySeconds: 240,
            // --scan-interval default 10s; the FAQ: "scale-up is considered up to 10 seconds after pod is marked as unschedulable".
            reactionSeconds: 10,
            consolidation:
                "scale-down: every scan-interval (10 s) with no scale-up needed, a node whose pods' CPU and memory requests are under 50% of allocatable and whose pods can all move elsewhere is removed after 10 minutes unneeded (one non-empty node at a time)",
            sources: CA_SOURCES,
        },
        karpenter: {
            // "in under a minute": the slower end of that bound is 60 s.
            nodeReadySeconds: 60,
            // A batch window closes after 1 s without new pending pods (BATCH_IDLE_DURATION) but stretches up to 10 s
            // (BATCH_MAX_DURATION) while pods keep arriving; the slower end is recorded.
            reactionSeconds: 10,
            consolidation:
                "consolidation (default consolidationPolicy WhenEmptyOrUnderutilized, consolidateAfter 0s): deletes a node whose pods fit on other nodes' free capacity, or replaces it with a single cheaper node",
            sources: KARPENTER_SOURCES,
        },
    },
};

/** The cluster autoscaler's expendable-pods priority cutoff: pods below it neither trigger scale-up nor block scale-down (default -10), so an overprovisioning placeholder's PriorityClass must sit at or above it (the CA FAQ's overprovisioning recipe now uses -10, equal to the cutoff; it used -1 until 2023). */
export const OVERPROVISIONING: Sourced<{ readonly expendablePodsPriorityCutoff: number; readonly placeholderPriority: number }> = {
    sources: [
        // "Default priority cutoff is -10 (since version 1.12, was 0 before that)."; parameters table:
        // expendable-pods-priority-cutoff "Pods with priority below cutoff will be expendable ... they don't cause scale up." -10.
        { url: `${CA_FAQ}#how-does-cluster-autoscaler-work-with-pod-priority-and-preemption`, version: `${CA_VERSION}: expendable-pods-priority-cutoff -10`, checked: CHECKED },
        // "Priority -10 will be reserved for overprovisioning pods as it is the lowest priority that triggers scaling
        // clusters. Other pods need to use priority 0 or higher in order to be able to preempt overprovisioning pods."
        // PriorityClass "overprovisioning" value: -10, pause pods with terminationGracePeriodSeconds: 0. The recipe used
        // -1 (with the cutoff lowered to -10 by flag) until kubernetes/autoscaler commit acdeb92a15 (2023-03-13).
        { url: `${CA_FAQ}#how-can-i-configure-overprovisioning-with-cluster-autoscaler`, version: `${CA_VERSION}: overprovisioning PriorityClass value -10`, checked: CHECKED },
        { url: `${BPG}/cluster-autoscaler.adoc`, version: "EKS Best Practices Guide, Cluster Autoscaler, Overprovisioning (\"temporary pods with negative priority\")", checked: CHECKED },
    ],
    rows: {
        expendablePodsPriorityCutoff: -10,
        // The current FAQ recipe uses -10 (equal to the default cutoff, so not expendable); the -1 of older versions of
        // the FAQ was replaced in 2023.
        placeholderPriority: -10,
    },
};

/** How long a preempted placeholder takes to leave its node when its pod sets terminationGracePeriodSeconds (graceful termination), per the Kubernetes docs on preemption; record what the docs say about victims' graceful termination and the nominated node. */
export const PREEMPTION: Sourced<{ readonly note: string }> = {
    sources: [
        {
            url: "https://github.com/kubernetes/website/blob/f8d1ef69f35e2c83066c2f20648b42c942352ed9/content/en/docs/concepts/scheduling-eviction/pod-priority-preemption.md",
            version: "kubernetes.io Pod Priority and Preemption (User exposed information; Graceful termination of preemption victims; Pods are preempted, but the preemptor is not scheduled)",
            checked: CHECKED,
        },
    ],
    rows: {
        note:
            "Preempted victims get their graceful termination period (terminationGracePeriodSeconds, by default 30 seconds) to exit and are killed if they don't, so there is a gap between preemption and the preemptor being scheduled; the docs advise setting lower-priority pods' grace period to zero or a small number (the CA FAQ's pause pods use 0). The preemptor's status.nominatedNodeName is set to the node, but it is not necessarily scheduled there: if another node frees up while the victims terminate the scheduler may use it, and a higher-priority pod arriving meanwhile may take the node (the scheduler then clears nominatedNodeName).",
    },
};
