import { strict as assert } from "assert";
import { BUCKETS, bucketOwners, planShardMove, shardMapDocument, shardRanges } from "../../../components/postgres/shardMap";

const counts = (owners: number[], shards: number) => owners.reduce((c, s) => (c[s]++, c), new Array<number>(shards).fill(0));

describe("shard map planning", () => {
    it("covers every bucket exactly once with contiguous, ordered ranges, for every shard count 1–64", () => {
        for (let shards = 1; shards <= 64; shards++) {
            const ranges = shardRanges(shards);
            assert.equal(ranges[0]?.from, 0);
            assert.equal(ranges[ranges.length - 1]?.to, BUCKETS - 1);
            ranges.forEach((range, i) => {
                assert.ok(range.from <= range.to);
                if (i > 0) assert.equal(range.from, ranges[i - 1]!.to + 1, `gap or overlap before range ${i} at ${shards} shards`);
                if (i > 0) assert.notEqual(range.shard, ranges[i - 1]!.shard, "adjacent ranges of one shard are merged");
                assert.ok(range.shard >= 0 && range.shard < shards);
            });
            assert.equal(new Set(ranges.map((r) => r.shard)).size, shards, "every shard owns buckets");
        }
    });

    it("balances buckets within one, for every shard count and several bucket counts", () => {
        for (const buckets of [64, 100, 1024, 4096]) {
            for (let shards = 1; shards <= Math.min(64, buckets); shards++) {
                const c = counts(bucketOwners(shards, buckets), shards);
                assert.ok(Math.max(...c) - Math.min(...c) <= 1, `${shards} shards over ${buckets} buckets: ${c.join(",")}`);
            }
        }
    });

    it("moves only the buckets new shards take, never between existing shards, for every N < M ≤ 64", () => {
        for (let before = 1; before < 64; before += 3) {
            for (let after = before + 1; after <= 64; after += 5) {
                const moves = planShardMove(before, after);
                const moved = moves.reduce((n, m) => n + m.to - m.from + 1, 0);
                const taken = counts(bucketOwners(after), after).slice(before).reduce((a, b) => a + b, 0);
                assert.equal(moved, taken, `${before} → ${after}`);
                for (const move of moves) {
                    assert.ok(move.fromShard < before && move.toShard >= before, `${before} → ${after}: ${JSON.stringify(move)}`);
                }
            }
        }
    });

    it("plans 4 → 8 as half the key space moving, each old shard giving a quarter of its own", () => {
        const moves = planShardMove(4, 8);
        const fromEach = [0, 1, 2, 3].map((shard) => moves.filter((m) => m.fromShard === shard).reduce((n, m) => n + m.to - m.from + 1, 0));
        assert.deepEqual(fromEach, [128, 128, 128, 128]);
        assert.deepEqual(planShardMove(4, 4), []);
    });

    it("plans the reverse move too (shrinking is a data migration, never just a config change)", () => {
        const grow = planShardMove(4, 8);
        const shrink = planShardMove(8, 4);
        assert.deepEqual(shrink.map((m) => [m.from, m.to, m.toShard, m.fromShard]), grow.map((m) => [m.from, m.to, m.fromShard, m.toShard]));
    });

    it("refuses shard counts outside 1–64", () => {
        assert.throws(() => bucketOwners(0), /shards \(0\) must be an integer from 1 to 64/);
        assert.throws(() => bucketOwners(65), /from 1 to 64/);
        assert.throws(() => bucketOwners(2.5), /integer/);
    });

    it("documents the hash rule, the ranges, the region it is for and each shard's endpoints", () => {
        const doc = shardMapDocument(
            { users: "user_id" },
            [
                { index: 0, writerEndpoint: "w0", writeRoute: "forwarded", readerEndpoint: "r0", port: 5432, database: "strata" },
                { index: 1, writerEndpoint: "w1", writeRoute: "forwarded", readerEndpoint: "r1", port: 5432, database: "strata" },
            ],
            { region: "eu-west-1" },
        );
        assert.equal(doc.version, 1);
        assert.equal(doc.region, "eu-west-1");
        assert.equal(doc.shards[0]?.writeRoute, "forwarded");
        assert.deepEqual(doc.hash.algorithm, "crc32");
        assert.equal(doc.hash.buckets, 1024);
        assert.deepEqual(doc.ranges, [
            { from: 0, to: 511, shard: 0 },
            { from: 512, to: 1023, shard: 1 },
        ]);
        assert.equal(doc.shards[1]?.readerEndpoint, "r1");
    });
});
