import { cidrContains } from "./cidr";
import { FlowResource, TYPES, str } from "./model";

/*
 * The return path of a flow into a VPC from a network outside it: security groups may admit a runner network, yet
 * the control plane answers from its subnets through their route table, and a reply that takes the default route
 * to the NAT gateway is lost. Pure, like the flow model.
 */

const ROUTE = "aws:ec2/route:Route";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const VPC = "aws:ec2/vpc:Vpc";

/** Route targets that carry traffic to another private network; NAT and internet gateways do not. */
const PRIVATE_TARGETS = ["transitGatewayId", "vpcPeeringConnectionId", "networkInterfaceId", "coreNetworkArn"] as const;

interface Route {
    readonly destination: string;
    /** The input naming the target, e.g. `transitGatewayId`, `natGatewayId`. */
    readonly target: string;
    readonly name: string;
}

const prefixOf = (cidr: string) => Number(cidr.split("/")[1] ?? 0);
const dependsVia = (r: FlowResource, property: string, target: FlowResource) => (r.propertyDependencies[property] ?? []).some((d) => d.urn === target.urn);

/**
 * The input naming a route's target. Presence only: in a preview the ids of gateways this deployment creates are
 * unknown, and reading one aborts the policy. A virtual private gateway (VPN) is named in `gatewayId` like an
 * internet gateway; the resource it comes from, or a literal `vgw-` id, tells them apart.
 */
function targetOf(props: Record<string, unknown>, gatewaySources: readonly FlowResource[]): string {
    const keys = ["transitGatewayId", "vpcPeeringConnectionId", "networkInterfaceId", "coreNetworkArn", "natGatewayId", "gatewayId", "egressOnlyGatewayId", "localGatewayId", "carrierGatewayId", "vpcEndpointId"];
    const key = keys.find((k) => k in props);
    if (key !== "gatewayId") return key ?? "none";
    const vpn = gatewaySources.length > 0 ? gatewaySources.some((d) => d.type === "aws:ec2/vpnGateway:VpnGateway") : str(props.gatewayId)?.startsWith("vgw-") === true;
    return vpn ? "vpnGatewayId" : "gatewayId";
}

function routesOf(resources: readonly FlowResource[], table: FlowResource): Route[] {
    const standalone = resources
        .filter((r) => r.type === ROUTE && dependsVia(r, "routeTableId", table))
        .flatMap((r) => (str(r.props.destinationCidrBlock) ? [{ destination: r.props.destinationCidrBlock as string, target: targetOf(r.props, r.propertyDependencies.gatewayId ?? []), name: r.name }] : []));
    const inline = (Array.isArray(table.props.routes) ? table.props.routes : []).flatMap((entry: unknown) => {
        const props = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {};
        return str(props.cidrBlock) ? [{ destination: props.cidrBlock as string, target: targetOf(props, table.propertyDependencies.routes ?? []), name: `${table.name} (inline)` }] : [];
    });
    return [...standalone, ...inline];
}

/**
 * Why replies from the given subnets to `cidr` would not get back, one line per subnet; empty when every subnet's
 * route table sends `cidr` to a private network target (or `cidr` lies inside the VPC).
 */
export function returnPathProblems(resources: readonly FlowResource[], subnets: readonly FlowResource[], cidr: string): string[] {
    return subnets.flatMap((subnet) => {
        const vpc = (subnet.propertyDependencies.vpcId ?? []).find((d) => d.type === VPC);
        const vpcCidr = str(vpc?.props.cidrBlock);
        if (vpcCidr && cidrContains(vpcCidr, cidr)) return [];
        const association = resources.find((r) => r.type === ASSOCIATION && dependsVia(r, "subnetId", subnet));
        const table = association && (association.propertyDependencies.routeTableId ?? []).find((d) => d.type === ROUTE_TABLE);
        if (!table) return [`subnet ${subnet.name} has no route table of the stack, so its replies to ${cidr} follow the VPC's main table, which the plan does not show`];
        const best = routesOf(resources, table)
            .filter((route) => cidrContains(route.destination, cidr))
            .sort((a, b) => prefixOf(b.destination) - prefixOf(a.destination))[0];
        if (!best) return [`subnet ${subnet.name} (route table ${table.name}) has no route to ${cidr}: its replies are dropped`];
        if ((PRIVATE_TARGETS as readonly string[]).includes(best.target) || best.target === "vpnGatewayId") return [];
        return [`subnet ${subnet.name} answers ${cidr} through route ${best.name} (${best.destination} → ${best.target}), where a reply to a private network is lost: route ${cidr} to the transit gateway (cluster.apiAccess.transitGatewayId)`];
    });
}

/** The subnets an EKS control plane places its network interfaces in. */
export const controlPlaneSubnets = (cluster: FlowResource): FlowResource[] => (cluster.propertyDependencies.vpcConfig ?? []).filter((d) => d.type === TYPES.subnet);
