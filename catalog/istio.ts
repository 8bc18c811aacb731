import { Sourced } from "./source";

/*
 * How the pinned Istio (1.26.2) applies a DestinationRule's traffic policy, which components/mesh/routing.ts relies
 * on for the tenant subsets.
 */

const CHECKED = "2026-12-06";

/**
 * A subset's trafficPolicy replaces each top-level field of the rule's policy it sets, whole: a subset that sets
 * `connectionPool` (even only its tcp part) drops the rule's http limits for that subset (MergeSubsetTrafficPolicy
 * and mergeTrafficPolicy: ConnectionPool, OutlierDetection, LoadBalancer and Tls are each taken from the subset when
 * it sets them).
 */
export const SUBSET_TRAFFIC_POLICY: Sourced<{ readonly replacedWhole: readonly string[] }> = {
    sources: [
        { url: "https://github.com/istio/istio/blob/1.26.2/pilot/pkg/networking/util/util.go", version: "istio 1.26.2 (MergeSubsetTrafficPolicy L816-832, mergeTrafficPolicy L837-858)", checked: CHECKED },
        { url: "https://github.com/istio/api/blob/1.26.2/networking/v1alpha3/destination_rule.proto", version: "istio/api 1.26.2 (Subset.traffic_policy: subset settings override the rule's)", checked: CHECKED },
    ],
    rows: { replacedWhole: ["connectionPool", "outlierDetection", "loadBalancer", "tls"] },
};

/** The load-balancing choice Istio's API recommends: LEAST_REQUEST ("ROUND_ROBIN is generally unsafe … prefer LEAST_REQUEST"). */
export const SIMPLE_LOAD_BALANCER: Sourced<{ readonly recommended: "LEAST_REQUEST" }> = {
    sources: [{ url: "https://github.com/istio/api/blob/1.26.2/networking/v1alpha3/destination_rule.proto", version: "istio/api 1.26.2 (SimpleLB, L384-415)", checked: CHECKED }],
    rows: { recommended: "LEAST_REQUEST" },
};
