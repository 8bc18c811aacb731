import { OVERPROVISIONING } from "../../catalog/provisioners";
import { PAUSE_IMAGE } from "../../catalog/pauseImage";
import { POD_SECURITY_ADMISSION } from "../../catalog/podSecurityAdmission";

/*
 * Headroom: placeholder pods that hold room on the workload nodes at a priority below every workload's. A burst's
 * pending pods preempt them at once instead of waiting for a node; their Deployment recreates them, and the
 * cluster autoscaler adds nodes for them (their priority sits above its expendable cutoff, so it does). Pure
 * planning: the component only turns these objects into resources.
 */

export interface HeadroomSettings {
    /** Placeholder pods; 0 turns headroom off. */
    readonly pods: number;
    /** Each placeholder's CPU request and limit, e.g. "1". */
    readonly cpu: string;
    /** Each placeholder's memory request and limit, e.g. "2Gi". */
    readonly memory: string;
}

export const HEADROOM_NAMESPACE = "strata-headroom";
export const HEADROOM_PRIORITY_CLASS = "strata-headroom";
const LABELS = { "app.kubernetes.io/name": "headroom", "app.kubernetes.io/part-of": "strata" };

/** The objects of a cluster's headroom, or undefined when it has none. */
export function planHeadroom(settings: HeadroomSettings, workloadNodeSelector: Readonly<Record<string, string>>) {
    if (settings.pods === 0) return undefined;
    const psa = POD_SECURITY_ADMISSION.rows;
    const { image, uid } = PAUSE_IMAGE.rows;
    const resources = { cpu: settings.cpu, memory: settings.memory };
    return {
        namespace: {
            metadata: {
                name: HEADROOM_NAMESPACE,
                labels: { [psa.modeLabel.enforce]: psa.restricted, [psa.modeLabel.audit]: psa.restricted, [psa.modeLabel.warn]: psa.restricted },
            },
        },
        priorityClass: {
            metadata: { name: HEADROOM_PRIORITY_CLASS },
            value: OVERPROVISIONING.rows.placeholderPriority,
            globalDefault: false,
            // A placeholder never evicts anything to get its room back: it waits for the autoscaler's node.
            preemptionPolicy: "Never",
            description: "Strata headroom placeholders: below every workload, above the cluster autoscaler's expendable cutoff",
        },
        deployment: {
            metadata: { name: "headroom", namespace: HEADROOM_NAMESPACE, labels: LABELS },
            spec: {
                replicas: settings.pods,
                selector: { matchLabels: LABELS },
                template: {
                    metadata: { labels: LABELS },
                    spec: {
                        priorityClassName: HEADROOM_PRIORITY_CLASS,
                        // Preempted placeholders leave at once, so the pod that preempted them binds at once.
                        terminationGracePeriodSeconds: 0,
                        automountServiceAccountToken: false,
                        nodeSelector: { ...workloadNodeSelector },
                        securityContext: { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, seccompProfile: { type: "RuntimeDefault" } },
                        containers: [
                            {
                                name: "pause",
                                image,
                                resources: { requests: resources, limits: resources },
                                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                            },
                        ],
                    },
                },
            },
        },
    };
}
