import { strict as assert } from "assert";
import { dataTier } from "../../policies/rules/dataTier";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { runPolicies } from "../../tools/plan/policyRunner";
import { PROD_REGIONS, PROXY_ON, build, shardDoc } from "../components/postgres/fixture";

/*
 * strata-data-tier against the real ShardedPostgres plan (prod's three regions, proxy on, and after a
 * switchover), then against that plan with one thing broken, asserting the exact violation.
 */

const messages = async (resources: PlanResource[]) => (await runPolicies([dataTier], resources)).violations.map((v) => v.message);

/** The plan with one resource's inputs changed. */
function changed(resources: readonly PlanResource[], type: string, name: string, change: (inputs: JsonObject) => void): PlanResource[] {
    let found = false;
    const result = resources.map((r) => {
        if (r.type !== type || r.name !== name) return r;
        found = true;
        const inputs = JSON.parse(JSON.stringify(r.inputs)) as JsonObject;
        change(inputs);
        return { ...r, inputs };
    });
    assert.ok(found, `no ${type} ${name}`);
    return result;
}

/** The plan with one region's published shard map rewritten. */
function republished(resources: readonly PlanResource[], region: string, change: (doc: { shards: { writerEndpoint: string; readerEndpoint: string }[] }) => void): PlanResource[] {
    return changed(resources, "kubernetes:core/v1:ConfigMap", `${region}-shard-map`, (inputs) => {
        const data = inputs.data as Record<string, string>;
        const doc = JSON.parse(String(data["shard-map.json"])) as { shards: { writerEndpoint: string; readerEndpoint: string }[] };
        change(doc);
        data["shard-map.json"] = JSON.stringify(doc);
    });
}

describe("strata-data-tier", () => {
    let prod: PlanResource[];
    before(async () => {
        prod = (await build("strata-dt", PROD_REGIONS, { shards: 2, proxy: PROXY_ON })).resources;
    });

    it("passes on prod's plan: every region's write endpoint works, autoscaling only on the writer, proxy share plus quota within 100 %", async () => {
        assert.deepEqual(await messages(prod), []);
    });

    it("passes after a switchover to eu-west-1 and on a single-region stack", async () => {
        assert.deepEqual(await messages((await build("strata-dt", PROD_REGIONS, { shards: 2, proxy: PROXY_ON, writerRegion: "eu-west-1" })).resources), []);
        assert.deepEqual(await messages((await build("strata-dt1", [{ name: "us-east-1", primary: true, readers: 1 }], { shards: 1, proxy: PROXY_ON })).resources), []);
    });

    it("fails when a secondary region is given its own cluster's (inactive) cluster endpoint: the defect of issue 17", async () => {
        const broken = republished(prod, "eu-west-1", (doc) => {
            for (const shard of doc.shards) shard.writerEndpoint = shard.readerEndpoint.replace(".cluster-ro-", ".cluster-");
        });
        const found = await messages(broken);
        assert.equal(found.length, 2);
        assert.match(found[0]!, /^Region eu-west-1's shard 0 writes to strata-dt-eu-west-1-shard-0\.cluster-[0-9a-f]+\.eu-west-1\.rds\.amazonaws\.com, the cluster endpoint of strata-dt-eu-west-1-shard-0, a secondary cluster: AWS keeps it inactive \(read queries only\)/);
    });

    it("fails when a region is given another region's endpoint, or the primary's readers", async () => {
        const primaryWriter = shardDoc(prod, "us-east-1").shards[0]!.writerEndpoint;
        const crossRegion = republished(prod, "ap-southeast-1", (doc) => {
            doc.shards[0]!.writerEndpoint = primaryWriter;
        });
        assert.deepEqual(await messages(crossRegion), [`Region ap-southeast-1's shard 0 writes to ${primaryWriter}, an endpoint in us-east-1: the region's applications have no network path to another region's VPC`]);
        const toReaders = republished(prod, "us-east-1", (doc) => {
            doc.shards[1]!.writerEndpoint = doc.shards[1]!.readerEndpoint;
        });
        assert.match((await messages(toReaders))[0]!, /, the reader endpoint of strata-dt-us-east-1-shard-1, which holds the writer: its readers refuse writes/);
    });

    it("fails when a secondary's write forwarding is off or its consistency parameter would refuse forwarded writes", async () => {
        const off = changed(prod, "aws:rds/cluster:Cluster", "ap-southeast-1-shard-1", (i) => {
            i.enableGlobalWriteForwarding = false;
        });
        assert.deepEqual((await messages(off)).map((m) => m.replace(/writes to \S+, /, "writes to …, ")), [
            "Region ap-southeast-1's shard 1 writes to …, the reader endpoint of secondary strata-dt-ap-southeast-1-shard-1, whose global write forwarding is off: every write fails",
        ]);
        const groupName = prod.find((r) => r.type === "aws:rds/clusterParameterGroup:ClusterParameterGroup" && r.region === "eu-west-1")!.name;
        const noConsistency = changed(prod, "aws:rds/clusterParameterGroup:ClusterParameterGroup", groupName, (i) => {
            i.parameters = (i.parameters as { name: string }[]).filter((p) => p.name !== "apg_write_forward.consistency_mode");
        });
        const found = await messages(noConsistency);
        assert.equal(found.length, 2, "both eu-west-1 shards");
        assert.match(found[0]!, /whose cluster parameter group leaves apg_write_forward\.consistency_mode at "off", which refuses forwarded writes/);
    });

    it("fails when reader autoscaling targets a secondary cluster", async () => {
        const broken = changed(prod, "aws:appautoscaling/target:Target", "us-east-1-shard-0-readers", (i) => {
            i.resourceId = "cluster:strata-dt-eu-west-1-shard-0";
        });
        assert.deepEqual(await messages(broken), [
            "Reader autoscaling targets strata-dt-eu-west-1-shard-0, a secondary cluster of global database strata-dt-shard-0: Aurora Auto Scaling does not support secondaries; scale the writer region's clusters only",
        ]);
    });

    it("fails when a proxy's share plus write forwarding's quota exceeds 100 %", async () => {
        const broken = changed(prod, "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "eu-west-1-shard-0-proxy", (i) => {
            i.connectionPoolConfig = { maxConnectionsPercent: 90 };
        });
        assert.deepEqual(await messages(broken), [
            "RDS Proxy strata-dt-shard-0 in eu-west-1: MaxConnectionsPercent 90 plus write forwarding's 25 % (apg_write_forward.max_forwarding_connections_percent) exceed 100 % of strata-dt-eu-west-1-shard-0's max_connections; AWS asks to reduce the proxy's share by the forwarding quota",
        ]);
        const unset = changed(prod, "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "us-east-1-shard-1-proxy", (i) => {
            delete i.connectionPoolConfig;
        });
        assert.match((await messages(unset))[0]!, /MaxConnectionsPercent 100 plus write forwarding's 25 %/, "AWS's default share is 100 %");
    });

    it("fails when no member, or two, hold the writer", async () => {
        const broken = changed(prod, "aws:rds/cluster:Cluster", "eu-west-1-shard-1", (i) => {
            i.tags = { "strata.io/global-role": "primary" };
        });
        const found = await messages(broken);
        assert.equal(found[0], "Global database strata-dt-shard-1: 2 member clusters are tagged strata.io/global-role=primary; exactly one holds the writer");
    });

    it("fails when a secondary region is given the global writer endpoint while no VPC reaches the writer's", async () => {
        const broken = republished(prod, "eu-west-1", (doc) => {
            doc.shards[0]!.writerEndpoint = "strata-dt-shard-0.global-abcdef1234.global.rds.amazonaws.com";
        });
        assert.deepEqual(await messages(broken), [
            "Region eu-west-1's shard 0 writes to strata-dt-shard-0.global-abcdef1234.global.rds.amazonaws.com, the global writer endpoint: it resolves into us-east-1's VPC, which eu-west-1 has no network path to; write through the region's own cluster with write forwarding",
        ]);
    });
});
