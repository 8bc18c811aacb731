import { strict as assert } from "assert";
import { supportsGlobalWriteForwarding } from "../../../catalog/aurora";
import { FORWARDING_QUOTA_PERCENT, TopologyInput, forwardingParameters, planTopology, proxyConnectionsPercent } from "../../../components/postgres/topology";

const PROD: TopologyInput = {
    regions: [
        { name: "us-east-1", primary: true, readersPerShard: 2 },
        { name: "eu-west-1", primary: false, readersPerShard: 2 },
        { name: "ap-southeast-1", primary: false, readersPerShard: 1 },
    ],
    engineVersion: "16.4",
    proxy: { enabled: true, maxConnectionsPercent: 90 },
    readerAutoscaling: { enabled: true },
};

function planned(input: TopologyInput) {
    const result = planTopology(input);
    if (!result.ok) throw new Error(result.problems.join("; "));
    return result.topology;
}

describe("data tier topology (pure)", () => {
    describe("proxyConnectionsPercent", () => {
        it("takes write forwarding's quota out of the proxy's share, as AWS asks", () => {
            assert.equal(proxyConnectionsPercent(90, 25), 65);
            assert.equal(proxyConnectionsPercent(100, 25), 75);
            assert.equal(proxyConnectionsPercent(26, 25), 1);
        });

        it("keeps the configured share when nothing forwards", () => {
            assert.equal(proxyConnectionsPercent(90, 0), 90);
            assert.equal(proxyConnectionsPercent(100, 0), 100);
        });

        it("never lets proxy share plus quota pass 100 %", () => {
            for (let configured = 26; configured <= 100; configured++) assert.ok(proxyConnectionsPercent(configured, 25) + 25 <= 100, String(configured));
        });

        it("refuses a share that leaves the proxy nothing, or one outside AWS's 1–100", () => {
            assert.throws(() => proxyConnectionsPercent(25, 25), /proxy\.maxConnectionsPercent \(25\) leaves no connections for the proxy once write forwarding keeps 25 %/);
            assert.throws(() => proxyConnectionsPercent(0, 0), /must be an integer from 1 to 100/);
            assert.throws(() => proxyConnectionsPercent(101, 0), /must be an integer from 1 to 100/);
        });
    });

    describe("planTopology", () => {
        it("routes the writer region through its proxy and every other region through forwarding", () => {
            const t = planned(PROD);
            assert.deepEqual([t.home, t.writer, t.global, t.forwardingQuotaPercent, t.proxyMaxConnectionsPercent], ["us-east-1", "us-east-1", true, 25, 65]);
            assert.deepEqual(
                t.regions.map((r) => [r.name, r.route, r.replicas, r.readerAutoscaling]),
                [
                    ["us-east-1", "proxy", 2, true],
                    ["eu-west-1", "forwarded", 2, false],
                    ["ap-southeast-1", "forwarded", 1, false],
                ],
            );
        });

        it("without a proxy the writer region writes to the writer's cluster endpoint", () => {
            const t = planned({ ...PROD, proxy: { enabled: false, maxConnectionsPercent: 90 } });
            assert.equal(t.regions[0]?.route, "cluster");
            assert.equal(t.proxyMaxConnectionsPercent, undefined);
        });

        it("after a switchover the new writer region writes and scales, with one reader fewer; the home region forwards", () => {
            const t = planned({ ...PROD, writerRegion: "eu-west-1" });
            assert.deepEqual([t.home, t.writer], ["us-east-1", "eu-west-1"]);
            assert.deepEqual(
                t.regions.map((r) => [r.name, r.home, r.writer, r.route, r.replicas, r.readerAutoscaling]),
                [
                    ["us-east-1", true, false, "forwarded", 3, false],
                    ["eu-west-1", false, true, "proxy", 1, true],
                    ["ap-southeast-1", false, false, "forwarded", 1, false],
                ],
            );
        });

        it("does not scale a writer region left without a reader (AWS needs one to start)", () => {
            const t = planned({ ...PROD, writerRegion: "ap-southeast-1" });
            assert.deepEqual(t.regions.map((r) => r.readerAutoscaling), [false, false, false]);
        });

        it("one region: no global database, no forwarding, the proxy keeps its share", () => {
            const t = planned({ ...PROD, regions: [{ name: "us-east-1", primary: true, readersPerShard: 1 }] });
            assert.deepEqual([t.global, t.forwardingQuotaPercent, t.proxyMaxConnectionsPercent, t.regions[0]?.route], [false, 0, 90, "proxy"]);
            assert.deepEqual(forwardingParameters(t), []);
        });

        it("reports every problem at once", () => {
            const result = planTopology({ ...PROD, writerRegion: "us-west-2", engineVersion: "14.8", proxy: { enabled: true, maxConnectionsPercent: 10 } });
            assert.ok(!result.ok);
            assert.equal(result.problems.length, 3);
            assert.match(result.problems[0]!, /writerRegion \(us-west-2\) must be one of the stack's regions/);
            assert.match(result.problems[1]!, /engineVersion \(14\.8\) does not support global write forwarding/);
            assert.match(result.problems[2]!, /proxy\.maxConnectionsPercent \(10\) leaves no connections/);
        });
    });

    it("sets forwarding's two cluster parameters, static, with the quota the proxy math used", () => {
        assert.deepEqual(forwardingParameters({ global: true, forwardingQuotaPercent: FORWARDING_QUOTA_PERCENT }), [
            { name: "apg_write_forward.consistency_mode", value: "session", applyMethod: "pending-reboot" },
            { name: "apg_write_forward.max_forwarding_connections_percent", value: "25", applyMethod: "pending-reboot" },
        ]);
    });

    it("knows which Aurora PostgreSQL versions forward writes globally (16: all; 15.4+; 14.9+)", () => {
        const cases: [string, boolean][] = [
            ["16.4", true],
            ["16.1", true],
            ["17.2", true],
            ["15.4", true],
            ["15.3", false],
            ["14.9", true],
            ["14.8", false],
            ["13.12", false],
            ["sixteen", false],
        ];
        for (const [version, expected] of cases) assert.equal(supportsGlobalWriteForwarding(version), expected, version);
    });
});
