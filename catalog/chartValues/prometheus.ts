import type { Input } from "@pulumi/pulumi";
import { Source, Sourced } from "../source";
import { Placement, Resources, ServiceAccountValues, VolumeClaimTemplate } from "./common";

/*
 * Values of kube-prometheus-stack 70.4.1 (prometheus-operator v0.81.0) and prometheus-adapter 4.14.1 that the program
 * sets, read from each chart's values.yaml and templates at its release tag.
 */

const CHECKED = "2026-12-06";
const helmCharts = (tag: string, path: string): Source => ({ url: `https://github.com/prometheus-community/helm-charts/blob/${tag}/charts/${path}`, version: tag, checked: CHECKED });

export const KUBE_PROMETHEUS_STACK_CHART: Sourced<{ readonly version: string }> = {
    sources: [
        helmCharts("kube-prometheus-stack-70.4.1", "kube-prometheus-stack/values.yaml"),
        helmCharts("kube-prometheus-stack-70.4.1", "kube-prometheus-stack/templates/prometheus/prometheus.yaml"),
        helmCharts("kube-prometheus-stack-70.4.1", "kube-prometheus-stack/templates/alertmanager/alertmanager.yaml"),
        helmCharts("kube-prometheus-stack-70.4.1", "kube-prometheus-stack/templates/prometheus-operator/deployment.yaml"),
    ],
    rows: { version: "70.4.1" },
};

export const PROMETHEUS_ADAPTER_CHART: Sourced<{ readonly version: string }> = {
    sources: [helmCharts("prometheus-adapter-4.14.1", "prometheus-adapter/values.yaml"), helmCharts("prometheus-adapter-4.14.1", "prometheus-adapter/templates/deployment.yaml")],
    rows: { version: "4.14.1" },
};

/**
 * `podAntiAffinity` ("soft" by default, "hard" or "") is the chart's own spread of replicas over nodes; an
 * `affinity` of the user's is rendered before it, so the two must not both carry pod anti-affinity.
 */
type OperatorPodPlacement = Placement & { readonly podAntiAffinity?: "soft" | "hard" | ""; readonly priorityClassName?: string };

export type KubePrometheusStackValues = {
    readonly fullnameOverride: string;
    readonly crds: { readonly enabled: boolean };
    readonly grafana: { readonly enabled: boolean };
    readonly defaultRules: { readonly create: boolean };
    readonly prometheusOperator: Placement;
    readonly "kube-state-metrics": Placement;
    readonly prometheus: {
        readonly prometheusSpec: OperatorPodPlacement & {
            readonly replicas: number;
            readonly retention: string;
            readonly externalLabels: Readonly<Record<string, string>>;
            readonly resources: Resources;
            readonly storageSpec: VolumeClaimTemplate;
            /** With true (the default) only objects labelled `release: <release name>` are selected (templates/prometheus/prometheus.yaml). */
            readonly serviceMonitorSelectorNilUsesHelmValues: boolean;
            readonly podMonitorSelectorNilUsesHelmValues: boolean;
            readonly ruleSelectorNilUsesHelmValues: boolean;
        };
    };
    readonly alertmanager: {
        readonly serviceAccount: ServiceAccountValues;
        readonly alertmanagerSpec: OperatorPodPlacement & { readonly replicas: number; readonly storage: VolumeClaimTemplate; readonly secrets: readonly string[] };
        /** Alertmanager's own configuration file, as Alertmanager reads it. */
        readonly config: { readonly route: AlertmanagerRoute; readonly receivers: readonly AlertmanagerReceiver[] };
    };
};

export type AlertmanagerRoute = {
    readonly receiver: string;
    readonly group_by?: readonly string[];
    readonly group_wait?: string;
    readonly group_interval?: string;
    readonly repeat_interval?: string;
    readonly matchers?: readonly string[];
    readonly continue?: boolean;
    readonly routes?: readonly AlertmanagerRoute[];
};

export type AlertmanagerReceiver = {
    readonly name: string;
    readonly sns_configs?: readonly { readonly topic_arn: Input<string>; readonly sigv4: { readonly region: string }; readonly send_resolved: boolean; readonly subject: string }[];
    readonly webhook_configs?: readonly { readonly url_file: string; readonly send_resolved: boolean }[];
};

/** One prometheus-adapter discovery rule (its config file's `rules` / `externalRules` entries). */
export type AdapterRuleValues = {
    readonly seriesQuery: string;
    readonly resources: { readonly overrides: Readonly<Record<string, { readonly resource: string }>> };
    readonly name: { readonly matches: string; readonly as: string };
    readonly metricsQuery: string;
};

/** prometheus-adapter: `--prometheus-url` is `url` + `:port` + `path` (templates/deployment.yaml). */
export type PrometheusAdapterValues = Placement & {
    readonly replicas: number;
    readonly prometheus: { readonly url: string; readonly port: number };
    readonly rules: { readonly default: boolean; readonly custom: readonly AdapterRuleValues[]; readonly external: readonly AdapterRuleValues[] };
};
