import { strict as assert } from "assert";
import { NodeGroupSettings, SYSTEM_TAINT, isArm, planNodeGroup } from "../../../components/cluster/nodeGroups";

const group = (over: Partial<NodeGroupSettings> = {}): NodeGroupSettings => ({
    role: "workload",
    capacityType: "ON_DEMAND",
    instanceTypes: ["m6i.large"],
    minSize: 2,
    maxSize: 10,
    desiredSize: 3,
    diskSizeGiB: 50,
    labels: {},
    taints: [],
    ...over,
});

describe("node group planning", () => {
    it("taints system groups CriticalAddonsOnly and labels every group with its role and name", () => {
        const plan = planNodeGroup("system", group({ role: "system" }), "c");
        assert.deepEqual(plan.taints, [{ key: SYSTEM_TAINT.key, value: "true", effect: "NO_SCHEDULE" }]);
        assert.deepEqual(plan.labels, { "strata.io/node-role": "system", "strata.io/node-group": "system" });
        assert.deepEqual(planNodeGroup("web", group(), "c").taints, []);
    });

    it("keeps configured labels and taints, translating taint effects to the EKS names", () => {
        const plan = planNodeGroup("gpu", group({ labels: { team: "ml" }, taints: [{ key: "gpu", value: "", effect: "NoExecute" }] }), "c");
        assert.equal(plan.labels.team, "ml");
        assert.deepEqual(plan.taints, [{ key: "gpu", value: "", effect: "NO_EXECUTE" }]);
    });

    it("carries the cluster autoscaler's discovery and node-template tags for its cluster", () => {
        const plan = planNodeGroup("web", group(), "strata-prod-us-east-1");
        assert.equal(plan.tags["k8s.io/cluster-autoscaler/enabled"], "true");
        assert.equal(plan.tags["k8s.io/cluster-autoscaler/strata-prod-us-east-1"], "owned");
        assert.equal(plan.tags["k8s.io/cluster-autoscaler/node-template/label/strata.io/node-role"], "workload");
    });

    it("picks the arm64 AMI for Graviton types and refuses a mixed group", () => {
        assert.equal(isArm("m7g.large"), true);
        assert.equal(isArm("c6gn.xlarge"), true);
        assert.equal(isArm("m6i.large"), false);
        assert.equal(planNodeGroup("arm", group({ instanceTypes: ["m7g.large", "c7g.large"] }), "c").amiType, "AL2023_ARM_64_STANDARD");
        assert.equal(planNodeGroup("x86", group(), "c").amiType, "AL2023_x86_64_STANDARD");
        assert.throws(() => planNodeGroup("mix", group({ instanceTypes: ["m7g.large", "m6i.large"] }), "c"), /mixes arm64 and x86_64/);
    });

    it("reports every sizing problem of a group at once", () => {
        assert.throws(
            () => planNodeGroup("bad", group({ instanceTypes: [], minSize: 5, maxSize: 3, desiredSize: 9 }), "c"),
            (error: Error) =>
                /instanceTypes must name at least one/.test(error.message) &&
                /maxSize \(3\) must be ≥ minSize \(5\)/.test(error.message) &&
                /desiredSize \(9\) must be within \[5, 3\]/.test(error.message),
        );
    });
});
