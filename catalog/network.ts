import { Sourced } from "./source";

/*
 * What AWS, EKS and the load balancer controller do to the network on their own: the rules they write, the groups
 * they attach, the defaults a flow crosses. The flow model (policies/rules/flows) reads these to prove each required
 * flow open on the plan, since none of it appears as a resource the stack declares.
 */

const CHECKED = "2026-12-02";

/** EKS user guide at its newest stored revision (2024-12-18). */
const EKS_GUIDE = "https://github.com/awsdocs/amazon-eks-user-guide/blob/4d52b4d05e3478582e7d10a73cbd9ba9194dd5f7/latest/ug";
/** The pinned controller: aws-load-balancer-controller chart 1.14.1 ships appVersion v2.14.1. */
const LBC = "https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v2.14.1";
const EKS_CHARTS = "https://github.com/aws/eks-charts/blob/7b027f2e6b4961a40c8db013ee86a32b8d7eddda/stable/aws-load-balancer-controller";

/** A rule AWS writes on a group itself. Protocol "-1" is every protocol and port (written 0–65535 here). */
export interface FactRule {
    readonly protocol: "-1" | "tcp" | "udp";
    readonly fromPort: number;
    readonly toPort: number;
    /** The peer: the group itself, or a CIDR (the destination, on an egress rule). */
    readonly from: "self" | { readonly cidr: string };
}

export interface Tag {
    readonly key: string;
    readonly value: string;
}

const allTo = (cidr: string): FactRule => ({ protocol: "-1", fromPort: 0, toPort: 65535, from: { cidr } });

/**
 * The cluster security group EKS creates with every cluster (`eks-cluster-sg-<name>-<id>`), for the flow model's
 * rules on it and on the ENIs that carry it. `egress` is an IPv4 cluster's (the platform's clusters set no
 * `ipFamily`, and `ipv4` is the default); an IPv6 cluster gets `ipv6ClusterEgress` instead. A removed ingress rule is
 * re-created on the next cluster update. The 2–4 control-plane ENIs carry this group plus every group in
 * `vpcConfig.securityGroupIds`; a managed node group's nodes carry this group only when their launch template names
 * no groups, and exactly the template's groups when it does.
 */
export const EKS_CLUSTER_SECURITY_GROUP: Sourced<{
    readonly ingress: readonly FactRule[];
    readonly egress: readonly FactRule[];
    readonly ipv6ClusterEgress: readonly FactRule[];
    readonly clusterTag: (clusterName: string) => Tag;
    readonly recreatesIngressOnUpdate: boolean;
    readonly controlPlaneEniGroups: readonly ("cluster-group" | "vpc-config-groups")[];
    readonly nodeGroupGroups: { readonly templateNamesNone: "cluster-group"; readonly templateNamesSome: "template-groups-only" };
}> = {
    sources: [
        { url: `${EKS_GUIDE}/networking/sec-group-reqs.adoc`, version: "EKS user guide", checked: CHECKED },
        { url: `${EKS_GUIDE}/nodes/launch-templates.adoc`, version: "EKS user guide", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi-aws/blob/v7.48.0/sdk/nodejs/types/input.ts", version: "@pulumi/aws 7.48.0 (eks.ClusterKubernetesNetworkConfig.ipFamily)", checked: CHECKED },
    ],
    rows: {
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 65535, from: "self" }],
        egress: [allTo("0.0.0.0/0")],
        ipv6ClusterEgress: [allTo("::/0")],
        clusterTag: (clusterName) => ({ key: `kubernetes.io/cluster/${clusterName}`, value: "owned" }),
        recreatesIngressOnUpdate: true,
        controlPlaneEniGroups: ["cluster-group", "vpc-config-groups"],
        nodeGroupGroups: { templateNamesNone: "cluster-group", templateNamesSome: "template-groups-only" },
    },
};

/**
 * A new `aws.ec2.SecurityGroup` in a VPC has no egress unless the stack declares some: the provider revokes the
 * allow-all IPv4 egress AWS adds on create (and the IPv6 one, where the VPC has IPv6) before it writes the declared
 * rules, so a group without `egress` sends nothing.
 */
export const NEW_GROUP_DEFAULT_EGRESS: Sourced<{ readonly revokesDefaultEgress: boolean }> = {
    sources: [
        { url: "https://github.com/pulumi/pulumi-aws/blob/v7.48.0/sdk/nodejs/ec2/securityGroup.ts", version: "@pulumi/aws 7.48.0 (NOTE on Egress rules)", checked: CHECKED },
        {
            url: "https://github.com/hashicorp/terraform-provider-aws/blob/01606926a0c0ab9174aec440f976a48b0baee722/internal/service/ec2/vpc_security_group.go",
            version: "terraform-provider-aws v6 (stored revision after v6.7.0; resourceSecurityGroupCreate)",
            checked: CHECKED,
        },
        // The v7 line of @pulumi/aws is built on terraform-provider-aws v6 (v7.43.0 upgraded it to v6.61.0).
        { url: "https://github.com/pulumi/pulumi-aws/releases/tag/v7.43.0", version: "@pulumi/aws 7.x", checked: CHECKED },
    ],
    rows: { revokesDefaultEgress: true },
};

/**
 * What RDS Proxy needs of its security groups (`vpcSecurityGroupIds`): the same groups admit the clients and carry
 * the proxy's connections to the database, so they need egress to the database's port, and the database's groups
 * must admit them. The proxy lives in the database's VPC, in at least two subnets of different zones.
 */
export const RDS_PROXY_NETWORK: Sourced<{
    readonly proxyNeedsEgressToDatabase: boolean;
    readonly databaseMustAdmitProxy: boolean;
    readonly proxyMustAdmitClients: boolean;
    readonly sameGroupsForClientsAndDatabase: boolean;
    readonly sameVpcAsDatabase: boolean;
    readonly minimumSubnetsInDistinctZones: number;
}> = {
    sources: [
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-setup.html", version: "Aurora user guide", checked: CHECKED },
        { url: "https://github.com/awsdocs/amazon-aurora-user-guide/blob/7a931b460fab44aa012879002cf8c0e1a2a1d70e/doc_source/rds-proxy-setup.md", version: "Aurora user guide (last revision before the repository was archived)", checked: CHECKED },
    ],
    rows: { proxyNeedsEgressToDatabase: true, databaseMustAdmitProxy: true, proxyMustAdmitClients: true, sameGroupsForClientsAndDatabase: true, sameVpcAsDatabase: true, minimumSubnetsInDistinctZones: 2 },
};

/**
 * The pinned AWS Load Balancer Controller (v2.14.1) and TargetGroupBindings.
 * - Which group it writes `networking` rules to: per target ENI, the ENI's only group when it has one; otherwise
 *   the one group carrying the tag key `kubernetes.io/cluster/<cluster>` (any value), and with none or several
 *   tagged it fails the binding's reconcile ("expected exactly one securityGroup tagged with ...") and writes
 *   nothing. An `ip` target's ENI is a node ENI, and the VPC CNI gives secondary ENIs the primary ENI's groups.
 * - Ports of a `networking` ingress rule: `ports` is required by the CRD; an empty list is documented as "all ports
 *   with TCP" but v2.14.1 discards the rule it computes for it (a shadowed variable, issue #4907), so it opens
 *   nothing; an entry without `port` opens 0–65535 of its protocol; protocol defaults to TCP; a named port resolves
 *   against the pods' declared containerPorts.
 * - Readiness gates: the chart's pod mutating webhook injects them at pod creation in namespaces labelled
 *   `elbv2.k8s.aws/pod-readiness-gate-inject: enabled`, for pods behind a Service a TargetGroupBinding of target
 *   type `ip` refers to. Pods created before the controller serves the webhook (or while it is down: the chart's
 *   failurePolicy is Ignore) get no gate.
 */
export const LOAD_BALANCER_CONTROLLER: Sourced<{
    readonly version: string;
    readonly networkingGroupTag: (clusterName: string) => string;
    readonly groupChoice: { readonly oneGroupOnEni: "that-group"; readonly severalGroups: "exactly-one-tagged"; readonly noneOrSeveralTagged: "reconcile-fails" };
    readonly podEniGroups: "node-primary-eni-groups";
    /** Whether a networking rule with no ports (`ports: []`; an absent `ports` is refused) opens every port: not at v2.14.1. */
    readonly omittedPortsMeanAll: boolean;
    readonly networkingPorts: {
        readonly portsRequired: boolean;
        readonly emptyPortsOpen: "nothing";
        readonly omittedPortOpens: { readonly fromPort: number; readonly toPort: number };
        readonly defaultProtocol: "tcp";
        readonly namedPortsFrom: "pod-container-ports";
    };
    readonly readinessGate: {
        readonly namespaceLabel: Tag;
        readonly targetTypes: readonly "ip"[];
        readonly injectedAt: "pod-create";
        readonly needsBindingBeforePod: boolean;
        readonly webhookFailurePolicy: "Ignore" | "Fail";
        readonly conditionPrefix: string;
    };
}> = {
    sources: [
        { url: `${EKS_CHARTS}/Chart.yaml`, version: "aws-load-balancer-controller chart 1.14.1", checked: CHECKED },
        { url: `${EKS_CHARTS}/templates/webhook.yaml`, version: "aws-load-balancer-controller chart 1.14.1", checked: CHECKED },
        { url: `${EKS_CHARTS}/values.yaml`, version: "aws-load-balancer-controller chart 1.14.1", checked: CHECKED },
        { url: `${EKS_CHARTS}/crds/crds.yaml`, version: "aws-load-balancer-controller chart 1.14.1", checked: CHECKED },
        { url: `${LBC}/pkg/networking/networking_manager.go`, version: "aws-load-balancer-controller v2.14.1", checked: CHECKED },
        { url: `${LBC}/apis/elbv2/v1beta1/targetgroupbinding_types.go`, version: "aws-load-balancer-controller v2.14.1", checked: CHECKED },
        { url: `${LBC}/docs/guide/service/nlb.md`, version: "aws-load-balancer-controller v2.14.1", checked: CHECKED },
        { url: `${LBC}/docs/deploy/pod_readiness_gate.md`, version: "aws-load-balancer-controller v2.14.1", checked: CHECKED },
        { url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/4907", version: "open; the code is the same from v2.14.1 to v3.5.0", checked: CHECKED },
        { url: `${EKS_GUIDE}/networking/eks-networking-add-ons.adoc`, version: "EKS user guide (VPC CNI custom networking)", checked: CHECKED },
    ],
    rows: {
        version: "v2.14.1",
        networkingGroupTag: (clusterName) => `kubernetes.io/cluster/${clusterName}`,
        groupChoice: { oneGroupOnEni: "that-group", severalGroups: "exactly-one-tagged", noneOrSeveralTagged: "reconcile-fails" },
        podEniGroups: "node-primary-eni-groups",
        omittedPortsMeanAll: false,
        networkingPorts: { portsRequired: true, emptyPortsOpen: "nothing", omittedPortOpens: { fromPort: 0, toPort: 65535 }, defaultProtocol: "tcp", namedPortsFrom: "pod-container-ports" },
        readinessGate: {
            namespaceLabel: { key: "elbv2.k8s.aws/pod-readiness-gate-inject", value: "enabled" },
            targetTypes: ["ip"],
            injectedAt: "pod-create",
            needsBindingBeforePod: true,
            webhookFailurePolicy: "Ignore",
            conditionPrefix: "target-health.elbv2.k8s.aws",
        },
    },
};

/**
 * A Network Load Balancer with security groups, for the flows into and out of it.
 * - Health checks leave from the NLB: its group's egress must allow them (inbound rules do not apply to them), and
 *   the targets must admit the NLB's group on the target port and on the health-check port.
 * - Client IP preservation defaults (`preserveClientIp` unset): on for instance targets, off for `ip` targets with
 *   TCP or TLS, always on for `ip` targets with UDP or TCP_UDP.
 * - Global Accelerator preserves the client address for NLB endpoints only when the NLB has security groups and the
 *   endpoint sets `clientIpPreservationEnabled` (the API default for NLB endpoints is off); not with TLS listeners,
 *   and only for targets in the NLB's VPC. Then the NLB's group sees the clients, so it must admit the internet on
 *   the listener ports.
 * - Groups can only be given at creation: an NLB created without any can never get one.
 */
export const NLB_FACTS: Sourced<{
    readonly healthChecksLeaveFrom: "load-balancer-group";
    readonly healthChecksSubjectTo: readonly "load-balancer-egress"[];
    readonly targetsMustAdmitLoadBalancerGroupOn: readonly ("target-port" | "health-check-port")[];
    readonly preserveClientIpDefault: { readonly instance: boolean; readonly ipTcp: boolean; readonly ipTls: boolean; readonly ipUdp: boolean; readonly ipTcpUdp: boolean };
    readonly globalAccelerator: {
        readonly preservesClientIpForNlbEndpoints: "when-enabled-and-nlb-has-groups";
        readonly clientIpPreservationDefaultForNlb: boolean;
        readonly unsupportedWithTlsListeners: boolean;
        readonly nlbGroupMustAdmitClientsOnListenerPorts: boolean;
    };
    readonly groupsOnlyAtCreate: boolean;
    /** A target rule referencing the NLB's group admits its traffic even with client IP preservation on (the source is then the client). */
    readonly groupReferenceAdmitsPreservedClients: boolean;
    /** With preservation, traffic must flow straight from the NLB to a target in its VPC (or a peered one in its region). */
    readonly preservationNeedsDirectPath: boolean;
}> = {
    sources: [
        { url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html", version: "ELB user guide", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation", version: "ELB user guide", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html", version: "ELB user guide", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/global-accelerator/latest/dg/preserve-client-ip-address.how-to-enable-preservation.html", version: "Global Accelerator guide", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoints.sipp-caveats.html", version: "Global Accelerator guide", checked: CHECKED },
    ],
    rows: {
        healthChecksLeaveFrom: "load-balancer-group",
        healthChecksSubjectTo: ["load-balancer-egress"],
        targetsMustAdmitLoadBalancerGroupOn: ["target-port", "health-check-port"],
        preserveClientIpDefault: { instance: true, ipTcp: false, ipTls: false, ipUdp: true, ipTcpUdp: true },
        globalAccelerator: {
            preservesClientIpForNlbEndpoints: "when-enabled-and-nlb-has-groups",
            clientIpPreservationDefaultForNlb: false,
            unsupportedWithTlsListeners: true,
            nlbGroupMustAdmitClientsOnListenerPorts: true,
        },
        groupsOnlyAtCreate: true,
        groupReferenceAdmitsPreservedClients: true,
        preservationNeedsDirectPath: true,
    },
};

/**
 * The EKS API endpoint with public access off, for the deployer's flow: reachable only from the cluster's VPC or a
 * connected network (a transit gateway, or another VPC connectivity option such as peering or a VPN), and only where the control plane's groups (the
 * cluster group or a `vpcConfig` group) admit 443 from it. Its name resolves in public DNS to the private
 * addresses in the VPC, so a runner in a connected network needs no Route 53 resolver rule; inside the VPC the
 * EKS-managed private hosted zone needs `enableDnsSupport` and `enableDnsHostnames`.
 */
export const EKS_PRIVATE_ENDPOINT: Sourced<{
    readonly reachableFrom: readonly ("cluster-vpc" | "connected-network")[];
    readonly controlPlaneMustAdmitPort: number;
    readonly publicDnsResolvesToPrivateAddresses: boolean;
    readonly connectedNetworkNeedsResolverRule: boolean;
    readonly vpcNeeds: { readonly enableDnsSupport: boolean; readonly enableDnsHostnames: boolean };
}> = {
    sources: [{ url: `${EKS_GUIDE}/clusters/cluster-endpoint.adoc`, version: "EKS user guide", checked: CHECKED }],
    rows: {
        reachableFrom: ["cluster-vpc", "connected-network"],
        controlPlaneMustAdmitPort: 443,
        publicDnsResolvesToPrivateAddresses: true,
        connectedNetworkNeedsResolverRule: false,
        vpcNeeds: { enableDnsSupport: true, enableDnsHostnames: true },
    },
};

/**
 * A transit gateway VPC attachment, for the deployer's return path: one subnet per zone, and a zone's traffic
 * reaches the gateway only where the attachment has a subnet in that zone; the VPC's route tables need a route to
 * the gateway (the attachment adds none); the gateway's own association and propagation cannot be set from an
 * account the gateway is shared with (RAM), so they stay the hub's.
 */
export const TRANSIT_GATEWAY_ATTACHMENT: Sourced<{
    readonly maxSubnetsPerZone: number;
    readonly zoneNeedsSubnetInAttachment: boolean;
    readonly vpcRoutesAddedByAttachment: boolean;
    readonly gatewayRouteTablesSettableWhenShared: boolean;
}> = {
    sources: [
        { url: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html", version: "Transit Gateway guide", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachment.html", version: "EC2 API reference", checked: CHECKED },
        { url: "https://www.npmjs.com/package/@pulumi/aws/v/7.48.0", version: "@pulumi/aws 7.48.0 ec2transitgateway.VpcAttachment (transitGatewayDefaultRouteTableAssociation/Propagation)", checked: CHECKED },
    ],
    rows: { maxSubnetsPerZone: 1, zoneNeedsSubnetInAttachment: true, vpcRoutesAddedByAttachment: false, gatewayRouteTablesSettableWhenShared: false },
};

/**
 * An NLB TLS listener: it ends TLS with an ACM certificate of its own region and forwards the decrypted stream to a
 * TCP target group. `ELBSecurityPolicy-TLS13-1-2-2021-06` (TLS 1.3 and 1.2 only) is the policy AWS recommends and
 * the console's default; the older defaults still accept TLS 1.0.
 */
export const NLB_TLS_LISTENER: Sourced<{ readonly sslPolicy: string; readonly tlsTwelveOrLaterPolicies: readonly string[]; readonly targetProtocol: "TCP" }> = {
    sources: [
        { url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html", version: "ELB user guide, security policies for Network Load Balancers", checked: "2026-12-06" },
        { url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/create-tls-listener.html", version: "ELB user guide, TLS listeners", checked: "2026-12-06" },
    ],
    rows: {
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        tlsTwelveOrLaterPolicies: ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10"],
        targetProtocol: "TCP",
    },
};
