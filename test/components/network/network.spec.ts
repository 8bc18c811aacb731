import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type { RegionalNetworkArgs } from "../../../components/network";
import { PlanResource } from "../../../tools/plan/contract";
import { one, ofType, ready, record } from "../../harness";

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    nat: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    routeTable: "aws:ec2/routeTable:RouteTable",
    route: "aws:ec2/route:Route",
    association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    flowLog: "aws:ec2/flowLog:FlowLog",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    attachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
};

const flowLogs = { enabled: true, retentionDays: 14, trafficType: "ALL", maxAggregationIntervalSeconds: 600 } as const;

async function build(region: string, args: Omit<RegionalNetworkArgs, "region" | "clusterName" | "flowLogs"> & Partial<Pick<RegionalNetworkArgs, "flowLogs">>): Promise<PlanResource[]> {
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const { RegionalNetwork } = await import("../../../components/network");
    return record(() => {
        const provider = new aws.Provider(region, { region: region as awsTypes.Region });
        new RegionalNetwork(region, { region, clusterName: `strata-test-${region}`, flowLogs, ...args }, { providers: { aws: provider } });
    });
}

/** Builds a network that must be refused; returns the error and what got registered besides the provider. */
async function buildRefused(args: Omit<RegionalNetworkArgs, "region" | "clusterName" | "flowLogs">): Promise<{ error: Error; registered: PlanResource[] }> {
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const { RegionalNetwork } = await import("../../../components/network");
    let error: Error | undefined;
    const resources = await record(() => {
        const provider = new aws.Provider("refused", { region: "us-east-2" });
        try {
            new RegionalNetwork("refused", { region: "us-east-2", clusterName: "c", flowLogs, ...args }, { providers: { aws: provider } });
        } catch (e) {
            error = e as Error;
        }
    });
    assert.ok(error, "expected the component to refuse its arguments");
    return { error, registered: resources.filter((r) => !r.type.startsWith("pulumi:providers:")) };
}

const routesOf = (resources: PlanResource[], table: PlanResource) => ofType(resources, T.route).filter((r) => r.dependencies.includes(table.urn));

describe("RegionalNetwork", () => {
    describe("dev shape: 2 zones, one shared NAT", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = await build("us-east-1", { vpcCidr: "10.10.0.0/16", azCount: 2, natGateways: "single" });
        });

        it("creates one VPC with DNS support and three subnet tiers per zone", () => {
            const [vpc] = ofType(resources, T.vpc);
            assert.equal(vpc?.inputs.cidrBlock, "10.10.0.0/16");
            assert.equal(vpc?.inputs.enableDnsHostnames, true);
            const subnets = ofType(resources, T.subnet);
            assert.deepEqual(subnets.map((s) => s.name).sort(), ["us-east-1-data-az1", "us-east-1-data-az2", "us-east-1-private-az1", "us-east-1-private-az2", "us-east-1-public-az1", "us-east-1-public-az2"]);
            assert.deepEqual(subnets.map((s) => s.inputs.availabilityZone).sort(), ["us-east-1a", "us-east-1a", "us-east-1a", "us-east-1b", "us-east-1b", "us-east-1b"]);
            for (const subnet of subnets) assert.equal(subnet.inputs.mapPublicIpOnLaunch, false);
        });

        it("tags subnets for EKS and the AWS Load Balancer Controller, and leaves data subnets out of both", () => {
            const tags = (name: string) => one(resources, T.subnet, name).inputs.tags as Record<string, string>;
            assert.equal(tags("us-east-1-public-az1")["kubernetes.io/role/elb"], "1");
            assert.equal(tags("us-east-1-public-az1")["kubernetes.io/cluster/strata-test-us-east-1"], "shared");
            assert.equal(tags("us-east-1-private-az2")["kubernetes.io/role/internal-elb"], "1");
            assert.deepEqual(tags("us-east-1-data-az1"), { Name: "us-east-1-data-az1", "strata:tier": "data" });
        });

        it("shares one NAT gateway, in the first public subnet, behind the internet gateway", () => {
            const [nat, ...others] = ofType(resources, T.nat);
            assert.ok(nat);
            assert.equal(others.length, 0);
            assert.equal(ofType(resources, T.eip).length, 1);
            assert.ok(nat.dependencies.includes(one(resources, T.subnet, "us-east-1-public-az1").urn));
            assert.ok(nat.dependencies.some((d) => d.endsWith("InternetGateway::us-east-1-igw")));
        });

        it("routes both private zones through the shared NAT and gives the data tier no way out", () => {
            const nat = ofType(resources, T.nat)[0]!;
            for (const az of ["az1", "az2"]) {
                const routes = routesOf(resources, one(resources, T.routeTable, `us-east-1-private-${az}-rt`));
                assert.equal(routes.length, 1);
                assert.equal(routes[0]?.inputs.destinationCidrBlock, "0.0.0.0/0");
                assert.ok(routes[0]?.dependencies.includes(nat.urn));
            }
            assert.equal(routesOf(resources, one(resources, T.routeTable, "us-east-1-data-rt")).length, 0);
            assert.equal(ofType(resources, T.association).length, 6);
        });

        it("sends S3 traffic through a gateway endpoint on the private and data route tables", () => {
            const [endpoint] = ofType(resources, T.endpoint);
            assert.equal(endpoint?.inputs.serviceName, "com.amazonaws.us-east-1.s3");
            assert.equal(endpoint?.inputs.vpcEndpointType, "Gateway");
            assert.equal((endpoint?.inputs.routeTableIds as string[]).length, 3);
        });

        it("locks the default security group down and records flow logs to CloudWatch", () => {
            const sg = ofType(resources, T.defaultSg)[0];
            assert.equal(sg?.inputs.ingress, undefined);
            assert.equal(sg?.inputs.egress, undefined);
            const [flowLog] = ofType(resources, T.flowLog);
            assert.equal(flowLog?.inputs.trafficType, "ALL");
            assert.equal(flowLog?.inputs.logDestinationType, "cloud-watch-logs");
            assert.equal(flowLog?.inputs.maxAggregationInterval, 600);
            assert.equal(ofType(resources, T.logGroup)[0]?.inputs.retentionInDays, 14);
        });

        it("creates every child with the region's provider, under the component", () => {
            const component = resources.find((r) => r.type === "strata:network:RegionalNetwork");
            assert.ok(component);
            const children = resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
            for (const child of children) {
                assert.equal(child.region, "us-east-1", child.urn);
                assert.equal(child.parent, component.urn, child.urn);
                assert.ok(child.provider?.endsWith("pulumi:providers:aws::us-east-1"), child.urn);
            }
        });
    });

    describe("prod shape: 3 zones, a NAT per zone", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = await build("eu-west-1", { vpcCidr: "10.1.0.0/16", azCount: 3, natGateways: "perAz" });
        });

        it("has nine subnets, three NAT gateways and three Elastic IPs", () => {
            assert.equal(ofType(resources, T.subnet).length, 9);
            assert.equal(ofType(resources, T.nat).length, 3);
            assert.equal(ofType(resources, T.eip).length, 3);
        });

        it("routes each private zone through the NAT gateway of its own zone", () => {
            for (const az of ["az1", "az2", "az3"]) {
                const [route] = routesOf(resources, one(resources, T.routeTable, `eu-west-1-private-${az}-rt`));
                assert.ok(route?.dependencies.includes(one(resources, T.nat, `eu-west-1-nat-${az}`).urn), az);
                assert.ok(one(resources, T.nat, `eu-west-1-nat-${az}`).dependencies.includes(one(resources, T.subnet, `eu-west-1-public-${az}`).urn));
            }
        });

        it("uses the region's own zones", () => {
            assert.deepEqual([...new Set(ofType(resources, T.subnet).map((s) => s.inputs.availabilityZone))].sort(), ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
        });
    });

    describe("remote networks through a transit gateway (the deployer's runners)", () => {
        let resources: PlanResource[];
        const runners = { cidrs: ["10.255.0.0/24", "192.168.8.0/22"], transitGatewayId: "tgw-0a1b2c3d4e5f60718" };
        before(async () => {
            resources = await build("eu-west-1", { vpcCidr: "10.1.0.0/16", azCount: 3, natGateways: "perAz", remoteNetworks: runners });
        });

        it("attaches the private subnet of every zone, and only those, to the region's transit gateway", () => {
            const [attachment, ...others] = ofType(resources, T.attachment);
            assert.ok(attachment);
            assert.equal(others.length, 0);
            assert.equal(attachment.name, "eu-west-1-tgw");
            assert.equal(attachment.inputs.transitGatewayId, "tgw-0a1b2c3d4e5f60718");
            const privateSubnets = ["az1", "az2", "az3"].map((az) => one(resources, T.subnet, `eu-west-1-private-${az}`));
            assert.deepEqual([...(attachment.propertyDependencies.subnetIds ?? [])].sort(), privateSubnets.map((s) => s.urn).sort());
            assert.equal((attachment.inputs.subnetIds as string[]).length, 3);
            assert.ok(attachment.dependencies.includes(ofType(resources, T.vpc)[0]!.urn));
            assert.equal(attachment.inputs.transitGatewayDefaultRouteTableAssociation, undefined, "the hub owns the gateway's route tables");
            assert.equal(attachment.inputs.transitGatewayDefaultRouteTablePropagation, undefined);
        });

        it("routes each remote block from every private route table to the gateway, after the attachment, named by zone and block", () => {
            const attachment = ofType(resources, T.attachment)[0]!;
            for (const az of ["az1", "az2", "az3"]) {
                const routes = routesOf(resources, one(resources, T.routeTable, `eu-west-1-private-${az}-rt`));
                const remote = routes.filter((r) => r.inputs.destinationCidrBlock !== "0.0.0.0/0");
                assert.deepEqual(remote.map((r) => [r.name, r.inputs.destinationCidrBlock, r.inputs.transitGatewayId]).sort(), [
                    [`eu-west-1-private-${az}-to-10-255-0-0-24`, "10.255.0.0/24", "tgw-0a1b2c3d4e5f60718"],
                    [`eu-west-1-private-${az}-to-192-168-8-0-22`, "192.168.8.0/22", "tgw-0a1b2c3d4e5f60718"],
                ]);
                for (const route of remote) assert.ok(route.dependencies.includes(attachment.urn), route.name);
            }
            assert.equal(routesOf(resources, one(resources, T.routeTable, "eu-west-1-data-rt")).length, 0, "the data tier still has no way out");
            assert.equal(routesOf(resources, one(resources, T.routeTable, "eu-west-1-public-rt")).length, 1);
        });

        it("keeps a route's name when another block is added before it", async () => {
            const more = await build("eu-west-1", { vpcCidr: "10.1.0.0/16", azCount: 3, natGateways: "perAz", remoteNetworks: { ...runners, cidrs: ["172.16.0.0/24", ...runners.cidrs] } });
            const names = (rs: PlanResource[]) => new Set(ofType(rs, T.route).map((r) => r.name));
            const after = names(more);
            for (const name of names(resources)) assert.ok(after.has(name), name);
        });

        it("needs no route for a block inside the VPC, and creates nothing without a gateway", async () => {
            const inside = await build("eu-west-1", { vpcCidr: "10.1.0.0/16", azCount: 2, natGateways: "single", remoteNetworks: { cidrs: ["10.1.200.0/24"], transitGatewayId: "tgw-0a1b2c3d4e5f60718" } });
            assert.equal(ofType(inside, T.route).filter((r) => r.inputs.transitGatewayId !== undefined).length, 0);
            assert.equal(ofType(inside, T.attachment).length, 1);
            const none = await build("eu-west-1", { vpcCidr: "10.1.0.0/16", azCount: 2, natGateways: "single", remoteNetworks: { cidrs: ["10.1.200.0/24"] } });
            assert.equal(ofType(none, T.attachment).length, 0);
        });

        it("refuses a block outside the VPC without a gateway and one that straddles it, all at once, registering nothing", async () => {
            const { error, registered } = await buildRefused({ vpcCidr: "10.4.0.0/16", azCount: 2, natGateways: "single", remoteNetworks: { cidrs: ["10.255.0.0/24", "10.4.0.0/15"], transitGatewayId: undefined } });
            assert.match(error.message, /cidrs\[0\] \(10\.255\.0\.0\/24\) lies outside the VPC 10\.4\.0\.0\/16, so it needs transitGatewayId/);
            assert.match(error.message, /cidrs\[1\] \(10\.4\.0\.0\/15\) overlaps the VPC 10\.4\.0\.0\/16 without lying inside it/);
            assert.deepEqual(registered, []);
        });
    });

    describe("options", () => {
        it("takes explicit zones instead of asking the region", async () => {
            const resources = await build("ap-southeast-1", { vpcCidr: "10.2.0.0/16", azCount: 2, natGateways: "single", availabilityZones: ["ap-southeast-1b", "ap-southeast-1c"] });
            assert.deepEqual([...new Set(ofType(resources, T.subnet).map((s) => s.inputs.availabilityZone))].sort(), ["ap-southeast-1b", "ap-southeast-1c"]);
        });

        it("creates no flow log resources when flow logs are off", async () => {
            const resources = await build("us-west-2", { vpcCidr: "10.3.0.0/16", azCount: 2, natGateways: "single", flowLogs: { ...flowLogs, enabled: false } });
            assert.equal(ofType(resources, T.flowLog).length + ofType(resources, T.logGroup).length, 0);
        });

        it("refuses zones that do not match azCount, and a VPC too small, registering nothing", async () => {
            const zones = await buildRefused({ vpcCidr: "10.4.0.0/16", azCount: 3, natGateways: "single", availabilityZones: ["us-east-2a"] });
            assert.match(zones.error.message, /availabilityZones lists 1 zones but azCount is 3/);
            assert.deepEqual(zones.registered, []);
            const small = await buildRefused({ vpcCidr: "10.4.0.0/24", azCount: 6, natGateways: "single" });
            assert.match(small.error.message, /vpcCidr 10\.4\.0\.0\/24 is too small for 6 zones/);
            assert.deepEqual(small.registered, []);
        });
    });
});
