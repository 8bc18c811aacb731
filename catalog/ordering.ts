import { Sourced } from "./source";

/*
 * What decides the order of a first deployment: how the Pulumi SDK turns `dependsOn` into the dependency
 * list the engine waits for, which namespaces exist before the stack does, how Istio picks the pods it
 * injects, and how long a Helm release and an EKS node group wait. Read by policies/rules/ordering.ts and by
 * the Helm timeouts (components/cluster/charts.ts).
 */

const CHECKED = "2026-12-02";

/**
 * `dependsOn: [component]` in @pulumi/pulumi 3.248 (runtime/dependsOn.ts, `getAllTransitivelyReferencedResourceURNs`,
 * called from `prepareResource` in runtime/resource.ts for `dependsOn` and for every property's dependencies):
 * a local component is replaced by its children, walked through nested local components, stopping at custom
 * resources (a custom resource's own children are not added) and at remote components (kept themselves); the
 * component itself is not in the list, nor is the resource being registered. The walk runs once the component's
 * constructor has returned, so children created later (inside an `apply`) are missed. A component's own
 * `dependsOn` is not copied to its children (resource.ts copies only `protect`, the providers and the
 * transformations from the parent), so no child lists it among its dependencies. What a resource waits for: the
 * SDK awaits the URN of every listed resource before registering, and a URN resolves when the engine has
 * finished that resource's step (resource-registration.md: "After the action completes, the engine returns the
 * new state"). A child also awaits its parent's URN, and a component registers only after its own dependencies'
 * URNs resolved, so in the Node.js SDK a component's children happen to start after its `dependsOn` on a create;
 * but that edge is in no dependency list: not in state, not in delete or replacement order, not in
 * `--target`, not in what CrossGuard sees. The ordering rule counts recorded edges only.
 */
export const PULUMI_DEPENDS_ON: Sourced<{ readonly componentExpandsToCustomDescendants: true; readonly inheritedByChildren: false }> = {
    sources: [
        { url: "https://github.com/pulumi/pulumi/blob/v3.248.0/sdk/nodejs/runtime/dependsOn.ts", version: "@pulumi/pulumi 3.248.0", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi/blob/v3.248.0/sdk/nodejs/runtime/resource.ts", version: "@pulumi/pulumi 3.248.0", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi/blob/v3.248.0/sdk/nodejs/resource.ts", version: "@pulumi/pulumi 3.248.0", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi/blob/master/developer-docs/architecture/resource-registration.md", checked: CHECKED },
    ],
    rows: { componentExpandsToCustomDescendants: true, inheritedByChildren: false },
};

/** Namespaces a new cluster already has: objects in them wait for nothing the stack creates. */
export const INITIAL_NAMESPACES: Sourced<readonly string[]> = {
    sources: [{ url: "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces", version: "Kubernetes 1.33", checked: CHECKED }],
    rows: ["default", "kube-node-lease", "kube-public", "kube-system"],
};

/**
 * istiod's sidecar injector (chart istiod, templates/mutatingwebhook.yaml at 1.26.8) is called for pods in
 * namespaces labelled `istio-injection: enabled`, except pods labelled `sidecar.istio.io/inject: "false"`, with
 * `failurePolicy: Fail`. Before istiod's release exists there is no webhook, so pods start without a sidecar.
 */
export const ISTIO_INJECTION: Sourced<{ readonly namespaceLabel: string; readonly namespaceValue: string; readonly podOptOutLabel: string; readonly podOptOutValue: string }> = {
    sources: [{ url: "https://github.com/istio/istio/blob/1.26.8/manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml", version: "istiod 1.26.8", checked: CHECKED }],
    rows: { namespaceLabel: "istio-injection", namespaceValue: "enabled", podOptOutLabel: "sidecar.istio.io/inject", podOptOutValue: "false" },
};

/**
 * The AWS Load Balancer Controller chart registers mutating and validating webhooks for TargetGroupBindings
 * with `failurePolicy: Fail` (templates/webhook.yaml at 1.14.1): a binding is refused until the controller's
 * pods serve them, so a TargetGroupBinding waits for the controller's release, not only for its CRD.
 */
export const LOAD_BALANCER_CONTROLLER_WEBHOOKS: Sourced<{ readonly chart: string; readonly kinds: readonly string[] }> = {
    sources: [{ url: "https://github.com/aws/eks-charts/blob/7b027f2e6b4961a40c8db013ee86a32b8d7eddda/stable/aws-load-balancer-controller/templates/webhook.yaml", version: "aws-load-balancer-controller 1.14.1", checked: CHECKED }],
    rows: { chart: "aws-load-balancer-controller", kinds: ["TargetGroupBinding"] },
};

/**
 * How long things wait on a first deployment.
 * - `helmDefaultTimeoutSeconds`: a `kubernetes:helm.sh/v3:Release` without `timeout` waits 300 s for its
 *   objects (and each hook Job) to be ready (pulumi-kubernetes provider/pkg/provider/helm_release.go,
 *   `defaultTimeoutSeconds`); with `atomic` a timed-out install is uninstalled.
 * - An EKS managed node group's create returns only once the group is ACTIVE, its nodes joined
 *   (terraform-provider-aws internal/service/eks, `waitNodegroupCreated`: CREATING → ACTIVE): a release that
 *   depends on the group starts with nodes in the cluster.
 * - The cluster autoscaler's `max-node-provision-time` is how long it waits for a node it asked for before it
 *   gives up on it (cluster-autoscaler FAQ, "What are the parameters to CA?"); the stack configures it
 *   (`cluster.autoscaler.maxNodeProvisionTime`).
 */
export const DEPLOY_WAITS: Sourced<{ readonly helmDefaultTimeoutSeconds: number }> = {
    sources: [
        { url: "https://github.com/pulumi/pulumi-kubernetes/blob/master/provider/pkg/provider/helm_release.go", version: "@pulumi/kubernetes 4.x (stored commit 01799d5)", checked: CHECKED },
        { url: "https://helm.sh/docs/helm/helm_install/", version: "Helm 3", checked: CHECKED },
        { url: "https://github.com/hashicorp/terraform-provider-aws/tree/main/internal/service/eks", version: "terraform-provider-aws v6.x", checked: CHECKED },
        { url: "https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md#what-are-the-parameters-to-ca", checked: CHECKED },
    ],
    rows: { helmDefaultTimeoutSeconds: 300 },
};
