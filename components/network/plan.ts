import { formatCidr, parseCidr, subdivide } from "./cidr";

/*
 * Address plan of one regional VPC. The private (workload) tier gets half of the VPC because EKS pods
 * take their IPs from it (VPC CNI); the public tier (load balancers, NAT) and the isolated data tier
 * share the other half. Every tier reserves room for at least four zones (more: the next power of two),
 * so growing from two to three or four zones adds subnets without moving, and so replacing, any existing one.
 */

export type SubnetTier = "public" | "private" | "data";

export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "data"];

/** AWS refuses subnets smaller than /28. */
export const SMALLEST_SUBNET_PREFIX = 28;

export interface SubnetSpec {
    readonly tier: SubnetTier;
    /** Zero-based zone index; names derive from it, so it never shifts when zones are added. */
    readonly azIndex: number;
    readonly cidr: string;
}

export interface NetworkPlanArgs {
    readonly vpcCidr: string;
    readonly azCount: number;
    readonly natGateways: "perAz" | "single";
}

export interface NetworkPlan {
    readonly subnets: readonly SubnetSpec[];
    /** Zone indexes that get a NAT gateway (in their public subnet). */
    readonly natAzIndexes: readonly number[];
    /** For each zone index, the zone index of the NAT gateway its private subnet routes through. */
    readonly privateRouteNat: readonly number[];
}

/** Zone slots reserved per tier. */
export const MIN_ZONE_SLOTS = 4;

const zoneSlots = (azCount: number): number => Math.max(MIN_ZONE_SLOTS, 2 ** Math.ceil(Math.log2(azCount)));

/** The prefix length of the smallest (public and data) subnets, to check a VPC is big enough. */
export function smallestSubnetPrefix(vpcPrefix: number, azCount: number): number {
    return vpcPrefix + 2 + Math.log2(zoneSlots(azCount));
}

export function planNetwork(args: NetworkPlanArgs): NetworkPlan {
    if (!Number.isInteger(args.azCount) || args.azCount < 1) throw new Error(`azCount (${args.azCount}) must be a positive integer`);
    const vpc = parseCidr(args.vpcCidr);
    const smallest = smallestSubnetPrefix(vpc.prefix, args.azCount);
    if (smallest > SMALLEST_SUBNET_PREFIX) {
        throw new Error(
            `vpcCidr ${args.vpcCidr} is too small for ${args.azCount} zones: its subnets would be /${smallest}, AWS allows at most /${SMALLEST_SUBNET_PREFIX}`,
        );
    }
    const slots = zoneSlots(args.azCount);
    const privateHalf = subdivide(vpc, vpc.prefix + 1, 0);
    const quarters: Record<Exclude<SubnetTier, "private">, ReturnType<typeof subdivide>> = {
        public: subdivide(vpc, vpc.prefix + 2, 2),
        data: subdivide(vpc, vpc.prefix + 2, 3),
    };
    const zoneBits = Math.log2(slots);
    const subnets: SubnetSpec[] = [];
    for (let azIndex = 0; azIndex < args.azCount; azIndex++) {
        for (const tier of SUBNET_TIERS) {
            const parent = tier === "private" ? privateHalf : quarters[tier];
            subnets.push({ tier, azIndex, cidr: formatCidr(subdivide(parent, parent.prefix + zoneBits, azIndex)) });
        }
    }
    const zones = Array.from({ length: args.azCount }, (_, i) => i);
    return {
        subnets,
        natAzIndexes: args.natGateways === "perAz" ? zones : [0],
        privateRouteNat: zones.map((i) => (args.natGateways === "perAz" ? i : 0)),
    };
}
