import { strict as assert } from "assert";
import { contains, formatCidr, overlaps, parseCidr, subdivide } from "../../../components/network/cidr";

describe("cidr arithmetic", () => {
    it("round-trips a block through parse and format", () => {
        for (const text of ["10.0.0.0/16", "172.16.32.0/20", "192.168.1.128/25", "0.0.0.0/0", "255.255.255.255/32"]) {
            assert.equal(formatCidr(parseCidr(text)), text);
        }
    });

    it("rejects malformed blocks and blocks with host bits set, naming the start it meant", () => {
        assert.throws(() => parseCidr("10.0.0/16"), /not an IPv4 CIDR/);
        assert.throws(() => parseCidr("10.0.0.256/24"), /not an IPv4 CIDR/);
        assert.throws(() => parseCidr("10.0.0.0/33"), /not an IPv4 CIDR/);
        assert.throws(() => parseCidr("10.0.1.0/16"), /host bits set; the block starts at 10\.0\.0\.0\/16/);
    });

    it("detects overlap and containment at the edges", () => {
        const a = parseCidr("10.0.0.0/16");
        assert.equal(overlaps(a, parseCidr("10.0.255.0/24")), true);
        assert.equal(overlaps(a, parseCidr("10.1.0.0/16")), false);
        assert.equal(overlaps(parseCidr("10.0.0.0/8"), a), true);
        assert.equal(contains(a, parseCidr("10.0.255.240/28")), true);
        assert.equal(contains(a, parseCidr("10.0.0.0/15")), false);
    });

    it("cuts the n-th block and refuses an index outside the parent", () => {
        const vpc = parseCidr("10.0.0.0/16");
        assert.equal(formatCidr(subdivide(vpc, 18, 3)), "10.0.192.0/18");
        assert.throws(() => subdivide(vpc, 18, 4), /holds 4 \/18 blocks; index 4 is out of range/);
        assert.throws(() => subdivide(vpc, 15, 0), /cannot cut \/15 blocks/);
    });
});
