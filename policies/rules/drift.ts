import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DriftCondition, DriftField, driftEntry } from "../../catalog/drift";
import { UNKNOWN, clusterKey, decoded, isRecord, list, meta, orUnknown, record, spec, str } from "./util";

/*
 * Fields that AWS or a controller changes after create (catalog/drift.ts) must be ignored or pinned, or the second
 * `pulumi up` undoes the outside change (promotes an Aurora secondary, downgrades an engine, resets a node group's
 * size, upgrades an add-on). CrossGuard hands every resource's options to a stack policy, `ignoreChanges` included,
 * both in `pulumi preview --policy-pack` and in the offline plan.
 */

const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const CRON_JOB = "kubernetes:batch/v1:CronJob";

/** The value at a dotted input path. */
function valueAt(props: Record<string, unknown>, path: string): unknown {
    return path.split(".").reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), props);
}

/** `ignoreChanges` covers a path when it names the path or one of its parents. */
export const ignores = (ignoreChanges: readonly string[], path: string): boolean =>
    ignoreChanges.some((ignored) => ignored === path || path.startsWith(`${ignored}.`) || path.startsWith(`${ignored}[`));

/** The HPA names a CronJob patches with `kubectl patch horizontalpodautoscaler NAME … --patch JSON`, with the patch. */
function cronJobPatches(cronJob: PolicyResource): { name: string; namespace: string; patch: unknown }[] {
    const podSpec = record(record(record(record(spec(cronJob).jobTemplate).spec).template).spec);
    return list(podSpec.containers).flatMap((container) => {
        const command = list(record(container).command).map(String);
        const kind = command.indexOf("patch") + 1;
        if (kind === 0 || !["horizontalpodautoscaler", "horizontalpodautoscalers", "hpa"].includes(command[kind] ?? "")) return [];
        const option = (names: string[]) => {
            const at = command.findIndex((c) => names.includes(c));
            return at >= 0 ? command[at + 1] : undefined;
        };
        const name = command[kind + 1];
        if (!name) return [];
        return [{ name, namespace: option(["--namespace", "-n"]) ?? meta(cronJob).namespace, patch: decoded(option(["--patch", "-p"]) ?? "") }];
    });
}

/** What a stack's resources tell about one resource, for the row conditions. */
class StackView {
    constructor(private readonly resources: readonly PolicyResource[]) {}

    private sameCluster(a: PolicyResource, b: PolicyResource): boolean {
        return clusterKey(a) === clusterKey(b) && meta(a).namespace === meta(b).namespace;
    }

    holds(condition: DriftCondition, resource: PolicyResource, path: string): boolean {
        return orUnknown(() => this.check(condition, resource, path), true);
    }

    private check(condition: DriftCondition, resource: PolicyResource, path: string): boolean {
        const p = resource.props;
        switch (condition) {
            case "set": {
                const value = valueAt(p, path);
                return value !== undefined && value !== null && value !== "";
            }
            case "globalClusterMember":
                return (str(p.globalClusterIdentifier) ?? "") !== "";
            case "minorUpgradesOn":
                return p.autoMinorVersionUpgrade !== false && p.autoMinorVersionUpgrade !== "false";
            case "fewerThanThreeZones": {
                const zones = list(p.availabilityZones);
                return zones.length > 0 && zones.length < 3;
            }
            case "autoscalerDiscovered":
                return record(decoded(p.tags))["k8s.io/cluster-autoscaler/enabled"] === "true";
            case "hpaTarget":
                return this.resources.some((hpa) => {
                    if (hpa.type !== HPA || !this.sameCluster(hpa, resource)) return false;
                    const target = record(spec(hpa).scaleTargetRef);
                    return target.kind === "Deployment" && target.name === meta(resource).name;
                });
            case "cronJobPatched":
                return this.resources.some(
                    (job) =>
                        job.type === CRON_JOB &&
                        clusterKey(job) === clusterKey(resource) &&
                        cronJobPatches(job).some((patch) => patch.name === meta(resource).name && patch.namespace === meta(resource).namespace && valueAt(record(patch.patch), path) !== undefined),
                );
        }
    }
}

function problem(resource: PolicyResource, field: DriftField): string | undefined {
    const label = `${resource.type} ${resource.name}`;
    if (field.handling === "ignore") {
        if (ignores(resource.opts.ignoreChanges, field.path)) return undefined;
        return `${label}: ${field.path} is changed after create by ${field.changedBy} (${field.whenText}); list it in ignoreChanges or the next pulumi up undoes it`;
    }
    const value = orUnknown<unknown>(() => valueAt(resource.props, field.path), UNKNOWN);
    if (typeof value === "string" && field.form.test(value)) return undefined;
    const got = value === UNKNOWN ? "a value not known before deploy" : value === undefined ? "nothing" : JSON.stringify(value);
    return `${label}: ${field.path} must be pinned to ${field.formText} from ${field.pinnedBy} (got ${got}); ${field.changedBy}`;
}

/** A catalog row that applies to a planned resource, with what is wrong with its handling, if anything. */
export interface DriftFinding {
    readonly resource: PolicyResource;
    readonly field: DriftField;
    readonly problem?: string;
}

/** Every (resource, drift field) pair whose conditions hold in the stack. */
export function driftFindings(resources: readonly PolicyResource[]): DriftFinding[] {
    const view = new StackView(resources);
    return resources.flatMap((resource) =>
        (driftEntry(resource.type)?.fields ?? [])
            .filter((field) => field.when.every((condition) => view.holds(condition, resource, field.path)))
            .map((field) => ({ resource, field, problem: problem(resource, field) })),
    );
}

export const driftFields: StackValidationPolicy = {
    name: "strata-drift-fields",
    description: "Every field AWS or a controller changes after create (catalog/drift.ts) is in the resource's ignoreChanges or pinned to an exact value from the stack config.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const finding of driftFindings(args.resources)) if (finding.problem) report(finding.problem, finding.resource.urn);
    },
};
