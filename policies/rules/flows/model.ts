import { FactRule } from "../../../catalog/network";
import { list, record } from "../util";
import { cidrContains } from "./cidr";

/*
 * The security-group view of a plan: which groups each network endpoint carries, every rule of every group
 * (inline, standalone, the EKS-created cluster group's own, and the ones the load balancer controller writes for
 * TargetGroupBindings), and whether traffic from one endpoint reaches another on a port. Pure: it reads planned
 * resources as CrossGuard hands them over and knows nothing of Pulumi.
 *
 * References between resources are resolved through `propertyDependencies` (which input a dependency feeds), never
 * through ids: ids of resources the same deployment creates are unknown in a preview.
 */

/** A planned resource as the model reads it (a CrossGuard `PolicyResource` is one). */
export interface FlowResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
    readonly parent?: FlowResource;
    readonly dependencies: readonly FlowResource[];
    readonly propertyDependencies: Readonly<Record<string, readonly FlowResource[]>>;
    readonly provider?: { readonly urn: string; readonly props: Record<string, unknown> };
}

export const TYPES = {
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    eksCluster: "aws:eks/cluster:Cluster",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    subnet: "aws:ec2/subnet:Subnet",
    auroraCluster: "aws:rds/cluster:Cluster",
    rdsSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
    rdsProxy: "aws:rds/proxy:Proxy",
    replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheSubnetGroup: "aws:elasticache/subnetGroup:SubnetGroup",
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    targetGroupBinding: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
    kubernetesProvider: "pulumi:providers:kubernetes",
} as const;

export type Protocol = "all" | "tcp" | "udp" | "other";

/** A security group: one the plan creates (its URN), or the one EKS creates for a cluster. */
export type GroupRef = string;

export type Peer =
    | { readonly kind: "group"; readonly group: GroupRef }
    | { readonly kind: "cidr"; readonly cidr: string }
    /** A group the stack does not create, named by its id in the config. */
    | { readonly kind: "external-group"; readonly id: string }
    | { readonly kind: "prefix-list"; readonly id: string };

export interface Rule {
    /** The group the rule belongs to. */
    readonly group: GroupRef;
    readonly direction: "ingress" | "egress";
    readonly protocol: Protocol;
    readonly fromPort: number;
    readonly toPort: number;
    readonly peer: Peer;
    /** Where the rule is declared, for messages: a resource URN, or the fact it comes from. */
    readonly origin: string;
    readonly originLabel: string;
}

/** Something traffic starts from or arrives at. */
export interface Endpoint {
    readonly label: string;
    /** The planned resource it stands for, if any: violations are reported on it. */
    readonly urn?: string;
    /** Groups its network interfaces carry. */
    readonly groups: readonly GroupRef[];
    /** Outside the plan (a runner network, the internet): its own groups, if any, are not the plan's to check. */
    readonly outside?: boolean;
    /** External group ids it carries (a deployer's runner group named in the config). */
    readonly externalGroups: readonly string[];
    /** CIDRs its addresses lie in: its subnets, or the configured network. Empty when unknown. */
    readonly addresses: readonly string[];
}

export interface ModelFacts {
    /** The rules of the cluster security group EKS creates for every cluster. */
    readonly clusterGroup: { readonly ingress: readonly FactRule[]; readonly egress: readonly FactRule[]; readonly source: string };
    /** The tag key the load balancer controller looks for on a pod ENI's groups, for a cluster name. */
    readonly controllerGroupTagKey: (clusterName: string) => string;
    /** Whether a TargetGroupBinding networking rule without `ports` opens every port (else: none). */
    readonly omittedPortsMeanAll: boolean;
}

/** A modelling problem: something in the plan the model cannot read unambiguously, which a review must fix. */
export interface ModelProblem {
    readonly urn: string;
    readonly message: string;
}

export interface Model {
    readonly rules: readonly Rule[];
    readonly problems: readonly ModelProblem[];
    labelOf(group: GroupRef): string;
}

/** A non-empty string, else undefined: an empty id or CIDR names nothing. */
export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
/** A port: a number, or a string of digits as providers pass some. */
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : undefined);
/** The non-empty strings of a list. */
export const strings = (v: unknown): string[] => list(v).flatMap((x) => str(x) ?? []);

export const clusterGroupOf = (cluster: FlowResource): GroupRef => `${cluster.urn}#cluster-security-group`;

export function protocolOf(value: unknown): Protocol {
    const p = String(value ?? "").toLowerCase();
    if (p === "-1" || p === "all") return "all";
    if (p === "tcp" || p === "6") return "tcp";
    if (p === "udp" || p === "17") return "udp";
    return "other";
}

/** The groups an input property of a resource refers to: planned groups, and clusters' EKS-created groups. */
export function groupsIn(resource: FlowResource, property: string): GroupRef[] {
    return (resource.propertyDependencies[property] ?? []).flatMap((d) =>
        d.type === TYPES.securityGroup ? [d.urn] : d.type === TYPES.eksCluster ? [clusterGroupOf(d)] : [],
    );
}

/** Ports of a rule: protocol -1 carries every port whatever the numbers say. */
function portRange(protocol: Protocol, from: unknown, to: unknown): { fromPort: number; toPort: number } {
    if (protocol === "all") return { fromPort: 0, toPort: 65535 };
    const fromPort = num(from) ?? 0;
    const toPort = num(to) ?? fromPort;
    return fromPort < 0 ? { fromPort: 0, toPort: 65535 } : { fromPort, toPort };
}

function cidrPeers(props: Record<string, unknown>): Peer[] {
    return [...strings(props.cidrBlocks), ...strings(props.ipv6CidrBlocks)].map((cidr) => ({ kind: "cidr" as const, cidr }));
}

/** Rules written inline on an `aws.ec2.SecurityGroup`. */
function inlineRules(group: FlowResource, problems: ModelProblem[]): Rule[] {
    return (["ingress", "egress"] as const).flatMap((direction) => {
        const entries = list(group.props[direction]).map(record);
        const referenced = [...new Set(groupsIn(group, direction))];
        return entries.flatMap((entry, index): Rule[] => {
            const protocol = protocolOf(entry.protocol);
            const ports = portRange(protocol, entry.fromPort, entry.toPort);
            // Counted, not read: in a preview the ids of groups this deployment creates are unknown, and reading one
            // aborts the policy. The property dependency says which group they are; literal ids come from the config.
            const idCount = list(entry.securityGroups).length;
            const peers: Peer[] = [...cidrPeers(entry), ...strings(entry.prefixListIds).map((id) => ({ kind: "prefix-list" as const, id }))];
            if (entry.self === true) peers.push({ kind: "group", group: group.urn });
            if (idCount > 0) {
                if (referenced.length === 0) peers.push(...strings(entry.securityGroups).map((id) => ({ kind: "external-group" as const, id })));
                else if (referenced.length === 1 && idCount === 1) peers.push({ kind: "group", group: referenced[0] as GroupRef });
                else
                    problems.push({
                        urn: group.urn,
                        message: `${direction} rule ${index + 1} of security group ${group.name} references groups of this stack inline, so which rule admits which group cannot be known before deploy: declare it as an aws.vpc.SecurityGroup${direction === "ingress" ? "Ingress" : "Egress"}Rule`,
                    });
            }
            return peers.map((peer) => ({ group: group.urn, direction, protocol, ...ports, peer, origin: group.urn, originLabel: `inline ${direction} of ${group.name}` }));
        });
    });
}

/** The group a standalone rule belongs to or refers to, or an external id given as a literal. */
function refOf(rule: FlowResource, property: string): { group?: GroupRef; external?: string } {
    const [group] = groupsIn(rule, property);
    if (group) return { group };
    const literal = str(rule.props[property]);
    return literal ? { external: literal } : {};
}

/** The peer a standalone rule names by a group reference: a group of the stack, or an id from the config. */
const referencePeers = (rule: FlowResource, property: string): Peer[] => {
    const referenced = refOf(rule, property);
    return referenced.group ? [{ kind: "group", group: referenced.group }] : referenced.external ? [{ kind: "external-group", id: referenced.external }] : [];
};

/** A rule resource of its own: the group it belongs to, its protocol and ports, and the peers `peersOf` reads. */
function standaloneRule(rule: FlowResource, problems: ModelProblem[], direction: Rule["direction"], protocolValue: unknown, peersOf: (owner: GroupRef) => Peer[]): Rule[] {
    const owner = refOf(rule, "securityGroupId").group;
    if (!owner) {
        problems.push({ urn: rule.urn, message: `security group rule ${rule.name} belongs to no security group the model can see` });
        return [];
    }
    const protocol = protocolOf(protocolValue);
    const ports = portRange(protocol, rule.props.fromPort, rule.props.toPort);
    return peersOf(owner).map((peer) => ({ group: owner, direction, protocol, ...ports, peer, origin: rule.urn, originLabel: `rule ${rule.name}` }));
}

/** `aws.vpc.SecurityGroupIngressRule` / `EgressRule`: one source or destination each. */
const vpcRule = (rule: FlowResource, problems: ModelProblem[]): Rule[] =>
    standaloneRule(rule, problems, rule.type === TYPES.ingressRule ? "ingress" : "egress", rule.props.ipProtocol, () => [
        ...referencePeers(rule, "referencedSecurityGroupId"),
        ...[str(rule.props.cidrIpv4), str(rule.props.cidrIpv6)].flatMap((cidr): Peer[] => (cidr ? [{ kind: "cidr", cidr }] : [])),
        ...(str(rule.props.prefixListId) ? [{ kind: "prefix-list" as const, id: str(rule.props.prefixListId) as string }] : []),
    ]);

/** The older `aws.ec2.SecurityGroupRule`. */
const legacyRule = (rule: FlowResource, problems: ModelProblem[]): Rule[] =>
    standaloneRule(rule, problems, rule.props.type === "egress" ? "egress" : "ingress", rule.props.protocol, (owner) => [
        ...cidrPeers(rule.props),
        ...(rule.props.self === true ? [{ kind: "group" as const, group: owner }] : []),
        ...referencePeers(rule, "sourceSecurityGroupId"),
    ]);

function factRules(cluster: FlowResource, facts: ModelFacts): Rule[] {
    const group = clusterGroupOf(cluster);
    return (["ingress", "egress"] as const).flatMap((direction) =>
        facts.clusterGroup[direction].map((fact) => {
            const protocol = protocolOf(fact.protocol);
            return {
                group,
                direction,
                protocol,
                ...portRange(protocol, fact.fromPort, fact.toPort),
                peer: fact.from === "self" ? { kind: "group" as const, group } : { kind: "cidr" as const, cidr: fact.from.cidr },
                origin: facts.clusterGroup.source,
                originLabel: `EKS's own ${direction} rule of the cluster security group`,
            };
        }),
    );
}

/** The EKS cluster a Kubernetes object lives in: the one its provider was built from. */
export function clusterOfKubernetesObject(object: FlowResource, resources: readonly FlowResource[]): FlowResource | undefined {
    const provider = resources.find((r) => r.urn === object.provider?.urn);
    return provider?.dependencies.find((d) => d.type === TYPES.eksCluster);
}

/**
 * Rules the load balancer controller writes for a TargetGroupBinding's `networking`: on the one group of the target
 * pods' ENIs that carries the cluster tag. EKS tags its cluster group so; a second tagged group makes the controller
 * refuse, so the model names it.
 */
function bindingRules(binding: FlowResource, resources: readonly FlowResource[], nodeGroups: (cluster: FlowResource) => GroupRef[], facts: ModelFacts, problems: ModelProblem[]): Rule[] {
    const networking = record(record(binding.props.spec).networking);
    const ingress = list(networking.ingress).map(record);
    if (ingress.length === 0) return [];
    const cluster = clusterOfKubernetesObject(binding, resources);
    if (!cluster) {
        problems.push({ urn: binding.urn, message: `TargetGroupBinding ${binding.name}: no EKS cluster behind its provider, so the group its rules land on is unknown` });
        return [];
    }
    const tagKey = facts.controllerGroupTagKey(str(cluster.props.name) ?? cluster.name);
    const tagged = nodeGroups(cluster).filter((g) => g !== clusterGroupOf(cluster) && Object.keys(record(resources.find((r) => r.urn === g)?.props.tags)).includes(tagKey));
    if (tagged.length > 0) {
        problems.push({ urn: binding.urn, message: `TargetGroupBinding ${binding.name}: the nodes carry more than one group tagged ${tagKey} (the cluster group and ${tagged.join(", ")}), and the load balancer controller refuses to choose` });
        return [];
    }
    const owner = clusterGroupOf(cluster);
    const referenced = [...new Set(groupsIn(binding, "spec"))];
    return ingress.flatMap((entry, index) => {
        const peers: Peer[] = list(entry.from)
            .map(record)
            .flatMap((from): Peer[] => {
                const cidr = str(record(from.ipBlock).cidr);
                if (cidr) return [{ kind: "cidr", cidr }];
                const securityGroup = record(from.securityGroup);
                if (!("groupID" in securityGroup)) return [];
                if (referenced.length === 0) return str(securityGroup.groupID) ? [{ kind: "external-group", id: securityGroup.groupID as string }] : [];
                if (referenced.length === 1) return [{ kind: "group", group: referenced[0] as GroupRef }];
                problems.push({ urn: binding.urn, message: `TargetGroupBinding ${binding.name}: networking rule ${index + 1} refers to more than one group of this stack; the source of each rule cannot be told apart` });
                return [];
            });
        const ports = list(entry.ports).map(record);
        const ranges =
            ports.length === 0
                ? facts.omittedPortsMeanAll
                    ? [{ protocol: "all" as Protocol, fromPort: 0, toPort: 65535 }]
                    : []
                : ports.flatMap((p) => {
                      const port = p.port === undefined ? undefined : num(p.port);
                      const protocol = protocolOf(p.protocol ?? "TCP");
                      if (p.port !== undefined && port === undefined) {
                          problems.push({ urn: binding.urn, message: `TargetGroupBinding ${binding.name}: named port ${String(p.port)} cannot be checked before deploy; use the number` });
                          return [];
                      }
                      return [port === undefined ? { protocol, fromPort: 0, toPort: 65535 } : { protocol, fromPort: port, toPort: port }];
                  });
        return peers.flatMap((peer) => ranges.map((range) => ({ group: owner, direction: "ingress" as const, ...range, peer, origin: binding.urn, originLabel: `TargetGroupBinding ${binding.name} (written by the load balancer controller)` })));
    });
}

/** The groups a managed node group's instances (and so their pods) carry. */
export function nodeGroupGroups(nodeGroup: FlowResource): GroupRef[] {
    const template = (nodeGroup.propertyDependencies.launchTemplate ?? []).find((d) => d.type === TYPES.launchTemplate);
    const cluster = (nodeGroup.propertyDependencies.clusterName ?? nodeGroup.dependencies).find((d) => d.type === TYPES.eksCluster);
    // Without a template (or one naming no groups) EKS gives the nodes the cluster group.
    const fromTemplate = template ? [...new Set(groupsIn(template, "vpcSecurityGroupIds"))] : [];
    return fromTemplate.length > 0 ? fromTemplate : cluster ? [clusterGroupOf(cluster)] : [];
}

/** Every rule of every group in the plan, and what the model could not read. */
export function buildModel(resources: readonly FlowResource[], facts: ModelFacts): Model {
    const problems: ModelProblem[] = [];
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const nodeGroupsOf = (cluster: FlowResource) =>
        resources.filter((r) => r.type === TYPES.nodeGroup && (r.propertyDependencies.clusterName ?? r.dependencies).some((d) => d.urn === cluster.urn)).flatMap(nodeGroupGroups);
    const rules: Rule[] = resources.flatMap((r) => {
        switch (r.type) {
            case TYPES.securityGroup:
                return inlineRules(r, problems);
            case TYPES.ingressRule:
            case TYPES.egressRule:
                return vpcRule(r, problems);
            case TYPES.securityGroupRule:
                return legacyRule(r, problems);
            case TYPES.eksCluster:
                return factRules(r, facts);
            case TYPES.targetGroupBinding:
                return bindingRules(r, resources, nodeGroupsOf, facts, problems);
            default:
                return [];
        }
    });
    // A group with inline rules and standalone ones: the provider rewrites the inline set on every update, deleting
    // the standalone rules, and the next update adds them back.
    for (const group of resources.filter((r) => r.type === TYPES.securityGroup)) {
        const inline = list(group.props.ingress).length + list(group.props.egress).length > 0;
        const standalone = rules.some((rule) => rule.group === group.urn && rule.origin !== group.urn);
        if (inline && standalone) problems.push({ urn: group.urn, message: `security group ${group.name} has inline rules and standalone rule resources: the provider removes one set on every update; keep one form` });
    }
    const labelOf = (group: GroupRef) => {
        if (group.endsWith("#cluster-security-group")) {
            const cluster = byUrn.get(group.slice(0, -"#cluster-security-group".length));
            return `the EKS cluster security group of ${str(cluster?.props.name) ?? cluster?.name ?? "a cluster"}`;
        }
        return `security group ${byUrn.get(group)?.name ?? group}`;
    };
    return { rules, problems, labelOf };
}

export interface PortSpec {
    readonly protocol: "tcp" | "udp";
    readonly port: number;
}

const carries = (rule: Rule, port: PortSpec) => (rule.protocol === "all" || rule.protocol === port.protocol) && rule.fromPort <= port.port && port.port <= rule.toPort;

/** Whether a rule's peer is `endpoint`: one of its groups, or a CIDR holding all of its addresses. */
function peerIs(peer: Peer, endpoint: Endpoint): boolean {
    switch (peer.kind) {
        case "group":
            return endpoint.groups.includes(peer.group);
        case "external-group":
            return endpoint.externalGroups.includes(peer.id);
        case "cidr":
            return endpoint.addresses.length > 0 && endpoint.addresses.every((address) => cidrContains(peer.cidr, address));
        case "prefix-list":
            return false;
    }
}

export interface Verdict {
    readonly open: boolean;
    /** The side that blocks: the source's egress, the destination's ingress. */
    readonly blockedEgress: boolean;
    readonly blockedIngress: boolean;
    /** The rules that carry the flow (for the over-open check: a rule no required flow uses). */
    readonly usedRules: readonly Rule[];
}

/**
 * Whether traffic from `from` reaches `to` on `port`. Security groups are stateful, so only the initiator's egress
 * and the receiver's ingress matter; an endpoint outside the plan has neither side checked.
 */
export function reach(model: Model, from: Endpoint, to: Endpoint, port: PortSpec): Verdict {
    const egress = from.outside ? [] : model.rules.filter((r) => r.direction === "egress" && from.groups.includes(r.group) && carries(r, port) && peerIs(r.peer, to));
    const ingress = model.rules.filter((r) => r.direction === "ingress" && to.groups.includes(r.group) && carries(r, port) && peerIs(r.peer, from));
    const blockedEgress = !from.outside && egress.length === 0;
    const blockedIngress = !to.outside && ingress.length === 0;
    return { open: !blockedEgress && !blockedIngress, blockedEgress, blockedIngress, usedRules: [...egress, ...ingress] };
}

/** Subnet CIDRs behind an input that lists subnets (directly, or through a subnet group). */
export function subnetCidrs(resource: FlowResource, property: string): string[] {
    return (resource.propertyDependencies[property] ?? []).flatMap((d) => {
        if (d.type === TYPES.subnet) return str(d.props.cidrBlock) ?? [];
        if (d.type === TYPES.rdsSubnetGroup || d.type === TYPES.cacheSubnetGroup) return subnetCidrs(d, "subnetIds");
        return [];
    });
}
