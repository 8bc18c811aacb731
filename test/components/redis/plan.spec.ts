import { strict as assert } from "assert";
import { CachePlanArgs, parameterFamily, planCache } from "../../../components/redis/plan";

const args = (over: Partial<CachePlanArgs> = {}): CachePlanArgs => ({
    shards: 3,
    replicasPerShard: 1,
    nodeType: "cache.r7g.large",
    engine: "redis",
    engineVersion: "7.1",
    evictionThresholdPercent: 80,
    maxmemoryPolicy: "allkeys-lru",
    multiAz: true,
    ...over,
});

describe("cache planning", () => {
    it("derives the parameter group family from engine and major version", () => {
        assert.equal(parameterFamily("redis", "7.1"), "redis7");
        assert.equal(parameterFamily("redis", "6.2"), "redis6.x");
        assert.equal(parameterFamily("valkey", "8.0"), "valkey8");
    });

    it("turns cluster mode on and reserves memory so eviction starts at the threshold", () => {
        const plan = planCache(args());
        assert.deepEqual(plan.parameters, [
            { name: "cluster-enabled", value: "yes" },
            { name: "maxmemory-policy", value: "allkeys-lru" },
            { name: "reserved-memory-percent", value: "20" },
        ]);
        assert.equal(planCache(args({ evictionThresholdPercent: 75, maxmemoryPolicy: "volatile-lfu" })).parameters[2]?.value, "25");
    });

    it("counts nodes as shards × (1 + replicas): 6 / 4 / 4 for the requirements' regions", () => {
        assert.equal(planCache(args()).nodeCount, 6);
        assert.equal(planCache(args({ shards: 2 })).nodeCount, 4);
    });

    it("keeps automatic failover on in cluster mode and Multi-AZ only with replicas", () => {
        assert.equal(planCache(args()).automaticFailover, true);
        assert.equal(planCache(args({ replicasPerShard: 0, multiAz: false })).multiAz, false);
        assert.equal(planCache(args({ replicasPerShard: 0, multiAz: false })).automaticFailover, true);
    });

    it("refuses every bad shape at once", () => {
        assert.throws(
            () => planCache(args({ shards: 0, replicasPerShard: 0, nodeType: "r7g.large", multiAz: true })),
            (e: Error) => /shards \(0\)/.test(e.message) && /nodeType "r7g\.large" must be in the cache\. family/.test(e.message) && /multiAz needs replicasPerShard ≥ 1/.test(e.message),
        );
    });
});
