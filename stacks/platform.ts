import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionalCluster, addonVersionsByName } from "../components/cluster";
import { RegionalNetwork } from "../components/network";
import { PlatformConfig, ResolvedRegion } from "./config";

/** What each region publishes as stack outputs. */
export interface RegionOutputs {
    readonly vpcId: pulumi.Output<string>;
    readonly availabilityZones: pulumi.Output<string[]>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly dataSubnetIds: pulumi.Output<string[]>;
    readonly clusterName: pulumi.Output<string>;
    readonly clusterEndpoint: pulumi.Output<string>;
    readonly oidcProviderArn: pulumi.Output<string>;
    readonly nodeSecurityGroupId: pulumi.Output<string>;
    /** Secret: authenticates through `aws eks get-token`. */
    readonly kubeconfig: pulumi.Output<string>;
}

/** The EKS cluster name of a region; subnets are tagged with it before the cluster exists. */
export const clusterNameFor = (stack: string, region: string) => `strata-${stack}-${region}`;

/**
 * The composition root: builds every region's network and cluster from the validated config, each with that
 * region's own AWS provider. Logical names derive from region names, never from list positions.
 */
export class Platform extends pulumi.ComponentResource {
    public readonly regions: Record<string, RegionOutputs>;

    constructor(name: string, config: PlatformConfig, opts?: pulumi.ComponentResourceOptions) {
        super("strata:stacks:Platform", name, {}, opts);
        this.regions = Object.fromEntries(config.regions.map((region) => [region.name, this.buildRegion(config, region)]));
        this.registerOutputs({ regions: this.regions });
    }

    private buildRegion(config: PlatformConfig, region: ResolvedRegion): RegionOutputs {
        const provider = new aws.Provider(
            region.name,
            {
                region: region.name,
                defaultTags: {
                    tags: {
                        "strata:project": "strata",
                        "strata:stack": config.stack,
                        "strata:environment": config.environment,
                        "strata:region": region.name,
                        "managed-by": "pulumi",
                    },
                },
            },
            { parent: this },
        );
        const network = new RegionalNetwork(
            region.name,
            {
                region: region.name,
                vpcCidr: region.vpcCidr,
                azCount: region.azCount,
                availabilityZones: region.availabilityZones,
                natGateways: config.network.natGateways,
                flowLogs: config.network.flowLogs,
                clusterName: clusterNameFor(config.stack, region.name),
            },
            { parent: this, providers: { aws: provider } },
        );
        const settings = region.cluster;
        const cluster = new RegionalCluster(
            region.name,
            {
                region: region.name,
                clusterName: clusterNameFor(config.stack, region.name),
                kubernetesVersion: settings.kubernetesVersion,
                vpcId: network.vpcId,
                privateSubnetIds: network.privateSubnetIds,
                endpointPublicAccess: settings.endpointPublicAccess,
                publicAccessCidrs: settings.publicAccessCidrs,
                adminRoleArns: settings.adminRoleArns,
                nodeGroups: settings.nodeGroups,
                deletionProtection: settings.deletionProtection,
                logRetentionDays: settings.logRetentionDays,
                autoscaler: settings.autoscaler,
                addonVersions: addonVersionsByName(settings.addonVersions),
                chartVersions: settings.chartVersions,
            },
            { parent: this, providers: { aws: provider } },
        );
        return {
            vpcId: network.vpcId,
            availabilityZones: network.availabilityZones,
            publicSubnetIds: network.publicSubnetIds,
            privateSubnetIds: network.privateSubnetIds,
            dataSubnetIds: network.dataSubnetIds,
            clusterName: cluster.clusterName,
            clusterEndpoint: cluster.endpoint,
            oidcProviderArn: cluster.oidcProviderArn,
            nodeSecurityGroupId: cluster.nodeSecurityGroupId,
            kubeconfig: cluster.kubeconfig,
        };
    }
}
