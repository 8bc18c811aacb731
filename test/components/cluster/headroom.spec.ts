import { strict as assert } from "assert";
import { OVERPROVISIONING } from "../../../catalog/provisioners";
import { HEADROOM_NAMESPACE, HEADROOM_PRIORITY_CLASS, planHeadroom } from "../../../components/cluster/headroom";
import { plannedStack } from "../../planCommand";

describe("headroom placeholders", () => {
    const objects = planHeadroom({ pods: 6, cpu: "1", memory: "2Gi" }, { "strata.io/node-role": "workload" });
    const pod = objects?.deployment.spec.template.spec;

    it("plans nothing when the cluster asks for no placeholders", () => {
        assert.equal(planHeadroom({ pods: 0, cpu: "1", memory: "2Gi" }, {}), undefined);
    });

    it("sits below every workload and at the cluster autoscaler's expendable cutoff, so it still makes it scale up", () => {
        assert.equal(objects?.priorityClass.value, OVERPROVISIONING.rows.placeholderPriority);
        assert.ok((objects?.priorityClass.value ?? 0) >= OVERPROVISIONING.rows.expendablePodsPriorityCutoff);
        assert.ok((objects?.priorityClass.value ?? 0) < 0, "below the default priority 0 of every workload");
        assert.equal(objects?.priorityClass.preemptionPolicy, "Never");
        assert.equal(objects?.priorityClass.globalDefault, false);
    });

    it("holds its room on the workload nodes and leaves at once when preempted", () => {
        assert.equal(objects?.deployment.spec.replicas, 6);
        assert.equal(pod?.priorityClassName, HEADROOM_PRIORITY_CLASS);
        assert.equal(pod?.terminationGracePeriodSeconds, 0);
        assert.deepEqual(pod?.nodeSelector, { "strata.io/node-role": "workload" });
        assert.deepEqual(pod?.containers[0]?.resources, { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } });
    });

    it("meets the restricted Pod Security Standard, which its namespace enforces", () => {
        assert.equal(objects?.namespace.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        assert.equal(pod?.securityContext.runAsNonRoot, true);
        assert.equal(pod?.securityContext.seccompProfile.type, "RuntimeDefault");
        assert.deepEqual(pod?.containers[0]?.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
        assert.equal(pod?.automountServiceAccountToken, false);
    });

    it("runs in prod's us-east-1 only, as the optimizer sized it: 14 placeholders of 1 vCPU / 2 GiB", () => {
        const { plan } = plannedStack("prod");
        const placeholders = plan.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment" && (r.inputs.metadata as { namespace?: string }).namespace === HEADROOM_NAMESPACE);
        assert.deepEqual(
            placeholders.map((r) => [r.region, (r.inputs.spec as { replicas: number }).replicas]),
            [["us-east-1", 14]],
        );
        assert.deepEqual(plan.resources.filter((r) => r.type === "kubernetes:scheduling.k8s.io/v1:PriorityClass").map((r) => r.region), ["us-east-1"]);
    });
});
