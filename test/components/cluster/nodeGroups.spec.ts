import { strict as assert } from "assert";
import { NodeGroupSettings, SYSTEM_TAINT, isArm, planNodeGroup, shares } from "../../../components/cluster/nodeGroups";

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
        const plan = planNodeGroup("system", group({ role: "system" }), "c", 3);
        assert.deepEqual(plan.taints, [{ key: SYSTEM_TAINT.key, value: "true", effect: "NO_SCHEDULE" }]);
        assert.deepEqual(plan.labels, { "strata.io/node-role": "system", "strata.io/node-group": "system" });
        assert.deepEqual(planNodeGroup("web", group(), "c", 3).taints, []);
    });

    it("keeps configured labels and taints, translating taint effects to the EKS names", () => {
        const plan = planNodeGroup("gpu", group({ labels: { team: "ml" }, taints: [{ key: "gpu", value: "", effect: "NoExecute" }] }), "c", 3);
        assert.equal(plan.labels.team, "ml");
        assert.deepEqual(plan.taints, [{ key: "gpu", value: "", effect: "NO_EXECUTE" }]);
    });

    it("carries the cluster autoscaler's discovery and node-template tags for its cluster", () => {
        const plan = planNodeGroup("web", group(), "strata-prod-us-east-1", 3);
        assert.equal(plan.tags["k8s.io/cluster-autoscaler/enabled"], "true");
        assert.equal(plan.tags["k8s.io/cluster-autoscaler/strata-prod-us-east-1"], "owned");
        assert.equal(plan.tags["k8s.io/cluster-autoscaler/node-template/label/strata.io/node-role"], "workload");
    });

    it("picks the arm64 AMI for Graviton types and refuses a mixed group", () => {
        assert.equal(isArm("m7g.large"), true);
        assert.equal(isArm("c6gn.xlarge"), true);
        assert.equal(isArm("m6i.large"), false);
        assert.equal(planNodeGroup("arm", group({ instanceTypes: ["m7g.large", "c7g.large"] }), "c", 3).amiType, "AL2023_ARM_64_STANDARD");
        assert.equal(planNodeGroup("x86", group(), "c", 3).amiType, "AL2023_x86_64_STANDARD");
        assert.throws(() => planNodeGroup("mix", group({ instanceTypes: ["m7g.large", "m6i.large"] }), "c", 3), /mixes arm64 and x86_64/);
    });

    it("reports every sizing problem of a group at once", () => {
        assert.throws(
            () => planNodeGroup("bad", group({ instanceTypes: [], minSize: 5, maxSize: 3, desiredSize: 9 }), "c", 3),
            (error: Error) =>
                /instanceTypes must name at least one/.test(error.message) &&
                /maxSize \(3\) must be ≥ minSize \(5\)/.test(error.message) &&
                /desiredSize \(9\) must be within \[5, 3\]/.test(error.message),
        );
    });

    it("splits a group over its zones, the remainder to the first zones, keeping min ≤ desired ≤ max in each", () => {
        assert.deepEqual(shares(7, 3), [3, 2, 2]);
        assert.deepEqual(shares(60, 3), [20, 20, 20]);
        assert.deepEqual(shares(0, 2), [0, 0]);
        const plan = planNodeGroup("general", group({ minSize: 7, desiredSize: 8, maxSize: 60 }), "c", 3);
        assert.deepEqual(plan.zonal, [
            { minSize: 3, maxSize: 20, desiredSize: 3 },
            { minSize: 2, maxSize: 20, desiredSize: 3 },
            { minSize: 2, maxSize: 20, desiredSize: 2 },
        ]);
        for (const [min, desired, max] of [[0, 1, 3], [5, 9, 13], [3, 3, 3]] as const) {
            for (const zones of [1, 2, 3]) {
                const zonal = planNodeGroup("g", group({ minSize: min, desiredSize: desired, maxSize: max }), "c", zones).zonal;
                assert.deepEqual([zonal.reduce((n, z) => n + z.minSize, 0), zonal.reduce((n, z) => n + z.desiredSize, 0), zonal.reduce((n, z) => n + z.maxSize, 0)], [min, desired, max]);
                assert.ok(zonal.every((z) => z.minSize <= z.desiredSize && z.desiredSize <= z.maxSize && z.maxSize >= 1), JSON.stringify(zonal));
            }
        }
    });

    it("refuses a maximum below the zone count: every zone's group needs a maximum of at least 1", () => {
        assert.throws(() => planNodeGroup("tiny", group({ minSize: 1, desiredSize: 1, maxSize: 2 }), "c", 3), /nodeGroups\.tiny\.maxSize \(2\) must be ≥ 3: each of the 3 zones gets its own group/);
    });
});
