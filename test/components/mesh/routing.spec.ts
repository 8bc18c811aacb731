import { strict as assert } from "assert";
import {
    RoutingSettings,
    authorizationPolicies,
    destinationRule,
    gateway,
    ingressVirtualService,
    peerAuthentication,
    publicRouteNames,
    remoteRegionEntry,
    routingProblems,
    sidecar,
    tenantVirtualService,
} from "../../../components/mesh/routing";
import { validateObject } from "../../k8sSchema";
import { retries, settings } from "./settings";

const regions = { us: { name: "us-east-1", key: "us" }, eu: { name: "eu-west-1", key: "eu" }, asia: { name: "ap-southeast-1", key: "asia" } };
const services = { api: { podLabels: {} }, "auth-service": { podLabels: {} }, "social-service": { podLabels: {} } };

type Http = {
    name: string;
    match: { uri?: { prefix?: string; exact?: string }; headers?: Record<string, { exact: string }> }[];
    route: { destination: { host: string; subset?: string } }[];
    timeout: string;
    retries?: unknown;
    directResponse?: { status: number };
};

describe("mesh routing", () => {
    const vs = ingressVirtualService(settings, "apps", regions.eu, [regions.us, regions.asia]);
    const http = vs.spec?.http as Http[];

    it("serves HTTPS on 443 with the named credential for *.<domain> from TLS 1.2, and on 80 only the health route and a redirect", () => {
        const servers = gateway(settings).spec?.servers ?? [];
        assert.deepEqual(servers[0]?.tls, { mode: "SIMPLE", credentialName: "strata-gateway-tls", minProtocolVersion: "TLSV1_2" });
        assert.deepEqual(servers[0]?.hosts, ["*.strata.example.com"]);
        // No server-wide redirect: it would redirect the health checks too.
        assert.deepEqual([servers[0]?.port?.number, servers[1]?.port?.number, servers[1]?.tls], [443, 80, undefined]);
        const [health, redirect] = http;
        assert.equal(health?.name, "health");
        assert.deepEqual([redirect?.name, redirect?.match, (redirect as unknown as { redirect: unknown }).redirect], ["https-redirect", [{ port: 80 }], { scheme: "https", redirectCode: 301 }]);
    });

    it("sends HSTS on every routed answer", () => {
        for (const route of http.slice(2)) assert.deepEqual((route as unknown as { headers: unknown }).headers, { response: { set: { "strict-transport-security": "max-age=63072000; includeSubDomains" } } }, route.name);
    });

    it("names the public routes as publicRouteNames says, so the rate limit's route patches find them", () => {
        const names = http.map((h) => h.name);
        for (const route of settings.routes) for (const name of publicRouteNames(route, settings)) assert.ok(names.includes(name), name);
    });

    it("pins x-user-region to the other regions' hostnames and serves its own region locally", () => {
        const pins = http.filter((h) => h.name.startsWith("pin-"));
        assert.deepEqual(pins.map((p) => [p.match[0]?.headers?.["x-user-region"]?.exact, p.route[0]?.destination.host]), [
            ["us", "api-us-east-1.strata.example.com"],
            ["asia", "api-ap-southeast-1.strata.example.com"],
        ]);
        assert.deepEqual(vs.spec?.hosts, ["api.strata.example.com", "api-eu-west-1.strata.example.com"]);
        const { entry, rule } = remoteRegionEntry(regions.us, settings);
        assert.deepEqual([entry.spec?.hosts, entry.spec?.location, entry.spec?.resolution], [["api-us-east-1.strata.example.com"], "MESH_EXTERNAL", "DNS"]);
        assert.deepEqual(rule.spec?.trafficPolicy?.tls, { mode: "SIMPLE", sni: "api-us-east-1.strata.example.com" });
    });

    it("answers the edge's health checks at the gateway itself, before any other route", () => {
        assert.deepEqual([http[0]?.name, http[0]?.match[0]?.uri?.exact, http[0]?.directResponse?.status], ["health", "/healthz/ready", 200]);
    });

    it("routes /api/v1/auth to auth-service with a 5 s timeout and /api/v1/social to social-service with 10 s", () => {
        const auth = http.find((h) => h.name === "auth")!;
        assert.deepEqual([auth.match[0]?.uri?.prefix, auth.route[0]?.destination.host, auth.timeout], ["/api/v1/auth", "auth-service.apps.svc.cluster.local", "5s"]);
        assert.deepEqual(auth.retries, { attempts: 2, perTryTimeout: "2s", retryOn: "5xx,reset,connect-failure" });
        const social = http.find((h) => h.name === "social")!;
        assert.deepEqual([social.route[0]?.destination.host, social.timeout], ["social-service.apps.svc.cluster.local", "10s"]);
    });

    it("sends tenant-a and tenant-b to their own subsets and everything else to default, at the gateway and inside the mesh", () => {
        const tenantRoutes = http.filter((h) => h.route?.[0]?.destination.host === "api.apps.svc.cluster.local");
        assert.deepEqual(tenantRoutes.map((h) => [h.match[0]?.headers?.["tenant-id"]?.exact ?? null, h.route[0]?.destination.subset]), [
            ["tenant-a", "tenant-a"],
            ["tenant-b", "tenant-b"],
            [null, "default"],
        ]);
        const internal = tenantVirtualService(settings, "apps");
        assert.deepEqual(internal.spec?.gateways, ["mesh"]);
        assert.deepEqual((internal.spec?.http as Http[]).map((h) => h.route[0]?.destination.subset), ["tenant-a", "tenant-b", "default"]);
    });

    it("sends each tenant's subset to its own pool, spreads by least request (no hash), keeps the http limits in each subset, and mTLS on every hop", () => {
        const rule = destinationRule("api", "apps", settings).spec!;
        assert.deepEqual(rule.trafficPolicy?.loadBalancer, { simple: "LEAST_REQUEST", localityLbSetting: { enabled: true } });
        const http = { http1MaxPendingRequests: 100, maxRequestsPerConnection: 10 };
        assert.deepEqual(rule.trafficPolicy?.connectionPool, { tcp: { maxConnections: 100 }, http });
        assert.deepEqual(rule.trafficPolicy?.tls, { mode: "ISTIO_MUTUAL" });
        // A subset's connectionPool replaces the rule's whole pool, so the tenant subsets repeat the http limits.
        assert.deepEqual(rule.subsets?.map((s) => [s.name, s.labels, s.trafficPolicy?.connectionPool ?? null]), [
            ["tenant-a", { "app.kubernetes.io/name": "api-tenant-a" }, { tcp: { maxConnections: 50 }, http }],
            ["tenant-b", { "app.kubernetes.io/name": "api-tenant-b" }, { tcp: { maxConnections: 50 }, http }],
            ["default", { "app.kubernetes.io/name": "api" }, null],
        ]);
    });

    it("puts outlier detection and pools on every DestinationRule", () => {
        for (const service of ["api", "auth-service"]) {
            const rule = destinationRule(service, "apps", settings).spec!;
            assert.deepEqual(rule.trafficPolicy?.outlierDetection, { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 });
        }
        assert.ok(remoteRegionEntry(regions.asia, settings).rule.spec?.trafficPolicy?.outlierDetection);
        assert.equal(destinationRule("auth-service", "apps", settings).spec?.trafficPolicy?.loadBalancer?.simple, "LEAST_REQUEST");
    });

    it("makes mTLS STRICT mesh-wide, denies by default and allows the gateway and the namespace's own services", () => {
        assert.deepEqual(peerAuthentication("STRICT").spec, { mtls: { mode: "STRICT" } });
        const [deny, allow] = authorizationPolicies("apps");
        assert.deepEqual(deny?.spec, {});
        assert.deepEqual(allow?.spec?.rules?.[0]?.from, [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"] } }, { source: { namespaces: ["apps"] } }]);
        assert.deepEqual(sidecar("apps").spec?.egress, [{ hosts: ["./*", "istio-system/*", "istio-ingress/*"] }]);
    });

    it("builds objects that validate against the Istio schemas", () => {
        const objects = [
            gateway(settings),
            vs,
            tenantVirtualService(settings, "apps"),
            destinationRule("api", "apps", settings),
            remoteRegionEntry(regions.us, settings).entry,
            remoteRegionEntry(regions.us, settings).rule,
            sidecar("apps"),
            peerAuthentication("STRICT"),
            ...authorizationPolicies("apps"),
        ];
        for (const object of objects) validateObject(object as unknown as Record<string, unknown>, `${object.kind} ${object.metadata?.name}`);
    });

    describe("refuses", () => {
        it("nothing in the requirements' routing", () => {
            assert.deepEqual(routingProblems(settings, services, "prod"), []);
        });

        it("weights off 100, unknown services and subsets, short timeouts, prod faults and unlabelled subsets, all at once", () => {
            const broken: RoutingSettings = {
                ...settings,
                routes: [
                    { name: "auth", prefix: "/a", service: "auth-service", timeoutSeconds: 3, retries },
                    { name: "ghost", prefix: "/g", service: "ghost", timeoutSeconds: 5 },
                    { name: "api", prefix: "/", service: "api", timeoutSeconds: 10, weights: [{ subset: "default", weight: 80 }, { subset: "v9", weight: 10 }], fault: { abortPercent: 1, abortHttpStatus: 503, delayPercent: 0, delaySeconds: 1 } },
                ],
                subsets: { api: { canary: { version: "v2" } } },
            };
            const messages = routingProblems(broken, services, "prod").map((p) => `${p.route ?? "-"} ${p.field}: ${p.message}`);
            assert.deepEqual(messages, [
                "0 timeoutSeconds: 3 s is shorter than 2 tries × 2 s per try (4 s)",
                '1 service: "ghost" is not a configured service (api, auth-service, social-service)',
                "2 weights: weights must add up to 100 (they add up to 90)",
                '2 weights: "v9" is not a subset of api (tenant-a, tenant-b, canary, default)',
                "2 fault: fault injection is refused in prod unless mesh.allowFaultInjectionInProd is true",
                "- subsets: subset api/canary selects version=v2, which no pod of api carries",
            ]);
        });

        it("accepts a labelled canary split and faults in dev", () => {
            const canary: RoutingSettings = {
                ...settings,
                routes: [{ name: "api", prefix: "/", service: "api", timeoutSeconds: 10, weights: [{ subset: "default", weight: 90 }, { subset: "canary", weight: 10 }], fault: { abortPercent: 1, abortHttpStatus: 503, delayPercent: 0, delaySeconds: 1 } }],
                subsets: { api: { canary: { version: "v2" } } },
            };
            assert.deepEqual(routingProblems(canary, { ...services, api: { podLabels: { version: "v2" } } }, "dev"), []);
        });
    });
});
