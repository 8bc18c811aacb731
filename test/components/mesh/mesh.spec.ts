import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type * as k8sTypes from "@pulumi/kubernetes";
import { PlanResource } from "../../../tools/plan/contract";
import { renderManifests } from "../../../tools/plan/manifests";
import { ofType, ready, record } from "../../harness";
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
                version: "1.26.2",
                mtlsMode: "STRICT",
                gateway: { minReplicas: 3, maxReplicas: 30, cpu: "1", memory: "1Gi" },
                controlPlaneReplicas: 2,
                vpcId: "vpc-1",
                publicSubnetIds: ["subnet-p1", "subnet-p2", "subnet-p3"],
                loadBalancerController: controller,
                targetGroupNamePrefix: "strata-prod",
                nodeGroups: [nodeGroup],
                helmTimeoutSeconds: 1200,
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
                    routes: [{ name: "api", prefix: "/", service: "api", timeoutSeconds: 10 }],
                    subsets: {},
                    connectionPool: { maxConnections: 100, http1MaxPendingRequests: 100, maxRequestsPerConnection: 10, tenantMaxConnections: 50 },
                    outlierDetection: { consecutive5xxErrors: 5, intervalSeconds: 10, baseEjectionTimeSeconds: 30, maxEjectionPercent: 50 },
                    allowFaultInjectionInProd: false,
                },
                services: ["api", "auth-service"],
                here: { name: "eu-west-1", key: "eu" },
                others: [{ name: "us-east-1", key: "us" }],
                crds: mesh.crds,
                namespaces: { ...mesh.namespaces, apps },
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
        for (const r of releases()) assert.equal(r.inputs.version, "1.26.2");
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
        assert.equal(routed.length, 10);
        for (const object of routed) {
            const namespace = (object.inputs.metadata as { namespace: string }).namespace;
            assert.ok(object.dependencies.includes(namespaces.get(namespace)!), `${object.name} waits for ${namespace}`);
        }
    });

    it("places istiod on system nodes with its replicas at the top level of its values, where the chart reads them", () => {
        const values = releases().find((r) => r.inputs.chart === "istiod")!.inputs.values as Record<string, unknown>;
        assert.deepEqual(values.nodeSelector, { "strata.io/node-role": "system" });
        assert.deepEqual(values.tolerations, [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }]);
        assert.deepEqual([values.replicaCount, values.autoscaleMin], [2, 2]);
        assert.equal(values.pilot, undefined, "the 1.26 chart reads nothing under pilot for its Deployment");
    });

    it("gives the gateway its own HPA (at least 3 in prod) and a PDB, behind a ClusterIP Service", () => {
        const values = releases().find((r) => r.inputs.chart === "gateway")!.inputs.values as { autoscaling: { minReplicas: number }; podDisruptionBudget: unknown; service: { type: string } };
        assert.equal(values.autoscaling.minReplicas, 3);
        assert.deepEqual(values.podDisruptionBudget, { maxUnavailable: 1 });
        assert.equal(values.service.type, "ClusterIP");
    });

    it("fronts the gateway with a cross-zone public NLB whose target groups are bound to the gateway pods", () => {
        const [nlb] = ofType(resources, "aws:lb/loadBalancer:LoadBalancer");
        assert.deepEqual([nlb?.inputs.loadBalancerType, nlb?.inputs.internal, nlb?.inputs.enableCrossZoneLoadBalancing, nlb?.inputs.subnets], ["network", false, true, ["subnet-p1", "subnet-p2", "subnet-p3"]]);
        const bindings = ofType(resources, "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding");
        assert.deepEqual(bindings.map((b) => (b.inputs.spec as { serviceRef: { port: number } }).serviceRef.port).sort(), [443, 80]);
        const groups = ofType(resources, "aws:lb/targetGroup:TargetGroup");
        for (const binding of bindings) assert.ok(groups.some((g) => binding.dependencies.includes(g.urn)));
        assert.deepEqual(ofType(resources, "aws:lb/listener:Listener").map((l) => l.inputs.port).sort(), [443, 80]);
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
