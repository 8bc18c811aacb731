import { Sourced } from "./source";

/*
 * How the pinned VPA (1.0.0, the Fairwinds vpa chart 4.7.2's appVersion) picks the resource policy of a container,
 * which components/workload/vpa.ts relies on to keep every container but the app's (the istio-proxy sidecar among
 * them) out of the VPA's hands.
 *
 * - `PodResourcePolicy.containerPolicies` holds at most one entry per named container and optionally one entry
 *   whose `containerName` is `"*"` (DefaultContainerResourcePolicy), used by every container without its own entry.
 * - A container's own entry wins over `"*"`: GetContainerResourcePolicy returns the entry whose name matches and
 *   falls back to the `"*"` entry only when none does.
 * - `mode` (ContainerScalingMode) is `Auto` (the default when absent) or `Off`; `Off` disables autoscaling of that
 *   container. The chart's v1 CRD allows exactly these two values.
 */

const CHECKED = "2026-12-02";
const VPA_TAG = "vertical-pod-autoscaler-1.0.0";

export const VPA_CONTAINER_POLICY: Sourced<{ readonly wildcardContainerName: "*"; readonly modeOff: "Off" }> = {
    sources: [
        {
            url: `https://github.com/kubernetes/autoscaler/blob/${VPA_TAG}/vertical-pod-autoscaler/pkg/apis/autoscaling.k8s.io/v1/types.go`,
            version: "VPA 1.0.0 (PodResourcePolicy, ContainerResourcePolicy, DefaultContainerResourcePolicy, ContainerScalingMode)",
            checked: CHECKED,
        },
        {
            url: `https://github.com/kubernetes/autoscaler/blob/${VPA_TAG}/vertical-pod-autoscaler/pkg/utils/vpa/api.go`,
            version: "VPA 1.0.0 (GetContainerResourcePolicy: own entry first, then \"*\")",
            checked: CHECKED,
        },
        {
            url: "https://github.com/FairwindsOps/charts/blob/13bfde7486ecdf1bf4667a1d6062795bc2747330/stable/vpa/crds/vpa-v1-crd.yaml",
            version: "vpa chart 4.7.2 (containerPolicies[].mode enum Auto, Off)",
            checked: CHECKED,
        },
    ],
    rows: { wildcardContainerName: "*", modeOff: "Off" },
};

/**
 * Whether the pinned VPA's recommender and updater elect a leader. VPA 1.0.0 has no leader election (it arrived in
 * 1.2.0 with `--leader-elect`, PR kubernetes/autoscaler#6985); upstream states that the recommender and the updater
 * assume a single running instance. Two replicas then both write recommendations and both evict.
 */
export const VPA_LEADER_ELECTION: Sourced<{ readonly version: string; readonly recommender: boolean; readonly updater: boolean }> = {
    sources: [
        { url: `https://github.com/kubernetes/autoscaler/blob/${VPA_TAG}/vertical-pod-autoscaler/pkg/recommender/main.go`, version: "VPA 1.0.0 (no leader-elect flag)", checked: "2026-12-06" },
        { url: `https://github.com/kubernetes/autoscaler/blob/${VPA_TAG}/vertical-pod-autoscaler/pkg/updater/main.go`, version: "VPA 1.0.0 (no leader-elect flag)", checked: "2026-12-06" },
        { url: "https://github.com/kubernetes/autoscaler/pull/6985", version: "vpa-{updater,recommender}: Add support for leader election (released in VPA 1.2.0)", checked: "2026-12-06" },
        { url: "https://github.com/kubernetes/autoscaler/issues/6846", version: "\"only the Admission Controller can run with multiple instances, but not the Recommender and Updater\"", checked: "2026-12-06" },
        { url: "https://github.com/FairwindsOps/charts/blob/13bfde7486ecdf1bf4667a1d6062795bc2747330/stable/vpa/templates/recommender-deployment.yaml", version: "vpa chart 4.7.2 (replicas from replicaCount; no leader-election argument)", checked: "2026-12-06" },
    ],
    rows: { version: "1.0.0", recommender: false, updater: false },
};
