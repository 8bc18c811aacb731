import { strict as assert } from "assert";
import { EKS_CLUSTER_SECURITY_GROUP, EKS_PRIVATE_ENDPOINT, FactRule, LOAD_BALANCER_CONTROLLER, NEW_GROUP_DEFAULT_EGRESS, NLB_FACTS, RDS_PROXY_NETWORK, TRANSIT_GATEWAY_ATTACHMENT } from "../../catalog/network";
import { BoundaryPort, GATEWAY_PORTS, PLATFORM_PORTS, WEBHOOK_PORTS } from "../../catalog/ports";
import { Source } from "../../catalog/source";

const sourced = (what: string, sources: readonly Source[]) => {
    assert.ok(sources.length > 0, `${what} has no source`);
    for (const s of sources) {
        assert.match(s.url, /^https:\/\/\S+$/, `${what}: source url ${s.url}`);
        assert.match(s.checked, /^\d{4}-\d{2}-\d{2}$/, `${what}: checked ${s.checked}`);
    }
};

const validPort = (what: string, p: BoundaryPort) => assert.ok(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535, `${what}: port ${p.port}`);

const validRule = (what: string, r: FactRule) => {
    assert.ok(r.fromPort >= 0 && r.fromPort <= r.toPort && r.toPort <= 65535, `${what}: ${r.fromPort}-${r.toPort}`);
    if (r.protocol === "-1") assert.deepEqual([r.fromPort, r.toPort], [0, 65535], `${what}: every protocol spans every port`);
};

describe("catalog: ports and network facts", () => {
    it("every table carries its source", () => {
        const tables = { GATEWAY_PORTS, WEBHOOK_PORTS, PLATFORM_PORTS, EKS_CLUSTER_SECURITY_GROUP, NEW_GROUP_DEFAULT_EGRESS, RDS_PROXY_NETWORK, LOAD_BALANCER_CONTROLLER, NLB_FACTS, EKS_PRIVATE_ENDPOINT, TRANSIT_GATEWAY_ATTACHMENT };
        for (const [name, table] of Object.entries(tables)) sourced(name, table.sources);
    });

    it("every port lies in 1..65535", () => {
        for (const table of [GATEWAY_PORTS, WEBHOOK_PORTS, PLATFORM_PORTS]) for (const [name, p] of Object.entries(table.rows)) validPort(name, p);
    });

    it("the gateway's health port is none of its listener ports", () => {
        const { http, https, health } = GATEWAY_PORTS.rows;
        assert.notEqual(http.port, https.port);
        assert.ok(![http.port, https.port].includes(health.port));
    });

    it("webhooks and aggregated APIs are served over TCP, and prometheus-operator shares the kubelet's port", () => {
        for (const [name, p] of Object.entries(WEBHOOK_PORTS.rows)) assert.equal(p.protocol, "tcp", name);
        assert.equal(WEBHOOK_PORTS.rows.prometheusOperator.port, PLATFORM_PORTS.rows.kubelet.port);
    });

    it("EKS's cluster group admits itself and sends anywhere, and its tag is the one the controller looks for", () => {
        const g = EKS_CLUSTER_SECURITY_GROUP.rows;
        for (const r of [...g.ingress, ...g.egress, ...g.ipv6ClusterEgress]) validRule("cluster group", r);
        assert.deepEqual(g.ingress.map((r) => r.from), ["self"]);
        assert.deepEqual(g.egress.map((r) => r.from), [{ cidr: "0.0.0.0/0" }]);
        assert.deepEqual(g.clusterTag("prod-use1"), { key: "kubernetes.io/cluster/prod-use1", value: "owned" });
        assert.equal(LOAD_BALANCER_CONTROLLER.rows.networkingGroupTag("prod-use1"), g.clusterTag("prod-use1").key);
    });

    it("the pinned controller opens nothing for an empty ports list, and 0-65535 for an entry without a port", () => {
        const c = LOAD_BALANCER_CONTROLLER.rows;
        assert.equal(c.omittedPortsMeanAll, c.networkingPorts.emptyPortsOpen !== "nothing");
        assert.deepEqual(c.networkingPorts.omittedPortOpens, { fromPort: 0, toPort: 65535 });
        assert.deepEqual(c.readinessGate.namespaceLabel, { key: "elbv2.k8s.aws/pod-readiness-gate-inject", value: "enabled" });
    });

    it("the other facts are internally consistent", () => {
        assert.equal(NEW_GROUP_DEFAULT_EGRESS.rows.revokesDefaultEgress, true);
        assert.ok(RDS_PROXY_NETWORK.rows.proxyNeedsEgressToDatabase && RDS_PROXY_NETWORK.rows.databaseMustAdmitProxy);
        assert.equal(EKS_PRIVATE_ENDPOINT.rows.controlPlaneMustAdmitPort, PLATFORM_PORTS.rows.kubernetesApi.port);
        assert.equal(EKS_PRIVATE_ENDPOINT.rows.connectedNetworkNeedsResolverRule, !EKS_PRIVATE_ENDPOINT.rows.publicDnsResolvesToPrivateAddresses);
        assert.equal(NLB_FACTS.rows.preserveClientIpDefault.ipTcp, false);
        assert.ok(NLB_FACTS.rows.targetsMustAdmitLoadBalancerGroupOn.includes("health-check-port"));
    });
});
