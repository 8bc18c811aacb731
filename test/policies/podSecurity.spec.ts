import { strict as assert } from "assert";
import { namespaceAdmissionProblems, podSecurityProblems } from "../../policies/rules/podSecurity";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

type Pod = JsonObject & { containers: (JsonObject & { securityContext: JsonObject })[]; securityContext: JsonObject; volumes?: JsonObject[] };
const problemsOf = (resources: readonly PlanResource[]) => podSecurityProblems(resolve(resources).resources).map((p) => `${p.message} @ ${p.resource.name}`);

/** The plan with one workload's pod spec changed by `edit` (on a deep copy). */
function withPod(resources: readonly PlanResource[], type: string, name: string, edit: (pod: Pod) => void): PlanResource[] {
    return resources.map((r) => {
        if (r.type !== type || r.name !== name) return r;
        const copy = structuredClone(r);
        const spec = copy.inputs.spec as JsonObject;
        const template = (type.endsWith(":CronJob") ? ((spec.jobTemplate as JsonObject).spec as JsonObject).template : spec.template) as JsonObject;
        edit(template.spec as Pod);
        return copy;
    });
}

describe("strata-pod-security", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds every pod template of the ${stack} plan restricted, read-only and without an API token it does not need`, () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(problemsOf(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-pod-security"), []);
        });
    }

    const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    const cases: [string, string, string, (pod: Pod) => void, string][] = [
        [DEPLOYMENT, "us-east-1-api-deployment", "a privileged container that may escalate", (pod) => (pod.containers[0]!.securityContext = { ...pod.containers[0]!.securityContext, privileged: true, allowPrivilegeEscalation: true }), "Deployment apps/api container api runs privileged"],
        [DEPLOYMENT, "us-east-1-api-deployment", "escalation", (pod) => delete pod.containers[0]!.securityContext.allowPrivilegeEscalation, "Deployment apps/api container api does not set allowPrivilegeEscalation: false"],
        [DEPLOYMENT, "us-east-1-api-deployment", "capabilities", (pod) => (pod.containers[0]!.securityContext.capabilities = { add: ["NET_ADMIN"] }), "Deployment apps/api container api adds capabilities NET_ADMIN"],
        [DEPLOYMENT, "us-east-1-api-deployment", "root", (pod) => ((pod.securityContext = { ...pod.securityContext, runAsNonRoot: false }), delete pod.containers[0]!.securityContext.runAsNonRoot), "Deployment apps/api container api may run as root (runAsNonRoot is not true on the container or the pod)"],
        [DEPLOYMENT, "us-east-1-api-deployment", "seccomp", (pod) => delete pod.securityContext.seccompProfile, "Deployment apps/api container api has no RuntimeDefault or Localhost seccomp profile"],
        [DEPLOYMENT, "us-east-1-api-deployment", "root filesystem", (pod) => (pod.containers[0]!.securityContext.readOnlyRootFilesystem = false), "Deployment apps/api container api has a writable root filesystem (set readOnlyRootFilesystem and mount an emptyDir where it writes)"],
        [DEPLOYMENT, "us-east-1-api-deployment", "host namespaces", (pod) => (pod.hostNetwork = true), "Deployment apps/api shares the node's namespaces (hostNetwork)"],
        [DEPLOYMENT, "us-east-1-api-deployment", "hostPath", (pod) => (pod.volumes = [...(pod.volumes ?? []), { name: "docker", hostPath: { path: "/var/run/docker.sock" } }]), "Deployment apps/api mounts the node's filesystem (hostPath volume docker)"],
        [DEPLOYMENT, "us-east-1-api-deployment", "a host port", (pod) => (pod.containers[0]!.ports = [{ containerPort: 8080, hostPort: 8080 }]), "Deployment apps/api container api binds host ports 8080"],
        [DEPLOYMENT, "us-east-1-api-deployment", "an unmasked /proc", (pod) => (pod.containers[0]!.securityContext.procMount = "Unmasked"), "Deployment apps/api container api unmasks /proc (procMount Unmasked)"],
        [DEPLOYMENT, "us-east-1-api-deployment", "a volume type outside restricted", (pod) => (pod.volumes = [...(pod.volumes ?? []), { name: "share", nfs: { server: "nfs", path: "/" } }]), "Deployment apps/api mounts a nfs volume (share), which the restricted standard does not allow"],
        [DEPLOYMENT, "us-east-1-api-deployment", "token", (pod) => (pod.automountServiceAccountToken = true), "Deployment apps/api mounts a service-account token but is bound to no role (set automountServiceAccountToken: false)"],
        ["kubernetes:batch/v1:Job", "us-east-1-db-bootstrap-job", "the bootstrap Job as root", (pod) => (pod.securityContext = { ...pod.securityContext, runAsUser: 0 }), "Job strata-db-bootstrap/"],
    ];
    for (const [type, name, what, edit, expected] of cases) {
        it(`names ${what} on its workload`, () => {
            const { plan } = plannedStack("prod");
            const found = problemsOf(withPod(plan.resources, type, name, edit));
            assert.ok(found.some((f) => f.startsWith(expected) && f.endsWith(`@ ${name}`)), `expected ${expected}\ngot\n${found.join("\n")}`);
        });
    }

    it("lets the scaler CronJobs keep their token: their service account is bound to the Role that patches the HPA", () => {
        const { plan } = plannedStack("prod");
        const cronJobs = plan.resources.filter((r) => r.type === "kubernetes:batch/v1:CronJob");
        assert.ok(cronJobs.length > 0);
        const unbound = plan.resources.filter((r) => !(r.type.endsWith(":RoleBinding") && r.name.endsWith("-scaler")));
        assert.deepEqual([...new Set(problemsOf(unbound).map((p) => p.split(" @ ")[1]))].sort(), cronJobs.map((r) => r.name).sort(), "without the binding each scaler's token is needless");
    });
});

describe("strata-pod-security: Pod Security Admission on the namespaces", () => {
    const admission = (resources: readonly PlanResource[], requireEnforce: boolean) => namespaceAdmissionProblems(resolve(resources).resources, requireEnforce).map((p) => `${p.message} @ ${p.resource.name}`);

    it("finds the app namespaces auditing and warning at restricted, and the bootstrap namespace enforcing it", () => {
        for (const stack of ["dev", "prod"]) assert.deepEqual(admission(plannedStack(stack).plan.resources, false), [], stack);
    });

    it("names every app namespace where enforcing is required: the injected istio-init needs NET_ADMIN until Istio CNI", () => {
        assert.deepEqual(
            admission(plannedStack("prod").plan.resources, true).sort(),
            ["ap-southeast-1-apps", "eu-west-1-apps", "us-east-1-apps"].map((n) => `Namespace apps runs pods without Pod Security Admission enforce at restricted (pod-security.kubernetes.io/enforce) @ ${n}`),
        );
    });

    it("names an app namespace that lost its audit label", () => {
        const resources = plannedStack("prod").plan.resources.map((r) => {
            if (r.type !== "kubernetes:core/v1:Namespace" || r.name !== "eu-west-1-apps") return r;
            const copy = structuredClone(r);
            delete ((copy.inputs.metadata as JsonObject).labels as JsonObject)["pod-security.kubernetes.io/audit"];
            return copy;
        });
        assert.deepEqual(admission(resources, false), ["Namespace apps runs pods without Pod Security Admission audit at restricted (pod-security.kubernetes.io/audit) @ eu-west-1-apps"]);
    });
});
