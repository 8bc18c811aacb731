import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SYSTEM_PLACEMENT } from "../cluster/nodeGroups";
import {
    GATEWAY_NAME,
    GATEWAY_NAMESPACE,
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

const ISTIO_CHARTS = "https://istio-release.storage.googleapis.com/charts";
/** Container ports of the ingress gateway pods, behind Service ports 80 and 443. */
const GATEWAY_TARGET_PORTS = { http: 8080, https: 8443 } as const;

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
    /** The AWS Load Balancer Controller release: it owns the TargetGroupBinding CRD. */
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
        const release = (suffix: string, chart: string, namespace: string, values: Record<string, unknown>, dependsOn: pulumi.Resource[]) =>
            new k8s.helm.v3.Release(
                `${name}-${suffix}`,
                // atomic: a failed or timed-out install is uninstalled, so the next `pulumi up` starts clean.
                { name: suffix, chart, version: args.version, repositoryOpts: { repo: ISTIO_CHARTS }, namespace, values, atomic: true, cleanupOnFail: true, maxHistory: 10, timeout: args.helmTimeoutSeconds },
                { ...child, dependsOn },
            );
        const system = new k8s.core.v1.Namespace(`${name}-istio-system`, { metadata: { name: "istio-system" } }, child);
        const ingress = new k8s.core.v1.Namespace(`${name}-istio-ingress`, { metadata: { name: GATEWAY_NAMESPACE, labels: { "istio-injection": "enabled" } } }, child);
        this.namespaces = { "istio-system": system, [GATEWAY_NAMESPACE]: ingress };

        // base runs no pods (catalog/crds.ts, PODLESS_CHARTS), so it installs the CRDs while the nodes launch.
        this.crds = release("istio-base", "base", "istio-system", { defaultRevision: "default" }, [system]);
        this.controlPlane = release(
            "istiod",
            "istiod",
            "istio-system",
            {
                // At the top level: the istiod chart reads placement and replicas there (catalog/ordering.ts,
                // CHART_VALUES_READ); under `pilot` Helm ignored them, leaving istiod on one unplaced pod.
                ...SYSTEM_PLACEMENT,
                autoscaleMin: args.controlPlaneReplicas,
                replicaCount: args.controlPlaneReplicas,
                meshConfig: {
                    accessLogFile: "/dev/stdout",
                    accessLogEncoding: "JSON",
                    // The sidecar serves the app's own metrics with Envoy's on :15020, so Prometheus scrapes
                    // through the mesh even under STRICT mTLS.
                    enablePrometheusMerge: true,
                    localityLbSetting: { enabled: true },
                    defaultConfig: { holdApplicationUntilProxyStarts: true },
                },
            },
            [this.crds, ...args.nodeGroups],
        );
        const gatewayRelease = release(
            GATEWAY_NAME,
            "gateway",
            GATEWAY_NAMESPACE,
            {
                // The NLB is Pulumi's and reaches the pods through TargetGroupBindings; the Service stays internal.
                service: { type: "ClusterIP" },
                autoscaling: { enabled: true, minReplicas: args.gateway.minReplicas, maxReplicas: args.gateway.maxReplicas, targetCPUUtilizationPercentage: 70 },
                podDisruptionBudget: { maxUnavailable: 1 },
                resources: { requests: { cpu: args.gateway.cpu, memory: args.gateway.memory } },
                topologySpreadConstraints: [
                    { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { istio: "ingressgateway" } } },
                ],
            },
            [this.controlPlane, ingress, ...args.nodeGroups],
        );

        new k8s.apiextensions.CustomResource(`${name}-mtls`, toCustomResource(peerAuthentication(args.mtlsMode)), { ...child, dependsOn: [this.crds] });

        const nlb = this.loadBalancer(name, args, gatewayRelease);
        this.loadBalancerArn = nlb.arn;
        this.loadBalancerDnsName = nlb.dnsName;
        this.loadBalancerZoneId = nlb.zoneId;
        this.registerOutputs({ loadBalancerArn: this.loadBalancerArn, loadBalancerDnsName: this.loadBalancerDnsName });
    }

    private loadBalancer(name: string, args: IstioMeshArgs, gatewayRelease: k8s.helm.v3.Release): aws.lb.LoadBalancer {
        const child = { parent: this };
        const securityGroup = new aws.ec2.SecurityGroup(
            `${name}-ingress-nlb`,
            {
                vpcId: args.vpcId,
                description: "Public HTTP(S) into the Istio ingress gateway",
                ingress: [
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "HTTPS" },
                    { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "HTTP (redirected)" },
                ],
                egress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"], description: "to the gateway pods" }],
            },
            child,
        );
        const nlb = new aws.lb.LoadBalancer(
            `${name}-ingress`,
            {
                loadBalancerType: "network",
                internal: false,
                subnets: args.publicSubnetIds,
                securityGroups: [securityGroup.id],
                enableCrossZoneLoadBalancing: true,
                tags: { Name: `${args.clusterName}-ingress` },
            },
            child,
        );
        for (const [portName, listenerPort] of [["https", 443], ["http", 80]] as const) {
            const targetGroup = new aws.lb.TargetGroup(
                `${name}-ingress-${portName}`,
                {
                    // Explicit: an autoname is the logical name plus 8 characters, and the logical name carries the
                    // region, so long region names pushed it past AWS's 32 (ap-southeast-1 reached 36).
                    name: `${args.targetGroupNamePrefix}-ingress-${listenerPort}`,
                    vpcId: args.vpcId,
                    targetType: "ip",
                    protocol: "TCP",
                    port: GATEWAY_TARGET_PORTS[portName],
                    deregistrationDelay: 30,
                    healthCheck: { protocol: "HTTP", port: "15021", path: "/healthz/ready", interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 },
                },
                child,
            );
            new aws.lb.Listener(`${name}-ingress-${portName}`, { loadBalancerArn: nlb.arn, port: listenerPort, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }] }, child);
            new k8s.apiextensions.CustomResource(
                `${name}-ingress-${portName}`,
                {
                    apiVersion: "elbv2.k8s.aws/v1beta1",
                    kind: "TargetGroupBinding",
                    metadata: { name: `${GATEWAY_NAME}-${portName}`, namespace: GATEWAY_NAMESPACE },
                    spec: {
                        serviceRef: { name: GATEWAY_NAME, port: listenerPort },
                        targetGroupARN: targetGroup.arn,
                        targetType: "ip",
                        // The controller opens the pods' port to the NLB's security group, and nothing else.
                        networking: { ingress: [{ from: [{ securityGroup: { groupID: securityGroup.id } }], ports: [{ protocol: "TCP", port: GATEWAY_TARGET_PORTS[portName] }] }] },
                    },
                },
                { ...child, dependsOn: [gatewayRelease, args.loadBalancerController] },
            );
        }
        return nlb;
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
