import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { clusterKey, labelsOf, list, meta, record, selects, spec } from "./util";

/*
 * A Deployment's or PodDisruptionBudget's selector must take the pods of one controller only. Pods of another
 * template that carry its labels are adopted into its count: the Deployment's ReplicaSets fight over them, the
 * VPA that targets the Deployment resizes them, its spread constraints count them, and the PDB (which needs one
 * controller's scale to compute maxUnavailable) miscounts or refuses every eviction.
 */

const POD_TEMPLATES: Readonly<Record<string, (r: PolicyResource) => unknown>> = {
    "kubernetes:apps/v1:Deployment": (r) => spec(r).template,
    "kubernetes:apps/v1:StatefulSet": (r) => spec(r).template,
    "kubernetes:apps/v1:DaemonSet": (r) => spec(r).template,
    "kubernetes:batch/v1:Job": (r) => spec(r).template,
    "kubernetes:batch/v1:CronJob": (r) => record(record(spec(r).jobTemplate).spec).template,
};
const SELECTING: readonly string[] = ["kubernetes:apps/v1:Deployment", "kubernetes:policy/v1:PodDisruptionBudget"];

const kindOf = (r: PolicyResource) => r.type.slice(r.type.lastIndexOf(":") + 1);
const name = (r: PolicyResource) => `${kindOf(r)} ${meta(r).namespace}/${meta(r).name}`;

/** Each selector that takes pods of another controller than the one it belongs to (or of more than one). */
/** Every pod template of the plan with its owner and labels. */
function podTemplates(resources: readonly PolicyResource[]): { owner: PolicyResource; labels: Record<string, string> }[] {
    return resources.flatMap((r) => {
        const template = POD_TEMPLATES[r.type];
        if (!template) return [];
        const labels = labelsOf(record(record(template(r)).metadata).labels);
        return [{ owner: r, labels }];
    });
}

export function selectorOverlaps(resources: readonly PolicyResource[]): { resource: PolicyResource; message: string }[] {
    const templates = podTemplates(resources);
    return resources
        .filter((r) => SELECTING.includes(r.type))
        .flatMap((selecting) => {
            const selector = record(spec(selecting).selector);
            if (Object.keys(record(selector.matchLabels)).length === 0 && list(selector.matchExpressions).length === 0) return [];
            const taken = templates.filter((t) => clusterKey(t.owner) === clusterKey(selecting) && meta(t.owner).namespace === meta(selecting).namespace && selects(selector, t.labels));
            const foreign = selecting.type === "kubernetes:policy/v1:PodDisruptionBudget" ? (taken.length > 1 ? taken : []) : taken.filter((t) => t.owner.urn !== selecting.urn);
            return foreign.length === 0
                ? []
                : [{ resource: selecting, message: `${name(selecting)} (${selecting.name}) selects the pods of ${foreign.map((t) => name(t.owner)).join(", ")}: label each controller's pods apart so that one selector takes one controller's pods` }];
        });
}

const DESTINATION_RULE = "kubernetes:networking.istio.io/v1beta1:DestinationRule";

/**
 * Each subset of a DestinationRule on an in-cluster host (`<service>.<namespace>.svc.cluster.local`) that selects no
 * pod template of that namespace: a route to it finds no endpoint and answers 503 (a tenant's subset whose pool is
 * not labelled for it).
 */
export function emptySubsets(resources: readonly PolicyResource[]): { resource: PolicyResource; message: string }[] {
    const templates = podTemplates(resources);
    return resources
        .filter((r) => r.type === DESTINATION_RULE)
        .flatMap((rule) => {
            const host = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(String(spec(rule).host ?? ""));
            if (!host) return [];
            const namespace = host[2];
            return list(spec(rule).subsets).flatMap((raw) => {
                const subset = record(raw);
                const taken = templates.filter((t) => clusterKey(t.owner) === clusterKey(rule) && meta(t.owner).namespace === namespace && selects({ matchLabels: subset.labels }, t.labels));
                return taken.length > 0 ? [] : [{ resource: rule, message: `DestinationRule ${meta(rule).namespace}/${meta(rule).name} (${rule.name}) subset ${String(subset.name)} selects ${JSON.stringify(subset.labels)}, which no pod template in ${namespace} carries: its routes would find no endpoint` }];
            });
        });
}

export const selectorOverlap: StackValidationPolicy = {
    name: "strata-selector-overlap",
    description: "A Deployment's or PodDisruptionBudget's selector takes the pods of one controller only, and every mesh subset selects some pods.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const found of [...selectorOverlaps(args.resources), ...emptySubsets(args.resources)]) reportViolation(found.message, found.resource.urn);
    },
};
