import { strict as assert } from "assert";
import { gatewayRateLimit } from "../../../components/mesh/rateLimit";
import { RoutingSettings } from "../../../components/mesh/routing";
import { validateObject } from "../../k8sSchema";
import { settings } from "./settings";

const limited: RoutingSettings = {
    ...settings,
    routes: [
        { name: "auth", prefix: "/api/v1/auth", service: "auth-service", timeoutSeconds: 5 },
        { name: "api", prefix: "/", service: "api", timeoutSeconds: 10, rateLimitPerMinute: 300 },
    ],
};

type Limit = { value: Record<string, unknown> & { descriptors: { entries: { key: string; value?: string }[]; token_bucket: Record<string, unknown> }[] } };
type Patch = { applyTo: string; match: { context: string; routeConfiguration?: { vhost: { route: { name: string } } } }; patch: { operation: string; value: Record<string, unknown> } };

describe("the gateway's per-client rate limit", () => {
    const filter = gatewayRateLimit(limited, { requestsPerMinute: 100, trackedClients: 10000 });
    const patches = filter.spec!.configPatches as unknown as Patch[];

    it("renders a valid EnvoyFilter for the pinned Istio, on the ingress gateway's pods", () => {
        validateObject(filter as unknown as Record<string, unknown>, "EnvoyFilter strata-rate-limit");
        assert.deepEqual(filter.spec?.workloadSelector, { labels: { istio: "ingressgateway" } });
        assert.equal(filter.metadata?.namespace, "istio-ingress");
    });

    it("inserts Envoy's local rate limit before the router: 100 per minute for each client address, answering 429 with rate-limit headers", () => {
        const [insert] = patches;
        assert.deepEqual([insert!.applyTo, insert!.match.context, insert!.patch.operation], ["HTTP_FILTER", "GATEWAY", "INSERT_BEFORE"]);
        const config = (insert!.patch.value as { typed_config: Limit }).typed_config.value;
        assert.deepEqual(config.rate_limits, [{ actions: [{ remote_address: {} }] }]);
        // An entry without a value: one bucket per client address (Envoy 1.34's dynamic descriptors).
        assert.deepEqual(config.descriptors, [{ entries: [{ key: "remote_address" }], token_bucket: { max_tokens: 100, tokens_per_fill: 100, fill_interval: "60s" } }]);
        assert.deepEqual([config.always_consume_default_token_bucket, config.max_dynamic_descriptors, config.enable_x_ratelimit_headers, config.status], [false, 10000, "DRAFT_VERSION_03", { code: "TooManyRequests" }]);
    });

    it("lets a route set its own per-client limit, on every public route it becomes (the tenant routes too)", () => {
        const routes = patches.slice(1);
        assert.deepEqual(
            routes.map((p) => [p.applyTo, p.match.routeConfiguration?.vhost.route.name, p.patch.operation]),
            [
                ["HTTP_ROUTE", "api-tenant-a", "MERGE"],
                ["HTTP_ROUTE", "api-tenant-b", "MERGE"],
                ["HTTP_ROUTE", "api", "MERGE"],
            ],
        );
        const perRoute = (routes[2]!.patch.value as { typed_per_filter_config: Record<string, Limit> }).typed_per_filter_config["envoy.filters.http.local_ratelimit"]!.value;
        assert.deepEqual(perRoute.descriptors[0]!.token_bucket, { max_tokens: 300, tokens_per_fill: 300, fill_interval: "60s" });
    });
});
