import type { Input } from "@pulumi/pulumi";

/*
 * Kubernetes shapes the charts take verbatim (they `toYaml` them into the pod spec), shared by the values types of
 * this folder. Each chart's own file types only the keys the program sets, read from that chart's values file and
 * templates at the pinned version: a key the chart does not read fails `tsc`.
 */

export type Toleration = { readonly key: string; readonly operator: "Exists" | "Equal"; readonly value?: string; readonly effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute" };

/** nodeSelector and tolerations, read by every chart here at the level its type places them. */
export type Placement = { readonly nodeSelector?: Readonly<Record<string, string>>; readonly tolerations?: readonly Toleration[] };

export type Quantities = { readonly cpu?: string; readonly memory?: string };
export type Resources = { readonly requests?: Quantities; readonly limits?: Quantities };

export type LabelSelector = { readonly matchLabels?: Readonly<Record<string, string>> };
export type TopologySpreadConstraint = {
    readonly maxSkew: number;
    readonly topologyKey: string;
    readonly whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
    readonly labelSelector: LabelSelector;
};

/** A ServiceAccount the chart creates, annotated with its IRSA role. */
export type ServiceAccountValues = { readonly create: boolean; readonly name: string; readonly annotations: Readonly<Record<string, Input<string>>> };

/** A PVC template as prometheus-operator's StorageSpec takes it. */
export type VolumeClaimTemplate = {
    readonly volumeClaimTemplate: {
        readonly spec: { readonly storageClassName: string; readonly accessModes: readonly "ReadWriteOnce"[]; readonly resources: { readonly requests: { readonly storage: string } } };
    };
};
