import { Sourced } from "./source";

/*
 * How the pinned Istio (1.26.8) applies a DestinationRule's traffic policy, which components/mesh/routing.ts relies
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
        { url: "https://github.com/istio/istio/blob/1.26.8/pilot/pkg/networking/util/util.go", version: "istio 1.26.8 (MergeSubsetTrafficPolicy L816-832, mergeTrafficPolicy L837-858)", checked: CHECKED },
        { url: "https://github.com/istio/api/blob/1.26.8/networking/v1alpha3/destination_rule.proto", version: "istio/api 1.26.8 (Subset.traffic_policy: subset settings override the rule's)", checked: CHECKED },
    ],
    rows: { replacedWhole: ["connectionPool", "outlierDetection", "loadBalancer", "tls"] },
};

/** The load-balancing choice Istio's API recommends: LEAST_REQUEST ("ROUND_ROBIN is generally unsafe … prefer LEAST_REQUEST"). */
export const SIMPLE_LOAD_BALANCER: Sourced<{ readonly recommended: "LEAST_REQUEST" }> = {
    sources: [{ url: "https://github.com/istio/api/blob/1.26.8/networking/v1alpha3/destination_rule.proto", version: "istio/api 1.26.8 (SimpleLB, L384-415)", checked: CHECKED }],
    rows: { recommended: "LEAST_REQUEST" },
};

/**
 * Which client address the gateway sees and trusts. Istio's gateway connection manager uses the connection's remote
 * address (`use_remote_address`) and trusts `numTrustedProxies` X-Forwarded-For hops from the right (0 by default,
 * set per pod with the `proxy.istio.io/config` annotation's `gatewayTopology`); the local rate limit's
 * `remote_address` descriptor is that trusted address. With 0 trusted hops a client cannot name another address in
 * X-Forwarded-For.
 */
export const GATEWAY_CLIENT_ADDRESS: Sourced<{ readonly useRemoteAddress: true; readonly proxyConfigAnnotation: string; readonly numTrustedProxies: 0 }> = {
    sources: [
        { url: "https://github.com/istio/istio/blob/1.26.8/pilot/pkg/networking/core/gateway.go", version: "istio 1.26.8 (useRemoteAddress L659, L681; XffNumTrustedHops L706, L713)", checked: CHECKED },
        { url: "https://github.com/istio/api/blob/1.26.8/mesh/v1alpha1/proxy.proto", version: "istio/api 1.26.8 (Topology.num_trusted_proxies, L252-280)", checked: CHECKED },
        { url: "https://github.com/envoyproxy/data-plane-api/blob/d9c5e846/envoy/config/route/v3/route_components.proto", version: "Envoy 1.34 API (RateLimit.Action.RemoteAddress: the trusted address)", checked: CHECKED },
    ],
    rows: { useRemoteAddress: true, proxyConfigAnnotation: "proxy.istio.io/config", numTrustedProxies: 0 },
};

/**
 * Envoy's local rate limit filter as the pinned gateway (Istio 1.26.8, Envoy 1.34) runs it. A descriptor entry without
 * a value is a wildcard that makes one token bucket per distinct value ("dynamic descriptors", new in Envoy 1.34),
 * kept in an LRU of `max_dynamic_descriptors` buckets (default 20) per Envoy process; `remote_address` puts the client
 * address the gateway trusts into the descriptor. Buckets are per gateway pod, not shared. An EnvoyFilter's
 * HTTP_ROUTE patch finds a route by the name Istio gives it: the VirtualService http route's `name`.
 */
export const LOCAL_RATE_LIMIT: Sourced<{
    readonly filterName: string;
    readonly typedStruct: string;
    readonly typeUrl: string;
    readonly clientDescriptorKey: string;
    readonly dynamicDescriptorsDefault: number;
    readonly envoyVersion: string;
    readonly perGatewayPod: true;
}> = {
    sources: [
        { url: "https://github.com/istio/istio/blob/1.26.8/istio.deps", version: "istio 1.26.8 (proxy 1.26.8, Envoy release/v1.34)", checked: CHECKED },
        { url: "https://github.com/envoyproxy/data-plane-api/blob/d9c5e846/envoy/extensions/filters/http/local_ratelimit/v3/local_rate_limit.proto", version: "Envoy 1.34 API (descriptors, always_consume_default_token_bucket, max_dynamic_descriptors default 20, rate_limits)", checked: CHECKED },
        { url: "https://github.com/envoyproxy/envoy/pull/36623", version: "LocalRateLimit(HTTP): Add dynamic token bucket support (changelog 1.34.0)", checked: CHECKED },
        { url: "https://istio.io/latest/docs/tasks/policy-enforcement/rate-limit/", version: "Istio docs, local rate limit EnvoyFilter (TypedStruct form)", checked: CHECKED },
        { url: "https://github.com/istio/istio/blob/1.26.8/pilot/pkg/networking/core/route/route.go", version: "istio 1.26.8 (route name = the http route's name, L476-482)", checked: CHECKED },
    ],
    rows: {
        filterName: "envoy.filters.http.local_ratelimit",
        typedStruct: "type.googleapis.com/udpa.type.v1.TypedStruct",
        typeUrl: "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
        clientDescriptorKey: "remote_address",
        dynamicDescriptorsDefault: 20,
        envoyVersion: "1.34",
        perGatewayPod: true,
    },
};
