import { strict as assert } from "assert";
import { cidrLabel, planTransit, remoteNetworkProblems } from "../../../components/network/transit";

describe("transit routes (pure)", () => {
    const vpc = "10.0.0.0/16";
    const gateway = "tgw-0a1b2c3d4e5f60718";

    it("routes only the blocks outside the VPC, once each, to the gateway", () => {
        const plan = planTransit(vpc, { cidrs: ["10.255.0.0/24", "10.0.8.0/24", "10.255.0.0/24"], transitGatewayId: gateway });
        assert.deepEqual(plan, { transitGatewayId: gateway, routes: [{ cidr: "10.255.0.0/24", label: "10-255-0-0-24" }] });
    });

    it("plans nothing without a gateway when every block is inside the VPC", () => {
        assert.equal(planTransit(vpc, { cidrs: ["10.0.8.0/24"] }), undefined);
    });

    it("names a block by its address and prefix, so the name never depends on its position", () => {
        assert.equal(cidrLabel("192.168.8.0/22"), "192-168-8-0-22");
    });

    it("reports each problem by its field and index", () => {
        assert.deepEqual(
            remoteNetworkProblems(vpc, { cidrs: ["10.0.0.0/8", "10.1.0.0/16", "10.2.0.1/16"], transitGatewayId: "tgw-xyz" }).map((p) => [p.field, p.index, p.value]),
            [
                ["transitGatewayId", undefined, "tgw-xyz"],
                ["cidrs", 0, "10.0.0.0/8"],
                ["cidrs", 2, "10.2.0.1/16"],
            ],
        );
        assert.deepEqual(remoteNetworkProblems(vpc, { cidrs: ["10.1.0.0/16"] }).map((p) => [p.field, p.index]), [["cidrs", 0]], "outside without a gateway");
    });

    it("takes a VPC that contains the block, or a block that misses the VPC entirely, as the only two placements", () => {
        assert.deepEqual(remoteNetworkProblems(vpc, { cidrs: ["10.0.0.0/16", "10.0.255.0/24", "9.255.255.0/24", "10.1.0.0/24"], transitGatewayId: gateway }), []);
    });
});
