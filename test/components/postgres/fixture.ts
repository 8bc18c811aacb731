import type * as awsTypes from "@pulumi/aws";
import type * as k8sTypes from "@pulumi/kubernetes";
import type { ShardedPostgresArgs } from "../../../components/postgres";
import { PlanResource } from "../../../tools/plan/contract";
import { one, ready, record } from "../../harness";

/* Builds ShardedPostgres the way the Platform does, for the component's specs and the data-tier rule's. */

export type Settings = Omit<ShardedPostgresArgs, "regions" | "identifierPrefix">;

export const settings = (over: Partial<Settings>): Settings => ({
    shards: 4,
    shardKeys: { users: "user_id", messages: "tenant_id" },
    databaseName: "strata",
    masterUsername: "strata_admin",
    services: [{ service: "api", privileges: ["SELECT", "INSERT", "UPDATE", "DELETE"] }],
    engineVersion: "16.4",
    instanceClass: "db.r6g.2xlarge",
    backupRetentionDays: 14,
    deletionProtection: true,
    performanceInsightsRetentionDays: 31,
    monitoringIntervalSeconds: 15,
    logRetentionDays: 365,
    readerAutoscaling: { enabled: true, maxReaders: 5, targetCpuPercent: 60, scaleOutCooldownSeconds: 60, scaleInCooldownSeconds: 300 },
    proxy: { enabled: false, idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 90 },
    ...over,
});

/** Builds the component over providers of its own, one per region, as the Platform would. */
export async function build(
    prefix: string,
    regions: { name: string; primary: boolean; readers: number }[],
    over: Partial<Settings> & { writerRegion?: string },
    secrets: "mask" | "reveal" = "reveal",
) {
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const k8s: typeof k8sTypes = await import("@pulumi/kubernetes");
    const { ShardedPostgres } = await import("../../../components/postgres");
    let shardMap: unknown;
    const resources = await record(async () => {
        const component = new ShardedPostgres(
            "postgres",
            {
                identifierPrefix: prefix,
                regions: regions.map((r, i) => ({
                    name: r.name,
                    primary: r.primary,
                    provider: new aws.Provider(`${prefix}-${r.name}`, { region: r.name as awsTypes.Region }),
                    kubernetes: new k8s.Provider(`${prefix}-${r.name}-k8s`, { kubeconfig: "{}" }),
                    nodeGroups: [],
                    namespace: "apps",
                    vpcId: `vpc-${i}`,
                    dataSubnetIds: [`subnet-${r.name}-data-1`, `subnet-${r.name}-data-2`, `subnet-${r.name}-data-3`],
                    availabilityZones: [`${r.name}a`, `${r.name}b`, `${r.name}c`],
                    clientSecurityGroupId: `sg-nodes-${r.name}`,
                    logKeyArn: `arn:aws:kms:${r.name}:123456789012:key/logs`,
                    readersPerShard: r.readers,
                })),
                ...settings(over),
            },
        );
        shardMap = await new Promise((resolve) => component.shardMap.apply(resolve));
    }, secrets);
    return { resources, shardMap };
}

export const PROD_REGIONS = [
    { name: "us-east-1", primary: true, readers: 2 },
    { name: "eu-west-1", primary: false, readers: 2 },
    { name: "ap-southeast-1", primary: false, readers: 2 },
];

export const PROXY_ON = { enabled: true, idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 90 };

export interface ShardDoc {
    region: string;
    shards: { index: number; writerEndpoint: string; writeRoute: string; readerEndpoint: string }[];
    ranges: unknown[];
}

/** The shard map a region's applications read, parsed from its ConfigMap. */
export const shardDoc = (resources: readonly PlanResource[], region: string): ShardDoc =>
    JSON.parse(String((one(resources, "kubernetes:core/v1:ConfigMap", `${region}-shard-map`).inputs.data as Record<string, string>)["shard-map.json"])) as ShardDoc;
