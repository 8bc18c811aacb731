import { strict as assert } from "assert";
import { cidrContains, isAnywhere } from "../../policies/rules/flows/cidr";
import { evaluateFlows } from "../../policies/rules/flows/evaluate";
import { Endpoint, FlowResource, ModelFacts, TYPES, buildModel, clusterGroupOf, reach } from "../../policies/rules/flows/model";
import { returnPathProblems } from "../../policies/rules/flows/routes";

/* The flow model on its own: hand-built resources, every kind of rule, both answers. */

const FACTS: ModelFacts = {
    clusterGroup: { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, from: "self" }], egress: [{ protocol: "-1", fromPort: 0, toPort: 0, from: { cidr: "0.0.0.0/0" } }], source: "test" },
    controllerGroupTagKey: (cluster) => `kubernetes.io/cluster/${cluster}`,
    omittedPortsMeanAll: true,
};

type Deps = Record<string, FlowResource[]>;
function res(type: string, name: string, props: Record<string, unknown> = {}, propertyDependencies: Deps = {}, extra: Partial<FlowResource> = {}): FlowResource {
    const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
    return { urn: `urn:pulumi:test::strata::${type}::${name}`, type, name, props, dependencies, propertyDependencies, ...extra };
}

const vpc = res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
const subnetA = res(TYPES.subnet, "private-a", { cidrBlock: "10.0.0.0/20" }, { vpcId: [vpc] });
const subnetB = res(TYPES.subnet, "private-b", { cidrBlock: "10.0.16.0/20" }, { vpcId: [vpc] });
const group = (name: string, props: Record<string, unknown> = {}, deps: Deps = {}) => res(TYPES.securityGroup, name, props, { vpcId: [vpc], ...deps });
const ingress = (name: string, owner: FlowResource, props: Record<string, unknown>, deps: Deps = {}) => res(TYPES.ingressRule, name, props, { securityGroupId: [owner], ...deps });
const egress = (name: string, owner: FlowResource, props: Record<string, unknown>, deps: Deps = {}) => res(TYPES.egressRule, name, props, { securityGroupId: [owner], ...deps });
const at = (label: string, groups: FlowResource[], addresses: string[] = ["10.0.0.0/20", "10.0.16.0/20"]): Endpoint => ({ label, groups: groups.map((g) => g.urn), externalGroups: [], addresses, outside: groups.length === 0 });
const tcp = (port: number) => ({ protocol: "tcp" as const, port });

describe("flow model", () => {
    describe("CIDR arithmetic", () => {
        it("contains a subnet inside the block and not one that straddles it", () => {
            assert.ok(cidrContains("10.0.0.0/16", "10.0.16.0/20"));
            assert.ok(cidrContains("0.0.0.0/0", "203.0.113.7/32"));
            assert.ok(!cidrContains("10.0.0.0/20", "10.0.0.0/16"));
            assert.ok(!cidrContains("10.1.0.0/16", "10.0.0.0/20"));
            assert.ok(!cidrContains("not-a-cidr", "10.0.0.0/20"));
        });
        it("knows the internet in both families", () => {
            assert.ok(isAnywhere("0.0.0.0/0") && isAnywhere("::/0"));
            assert.ok(!isAnywhere("10.0.0.0/8"));
        });
    });

    describe("reach", () => {
        const client = group("client");
        const db = group("db");
        const clientOut = egress("client-out", client, { ipProtocol: "tcp", fromPort: 5432, toPort: 5432 }, { referencedSecurityGroupId: [db] });
        const dbIn = ingress("db-in", db, { ipProtocol: "tcp", fromPort: 5432, toPort: 5432 }, { referencedSecurityGroupId: [client] });
        const model = buildModel([vpc, client, db, clientOut, dbIn], FACTS);

        it("passes through a group reference on the port, both sides", () => {
            const v = reach(model, at("client", [client]), at("db", [db]), tcp(5432));
            assert.ok(v.open);
            assert.deepEqual(v.usedRules.map((r) => r.origin).sort(), [clientOut.urn, dbIn.urn].sort());
        });
        it("blocks another port, and names the side", () => {
            const v = reach(model, at("client", [client]), at("db", [db]), tcp(5433));
            assert.ok(!v.open && v.blockedEgress && v.blockedIngress);
        });
        it("blocks a source whose groups have no egress", () => {
            const other = group("other");
            const m = buildModel([vpc, client, db, other, dbIn, ingress("db-from-other", db, { ipProtocol: "tcp", fromPort: 5432, toPort: 5432 }, { referencedSecurityGroupId: [other] })], FACTS);
            const v = reach(m, at("other", [other]), at("db", [db]), tcp(5432));
            assert.ok(v.blockedEgress && !v.blockedIngress);
        });
        it("blocks the reverse direction: a reference admits only its own source", () => {
            assert.ok(!reach(model, at("db", [db]), at("client", [client]), tcp(5432)).open);
        });
        it("admits a CIDR only when it holds every address of the source", () => {
            const web = group("web");
            const m = buildModel([vpc, web, ingress("web-in", web, { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/20" })], FACTS);
            assert.ok(reach(m, at("one subnet", [], ["10.0.0.0/20"]), at("web", [web]), tcp(443)).open);
            assert.ok(!reach(m, at("two subnets", [], ["10.0.0.0/20", "10.0.16.0/20"]), at("web", [web]), tcp(443)).open);
            assert.ok(!reach(m, at("nowhere known", [], []), at("web", [web]), tcp(443)).open);
        });
        it("reads port ranges inclusively", () => {
            const g = group("ranged");
            const m = buildModel([vpc, g, ingress("range", g, { ipProtocol: "tcp", fromPort: 1000, toPort: 2000, cidrIpv4: "10.0.0.0/16" })], FACTS);
            const from = at("vpc", []);
            assert.ok(reach(m, from, at("g", [g]), tcp(1000)).open);
            assert.ok(reach(m, from, at("g", [g]), tcp(2000)).open);
            assert.ok(!reach(m, from, at("g", [g]), tcp(2001)).open);
            assert.ok(!reach(m, from, at("g", [g]), { protocol: "udp", port: 1500 }).open, "a tcp rule carries no udp");
        });
        it("reads protocol -1 as every protocol and port, whatever its port numbers", () => {
            const g = group("all", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }] });
            const m = buildModel([vpc, g], FACTS);
            assert.ok(reach(m, at("vpc", []), at("g", [g]), { protocol: "udp", port: 53 }).open);
            assert.ok(reach(m, at("vpc", []), at("g", [g]), tcp(65535)).open);
        });
        it("reads an inline self rule as the group admitting itself", () => {
            const g = group("mesh", { ingress: [{ protocol: "tcp", fromPort: 15012, toPort: 15012, self: true }], egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
            const m = buildModel([vpc, g], FACTS);
            assert.ok(reach(m, at("a", [g]), at("b", [g]), tcp(15012)).open);
            assert.ok(!reach(m, at("outside", [], ["10.0.0.0/20"]), at("b", [g]), tcp(15012)).open);
        });
        it("reads an inline reference to a single group of the stack through its property dependency", () => {
            const nodes = group("nodes", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
            const cache = group("cache", { ingress: [{ protocol: "tcp", fromPort: 6379, toPort: 6379, securityGroups: ["sg-0123"] }] }, { ingress: [nodes] });
            const m = buildModel([vpc, nodes, cache], FACTS);
            assert.ok(reach(m, at("nodes", [nodes]), at("cache", [cache]), tcp(6379)).open);
            assert.deepEqual(m.problems, []);
        });
        it("matches a group named by id in the config (a runner's group)", () => {
            const api = group("api");
            const m = buildModel([vpc, api, ingress("runner", api, { ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-0runner" })], FACTS);
            const runner: Endpoint = { label: "runner", groups: [], externalGroups: ["sg-0runner"], addresses: [], outside: true };
            assert.ok(reach(m, runner, at("api", [api]), tcp(443)).open);
            assert.ok(!reach(m, { ...runner, externalGroups: ["sg-0other"] }, at("api", [api]), tcp(443)).open);
        });
        it("reads the older aws.ec2.SecurityGroupRule", () => {
            const g = group("legacy");
            const src = group("src", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
            const rule = res(TYPES.securityGroupRule, "legacy-in", { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22 }, { securityGroupId: [g], sourceSecurityGroupId: [src] });
            const m = buildModel([vpc, g, src, rule], FACTS);
            assert.ok(reach(m, at("src", [src]), at("g", [g]), tcp(22)).open);
        });
    });

    describe("groups others write", () => {
        const cluster = res(TYPES.eksCluster, "eks", { name: "strata-test", vpcConfig: { endpointPublicAccess: false } }, { vpcConfig: [subnetA, subnetB] });
        const clusterGroup = clusterGroupOf(cluster);
        const nlbGroup = group("nlb");
        const provider = res(TYPES.kubernetesProvider, "k8s", {}, { kubeconfig: [cluster] });
        const binding = (name: string, networking: Record<string, unknown>) =>
            res(TYPES.targetGroupBinding, name, { spec: { networking } }, { spec: [nlbGroup] }, { provider: { urn: provider.urn, props: {} } });

        it("gives the EKS cluster group its own rules: all traffic from itself, egress anywhere", () => {
            const m = buildModel([cluster], FACTS);
            const inside: Endpoint = { label: "node", groups: [clusterGroup], externalGroups: [], addresses: ["10.0.0.0/20"] };
            assert.ok(reach(m, inside, inside, { protocol: "udp", port: 53 }).open);
            assert.ok(reach(m, inside, { label: "internet", groups: [], externalGroups: [], addresses: ["0.0.0.0/0"], outside: true }, tcp(443)).open);
            assert.ok(!reach(m, { label: "runner", groups: [], externalGroups: [], addresses: ["10.255.0.0/24"], outside: true }, inside, tcp(443)).open);
            assert.ok(reach(m, { label: "a planned endpoint with no group", groups: [], externalGroups: [], addresses: ["10.0.0.0/20"] }, inside, tcp(443)).blockedEgress);
        });
        it("puts a TargetGroupBinding's networking rules on the cluster group of its cluster", () => {
            const m = buildModel([cluster, nlbGroup, provider, binding("tgb", { ingress: [{ from: [{ securityGroup: { groupID: "sg-x" } }], ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 15021 }] }] })], FACTS);
            const pods: Endpoint = { label: "pods", groups: [clusterGroup], externalGroups: [], addresses: [] };
            const nlb: Endpoint = { label: "nlb", groups: [], externalGroups: [], addresses: [] };
            assert.ok(reach(m, { ...nlb, groups: [] }, pods, tcp(15021)).blockedIngress, "a source outside the group is not admitted");
            const nlbInGroup: Endpoint = { ...nlb, groups: [nlbGroup.urn] };
            assert.ok(!reach(m, nlbInGroup, pods, tcp(443)).blockedIngress);
            assert.ok(!reach(m, nlbInGroup, pods, tcp(15021)).blockedIngress);
            assert.ok(reach(m, nlbInGroup, pods, tcp(8443)).blockedIngress);
        });
        it("reads a networking rule without ports as every port when the controller does", () => {
            const m = buildModel([cluster, nlbGroup, provider, binding("tgb", { ingress: [{ from: [{ securityGroup: { groupID: "sg-x" } }] }] })], FACTS);
            const v = reach(m, { label: "nlb", groups: [nlbGroup.urn], externalGroups: [], addresses: [] }, { label: "pods", groups: [clusterGroup], externalGroups: [], addresses: [] }, tcp(31000));
            assert.ok(!v.blockedIngress);
            const none = buildModel([cluster, nlbGroup, provider, binding("tgb", { ingress: [{ from: [{ securityGroup: { groupID: "sg-x" } }] }] })], { ...FACTS, omittedPortsMeanAll: false });
            assert.ok(reach(none, { label: "nlb", groups: [nlbGroup.urn], externalGroups: [], addresses: [] }, { label: "pods", groups: [clusterGroup], externalGroups: [], addresses: [] }, tcp(31000)).blockedIngress);
        });
    });

    describe("the way back from a subnet", () => {
        const table = res("aws:ec2/routeTable:RouteTable", "private-a-rt", {}, { vpcId: [vpc] });
        const association = res("aws:ec2/routeTableAssociation:RouteTableAssociation", "private-a", {}, { subnetId: [subnetA], routeTableId: [table] });
        const nat = res("aws:ec2/natGateway:NatGateway", "nat");
        const toNat = res("aws:ec2/route:Route", "default", { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }, { routeTableId: [table], natGatewayId: [nat] });
        const route = (name: string, props: Record<string, unknown>, deps: Deps = {}) => res("aws:ec2/route:Route", name, props, { routeTableId: [table], ...deps });

        it("needs no route to a block inside the VPC", () => {
            assert.deepEqual(returnPathProblems([vpc, subnetA, table, association, toNat], [subnetA], "10.0.200.0/24"), []);
        });
        it("names a reply that would take the NAT gateway", () => {
            const [problem, ...rest] = returnPathProblems([vpc, subnetA, table, association, toNat], [subnetA], "10.255.0.0/24");
            assert.equal(rest.length, 0);
            assert.match(problem ?? "", /subnet private-a answers 10\.255\.0\.0\/24 through route default \(0\.0\.0\.0\/0 → natGatewayId\)/);
        });
        it("takes the most specific route: a transit gateway, a peering or a VPN gateway carries the reply", () => {
            for (const extra of [
                route("tgw", { destinationCidrBlock: "10.255.0.0/16", transitGatewayId: "tgw-1" }),
                route("peer", { destinationCidrBlock: "10.255.0.0/24", vpcPeeringConnectionId: "pcx-1" }),
                route("vpn", { destinationCidrBlock: "10.0.0.0/8", gatewayId: "gw" }, { gatewayId: [res("aws:ec2/vpnGateway:VpnGateway", "vgw")] }),
            ]) {
                assert.deepEqual(returnPathProblems([vpc, subnetA, table, association, toNat, extra], [subnetA], "10.255.0.0/24"), [], extra.name);
            }
            const igw = route("igw", { destinationCidrBlock: "10.255.0.0/24", gatewayId: "igw" }, { gatewayId: [res("aws:ec2/internetGateway:InternetGateway", "igw")] });
            assert.equal(returnPathProblems([vpc, subnetA, table, association, toNat, igw], [subnetA], "10.255.0.0/24").length, 1);
        });
        it("names a subnet with no route table of the stack, or no route at all", () => {
            assert.match(returnPathProblems([vpc, subnetA], [subnetA], "10.255.0.0/24")[0] ?? "", /no route table of the stack/);
            assert.match(returnPathProblems([vpc, subnetA, table, association], [subnetA], "10.255.0.0/24")[0] ?? "", /has no route to 10\.255\.0\.0\/24/);
        });
    });

    describe("what the model refuses to guess", () => {
        it("names an inline rule that references several groups of the stack", () => {
            const a = group("a");
            const b = group("b");
            const db = group("db", { ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-1"] }, { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-2"] }] }, { ingress: [a, b] });
            const m = buildModel([vpc, a, b, db], FACTS);
            assert.equal(m.problems.length, 2);
            assert.match(m.problems[0]?.message ?? "", /security group db .*aws\.vpc\.SecurityGroupIngressRule/);
        });
        it("names a group that mixes inline and standalone rules", () => {
            const g = group("mixed", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }] });
            const m = buildModel([vpc, g, ingress("extra", g, { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/16" })], FACTS);
            assert.ok(m.problems.some((p) => p.urn === g.urn && /inline rules and standalone/.test(p.message)));
        });
    });

    describe("over-open rules", () => {
        const findingsFor = (resources: FlowResource[]) => evaluateFlows([vpc, ...resources], FACTS, () => "us-east-1");
        it("names the internet on a data port", () => {
            const db = group("db");
            const open = ingress("db-world", db, { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" });
            const findings = findingsFor([db, open]);
            assert.ok(findings.some((f) => f.urn === open.urn && /whole internet \(0\.0\.0\.0\/0\) on tcp\/5432 .*PostgreSQL \(5432\)/.test(f.message)), JSON.stringify(findings));
        });
        it("names every port open to the internet in IPv6 too", () => {
            const g = group("wide", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }] });
            assert.ok(findingsFor([g]).some((f) => f.urn === g.urn && /every port/.test(f.message)));
        });
        it("leaves the internet on HTTPS alone", () => {
            const g = group("web", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] });
            assert.deepEqual(findingsFor([g]), []);
        });
        it("names a data store's rule that no required flow needs", () => {
            const db = group("db");
            const cluster = res(TYPES.auroraCluster, "shard", {}, { vpcSecurityGroupIds: [db] });
            const stray = ingress("db-from-vpc", db, { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.0.0/16" });
            assert.ok(findingsFor([db, cluster, stray]).some((f) => f.urn === stray.urn && /no required flow needs/.test(f.message)));
        });
    });
});
