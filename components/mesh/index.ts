import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { LOAD_BALANCER_CONTROLLER, NLB_TLS_LISTENER } from "../../catalog/network";
import { BoundaryPort, GATEWAY_PORTS } from "../../catalog/ports";
import { IstioBaseValues, IstioGatewayValues, IstiodValues } from "../../catalog/chartValues/istio";
import { gatewayValues, istiodValues } from "./charts";
import { RateLimitSettings, gatewayRateLimit } from "./rateLimit";
import {
    GATEWAY_NAME,
    GATEWAY_NAMESPACE,
    GATEWAY_SERVICE_PORTS,
    RoutingRegion,
    RoutingSettings,
    authorizationPolicies,
    destinationRule,
    gateway,
    ingressVirtualService,
    peerAuthentication,
    remoteRegionEntry,
    sidecar,
    tenantVirtualService,
} from "./routing";

const ISTIO_CHART_REPOSITORY = "https://istio-release.storage.googleapis.com/charts";
/**
 * The namespace label that makes the load balancer controller's webhook add a target-health readiness gate to
 * the gateway pods (catalog/network.ts): a pod is Ready only once the NLB reports it healthy, so a rollout or
 * scale-in never leaves the target groups with only draining targets.
 */
const READINESS_GATE = LOAD_BALANCER_CONTROLLER.rows.readinessGate.namespaceLabel;
/** One public listener of the NLB: its port and protocol, and the gateway port (container and Service) it forwards to. */
interface PublicListener {
    /** Logical-name and binding suffix. */
    readonly name: string;
    readonly port: number;
    readonly protocol: "TCP" | "TLS";
    readonly target: BoundaryPort;
    readonly servicePort: number;
    readonly description: string;
}

/**
 * The NLB's listeners. TLS at the gateway: 443 and 80 passed through to the gateway's own 443 and 80 (the gateway
 * redirects 80). TLS at the NLB: 443 only, ending TLS with the ACM certificate and forwarding plain HTTP to the
 * gateway's 80; no plaintext port is open to clients at all, so there is nothing to redirect.
 */
function publicListeners(tlsAtLoadBalancer: boolean): PublicListener[] {
    const { https, http } = GATEWAY_PORTS.rows;
    return tlsAtLoadBalancer
        ? [{ name: "tls", port: GATEWAY_SERVICE_PORTS.https, protocol: "TLS", target: http, servicePort: GATEWAY_SERVICE_PORTS.http, description: "HTTPS (TLS ends at the NLB)" }]
        : [
              { name: "https", port: GATEWAY_SERVICE_PORTS.https, protocol: "TCP", target: https, servicePort: GATEWAY_SERVICE_PORTS.https, description: "HTTPS" },
              { name: "http", port: GATEWAY_SERVICE_PORTS.http, protocol: "TCP", target: http, servicePort: GATEWAY_SERVICE_PORTS.http, description: "HTTP (redirected)" },
          ];
}
const INTERNET = [
    { family: "ipv4", source: { cidrIpv4: "0.0.0.0/0" } },
    { family: "ipv6", source: { cidrIpv6: "::/0" } },
] as const;

/** A TargetGroupBinding's `networking.ingress[].ports` entry (elbv2.k8s.aws/v1beta1 NetworkingPort: protocol TCP or UDP, port). */
const bindingPort = (port: BoundaryPort) => ({ protocol: port.protocol.toUpperCase(), port: port.port });

type IstioObject = { apiVersion: string; kind: string; metadata?: { name?: string; namespace?: string }; spec?: unknown };

export interface IstioMeshArgs {
    readonly region: string;
    readonly clusterName: string;
    /** Pinned chart version of base, istiod and gateway. */
    readonly version: string;
    readonly mtlsMode: "STRICT" | "PERMISSIVE";
    /** Ingress gateway pods: their HPA bounds and requests. */
    readonly gateway: { readonly minReplicas: number; readonly maxReplicas: number; readonly cpu: string; readonly memory: string };
    /** istiod replicas (2 or more survives a node loss). */
    readonly controlPlaneReplicas: number;
    readonly vpcId: pulumi.Input<string>;
    readonly publicSubnetIds: pulumi.Input<string[]>;
    /**
     * The security group on the gateway pods' network interfaces that the load balancer controller writes the
     * TargetGroupBindings' rules into (the EKS cluster security group, tagged for the controller: catalog/network.ts).
     * The NLB's own group sends only to it, on the gateway's container ports and its health port.
     */
    readonly gatewaySecurityGroupId: pulumi.Input<string>;
    /** The AWS Load Balancer Controller release: it owns the TargetGroupBinding CRD, and its webhooks admit the bindings and gate the gateway pods. */
    readonly loadBalancerController: pulumi.Resource;
    /** The cluster's node groups: istiod and the gateway wait for them, so their pods have nodes to start on. */
    readonly nodeGroups: readonly pulumi.Resource[];
    /** How long each release waits for its objects (a cold cluster's, see coldClusterTimeoutSeconds). */
    readonly helmTimeoutSeconds: number;
    /**
     * Prefix of the target groups' physical names, unique per account and stable for the stack's life (e.g.
     * `strata-prod`); the region is implicit, as target group names are regional. The names are
     * `<prefix>-ingress-<listener port>`, whose length does not depend on the region's: at most 20 characters keeps
     * them within AWS's 32.
     */
    readonly targetGroupNamePrefix: string;
    /** TLS ends at the NLB with this ACM certificate (of the NLB's region), and the gateway serves plain HTTP behind it. @default TLS at the gateway */
    readonly tlsAtLoadBalancer?: { readonly certificateArn: pulumi.Input<string> };
    /** Refuse deletion of the NLB (AWS's flag): its address is what the edge and clients point at. */
    readonly deletionProtection: boolean;
}

/**
 * Istio in one cluster: base (CRDs), istiod with access logs and locality load balancing, an ingress gateway
 * with its own HPA and PDB, mesh-wide mTLS, and a Pulumi-owned cross-zone NLB in the public subnets bound to
 * the gateway pods with TargetGroupBindings, so the edge can point at it directly.
 */
export class IstioMesh extends pulumi.ComponentResource {
    /** The release that installs Istio's CRDs: every Istio object depends on it. */
    public readonly crds: k8s.helm.v3.Release;
    /** istiod: sidecars are injected only once it runs. */
    public readonly controlPlane: k8s.helm.v3.Release;
    /** The namespaces the mesh creates, by name: objects placed in them depend on them. */
    public readonly namespaces: Readonly<Record<string, k8s.core.v1.Namespace>>;
    public readonly loadBalancerArn: pulumi.Output<string>;
    public readonly loadBalancerDnsName: pulumi.Output<string>;
    public readonly loadBalancerZoneId: pulumi.Output<string>;

    constructor(name: string, args: IstioMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        if (args.gateway.minReplicas > args.gateway.maxReplicas) throw new Error(`gateway.maxReplicas (${args.gateway.maxReplicas}) must be ≥ gateway.minReplicas (${args.gateway.minReplicas})`);
        super("strata:mesh:IstioMesh", name, {}, opts);
        const child = { parent: this };
        const release = (suffix: string, chart: string, namespace: string, values: IstioBaseValues | IstiodValues | IstioGatewayValues, dependsOn: pulumi.Resource[]) =>
            new k8s.helm.v3.Release(
                `${name}-${suffix}`,
                // atomic: a failed or timed-out install is uninstalled, so the next `pulumi up` starts clean.
                { name: suffix, chart, version: args.version, repositoryOpts: { repo: ISTIO_CHART_REPOSITORY }, namespace, values, atomic: true, cleanupOnFail: true, maxHistory: 10, timeout: args.helmTimeoutSeconds },
                { ...child, dependsOn },
            );
        const system = new k8s.core.v1.Namespace(`${name}-istio-system`, { metadata: { name: "istio-system" } }, child);
        const ingress = new k8s.core.v1.Namespace(`${name}-istio-ingress`, { metadata: { name: GATEWAY_NAMESPACE, labels: { "istio-injection": "enabled", [READINESS_GATE.key]: READINESS_GATE.value } } }, child);
        this.namespaces = { "istio-system": system, [GATEWAY_NAMESPACE]: ingress };

        // base runs no pods (catalog/crds.ts, PODLESS_CHARTS), so it installs the CRDs while the nodes launch.
        const base: IstioBaseValues = { defaultRevision: "default" };
        this.crds = release("istio-base", "base", "istio-system", base, [system]);
        this.controlPlane = release("istiod", "istiod", "istio-system", istiodValues(args.controlPlaneReplicas), [this.crds, ...args.nodeGroups]);
        const edge = this.loadBalancer(name, args, ingress);
        release(
            GATEWAY_NAME,
            "gateway",
            GATEWAY_NAMESPACE,
            gatewayValues(args.gateway),
            // The controller injects the readiness gate only into pods created while its webhook runs and a
            // TargetGroupBinding already names their Service (catalog/network.ts, readinessGate), and a gated pod
            // turns Ready once the NLB, through a listener, finds it healthy: so the first pods wait for the
            // controller, the bindings and the listeners.
            [this.controlPlane, ingress, args.loadBalancerController, ...edge.bindings, ...edge.listeners, ...args.nodeGroups],
        );

        new k8s.apiextensions.CustomResource(`${name}-mtls`, toCustomResource(peerAuthentication(args.mtlsMode)), { ...child, dependsOn: [this.crds] });

        const nlb = edge.loadBalancer;
        this.loadBalancerArn = nlb.arn;
        this.loadBalancerDnsName = nlb.dnsName;
        this.loadBalancerZoneId = nlb.zoneId;
        this.registerOutputs({ loadBalancerArn: this.loadBalancerArn, loadBalancerDnsName: this.loadBalancerDnsName });
    }

    /**
     * The public NLB, its target groups and listeners, and the TargetGroupBindings that register the gateway pods.
     * The bindings need only the controller and the namespace: a binding whose Service does not exist yet waits
     * for it (the controller watches Services), and the gateway's first pods need the bindings to exist.
     */
    private loadBalancer(name: string, args: IstioMeshArgs, namespace: k8s.core.v1.Namespace): { loadBalancer: aws.lb.LoadBalancer; listeners: aws.lb.Listener[]; bindings: k8s.apiextensions.CustomResource[] } {
        const child = { parent: this };
        // Rules are standalone resources, so the group declares no inline rules (the provider would revoke the
        // standalone ones). The description is the group's since creation: changing it replaces the group.
        const securityGroup = new aws.ec2.SecurityGroup(`${name}-ingress-nlb`, { vpcId: args.vpcId, description: "Public HTTP(S) into the Istio ingress gateway" }, child);
        // The internet on the listener ports: with client IP preservation Global Accelerator hands the NLB the
        // clients' own addresses (catalog/network.ts, NLB_FACTS).
        const listeners = publicListeners(args.tlsAtLoadBalancer !== undefined);
        for (const listener of listeners) {
            for (const { family, source } of INTERNET) {
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-ingress-nlb-${listener.name}-${family}`,
                    { securityGroupId: securityGroup.id, ipProtocol: "tcp", fromPort: listener.port, toPort: listener.port, ...source, description: listener.description },
                    child,
                );
            }
        }
        // Out only to the gateway pods, on their container ports and the health port: health checks obey the
        // NLB's egress rules (catalog/network.ts, NLB_FACTS).
        for (const [role, port] of Object.entries(GATEWAY_PORTS.rows)) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-ingress-nlb-to-gateway-${role}`,
                { securityGroupId: securityGroup.id, referencedSecurityGroupId: args.gatewaySecurityGroupId, ipProtocol: port.protocol, fromPort: port.port, toPort: port.port, description: `gateway ${role} port` },
                child,
            );
        }
        const nlb = new aws.lb.LoadBalancer(
            `${name}-ingress`,
            {
                loadBalancerType: "network",
                internal: false,
                subnets: args.publicSubnetIds,
                securityGroups: [securityGroup.id],
                enableCrossZoneLoadBalancing: true,
                enableDeletionProtection: args.deletionProtection,
                tags: { Name: `${args.clusterName}-ingress` },
            },
            child,
        );
        const health = GATEWAY_PORTS.rows.health;
        const created: aws.lb.Listener[] = [];
        const bindings: k8s.apiextensions.CustomResource[] = [];
        for (const listener of listeners) {
            const target = listener.target;
            const targetGroup = new aws.lb.TargetGroup(
                `${name}-ingress-${listener.name}`,
                {
                    // Explicit: an autoname is the logical name plus 8 characters, and the logical name carries the
                    // region, so long region names pushed it past AWS's 32 (ap-southeast-1 reached 36). Named by the
                    // listener's role, so TLS at the NLB (another target port, which replaces a group) never reuses a
                    // live group's name.
                    name: `${args.targetGroupNamePrefix}-ingress-${listener.protocol === "TLS" ? "tls" : listener.port}`,
                    vpcId: args.vpcId,
                    targetType: "ip",
                    protocol: "TCP",
                    // The controller registers each pod with its own container port; this is the group's default.
                    port: target.port,
                    // The gateway sees each client's own address (off by default for ip targets over TCP), which its
                    // per-client rate limit keys on; the pods still admit only the NLB's group, which AWS honours
                    // for preserved clients too (catalog/network.ts, NLB_FACTS).
                    preserveClientIp: "true",
                    deregistrationDelay: 30,
                    healthCheck: { protocol: "HTTP", port: String(health.port), path: "/healthz/ready", interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 },
                },
                child,
            );
            const tls = listener.protocol === "TLS" && args.tlsAtLoadBalancer ? { certificateArn: args.tlsAtLoadBalancer.certificateArn, sslPolicy: NLB_TLS_LISTENER.rows.sslPolicy } : {};
            created.push(
                new aws.lb.Listener(`${name}-ingress-${listener.name}`, { loadBalancerArn: nlb.arn, port: listener.port, protocol: listener.protocol, ...tls, defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }] }, child),
            );
            bindings.push(
                new k8s.apiextensions.CustomResource(
                    `${name}-ingress-${listener.name}`,
                    {
                        apiVersion: "elbv2.k8s.aws/v1beta1",
                        kind: "TargetGroupBinding",
                        metadata: { name: `${GATEWAY_NAME}-${listener.name}`, namespace: GATEWAY_NAMESPACE },
                        spec: {
                            serviceRef: { name: GATEWAY_NAME, port: listener.servicePort },
                            targetGroupARN: targetGroup.arn,
                            targetType: "ip",
                            // The controller admits the NLB's group to the pods on the traffic and health ports, and nothing else.
                            networking: { ingress: [{ from: [{ securityGroup: { groupID: securityGroup.id } }], ports: [bindingPort(target), bindingPort(health)] }] },
                        },
                    },
                    { ...child, dependsOn: [namespace, args.loadBalancerController] },
                ),
            );
        }
        return { loadBalancer: nlb, listeners: created, bindings };
    }
}

export interface ServiceRoutesArgs {
    /** The application namespace. */
    readonly namespace: string;
    readonly settings: RoutingSettings;
    /** Services that receive a DestinationRule. */
    readonly services: readonly string[];
    readonly here: RoutingRegion;
    /** The stack's other regions, reachable by the region header. */
    readonly others: readonly RoutingRegion[];
    /** The mesh's CRD release. */
    readonly crds: pulumi.Resource;
    /** The namespaces the objects live in, by name: each object depends on its own (a component's dependsOn would not reach them). */
    readonly namespaces: Readonly<Record<string, pulumi.Resource>>;
    /** The gateway's per-client limit. */
    readonly rateLimit: RateLimitSettings;
}

/**
 * The typed routing of one cluster: the HTTPS Gateway with its HTTP redirect, the public VirtualService
 * (region pinning, path routes with timeouts and retries, tenant split), the tenant VirtualService inside the
 * mesh, a DestinationRule per service, the other regions as ServiceEntries, and the application namespace's
 * Sidecar and default-deny authorization.
 */
export class ServiceRoutes extends pulumi.ComponentResource {
    constructor(name: string, args: ServiceRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("strata:mesh:ServiceRoutes", name, {}, opts);
        const objects: IstioObject[] = [
            gateway(args.settings),
            ingressVirtualService(args.settings, args.namespace, args.here, args.others),
            tenantVirtualService(args.settings, args.namespace),
            ...args.services.map((service) => destinationRule(service, args.namespace, args.settings)),
            ...args.others.flatMap((region) => {
                const { entry, rule } = remoteRegionEntry(region, args.settings);
                return [entry, rule];
            }),
            sidecar(args.namespace),
            ...authorizationPolicies(args.namespace),
            gatewayRateLimit(args.settings, args.rateLimit),
        ];
        const namespaceOf = (object: IstioObject) => {
            const namespace = object.metadata?.namespace === undefined ? undefined : args.namespaces[object.metadata.namespace];
            return namespace ? [namespace] : [];
        };
        for (const object of objects) {
            new k8s.apiextensions.CustomResource(
                `${name}-${object.kind.toLowerCase()}-${object.metadata?.namespace}-${object.metadata?.name}`,
                toCustomResource(object),
                { parent: this, dependsOn: [args.crds, ...namespaceOf(object)] },
            );
        }
        this.registerOutputs({});
    }
}

function toCustomResource(object: IstioObject): k8s.apiextensions.CustomResourceArgs {
    return { apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata, spec: object.spec };
}
