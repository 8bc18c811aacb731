import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type { GlobalLoadBalancerArgs } from "../../../components/edge";
import { PlanResource } from "../../../tools/plan/contract";
import { ofType, one, ready, record } from "../../harness";

const REGIONS: { name: string; weight: number; trafficDial?: number }[] = [
    { name: "us-east-1", weight: 50 },
    { name: "eu-west-1", weight: 30 },
    { name: "ap-southeast-1", weight: 20 },
];

type Over = Partial<Omit<GlobalLoadBalancerArgs, "acceleratorProvider" | "dnsProvider" | "regions">> & { regions?: { name: string; weight: number; trafficDial?: number }[] };

async function build(over: Over): Promise<{ resources: PlanResource[]; error?: Error }> {
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const { GlobalLoadBalancer } = await import("../../../components/edge");
    let error: Error | undefined;
    const resources = await record(() => {
        const dnsProvider = new aws.Provider("edge-dns", { region: "us-east-1" });
        const acceleratorProvider = new aws.Provider("edge-global", { region: "us-west-2" });
        try {
            new GlobalLoadBalancer("edge", {
                mode: "accelerator",
                domain: "strata.example.com",
                hostedZoneId: "Z0123456789ABC",
                routing: "latency",
                fallbackRegion: "us-east-1",
                healthCheck: { path: "/healthz/ready", port: 443, intervalSeconds: 30, healthyThreshold: 3 },
                protect: true,
                flowLogRetentionDays: 365,
                acceleratorProvider,
                dnsProvider,
                ...over,
                regions: (over.regions ?? REGIONS).map((r) => ({
                    name: r.name,
                    loadBalancerArn: `arn:aws:elasticloadbalancing:${r.name}:123456789012:loadbalancer/net/ingress/${r.name}`,
                    loadBalancerDnsName: `ingress-${r.name}.elb.${r.name}.amazonaws.com`,
                    loadBalancerZoneId: "Z26RNL4JYFTOTI",
                    weight: r.weight,
                    trafficDial: r.trafficDial ?? 100,
                })),
            });
        } catch (e) {
            error = e as Error;
        }
    });
    return { resources, error };
}

describe("GlobalLoadBalancer", () => {
    describe("accelerator mode", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = (await build({ regions: [REGIONS[0]!, { ...REGIONS[1]!, trafficDial: 40 }, REGIONS[2]!] })).resources;
        });

        it("creates one protected accelerator in us-west-2 with flow logs to an encrypted, private bucket", () => {
            const [accelerator] = ofType(resources, "aws:globalaccelerator/accelerator:Accelerator");
            assert.equal(accelerator?.region, "us-west-2");
            assert.equal(accelerator?.protect, true);
            assert.equal((accelerator?.inputs.attributes as { flowLogsEnabled: boolean }).flowLogsEnabled, true);
            assert.equal(ofType(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")[0]?.inputs.blockPublicPolicy, true);
            const [encryption] = ofType(resources, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
            const [rule] = encryption?.inputs.rules as { applyServerSideEncryptionByDefault: { sseAlgorithm: string; kmsMasterKeyId: string } }[];
            const key = one(resources, "aws:kms/key:Key", "edge-flow-logs");
            assert.equal(rule?.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
            assert.match(rule?.applyServerSideEncryptionByDefault.kmsMasterKeyId ?? "", /^arn:aws:kms:us-west-2:\d{12}:key\//);
            const statements = JSON.parse(key.inputs.policy as string).Statement as { Principal: { Service?: string }; Action: string[] }[];
            assert.deepEqual(statements.find((st) => st.Principal.Service === "delivery.logs.amazonaws.com")?.Action, ["kms:GenerateDataKey*"]);
            assert.equal(key.protect, true);
        });

        it("keeps the flow logs for the stack's flow-log retention", () => {
            const [lifecycle] = ofType(resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
            assert.deepEqual((lifecycle?.inputs.rules as { expiration: { days: number } }[]).map((r) => r.expiration.days), [365]);
        });

        it("listens on TCP 443 and 80 with one endpoint group per region on that region's NLB", () => {
            assert.deepEqual(ofType(resources, "aws:globalaccelerator/listener:Listener").map((l) => (l.inputs.portRanges as { fromPort: number }[])[0]?.fromPort), [443, 80]);
            const groups = ofType(resources, "aws:globalaccelerator/endpointGroup:EndpointGroup");
            assert.equal(groups.length, 6);
            for (const region of REGIONS) {
                const group = one(resources, "aws:globalaccelerator/endpointGroup:EndpointGroup", `edge-${region.name}-443`);
                assert.equal(group.inputs.endpointGroupRegion, region.name);
                const [endpoint] = group.inputs.endpointConfigurations as { endpointId: string; clientIpPreservationEnabled: boolean }[];
                assert.match(endpoint?.endpointId ?? "", new RegExp(`:${region.name}:.*loadbalancer/net/`));
                assert.equal(endpoint?.clientIpPreservationEnabled, true);
                assert.deepEqual([group.inputs.healthCheckPath, group.inputs.healthCheckIntervalSeconds, group.inputs.healthCheckPort], ["/healthz/ready", 30, 443]);
            }
            assert.equal(one(resources, "aws:globalaccelerator/endpointGroup:EndpointGroup", "edge-eu-west-1-443").inputs.trafficDialPercentage, 40);
        });

        it("points api.<domain> at the accelerator and each regional hostname at its NLB", () => {
            const records = ofType(resources, "aws:route53/record:Record");
            const global = records.find((r) => r.inputs.name === "api.strata.example.com")!;
            assert.equal((global.inputs.aliases as { zoneId: string }[])[0]?.zoneId, "Z2BJ6XQ5FK7U4H");
            assert.deepEqual(records.filter((r) => r !== global).map((r) => r.inputs.name).sort(), ["api-ap-southeast-1.strata.example.com", "api-eu-west-1.strata.example.com", "api-us-east-1.strata.example.com"]);
        });
    });

    describe("dns mode", () => {
        it("routes by latency over health-checked records, behind a failover pair that falls back to us-east-1", async () => {
            const { resources } = await build({ mode: "dns" });
            assert.equal(ofType(resources, "aws:globalaccelerator/accelerator:Accelerator").length, 0);
            const checks = ofType(resources, "aws:route53/healthCheck:HealthCheck");
            assert.deepEqual(checks.map((c) => [c.inputs.fqdn, c.inputs.requestInterval, c.inputs.resourcePath]), REGIONS.map((r) => [`api-${r.name}.strata.example.com`, 30, "/healthz/ready"]));
            const routed = ofType(resources, "aws:route53/record:Record").filter((r) => r.inputs.name === "api-routed.strata.example.com");
            assert.deepEqual(routed.map((r) => (r.inputs.latencyRoutingPolicies as { region: string }[])[0]?.region), REGIONS.map((r) => r.name));
            for (const [record, check] of routed.map((r, i) => [r, checks[i]!] as const)) assert.ok(record.dependencies.includes(check.urn));
            const fallback = one(resources, "aws:route53/record:Record", "edge-fallback");
            assert.deepEqual(fallback.inputs.failoverRoutingPolicies, [{ type: "SECONDARY" }]);
            assert.equal((fallback.inputs.aliases as { name: string }[])[0]?.name, "ingress-us-east-1.elb.us-east-1.amazonaws.com");
            assert.deepEqual(one(resources, "aws:route53/record:Record", "edge-primary").inputs.failoverRoutingPolicies, [{ type: "PRIMARY" }]);
        });

        it("splits 50 / 30 / 20 when weighted", async () => {
            const { resources } = await build({ mode: "dns", routing: "weighted" });
            const routed = ofType(resources, "aws:route53/record:Record").filter((r) => r.inputs.name === "api-routed.strata.example.com");
            assert.deepEqual(routed.map((r) => (r.inputs.weightedRoutingPolicies as { weight: number }[])[0]?.weight), [50, 30, 20]);
        });
    });

    it("creates nothing global in mode none: a single region keeps its regional hostname", async () => {
        const { resources } = await build({ mode: "none", regions: [{ name: "us-east-1", weight: 100 }] });
        const custom = resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
        assert.deepEqual(custom.map((r) => [r.type, r.inputs.name]), [["aws:route53/record:Record", "api-us-east-1.strata.example.com"]]);
    });

    it("refuses weights off 100, an unknown fallback, dns without a zone and a bad interval, at once", async () => {
        const { resources, error } = await build({
            mode: "dns",
            hostedZoneId: undefined,
            fallbackRegion: "us-west-2",
            healthCheck: { path: "/", port: 443, intervalSeconds: 20, healthyThreshold: 3 },
            regions: [{ name: "us-east-1", weight: 50 }, { name: "eu-west-1", weight: 40 }],
        });
        assert.match(error?.message ?? "", /add up to 100 \(they add up to 90\)/);
        assert.match(error?.message ?? "", /fallbackRegion "us-west-2" is not one of the regions/);
        assert.match(error?.message ?? "", /hostedZoneId is required in dns mode/);
        assert.match(error?.message ?? "", /intervalSeconds \(20\) must be 10 or 30/);
        assert.deepEqual(resources.filter((r) => !r.type.startsWith("pulumi:providers:")), []);
    });
});
