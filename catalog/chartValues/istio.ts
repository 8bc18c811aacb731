import { Source, Sourced } from "../source";
import { Placement, Resources, TopologySpreadConstraint } from "./common";

/*
 * Values of the Istio charts at 1.26.8 that the program sets. Every chart keeps its defaults under
 * `_internal_defaults_do_not_set`, which templates/zzz_profile.yaml merges into the top level: users set the keys
 * at the top level. istiod still copies `pilot:` to the top level (templates/zzy_descope_legacy.yaml); the program
 * uses the top level only.
 */

/**
 * 1.26.8, not 1.26.2: the gateway chart's values.schema.json before 1.26.4 puts `additionalProperties: false` beside
 * a `$ref`, which the JSON-schema library of Helm 3.18.5 and later applies, refusing every value (istio/istio#57354,
 * fixed by #57516); the Kubernetes provider embeds Helm 3.20. 1.26.8 also carries the fix for an HTTPS server that
 * kept an HTTP server on the same hosts from getting routes (#58205). Between the two tags no value, template or
 * injection fact this program relies on changed (diffed on the date below).
 */
const VERSION = "1.26.8";
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
        { url: "https://github.com/istio/istio/pull/57516", version: "[release-1.26] json-schema validation with Helm v3.18.5 (in 1.26.4 and later)", checked: CHECKED },
        { url: "https://github.com/istio/istio/pull/58205", version: "[release-1.26] gateway merging: HTTPS server preventing HTTP server route creation", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi-kubernetes/blob/94977969d64112b04e19945818a7d5d5f38f631d/provider/go.mod", version: "pulumi-kubernetes provider: helm.sh/helm/v3 v3.20.2", checked: CHECKED },
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
