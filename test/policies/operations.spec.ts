import { strict as assert } from "assert";
import { OperationsSettings, operationsProblems } from "../../policies/rules/operations";
import { plannedStack } from "../planCommand";
import { found, withInputs } from "./planEdits";

const PROD: OperationsSettings = { maxMonitoringIntervalSeconds: 60, requireDeletionProtection: true, allowExtendedSupport: ["1.33"], allowMarkerRotation: true };
const operations = (resources: Parameters<typeof found>[1], settings = PROD) => found((r) => operationsProblems(r, settings), resources);

describe("strata-operations", () => {
    it("finds prod monitored, snapshotted, protected and rotated, with 1.33's extended support the one listed exception", () => {
        assert.deepEqual(operations(plannedStack("prod").plan.resources), []);
        assert.deepEqual(operations(plannedStack("dev").plan.resources, { ...PROD, requireDeletionProtection: false }), []);
        for (const stack of ["dev", "prod"]) assert.deepEqual(plannedStack(stack).plan.policies.violations.filter((v) => v.policy === "strata-operations"), [], stack);
    });

    it("names every cluster on a version past standard support unless the exception lists it", () => {
        const named = operations(plannedStack("prod").plan.resources, { ...PROD, allowExtendedSupport: [] }).sort();
        const expected = ["ap-southeast-1-eks", "eu-west-1-eks", "us-east-1-eks"].map((n) => `EKS cluster ${n} runs Kubernetes 1.33, past the end of standard support (2026-07-29; extended support at extra cost to 2027-07-29); upgrade, or list it in allowExtendedSupport with the reason @ ${n}`);
        assert.deepEqual(named, expected);
    });

    it("names a cluster EKS would upgrade behind the stack, one past extended support and one unprotected", () => {
        assert.deepEqual(operations(withInputs("aws:eks/cluster:Cluster", "eu-west-1-eks", (i) => (i.upgradePolicy = { supportType: "STANDARD" }))), [
            "EKS cluster eu-west-1-eks runs Kubernetes 1.33, past standard support (2026-07-29), with upgradePolicy STANDARD: EKS would upgrade it behind the stack @ eu-west-1-eks",
        ]);
        assert.deepEqual(operations(withInputs("aws:eks/cluster:Cluster", "eu-west-1-eks", (i) => (i.version = "1.30"))), ["EKS cluster eu-west-1-eks runs Kubernetes 1.30, past the end of extended support (2026-07-23) @ eu-west-1-eks"]);
        assert.deepEqual(operations(withInputs("aws:eks/cluster:Cluster", "us-east-1-eks", (i) => (i.deletionProtection = false))), ["EKS cluster us-east-1-eks can be deleted (deletionProtection) @ us-east-1-eks"]);
    });

    it("names a load balancer without deletion protection", () => {
        assert.deepEqual(operations(withInputs("aws:lb/loadBalancer:LoadBalancer", "ap-southeast-1-ingress", (i) => delete i.enableDeletionProtection)), [
            "Load balancer ap-southeast-1-ingress can be deleted (enableDeletionProtection): its address is what the edge and clients use @ ap-southeast-1-ingress",
        ]);
    });

    it("names an instance without enhanced monitoring or sampling too rarely, and a primary that skips its final snapshot", () => {
        assert.deepEqual(operations(withInputs("aws:rds/clusterInstance:ClusterInstance", "us-east-1-shard-1-writer", (i) => (i.monitoringInterval = 0))), ["Database instance us-east-1-shard-1-writer has no enhanced monitoring (monitoringInterval 0) @ us-east-1-shard-1-writer"]);
        assert.deepEqual(operations(withInputs("aws:rds/clusterInstance:ClusterInstance", "us-east-1-shard-1-writer", (i) => (i.monitoringInterval = 30)), { ...PROD, maxMonitoringIntervalSeconds: 15 }), [
            "Database instance us-east-1-shard-1-writer samples enhanced monitoring every 30 s, above the 15 s configured @ us-east-1-shard-1-writer",
        ]);
        assert.deepEqual(operations(withInputs("aws:rds/cluster:Cluster", "us-east-1-shard-3", (i) => (i.skipFinalSnapshot = true))), ["Aurora cluster us-east-1-shard-3 would be deleted without a final snapshot (skipFinalSnapshot) @ us-east-1-shard-3"]);
    });

    it("names an instance without minor upgrades, untagged snapshots and a secret deleted at once", () => {
        assert.deepEqual(operations(withInputs("aws:rds/clusterInstance:ClusterInstance", "us-east-1-shard-0-writer", (i) => (i.autoMinorVersionUpgrade = false))), [
            "Database instance us-east-1-shard-0-writer takes no minor engine upgrades (autoMinorVersionUpgrade): security fixes wait for someone to apply them @ us-east-1-shard-0-writer",
        ]);
        assert.deepEqual(operations(withInputs("aws:rds/cluster:Cluster", "eu-west-1-shard-0", (i) => (i.copyTagsToSnapshot = false))), [
            "Aurora cluster eu-west-1-shard-0 does not tag its snapshots like itself (copyTagsToSnapshot): backups lose their owner and environment @ eu-west-1-shard-0",
        ]);
        assert.deepEqual(operations(withInputs("aws:secretsmanager/secret:Secret", "shard-0-credentials", (i) => (i.recoveryWindowInDays = 0))), ["Secret shard-0-credentials is deleted at once, with no recovery window (recoveryWindowInDays 0) @ shard-0-credentials"]);
    });

    it("names a secret nothing rotates, and counts a named rotation setting only where allowed", () => {
        const untagged = withInputs("aws:secretsmanager/secret:Secret", "shard-2-credentials", (i) => delete i.tags);
        assert.deepEqual(operations(untagged), ["Secret shard-2-credentials is never rotated: add a rotation schedule or name the setting that rotates it (tag strata.io/rotation) @ shard-2-credentials"]);
        assert.equal(operations(plannedStack("prod").plan.resources, { ...PROD, allowMarkerRotation: false }).filter((m) => m.startsWith("Secret ")).length, 4);
    });
});
