import type { IVerticalPodAutoscaler } from "@kubernetes-models/autoscaler/autoscaling.k8s.io/v1/VerticalPodAutoscaler";
import { VPA_CONTAINER_POLICY } from "../../catalog/verticalPodAutoscaler";
import { cpuMillis, memoryBytes } from "./quantity";

/*
 * VerticalPodAutoscaler specs, and the rule that keeps a VPA from fighting the HPA: an HPA scaling on a
 * resource's utilization reacts to the requests a VPA changes, so the two would chase each other.
 * Only the app container is the VPA's: every other container (the injected istio-proxy sidecar) falls under a
 * `"*"` policy in mode Off, since resizing the sidecar moves the pod's CPU the HPA scales on
 * (catalog/verticalPodAutoscaler.ts: the named entry wins, `"*"` covers the rest).
 */

export type VpaMode = "Off" | "Initial" | "Recreate" | "Auto";
type Resource = "cpu" | "memory";

export interface VpaSettings {
    readonly mode: VpaMode;
    /** @default the resources the HPA does not scale on; both in mode Off */
    readonly controlledResources?: readonly Resource[];
    readonly controlledValues: "RequestsAndLimits" | "RequestsOnly";
    readonly minAllowed?: { readonly cpu?: string; readonly memory?: string };
    readonly maxAllowed?: { readonly cpu?: string; readonly memory?: string };
}

export interface ResolvedVpa {
    readonly mode: VpaMode;
    readonly controlledResources: Resource[];
}

/**
 * The safe combination: with nothing asked, a VPA that acts controls only what the HPA leaves alone, and
 * falls back to recommendations (mode Off) when the HPA scales on both. An explicit overlap is refused.
 */
export function resolveVpa(settings: Pick<VpaSettings, "mode" | "controlledResources">, hpaScalesOn: readonly Resource[]): ResolvedVpa {
    const all: Resource[] = ["cpu", "memory"];
    if (settings.mode === "Off") return { mode: "Off", controlledResources: [...(settings.controlledResources ?? all)] };
    if (settings.controlledResources) {
        const overlap = settings.controlledResources.filter((r) => hpaScalesOn.includes(r));
        if (overlap.length > 0) {
            throw new Error(
                `the VPA in mode ${settings.mode} would change ${overlap.join(" and ")} requests while the HPA scales on ${overlap.join(" and ")} utilization; ` +
                    `set vpa.mode to Off, or vpa.controlledResources to ${all.filter((r) => !hpaScalesOn.includes(r)).join(", ") || "nothing the HPA uses"}`,
            );
        }
        return { mode: settings.mode, controlledResources: [...settings.controlledResources] };
    }
    const free = all.filter((r) => !hpaScalesOn.includes(r));
    return free.length > 0 ? { mode: settings.mode, controlledResources: free } : { mode: "Off", controlledResources: all };
}

export function checkVpaBounds(settings: Pick<VpaSettings, "minAllowed" | "maxAllowed">): string[] {
    const problems: string[] = [];
    const { minAllowed: min, maxAllowed: max } = settings;
    if (min?.cpu && max?.cpu && cpuMillis(min.cpu) > cpuMillis(max.cpu)) problems.push(`vpa.minAllowed.cpu (${min.cpu}) must be ≤ vpa.maxAllowed.cpu (${max.cpu})`);
    if (min?.memory && max?.memory && memoryBytes(min.memory) > memoryBytes(max.memory)) problems.push(`vpa.minAllowed.memory (${min.memory}) must be ≤ vpa.maxAllowed.memory (${max.memory})`);
    return problems;
}

export function buildVpa(name: string, namespace: string, containerName: string, settings: VpaSettings, hpaScalesOn: readonly Resource[]): IVerticalPodAutoscaler {
    const problems = checkVpaBounds(settings);
    if (problems.length > 0) throw new Error(problems.join("; "));
    const resolved = resolveVpa(settings, hpaScalesOn);
    const bounds = (b: VpaSettings["minAllowed"]) => (b && (b.cpu || b.memory) ? { ...(b.cpu ? { cpu: b.cpu } : {}), ...(b.memory ? { memory: b.memory } : {}) } : undefined);
    const minAllowed = bounds(settings.minAllowed);
    const maxAllowed = bounds(settings.maxAllowed);
    return {
        apiVersion: "autoscaling.k8s.io/v1",
        kind: "VerticalPodAutoscaler",
        metadata: { name, namespace },
        spec: {
            targetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
            updatePolicy: { updateMode: resolved.mode },
            resourcePolicy: {
                containerPolicies: [
                    {
                        containerName,
                        controlledResources: resolved.controlledResources,
                        controlledValues: settings.controlledValues,
                        ...(minAllowed ? { minAllowed } : {}),
                        ...(maxAllowed ? { maxAllowed } : {}),
                    },
                    { containerName: VPA_CONTAINER_POLICY.rows.wildcardContainerName, mode: VPA_CONTAINER_POLICY.rows.modeOff },
                ],
            },
        },
    };
}
