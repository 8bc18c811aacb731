import { GATEWAY_PORTS, PLATFORM_PORTS, WEBHOOK_PORTS } from "../../../catalog/ports";
import { EndpointKind } from "./endpoints";
import { PortSpec } from "./model";

/*
 * Every network flow the platform needs to carry one request, and why. The flow rule proves each of them open on the
 * plan, per region; ports come from catalog/ports.ts, the same constants the components use.
 */

export interface RequiredFlow {
    readonly id: string;
    readonly why: string;
    readonly from: EndpointKind;
    readonly to: EndpointKind;
    /** Fixed ports, or the destination load balancer's listener ports. */
    readonly ports: readonly PortSpec[] | "listeners";
    /** `other-regions`: to the same kind in every other region, across the internet (source NAT, public target). */
    readonly scope?: "other-regions";
    /** `proxy-targets`: each proxy to the database clusters its targets name, not to every cluster of the region. */
    readonly pairing?: "proxy-targets";
}

const tcp = (port: number): PortSpec => ({ protocol: "tcp", port });

const webhookPorts = [...new Set(Object.values(WEBHOOK_PORTS.rows).map((p) => p.port))].map(tcp);

export const REQUIRED_FLOWS: readonly RequiredFlow[] = [
    {
        id: "deployer-to-api",
        why: "pulumi up creates every Kubernetes object and Helm release through the cluster's private API endpoint",
        from: "deployer",
        to: "controlPlane",
        ports: [tcp(PLATFORM_PORTS.rows.kubernetesApi.port)],
    },
    { id: "nodes-to-api", why: "kubelets, controllers and every pod's API calls reach the API server", from: "nodes", to: "controlPlane", ports: [tcp(PLATFORM_PORTS.rows.kubernetesApi.port)] },
    { id: "api-to-kubelet", why: "the API server calls the kubelet for logs, exec, port-forward and node metrics", from: "controlPlane", to: "nodes", ports: [tcp(PLATFORM_PORTS.rows.kubelet.port)] },
    {
        id: "api-to-webhooks",
        why: "the API server calls the admission webhooks and aggregated APIs of the installed charts (istiod, the load balancer controller, metrics-server, the VPA admission controller, the metrics adapter, prometheus-operator)",
        from: "controlPlane",
        to: "nodes",
        ports: webhookPorts,
    },
    {
        id: "pod-to-pod",
        why: "pods resolve names through CoreDNS on other nodes, every sidecar and gateway fetches its configuration and certificates from istiod, and metrics-server and Prometheus scrape every kubelet",
        from: "nodes",
        to: "nodes",
        ports: [{ protocol: "udp", port: PLATFORM_PORTS.rows.dns.port }, tcp(PLATFORM_PORTS.rows.dns.port), tcp(PLATFORM_PORTS.rows.istiodXds.port), tcp(PLATFORM_PORTS.rows.kubelet.port)],
    },
    { id: "pods-to-redis", why: "services read and write the region's Redis", from: "nodes", to: "redis", ports: [tcp(PLATFORM_PORTS.rows.redis.port)] },
    { id: "pods-to-postgres", why: "services read from the shards' reader endpoints", from: "nodes", to: "postgres", ports: [tcp(PLATFORM_PORTS.rows.postgres.port)] },
    { id: "pods-to-proxy", why: "services write (and pool connections) through the region's RDS Proxy", from: "nodes", to: "postgresProxy", ports: [tcp(PLATFORM_PORTS.rows.postgres.port)] },
    { id: "proxy-to-postgres", why: "RDS Proxy opens its pooled connections to the writers and readers", from: "postgresProxy", to: "postgres", ports: [tcp(PLATFORM_PORTS.rows.postgres.port)], pairing: "proxy-targets" },
    {
        id: "nlb-to-gateway",
        why: "the NLB forwards clients to the Istio gateway pods' container ports and health-checks them on the status port",
        from: "loadBalancer",
        to: "nodes",
        ports: [tcp(GATEWAY_PORTS.rows.http.port), tcp(GATEWAY_PORTS.rows.https.port), tcp(GATEWAY_PORTS.rows.health.port)],
    },
    {
        id: "clients-to-nlb",
        why: "Global Accelerator preserves the client's address, so the NLB admits the internet on its listener ports",
        from: "internet",
        to: "loadBalancer",
        ports: "listeners",
    },
    { id: "nodes-to-internet", why: "nodes pull images and reach AWS APIs through the NAT gateways", from: "nodes", to: "internet", ports: [tcp(443)] },
    {
        id: "pods-to-remote-gateways",
        why: "a region-pinned request is forwarded to the pinned region's gateway over HTTPS",
        from: "nodes",
        to: "loadBalancer",
        ports: [tcp(443)],
        scope: "other-regions",
    },
];

/** Ports that must never be open to the whole internet: data stores, node administration and the control path. */
export const ADMIN_PORTS: readonly { readonly port: number; readonly name: string }[] = [
    { port: 22, name: "SSH" },
    { port: 3389, name: "RDP" },
    { port: PLATFORM_PORTS.rows.postgres.port, name: "PostgreSQL" },
    { port: PLATFORM_PORTS.rows.redis.port, name: "Redis" },
    { port: PLATFORM_PORTS.rows.kubelet.port, name: "the kubelet" },
    { port: PLATFORM_PORTS.rows.istiodXds.port, name: "istiod's xDS" },
    ...Object.entries(WEBHOOK_PORTS.rows).map(([name, p]) => ({ port: p.port, name: `the ${name} webhook` })),
];
