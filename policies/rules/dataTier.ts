import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { AURORA_AUTO_SCALING, AURORA_ENDPOINTS, AuroraEndpoint, FORWARDING_PARAMETERS, RDS_PROXY } from "../../catalog/aurora";
import { GLOBAL_ROLE_TAG } from "../../components/postgres/topology";
import { decoded, isRecord, list, meta, num, ofType, record, regionOf, str } from "./util";

/*
 * The data tier's endpoints work in every region: what each region's applications are given as their write
 * endpoint reaches a writer from that region, reader autoscaling sits only where AWS supports it, and RDS
 * Proxy leaves the writer's connections that write forwarding needs. The AWS behaviour comes from
 * catalog/aurora.ts; the roles come from each global database member's `strata.io/global-role` tag.
 */

const CLUSTER = "aws:rds/cluster:Cluster";
const PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
/** Resources that give one region's VPC a path into another's. */
const CROSS_REGION_NETWORK = ["aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "aws:ec2transitgateway/peeringAttachment:PeeringAttachment"];

interface Member {
    readonly resource: PolicyResource;
    readonly id: string;
    readonly region: string | undefined;
    readonly global: string | undefined;
    readonly primary: boolean;
    readonly forwarding: boolean;
    readonly parameters: Readonly<Record<string, string>>;
}

function parametersOf(cluster: PolicyResource): Record<string, string> {
    const group = cluster.dependencies.find((d) => d.type === PARAMETER_GROUP);
    const entries = list(decoded(group?.props.parameters)).map(record);
    return Object.fromEntries(entries.flatMap((p) => (str(p.name) !== undefined ? [[String(p.name), String(p.value)]] : [])));
}

function members(resources: readonly PolicyResource[]): Member[] {
    return resources
        .filter((r) => r.type === CLUSTER)
        .map((r) => ({
            resource: r,
            id: str(r.props.clusterIdentifier) ?? r.name,
            region: regionOf(r),
            global: str(r.props.globalClusterIdentifier),
            primary: record(decoded(r.props.tags))[GLOBAL_ROLE_TAG] === "primary",
            forwarding: r.props.enableGlobalWriteForwarding === true,
            parameters: parametersOf(r),
        }));
}

/** A member of a global database that does not hold the writer. */
const isSecondary = (m: Member) => m.global !== undefined && !m.primary;

/** Which kind of endpoint a host name is, by the label AWS puts after the identifier. */
function endpointKind(host: string): { kind: AuroraEndpoint["kind"]; id: string; region: string | undefined } | undefined {
    const [id, second, region] = host.split(".");
    if (id === undefined || second === undefined) return undefined;
    // Longest marker first: "cluster-ro-…" also starts with "cluster-".
    const kinds = [...AURORA_ENDPOINTS.rows].sort((a, b) => b.marker.length - a.marker.length);
    const found = kinds.find((k) => second === k.marker || second.startsWith(`${k.marker}-`));
    return found ? { kind: found.kind, id, region: found.kind === "global-writer" ? undefined : region } : undefined;
}

export const dataTier: StackValidationPolicy = {
    name: "strata-data-tier",
    description:
        "Every region's published write endpoint reaches a writer from that region (never a secondary's inactive cluster endpoint), reader autoscaling never targets a global database's secondary, and RDS Proxy's share plus write forwarding's quota stays within 100 % of max_connections.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const clusters = members(args.resources);
        const byId = new Map(clusters.map((m) => [m.id, m]));
        const globals = new Map<string, Member[]>();
        for (const m of clusters) if (m.global !== undefined) globals.set(m.global, [...(globals.get(m.global) ?? []), m]);

        for (const [global, group] of globals) {
            const primaries = group.filter((m) => m.primary).length;
            if (primaries !== 1) report(`Global database ${global}: ${primaries} member clusters are tagged ${GLOBAL_ROLE_TAG}=primary; exactly one holds the writer`, group[0]?.resource.urn);
        }

        for (const target of ofType(args, "aws:appautoscaling/target:Target")) {
            if (str(target.props.scalableDimension) !== AURORA_AUTO_SCALING.rows.scalableDimension) continue;
            const member = byId.get((str(target.props.resourceId) ?? "").replace(/^cluster:/, ""));
            if (member && isSecondary(member)) {
                report(`Reader autoscaling targets ${member.id}, a secondary cluster of global database ${member.global}: Aurora Auto Scaling does not support secondaries; scale the writer region's clusters only`, target.urn);
            }
        }

        // Proxies share names across regions: a proxy is known by region and name.
        const proxyKey = (region: string | undefined, name: string | undefined) => `${region ?? "?"}/${name ?? "?"}`;
        const proxyTargets = new Map(
            ofType(args, "aws:rds/proxyTarget:ProxyTarget").flatMap((t) => {
                const member = byId.get(str(t.props.dbClusterIdentifier) ?? "");
                return member ? [[proxyKey(regionOf(t), str(t.props.dbProxyName)), member] as const] : [];
            }),
        );
        const forwards = (m: Member) => m.global !== undefined && (globals.get(m.global) ?? []).some((o) => o.forwarding);
        const quotaParameter = FORWARDING_PARAMETERS.rows.quota;
        for (const group of ofType(args, "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup")) {
            const name = str(group.props.dbProxyName);
            const member = proxyTargets.get(proxyKey(regionOf(group), name));
            if (!member || !forwards(member)) continue;
            const share = num(record(decoded(group.props.connectionPoolConfig)).maxConnectionsPercent) ?? RDS_PROXY.rows.maxConnectionsPercent.default;
            // The quota in force where this cluster holds the writer: its own cluster parameter group's.
            const quota = num(member.parameters[quotaParameter.name]) ?? Number(quotaParameter.engineDefault);
            if (share + quota > 100) {
                report(
                    `RDS Proxy ${name} in ${member.region}: MaxConnectionsPercent ${share} plus write forwarding's ${quota} % (${quotaParameter.name}) exceed 100 % of ${member.id}'s max_connections; AWS asks to reduce the proxy's share by the forwarding quota`,
                    group.urn,
                );
            }
        }

        const crossRegionNetwork = args.resources.some((r) => CROSS_REGION_NETWORK.includes(r.type));
        const consistency = FORWARDING_PARAMETERS.rows.consistency;
        for (const configMap of ofType(args, "kubernetes:core/v1:ConfigMap")) {
            const document = decoded(record(configMap.props.data)["shard-map.json"]);
            if (!isRecord(document)) continue;
            const region = str(document.region) ?? str(meta(configMap).labels["strata.io/region"]);
            for (const shard of list(document.shards).map(record)) {
                const host = str(shard.writerEndpoint);
                const endpoint = host === undefined ? undefined : endpointKind(host);
                if (host === undefined || endpoint === undefined) continue;
                const where = `Region ${region}'s shard ${num(shard.index)} writes to ${host}`;
                if (endpoint.kind === "global-writer") {
                    const writer = (globals.get(endpoint.id) ?? []).find((m) => m.primary);
                    if (!crossRegionNetwork && writer && writer.region !== region) {
                        report(`${where}, the global writer endpoint: it resolves into ${writer.region}'s VPC, which ${region} has no network path to; write through the region's own cluster with write forwarding`, configMap.urn);
                    }
                    continue;
                }
                const member = endpoint.kind === "proxy" ? proxyTargets.get(proxyKey(endpoint.region, endpoint.id)) : byId.get(endpoint.id);
                if (!member) continue;
                if (member.region !== region) {
                    report(`${where}, an endpoint in ${member.region}: the region's applications have no network path to another region's VPC`, configMap.urn);
                    continue;
                }
                if (endpoint.kind === "cluster" && isSecondary(member)) {
                    report(`${where}, the cluster endpoint of ${member.id}, a secondary cluster: AWS keeps it inactive (read queries only); publish its reader endpoint with write forwarding on`, configMap.urn);
                } else if (endpoint.kind === "proxy" && isSecondary(member)) {
                    report(`${where}, an RDS Proxy of ${member.id}, a secondary cluster: its read/write endpoint has no writer and every request fails`, configMap.urn);
                } else if (endpoint.kind === "reader" && !isSecondary(member)) {
                    report(`${where}, the reader endpoint of ${member.id}, which holds the writer: its readers refuse writes; publish the writer's cluster endpoint or proxy`, configMap.urn);
                } else if (endpoint.kind === "reader" && !member.forwarding) {
                    report(`${where}, the reader endpoint of secondary ${member.id}, whose global write forwarding is off: every write fails`, configMap.urn);
                } else if (endpoint.kind === "reader" && (member.parameters[consistency.name] ?? consistency.engineDefault) === "off") {
                    report(`${where}, through ${member.id}, whose cluster parameter group leaves ${consistency.name} at "off", which refuses forwarded writes; set it to session`, configMap.urn);
                }
            }
        }
    },
};
