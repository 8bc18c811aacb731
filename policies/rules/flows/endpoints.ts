import { record } from "../util";
import { Endpoint, FlowResource, TYPES, clusterGroupOf, groupsIn, nodeGroupGroups, str, strings, subnetCidrs } from "./model";

/*
 * The network endpoints of one region as the plan declares them, by kind: what the required-flow table talks about.
 */

export type EndpointKind = "deployer" | "controlPlane" | "nodes" | "postgres" | "postgresProxy" | "redis" | "loadBalancer" | "internet";

export type RegionEndpoints = Readonly<Record<EndpointKind, readonly Endpoint[]>>;


/** The input each data store names its security groups in. */
export const DATA_STORE_GROUP_INPUTS: Readonly<Record<string, string>> = {
    [TYPES.auroraCluster]: "vpcSecurityGroupIds",
    [TYPES.rdsProxy]: "vpcSecurityGroupIds",
    [TYPES.replicationGroup]: "securityGroupIds",
};

const dataStoreGroups = (r: FlowResource) => groupsIn(r, DATA_STORE_GROUP_INPUTS[r.type] as string);

export const INTERNET: Endpoint = { label: "the internet", groups: [], externalGroups: [], addresses: ["0.0.0.0/0"], outside: true };

const endpoint = (resource: FlowResource, label: string, groups: string[], addresses: string[]): Endpoint => ({ label, urn: resource.urn, groups: [...new Set(groups)], externalGroups: [], addresses });

/**
 * Where `pulumi up` reaches the cluster's API from: the networks and groups the RegionalCluster admits
 * (`apiAccess`, its component props). None while the public endpoint is on and nothing is listed: the deployer
 * then uses the public endpoint, whose CIDRs the EKS safety rule checks.
 */
export function deployerEndpoints(cluster: FlowResource): { endpoints: Endpoint[]; privateOnly: boolean } {
    const access = record(cluster.parent?.props.apiAccess);
    const privateOnly = record(cluster.props.vpcConfig).endpointPublicAccess !== true;
    return {
        privateOnly,
        endpoints: [
            ...strings(access.cidrs).map((cidr) => ({ label: `the deployer network ${cidr}`, groups: [], externalGroups: [], addresses: [cidr], outside: true })),
            ...strings(access.securityGroupIds).map((id) => ({ label: `the deployer group ${id}`, groups: [], externalGroups: [id], addresses: [], outside: true })),
        ],
    };
}

/** Every endpoint of the region `inRegion` selects, by kind. */
export function regionEndpoints(resources: readonly FlowResource[], inRegion: (r: FlowResource) => boolean): { endpoints: RegionEndpoints; clusters: FlowResource[] } {
    const here = resources.filter(inRegion);
    const of = (type: string) => here.filter((r) => r.type === type);
    const clusters = of(TYPES.eksCluster);
    return {
        clusters,
        endpoints: {
            deployer: clusters.flatMap((c) => deployerEndpoints(c).endpoints),
            controlPlane: clusters.map((c) => endpoint(c, `the control plane of ${str(c.props.name) ?? c.name}`, [clusterGroupOf(c), ...groupsIn(c, "vpcConfig")], subnetCidrs(c, "vpcConfig"))),
            nodes: of(TYPES.nodeGroup).map((g) => endpoint(g, `the nodes (and pods) of node group ${g.name}`, nodeGroupGroups(g), subnetCidrs(g, "subnetIds"))),
            postgres: of(TYPES.auroraCluster).map((c) => endpoint(c, `Aurora cluster ${c.name}`, dataStoreGroups(c), subnetCidrs(c, "dbSubnetGroupName"))),
            postgresProxy: of(TYPES.rdsProxy).map((p) => endpoint(p, `RDS Proxy ${p.name}`, dataStoreGroups(p), subnetCidrs(p, "vpcSubnetIds"))),
            redis: of(TYPES.replicationGroup).map((g) => endpoint(g, `ElastiCache group ${g.name}`, dataStoreGroups(g), subnetCidrs(g, "subnetGroupName"))),
            loadBalancer: of(TYPES.loadBalancer).map((lb) => endpoint(lb, `load balancer ${lb.name}`, groupsIn(lb, "securityGroups"), subnetCidrs(lb, "subnets"))),
            internet: [INTERNET],
        },
    };
}
