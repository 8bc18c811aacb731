import { Cidr, cidrTextProblem, contains, formatCidr, overlaps, parseCidr } from "./cidr";

/*
 * Routes from a VPC's private subnets to networks outside it through a transit gateway: the deployer's networks,
 * which call the private Kubernetes API. The control plane's network interfaces live in the private subnets and
 * answer through their route table; without a route back to a remote network the reply takes the default route to
 * the NAT gateway and is lost. Pure: no Pulumi inside.
 */

/** Transit gateway ids: `tgw-` and 8 or 17 hexadecimal digits. */
export const TRANSIT_GATEWAY_ID = /^tgw-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** Networks outside the VPC that must be reachable from its private subnets, and the gateway that reaches them. */
export interface RemoteNetworks {
    /** IPv4 blocks; blocks inside the VPC need no route. */
    readonly cidrs: readonly string[];
    /** The region's transit gateway, attached to the private subnets. @default none */
    readonly transitGatewayId?: string;
}

export interface RemoteNetworkProblem {
    readonly field: "cidrs" | "transitGatewayId";
    readonly index?: number;
    /** The offending value. */
    readonly value: string;
    readonly message: string;
}

export interface TransitRoute {
    readonly cidr: string;
    /** Stable part of the route's logical name, from the block itself (never its position in a list). */
    readonly label: string;
}

export interface TransitPlan {
    readonly transitGatewayId: string;
    /** One route per remote block, in every private route table. */
    readonly routes: readonly TransitRoute[];
}

/** `10.255.0.0/24` → `10-255-0-0-24`: a block as a piece of a logical name. */
export const cidrLabel = (cidr: string): string => cidr.replace(/[./]/g, "-");

type Placement = "inside" | "outside" | "partial";

const placement = (vpc: Cidr, block: Cidr): Placement => (contains(vpc, block) ? "inside" : overlaps(vpc, block) ? "partial" : "outside");

/** Every problem of `networks` against the VPC `vpcCidr`, at once. */
export function remoteNetworkProblems(vpcCidr: string, networks: RemoteNetworks): RemoteNetworkProblem[] {
    const problems: RemoteNetworkProblem[] = [];
    const gateway = networks.transitGatewayId;
    if (gateway !== undefined && !TRANSIT_GATEWAY_ID.test(gateway)) {
        problems.push({ field: "transitGatewayId", value: gateway, message: "must be a transit gateway id such as tgw-0123456789abcdef0" });
    }
    if (cidrTextProblem(vpcCidr) !== undefined) return problems;
    const vpc = parseCidr(vpcCidr);
    networks.cidrs.forEach((text, index) => {
        const invalid = cidrTextProblem(text);
        if (invalid !== undefined) {
            problems.push({ field: "cidrs", index, value: text, message: invalid });
            return;
        }
        const where = placement(vpc, parseCidr(text));
        if (where === "partial") {
            problems.push({
                field: "cidrs",
                index,
                value: text,
                message: `overlaps the VPC ${vpcCidr} without lying inside it: a block is either part of the VPC or a network reached through the transit gateway, never both`,
            });
        } else if (where === "outside" && gateway === undefined) {
            problems.push({
                field: "cidrs",
                index,
                value: text,
                message: `lies outside the VPC ${vpcCidr}, so it needs transitGatewayId in the same region: the control plane answers through the private subnets' route table, whose only way out is the NAT gateway, where the reply is lost`,
            });
        }
    });
    return problems;
}

/** The attachment's routes, or undefined without a transit gateway; throws listing every problem. */
export function planTransit(vpcCidr: string, networks: RemoteNetworks): TransitPlan | undefined {
    const problems = remoteNetworkProblems(vpcCidr, networks);
    if (problems.length > 0) {
        throw new Error(problems.map((p) => `${p.field}${p.index === undefined ? "" : `[${p.index}]`} (${p.value}) ${p.message}`).join("; "));
    }
    if (networks.transitGatewayId === undefined) return undefined;
    const vpc = parseCidr(vpcCidr);
    const remote = [...new Set(networks.cidrs)].filter((text) => placement(vpc, parseCidr(text)) === "outside");
    return { transitGatewayId: networks.transitGatewayId, routes: remote.map((cidr) => ({ cidr: formatCidr(parseCidr(cidr)), label: cidrLabel(cidr) })) };
}
