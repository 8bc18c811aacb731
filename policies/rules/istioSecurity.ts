import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { podTemplateOf } from "./ordering";
import { clusterKey, isRecord, labelsOf, list, meta, record, spec, str } from "./util";
import { isHeadroomPlaceholder } from "./workloads";

/*
 * The mesh's security, each finding attached to the object that causes it: mTLS STRICT everywhere (no
 * PeerAuthentication relaxes it, no DestinationRule turns TLS off), no wildcard VirtualService hosts, sidecars
 * injected wherever the program runs services, and a default-deny AuthorizationPolicy over every such namespace.
 * Pure: reads the plan's Istio objects, namespaces and workloads. Istio's root namespace is istio-system.
 */

const ISTIO_ROOT = "istio-system";
const ofKind = (resources: readonly PolicyResource[], kind: string) => resources.filter((r) => r.type.startsWith("kubernetes:") && r.type.endsWith(`:${kind}`));

/** Every TLS setting of a DestinationRule: the rule's, its ports', its subsets' and their ports'. */
function tlsModes(rule: PolicyResource): string[] {
    const policies = [record(spec(rule).trafficPolicy), ...list(spec(rule).subsets).map((s) => record(record(s).trafficPolicy))];
    return policies.flatMap((p) => [record(p.tls), ...list(p.portLevelSettings).map((s) => record(record(s).tls))]).flatMap((tls) => (typeof tls.mode === "string" ? [tls.mode] : []));
}

export function istioSecurityProblems(resources: readonly PolicyResource[]): { resource: PolicyResource; message: string }[] {
    const problems: { resource: PolicyResource; message: string }[] = [];
    const add = (resource: PolicyResource, message: string) => problems.push({ resource, message });
    const meshed = new Set([...ofKind(resources, "VirtualService"), ...ofKind(resources, "PeerAuthentication")].map(clusterKey));

    for (const pa of ofKind(resources, "PeerAuthentication")) {
        const modes = [str(record(spec(pa).mtls).mode), ...Object.values(record(spec(pa).portLevelMtls)).map((m) => str(record(m).mode))].filter((m): m is string => m !== undefined);
        const loose = modes.filter((m) => m !== "STRICT");
        if (loose.length > 0) add(pa, `PeerAuthentication ${meta(pa).namespace}/${meta(pa).name} sets mTLS ${loose.join(", ")}: plaintext reaches the workloads it covers; use STRICT`);
    }
    for (const rule of ofKind(resources, "DestinationRule")) {
        if (tlsModes(rule).includes("DISABLE")) add(rule, `DestinationRule ${meta(rule).namespace}/${meta(rule).name} turns TLS off (mode DISABLE) inside a STRICT mesh: its clients send plaintext that the servers refuse`);
    }
    for (const vs of ofKind(resources, "VirtualService")) {
        const wild = list(spec(vs).hosts).filter((h): h is string => typeof h === "string" && h.includes("*"));
        if (wild.length > 0) add(vs, `VirtualService ${meta(vs).namespace}/${meta(vs).name} routes wildcard hosts (${wild.join(", ")}): it takes traffic meant for any service; name the hosts`);
    }

    // Where the program runs services in a meshed cluster: those namespaces need sidecars and a default deny. Headroom
    // placeholders are not services: pause listens on nothing, and a sidecar's init container would break their
    // namespace's restricted Pod Security (components/cluster/headroom.ts).
    const workloads = ofKind(resources, "Deployment").filter((d) => meshed.has(clusterKey(d)) && !isHeadroomPlaceholder(d));
    const serviceNamespaces = new Map(workloads.map((d) => [`${clusterKey(d)}|${meta(d).namespace}`, d]));
    for (const d of workloads) {
        const template = record(podTemplateOf(d));
        const optOut = [labelsOf(record(template.metadata).labels), labelsOf(record(template.metadata).annotations)].some((m) => m["sidecar.istio.io/inject"] === "false");
        if (optOut) add(d, `Deployment ${meta(d).namespace}/${meta(d).name} turns its sidecar off (sidecar.istio.io/inject: "false"): its pods leave the mesh's mTLS and authorization`);
    }
    for (const ns of ofKind(resources, "Namespace")) {
        const key = `${clusterKey(ns)}|${meta(ns).name}`;
        if (!serviceNamespaces.has(key)) continue;
        const labels = labelsOf(meta(ns).labels);
        if (labels["istio-injection"] !== "enabled" && labels["istio.io/rev"] === undefined) add(ns, `Namespace ${meta(ns).name} runs services without sidecar injection (istio-injection is ${labels["istio-injection"] ?? "unset"}): they leave the mesh's mTLS and authorization`);
    }
    // A default deny: an AuthorizationPolicy with an empty spec, in the namespace or in the root namespace (mesh-wide).
    const denies = new Set(ofKind(resources, "AuthorizationPolicy").filter((p) => isRecord(p.props.spec) ? Object.keys(spec(p)).length === 0 : p.props.spec === undefined).map((p) => `${clusterKey(p)}|${meta(p).namespace}`));
    for (const [key, d] of serviceNamespaces) {
        const cluster = key.slice(0, key.lastIndexOf("|"));
        if (denies.has(key) || denies.has(`${cluster}|${ISTIO_ROOT}`)) continue;
        const ns = ofKind(resources, "Namespace").find((n) => `${clusterKey(n)}|${meta(n).name}` === key) ?? d;
        add(ns, `Namespace ${meta(d).namespace} has no default-deny AuthorizationPolicy (an empty spec, here or in ${ISTIO_ROOT}): any workload of the mesh may call its services`);
    }
    return problems;
}

export const istioSecurity: StackValidationPolicy = {
    name: "strata-istio-security",
    description: "mTLS STRICT everywhere (no relaxing PeerAuthentication, no DestinationRule without TLS), no wildcard VirtualService hosts, sidecars where services run, and a default-deny AuthorizationPolicy over them.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const problem of istioSecurityProblems(args.resources)) reportViolation(problem.message, problem.resource.urn);
    },
};
