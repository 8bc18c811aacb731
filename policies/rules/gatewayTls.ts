import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { LOCAL_RATE_LIMIT } from "../../catalog/istio";
import { NLB_TLS_LISTENER } from "../../catalog/network";
import { boolean, clusterKey, isRecord, labelsOf, list, meta, record, selects, spec, str } from "./util";

/*
 * The public edge of each cluster, over the whole plan: every HTTPS server of a Gateway serves a certificate the
 * stack issues (a cert-manager Certificate or a Secret in the gateway's namespace) or declares as brought, covering
 * every host routed through it; every TLS listener of a load balancer has a certificate and a TLS 1.2+ policy; no
 * host lies outside the stack's domain; and in prod a per-client rate limit covers every public route. Pure: reads
 * plan resources and catalog/istio.ts, catalog/network.ts.
 */

const GATEWAY = "kubernetes:networking.istio.io/v1beta1:Gateway";
const VIRTUAL_SERVICE = "kubernetes:networking.istio.io/v1beta1:VirtualService";
const ENVOY_FILTER = "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter";
const CERTIFICATE = "kubernetes:cert-manager.io/v1:Certificate";
const SECRET = "kubernetes:core/v1:Secret";
const LISTENER = "aws:lb/listener:Listener";
const ACM_CERTIFICATE = "aws:acm/certificate:Certificate";
const DESTINATION_RULE = "kubernetes:networking.istio.io/v1beta1:DestinationRule";
/** Gateway annotations the program writes (components/mesh/routing.ts). */
const DOMAIN_ANNOTATION = "strata.io/domain";
const TLS_ANNOTATION = "strata.io/tls";
const BROUGHT = "existing";

/** Whether a certificate name (exact or `*.` wildcard, one label deep) covers a host. */
export function covers(name: string, host: string): boolean {
    if (name === host) return true;
    return name.startsWith("*.") && host.endsWith(name.slice(1)) && !host.slice(0, -name.length + 1).includes(".");
}

const inDomain = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** The VirtualServices bound to a Gateway (`<namespace>/<name>`, or the bare name in its own namespace). */
function boundServices(gateway: PolicyResource, services: readonly PolicyResource[]): PolicyResource[] {
    const { name, namespace } = meta(gateway);
    return services.filter((vs) => clusterKey(vs) === clusterKey(gateway) && list(spec(vs).gateways).some((g) => g === `${namespace}/${name}` || (g === name && meta(vs).namespace === namespace)));
}

/** Whether an EnvoyFilter's local rate limit is keyed on each client's address (catalog/istio.ts, LOCAL_RATE_LIMIT). */
function limitsPerClient(typedConfig: unknown): boolean {
    const value = record(record(typedConfig).value);
    const keyed = list(value.rate_limits).some((r) => list(record(r).actions).some((a) => isRecord(record(a).remote_address)));
    const perClient = list(value.descriptors).some((d) => list(record(d).entries).some((e) => record(e).key === LOCAL_RATE_LIMIT.rows.clientDescriptorKey && record(e).value === undefined));
    return keyed && perClient;
}

/** The routes a gateway's per-client limit leaves out: all of them without a limit, or those a route patch overrides without one. */
function unlimitedRoutes(gateway: PolicyResource, filters: readonly PolicyResource[], routeNames: readonly string[]): string[] {
    const selector = record(spec(gateway).selector);
    const mine = filters.filter((f) => clusterKey(f) === clusterKey(gateway) && meta(f).namespace === meta(gateway).namespace && selects({ matchLabels: record(spec(f).workloadSelector).labels }, labelsOf(selector)));
    const patches = mine.flatMap((f) => list(spec(f).configPatches).map(record));
    const inserted = patches.some((p) => p.applyTo === "HTTP_FILTER" && str(record(record(p.patch).value).name) === LOCAL_RATE_LIMIT.rows.filterName && limitsPerClient(record(record(p.patch).value).typed_config));
    if (!inserted) return [...routeNames];
    const weakened = patches.flatMap((p) => {
        if (p.applyTo !== "HTTP_ROUTE") return [];
        const routeName = str(record(record(record(record(p.match).routeConfiguration).vhost).route).name);
        const perRoute = record(record(record(p.patch).value).typed_per_filter_config)[LOCAL_RATE_LIMIT.rows.filterName];
        return routeName !== undefined && perRoute !== undefined && !limitsPerClient(perRoute) ? [routeName] : [];
    });
    return routeNames.filter((r) => weakened.includes(r));
}

export interface EdgeProblem {
    readonly resource: PolicyResource;
    readonly message: string;
}

/**
 * TLS that ends at an NLB: every TLS listener carries a certificate and a policy that refuses anything older than TLS
 * 1.2 (catalog/network.ts, NLB_TLS_LISTENER). The certificate is judged by its presence (a reference to the ACM
 * validation, unknown until deploy), never by its value.
 */
function listenerTlsProblems(resources: readonly PolicyResource[]): EdgeProblem[] {
    return resources
        .filter((r) => r.type === LISTENER && r.props.protocol === "TLS")
        .flatMap((listener): EdgeProblem[] => {
            const problems: string[] = [];
            if (!("certificateArn" in listener.props) && (listener.propertyDependencies.certificateArn ?? []).length === 0) problems.push("has no certificate");
            const policy = str(listener.props.sslPolicy);
            if (policy === undefined || !NLB_TLS_LISTENER.rows.tlsTwelveOrLaterPolicies.includes(policy)) problems.push(`uses the security policy ${policy ?? "(the default)"}, which is not one of the TLS 1.2-or-later policies (${NLB_TLS_LISTENER.rows.sslPolicy} and kin)`);
            return problems.map((p) => ({ resource: listener, message: `TLS listener ${listener.name} ${p}` }));
        });
}

export function gatewayTlsProblems(resources: readonly PolicyResource[], requireRateLimit: boolean): EdgeProblem[] {
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    const [services, filters, certificates, secrets] = [ofType(VIRTUAL_SERVICE), ofType(ENVOY_FILTER), ofType(CERTIFICATE), ofType(SECRET)];
    const gateways = ofType(GATEWAY).flatMap((gateway): EdgeProblem[] => {
        const problems: string[] = [];
        const { namespace, annotations } = meta(gateway);
        const domain = str(annotations[DOMAIN_ANNOTATION]);
        const bound = boundServices(gateway, services);
        const routedHosts = [...new Set(bound.flatMap((vs) => list(spec(vs).hosts).map(String)))];
        const servers = list(spec(gateway).servers).map(record);
        const hosts = [...new Set([...servers.flatMap((s) => list(s.hosts).map(String)), ...routedHosts])];
        if (domain === undefined) problems.push(`states no domain (annotation ${DOMAIN_ANNOTATION}), so its hosts cannot be judged`);
        else for (const host of hosts.filter((h) => !inDomain(h.replace(/^\*\./, ""), domain))) problems.push(`host ${host} lies outside the stack's domain ${domain}`);

        for (const server of servers) {
            const tls = record(server.tls);
            const mode = str(tls.mode);
            if (mode !== "SIMPLE" && mode !== "MUTUAL") continue;
            const credential = str(tls.credentialName);
            const here = (r: PolicyResource) => clusterKey(r) === clusterKey(gateway) && meta(r).namespace === namespace;
            const certificate = certificates.find((c) => here(c) && spec(c).secretName === credential);
            const port = str(record(server.port).name) ?? String(record(server.port).number);
            if (certificate) {
                const names = list(spec(certificate).dnsNames).map(String);
                for (const host of routedHosts.filter((h) => !names.some((n) => covers(n, h)))) problems.push(`server ${port}: the certificate ${meta(certificate).name} does not cover ${host}, which a VirtualService routes through it`);
            } else if (!secrets.some((s) => here(s) && meta(s).name === credential) && annotations[TLS_ANNOTATION] !== BROUGHT) {
                problems.push(`server ${port} names the credential ${credential ?? "(none)"}, which no Certificate or Secret in ${namespace} provides and the stack does not declare as brought (annotation ${TLS_ANNOTATION}: ${BROUGHT})`);
            }
        }

        if (requireRateLimit) {
            const routeNames = bound.filter((vs) => meta(vs).namespace === namespace).flatMap((vs) => list(spec(vs).http).map((h) => str(record(h).name) ?? "(unnamed)"));
            const open = unlimitedRoutes(gateway, filters, routeNames);
            if (open.length > 0) problems.push(`no per-client rate limit on the public route${open.length === 1 ? "" : "s"} ${open.join(", ")}`);
        }
        return problems.map((p) => ({ resource: gateway, message: `Gateway ${namespace}/${meta(gateway).name} (${gateway.name}): ${p}` }));
    });
    return [...gateways, ...listenerTlsProblems(resources), ...originationProblems(resources)];
}

/**
 * Every DestinationRule that originates TLS (a region-pinned request forwarded to another region's host) names a host
 * some certificate of the plan covers, unless a gateway declares a certificate brought from outside it.
 */
function originationProblems(resources: readonly PolicyResource[]): EdgeProblem[] {
    if (resources.some((r) => r.type === GATEWAY && meta(r).annotations[TLS_ANNOTATION] === BROUGHT)) return [];
    const names = [
        ...resources.filter((r) => r.type === CERTIFICATE).flatMap((c) => list(spec(c).dnsNames).map(String)),
        ...resources.filter((r) => r.type === ACM_CERTIFICATE).flatMap((c) => [str(c.props.domainName), ...list(c.props.subjectAlternativeNames).map(String)].filter((n): n is string => n !== undefined)),
    ];
    // Certificates the config brings by ARN are outside the plan: a listener naming one vouches for its region's hosts.
    const brought = resources.some((r) => r.type === LISTENER && r.props.protocol === "TLS" && (r.propertyDependencies.certificateArn ?? []).length === 0 && "certificateArn" in r.props);
    if (brought) return [];
    return resources
        .filter((r) => r.type === DESTINATION_RULE && str(record(record(spec(r).trafficPolicy).tls).mode) === "SIMPLE")
        .flatMap((rule): EdgeProblem[] => {
            const host = str(spec(rule).host) ?? "";
            return names.some((n) => covers(n, host)) ? [] : [{ resource: rule, message: `DestinationRule ${meta(rule).namespace}/${meta(rule).name} (${rule.name}) originates TLS to ${host}, which no certificate of the stack covers` }];
        });
}

export const gatewayTls: StackValidationPolicy = {
    name: "strata-gateway-tls",
    description: "Every HTTPS server of a Gateway serves a certificate the stack issues or declares, covering every routed host; no host outside the stack's domain; in prod, a per-client rate limit on every public route.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requireRateLimit: boolean("Every public route must carry a per-client rate limit (prod).", true) } },
    validateStack: (args, reportViolation) => {
        const { requireRateLimit } = args.getConfig<{ requireRateLimit: boolean }>();
        for (const problem of gatewayTlsProblems(args.resources, requireRateLimit)) reportViolation(problem.message, problem.resource.urn);
    },
};
