import { strict as assert } from "assert";
import { covers, gatewayTlsProblems } from "../../policies/rules/gatewayTls";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

/* strata-gateway-tls on the real plans, each guarantee broken on purpose. */

const T = {
    gateway: "kubernetes:networking.istio.io/v1beta1:Gateway",
    certificate: "kubernetes:cert-manager.io/v1:Certificate",
    envoyFilter: "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter",
};
const problemsOf = (resources: readonly PlanResource[], requireRateLimit = true) => gatewayTlsProblems(resolve(resources).resources, requireRateLimit).map((p) => p.message);
const inRegion = (region: string, type: string) => (r: PlanResource) => r.type === type && r.region === region;
function edited(resources: readonly PlanResource[], match: (r: PlanResource) => boolean, change: (inputs: Record<string, unknown>) => void): PlanResource[] {
    return resources.map((r) => {
        if (!match(r)) return r;
        const inputs = JSON.parse(JSON.stringify(r.inputs)) as Record<string, unknown>;
        change(inputs);
        return { ...r, inputs: inputs as JsonObject };
    });
}

describe("strata-gateway-tls", () => {
    it("passes prod: a Certificate for every gateway covering its routed hosts, every host in the domain, every public route limited per client", () => {
        const { plan } = plannedStack("prod");
        assert.deepEqual(problemsOf(plan.resources), []);
        assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-gateway-tls"), []);
        assert.equal(plan.resources.filter((r) => r.type === T.certificate).length, 3);
    });

    it("passes dev, whose gateway declares the Secret it brings", () => {
        assert.deepEqual(problemsOf(plannedStack("dev").plan.resources), []);
    });

    it("names a gateway whose credential nothing provides once the Certificate is gone, and the other regions' TLS origination to its host", () => {
        const { plan } = plannedStack("prod");
        assert.deepEqual(problemsOf(plan.resources.filter((r) => !inRegion("eu-west-1", T.certificate)(r))), [
            "Gateway istio-ingress/strata (eu-west-1-routes-gateway-istio-ingress-strata): server https names the credential strata-gateway-tls, which no Certificate or Secret in istio-ingress provides and the stack does not declare as brought (annotation strata.io/tls: existing)",
            "DestinationRule istio-ingress/region-eu-west-1 (ap-southeast-1-routes-destinationrule-istio-ingress-region-eu-west-1) originates TLS to api-eu-west-1.strata.example.com, which no certificate of the stack covers",
            "DestinationRule istio-ingress/region-eu-west-1 (us-east-1-routes-destinationrule-istio-ingress-region-eu-west-1) originates TLS to api-eu-west-1.strata.example.com, which no certificate of the stack covers",
        ]);
    });

    it("names a routed host the certificate does not cover", () => {
        const { plan } = plannedStack("prod");
        const narrowed = edited(plan.resources, inRegion("us-east-1", T.certificate), (i) => ((i.spec as { dnsNames: string[] }).dnsNames = ["api.strata.example.com"]));
        assert.deepEqual(problemsOf(narrowed), [
            "Gateway istio-ingress/strata (us-east-1-routes-gateway-istio-ingress-strata): server https: the certificate strata-gateway-tls does not cover api-us-east-1.strata.example.com, which a VirtualService routes through it",
            "DestinationRule istio-ingress/region-us-east-1 (eu-west-1-routes-destinationrule-istio-ingress-region-us-east-1) originates TLS to api-us-east-1.strata.example.com, which no certificate of the stack covers",
            "DestinationRule istio-ingress/region-us-east-1 (ap-southeast-1-routes-destinationrule-istio-ingress-region-us-east-1) originates TLS to api-us-east-1.strata.example.com, which no certificate of the stack covers",
        ]);
    });

    it("names a wildcard host outside the stack's domain", () => {
        const { plan } = plannedStack("prod");
        const widened = edited(plan.resources, inRegion("ap-southeast-1", T.gateway), (i) => ((i.spec as { servers: { hosts: string[] }[] }).servers[0]!.hosts = ["*.example.org"]));
        assert.deepEqual(problemsOf(widened), ["Gateway istio-ingress/strata (ap-southeast-1-routes-gateway-istio-ingress-strata): host *.example.org lies outside the stack's domain strata.example.com"]);
    });

    it("in prod, names every public route once the rate limit is gone, and a route whose own limit is not per client", () => {
        const { plan } = plannedStack("prod");
        const unlimited = problemsOf(plan.resources.filter((r) => !inRegion("us-east-1", T.envoyFilter)(r)));
        assert.equal(unlimited.length, 1);
        assert.match(unlimited[0]!, /^Gateway istio-ingress\/strata \(us-east-1-routes-gateway-istio-ingress-strata\): no per-client rate limit on the public routes health, https-redirect, pin-eu-west-1, pin-ap-southeast-1, auth, funds, analysis, api-tenant-a, api-tenant-b, api$/);
        const shared = edited(plan.resources, inRegion("us-east-1", T.envoyFilter), (i) => {
            (i.spec as { configPatches: unknown[] }).configPatches.push({
                applyTo: "HTTP_ROUTE",
                match: { context: "GATEWAY", routeConfiguration: { vhost: { route: { name: "auth" } } } },
                patch: { operation: "MERGE", value: { typed_per_filter_config: { "envoy.filters.http.local_ratelimit": { value: { token_bucket: { max_tokens: 1000 } } } } } },
            });
        });
        assert.deepEqual(problemsOf(shared), ["Gateway istio-ingress/strata (us-east-1-routes-gateway-istio-ingress-strata): no per-client rate limit on the public route auth"]);
        assert.deepEqual(problemsOf(shared, false), []);
    });

    it("writes the global and every regional host in the zone (accelerator alias in prod), and no record in dev", () => {
        const records = plannedStack("prod").plan.resources.filter((r) => r.type === "aws:route53/record:Record");
        const names = records.map((r) => `${String(r.inputs.name)} → ${String((r.inputs.aliases as { name: string }[])[0]?.name ?? "")}`);
        assert.ok(names.some((n) => /^api\.strata\.example\.com → .*awsglobalaccelerator\.com$/.test(n)), names.join("\n"));
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) assert.ok(names.some((n) => n.startsWith(`api-${region}.strata.example.com → ${region}-ingress`)), region);
        assert.ok(records.every((r) => r.inputs.zoneId === "Z0EXAMPLE00000000000"));
        assert.deepEqual(plannedStack("dev").plan.resources.filter((r) => r.type === "aws:route53/record:Record"), []);
    });

    it("matches certificate names as TLS does: exact, or a wildcard one label deep", () => {
        assert.ok(covers("api.strata.example.com", "api.strata.example.com"));
        assert.ok(covers("*.strata.example.com", "api-eu-west-1.strata.example.com"));
        assert.ok(!covers("*.strata.example.com", "a.b.strata.example.com"));
        assert.ok(!covers("*.strata.example.com", "strata.example.com"));
    });
});
