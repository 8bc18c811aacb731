import type { IEnvoyFilter } from "@kubernetes-models/istio/networking.istio.io/v1alpha3/EnvoyFilter";
import { LOCAL_RATE_LIMIT } from "../../catalog/istio";
import { GATEWAY_NAMESPACE, GATEWAY_SELECTOR, MeshRoute, RoutingSettings, publicRouteNames } from "./routing";

/*
 * The per-client rate limit of the ingress gateway as data: Envoy's local rate limit filter (Envoy 1.34, which Istio
 * 1.26.8 ships) keyed on each client's address, one token bucket per address, with per-route overrides. No Pulumi
 * inside.
 */

export interface RateLimitSettings {
    /** Requests a client may make per minute, per gateway pod. */
    readonly requestsPerMinute: number;
    /** Clients tracked at once per gateway pod (the least recently seen is forgotten, and starts again with a full bucket). */
    readonly trackedClients: number;
}

export const RATE_LIMIT_FILTER_NAME = "strata-rate-limit";
const FILTER = LOCAL_RATE_LIMIT.rows;

const bucket = (perMinute: number) => ({ max_tokens: perMinute, tokens_per_fill: perMinute, fill_interval: "60s" });
const always = (runtimeKey: string) => ({ runtime_key: runtimeKey, default_value: { numerator: 100, denominator: "HUNDRED" } });

/**
 * The limit itself: every request carries its client's address as a descriptor (`remote_address`, the address the
 * gateway trusts: catalog/istio.ts, GATEWAY_CLIENT_ADDRESS), and a descriptor entry without a value makes one bucket
 * per address. The default bucket is not consumed alongside it, so one busy client never drains the others'.
 */
function limit(perMinute: number, trackedClients: number, statPrefix: string) {
    return {
        "@type": FILTER.typedStruct,
        type_url: FILTER.typeUrl,
        value: {
            stat_prefix: statPrefix,
            // Required where a route overrides the filter; no request reaches it, since every request matches the descriptor.
            token_bucket: bucket(perMinute),
            filter_enabled: always("local_rate_limit_enabled"),
            filter_enforced: always("local_rate_limit_enforced"),
            status: { code: "TooManyRequests" },
            enable_x_ratelimit_headers: "DRAFT_VERSION_03",
            always_consume_default_token_bucket: false,
            max_dynamic_descriptors: trackedClients,
            rate_limits: [{ actions: [{ remote_address: {} }] }],
            descriptors: [{ entries: [{ key: FILTER.clientDescriptorKey }], token_bucket: bucket(perMinute) }],
            response_headers_to_add: [{ append_action: "OVERWRITE_IF_EXISTS_OR_ADD", header: { key: "x-local-rate-limit", value: "true" } }],
        },
    };
}

/** The gateway's EnvoyFilter: the limit on every route of the gateway, and each route's own limit where it sets one. */
export function gatewayRateLimit(settings: RoutingSettings, rate: RateLimitSettings): IEnvoyFilter {
    const overridden = settings.routes.filter((r): r is MeshRoute & { rateLimitPerMinute: number } => r.rateLimitPerMinute !== undefined);
    return {
        apiVersion: "networking.istio.io/v1alpha3",
        kind: "EnvoyFilter",
        metadata: { name: RATE_LIMIT_FILTER_NAME, namespace: GATEWAY_NAMESPACE },
        spec: {
            workloadSelector: { labels: GATEWAY_SELECTOR },
            configPatches: [
                {
                    applyTo: "HTTP_FILTER",
                    match: {
                        context: "GATEWAY",
                        listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager", subFilter: { name: "envoy.filters.http.router" } } } },
                    },
                    patch: { operation: "INSERT_BEFORE", value: { name: FILTER.filterName, typed_config: limit(rate.requestsPerMinute, rate.trackedClients, "strata_rate_limit") } },
                },
                ...overridden.flatMap((route) =>
                    publicRouteNames(route, settings).map((name) => ({
                        applyTo: "HTTP_ROUTE" as const,
                        match: { context: "GATEWAY" as const, routeConfiguration: { vhost: { route: { name } } } },
                        patch: { operation: "MERGE" as const, value: { typed_per_filter_config: { [FILTER.filterName]: limit(route.rateLimitPerMinute, rate.trackedClients, `strata_rate_limit_${route.name}`) } } },
                    })),
                ),
            ],
        },
    };
}
