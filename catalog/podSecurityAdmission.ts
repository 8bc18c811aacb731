import { Sourced } from "./source";

/*
 * Pod Security Admission: a namespace label per mode names the Pod Security Standard it applies. `enforce` rejects
 * a pod that breaks it; `audit` and `warn` only record and tell. Istio's sidecar injection adds an init container
 * (istio-init) with NET_ADMIN and NET_RAW, which even `baseline` refuses: a meshed namespace can enforce a standard
 * only with the Istio CNI node agent installed, which Strata does not install yet.
 */

const CHECKED = "2026-12-06";

export interface PodSecurityAdmissionFacts {
    /** `pod-security.kubernetes.io/<mode>` for each mode. */
    readonly modeLabel: { readonly enforce: string; readonly audit: string; readonly warn: string };
    readonly restricted: "restricted";
    /** Injected istio-init needs NET_ADMIN and NET_RAW, outside baseline and restricted, unless Istio CNI is used. */
    readonly istioInitBlocksEnforceWithoutCni: true;
}

export const POD_SECURITY_ADMISSION: Sourced<PodSecurityAdmissionFacts> = {
    sources: [
        { url: "https://kubernetes.io/docs/concepts/security/pod-security-admission/", version: "Kubernetes docs, Pod Security Admission: labels pod-security.kubernetes.io/<MODE>: <LEVEL>, modes enforce, audit, warn", checked: CHECKED },
        { url: "https://istio.io/latest/docs/setup/additional-setup/pod-security-admission/", version: "Istio docs, Install Istio with Pod Security Admission: istio-init needs NET_ADMIN and NET_RAW, not allowed by baseline; enforcing needs the Istio CNI plugin", checked: CHECKED },
    ],
    rows: {
        modeLabel: { enforce: "pod-security.kubernetes.io/enforce", audit: "pod-security.kubernetes.io/audit", warn: "pod-security.kubernetes.io/warn" },
        restricted: "restricted",
        istioInitBlocksEnforceWithoutCni: true,
    },
};

/** What the restricted Pod Security Standard allows, where a pod template is judged against it. */
export interface RestrictedStandardFacts {
    readonly volumeTypes: readonly string[];
    /** The only capability a container may add. */
    readonly addableCapabilities: readonly string[];
    readonly seccompTypes: readonly string[];
    /** `procMount` other than this unmasks /proc (baseline already). */
    readonly procMount: "Default";
}

export const RESTRICTED_STANDARD: Sourced<RestrictedStandardFacts> = {
    sources: [
        { url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/", version: "Kubernetes docs, Pod Security Standards: restricted volume types, capabilities (drop ALL, add only NET_BIND_SERVICE), seccomp RuntimeDefault or Localhost; baseline: no host ports, procMount Default", checked: CHECKED },
    ],
    rows: {
        volumeTypes: ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"],
        addableCapabilities: ["NET_BIND_SERVICE"],
        seccompTypes: ["RuntimeDefault", "Localhost"],
        procMount: "Default",
    },
};
