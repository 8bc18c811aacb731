import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { environmentOf } from "./env";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const NAT = "aws:ec2/natGateway:NatGateway";

const tagsOf = (r: PolicyResource): Record<string, unknown> => (typeof r.props.tags === "object" && r.props.tags !== null ? r.props.tags : {});
const dependsOn = (r: PolicyResource, target: PolicyResource) => r.dependencies.some((d) => d.urn === target.urn);

/**
 * A single NAT gateway is a zone-wide single point of failure for every private subnet: when its zone
 * fails, all zones lose egress. Prod's availability target needs one per zone. Matching goes through
 * dependencies, not ids, so it also holds in a preview where ids are unknown.
 */
export const natGatewayPerZone: StackValidationPolicy = {
    name: "prod-nat-gateway-per-zone",
    description: "In prod, every zone's public subnet carries its own NAT gateway so no zone failure cuts the others' egress.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const vpcs = args.resources.filter((r) => r.type === VPC && environmentOf(r) === "prod");
        for (const vpc of vpcs) {
            const publicSubnets = args.resources.filter((r) => r.type === SUBNET && dependsOn(r, vpc) && tagsOf(r)["strata:tier"] === "public");
            const nats = args.resources.filter((r) => r.type === NAT && publicSubnets.some((s) => dependsOn(r, s)));
            if (nats.length < publicSubnets.length) {
                reportViolation(
                    `VPC ${vpc.name} has ${nats.length} NAT gateway(s) for ${publicSubnets.length} zones; in prod each zone needs its own: set strata:network.natGateways to perAz`,
                    vpc.urn,
                );
            }
        }
    },
};
