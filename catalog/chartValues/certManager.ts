import type { Input } from "@pulumi/pulumi";
import { Sourced } from "../source";
import { Placement } from "./common";

/*
 * Values of the cert-manager chart v1.21.1 (https://charts.jetstack.io, Kubernetes 1.33 to 1.36) that the program
 * sets, read from deploy/charts/cert-manager/values.yaml and its templates at that tag. Its values.schema.json
 * refuses unknown keys (`additionalProperties: false`).
 */

const TAG = "v1.21.1";
const CHECKED = "2026-12-06";

export const CERT_MANAGER_CHART: Sourced<{ readonly version: string; readonly repository: string }> = {
    sources: [
        { url: `https://github.com/cert-manager/cert-manager/blob/${TAG}/deploy/charts/cert-manager/values.yaml`, version: `cert-manager ${TAG}`, checked: CHECKED },
        { url: `https://github.com/cert-manager/cert-manager/blob/${TAG}/deploy/charts/cert-manager/values.schema.json`, version: `cert-manager ${TAG}`, checked: CHECKED },
        { url: "https://github.com/cert-manager/website/blob/master/content/docs/releases/README.md", version: "supported releases: 1.21, Kubernetes 1.33 to 1.36", checked: CHECKED },
    ],
    rows: { version: TAG, repository: "https://charts.jetstack.io" },
};

/** A component's PodDisruptionBudget: `minAvailable` and `maxUnavailable` are mutually exclusive. */
type Budget = { readonly enabled: boolean; readonly maxUnavailable?: number };

type Component = Placement & { readonly replicaCount: number; readonly podDisruptionBudget: Budget };

export type CertManagerValues = Placement & {
    /** Installs the CRDs with the chart; `keep` leaves them (and every Certificate) in place when the release goes. */
    readonly crds: { readonly enabled: boolean; readonly keep: boolean };
    readonly global: { readonly priorityClassName: string };
    readonly replicaCount: number;
    readonly podDisruptionBudget: Budget;
    readonly serviceAccount: { readonly create: boolean; readonly name: string; readonly annotations: Readonly<Record<string, Input<string>>> };
    readonly webhook: Component;
    readonly cainjector: Component;
    /** A post-install hook Job that waits for the webhook. */
    readonly startupapicheck: Placement & { readonly enabled: boolean };
};
