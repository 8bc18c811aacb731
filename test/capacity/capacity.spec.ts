import { strict as assert } from "assert";
import { auroraMaxConnections } from "../../capacity/databases";
import { clusterFit, connectionDemand, throughputCovered } from "../../capacity/fit";
import { allocatable, groupAllocatable, reservedCpuMillis } from "../../capacity/instances";
import { INSTANCE_TYPES } from "../../catalog/instanceTypes";

describe("capacity model", () => {
    it("reserves CPU by the EKS AMI's tiers", () => {
        assert.equal(reservedCpuMillis(1), 60);
        assert.equal(reservedCpuMillis(2), 70);
        assert.equal(reservedCpuMillis(4), 80);
        assert.equal(reservedCpuMillis(16), 110);
    });

    it("computes allocatable from capacity, pods-based memory reservation and the eviction threshold", () => {
        const m6i = allocatable(INSTANCE_TYPES.rows["m6i.2xlarge"]!);
        assert.deepEqual(m6i, { cpuMillis: 8000 - 90, memoryMiB: 32 * 1024 - (255 + 11 * 58) - 100, pods: 58 });
    });

    it("counts a mixed group by its smallest type, and refuses to guess an unknown one", () => {
        assert.equal(groupAllocatable(["c6i.4xlarge", "m6i.2xlarge"])?.cpuMillis, 8000 - 90);
        assert.equal(groupAllocatable(["x9.huge"]), undefined);
    });

    it("finds the dev cluster short on CPU at 6 nodes and fitting at 12", () => {
        const workloads = [
            { name: "api", maxReplicas: 5, cpu: "500m", memory: "1Gi" },
            { name: "analysis", maxReplicas: 3, cpu: "2", memory: "4Gi" },
            { name: "fund", maxReplicas: 5, cpu: "1000m", memory: "2Gi" },
        ];
        const group = (maxSize: number) => [{ name: "workload", maxSize, allocatable: groupAllocatable(["m6i.large"]) }];
        assert.deepEqual(clusterFit(workloads, group(6), 20).short, ["cpu"]);
        assert.deepEqual(clusterFit(workloads, group(12), 20).short, []);
    });

    it("derives Aurora's default max_connections from instance memory, capped at 5,000", () => {
        assert.equal(auroraMaxConnections("db.r6g.large"), 1802);
        assert.equal(auroraMaxConnections("db.r6g.2xlarge"), 5000);
        assert.equal(auroraMaxConnections("db.t4g.medium"), 450);
        assert.equal(auroraMaxConnections("db.x9.mega"), undefined);
    });

    it("adds up pools and checks throughput against a region's share", () => {
        assert.equal(connectionDemand([{ maxReplicas: 100, poolSize: 20 }, { maxReplicas: 15, poolSize: 20 }]), 2300);
        assert.deepEqual(throughputCovered(100, 100, 10000, 50), { capacity: 10000, needed: 5000, ok: true });
        assert.equal(throughputCovered(40, 100, 10000, 50).ok, false);
    });
});
