import type { IDestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule";
import type { IGateway } from "@kubernetes-models/istio/networking.istio.io/v1beta1/Gateway";
import type { IServiceEntry } from "@kubernetes-models/istio/networking.istio.io/v1beta1/ServiceEntry";
import type { ISidecar } from "@kubernetes-models/istio/networking.istio.io/v1beta1/Sidecar";
import type { IVirtualService } from "@kubernetes-models/istio/networking.istio.io/v1beta1/VirtualService";
import type { IAuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1beta1/AuthorizationPolicy";
import type { IPeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1beta1/PeerAuthentication";
import { SIMPLE_LOAD_BALANCER } from "../../catalog/istio";
import { poolName, selectorLabels } from "../workload/pod";

/*
 * Istio routing as typed data (networking.istio.io/v1beta1 and security.istio.io/v1beta1 throughout): the
 * ingress Gateway, path, tenant and region routes, DestinationRules with pools, outlier detection and
 * mutual TLS, and the namespace's Sidecar and authorization. No Pulumi inside.
 */

export const MESH_API_VERSION = "networking.istio.io/v1beta1";
export const SECURITY_API_VERSION = "security.istio.io/v1beta1";
export const GATEWAY_NAMESPACE = "istio-ingress";
export const GATEWAY_NAME = "istio-ingressgateway";
/** Pod label the gateway chart puts on the ingress pods of a release named `istio-ingressgateway`. */
export const GATEWAY_SELECTOR = { istio: "ingressgateway" };
/**
 * The gateway Service's ports: the istio/gateway chart's defaults at 1.26.8 (values.yaml `service.ports`, http2
 * 80 and https 443, each to the same targetPort), which the mesh leaves as they are. A Gateway server names one of
 * these and istiod listens on its targetPort (pilot/pkg/model/gateway.go, resolvePorts); the NLB's listeners and
 * the TargetGroupBindings' serviceRef use the same numbers.
 */
export const GATEWAY_SERVICE_PORTS = { https: 443, http: 80 } as const;

export interface Retries {
    readonly attempts: number;
    readonly perTryTimeoutSeconds: number;
    readonly retryOn: string;
}

export interface MeshRoute {
    readonly name: string;
    readonly prefix: string;
    readonly service: string;
    readonly timeoutSeconds: number;
    readonly retries?: Retries;
    readonly weights?: readonly { readonly subset: string; readonly weight: number }[];
    readonly fault?: { readonly abortPercent: number; readonly abortHttpStatus: number; readonly delayPercent: number; readonly delaySeconds: number };
    /** This route's own per-client limit (requests per minute), instead of the gateway's. @default the gateway's */
    readonly rateLimitPerMinute?: number;
}

export interface RoutingSettings {
    readonly domain: string;
    readonly gatewayCredentialName: string;
    readonly mtlsMode: "STRICT" | "PERMISSIVE";
    readonly tenantHeader: string;
    readonly tenants: readonly string[];
    readonly tenantService: string;
    readonly regionHeader: string;
    readonly routes: readonly MeshRoute[];
    readonly subsets: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;
    readonly connectionPool: { readonly maxConnections: number; readonly http1MaxPendingRequests: number; readonly maxRequestsPerConnection: number; readonly tenantMaxConnections: number };
    readonly outlierDetection: { readonly consecutive5xxErrors: number; readonly intervalSeconds: number; readonly baseEjectionTimeSeconds: number; readonly maxEjectionPercent: number };
    readonly allowFaultInjectionInProd: boolean;
    /** Path the gateway answers itself for health checks. @default HEALTH_PATH */
    readonly healthPath?: string;
    /**
     * Where TLS ends and who provides the certificate: at the gateway with a Secret the stack issues (cert-manager) or
     * the operator brings (existing), or at the NLB with an ACM certificate (acm), the gateway then serving plain HTTP.
     */
    readonly tlsSource: "cert-manager" | "existing" | "acm";
}

/** A region the ingress can pin requests to. */
export interface RoutingRegion {
    readonly name: string;
    /** Value of the region header that selects it. */
    readonly key?: string;
}

/** Gateway annotations the policy pack reads (strata-gateway-tls). */
export const GATEWAY_DOMAIN_ANNOTATION = "strata.io/domain";
export const GATEWAY_TLS_ANNOTATION = "strata.io/tls";

/** The public VirtualService's route that sends plain HTTP to HTTPS. */
export const HTTPS_REDIRECT_ROUTE = "https-redirect";
/** HSTS for two years, on every subdomain too: the whole domain is served over HTTPS only. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** Path the ingress answers itself, for the global load balancer's health checks. */
export const HEALTH_PATH = "/healthz/ready";

export const publicHost = (domain: string) => `api.${domain}`;
/** The hostname that reaches one region directly (the edge publishes it). */
export const regionalHost = (region: string, domain: string) => `api-${region}.${domain}`;
export const serviceHost = (service: string, namespace: string) => `${service}.${namespace}.svc.cluster.local`;

const secondsText = (s: number) => `${Number(s.toFixed(3))}s`;
const DEFAULT_SUBSET = "default";

/**
 * The pod labels of a service's own Deployment (components/workload/pod.ts): for the tenant service that is its
 * shared pool, since each tenant pool's pods carry their pool's name instead.
 */
export const basePodLabels = (service: string) => selectorLabels(service);

/** The subsets of a service by name, with the pod labels they select: each tenant's subset is its own pool. */
export function subsetsOf(service: string, settings: Pick<RoutingSettings, "tenantService" | "tenants" | "subsets">): Record<string, Record<string, string>> {
    const base = basePodLabels(service);
    const tenants = service === settings.tenantService ? Object.fromEntries(settings.tenants.map((t) => [t, selectorLabels(poolName(service, t))])) : {};
    const extra = Object.fromEntries(Object.entries(settings.subsets[service] ?? {}).map(([name, labels]) => [name, { ...base, ...labels }]));
    return { ...tenants, ...extra, [DEFAULT_SUBSET]: base };
}

/**
 * Every routing problem at once: unknown services or subsets, weights not adding up to 100, timeouts shorter
 * than the retries they contain, faults in prod, and subsets selecting labels the pods do not carry.
 */
export function routingProblems(
    settings: Omit<RoutingSettings, "tlsSource">,
    services: Readonly<Record<string, { readonly podLabels: Readonly<Record<string, string>> }>>,
    environment: "dev" | "prod",
): { route?: number; field: string; message: string }[] {
    const problems: { route?: number; field: string; message: string }[] = [];
    const names = Object.keys(services);
    if (!names.includes(settings.tenantService)) problems.push({ field: "tenantService", message: `"${settings.tenantService}" is not a configured service (${names.join(", ")})` });
    const seen = new Set<string>();
    settings.routes.forEach((route, i) => {
        if (seen.has(route.name)) problems.push({ route: i, field: "name", message: `duplicate route name "${route.name}"` });
        seen.add(route.name);
        if (!names.includes(route.service)) {
            problems.push({ route: i, field: "service", message: `"${route.service}" is not a configured service (${names.join(", ")})` });
            return;
        }
        const subsets = subsetsOf(route.service, settings);
        if (route.weights) {
            const total = route.weights.reduce((a, w) => a + w.weight, 0);
            if (total !== 100) problems.push({ route: i, field: "weights", message: `weights must add up to 100 (they add up to ${total})` });
            for (const w of route.weights) {
                if (!subsets[w.subset]) problems.push({ route: i, field: "weights", message: `"${w.subset}" is not a subset of ${route.service} (${Object.keys(subsets).join(", ")})` });
            }
        }
        if (route.retries && route.retries.attempts > 0) {
            const needed = route.retries.attempts * route.retries.perTryTimeoutSeconds;
            if (route.timeoutSeconds < needed) {
                problems.push({ route: i, field: "timeoutSeconds", message: `${route.timeoutSeconds} s is shorter than ${route.retries.attempts} tries × ${route.retries.perTryTimeoutSeconds} s per try (${needed} s)` });
            }
        }
        if (route.fault && environment === "prod" && !settings.allowFaultInjectionInProd) {
            problems.push({ route: i, field: "fault", message: "fault injection is refused in prod unless mesh.allowFaultInjectionInProd is true" });
        }
    });
    for (const [service, byName] of Object.entries(settings.subsets)) {
        const podLabels: Record<string, string> = { ...basePodLabels(service), ...(services[service]?.podLabels ?? {}) };
        if (!services[service]) problems.push({ field: "subsets", message: `"${service}" is not a configured service` });
        for (const [subset, labels] of Object.entries(byName)) {
            for (const [key, value] of Object.entries(labels)) {
                if (podLabels[key] !== value) problems.push({ field: "subsets", message: `subset ${service}/${subset} selects ${key}=${value}, which no pod of ${service} carries` });
            }
        }
    }
    return problems;
}

export function gateway(settings: RoutingSettings): IGateway {
    const hosts = [`*.${settings.domain}`];
    const https = { port: { number: GATEWAY_SERVICE_PORTS.https, name: "https", protocol: "HTTPS" }, hosts, tls: { mode: "SIMPLE" as const, credentialName: settings.gatewayCredentialName, minProtocolVersion: "TLSV1_2" as const } };
    // Plain HTTP answers the health route and redirects everything else (ingressVirtualService): a server-wide
    // httpsRedirect would redirect the health checks too. With TLS at the NLB, port 80 carries the decrypted traffic.
    const http = { port: { number: GATEWAY_SERVICE_PORTS.http, name: "http", protocol: "HTTP" }, hosts };
    return {
        apiVersion: MESH_API_VERSION,
        kind: "Gateway",
        // What the stack states about its gateway, for the policy pack: the domain its hosts lie in, and who provides
        // the certificate (a Secret brought by the operator is declared here, since the plan cannot see it).
        metadata: { name: "strata", namespace: GATEWAY_NAMESPACE, annotations: { [GATEWAY_DOMAIN_ANNOTATION]: settings.domain, [GATEWAY_TLS_ANNOTATION]: settings.tlsSource } },
        spec: { selector: GATEWAY_SELECTOR, servers: settings.tlsSource === "acm" ? [http] : [https, http] },
    };
}

type HttpRoute = NonNullable<NonNullable<IVirtualService["spec"]>["http"]>[number];

function pathRoute(route: MeshRoute, namespace: string, extraMatch?: { header: string; value: string }, subset?: string): HttpRoute {
    const host = serviceHost(route.service, namespace);
    const destinations =
        subset !== undefined
            ? [{ destination: { host, port: { number: 80 }, subset } }]
            : route.weights
              ? route.weights.map((w) => ({ destination: { host, port: { number: 80 }, subset: w.subset }, weight: w.weight }))
              : [{ destination: { host, port: { number: 80 }, subset: DEFAULT_SUBSET } }];
    const fault =
        route.fault && (route.fault.abortPercent > 0 || route.fault.delayPercent > 0)
            ? {
                  ...(route.fault.abortPercent > 0 ? { abort: { percentage: { value: route.fault.abortPercent }, httpStatus: route.fault.abortHttpStatus } } : {}),
                  ...(route.fault.delayPercent > 0 ? { delay: { percentage: { value: route.fault.delayPercent }, fixedDelay: secondsText(route.fault.delaySeconds) } } : {}),
              }
            : undefined;
    return {
        name: subset !== undefined && extraMatch ? tenantRouteName(route, subset) : route.name,
        match: [{ uri: { prefix: route.prefix }, ...(extraMatch ? { headers: { [extraMatch.header]: { exact: extraMatch.value } } } : {}) }],
        route: destinations,
        timeout: secondsText(route.timeoutSeconds),
        ...(route.retries ? { retries: { attempts: route.retries.attempts, perTryTimeout: secondsText(route.retries.perTryTimeoutSeconds), retryOn: route.retries.retryOn } } : {}),
        ...(fault ? { fault } : {}),
    };
}

/** The names of the public VirtualService's routes a configured route becomes (an EnvoyFilter finds them by name). */
export function publicRouteNames(route: MeshRoute, settings: RoutingSettings): string[] {
    return route.service === settings.tenantService ? [...settings.tenants.map((tenant) => tenantRouteName(route, tenant)), route.name] : [route.name];
}

/** The route a tenant's requests on a tenant-routed path take. */
const tenantRouteName = (route: MeshRoute, tenant: string) => `${route.name}-${tenant}`;

/** The tenant service's routes: each tenant to its subset by header, everything else to `default`. */
function tenantRoutes(route: MeshRoute, namespace: string, settings: RoutingSettings): HttpRoute[] {
    return [...settings.tenants.map((tenant) => pathRoute(route, namespace, { header: settings.tenantHeader, value: tenant }, tenant)), pathRoute(route, namespace)];
}

/**
 * The public VirtualService on the ingress gateway: first requests pinned to another region (forwarded to
 * that region's hostname), then the path routes, the tenant service's split by tenant.
 */
export function ingressVirtualService(settings: RoutingSettings, namespace: string, here: RoutingRegion, others: readonly RoutingRegion[]): IVirtualService {
    const pinned: HttpRoute[] = others
        .filter((r) => r.key)
        .map((r) => ({
            name: `pin-${r.name}`,
            match: [{ headers: { [settings.regionHeader]: { exact: r.key as string } } }],
            rewrite: { authority: regionalHost(r.name, settings.domain) },
            route: [{ destination: { host: regionalHost(r.name, settings.domain), port: { number: 443 } } }],
            timeout: "15s",
        }));
    // The edge's health checks: answered by the gateway itself, so they measure the region's ingress.
    const health: HttpRoute = { name: "health", match: [{ uri: { exact: settings.healthPath ?? HEALTH_PATH } }], directResponse: { status: 200, body: { string: "ok" } } };
    const toHttps: HttpRoute = { name: HTTPS_REDIRECT_ROUTE, match: [{ port: GATEWAY_SERVICE_PORTS.http }], redirect: { scheme: "https", redirectCode: 301 } };
    // Every answer over HTTPS tells browsers to stay on HTTPS (HSTS).
    const strict = (route: HttpRoute): HttpRoute => ({ ...route, headers: { response: { set: { "strict-transport-security": HSTS } } } });
    const paths = settings.routes.flatMap((route) => (route.service === settings.tenantService ? tenantRoutes(route, namespace, settings) : [pathRoute(route, namespace)]));
    return {
        apiVersion: MESH_API_VERSION,
        kind: "VirtualService",
        metadata: { name: "strata-public", namespace: GATEWAY_NAMESPACE },
        spec: {
            hosts: [publicHost(settings.domain), regionalHost(here.name, settings.domain)],
            gateways: [`${GATEWAY_NAMESPACE}/strata`],
            // Behind TLS at the NLB every request on port 80 arrived over HTTPS: nothing to redirect.
            http: [health, ...(settings.tlsSource === "acm" ? [] : [toHttps]), ...[...pinned, ...paths].map(strict)],
        },
    };
}

/** Tenant routing for calls inside the mesh, so service-to-service traffic keeps the same bulkheads. */
export function tenantVirtualService(settings: RoutingSettings, namespace: string): IVirtualService {
    const route: MeshRoute = settings.routes.find((r) => r.service === settings.tenantService) ?? { name: settings.tenantService, prefix: "/", service: settings.tenantService, timeoutSeconds: 10 };
    return {
        apiVersion: MESH_API_VERSION,
        kind: "VirtualService",
        metadata: { name: settings.tenantService, namespace },
        spec: { hosts: [serviceHost(settings.tenantService, namespace)], gateways: ["mesh"], http: tenantRoutes({ ...route, prefix: "/" }, namespace, settings) },
    };
}

/** Pools, outlier detection, mutual TLS and zone-aware failover for one service, with its subsets. */
export function destinationRule(service: string, namespace: string, settings: RoutingSettings): IDestinationRule {
    const pool = settings.connectionPool;
    const outlier = settings.outlierDetection;
    const tenantRouted = service === settings.tenantService;
    const http = { http1MaxPendingRequests: pool.http1MaxPendingRequests, maxRequestsPerConnection: pool.maxRequestsPerConnection };
    return {
        apiVersion: MESH_API_VERSION,
        kind: "DestinationRule",
        metadata: { name: service, namespace },
        spec: {
            host: serviceHost(service, namespace),
            trafficPolicy: {
                connectionPool: { tcp: { maxConnections: pool.maxConnections }, http },
                outlierDetection: {
                    consecutive5xxErrors: outlier.consecutive5xxErrors,
                    interval: `${outlier.intervalSeconds}s`,
                    baseEjectionTime: `${outlier.baseEjectionTimeSeconds}s`,
                    maxEjectionPercent: outlier.maxEjectionPercent,
                },
                loadBalancer: {
                    // Least request spreads load inside each pool as it grows; a hash on a header with a handful of
                    // values would pin each tenant to one pod, whatever the HPA adds. Locality-aware: stay in the
                    // zone while it is healthy, fail over to the region's other zones.
                    simple: SIMPLE_LOAD_BALANCER.rows.recommended,
                    localityLbSetting: { enabled: true },
                },
                tls: { mode: "ISTIO_MUTUAL" },
            },
            subsets: Object.entries(subsetsOf(service, settings)).map(([name, labels]) => ({
                name,
                labels,
                // A subset's connectionPool replaces the rule's whole pool (catalog/istio.ts, SUBSET_TRAFFIC_POLICY), so it repeats the http limits.
                ...(tenantRouted && settings.tenants.includes(name) ? { trafficPolicy: { connectionPool: { tcp: { maxConnections: pool.tenantMaxConnections }, http } } } : {}),
            })),
        },
    };
}

/** Another region's public hostname, reachable from the gateway over TLS. */
export function remoteRegionEntry(region: RoutingRegion, settings: RoutingSettings): { entry: IServiceEntry; rule: IDestinationRule } {
    const host = regionalHost(region.name, settings.domain);
    return {
        entry: {
            apiVersion: MESH_API_VERSION,
            kind: "ServiceEntry",
            metadata: { name: `region-${region.name}`, namespace: GATEWAY_NAMESPACE },
            spec: { hosts: [host], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "https", protocol: "HTTPS" }], exportTo: ["."] },
        },
        rule: {
            apiVersion: MESH_API_VERSION,
            kind: "DestinationRule",
            metadata: { name: `region-${region.name}`, namespace: GATEWAY_NAMESPACE },
            spec: {
                host,
                exportTo: ["."],
                trafficPolicy: {
                    tls: { mode: "SIMPLE", sni: host },
                    connectionPool: { tcp: { maxConnections: settings.connectionPool.maxConnections } },
                    outlierDetection: { consecutive5xxErrors: settings.outlierDetection.consecutive5xxErrors, interval: `${settings.outlierDetection.intervalSeconds}s`, baseEjectionTime: `${settings.outlierDetection.baseEjectionTimeSeconds}s` },
                },
            },
        },
    };
}

export function peerAuthentication(mode: "STRICT" | "PERMISSIVE"): IPeerAuthentication {
    return { apiVersion: SECURITY_API_VERSION, kind: "PeerAuthentication", metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode } } };
}

/** Deny by default; allow the ingress gateway in, and the namespace's own services to call each other. */
export function authorizationPolicies(namespace: string): IAuthorizationPolicy[] {
    return [
        { apiVersion: SECURITY_API_VERSION, kind: "AuthorizationPolicy", metadata: { name: "deny-all", namespace }, spec: {} },
        {
            apiVersion: SECURITY_API_VERSION,
            kind: "AuthorizationPolicy",
            metadata: { name: "allow-ingress-and-peers", namespace },
            spec: {
                action: "ALLOW",
                rules: [{ from: [{ source: { principals: [`cluster.local/ns/${GATEWAY_NAMESPACE}/sa/${GATEWAY_NAME}`] } }, { source: { namespaces: [namespace] } }] }],
            },
        },
    ];
}

/** What the namespace's proxies need to know: their own namespace and the mesh's control namespaces. */
export function sidecar(namespace: string): ISidecar {
    return { apiVersion: MESH_API_VERSION, kind: "Sidecar", metadata: { name: "default", namespace }, spec: { egress: [{ hosts: ["./*", "istio-system/*", `${GATEWAY_NAMESPACE}/*`] }] } };
}
