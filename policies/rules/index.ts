import { Policies } from "@pulumi/policy";
import { natGatewayPerZone } from "./network";

/** Every rule of the pack, in the order they are reported. */
export const strataPolicies: Policies = [natGatewayPerZone];
