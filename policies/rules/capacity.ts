import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { auroraMaxConnections } from "../../capacity/databases";
import { clusterFit, connectionDemand, throughputCovered } from "../../capacity/fit";
import { groupAllocatable } from "../../capacity/instances";
import { integer, list, meta, num, ofType, record, spec, str } from "./util";
import { HPA, appContainer, clusterWorkloads, groupBounds, scaledDeployment } from "./workloads";

/*
 * Capacity rules: the topology must carry its load before anything is created. The arithmetic lives in
 * capacity/; these rules only gather the figures from the planned resources.
 */

/** Pod requests of the Deployment an HPA scales. */
function podRequests(hpa: PolicyResource, deployments: readonly PolicyResource[]): { cpu: string; memory: string } | undefined {
    const deployment = scaledDeployment(hpa, deployments);
    if (!deployment) return undefined;
    const requests = record(record(appContainer(deployment).resources).requests);
    return str(requests.cpu) && str(requests.memory) ? { cpu: String(requests.cpu), memory: String(requests.memory) } : undefined;
}

export const hpaFitsCluster: StackValidationPolicy = {
    name: "strata-capacity-hpa-fit",
    description: "Per cluster, every workload at its HPA maximum fits the workload node groups at their maximum size, with headroom, and each pod fits one node.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { headroomPercent: integer("Share of node capacity kept free (daemonsets, system pods, bin-packing loss)", 20) } },
    validateStack: (args, report) => {
        const { headroomPercent } = args.getConfig<{ headroomPercent: number }>();
        for (const { cluster, groups, hpas, deployments } of clusterWorkloads(args.resources)) {
            const workloads = hpas.flatMap((h) => {
                const requests = podRequests(h, deployments);
                return requests ? [{ name: meta(h).name, maxReplicas: num(spec(h).maxReplicas) ?? 0, ...requests }] : [];
            });
            const fit = clusterFit(
                workloads,
                groups.map((g) => ({ name: g.name, maxSize: groupBounds(g).maxSize, allocatable: groupAllocatable(list(g.props.instanceTypes).map(String)) })),
                headroomPercent,
            );
            const groupNames = groups.map((g) => g.name).join(", ");
            for (const unknown of fit.unknownGroups) report(`Node group ${unknown}: an instance type is not in catalog/instanceTypes.ts, so its capacity cannot be checked; add it`, groups.find((g) => g.name === unknown)?.urn ?? cluster.urn);
            for (const name of fit.oversized) {
                const w = workloads.find((x) => x.name === name);
                const hpa = hpas.find((h) => meta(h).name === name);
                report(`HPA ${name}: one pod requests ${w?.cpu} CPU and ${w?.memory} memory, more than any workload node of cluster ${str(cluster.props.name) ?? cluster.name} (node groups ${groupNames}) can hold, so it would never schedule; lower its requests or add a larger instance type`, hpa?.urn ?? cluster.urn);
            }
            if (fit.short.length > 0) {
                const cores = (m: number) => (m / 1000).toFixed(1);
                report(
                    `Cluster ${str(cluster.props.name) ?? cluster.name}: at their HPA maximums the workloads need ${cores(fit.demand.cpuMillis)} vCPU, ${(fit.demand.memoryMiB / 1024).toFixed(1)} GiB and ${fit.demand.pods} pods, ` +
                        `but the workload node groups (${groupNames}) offer ${cores(fit.supply.cpuMillis)} vCPU, ${(fit.supply.memoryMiB / 1024).toFixed(1)} GiB and ${fit.supply.pods} pods (${headroomPercent} % kept free); short on ${fit.short.join(", ")}: raise node group maxSize or lower maxReplicas`,
                    cluster.urn,
                );
            }
        }
    },
};

export const connectionsFitPostgres: StackValidationPolicy = {
    name: "strata-capacity-postgres-connections",
    description: "Per shard, every pod of every service using Postgres at its HPA maximum, with its pool, fits the writer's max_connections with headroom, unless an RDS Proxy fronts the shard.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { headroomPercent: integer("Share of max_connections kept free", 10) } },
    validateStack: (args, report) => {
        const { headroomPercent } = args.getConfig<{ headroomPercent: number }>();
        const proxied = new Set(ofType(args, "aws:rds/proxyTarget:ProxyTarget").map((t) => str(t.props.dbClusterIdentifier)));
        const users = ofType(args, HPA)
            .filter((h) => meta(h).annotations["strata.io/postgres-pool"] !== undefined)
            .map((h) => ({ maxReplicas: num(spec(h).maxReplicas) ?? 0, poolSize: num(meta(h).annotations["strata.io/postgres-pool"]) ?? 0 }));
        const demand = connectionDemand(users);
        for (const writer of ofType(args, "aws:rds/clusterInstance:ClusterInstance").filter((i) => str(i.props.identifier)?.endsWith("-writer"))) {
            const cluster = writer.dependencies.find((d) => d.type === "aws:rds/cluster:Cluster");
            if (cluster && proxied.has(str(cluster.props.clusterIdentifier))) continue;
            const limit = auroraMaxConnections(String(writer.props.instanceClass));
            if (limit === undefined) {
                report(`Writer ${str(writer.props.identifier)}: instance class ${String(writer.props.instanceClass)} is not in catalog/dbClasses.ts; add it`, writer.urn);
                continue;
            }
            const usable = Math.floor((limit * (100 - headroomPercent)) / 100);
            if (demand > usable) {
                report(
                    `Writer ${str(writer.props.identifier)}: ${demand} connections at the services' HPA maximums exceed ${usable} (max_connections ${limit} less ${headroomPercent} %); enable postgres.proxy, lower connectionPool.perPod or maxReplicas, or use a larger instance class`,
                    writer.urn,
                );
            }
        }
    },
};

export const throughputTarget: StackValidationPolicy = {
    name: "strata-capacity-throughput",
    description: "A service that declares its peak and per-pod rates can serve its region's share of the peak at maxReplicas.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const hpa of ofType(args, HPA)) {
            const a = meta(hpa).annotations;
            const [peak, perPod, weight] = [num(a["strata.io/peak-rps"]), num(a["strata.io/per-pod-rps"]), num(a["strata.io/traffic-weight"])];
            if (peak === undefined || perPod === undefined || weight === undefined) continue;
            const result = throughputCovered(num(spec(hpa).maxReplicas) ?? 0, perPod, peak, weight);
            if (!result.ok) {
                report(`HPA ${meta(hpa).name}: ${num(spec(hpa).maxReplicas)} pods × ${perPod} req/s = ${result.capacity} req/s cannot carry this region's ${weight} % of ${peak} req/s (${result.needed}); raise maxReplicas`, hpa.urn);
            }
        }
    },
};
