import { Source, Sourced } from "../source";
import { Placement, Resources, TopologySpreadConstraint } from "./common";

/*
 * Values of the Istio charts at 1.26.2 that the program sets. Every chart keeps its defaults under
 * `_internal_defaults_do_not_set`, which templates/zzz_profile.yaml merges into the top level: users set the keys
 * at the top level. istiod still copies `pilot:` to the top level (templates/zzy_descope_legacy.yaml); the program
 * uses the top level only.
 */

const VERSION = "1.26.2";
const CHECKED = "2026-12-06";
const chart = (path: string): Source => ({ url: `https://github.com/istio/istio/blob/${VERSION}/manifests/charts/${path}`, version: `istio ${VERSION}`, checked: CHECKED });

export const ISTIO_CHARTS: Sourced<{ readonly version: string }> = {
    sources: [
        chart("base/values.yaml"),
        chart("istio-control/istio-discovery/values.yaml"),
        chart("istio-control/istio-discovery/templates/deployment.yaml"),
        chart("istio-control/istio-discovery/templates/autoscale.yaml"),
        chart("istio-control/istio-discovery/templates/poddisruptionbudget.yaml"),
        chart("gateway/values.yaml"),
        chart("gateway/values.schema.json"),
        { url: `https://github.com/istio/api/blob/${VERSION}/mesh/v1alpha1/config.proto`, version: `istio/api ${VERSION}`, checked: CHECKED },
        { url: `https://github.com/istio/api/blob/${VERSION}/mesh/v1alpha1/proxy.proto`, version: `istio/api ${VERSION}`, checked: CHECKED },
    ],
    rows: { version: VERSION },
};

/** base: `defaultRevision` names the revision the default validating webhook points at. */
export type IstioBaseValues = { readonly defaultRevision: string };

/** The MeshConfig fields set (istio/api mesh/v1alpha1, JSON names). */
export type MeshConfig = {
    readonly accessLogFile: string;
    readonly accessLogEncoding: "TEXT" | "JSON";
    /** Defaults to true (catalog/metrics.ts, ISTIO_SIDECAR). */
    readonly enablePrometheusMerge: boolean;
    readonly localityLbSetting: { readonly enabled: boolean };
    readonly defaultConfig: { readonly holdApplicationUntilProxyStarts: boolean };
};

/**
 * istiod (istio-discovery). Replicas come from its HPA while `autoscaleEnabled` is true (the default):
 * templates/deployment.yaml renders `replicaCount` only with autoscaling off, and templates/autoscale.yaml needs
 * `autoscaleMin` and `autoscaleMax`. templates/poddisruptionbudget.yaml renders `minAvailable: 1` whenever
 * `global.defaultPodDisruptionBudget.enabled` (default true).
 */
export type IstiodValues = Placement & {
    readonly autoscaleEnabled: boolean;
    readonly autoscaleMin: number;
    readonly autoscaleMax: number;
    readonly resources?: Resources;
    readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
    readonly global: { readonly defaultPodDisruptionBudget: { readonly enabled: boolean } };
    readonly meshConfig: MeshConfig;
};

/**
 * gateway: its values.schema.json refuses unknown top-level keys (`additionalProperties: false`). Default resources:
 * requests 100m / 128Mi, limits 2000m / 1024Mi.
 */
export type IstioGatewayValues = Placement & {
    /** Merged into the chart's own (the prometheus.io and injection annotations stay). */
    readonly podAnnotations: Readonly<Record<string, string>>;
    readonly service: { readonly type: "ClusterIP" | "LoadBalancer" | "NodePort" };
    readonly autoscaling: { readonly enabled: boolean; readonly minReplicas: number; readonly maxReplicas: number; readonly targetCPUUtilizationPercentage: number };
    readonly podDisruptionBudget: { readonly minAvailable?: number | string; readonly maxUnavailable?: number | string };
    readonly resources: Resources;
    readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
};

/** The gateway chart's default limits, which a larger request must raise. */
export const GATEWAY_DEFAULT_LIMITS = { cpu: "2000m", memory: "1024Mi" } as const;
