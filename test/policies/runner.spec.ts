import { strict as assert } from "assert";
import { Policies } from "@pulumi/policy";
import { natGatewayPerZone } from "../../policies/rules/network";
import { PlanResource } from "../../tools/plan/contract";
import { hasMandatoryViolation, runPolicies } from "../../tools/plan/policyRunner";
import { planResource as resource } from "../harness";


describe("in-process policy runner", () => {
    const bucket = resource({ type: "aws:s3/bucket:Bucket", name: "logs", inputs: { acl: "public-read" } });
    const vpc = resource({ type: "aws:ec2/vpc:Vpc", name: "vpc" });

    it("reports resource and stack violations with their level and URN", async () => {
        const policies: Policies = [
            {
                name: "no-public-buckets",
                description: "d",
                enforcementLevel: "mandatory",
                validateResource: (args, report) => {
                    if (args.type !== "aws:s3/bucket:Bucket") args.notApplicable();
                    if (args.props.acl === "public-read") report("bucket is public");
                },
            },
            { name: "count", description: "d", enforcementLevel: "advisory", validateStack: (args, report) => report(`${args.resources.length} resources`) },
            { name: "off", description: "d", enforcementLevel: "disabled", validateStack: (_, report) => report("never") },
        ];
        const result = await runPolicies(policies, [bucket, vpc]);
        assert.equal(result.evaluated, 2);
        assert.deepEqual(result.violations, [
            { policy: "no-public-buckets", enforcementLevel: "mandatory", urn: bucket.urn, message: "bucket is public" },
            { policy: "count", enforcementLevel: "advisory", urn: null, message: "2 resources" },
        ]);
        assert.equal(hasMandatoryViolation(result), true);
    });

    it("hands policies their config defaults, and an array of validations runs each", async () => {
        const seen: unknown[] = [];
        const policies: Policies = [
            {
                name: "cfg",
                description: "d",
                configSchema: { properties: { cap: { type: "integer", default: 100 } } },
                validateResource: [(args) => void seen.push(args.getConfig<{ cap: number }>().cap), (args) => void seen.push(args.name)],
            },
        ];
        const result = await runPolicies(policies, [vpc]);
        assert.deepEqual(seen, [100, "vpc"]);
        assert.equal(hasMandatoryViolation(result), false);
    });

    it("propagates an error a policy throws instead of hiding it", async () => {
        const policies: Policies = [{ name: "broken", description: "d", validateStack: () => { throw new Error("boom"); } }];
        await assert.rejects(runPolicies(policies, [vpc]), /boom/);
    });

    describe("prod-nat-gateway-per-zone", () => {
        const provider = (env: string) =>
            resource({ type: "pulumi:providers:aws", name: `p-${env}`, inputs: { defaultTags: JSON.stringify({ tags: { "strata:environment": env } }) } });
        function network(env: string, nats: number): PlanResource[] {
            const p = provider(env);
            const v = resource({ type: "aws:ec2/vpc:Vpc", name: `${env}-vpc`, provider: p.urn });
            const subnets = [1, 2, 3].map((i) => resource({ type: "aws:ec2/subnet:Subnet", name: `${env}-public-az${i}`, provider: p.urn, dependencies: [v.urn], inputs: { tags: { "strata:tier": "public" } } }));
            const privates = [1, 2, 3].map((i) => resource({ type: "aws:ec2/subnet:Subnet", name: `${env}-private-az${i}`, provider: p.urn, dependencies: [v.urn], inputs: { tags: { "strata:tier": "private" } } }));
            const natGateways = subnets.slice(0, nats).map((s, i) => resource({ type: "aws:ec2/natGateway:NatGateway", name: `${env}-nat-${i}`, provider: p.urn, dependencies: [s.urn] }));
            return [p, v, ...subnets, ...privates, ...natGateways];
        }

        it("flags a prod VPC with fewer NAT gateways than zones, naming the setting to change", async () => {
            const result = await runPolicies([natGatewayPerZone], network("prod", 1));
            assert.equal(result.violations.length, 1);
            assert.match(result.violations[0]!.message, /has 1 NAT gateway\(s\) for 3 zones.*strata:network\.natGateways to perAz/);
            assert.equal(result.violations[0]!.enforcementLevel, "mandatory");
        });

        it("passes a prod VPC with a NAT gateway per zone, and ignores dev", async () => {
            assert.deepEqual((await runPolicies([natGatewayPerZone], network("prod", 3))).violations, []);
            assert.deepEqual((await runPolicies([natGatewayPerZone], network("dev", 1))).violations, []);
        });
    });
});
