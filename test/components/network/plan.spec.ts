import { strict as assert } from "assert";
import { contains, formatCidr, overlaps, parseCidr } from "../../../components/network/cidr";
import { SUBNET_TIERS, planNetwork } from "../../../components/network/plan";

/** A small deterministic generator, so a failing case can be replayed. */
function* random(seed: number): Generator<number> {
    let state = seed;
    for (;;) {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        yield state / 2 ** 31;
    }
}

function randomVpc(rand: Generator<number>): { vpcCidr: string; azCount: number } {
    const next = () => rand.next().value as number;
    const prefix = 16 + Math.floor(next() * 9);
    const base = Math.floor(next() * 2 ** prefix) * 2 ** (32 - prefix);
    const azCount = 2 + Math.floor(next() * 5);
    return { vpcCidr: formatCidr({ base, prefix }), azCount };
}

describe("network address plan", () => {
    it("gives prod's /16 over 3 zones /19 private and /20 public and data subnets", () => {
        const plan = planNetwork({ vpcCidr: "10.0.0.0/16", azCount: 3, natGateways: "perAz" });
        const cidrs = (tier: string) => plan.subnets.filter((s) => s.tier === tier).map((s) => s.cidr);
        assert.deepEqual(cidrs("private"), ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]);
        assert.deepEqual(cidrs("public"), ["10.0.128.0/20", "10.0.144.0/20", "10.0.160.0/20"]);
        assert.deepEqual(cidrs("data"), ["10.0.192.0/20", "10.0.208.0/20", "10.0.224.0/20"]);
    });

    it("places a NAT gateway in every zone for perAz and routes each zone through its own", () => {
        const plan = planNetwork({ vpcCidr: "10.0.0.0/16", azCount: 3, natGateways: "perAz" });
        assert.deepEqual(plan.natAzIndexes, [0, 1, 2]);
        assert.deepEqual(plan.privateRouteNat, [0, 1, 2]);
    });

    it("shares one NAT gateway in the first zone for single", () => {
        const plan = planNetwork({ vpcCidr: "10.10.0.0/16", azCount: 2, natGateways: "single" });
        assert.deepEqual(plan.natAzIndexes, [0]);
        assert.deepEqual(plan.privateRouteNat, [0, 0]);
    });

    it("refuses a VPC too small for its zones, naming vpcCidr and the limit", () => {
        assert.throws(() => planNetwork({ vpcCidr: "10.0.0.0/24", azCount: 5, natGateways: "single" }), /vpcCidr 10\.0\.0\.0\/24 is too small for 5 zones: its subnets would be \/29, AWS allows at most \/28/);
    });

    it("keeps existing subnets in place when zones are added (2 → 3 → 4)", () => {
        const two = planNetwork({ vpcCidr: "10.0.0.0/16", azCount: 2, natGateways: "perAz" }).subnets;
        for (const azCount of [3, 4]) {
            const grown = planNetwork({ vpcCidr: "10.0.0.0/16", azCount, natGateways: "perAz" }).subnets;
            for (const subnet of two) assert.ok(grown.some((g) => g.tier === subnet.tier && g.azIndex === subnet.azIndex && g.cidr === subnet.cidr), `${subnet.tier} zone ${subnet.azIndex} moved at azCount ${azCount}`);
        }
    });

    it("over 500 random VPCs: subnets lie inside the VPC, never overlap, and every zone has every tier", () => {
        const rand = random(20261121);
        for (let i = 0; i < 500; i++) {
            const { vpcCidr, azCount } = randomVpc(rand);
            const vpc = parseCidr(vpcCidr);
            let plan;
            try {
                plan = planNetwork({ vpcCidr, azCount, natGateways: i % 2 === 0 ? "perAz" : "single" });
            } catch (error) {
                assert.match((error as Error).message, /is too small for/, `${vpcCidr} × ${azCount}`);
                continue;
            }
            const blocks = plan.subnets.map((s) => parseCidr(s.cidr));
            blocks.forEach((block, a) => {
                assert.ok(contains(vpc, block), `${formatCidr(block)} outside ${vpcCidr}`);
                assert.ok(block.prefix <= 28, `${formatCidr(block)} smaller than /28`);
                for (let b = a + 1; b < blocks.length; b++) assert.ok(!overlaps(block, blocks[b]!), `${formatCidr(block)} overlaps ${formatCidr(blocks[b]!)} in ${vpcCidr}`);
            });
            for (let az = 0; az < azCount; az++) {
                for (const tier of SUBNET_TIERS) assert.equal(plan.subnets.filter((s) => s.azIndex === az && s.tier === tier).length, 1, `${tier} in zone ${az} of ${vpcCidr}`);
            }
            for (const nat of plan.privateRouteNat) assert.ok(plan.natAzIndexes.includes(nat));
        }
    });
});
