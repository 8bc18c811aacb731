import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type * as k8sTypes from "@pulumi/kubernetes";
import { GATEWAY_PORTS } from "../../../catalog/ports";
import { PlanResource } from "../../../tools/plan/contract";
import { renderManifests } from "../../../tools/plan/manifests";
import { ofType, one, ready, record } from "../../harness";
import { validateObject } from "../../k8sSchema";

async function build(): Promise<PlanResource[]> {
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const k8s: typeof k8sTypes = await import("@pulumi/kubernetes");
    const { IstioMesh, ServiceRoutes } = await import("../../../components/mesh");
    return record(() => {
        const provider = new aws.Provider("mesh-aws", { region: "eu-west-1" });
        const kubernetes = new k8s.Provider("mesh-k8s", { kubeconfig: "{}" });
        const controller = new k8s.core.v1.ConfigMap("lbc-stand-in", { metadata: { name: "lbc" } }, { provider: kubernetes });
        const nodeGroup = new aws.eks.NodeGroup("node-group-stand-in", { clusterName: "c", nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-1"], scalingConfig: { minSize: 1, maxSize: 1, desiredSize: 1 } }, { provider });
        const apps = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: kubernetes });
        const mesh = new IstioMesh(
            "eu-west-1",
            {
                region: "eu-west-1",
                clusterName: "strata-prod-eu-west-1",
                version: "1.26.8",
                mtlsMode: "STRICT",
                gateway: { minReplicas: 3, maxReplicas: 30, cpu: "1", memory: "1Gi" },
                controlPlaneReplicas: 2,
                vpcId: "vpc-1",
                publicSubnetIds: ["subnet-p1", "subnet-p2", "subnet-p3"],
                gatewaySecurityGroupId: "sg-cluster",
                loadBalancerController: controller,
                targetGroupNamePrefix: "strata-prod",
                nodeGroups: [nodeGroup],
                helmTimeoutSeconds: 1200,
                deletionProtection: true,
            },
            { providers: { aws: provider, kubernetes } },
        );
        new ServiceRoutes(
            "eu-west-1-routes",
            {
                namespace: "apps",
                settings: {
                    domain: "strata.example.com",
                    gatewayCredentialName: "tls",
                    mtlsMode: "STRICT",
                    tenantHeader: "tenant-id",
                    tenants: ["tenant-a"],
                    tenantService: "api",
                    regionHeader: "x-user-region",
                    routes: [
                        { name: "auth", prefix: "/api/v1/auth", service: "auth-service", timeoutSeconds: 5, rateLimitPerMinute: 20 },
                        { name: "api", prefix: "/", service: "api", timeoutSeconds: 10 },
                    ],
                    subsets: {},
                    connectionPool: { maxConnections: 100, http1MaxPendingRequests: 100, maxRequestsPerConnection: 10, tenantMaxConnections: 50 },
                    outlierDetection: { consecutive5xxErrors: 5, intervalSeconds: 10, baseEjectionTimeSeconds: 30, maxEjectionPercent: 50 },
                    allowFaultInjectionInProd: false,
                    tlsSource: "cert-manager",
                },
                services: ["api", "auth-service"],
                here: { name: "eu-west-1", key: "eu" },
                others: [{ name: "us-east-1", key: "us" }],
                crds: mesh.crds,
                namespaces: { ...mesh.namespaces, apps },
                rateLimit: { requestsPerMinute: 100, trackedClients: 10000 },
            },
            { providers: { kubernetes } },
        );
    });
}

describe("IstioMesh and ServiceRoutes", () => {
    let resources: PlanResource[];
    before(async () => {
        resources = await build();
    });
    const releases = () => ofType(resources, "kubernetes:helm.sh/v3:Release");

    it("installs base, istiod and the ingress gateway at one pinned version, in order", () => {
        const byChart = Object.fromEntries(releases().map((r) => [r.inputs.chart, r]));
        assert.deepEqual(Object.keys(byChart).sort(), ["base", "gateway", "istiod"]);
        for (const r of releases()) assert.equal(r.inputs.version, "1.26.8");
        assert.ok(byChart.istiod!.dependencies.includes(byChart.base!.urn));
        assert.ok(byChart.gateway!.dependencies.includes(byChart.istiod!.urn));
        const mesh = (byChart.istiod!.inputs.values as { meshConfig: Record<string, unknown> }).meshConfig;
        assert.equal(mesh.accessLogFile, "/dev/stdout");
        assert.deepEqual(mesh.localityLbSetting, { enabled: true });
    });

    it("makes istiod and the gateway wait for the node groups (base runs no pods), each as long as a cold cluster needs", () => {
        const nodeGroup = resources.find((r) => r.name === "node-group-stand-in")!;
        for (const r of releases()) {
            assert.equal(r.dependencies.includes(nodeGroup.urn), r.inputs.chart !== "base", r.name);
            assert.equal(r.inputs.timeout, 1200, r.name);
            assert.equal(r.inputs.atomic, true, r.name);
        }
    });

    it("makes every routed object wait for its own namespace, not only its component", () => {
        const namespaces = new Map(ofType(resources, "kubernetes:core/v1:Namespace").map((n) => [(n.inputs.metadata as { name: string }).name, n.urn]));
        const routed = resources.filter((r) => r.parent?.endsWith("strata:mesh:ServiceRoutes::eu-west-1-routes"));
        // Gateway, two VirtualServices, a DestinationRule for each of two services, a ServiceEntry and its rule, the
        // Sidecar, two AuthorizationPolicies and the gateway's rate limit.
        assert.equal(routed.length, 11);
        for (const object of routed) {
            const namespace = (object.inputs.metadata as { namespace: string }).namespace;
            assert.ok(object.dependencies.includes(namespaces.get(namespace)!), `${object.name} waits for ${namespace}`);
        }
    });

    it("places istiod on system nodes with its replicas as its HPA's floor, at the top level of its values", () => {
        const values = releases().find((r) => r.inputs.chart === "istiod")!.inputs.values as Record<string, unknown>;
        assert.deepEqual(values.nodeSelector, { "strata.io/node-role": "system" });
        assert.deepEqual(values.tolerations, [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }]);
        // The chart renders replicaCount only with autoscaling off; with it on (the default) the HPA's bounds decide.
        assert.deepEqual([values.autoscaleEnabled, values.autoscaleMin, values.autoscaleMax, values.replicaCount], [true, 2, 5, undefined]);
        assert.deepEqual(values.global, { defaultPodDisruptionBudget: { enabled: true } });
        assert.equal(values.pilot, undefined, "the program writes the top level only");
    });

    it("gives the gateway its own HPA (at least 3 in prod) and a PDB, behind a ClusterIP Service", () => {
        const values = releases().find((r) => r.inputs.chart === "gateway")!.inputs.values as { autoscaling: { minReplicas: number }; podDisruptionBudget: unknown; service: { type: string } };
        assert.equal(values.autoscaling.minReplicas, 3);
        assert.deepEqual(values.podDisruptionBudget, { maxUnavailable: 1 });
        assert.equal(values.service.type, "ClusterIP");
    });

    it("fronts the gateway with a cross-zone public NLB, protected from deletion, whose target groups are bound to the gateway pods", () => {
        const [nlb] = ofType(resources, "aws:lb/loadBalancer:LoadBalancer");
        assert.deepEqual([nlb?.inputs.loadBalancerType, nlb?.inputs.internal, nlb?.inputs.enableCrossZoneLoadBalancing, nlb?.inputs.subnets], ["network", false, true, ["subnet-p1", "subnet-p2", "subnet-p3"]]);
        assert.equal(nlb?.inputs.enableDeletionProtection, true);
        const bindings = ofType(resources, "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding");
        assert.deepEqual(bindings.map((b) => (b.inputs.spec as { serviceRef: { port: number } }).serviceRef.port).sort(), [443, 80]);
        const groups = ofType(resources, "aws:lb/targetGroup:TargetGroup");
        for (const binding of bindings) assert.ok(groups.some((g) => binding.dependencies.includes(g.urn)));
        assert.deepEqual(ofType(resources, "aws:lb/listener:Listener").map((l) => l.inputs.port).sort(), [443, 80]);
    });

    describe("the path from the NLB to the gateway pods", () => {
        const T = {
            sg: "aws:ec2/securityGroup:SecurityGroup",
            ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
            targetGroup: "aws:lb/targetGroup:TargetGroup",
            binding: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
            listener: "aws:lb/listener:Listener",
        };
        const { http, https, health } = GATEWAY_PORTS.rows;
        type Binding = { serviceRef: { port: number }; networking: { ingress: { from: { securityGroup: { groupID: string } }[]; ports: { protocol: string; port: number }[] }[] } };
        const nlbGroup = () => one(resources, T.sg, "eu-west-1-ingress-nlb");
        const bindingOf = (portName: string) => one(resources, T.binding, `eu-west-1-ingress-${portName}`);
        const rulesOf = (type: string) => ofType(resources, type).filter((r) => r.dependencies.includes(nlbGroup().urn));
        /** The NLB group's id as its rules carry it. */
        const nlbGroupId = () => String(rulesOf(T.ingressRule)[0]?.inputs.securityGroupId);

        it("sends each listener to the gateway's container port and health-checks the status port, as the catalog says", () => {
            assert.deepEqual(
                ofType(resources, T.targetGroup).map((g) => [g.name, g.inputs.port, (g.inputs.healthCheck as { port: string }).port]),
                [
                    ["eu-west-1-ingress-https", https.port, String(health.port)],
                    ["eu-west-1-ingress-http", http.port, String(health.port)],
                ],
            );
            assert.deepEqual([https.port, http.port, health.port], [443, 80, 15021], "the pinned istio/gateway chart's targetPorts and status port");
        });

        it("has each binding open its container port and the health port to the NLB's group, and nothing else", () => {
            for (const [portName, target] of [["https", https], ["http", http]] as const) {
                const spec = bindingOf(portName).inputs.spec as Binding;
                assert.equal(spec.networking.ingress.length, 1);
                const [rule] = spec.networking.ingress;
                assert.match(nlbGroupId(), /^sg-/);
                assert.deepEqual(rule?.from, [{ securityGroup: { groupID: nlbGroupId() } }]);
                assert.deepEqual(rule?.ports, [
                    { protocol: "TCP", port: target.port },
                    { protocol: "TCP", port: health.port },
                ]);
            }
        });

        it("binds the Service's own ports 80 and 443, which the chart maps to the same container ports, and leaves those ports to the chart", () => {
            assert.deepEqual([(bindingOf("https").inputs.spec as Binding).serviceRef.port, (bindingOf("http").inputs.spec as Binding).serviceRef.port], [443, 80]);
            const values = releases().find((r) => r.inputs.chart === "gateway")!.inputs.values as { service: Record<string, unknown> };
            assert.deepEqual(Object.keys(values.service), ["type"], "service.ports stay the chart's: http2 80→80, https 443→443");
            const gateway = resources.find((r) => r.type === "kubernetes:networking.istio.io/v1beta1:Gateway")!;
            assert.deepEqual((gateway.inputs.spec as { servers: { port: { number: number } }[] }).servers.map((s) => s.port.number), [443, 80]);
        });

        it("admits the internet to the NLB on its listener ports only, over IPv4 and IPv6, as standalone rules", () => {
            const group = nlbGroup();
            assert.equal(group.inputs.ingress, undefined, "no inline ingress next to standalone rules");
            assert.equal(group.inputs.egress, undefined, "no inline egress next to standalone rules");
            assert.deepEqual(
                rulesOf(T.ingressRule).map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6, r.inputs.referencedSecurityGroupId]),
                [
                    ["tcp", 443, 443, "0.0.0.0/0", undefined],
                    ["tcp", 443, 443, "::/0", undefined],
                    ["tcp", 80, 80, "0.0.0.0/0", undefined],
                    ["tcp", 80, 80, "::/0", undefined],
                ],
            );
            assert.deepEqual(ofType(resources, T.listener).map((l) => l.inputs.port), [443, 80]);
        });

        it("lets the NLB send only to the gateway's group, on the container ports and the health port", () => {
            assert.deepEqual(
                rulesOf(T.egressRule).map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.referencedSecurityGroupId, r.inputs.cidrIpv4]),
                [http, https, health].map((p) => ["tcp", p.port, p.port, "sg-cluster", undefined]),
            );
        });

        it("labels the gateway namespace for the controller's readiness gate", () => {
            const namespace = one(resources, "kubernetes:core/v1:Namespace", "eu-west-1-istio-ingress");
            assert.deepEqual((namespace.inputs.metadata as { labels: Record<string, string> }).labels, { "istio-injection": "enabled", "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled" });
        });

        it("creates the first gateway pods after the controller, the bindings and the listeners, so every pod carries the gate and can turn Ready", () => {
            const gateway = releases().find((r) => r.inputs.chart === "gateway")!;
            const controller = resources.find((r) => r.name === "lbc-stand-in")!;
            for (const needed of [controller, ...ofType(resources, T.binding), ...ofType(resources, T.listener)]) assert.ok(gateway.dependencies.includes(needed.urn), needed.name);
        });

        it("has each binding wait for its namespace and the controller, not for the gateway it registers", () => {
            const namespace = one(resources, "kubernetes:core/v1:Namespace", "eu-west-1-istio-ingress");
            const controller = resources.find((r) => r.name === "lbc-stand-in")!;
            const gateway = releases().find((r) => r.inputs.chart === "gateway")!;
            for (const binding of ofType(resources, T.binding)) {
                assert.ok(binding.dependencies.includes(namespace.urn), binding.name);
                assert.ok(binding.dependencies.includes(controller.urn), binding.name);
                assert.ok(!binding.dependencies.includes(gateway.urn), binding.name);
            }
        });
    });

    it("makes every Istio object wait for the release that installs the CRDs", () => {
        const base = releases().find((r) => r.inputs.chart === "base")!;
        const istio = resources.filter((r) => /^kubernetes:(networking|security)\.istio\.io\//.test(r.type));
        assert.ok(istio.length >= 8);
        for (const object of istio) assert.ok(object.dependencies.includes(base.urn), object.urn);
        assert.equal(ofType(resources, "kubernetes:security.istio.io/v1beta1:PeerAuthentication").length, 1);
    });

    it("renders schema-valid objects", () => {
        for (const manifest of renderManifests(resources).filter((m) => !m.path.includes("/helmrelease-"))) validateObject(manifest.object, manifest.path);
    });
});
