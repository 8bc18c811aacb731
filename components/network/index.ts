import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { customerKey } from "../customerKey";
import { scopedServiceTrust } from "../iam";
import { NetworkPlan, SubnetTier, planNetwork } from "./plan";
import { RemoteNetworks, TransitPlan, planTransit } from "./transit";
import { regionFacts } from "../../catalog/regions";

export interface FlowLogSettings {
    /** Record VPC traffic to CloudWatch Logs. @default true */
    readonly enabled: boolean;
    /** Days the log group keeps records (a CloudWatch-allowed value). */
    readonly retentionDays: number;
    /** Which traffic to record. */
    readonly trafficType: "ALL" | "ACCEPT" | "REJECT";
    /** Aggregation interval in seconds: 60 or 600. */
    readonly maxAggregationIntervalSeconds: number;
}

/** Inputs of a RegionalNetwork. The AWS provider of the region arrives through `opts.providers`. */
export interface RegionalNetworkArgs {
    /** AWS region the network lives in (used for service endpoint names). */
    readonly region: string;
    /** VPC address space, /16 to /24. */
    readonly vpcCidr: string;
    /** Availability zones to spread every tier over. */
    readonly azCount: number;
    /** Explicit zone names; @default the first `azCount` zones the region offers without opt-in. */
    readonly availabilityZones?: readonly string[];
    /** One NAT gateway per zone, or one shared by all (cheaper, a single point of failure). */
    readonly natGateways: "perAz" | "single";
    readonly flowLogs: FlowLogSettings;
    /** EKS cluster name, for the subnet tags the cluster and the AWS Load Balancer Controller discover. */
    readonly clusterName: string;
    /**
     * Networks outside the VPC that call into it (the deployer's, for the private Kubernetes API) and the region's
     * transit gateway that reaches them: the private subnets are attached to it and route those blocks to it.
     * @default none
     */
    readonly remoteNetworks?: RemoteNetworks;
}

const azLabel = (azIndex: number) => `az${azIndex + 1}`;

/** Subnet tags that let EKS and the AWS Load Balancer Controller pick the right tier. */
function tierTags(tier: SubnetTier, clusterName: string): Record<string, string> {
    const shared = { [`kubernetes.io/cluster/${clusterName}`]: "shared", "strata:tier": tier };
    switch (tier) {
        case "public":
            return { ...shared, "kubernetes.io/role/elb": "1" };
        case "private":
            return { ...shared, "kubernetes.io/role/internal-elb": "1" };
        case "data":
            return { "strata:tier": tier };
    }
}

/**
 * One region's VPC: public, private (workload) and isolated data subnets in every zone, NAT, routes,
 * an S3 gateway endpoint, a locked-down default security group and VPC flow logs.
 */
export class RegionalNetwork extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly vpcCidr: string;
    public readonly availabilityZones: pulumi.Output<string[]>;
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    public readonly dataSubnetIds: pulumi.Output<string[]>;
    /** The region's key for CloudWatch log groups: the flow logs here, and the groups of the region's cluster, shards and cache. */
    public readonly logKeyArn: pulumi.Output<string>;
    /** The address plan the subnets were built from. */
    public readonly plan: NetworkPlan;
    /** The transit gateway attachment and its routes (none without a transit gateway): what reaches remote networks. */
    public readonly remotePath: readonly pulumi.Resource[];

    constructor(name: string, args: RegionalNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before super(): a bad argument must not leave a half-registered component behind.
        if (args.availabilityZones && args.availabilityZones.length !== args.azCount) {
            throw new Error(`availabilityZones lists ${args.availabilityZones.length} zones but azCount is ${args.azCount}`);
        }
        const plan = planNetwork(args);
        const transit = planTransit(args.vpcCidr, args.remoteNetworks ?? { cidrs: [] });
        super("strata:network:RegionalNetwork", name, {}, opts);
        this.plan = plan;
        this.vpcCidr = args.vpcCidr;
        const child = { parent: this };

        this.availabilityZones = args.availabilityZones
            ? pulumi.output([...args.availabilityZones])
            : aws
                  // EKS refuses cluster subnets in some zones (catalog/regions.ts): never pick them.
                  .getAvailabilityZonesOutput(
                      { state: "available", excludeZoneIds: [...(regionFacts(args.region)?.eksUnsupportedZoneIds ?? [])], filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
                      child,
                  )
                  .apply((zones) => {
                      if (zones.names.length < args.azCount) {
                          throw new Error(`${args.region} offers ${zones.names.length} zones without opt-in; azCount is ${args.azCount}`);
                      }
                      return zones.names.slice(0, args.azCount);
                  });

        const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: args.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: `${name}-vpc` } }, child);
        this.vpcId = vpc.id;

        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: { Name: `${name}-default-deny` } }, child);

        const subnets = this.plan.subnets.map((spec) => {
            const label = `${spec.tier}-${azLabel(spec.azIndex)}`;
            const subnet = new aws.ec2.Subnet(
                `${name}-${label}`,
                {
                    vpcId: vpc.id,
                    cidrBlock: spec.cidr,
                    availabilityZone: this.availabilityZones.apply((zones) => zones[spec.azIndex]),
                    mapPublicIpOnLaunch: false,
                    tags: { Name: `${name}-${label}`, ...tierTags(spec.tier, args.clusterName) },
                },
                child,
            );
            return { spec, subnet };
        });
        const subnetOf = (tier: SubnetTier, azIndex: number) => {
            const found = subnets.find((s) => s.spec.tier === tier && s.spec.azIndex === azIndex);
            if (!found) throw new Error(`no ${tier} subnet planned in zone ${azIndex}`);
            return found.subnet;
        };
        const idsOf = (tier: SubnetTier) => pulumi.all(subnets.filter((s) => s.spec.tier === tier).map((s) => s.subnet.id));
        this.publicSubnetIds = idsOf("public");
        this.privateSubnetIds = idsOf("private");
        this.dataSubnetIds = idsOf("data");

        const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: { Name: `${name}-igw` } }, child);
        const publicRoutes = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags: { Name: `${name}-public` } }, child);
        new aws.ec2.Route(`${name}-public-default`, { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, child);

        const natByZone = new Map(
            this.plan.natAzIndexes.map((azIndex) => {
                const az = azLabel(azIndex);
                const eip = new aws.ec2.Eip(`${name}-nat-${az}`, { domain: "vpc", tags: { Name: `${name}-nat-${az}` } }, child);
                const nat = new aws.ec2.NatGateway(
                    `${name}-nat-${az}`,
                    { allocationId: eip.allocationId, subnetId: subnetOf("public", azIndex).id, tags: { Name: `${name}-nat-${az}` } },
                    { parent: this, dependsOn: [igw] },
                );
                return [azIndex, nat] as const;
            }),
        );

        const privateRouteTables: { az: string; table: aws.ec2.RouteTable }[] = [];
        for (let azIndex = 0; azIndex < args.azCount; azIndex++) {
            const az = azLabel(azIndex);
            new aws.ec2.RouteTableAssociation(`${name}-public-${az}`, { subnetId: subnetOf("public", azIndex).id, routeTableId: publicRoutes.id }, child);
            const table = new aws.ec2.RouteTable(`${name}-private-${az}-rt`, { vpcId: vpc.id, tags: { Name: `${name}-private-${az}` } }, child);
            const nat = natByZone.get(this.plan.privateRouteNat[azIndex] ?? 0);
            if (!nat) throw new Error(`zone ${az} routes through a NAT gateway that is not planned`);
            new aws.ec2.Route(`${name}-private-${az}-default`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, child);
            new aws.ec2.RouteTableAssociation(`${name}-private-${az}`, { subnetId: subnetOf("private", azIndex).id, routeTableId: table.id }, child);
            privateRouteTables.push({ az, table });
        }

        // The data tier has no route out of the VPC at all: databases and caches are reached, never reach out.
        const dataRoutes = new aws.ec2.RouteTable(`${name}-data-rt`, { vpcId: vpc.id, tags: { Name: `${name}-data` } }, child);
        for (let azIndex = 0; azIndex < args.azCount; azIndex++) {
            new aws.ec2.RouteTableAssociation(`${name}-data-${azLabel(azIndex)}`, { subnetId: subnetOf("data", azIndex).id, routeTableId: dataRoutes.id }, child);
        }

        // Image layers and backups go to S3 through a free gateway endpoint instead of paid NAT traffic.
        new aws.ec2.VpcEndpoint(
            `${name}-s3`,
            {
                vpcId: vpc.id,
                serviceName: `com.amazonaws.${args.region}.s3`,
                vpcEndpointType: "Gateway",
                routeTableIds: [...privateRouteTables.map((t) => t.table.id), dataRoutes.id],
                tags: { Name: `${name}-s3` },
            },
            child,
        );

        this.remotePath = transit ? this.createTransitPath(name, vpc, transit, privateRouteTables) : [];

        this.logKeyArn = customerKey(
            `${name}-logs`,
            { description: `CloudWatch log groups in ${args.region}`, users: [{ kind: "cloudWatchLogs", region: args.region }], alias: `alias/${args.clusterName}-logs` },
            child,
        ).arn;

        if (args.flowLogs.enabled) this.createFlowLogs(name, vpc, args.flowLogs, args.region);

        this.registerOutputs({
            vpcId: this.vpcId,
            availabilityZones: this.availabilityZones,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            dataSubnetIds: this.dataSubnetIds,
            logKeyArn: this.logKeyArn,
        });
    }

    /**
     * One attachment on the private subnets and, in every private route table, a route per remote block to the
     * gateway. AWS takes one subnet per zone and forwards a zone's traffic to the gateway only where the attachment
     * has a subnet in that zone, so every zone's private subnet is in it (catalog/network.ts, TRANSIT_GATEWAY_ATTACHMENT). The gateway's own route tables
     * (association, propagation) are the hub's: neither option is set here, so on a gateway shared through RAM the
     * provider leaves them alone, and on a gateway of this account it applies its defaults (associate with and
     * propagate to the gateway's default route tables).
     */
    private createTransitPath(name: string, vpc: aws.ec2.Vpc, transit: TransitPlan, tables: readonly { az: string; table: aws.ec2.RouteTable }[]): pulumi.Resource[] {
        const attachment = new aws.ec2transitgateway.VpcAttachment(
            `${name}-tgw`,
            { transitGatewayId: transit.transitGatewayId, vpcId: vpc.id, subnetIds: this.privateSubnetIds, tags: { Name: `${name}-tgw` } },
            { parent: this },
        );
        const routes = tables.flatMap(({ az, table }) =>
            transit.routes.map(
                (route) =>
                    new aws.ec2.Route(
                        `${name}-private-${az}-to-${route.label}`,
                        // The gateway id is read from the attachment, so each route follows it (AWS: attach, then CreateRoute).
                        { routeTableId: table.id, destinationCidrBlock: route.cidr, transitGatewayId: attachment.transitGatewayId },
                        { parent: this },
                    ),
            ),
        );
        return [attachment, ...routes];
    }

    private createFlowLogs(name: string, vpc: aws.ec2.Vpc, settings: FlowLogSettings, region: string): void {
        const child = { parent: this };
        const logGroup = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, { retentionInDays: settings.retentionDays, kmsKeyId: this.logKeyArn, tags: { Name: `${name}-flow-logs` } }, child);
        const account = aws.getCallerIdentityOutput({}, child).accountId;
        const role = new aws.iam.Role(`${name}-flow-logs`, { assumeRolePolicy: account.apply((id) => JSON.stringify(scopedServiceTrust("vpc-flow-logs.amazonaws.com", region, id))) }, child);
        new aws.iam.RolePolicy(
            `${name}-flow-logs`,
            {
                role: role.id,
                policy: logGroup.arn.apply((arn) => {
                    const document: aws.iam.PolicyDocument = {
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                                Resource: [arn, `${arn}:*`],
                            },
                        ],
                    };
                    return JSON.stringify(document);
                }),
            },
            child,
        );
        new aws.ec2.FlowLog(
            `${name}-flow-logs`,
            {
                vpcId: vpc.id,
                trafficType: settings.trafficType,
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: role.arn,
                maxAggregationInterval: settings.maxAggregationIntervalSeconds,
                tags: { Name: `${name}-flow-logs` },
            },
            child,
        );
    }
}
