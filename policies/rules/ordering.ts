import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { BUILT_IN_API_GROUPS, CLUSTER_SCOPED_KINDS, CRD_INSTALLERS, PODLESS_CHARTS, crdInstallerOf } from "../../catalog/crds";
import { INITIAL_NAMESPACES, ISTIO_INJECTION, LOAD_BALANCER_CONTROLLER_WEBHOOKS } from "../../catalog/ordering";
import { CAPACITY_TYPE_LABEL } from "../../catalog/eks";
import { DependencyGraph, GraphNode } from "./graph";
import { Props, decoded, isRecord, labelsOf, list, record, str } from "./util";

/*
 * strata-deploy-ordering: on a fresh stack every Kubernetes object must wait for what it needs to exist,
 * through the dependency graph the engine follows (./graph.ts), not through the order of the code:
 * its Namespace, the release or CRD object that installs its kind, a node group that can run its pods,
 * istiod when its pods are injected, the load balancer controller for a TargetGroupBinding. Judged per
 * cluster (per Kubernetes provider); every object in one cluster, nothing across clusters.
 */

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const CRD = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
const EKS_CLUSTER = "aws:eks/cluster:Cluster";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
/** Pulumi-side Kubernetes types that are not objects of the API server (a Release is judged, as what installs objects). */
const NOT_OBJECTS = new Set(["kubernetes:helm.sh/v4:Chart", "kubernetes:yaml:ConfigFile", "kubernetes:yaml:ConfigGroup", "kubernetes:yaml/v2:ConfigFile", "kubernetes:yaml/v2:ConfigGroup", "kubernetes:kustomize:Directory"]);
/** Where each kind that runs pods keeps its pod spec; DaemonSets are left out of the node-group check (they run wherever nodes come). */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
    Deployment: ["spec", "template"],
    StatefulSet: ["spec", "template"],
    ReplicaSet: ["spec", "template"],
    DaemonSet: ["spec", "template"],
    Job: ["spec", "template"],
    CronJob: ["spec", "jobTemplate", "spec", "template"],
    Pod: [],
};
const ISTIOD_CHART = "istiod";
const ISTIO_REPOSITORY = CRD_INSTALLERS.rows.find((row) => row.group === "networking.istio.io")?.repository ?? "";
/** EKS spells taint effects in upper snake case; these keep pods off a node. */
const BLOCKING_EFFECTS: Readonly<Record<string, string>> = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", NoSchedule: "NoSchedule", NoExecute: "NoExecute" };
/** Node labels the kubelet or EKS sets on every node: a group's configured labels do not list them, so a selector on them is not judged (but for the capacity type, which the group states). */
const NODE_SET_LABEL = /^(kubernetes\.io|node\.kubernetes\.io|topology\.kubernetes\.io|beta\.kubernetes\.io|failure-domain\.beta\.kubernetes\.io|eks\.amazonaws\.com|k8s\.io)\//;

interface Toleration {
    readonly key?: string;
    readonly operator?: string;
    readonly value?: string;
    readonly effect?: string;
}
interface Placement {
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly tolerations: readonly Toleration[];
}
interface Taint {
    readonly key: string;
    readonly value: string;
    readonly effect: string;
}

/** `kubernetes:apps/v1:Deployment` → group "apps", kind "Deployment" (the core group is "core" in Pulumi tokens). */
export function kubernetesKind(type: string): { group: string; kind: string } | undefined {
    const [pkg, module, kind] = type.split(":");
    if (pkg !== "kubernetes" || module === undefined || kind === undefined || !module.includes("/")) return undefined;
    const group = module.slice(0, module.lastIndexOf("/"));
    return { group: group === "core" ? "" : group, kind };
}

/** The plan's graph. A resource with no provider that parents others is a local component; everything else is custom. */
export function graphOf(resources: readonly PolicyResource[]): DependencyGraph {
    const parents = new Set(resources.flatMap((r) => (r.parent ? [r.parent.urn] : [])));
    const nodes: GraphNode[] = resources.map((r) => ({
        urn: r.urn,
        // The engine gives every custom resource a provider (a default one when none is named); a local component has none.
        custom: r.provider !== undefined || r.type.startsWith("pulumi:providers:") || !parents.has(r.urn),
        parent: r.parent?.urn,
        dependencies: [...new Set([...r.dependencies.map((d) => d.urn), ...Object.values(r.propertyDependencies ?? {}).flatMap((deps) => deps.map((d) => d.urn))])],
    }));
    return new DependencyGraph(nodes);
}

const metadataOf = (r: PolicyResource) => record(r.props.metadata);
const nameOf = (r: PolicyResource) => (r.type === RELEASE ? str(r.props.name) : str(metadataOf(r).name)) ?? r.name;
const namespaceOf = (r: PolicyResource) => (r.type === RELEASE ? str(r.props.namespace) : str(metadataOf(r).namespace)) ?? "default";

/** How a violation names an object: its kind, namespace/name and logical name. */
function describe(r: PolicyResource): string {
    if (r.type === RELEASE) return `Helm release ${namespaceOf(r)}/${nameOf(r)} (${r.name})`;
    const kind = kubernetesKind(r.type)?.kind ?? r.type;
    return CLUSTER_SCOPED_KINDS.rows.includes(kind) ? `${kind} ${nameOf(r)} (${r.name})` : `${kind} ${namespaceOf(r)}/${nameOf(r)} (${r.name})`;
}

const chartOf = (r: PolicyResource) => ({ chart: str(r.props.chart), repository: str(record(decoded(r.props.repositoryOpts)).repo) });

function placementOf(value: Props): Placement {
    return {
        nodeSelector: labelsOf(value.nodeSelector),
        tolerations: list(value.tolerations).map((t) => {
            const r = record(t);
            return Object.fromEntries((["key", "operator", "value", "effect"] as const).flatMap((field) => (str(r[field]) === undefined ? [] : [[field, str(r[field])]]))) as Toleration;
        }),
    };
}

/**
 * Where a release's pods go, from its values: every values object that names `nodeSelector` or `tolerations`
 * (a chart component's placement), plus unplaced pods unless the values place the whole chart at the top level.
 */
export function releasePlacements(values: unknown): Placement[] {
    const root = record(decoded(values));
    const found: Placement[] = [];
    const walk = (value: unknown) => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (isRecord(value)) {
            if ("nodeSelector" in value || "tolerations" in value) found.push(placementOf(value));
            Object.values(value).forEach(walk);
        }
    };
    walk(root);
    if (!("nodeSelector" in root || "tolerations" in root)) found.push({ nodeSelector: {}, tolerations: [] });
    const unique = new Map(found.map((p) => [JSON.stringify(p), p]));
    return [...unique.values()];
}

/** The pod template of a workload, or undefined for kinds that run no pods. */
export function podTemplateOf(r: PolicyResource): Props | undefined {
    const kind = kubernetesKind(r.type)?.kind;
    const path = kind === undefined ? undefined : POD_SPEC_PATHS[kind];
    if (path === undefined) return undefined;
    return path.reduce<Props>((at, key) => record(at[key]), r.props);
}

const tolerates = (t: Toleration, taint: Taint) =>
    (t.key === undefined || t.key === "" ? t.operator === "Exists" : t.key === taint.key) &&
    (t.effect === undefined || t.effect === "" || t.effect === taint.effect) &&
    (t.operator === "Exists" || (t.value ?? "") === taint.value);

/** Whether a node group's nodes admit a placement: every blocking taint tolerated, every selected label carried. */
export function groupRuns(group: PolicyResource, placement: Placement): boolean {
    const taints: Taint[] = list(decoded(group.props.taints)).flatMap((t) => {
        const r = record(t);
        const effect = BLOCKING_EFFECTS[str(r.effect) ?? ""];
        return effect ? [{ key: str(r.key) ?? "", value: str(r.value) ?? "", effect }] : [];
    });
    // EKS also labels every node with its group's capacity type (catalog/eks.ts), which the plan does know.
    const capacity = CAPACITY_TYPE_LABEL.rows;
    const labels = { ...labelsOf(decoded(group.props.labels)), [capacity.key]: str(group.props.capacityType) ?? capacity.onDemand };
    return (
        taints.every((taint) => placement.tolerations.some((t) => tolerates(t, taint))) &&
        Object.entries(placement.nodeSelector).every(([key, value]) => labels[key] === value || (NODE_SET_LABEL.test(key) && !(key in labels)))
    );
}

/** One cluster: its objects, namespaces, releases and node groups. */
interface Cluster {
    readonly objects: PolicyResource[];
    readonly nodeGroups: PolicyResource[];
}

function clusters(resources: readonly PolicyResource[]): Map<string, Cluster> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const eksClusters = resources.filter((r) => r.type === EKS_CLUSTER);
    const groups = resources.filter((r) => r.type === NODE_GROUP);
    const result = new Map<string, Cluster>();
    for (const r of resources) {
        if (!r.type.startsWith("kubernetes:") || !r.provider) continue;
        let cluster = result.get(r.provider.urn);
        if (!cluster) {
            // The Kubernetes provider talks to the EKS cluster it depends on; the cluster's node groups name it.
            const provider = byUrn.get(r.provider.urn);
            const eks = eksClusters.filter((c) => provider?.dependencies.some((d) => d.urn === c.urn));
            const nodeGroups = groups.filter((g) => eks.some((c) => g.dependencies.some((d) => d.urn === c.urn) || (str(c.props.name) !== undefined && g.props.clusterName === c.props.name)));
            cluster = { objects: [], nodeGroups };
            result.set(r.provider.urn, cluster);
        }
        cluster.objects.push(r);
    }
    return result;
}

/** A requirement: the object must reach one of `candidates`; `message` says what is missing. */
interface Requirement {
    readonly candidates: readonly PolicyResource[];
    readonly message: string;
}

export const deployOrdering: StackValidationPolicy = {
    name: "strata-deploy-ordering",
    description:
        "On a fresh stack every Kubernetes object waits, through the dependency graph, for its Namespace, the release that installs its CRD, a node group that can run its pods, istiod when injected, and the load balancer controller for a TargetGroupBinding.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const graph = graphOf(args.resources);
        const cycle = graph.findCycle();
        if (cycle) report(`Dependency cycle: ${cycle.join(" → ")}; the engine would wait forever`, cycle[0]);

        for (const cluster of clusters(args.resources).values()) {
            const objects = cluster.objects.filter((r) => !NOT_OBJECTS.has(r.type));
            const releases = objects.filter((r) => r.type === RELEASE);
            const releasesOf = (chart: string, repository: string) => releases.filter((r) => chartOf(r).chart === chart && chartOf(r).repository === repository);
            const namespaceCreators = new Map<string, PolicyResource>();
            for (const r of objects) {
                if (r.type === NAMESPACE) namespaceCreators.set(nameOf(r), r);
                else if (r.type === RELEASE && r.props.createNamespace === true && !namespaceCreators.has(namespaceOf(r))) namespaceCreators.set(namespaceOf(r), r);
            }
            const injected = new Set(
                objects.filter((r) => r.type === NAMESPACE && labelsOf(metadataOf(r).labels)[ISTIO_INJECTION.rows.namespaceLabel] === ISTIO_INJECTION.rows.namespaceValue).map(nameOf),
            );
            const istiod = releasesOf(ISTIOD_CHART, ISTIO_REPOSITORY);
            const lbc = LOAD_BALANCER_CONTROLLER_WEBHOOKS.rows;
            const lbcInstaller = CRD_INSTALLERS.rows.find((row) => row.chart === lbc.chart);
            const controllers = lbcInstaller ? releasesOf(lbcInstaller.chart, lbcInstaller.repository) : [];
            const crdObjects = objects.filter((r) => r.type === CRD);

            for (const r of objects) {
                const requirements: Requirement[] = [];
                const kind = r.type === RELEASE ? { group: "helm.sh", kind: "Release" } : kubernetesKind(r.type);
                if (!kind) continue;
                const custom = r.type !== RELEASE && !BUILT_IN_API_GROUPS.rows.includes(kind.group);
                const installer = custom ? crdInstallerOf(kind.group, kind.kind) : undefined;
                const clusterScoped = CLUSTER_SCOPED_KINDS.rows.includes(kind.kind) || (installer?.clusterScoped.includes(kind.kind) ?? false);

                if (!clusterScoped) {
                    const namespace = namespaceOf(r);
                    const creator = namespaceCreators.get(namespace);
                    if (creator && creator.urn !== r.urn) requirements.push({ candidates: [creator], message: `waits for no Namespace ${namespace} (${creator.name}); depend on it` });
                    else if (!creator && !INITIAL_NAMESPACES.rows.includes(namespace)) {
                        report(`${describe(r)} is in namespace ${namespace}, which neither the stack nor Kubernetes creates (it starts with ${INITIAL_NAMESPACES.rows.join(", ")})`, r.urn);
                    }
                }

                if (lbc.kinds.includes(kind.kind) && kind.group === lbcInstaller?.group) {
                    if (controllers.length === 0) report(`${describe(r)}: its cluster has no ${lbc.chart} release, whose webhooks must admit it`, r.urn);
                    else requirements.push({ candidates: controllers, message: `waits for no ${lbc.chart} release (${controllers.map((c) => c.name).join(", ")}); its webhooks refuse the binding until the controller runs` });
                }
                if (custom) {
                    const definitions = crdObjects.filter((d) => str(record(d.props.spec).group) === kind.group && str(record(record(d.props.spec).names).kind) === kind.kind);
                    const installers = installer ? releasesOf(installer.chart, installer.repository) : [];
                    if (definitions.length + installers.length === 0) {
                        report(
                            installer
                                ? `${describe(r)}: its cluster has no ${installer.chart} release (${installer.repository}), which installs the CRD of ${kind.group}/${kind.kind}`
                                : `${describe(r)}: no CRD object in its cluster and no chart in catalog/crds.ts installs ${kind.group}/${kind.kind}`,
                            r.urn,
                        );
                    } else {
                        const candidates = [...definitions, ...installers];
                        requirements.push({ candidates, message: `waits for no installer of the ${kind.group}/${kind.kind} CRD (${candidates.map((c) => c.name).join(", ")})` });
                    }
                }

                const template = podTemplateOf(r);
                const podless = r.type === RELEASE && PODLESS_CHARTS.rows.some((c) => c.chart === chartOf(r).chart && c.repository === chartOf(r).repository);
                const placements = r.type === RELEASE ? (podless ? [] : releasePlacements(r.props.values)) : template && kind.kind !== "DaemonSet" ? [placementOf(record(template.spec))] : [];
                for (const placement of placements) {
                    const able = cluster.nodeGroups.filter((g) => groupRuns(g, placement));
                    const wanted = Object.keys(placement.nodeSelector).length > 0 || placement.tolerations.length > 0 ? "its placed pods" : "its pods";
                    if (able.length === 0) report(`${describe(r)}: no node group of its cluster can run ${wanted} (nodeSelector ${JSON.stringify(placement.nodeSelector)}, ${placement.tolerations.length} toleration(s))`, r.urn);
                    else requirements.push({ candidates: able, message: `waits for no node group that can run ${wanted} (${able.map((g) => g.name).join(", ")}); on a fresh cluster it would time out before any node is Ready` });
                }

                const podLabels = r.type === RELEASE ? {} : labelsOf(record(template?.metadata).labels);
                const pods = (r.type === RELEASE && !podless) || template !== undefined;
                if (pods && injected.has(namespaceOf(r)) && podLabels[ISTIO_INJECTION.rows.podOptOutLabel] !== ISTIO_INJECTION.rows.podOptOutValue) {
                    if (istiod.length === 0) report(`${describe(r)} runs pods in the injected namespace ${namespaceOf(r)}, but its cluster has no istiod release`, r.urn);
                    else requirements.push({ candidates: istiod, message: `runs pods in the injected namespace ${namespaceOf(r)} but waits for no istiod release (${istiod.map((c) => c.name).join(", ")}); pods started before it get no sidecar` });
                }

                const judged = new Set<string>();
                for (const requirement of requirements) {
                    const key = requirement.candidates.map((c) => c.urn).sort().join(" ");
                    if (judged.has(key)) continue;
                    judged.add(key);
                    if (!requirement.candidates.some((c) => c.urn === r.urn || graph.reaches(r.urn, c.urn))) report(`${describe(r)} ${requirement.message}`, r.urn);
                }
            }
        }
    },
};
