import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as fs from "fs";
import * as path from "path";
import { hourlyRate, regionalRate, UnknownPrice } from "../../catalog/prices/lookup";
import { EC2_ON_DEMAND } from "../../catalog/prices/ec2";
import { EBS, NAT_GATEWAY } from "../../catalog/prices/services";
import { budgetFindings } from "../../capacity/cost/budget";
import { costDelta } from "../../capacity/cost/delta";
import { estimateCost } from "../../capacity/cost/estimate";
import { BilledResource, PRICED_ON, PRICERS, PricingContext } from "../../capacity/cost/lines";
import { NO_CHARGE } from "../../catalog/prices/free";
import { Usage } from "../../capacity/cost/model";
import { GroupNodes, placeServices } from "../../capacity/cost/nodes";

/*
 * The estimate on small stacks worked out by hand from us-east-1 list prices (catalog/prices):
 * m6i.large $0.096/h, EKS $0.10/h standard and $0.60/h extended, NAT gateway $0.045/h and $0.045/GB, public IPv4
 * $0.005/h, KMS key $1/month, gp3 $0.08/GB-month, db.t4g.medium $0.073/h, Aurora storage $0.10/GB-month and
 * I/O $0.20/million, cache.t4g.small $0.032/h. A month is 730 hours.
 */

const NO_USAGE: Usage = {
    natGbPerRegion: 0,
    interRegionGbPerRegion: 0,
    transitGatewayGbPerRegion: 0,
    logsIngestGbPerLogGroup: 0,
    flowLogsGbPerRegion: 0,
    auroraStorageGbPerShard: 0,
    auroraIoMillionsPerShard: 0,
    auroraBackupGbPerShard: 0,
    auroraReplicatedWriteMillionsPerShard: 0,
    redisBackupGbPerRegion: 0,
    nlbNlcuPerHour: 0,
    acceleratorGb: 0,
    flowLogBucketGb: 0,
    kmsRequestsTenThousandsPerKey: 0,
    secretsApiCallsTenThousandsPerSecret: 0,
};

const CHAIN: Record<string, string> = {
    "aws:eks/cluster:Cluster": "strata:cluster:RegionalCluster",
    "aws:eks/nodeGroup:NodeGroup": "strata:cluster:RegionalCluster",
    "aws:ec2/launchTemplate:LaunchTemplate": "strata:cluster:RegionalCluster",
    "aws:ec2/natGateway:NatGateway": "strata:network:RegionalNetwork",
    "aws:ec2/eip:Eip": "strata:network:RegionalNetwork",
    "aws:ec2/vpc:Vpc": "strata:network:RegionalNetwork",
    "aws:kms/key:Key": "strata:network:RegionalNetwork",
    "aws:rds/cluster:Cluster": "strata:postgres:ShardedPostgres",
    "aws:rds/clusterInstance:ClusterInstance": "strata:postgres:ShardedPostgres",
    "aws:elasticache/replicationGroup:ReplicationGroup": "strata:redis:RedisCluster",
};

function resource(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<BilledResource> = {}): BilledResource {
    const parent = CHAIN[type];
    return {
        urn: `urn:pulumi:test::strata::strata:stacks:Platform${parent ? `$${parent}` : ""}$${type}::${name}`,
        type,
        name,
        custom: true,
        region: "us-east-1",
        dependencies: [],
        inputs,
        ...extra,
    };
}

const template = resource("aws:ec2/launchTemplate:LaunchTemplate", "lt", { blockDeviceMappings: [{ ebs: { volumeSize: 20, volumeType: "gp3" } }] });
const group = (name: string, capacityType: "ON_DEMAND" | "SPOT") =>
    resource("aws:eks/nodeGroup:NodeGroup", name, { capacityType, instanceTypes: ["m6i.large"], scalingConfig: { minSize: 2, maxSize: 6 } }, { dependencies: [template.urn] });

/** A one-region stack: an EKS 1.35 cluster, one on-demand node group, a NAT gateway with its address, a key. */
const small = (): BilledResource[] => [
    resource("aws:eks/cluster:Cluster", "eks", { version: "1.35" }),
    template,
    group("general", "ON_DEMAND"),
    resource("aws:ec2/natGateway:NatGateway", "nat", {}),
    resource("aws:ec2/eip:Eip", "nat-ip", {}),
    resource("aws:kms/key:Key", "key", {}),
];

const context = (resources: BilledResource[], nodes: Record<string, GroupNodes> = {}, usage: Partial<Usage> = {}, spot = 0.5): PricingContext => ({
    resources,
    usage: { ...NO_USAGE, ...usage },
    nodes: new Map(Object.entries(nodes).map(([name, n]) => [resources.find((r) => r.name === name)?.urn ?? name, n])),
    spotSavings: () => spot,
});

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 0.011, `${what}: ${actual} ≠ ${expected}`);

describe("cost: price lookups", () => {
    it("returns a catalog price with its source", () => {
        const rate = hourlyRate(EC2_ON_DEMAND, "EC2 on-demand", "us-east-1", "m6i.2xlarge");
        assert.equal(rate.usd, 0.384);
        assert.match(rate.source.url, /karpenter/);
        assert.equal(regionalRate(NAT_GATEWAY, "NAT gateway", "eu-west-1", "gbProcessed").usd, 0.048);
    });

    it("refuses an unknown instance type by name and region", () => {
        assert.throws(() => hourlyRate(EC2_ON_DEMAND, "EC2 on-demand", "us-east-1", "x9.huge"), (e: Error) => e instanceof UnknownPrice && /x9\.huge/.test(e.message) && /us-east-1/.test(e.message));
    });

    it("refuses a region the catalog does not price, naming the ones it does", () => {
        assert.throws(() => hourlyRate(EC2_ON_DEMAND, "EC2 on-demand", "sa-east-1", "m6i.large"), /no EC2 on-demand prices for region sa-east-1: catalog\/prices prices us-east-1, eu-west-1, ap-southeast-1/);
    });

    it("refuses a rate no source gave for a priced region", () => {
        assert.throws(() => regionalRate(EBS, "EBS", "eu-west-1", "gp3ThroughputMibpsMonth"), /no EBS price \(gp3ThroughputMibpsMonth\) for eu-west-1/);
    });
});

describe("cost: node placement", () => {
    const m6iLarge = { name: "general", allocatable: { cpuMillis: 1930, memoryMiB: 7000, pods: 29 }, minSize: 1, maxSize: 10 };

    it("keeps the floor at steady state and adds nodes for the maximums by first-fit", () => {
        // 1.5 CPU pods: one per node. Steady 2 pods → 2 nodes; peak 5 → 5; without a floor, steady still needs 2.
        const placed = placeServices([m6iLarge], [{ name: "api", minReplicas: 2, maxReplicas: 5, request: { cpuMillis: 1500, memoryMiB: 1024 } }]);
        assert.deepEqual(placed.groups.get("general"), { steady: 2, peak: 5, needed: 2 });
        assert.equal(placed.unplacedAtPeak, 0);
    });

    it("counts the nodes a floor keeps beyond the steady pods' need", () => {
        const placed = placeServices([{ ...m6iLarge, minSize: 4 }], [{ name: "api", minReplicas: 1, maxReplicas: 3, request: { cpuMillis: 1500, memoryMiB: 1024 } }]);
        assert.deepEqual(placed.groups.get("general"), { steady: 4, peak: 4, needed: 1 });
    });

    it("counts headroom placeholders as warm capacity: in the steady and peak placements, not in the need", () => {
        // One pod per node: 1 api pod and 2 placeholders at steady state; at peak 3 api pods, placeholders refilled.
        const placed = placeServices([m6iLarge], [{ name: "api", minReplicas: 1, maxReplicas: 3, request: { cpuMillis: 1500, memoryMiB: 1024 } }], { pods: 2, request: { cpuMillis: 1500, memoryMiB: 1024 } });
        assert.deepEqual(placed.groups.get("general"), { steady: 3, peak: 5, needed: 1 });
    });

    it("stops at the group's maximum and reports the pods left over", () => {
        const placed = placeServices([{ ...m6iLarge, maxSize: 3 }], [{ name: "api", minReplicas: 1, maxReplicas: 5, request: { cpuMillis: 1500, memoryMiB: 1024 } }]);
        assert.equal(placed.groups.get("general")?.peak, 3);
        assert.equal(placed.unplacedAtPeak, 2);
    });
});

describe("cost: the estimate", () => {
    it("prices a small stack as worked out by hand", () => {
        const estimate = estimateCost(context(small(), { general: { steady: 2, peak: 5, needed: 1 } }, { natGbPerRegion: 100 }));
        // EKS 73 + nodes 2 × 70.08 + root volumes 2 × 1.60 + NAT 32.85 + 4.50 + address 3.65 + key 1.
        close(estimate.monthlyUsd.steady, 73 + 140.16 + 3.2 + 32.85 + 4.5 + 3.65 + 1, "steady");
        // Peak: 5 nodes and 5 volumes.
        close(estimate.monthlyUsd.peak, 73 + 350.4 + 8 + 32.85 + 4.5 + 3.65 + 1, "peak");
        assert.deepEqual(estimate.unpriced, []);
        const network = estimate.components.find((c) => c.name === "network");
        close(network?.monthlyUsd.steady ?? 0, 32.85 + 4.5 + 3.65 + 1, "network");
        assert.deepEqual(
            estimate.regions.map((r) => r.name),
            ["us-east-1"],
        );
    });

    it("prices extended support at its own rate", () => {
        const resources = [resource("aws:eks/cluster:Cluster", "eks", { version: "1.33" })];
        const estimate = estimateCost(context(resources));
        close(estimate.monthlyUsd.steady, 0.6 * 730, "1.33 in extended support");
        assert.match(estimate.lines[0]?.item ?? "", /extended support/);
    });

    it("prices spot nodes at the saved share and compares them with all on demand", () => {
        const resources = [template, group("compute", "SPOT")];
        const estimate = estimateCost(context(resources, { compute: { steady: 2, peak: 4, needed: 2 } }, {}, 0.5));
        close(estimate.monthlyUsd.peak, 4 * 70.08 * 0.5 + 4 * 1.6, "spot peak");
        close(estimate.allOnDemand.monthlyUsd.peak, 4 * 70.08 + 4 * 1.6, "on-demand peak");
        assert.equal(estimate.allOnDemand.savingsPercent.peak, Number(((100 * (4 * 70.08 * 0.5)) / (4 * 70.08 + 4 * 1.6)).toFixed(1)));
    });

    it("costs the warm capacity: the nodes kept beyond the steady need", () => {
        const estimate = estimateCost(context(small(), { general: { steady: 3, peak: 5, needed: 1 } }));
        assert.equal(estimate.warmCapacity.nodes, 2);
        close(estimate.warmCapacity.monthlyUsd, 2 * (70.08 + 1.6), "two warm nodes");
    });

    it("takes Aurora instances, storage and I/O, and Redis nodes, from the usage model", () => {
        const resources = [
            resource("aws:rds/cluster:Cluster", "shard-0", { clusterIdentifier: "c0", masterUsername: "admin" }),
            resource("aws:rds/clusterInstance:ClusterInstance", "shard-0-writer", { clusterIdentifier: "c0", identifier: "c0-writer", instanceClass: "db.t4g.medium" }),
            resource("aws:elasticache/replicationGroup:ReplicationGroup", "redis", { engine: "redis", nodeType: "cache.t4g.small", numNodeGroups: 1, replicasPerNodeGroup: 1 }),
        ];
        const estimate = estimateCost(context(resources, {}, { auroraStorageGbPerShard: 10, auroraIoMillionsPerShard: 5 }));
        const postgres = estimate.components.find((c) => c.name === "postgres")?.monthlyUsd.steady ?? 0;
        close(postgres, 0.073 * 730 + 10 * 0.1 + 5 * 0.2, "one db.t4g.medium shard");
        close(estimate.components.find((c) => c.name === "redis")?.monthlyUsd.steady ?? 0, 2 * 0.032 * 730, "two cache.t4g.small nodes");
        assert.ok(estimate.lines.some((l) => l.item === "storage" && l.fromUsage));
    });

    it("prices Performance Insights retention beyond the free week per vCPU: the first month, then each further month", () => {
        const instance = (retention: number) =>
            resource("aws:rds/clusterInstance:ClusterInstance", `w-${retention}`, { clusterIdentifier: "c0", identifier: "c0-writer", instanceClass: "db.t4g.medium", performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: retention });
        const instanceMonth = 0.073 * 730;
        close(estimateCost(context([instance(7)])).monthlyUsd.steady, instanceMonth, "7 days are free");
        // db.t4g.medium has 2 vCPUs: $1.50 each for the first month, $0.0631 each for every further month.
        close(estimateCost(context([instance(62)])).monthlyUsd.steady, instanceMonth + 2 * 1.5 + 2 * 0.0631, "two months");
        close(estimateCost(context([instance(731)])).monthlyUsd.steady, instanceMonth + 2 * 1.5 + 2 * 23 * 0.0631, "24 months");
    });

    it("reports a resource of a type neither priced nor free, and a missing price, without counting them", () => {
        const resources = [
            resource("aws:dynamodb/table:Table", "table", {}),
            { ...resource("aws:ec2/natGateway:NatGateway", "nat", {}), region: "sa-east-1" },
            resource("kubernetes:apps/v1:Deployment", "api", {}),
            resource("kubernetes:core/v1:Service", "public", { spec: { type: "LoadBalancer" } }),
        ];
        const estimate = estimateCost(context(resources));
        assert.equal(estimate.monthlyUsd.steady, 0);
        assert.deepEqual(
            estimate.unpriced.map((u) => `${u.type}: ${u.reason}`),
            [
                "aws:dynamodb/table:Table: not catalogued: neither priced (capacity/cost/lines.ts) nor listed as free of charge (catalog/prices/free.ts)",
                "aws:ec2/natGateway:NatGateway: no NAT gateway prices for region sa-east-1: catalog/prices prices us-east-1, eu-west-1, ap-southeast-1",
                "aws:ec2/natGateway:NatGateway: no NAT gateway prices for region sa-east-1: catalog/prices prices us-east-1, eu-west-1, ap-southeast-1",
                "kubernetes:core/v1:Service: not catalogued: neither priced (capacity/cost/lines.ts) nor listed as free of charge (catalog/prices/free.ts)",
            ],
        );
    });
});

describe("cost: every type the program can create", () => {
    const sources = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
    const root = path.resolve(__dirname, "..", "..");
    const created = [...new Set([...sources(path.join(root, "components")), ...sources(path.join(root, "stacks"))].flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(/new aws\.([a-z0-9]+)\.([A-Za-z0-9]+)\(/g)].map((m) => `${m[1]}.${m[2]}`)))];

    it("is priced, free of charge or priced on another resource; only RDS Proxy endpoints are open", () => {
        const modules = aws as unknown as Record<string, Record<string, { __pulumiType?: string }>>;
        const tokens = created.map((name) => {
            const [mod = "", cls = ""] = name.split(".");
            const token = modules[mod]?.[cls]?.__pulumiType;
            assert.ok(token, `aws.${name} has no Pulumi type token`);
            return token;
        });
        assert.ok(tokens.length > 50, `found ${tokens.length} resource classes`);
        const open = tokens.filter((t) => !PRICERS[t] && !NO_CHARGE[t] && !PRICED_ON[t]);
        assert.deepEqual(open, ["aws:rds/proxyEndpoint:ProxyEndpoint"]);
    });

    it("prices a Route 53 health check at the non-AWS rates with its optional features", () => {
        const check = { ...resource("aws:route53/healthCheck:HealthCheck", "check", { type: "HTTPS", requestInterval: 30, measureLatency: true }), region: null };
        const estimate = estimateCost(context([check]));
        // $0.75 a check plus two features (HTTPS, latency) at $2.00.
        close(estimate.monthlyUsd.steady, 0.75 + 2 * 2, "health check");
        assert.equal(estimate.regions[0]?.name, "global");
    });
});

describe("cost: the delta of a change", () => {
    const shard = (n: number) => [
        resource("aws:rds/cluster:Cluster", `shard-${n}`, { clusterIdentifier: `c${n}`, masterUsername: "admin" }),
        resource("aws:rds/clusterInstance:ClusterInstance", `shard-${n}-writer`, { clusterIdentifier: `c${n}`, identifier: `c${n}-writer`, instanceClass: "db.t4g.medium" }),
    ];

    it("one more shard adds one shard's instance, storage and I/O to postgres and nothing elsewhere", () => {
        const usage = { auroraStorageGbPerShard: 10, auroraIoMillionsPerShard: 5 };
        const base = estimateCost(context([...small(), ...shard(0)], { general: { steady: 2, peak: 5, needed: 2 } }, usage));
        const head = estimateCost(context([...small(), ...shard(0), ...shard(1)], { general: { steady: 2, peak: 5, needed: 2 } }, usage));
        const delta = costDelta(base, head);
        const shardMonth = 0.073 * 730 + 10 * 0.1 + 5 * 0.2;
        close(delta.components.find((c) => c.name === "postgres")?.delta.steady ?? 0, shardMonth, "postgres");
        close(delta.total.delta.peak, shardMonth, "total");
        assert.ok(delta.components.filter((c) => c.name !== "postgres").every((c) => c.delta.steady === 0 && c.delta.peak === 0));
    });

    it("one more region adds its network and, now that there are two, both regions' inter-region transfer", () => {
        const vpc = (region: string) => ({ ...resource("aws:ec2/vpc:Vpc", `${region}-vpc`, {}), region });
        const nat = (region: string) => ({ ...resource("aws:ec2/natGateway:NatGateway", `${region}-nat`, {}), region });
        const usage = { interRegionGbPerRegion: 100 };
        const base = estimateCost(context([vpc("us-east-1"), nat("us-east-1")], {}, usage));
        const head = estimateCost(context([vpc("us-east-1"), nat("us-east-1"), vpc("eu-west-1"), nat("eu-west-1")], {}, usage));
        // eu-west-1's NAT gateway ($0.048/h) plus 100 GB out of each region at $0.02/GB.
        close(costDelta(base, head).total.delta.steady, 0.048 * 730 + 2 * 100 * 0.02, "second region");
    });
});

describe("cost: the budget", () => {
    const estimate = estimateCost(context(small(), { general: { steady: 2, peak: 5, needed: 2 } }));

    it("passes an estimate within the budget", () => {
        assert.deepEqual(budgetFindings(estimate, { maxMonthlyUsd: { steady: 300, peak: 500 }, enforcement: "mandatory" }), []);
    });

    it("reports the state that exceeds it, by how much, at the configured level", () => {
        const findings = budgetFindings(estimate, { maxMonthlyUsd: { steady: 300, peak: 400 }, enforcement: "mandatory" });
        assert.equal(findings.length, 1);
        assert.equal(findings[0]?.enforcementLevel, "mandatory");
        assert.match(findings[0]?.message ?? "", /^the estimate at peak state, \$468\.90 a month, exceeds strata:cost\.budget\.maxMonthlyUsd\.peak \(\$400\.00\) by \$68\.90; the largest components are cluster and nodes \$431\.40, network \$37\.50, /);
    });

    it("checks only the states the budget names", () => {
        assert.deepEqual(budgetFindings(estimate, { maxMonthlyUsd: { steady: 1 }, enforcement: "advisory" }).map((f) => f.enforcementLevel), ["advisory"]);
    });
});
