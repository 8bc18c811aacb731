import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { cpuMillis, memoryBytes } from "../../components/workload/quantity";
import { instanceType } from "../../catalog/instanceTypes";
import { boolean, clusterKey, integer, list, meta, num, objectKey, ofType, record, spec, str } from "./util";

const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const VPA = "kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

const hpaTarget = (hpa: PolicyResource) => `${clusterKey(hpa)}|${meta(hpa).namespace}/${str(record(spec(hpa).scaleTargetRef).name) ?? ""}`;
const hpaResources = (hpa: PolicyResource) =>
    list(spec(hpa).metrics)
        .map(record)
        .filter((m) => m.type === "Resource")
        .map((m) => str(record(m.resource).name))
        .filter((n): n is string => n !== undefined);

interface HpaBoundsConfig {
    maxReplicasCap: number;
    maxReplicasAllowList: Record<string, number>;
    minReplicasUserFacing: number;
    cpuTargetMin: number;
    cpuTargetMax: number;
    minScaleDownStabilizationSeconds: number;
}

export const hpaBounds: StackValidationPolicy = {
    name: "strata-hpa-bounds",
    description: "HPA bounds: min ≤ max, max within the cap (or the service's allow-listed cap), user-facing floors, CPU targets in range, slow scale-down.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxReplicasCap: integer("Highest maxReplicas of any HPA", 100),
            maxReplicasAllowList: { type: "object", description: "Services allowed beyond the cap, with their own cap", default: {} },
            minReplicasUserFacing: integer("Lowest minReplicas of a user-facing service", 3),
            cpuTargetMin: integer("Lowest CPU utilization target (percent)", 50),
            cpuTargetMax: integer("Highest CPU utilization target (percent)", 90),
            minScaleDownStabilizationSeconds: integer("Shortest scale-down stabilization window", 300),
        },
    },
    validateStack: (args, report) => {
        const c = args.getConfig<HpaBoundsConfig>();
        for (const hpa of ofType(args, HPA)) {
            const { name, labels } = meta(hpa);
            const s = spec(hpa);
            const [min, max] = [num(s.minReplicas) ?? 1, num(s.maxReplicas) ?? 0];
            if (min > max) report(`HPA ${name}: minReplicas (${min}) is above maxReplicas (${max}); lower services.${name}.minReplicas or raise maxReplicas`, hpa.urn);
            const cap = c.maxReplicasAllowList[name] ?? c.maxReplicasCap;
            if (max > cap) report(`HPA ${name}: maxReplicas ${max} exceeds the cap of ${cap}; lower it or add ${name} to maxReplicasAllowList with its own cap`, hpa.urn);
            if (labels["strata.io/user-facing"] === "true" && min < c.minReplicasUserFacing) {
                report(`HPA ${name}: a user-facing service needs minReplicas ≥ ${c.minReplicasUserFacing} (has ${min}); raise services.${name}.minReplicas`, hpa.urn);
            }
            for (const metric of list(s.metrics).map(record)) {
                const resource = record(metric.resource);
                const target = num(record(resource.target).averageUtilization);
                if (metric.type === "Resource" && resource.name === "cpu" && target !== undefined && (target < c.cpuTargetMin || target > c.cpuTargetMax)) {
                    report(`HPA ${name}: CPU target ${target} % is outside ${c.cpuTargetMin}–${c.cpuTargetMax} %; set hpa.cpuUtilization within it`, hpa.urn);
                }
            }
            const window = num(record(record(s.behavior).scaleDown).stabilizationWindowSeconds) ?? 300;
            if (window < c.minScaleDownStabilizationSeconds) {
                report(`HPA ${name}: scale-down stabilization ${window} s is below ${c.minScaleDownStabilizationSeconds} s; flapping capacity follows`, hpa.urn);
            }
        }
    },
};

export const hpaTargets: StackValidationPolicy = {
    name: "strata-hpa-targets",
    description: "Every HPA scales a Deployment that exists in its cluster and namespace, and no Deployment has two HPAs.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const deployments = new Set(ofType(args, DEPLOYMENT).map(objectKey));
        const seen = new Map<string, string>();
        for (const hpa of ofType(args, HPA)) {
            const target = hpaTarget(hpa);
            const targetName = str(record(spec(hpa).scaleTargetRef).name) ?? "?";
            if (!deployments.has(target)) report(`HPA ${meta(hpa).name} scales Deployment ${targetName}, which does not exist in its namespace and cluster`, hpa.urn);
            const other = seen.get(target);
            if (other) report(`Deployment ${targetName} has two HPAs (${other} and ${meta(hpa).name}); they would fight over its replicas`, hpa.urn);
            seen.set(target, meta(hpa).name);
        }
    },
};

export const deploymentResources: StackValidationPolicy = {
    name: "strata-deployment-resources",
    description: "Deployments under an HPA leave replicas to it, and every container states requests and limits.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const scaled = new Set(ofType(args, HPA).map(hpaTarget));
        for (const deployment of ofType(args, DEPLOYMENT)) {
            const name = meta(deployment).name;
            const s = spec(deployment);
            if (scaled.has(objectKey(deployment)) && s.replicas !== undefined) {
                report(`Deployment ${name} pins replicas (${String(s.replicas)}) under an HPA: every pulumi up would reset the HPA; drop spec.replicas`, deployment.urn);
            }
            for (const container of list(record(record(s.template).spec).containers).map(record)) {
                const resources = record(container.resources);
                for (const kind of ["requests", "limits"]) {
                    const values = record(resources[kind]);
                    if (values.cpu === undefined || values.memory === undefined) report(`Deployment ${name}, container ${str(container.name)}: set cpu and memory ${kind}`, deployment.urn);
                }
            }
        }
    },
};

export const disruptionBudgets: StackValidationPolicy = {
    name: "strata-pdb",
    description: "Every HPA-scaled workload has a PDB that allows a voluntary disruption at minReplicas.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requirePdb: boolean("Require a PDB for every HPA-scaled workload", true) } },
    validateStack: (args, report) => {
        const { requirePdb } = args.getConfig<{ requirePdb: boolean }>();
        const pdbs = ofType(args, PDB);
        for (const hpa of ofType(args, HPA)) {
            const min = num(spec(hpa).minReplicas) ?? 1;
            const target = str(record(spec(hpa).scaleTargetRef).name);
            const pdb = pdbs.find((p) => clusterKey(p) === clusterKey(hpa) && meta(p).namespace === meta(hpa).namespace && record(record(spec(p).selector).matchLabels)["app.kubernetes.io/name"] === target);
            if (!pdb) {
                if (requirePdb) report(`${target}: no PodDisruptionBudget; a drain may take every pod at once`, hpa.urn);
                continue;
            }
            const s = spec(pdb);
            const minAvailable = num(s.minAvailable);
            const maxUnavailable = num(s.maxUnavailable);
            if (minAvailable !== undefined && minAvailable >= min) report(`${target}: PDB minAvailable (${minAvailable}) ≥ HPA minReplicas (${min}) blocks every drain at minimum scale; use maxUnavailable`, pdb.urn);
            if (maxUnavailable !== undefined && maxUnavailable < 1) report(`${target}: PDB maxUnavailable 0 blocks every drain`, pdb.urn);
        }
    },
};

/** The largest node of the stack's node groups, to bound VPA maximums. */
function largestNode(args: Parameters<NonNullable<StackValidationPolicy["validateStack"]>>[0]): { cpuMillis: number; memoryBytes: number } | undefined {
    const types = ofType(args, NODE_GROUP).flatMap((g) => list(g.props.instanceTypes).map(String));
    const known = types.map(instanceType).filter((x) => x !== undefined);
    if (known.length === 0) return undefined;
    return { cpuMillis: Math.max(...known.map((k) => k.vcpu * 1000)), memoryBytes: Math.max(...known.map((k) => k.memoryMiB * 2 ** 20)) };
}

export const vpaWithHpa: StackValidationPolicy = {
    name: "strata-vpa-hpa",
    description: "No VPA acts on a resource its workload's HPA scales on; VPA minimums stay below maximums, and maximums fit the largest node.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const hpas = new Map(ofType(args, HPA).map((h) => [hpaTarget(h), hpaResources(h)]));
        const node = largestNode(args);
        for (const vpa of ofType(args, VPA)) {
            const s = spec(vpa);
            const target = `${clusterKey(vpa)}|${meta(vpa).namespace}/${str(record(s.targetRef).name) ?? ""}`;
            const mode = str(record(s.updatePolicy).updateMode) ?? "Auto";
            for (const policy of list(record(s.resourcePolicy).containerPolicies).map(record)) {
                const controlled = list(policy.controlledResources).map(String);
                // A container policy in mode Off (the "*" one that keeps the sidecar alone) changes nothing (catalog/verticalPodAutoscaler.ts).
                const overlap = mode === "Off" || policy.mode === "Off" ? [] : (controlled.length > 0 ? controlled : ["cpu", "memory"]).filter((r) => hpas.get(target)?.includes(r));
                if (overlap.length > 0) report(`VPA ${meta(vpa).name} (mode ${mode}) changes ${overlap.join(" and ")} while the HPA scales on it; set vpa.mode Off or vpa.controlledResources to the other resource`, vpa.urn);
                const [min, max] = [record(policy.minAllowed), record(policy.maxAllowed)];
                if (str(min.cpu) && str(max.cpu) && cpuMillis(String(min.cpu)) > cpuMillis(String(max.cpu))) report(`VPA ${meta(vpa).name}: minAllowed.cpu is above maxAllowed.cpu`, vpa.urn);
                if (str(min.memory) && str(max.memory) && memoryBytes(String(min.memory)) > memoryBytes(String(max.memory))) report(`VPA ${meta(vpa).name}: minAllowed.memory is above maxAllowed.memory`, vpa.urn);
                if (node && str(max.cpu) && cpuMillis(String(max.cpu)) > node.cpuMillis) report(`VPA ${meta(vpa).name}: maxAllowed.cpu ${String(max.cpu)} exceeds the largest node (${node.cpuMillis / 1000} vCPU); pods sized to it could never schedule`, vpa.urn);
                if (node && str(max.memory) && memoryBytes(String(max.memory)) > node.memoryBytes) report(`VPA ${meta(vpa).name}: maxAllowed.memory ${String(max.memory)} exceeds the largest node`, vpa.urn);
            }
        }
    },
};

interface NodeCaps {
    maxNodesPerGroup: number;
    maxNodesPerCluster: number;
}

export const nodeGroups: StackValidationPolicy = {
    name: "strata-node-groups",
    description: "Node groups keep min ≤ desired ≤ max within the per-group and per-cluster caps, and system groups never run on spot.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxNodesPerGroup: integer("Largest maxSize of a node group", 1000), maxNodesPerCluster: integer("Largest sum of maxSize per cluster", 1000) } },
    validateStack: (args, report) => {
        const c = args.getConfig<NodeCaps>();
        const perCluster = new Map<string, number>();
        for (const group of ofType(args, NODE_GROUP)) {
            const scaling = record(group.props.scalingConfig);
            const [min, desired, max] = [num(scaling.minSize) ?? 0, num(scaling.desiredSize) ?? 0, num(scaling.maxSize) ?? 0];
            if (!(min <= desired && desired <= max)) report(`Node group ${group.name}: needs minSize ≤ desiredSize ≤ maxSize (has ${min} / ${desired} / ${max})`, group.urn);
            if (max > c.maxNodesPerGroup) report(`Node group ${group.name}: maxSize ${max} exceeds the cap of ${c.maxNodesPerGroup}`, group.urn);
            const cluster = group.dependencies.find((d) => d.type === "aws:eks/cluster:Cluster")?.urn ?? "unknown";
            perCluster.set(cluster, (perCluster.get(cluster) ?? 0) + max);
            if (record(group.props.labels)["strata.io/node-role"] === "system" && group.props.capacityType === "SPOT") {
                report(`Node group ${group.name}: a system group runs on spot; cluster add-ons must not be reclaimed — use ON_DEMAND`, group.urn);
            }
        }
        for (const [cluster, total] of perCluster) {
            if (total > c.maxNodesPerCluster) report(`Cluster ${cluster.split("::").pop()}: node groups may grow to ${total} nodes, above the cap of ${c.maxNodesPerCluster}`, cluster === "unknown" ? undefined : cluster);
        }
    },
};
