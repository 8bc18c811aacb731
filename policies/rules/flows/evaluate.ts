import { isAnywhere } from "./cidr";
import { DATA_STORE_GROUP_INPUTS, INTERNET, deployerEndpoints, regionEndpoints } from "./endpoints";
import { Endpoint, FlowResource, GroupRef, Model, ModelFacts, PortSpec, Rule, TYPES, buildModel, reach } from "./model";
import { ADMIN_PORTS, REQUIRED_FLOWS, RequiredFlow } from "./required";
import { controlPlaneSubnets, returnPathProblems } from "./routes";

const DEPLOYER_FLOW_WHY = REQUIRED_FLOWS.find((f) => f.id === "deployer-to-api")?.why ?? "";

/*
 * The flow check over a whole plan: every required flow open in every region, nothing open to the internet on a
 * data or admin port, and no rule on a data store's group that no required flow needs.
 */

export interface Finding {
    readonly urn?: string;
    readonly message: string;
}

const CLUSTER_GROUP_SUFFIX = "#cluster-security-group";
const urnOfGroup = (group: GroupRef) => (group.endsWith(CLUSTER_GROUP_SUFFIX) ? group.slice(0, -CLUSTER_GROUP_SUFFIX.length) : group);

const portText = (ports: readonly PortSpec[]) => ports.map((p) => `${p.protocol}/${p.port}`).join(", ");

const LISTENER = "aws:lb/listener:Listener";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";

const listenersOf = (resources: readonly FlowResource[], loadBalancer: Endpoint) =>
    resources.filter((r) => r.type === LISTENER && (r.propertyDependencies.loadBalancerArn ?? []).some((d) => d.urn === loadBalancer.urn));

function listenerPorts(resources: readonly FlowResource[], loadBalancer: Endpoint): PortSpec[] {
    return listenersOf(resources, loadBalancer).flatMap((r) => (typeof r.props.port === "number" ? [{ protocol: "tcp" as const, port: r.props.port }] : []));
}

/** What the load balancer's target groups send to their targets: the traffic port and the health-check port. */
function targetGroupPorts(target: FlowResource): number[] {
    const traffic = typeof target.props.port === "number" ? target.props.port : undefined;
    const health = (target.props.healthCheck as Record<string, unknown> | undefined)?.port;
    const healthPort = health === undefined || health === "traffic-port" ? traffic : Number(health);
    return [traffic, healthPort].flatMap((p) => (p === undefined || Number.isNaN(p) ? [] : [p]));
}

const targetGroupsOf = (resources: readonly FlowResource[], loadBalancer: Endpoint) =>
    listenersOf(resources, loadBalancer).flatMap((l) => (l.propertyDependencies.defaultActions ?? []).filter((d) => d.type === TARGET_GROUP));

/**
 * The ports a flow checks: the table's; for `listeners`, the listeners'; from a load balancer, what its target groups
 * really send (traffic and health-check ports), where the table only says which ports the targets listen on: TLS
 * ending at the NLB sends 80 and 15021, never 443.
 */
function portsOf(resources: readonly FlowResource[], flow: RequiredFlow, from: Endpoint, to: Endpoint): readonly PortSpec[] {
    if (flow.ports === "listeners") return listenerPorts(resources, to);
    if (flow.from !== "loadBalancer") return flow.ports;
    const sent = [...new Set(targetGroupsOf(resources, from).flatMap(targetGroupPorts))];
    return sent.length > 0 ? sent.map((port) => ({ protocol: "tcp" as const, port })) : flow.ports;
}

/** Target groups that send to a port the table does not know the targets listen on (a port drifted from catalog/ports.ts). */
function strayTargetPorts(resources: readonly FlowResource[], flow: RequiredFlow, loadBalancers: readonly Endpoint[]): Finding[] {
    if (flow.ports === "listeners") return [];
    const listening = new Set(flow.ports.map((p) => p.port));
    return loadBalancers.flatMap((lb) =>
        targetGroupsOf(resources, lb).flatMap((target) =>
            targetGroupPorts(target)
                .filter((port) => !listening.has(port))
                .map((port) => ({
                    urn: target.urn,
                    message: `flow ${flow.id}: target group ${target.name} of ${lb.label} sends to port ${port}, where its targets do not listen (they listen on ${[...listening].join(", ")}, catalog/ports.ts)`,
                })),
        ),
    );
}

/** The database clusters an RDS Proxy's target groups point at. */
function proxyTargets(resources: readonly FlowResource[], proxy: Endpoint): Set<string> {
    return new Set(
        resources
            .filter((r) => r.type === "aws:rds/proxyTarget:ProxyTarget" && (r.propertyDependencies.dbProxyName ?? []).some((d) => d.urn === proxy.urn))
            .flatMap((r) => (r.propertyDependencies.dbClusterIdentifier ?? []).map((d) => d.urn)),
    );
}

interface Check {
    readonly flow: RequiredFlow;
    readonly region: string;
    readonly from: Endpoint;
    readonly to: Endpoint;
    /** Where each side's traffic is addressed: across the internet, the other side is a public address. */
    readonly egressTo: Endpoint;
    readonly ingressFrom: Endpoint;
    readonly ports: readonly PortSpec[];
}

/** One side of one check that blocks, before failures sharing a cause are merged into one finding. */
interface Failure {
    readonly check: Check;
    readonly side: "egress" | "ingress";
    readonly ports: readonly PortSpec[];
}

const unique = (labels: readonly string[]) => [...new Set(labels)].join(", ");

/** One finding per flow, region, side, blocking groups and ports: the groups that lack the rule, once. */
function findingsOf(model: Model, failures: readonly Failure[]): Finding[] {
    const merged = new Map<string, Failure[]>();
    for (const failure of failures) {
        const blocking = failure.side === "egress" ? failure.check.from : failure.check.to;
        const key = [failure.check.flow.id, failure.check.region, failure.side, portText(failure.ports), blocking.groups.join(",")].join("|");
        merged.set(key, [...(merged.get(key) ?? []), failure]);
    }
    return [...merged.values()].map((group) => {
        const [first] = group as [Failure, ...Failure[]];
        const { flow, region } = first.check;
        const sources = unique(group.map((f) => f.check.from.label));
        const destinations = unique(group.map((f) => f.check.to.label));
        const head = `flow ${flow.id} in ${region} (${flow.why}): ${sources} → ${destinations} on ${portText(first.ports)} is blocked`;
        const blocking = first.side === "egress" ? first.check.from : first.check.to;
        const urn = blocking.groups[0] === undefined ? blocking.urn : urnOfGroup(blocking.groups[0]);
        if (blocking.groups.length === 0) return { urn, message: `${head}: the ${first.side === "egress" ? "source" : "destination"} carries no security group the plan declares` };
        const groups = blocking.groups.map(model.labelOf).join(" or ");
        const message =
            first.side === "egress"
                ? `${head}: no egress rule of ${groups} allows it to ${first.check.egressTo === INTERNET ? "the internet" : destinations}`
                : `${head}: no ingress rule of ${groups} admits ${first.check.ingressFrom === INTERNET ? "the internet" : sources}`;
        return { urn, message };
    });
}

/** Every (flow, source, destination) the table asks for in the plan's regions. */
function checks(resources: readonly FlowResource[], regionOf: (r: FlowResource) => string | undefined): { checks: Check[]; findings: Finding[] } {
    const regions = [...new Set(resources.filter((r) => r.type === TYPES.eksCluster).flatMap((r) => regionOf(r) ?? []))];
    const byRegion = new Map(regions.map((region) => [region, regionEndpoints(resources, (r) => regionOf(r) === region)]));
    const findings: Finding[] = [];
    const all: Check[] = [];
    for (const [region, { endpoints, clusters }] of byRegion) {
        for (const cluster of clusters) {
            const deployer = deployerEndpoints(cluster);
            for (const network of deployer.endpoints.flatMap((e) => e.addresses)) {
                for (const problem of returnPathProblems(resources, controlPlaneSubnets(cluster), network)) {
                    findings.push({ urn: cluster.urn, message: `flow deployer-to-api in ${region} (${DEPLOYER_FLOW_WHY}): the replies of the control plane of ${cluster.name} do not get back: ${problem}` });
                }
            }
            if (deployer.privateOnly && deployer.endpoints.length === 0) {
                findings.push({
                    urn: cluster.urn,
                    message: `flow deployer-to-api in ${region}: the API endpoint of ${cluster.name} is private and no deployer network or group is admitted (cluster.apiAccess), so pulumi up cannot create a single Kubernetes object`,
                });
            }
        }
        for (const flow of REQUIRED_FLOWS) {
            if (flow.from === "loadBalancer") findings.push(...strayTargetPorts(resources, flow, endpoints.loadBalancer));
            const targets = flow.scope === "other-regions" ? [...byRegion].filter(([other]) => other !== region).flatMap(([, e]) => e.endpoints[flow.to]) : endpoints[flow.to];
            const remote = flow.scope === "other-regions";
            for (const from of endpoints[flow.from]) {
                for (const to of targets.filter((t) => flow.pairing !== "proxy-targets" || proxyTargets(resources, from).has(t.urn ?? ""))) {
                    const ports = portsOf(resources, flow, from, to);
                    if (ports.length > 0) all.push({ flow, region, from, to, egressTo: remote ? INTERNET : to, ingressFrom: remote ? INTERNET : from, ports });
                }
            }
        }
    }
    return { checks: all, findings };
}

/** The planned security groups the data stores carry: their rules admit only what a required flow needs. */
function dataGroupsOf(resources: readonly FlowResource[]): Set<GroupRef> {
    return new Set(
        resources.flatMap((r) => {
            const input = DATA_STORE_GROUP_INPUTS[r.type];
            return input ? (r.propertyDependencies[input] ?? []).map((d) => d.urn) : [];
        }),
    );
}

function peerText(rule: Rule, model: Model): string {
    switch (rule.peer.kind) {
        case "group":
            return model.labelOf(rule.peer.group);
        case "cidr":
            return rule.peer.cidr;
        default:
            return rule.peer.id;
    }
}

const rangeText = (rule: Rule) => (rule.protocol === "all" ? "every port" : rule.fromPort === rule.toPort ? `${rule.protocol}/${rule.fromPort}` : `${rule.protocol}/${rule.fromPort}-${rule.toPort}`);

/** One required flow on one port between two endpoints, and the rules that carry each side. */
export interface FlowTrace {
    readonly flowId: string;
    readonly region: string;
    readonly port: PortSpec;
    readonly egress: readonly Rule[];
    readonly ingress: readonly Rule[];
}

interface Traced {
    readonly model: Model;
    readonly findings: Finding[];
    readonly failures: Failure[];
    readonly traces: FlowTrace[];
}

function trace(resources: readonly FlowResource[], facts: ModelFacts, regionOf: (r: FlowResource) => string | undefined): Traced {
    const model = buildModel(resources, facts);
    const planned = checks(resources, regionOf);
    const findings: Finding[] = [...model.problems.map((p) => ({ urn: p.urn, message: p.message })), ...planned.findings];
    const failures: Failure[] = [];
    const traces: FlowTrace[] = [];
    for (const check of planned.checks) {
        const blocked = { egress: [] as PortSpec[], ingress: [] as PortSpec[] };
        for (const port of check.ports) {
            const out = reach(model, check.from, check.egressTo, port);
            const into = reach(model, check.ingressFrom, check.to, port);
            traces.push({ flowId: check.flow.id, region: check.region, port, egress: out.usedRules.filter((r) => r.direction === "egress"), ingress: into.usedRules.filter((r) => r.direction === "ingress") });
            if (out.blockedEgress) blocked.egress.push(port);
            if (into.blockedIngress) blocked.ingress.push(port);
        }
        if (blocked.egress.length > 0) failures.push({ check, side: "egress", ports: blocked.egress });
        if (blocked.ingress.length > 0) failures.push({ check, side: "ingress", ports: blocked.ingress });
    }
    return { model, findings, failures, traces };
}

/** Which rules carry every required flow of the plan: what a reviewer (or a test) removes to see a flow break. */
export function traceFlows(resources: readonly FlowResource[], facts: ModelFacts, regionOf: (r: FlowResource) => string | undefined): FlowTrace[] {
    return trace(resources, facts, regionOf).traces;
}

/** Every required flow on the plan, the internet on admin ports, and data-store rules no flow needs. */
export function evaluateFlows(resources: readonly FlowResource[], facts: ModelFacts, regionOf: (r: FlowResource) => string | undefined): Finding[] {
    const { model, findings, failures, traces } = trace(resources, facts, regionOf);
    const used = new Set(traces.flatMap((t) => [...t.egress, ...t.ingress]));
    const dataGroups = dataGroupsOf(resources);
    findings.push(...findingsOf(model, failures));
    for (const rule of model.rules.filter((r) => r.direction === "ingress")) {
        const where = rule.origin.startsWith("urn:") ? rule.origin : undefined;
        if (rule.peer.kind === "cidr" && isAnywhere(rule.peer.cidr)) {
            const exposed = ADMIN_PORTS.filter((a) => rule.protocol === "all" || (rule.protocol === "tcp" && rule.fromPort <= a.port && a.port <= rule.toPort));
            if (exposed.length > 0) {
                findings.push({
                    urn: where,
                    message: `${model.labelOf(rule.group)} admits the whole internet (${rule.peer.cidr}) on ${rangeText(rule)} through ${rule.originLabel}, which opens ${exposed.map((a) => `${a.name} (${a.port})`).join(", ")}: no required flow needs that`,
                });
                continue;
            }
        }
        if (!used.has(rule) && dataGroups.has(rule.group)) {
            findings.push({ urn: where, message: `${model.labelOf(rule.group)} admits ${peerText(rule, model)} on ${rangeText(rule)} through ${rule.originLabel}, which no required flow needs: a data store opens only to its clients` });
        }
    }
    return findings;
}
