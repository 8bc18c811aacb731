import { Policies } from "@pulumi/policy";
import { connectionsFitPostgres, hpaFitsCluster, throughputTarget } from "./capacity";
import { controllerPolicy } from "./controllerPolicy";
import { dataTier } from "./dataTier";
import { driftFields } from "./drift";
import { encryption, kmsKeys } from "./encryption";
import { networkExposure } from "./exposure";
import { gatewayTls } from "./gatewayTls";
import { iamTrust } from "./iamTrust";
import { imagesProbes } from "./imagesProbes";
import { istioSecurity } from "./istioSecurity";
import { logging } from "./logging";
import { scaleUpTime } from "./dynamics";
import { nameLimits } from "./limits";
import { masterCredentials } from "./masterCredentials";
import { metricPaths } from "./metricPaths";
import { natGatewayPerZone } from "./network";
import { operations } from "./operations";
import { podSecurity } from "./podSecurity";
import { deployOrdering } from "./ordering";
import { networkFlows } from "./reachability";
import { selectorOverlap } from "./selectors";
import { auroraSafety, dataBounds, eksSafety, elasticacheSafety, istioSafety, multiRegion, protectStateful } from "./safety";
import { deploymentResources, disruptionBudgets, hpaBounds, hpaTargets, nodeGroups, vpaWithHpa } from "./scaling";

/** Every rule of the pack, in the order they are reported. */
export const strataPolicies: Policies = [
    hpaBounds,
    hpaTargets,
    deploymentResources,
    disruptionBudgets,
    vpaWithHpa,
    metricPaths,
    selectorOverlap,
    podSecurity,
    imagesProbes,
    nodeGroups,
    dataBounds,
    hpaFitsCluster,
    connectionsFitPostgres,
    throughputTarget,
    scaleUpTime,
    auroraSafety,
    dataTier,
    elasticacheSafety,
    eksSafety,
    protectStateful,
    istioSafety,
    istioSecurity,
    gatewayTls,
    iamTrust,
    controllerPolicy,
    encryption,
    kmsKeys,
    networkExposure,
    logging,
    operations,
    masterCredentials,
    multiRegion,
    natGatewayPerZone,
    driftFields,
    nameLimits,
    deployOrdering,
    networkFlows,
];
