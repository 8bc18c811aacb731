import { strict as assert } from "assert";
import { DependencyGraph } from "../../policies/rules/graph";
import { deployOrdering, graphOf, groupRuns, releasePlacements } from "../../policies/rules/ordering";
import { PlanFile, PlanResource } from "../../tools/plan/contract";
import { resolve, runPolicies } from "../../tools/plan/policyRunner";
import { planResource } from "../harness";
import { plannedStack } from "../planCommand";

/*
 * strata-deploy-ordering against the real prod and dev plans (planned in a child process: the Pulumi runtime
 * is per process), then against those plans with one dependency cut, then the graph it judges by.
 */

const planOf = (stack: string): PlanFile => plannedStack(stack).plan;

const messages = async (resources: readonly PlanResource[]) => (await runPolicies([deployOrdering], resources)).violations.map((v) => v.message);

function named(plan: PlanFile, type: string, name: string): PlanResource {
    const found = plan.resources.find((r) => r.type === type && r.name === name);
    assert.ok(found, `${type} ${name} is in the plan`);
    return found;
}

/** The plan with some dependencies of one resource removed. */
function cut(plan: PlanFile, target: PlanResource, drop: (dependency: PlanResource) => boolean): PlanResource[] {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    return plan.resources.map((r) => (r.urn === target.urn ? { ...r, dependencies: r.dependencies.filter((d) => !drop(byUrn.get(d) as PlanResource)) } : r));
}

const T = {
    release: "kubernetes:helm.sh/v3:Release",
    namespace: "kubernetes:core/v1:Namespace",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    destinationRule: "kubernetes:networking.istio.io/v1beta1:DestinationRule",
    vpa: "kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler",
    binding: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
    deployment: "kubernetes:apps/v1:Deployment",
};

describe("strata-deploy-ordering", function () {
    this.timeout(240_000);

    describe("on the real plans", () => {
        for (const stack of ["prod", "dev"]) {
            it(`passes on ${stack}, judging every Istio object, release and TargetGroupBinding`, async () => {
                const plan = planOf(stack);
                assert.deepEqual(await messages(plan.resources), []);
                assert.deepEqual(plan.policies.violations.filter((v) => v.policy === deployOrdering.name), []);
                const regions = new Set(plan.resources.filter((r) => r.type === T.nodeGroup).map((r) => r.region)).size;
                // Per region: 13 Istio objects of its own (the gateway's rate limit among them), plus a ServiceEntry and a
                // DestinationRule per other region.
                assert.equal(plan.resources.filter((r) => /^kubernetes:(networking|security)\.istio\.io\//.test(r.type)).length, regions * (13 + 2 * (regions - 1)));
                assert.equal(plan.resources.filter((r) => r.type === T.binding).length, 2 * regions);
            });
        }

        it("keeps the graph acyclic and every release, workload and Istio object inside its own region", () => {
            const plan = planOf("prod");
            const graph = graphOf(resolve(plan.resources).resources);
            assert.equal(graph.findCycle(), undefined);
            const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
            const judged = plan.resources.filter((r) => r.type === T.release || r.type === T.deployment || r.type === "kubernetes:batch/v1:CronJob" || /^kubernetes:[a-z.]+\.(io|aws)\//.test(r.type));
            assert.ok(judged.length > 100);
            for (const r of judged) {
                const elsewhere = [...graph.reachable(r.urn)].map((u) => byUrn.get(u) as PlanResource).filter((d) => d.region !== null && d.region !== r.region);
                assert.deepEqual(elsewhere.map((d) => d.name), [], `${r.name} (${r.region}) waits for nothing in another region`);
            }
        });
    });

    describe("on a plan with one dependency cut", () => {
        it("names an Istio object that no longer waits for its namespace", async () => {
            const plan = planOf("prod");
            const rule = named(plan, T.destinationRule, "us-east-1-routes-destinationrule-apps-api");
            assert.deepEqual(await messages(cut(plan, rule, (d) => d.type === T.namespace)), [
                "DestinationRule apps/api (us-east-1-routes-destinationrule-apps-api) waits for no Namespace apps (us-east-1-apps); depend on it",
            ]);
        });

        it("names kube-prometheus-stack when it waits for no node group, and the adapter that waited through it", async () => {
            const plan = planOf("prod");
            const release = named(plan, T.release, "us-east-1-kube-prometheus-stack");
            assert.deepEqual(await messages(cut(plan, release, (d) => d.type === T.nodeGroup)), [
                // Prometheus and Alertmanager: on-demand nodes only (the general and system groups, not the spot compute group).
                "Helm release monitoring/kube-prometheus-stack (us-east-1-kube-prometheus-stack) waits for no node group that can run its placed pods (us-east-1-general-z1, us-east-1-general-z2, us-east-1-general-z3, us-east-1-system-z1, us-east-1-system-z2, us-east-1-system-z3); on a fresh cluster it would time out before any node is Ready",
                "Helm release monitoring/kube-prometheus-stack (us-east-1-kube-prometheus-stack) waits for no node group that can run its placed pods (us-east-1-system-z1, us-east-1-system-z2, us-east-1-system-z3); on a fresh cluster it would time out before any node is Ready",
                "Helm release monitoring/kube-prometheus-stack (us-east-1-kube-prometheus-stack) waits for no node group that can run its pods (us-east-1-general-z1, us-east-1-general-z2, us-east-1-general-z3, us-east-1-compute-z1, us-east-1-compute-z2, us-east-1-compute-z3); on a fresh cluster it would time out before any node is Ready",
                "Helm release monitoring/prometheus-adapter (us-east-1-prometheus-adapter) waits for no node group that can run its placed pods (us-east-1-system-z1, us-east-1-system-z2, us-east-1-system-z3); on a fresh cluster it would time out before any node is Ready",
            ]);
        });

        it("names istiod when it waits for no node group (the issue's race), and not base, which runs no pods", async () => {
            const plan = planOf("prod");
            const istiod = named(plan, T.release, "us-east-1-istiod");
            assert.deepEqual(await messages(cut(plan, istiod, (d) => d.type === T.nodeGroup)), [
                "Helm release istio-system/istiod (us-east-1-istiod) waits for no node group that can run its placed pods (us-east-1-system-z1, us-east-1-system-z2, us-east-1-system-z3); on a fresh cluster it would time out before any node is Ready",
            ]);
            assert.ok(!named(plan, T.release, "us-east-1-istio-base").dependencies.some((d) => plan.resources.find((r) => r.urn === d)?.type === T.nodeGroup));
        });

        it("names a VerticalPodAutoscaler that does not wait for the release installing its CRD", async () => {
            const plan = planOf("prod");
            const vpa = named(plan, T.vpa, "us-east-1-api-vpa");
            assert.deepEqual(await messages(cut(plan, vpa, (d) => d.type === T.release)), [
                "VerticalPodAutoscaler apps/api (us-east-1-api-vpa) waits for no installer of the autoscaling.k8s.io/VerticalPodAutoscaler CRD (us-east-1-vpa)",
            ]);
        });

        it("names a TargetGroupBinding that does not wait for the load balancer controller", async () => {
            const plan = planOf("prod");
            const binding = named(plan, T.binding, "us-east-1-ingress-https");
            assert.deepEqual(await messages(cut(plan, binding, (d) => d.name === "us-east-1-aws-load-balancer-controller")), [
                "TargetGroupBinding istio-ingress/istio-ingressgateway-https (us-east-1-ingress-https) waits for no aws-load-balancer-controller release (us-east-1-aws-load-balancer-controller); its webhooks refuse the binding until the controller runs",
            ]);
        });

        it("names a Deployment in an injected namespace that does not wait for istiod", async () => {
            const plan = planOf("prod");
            const deployment = named(plan, T.deployment, "us-east-1-api-deployment");
            assert.deepEqual(await messages(cut(plan, deployment, (d) => d.name === "us-east-1-istiod")), [
                "Deployment apps/api (us-east-1-api-deployment) runs pods in the injected namespace apps but waits for no istiod release (us-east-1-istiod); pods started before it get no sidecar",
            ]);
        });

        it("names an object in a namespace nobody creates", async () => {
            const plan = planOf("dev");
            const resources = plan.resources.map((r) => (r.type === T.destinationRule && r.name.endsWith("-apps-api") ? { ...r, inputs: { ...r.inputs, metadata: { name: "api", namespace: "ghost" } } } : r));
            assert.deepEqual(await messages(resources), [
                "DestinationRule ghost/api (us-east-1-routes-destinationrule-apps-api) is in namespace ghost, which neither the stack nor Kubernetes creates (it starts with default, kube-node-lease, kube-public, kube-system)",
            ]);
        });
    });

    describe("the dependency graph, as the engine follows it", () => {
        //   Outer (component) ── Inner (component) ── c1 ── c1child
        //          └── c2
        const node = (urn: string, custom: boolean, parent?: string, dependencies: string[] = []) => ({ urn, custom, parent, dependencies });
        const graph = new DependencyGraph([
            node("Outer", false),
            node("Inner", false, "Outer"),
            node("c1", true, "Inner"),
            node("c1child", true, "c1"),
            node("c2", true, "Outer", ["c1"]),
            node("ns", true),
            node("Routes", false, undefined, ["ns"]),
            node("route", true, "Routes"),
            node("a", true, undefined, ["Outer"]),
            node("b", true, undefined, ["a"]),
        ]);

        it("expands a component to its custom descendants through nested components, never below a custom resource", () => {
            assert.deepEqual(graph.expand("Outer").sort(), ["c1", "c2"]);
            assert.deepEqual(graph.expand("c1"), ["c1"]);
            assert.deepEqual(graph.expand("Outer", "c2"), ["c1"], "a resource never waits for itself");
        });

        it("reaches transitively through what each resource waits for", () => {
            assert.deepEqual([...graph.reachable("b")].sort(), ["a", "c1", "c2"]);
            assert.ok(graph.reaches("b", "c1"));
            assert.ok(!graph.reaches("b", "c1child"));
        });

        it("never lets a child inherit its component's dependsOn", () => {
            assert.ok(!graph.reaches("route", "ns"));
            assert.deepEqual(graph.waitsFor("Routes"), ["ns"]);
        });

        it("finds a cycle, and none in an acyclic graph", () => {
            assert.equal(graph.findCycle(), undefined);
            const cyclic = new DependencyGraph([node("x", true, undefined, ["y"]), node("y", true, undefined, ["z"]), node("z", true, undefined, ["x"])]);
            assert.deepEqual(cyclic.findCycle(), ["x", "y", "z", "x"]);
        });

        it("judges a dependency on a component by its children, and not a component's own dependsOn", async () => {
            const provider = planResource({ type: "pulumi:providers:kubernetes", name: "k8s" });
            const holder = planResource({ type: "strata:test:Namespaces", name: "holder", custom: false });
            const ns = planResource({ type: T.namespace, name: "ns-apps", parent: holder.urn, provider: provider.urn, inputs: { metadata: { name: "apps" } } });
            const routes = planResource({ type: "strata:mesh:ServiceRoutes", name: "routes", custom: false, dependencies: [ns.urn] });
            const config = (name: string, over: Partial<PlanResource>) => planResource({ type: "kubernetes:core/v1:ConfigMap", name, provider: provider.urn, inputs: { metadata: { name, namespace: "apps" } }, ...over });
            const viaComponent = config("via-component", { dependencies: [holder.urn] });
            const viaParent = config("via-parent", { parent: routes.urn });
            assert.deepEqual(await messages([provider, holder, ns, routes, viaComponent, viaParent]), [
                "ConfigMap apps/via-parent (via-parent) waits for no Namespace apps (ns-apps); depend on it",
            ]);
        });
    });

    it("reports a dependency cycle, naming the resources along it", async () => {
        const provider = planResource({ type: "pulumi:providers:kubernetes", name: "k8s" });
        const config = (name: string, other: string) =>
            planResource({ type: "kubernetes:core/v1:ConfigMap", name, provider: provider.urn, inputs: { metadata: { name, namespace: "default" } }, dependencies: [`urn:pulumi:test::strata::kubernetes:core/v1:ConfigMap::${other}`] });
        assert.deepEqual(await messages([provider, config("a", "b"), config("b", "a")]), [
            "Dependency cycle: urn:pulumi:test::strata::kubernetes:core/v1:ConfigMap::a → urn:pulumi:test::strata::kubernetes:core/v1:ConfigMap::b → urn:pulumi:test::strata::kubernetes:core/v1:ConfigMap::a; the engine would wait forever",
        ]);
    });

    describe("placements and node groups", () => {
        const system = planResource({
            type: T.nodeGroup,
            name: "system",
            inputs: { labels: { "strata.io/node-role": "system" }, taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }] },
        });
        const workload = planResource({ type: T.nodeGroup, name: "workload", inputs: { labels: { "strata.io/node-role": "workload" }, taints: [] } });
        const groups = resolve([system, workload]).resources;
        const placed = { nodeSelector: { "strata.io/node-role": "system" }, tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }] };

        it("runs system-tolerating pods only on the system group and unplaced pods only on untainted groups", () => {
            assert.deepEqual(groups.map((g) => groupRuns(g, placed)), [true, false]);
            assert.deepEqual(groups.map((g) => groupRuns(g, { nodeSelector: {}, tolerations: [] })), [false, true]);
        });

        it("reads a release's placements from its values, adding unplaced pods unless the whole chart is placed", () => {
            assert.deepEqual(releasePlacements({ ...placed, replicas: 2 }), [placed]);
            assert.deepEqual(releasePlacements({ prometheusOperator: placed, prometheus: { replicas: 2 } }), [placed, { nodeSelector: {}, tolerations: [] }]);
        });
    });

    describe("Helm timeouts", () => {
        it("give every release of prod a cold cluster's wait (15m + 300 s), atomically", () => {
            for (const release of planOf("prod").resources.filter((r) => r.type === T.release)) {
                assert.deepEqual([release.inputs.timeout, release.inputs.atomic], [1200, true], release.name);
            }
        });
    });
});
