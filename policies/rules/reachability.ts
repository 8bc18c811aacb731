import { StackValidationPolicy } from "@pulumi/policy";
import { EKS_CLUSTER_SECURITY_GROUP, LOAD_BALANCER_CONTROLLER } from "../../catalog/network";
import { evaluateFlows } from "./flows/evaluate";
import { FlowResource, ModelFacts } from "./flows/model";
import { regionOf } from "./util";

/** The facts the flow model reads, from catalog/network.ts. */
export const FLOW_FACTS: ModelFacts = {
    clusterGroup: { ingress: EKS_CLUSTER_SECURITY_GROUP.rows.ingress, egress: EKS_CLUSTER_SECURITY_GROUP.rows.egress, source: EKS_CLUSTER_SECURITY_GROUP.sources[0]?.url ?? "catalog/network.ts" },
    controllerGroupTagKey: (clusterName) => LOAD_BALANCER_CONTROLLER.rows.networkingGroupTag(clusterName),
    omittedPortsMeanAll: LOAD_BALANCER_CONTROLLER.rows.omittedPortsMeanAll,
};

/**
 * Every network flow the platform needs (policies/rules/flows/required.ts) is open on the plan's security groups,
 * nothing admits the internet on a data or admin port, and a data store's group admits only what a flow needs.
 * The plan can look right resource by resource and still carry no request: this is the check that it can.
 */
export const networkFlows: StackValidationPolicy = {
    name: "strata-network-flows",
    description: "Every required network flow (deployer → API, control plane ↔ nodes, pods → data stores, proxy → databases, NLB → gateway, clients → NLB, egress) is open, and nothing else reaches a data or admin port.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const resources: readonly FlowResource[] = args.resources;
        for (const finding of evaluateFlows(resources, FLOW_FACTS, regionOf)) reportViolation(finding.message, finding.urn);
    },
};
