import { strict as assert } from "assert";
import { PlanFile, PlanResource, SECRET_MASK } from "../../../tools/plan/contract";
import { diffPlans } from "../../../tools/plan/diff";
import { renderManifests } from "../../../tools/plan/manifests";
import { ofType, one, record } from "../../harness";
import { PROD_REGIONS, PROXY_ON, build, shardDoc } from "./fixture";
import * as path from "path";
import { parseStackConfig, strataSettings } from "../../../stacks/config";
import { readStackFile } from "../../../tools/plan/stackFile";
import { validateObject } from "../../k8sSchema";

const T = {
    global: "aws:rds/globalCluster:GlobalCluster",
    cluster: "aws:rds/cluster:Cluster",
    instance: "aws:rds/clusterInstance:ClusterInstance",
    key: "aws:kms/key:Key",
    subnetGroup: "aws:rds/subnetGroup:SubnetGroup",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    clusterParams: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    target: "aws:appautoscaling/target:Target",
    policy: "aws:appautoscaling/policy:Policy",
    secret: "aws:secretsmanager/secret:Secret",
    configMap: "kubernetes:core/v1:ConfigMap",
    k8sSecret: "kubernetes:core/v1:Secret",
    proxy: "aws:rds/proxy:Proxy",
    proxyEndpoint: "aws:rds/proxyEndpoint:ProxyEndpoint",
    proxyTargetGroup: "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup",
    proxyTarget: "aws:rds/proxyTarget:ProxyTarget",
};



const params = (resource: PlanResource) => Object.fromEntries((resource.inputs.parameters as { name: string; value: string }[]).map((p) => [p.name, p.value]));

const planFile = (resources: PlanResource[]): PlanFile => ({ version: 1, project: "strata", stack: "prod", resources, outputs: {}, policies: { evaluated: 0, violations: [] } });

describe("ShardedPostgres", () => {
    describe("prod: 3 regions, 4 shards × 2 readers, a global database per shard, RDS Proxy", () => {
        let resources: PlanResource[];
        let shardMap: {
            writerRegion: string;
            shards: { writerEndpoints: Record<string, string>; writeRoutes: Record<string, string>; readerEndpoints: Record<string, string> }[];
            ranges: unknown[];
        };
        before(async () => {
            const built = await build("strata-prod", PROD_REGIONS, { proxy: PROXY_ON });
            resources = built.resources;
            shardMap = built.shardMap as typeof shardMap;
        });

        it("creates 4 global clusters, 12 regional clusters and 28 instances", () => {
            assert.equal(ofType(resources, T.global).length, 4);
            assert.equal(ofType(resources, T.cluster).length, 12);
            assert.equal(ofType(resources, T.instance).length, 4 * 3 + 4 * 2 * 2);
            for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) assert.equal(ofType(resources, T.cluster).filter((c) => c.region === region).length, 4);
        });

        it("names everything from region and shard index", () => {
            assert.deepEqual(ofType(resources, T.global).map((g) => g.inputs.globalClusterIdentifier), [0, 1, 2, 3].map((i) => `strata-prod-shard-${i}`));
            const cluster = one(resources, T.cluster, "eu-west-1-shard-2");
            assert.equal(cluster.inputs.clusterIdentifier, "strata-prod-eu-west-1-shard-2");
            assert.deepEqual(
                ofType(resources, T.instance).filter((i) => i.name.startsWith("us-east-1-shard-0-")).map((i) => [i.name, i.inputs.promotionTier, i.inputs.availabilityZone]),
                [
                    ["us-east-1-shard-0-writer", 0, "us-east-1a"],
                    ["us-east-1-shard-0-reader-1", 1, "us-east-1b"],
                    ["us-east-1-shard-0-reader-2", 2, "us-east-1c"],
                ],
            );
        });

        it("puts the writer in the primary region and makes every other region a secondary that waits for it", () => {
            const primary = one(resources, T.cluster, "us-east-1-shard-1");
            assert.equal(primary.inputs.masterUsername, "strata_admin");
            assert.equal(typeof primary.inputs.masterPassword, "string");
            assert.ok(primary.dependencies.includes(one(resources, T.global, "shard-1").urn));
            const secondary = one(resources, T.cluster, "ap-southeast-1-shard-1");
            assert.equal(secondary.inputs.masterUsername, undefined);
            assert.equal(secondary.inputs.masterPassword, undefined);
            assert.equal(secondary.inputs.globalClusterIdentifier, "strata-prod-shard-1");
            assert.deepEqual(primary.inputs.tags, { "strata.io/global-role": "primary" });
            assert.deepEqual(secondary.inputs.tags, { "strata.io/global-role": "secondary" });
            assert.ok(secondary.dependencies.includes(primary.urn));
            assert.ok(secondary.dependencies.includes(one(resources, T.instance, "us-east-1-shard-1-writer").urn));
            assert.equal(ofType(resources, T.instance).filter((i) => i.name.startsWith("ap-southeast-1-") && i.name.endsWith("-writer")).length, 0);
        });

        it("keeps each cluster on its own region's subnets, security group and KMS key", () => {
            for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
                const subnetGroup = ofType(resources, T.subnetGroup).find((g) => g.region === region)!;
                assert.deepEqual(subnetGroup.inputs.subnetIds, [`subnet-${region}-data-1`, `subnet-${region}-data-2`, `subnet-${region}-data-3`]);
                const sg = one(resources, T.sg, `${region}-postgres`);
                const key = ofType(resources, T.key).find((k) => k.region === region)!;
                for (const cluster of ofType(resources, T.cluster).filter((c) => c.region === region)) {
                    assert.ok(cluster.dependencies.includes(subnetGroup.urn));
                    assert.ok(cluster.dependencies.includes(sg.urn));
                    assert.ok(cluster.dependencies.includes(key.urn));
                    assert.match(String(cluster.inputs.kmsKeyId), new RegExp(`^arn:aws:kms:${region}:`));
                }
            }
        });

        it("admits the nodes and the region's proxies to the shards, the nodes to the proxies, and lets the proxies out only to the shards", () => {
            for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
                const database = String((one(resources, T.cluster, `${region}-shard-0`).inputs.vpcSecurityGroupIds as string[])[0]);
                const proxy = String((one(resources, T.proxy, `${region}-shard-0-proxy`).inputs.vpcSecurityGroupIds as string[])[0]);
                assert.notEqual(proxy, database, "the proxies have a group of their own");
                const rules = (type: string) =>
                    ofType(resources, type)
                        .filter((r) => r.region === region)
                        .map((r) => [r.inputs.securityGroupId, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.referencedSecurityGroupId, r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6])
                        .sort();
                const nodes = `sg-nodes-${region}`;
                assert.deepEqual(
                    rules(T.ingressRule),
                    [
                        [database, "tcp", 5432, 5432, nodes, undefined],
                        [database, "tcp", 5432, 5432, proxy, undefined],
                        [proxy, "tcp", 5432, 5432, nodes, undefined],
                    ].sort(),
                );
                assert.deepEqual(rules(T.egressRule), [[proxy, "tcp", 5432, 5432, database, undefined]], "the shards open no connections; the proxies only to them");
                for (const name of [`${region}-postgres`, `${region}-postgres-proxy`]) {
                    const group = one(resources, T.sg, name);
                    assert.deepEqual([group.inputs.ingress, group.inputs.egress], [undefined, undefined], `${name}: no inline rules next to standalone ones`);
                }
            }
        });

        it("puts every proxy and read-only endpoint of a region in its proxy group, and every cluster in the database group alone", () => {
            for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
                const groupsOf = (type: string) => [...new Set(ofType(resources, type).filter((r) => r.region === region).map((r) => JSON.stringify(r.inputs.vpcSecurityGroupIds)))];
                assert.equal(groupsOf(T.proxy).length, 1);
                assert.deepEqual(groupsOf(T.proxyEndpoint), groupsOf(T.proxy));
                assert.equal(groupsOf(T.cluster).length, 1);
                assert.notDeepEqual(groupsOf(T.cluster), groupsOf(T.proxy));
                assert.ok(one(resources, T.proxy, `${region}-shard-1-proxy`).dependencies.includes(one(resources, T.sg, `${region}-postgres-proxy`).urn));
            }
        });

        it("forces TLS, logs slow queries at 1 s, loads pg_stat_statements and sets write forwarding's parameters in every region", () => {
            const groups = ofType(resources, T.clusterParams);
            assert.deepEqual(groups.map((g) => g.region), ["us-east-1", "eu-west-1", "ap-southeast-1"]);
            for (const group of groups) {
                assert.equal(group.inputs.family, "aurora-postgresql16");
                assert.deepEqual(params(group), {
                    "rds.force_ssl": "1",
                    log_min_duration_statement: "1000",
                    shared_preload_libraries: "pg_stat_statements",
                    // "off", the engine default, would refuse every forwarded write.
                    "apg_write_forward.consistency_mode": "session",
                    "apg_write_forward.max_forwarding_connections_percent": "25",
                });
                const forwarding = (group.inputs.parameters as { name: string; applyMethod?: string }[]).filter((p) => p.name.startsWith("apg_write_forward."));
                assert.deepEqual(forwarding.map((p) => p.applyMethod), ["pending-reboot", "pending-reboot"], "static parameters");
            }
        });

        it("turns global write forwarding on on every member, the primary included, so a switchover changes nothing there", () => {
            assert.deepEqual(
                ofType(resources, T.cluster).map((c) => c.inputs.enableGlobalWriteForwarding),
                Array.from({ length: 12 }, () => true),
            );
        });

        it("gives every region a write endpoint that works: the writer region its proxy, the others their own reader endpoint, which forwards", () => {
            for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
                const doc = shardDoc(resources, region);
                assert.equal(doc.region, region);
                assert.equal(doc.shards.length, 4);
                for (const shard of doc.shards) {
                    assert.match(shard.readerEndpoint, new RegExp(`^strata-prod-${region}-shard-${shard.index}\\.cluster-ro-[0-9a-f]+\\.${region}\\.rds\\.amazonaws\\.com$`));
                    if (region === "us-east-1") {
                        assert.equal(shard.writeRoute, "proxy");
                        assert.match(shard.writerEndpoint, new RegExp(`^strata-prod-shard-${shard.index}\\.proxy-[0-9a-f]+\\.us-east-1\\.rds\\.amazonaws\\.com$`));
                    } else {
                        assert.equal(shard.writeRoute, "forwarded");
                        assert.equal(shard.writerEndpoint, shard.readerEndpoint, "forwarded writes go to the secondary's reader endpoint");
                        // Never a secondary's cluster endpoint: AWS keeps it inactive, read queries only.
                        assert.doesNotMatch(shard.writerEndpoint, /\.cluster-[0-9a-f]+\./);
                    }
                }
            }
        });

        it("puts a proxy in front of every region's shard cluster, IAM end to end: no secret, and its role signs in as exactly the services' roles on its own shard", () => {
            assert.deepEqual(
                ofType(resources, T.proxy).map((p) => `${p.name} in ${p.region}`).sort(),
                [0, 1, 2, 3].flatMap((i) => ["us-east-1", "eu-west-1", "ap-southeast-1"].map((region) => `${region}-shard-${i}-proxy in ${region}`)).sort(),
            );
            for (const proxy of ofType(resources, T.proxy)) {
                assert.equal(proxy.inputs.defaultAuthScheme, "IAM_AUTH");
                assert.equal(proxy.inputs.auths, undefined, `${proxy.name} reads no secret`);
                const policy = JSON.parse(String(one(resources, "aws:iam/rolePolicy:RolePolicy", proxy.name).inputs.policy)) as { Statement: { Action: string[]; Resource: string[] }[] };
                assert.equal(policy.Statement.length, 1);
                assert.deepEqual(policy.Statement[0]!.Action, ["rds-db:connect"]);
                assert.equal(policy.Statement[0]!.Resource.length, 1);
                assert.match(policy.Statement[0]!.Resource[0]!, new RegExp(`^arn:aws:rds-db:${proxy.region}:123456789012:dbuser:cluster-[A-Z0-9]+/svc_api$`));
            }
            const resourcesOf = (name: string) => (JSON.parse(String(one(resources, "aws:iam/rolePolicy:RolePolicy", name).inputs.policy)) as { Statement: { Resource: string[] }[] }).Statement[0]!.Resource;
            assert.notDeepEqual(resourcesOf("us-east-1-shard-0-proxy"), resourcesOf("us-east-1-shard-1-proxy"), "each proxy's role reaches its own shard only");
            const targets = ofType(resources, T.proxyTarget).map((t) => [t.region, t.inputs.dbClusterIdentifier]);
            assert.ok(targets.some(([region, id]) => region === "eu-west-1" && id === "strata-prod-eu-west-1-shard-0"));
        });

        it("leaves write forwarding's 25 % of the writer's connections out of every proxy's share: 90 configured, 65 used", () => {
            const shares = ofType(resources, T.proxyTargetGroup).map((g) => (g.inputs.connectionPoolConfig as { maxConnectionsPercent: number }).maxConnectionsPercent);
            assert.deepEqual(shares, Array.from({ length: 12 }, () => 65));
            for (const share of shares) assert.ok(share + 25 <= 100);
        });

        it("applies every safety setting of prod", () => {
            for (const cluster of ofType(resources, T.cluster)) {
                assert.equal(cluster.inputs.storageEncrypted, true);
                assert.equal(cluster.inputs.iamDatabaseAuthenticationEnabled, true);
                assert.equal(cluster.inputs.deletionProtection, true);
                assert.equal(cluster.protect, true);
                assert.equal(cluster.inputs.backupRetentionPeriod, 14);
                assert.equal(cluster.inputs.copyTagsToSnapshot, true);
                assert.deepEqual(cluster.inputs.enabledCloudwatchLogsExports, ["postgresql"]);
                assert.equal(cluster.inputs.allowMajorVersionUpgrade, false);
                assert.deepEqual(cluster.ignoreChanges, ["engineVersion", "replicationSourceIdentifier"], "the global cluster carries the version; AWS writes the source back");
            }
            const primary = one(resources, T.cluster, "us-east-1-shard-0");
            assert.equal(primary.inputs.skipFinalSnapshot, false);
            assert.equal(primary.inputs.finalSnapshotIdentifier, "strata-prod-us-east-1-shard-0-final");
            for (const instance of ofType(resources, T.instance)) {
                assert.equal(instance.inputs.performanceInsightsEnabled, true);
                assert.equal(instance.inputs.monitoringInterval, 15);
                assert.match(String(instance.inputs.monitoringRoleArn), /^arn:aws:iam::/);
                assert.equal(instance.inputs.publiclyAccessible, false);
                assert.equal(instance.protect, true);
            }
            for (const global of ofType(resources, T.global)) assert.equal(global.protect, true);
        });

        it("scales readers only on the writer region's clusters, from the fixed count to the maximum on reader CPU: AWS does not scale secondaries", () => {
            const targets = ofType(resources, T.target);
            assert.deepEqual(
                targets.map((t) => t.inputs.resourceId),
                [0, 1, 2, 3].map((i) => `cluster:strata-prod-us-east-1-shard-${i}`),
            );
            assert.equal(ofType(resources, T.policy).length, 4);
            const target = one(resources, T.target, "us-east-1-shard-3-readers");
            assert.equal(target.inputs.scalableDimension, "rds:cluster:ReadReplicaCount");
            assert.deepEqual([target.inputs.minCapacity, target.inputs.maxCapacity], [2, 5]);
            const policy = one(resources, T.policy, "us-east-1-shard-3-readers");
            const config = policy.inputs.targetTrackingScalingPolicyConfiguration as { targetValue: number; predefinedMetricSpecification: { predefinedMetricType: string } };
            assert.equal(config.targetValue, 60);
            assert.equal(config.predefinedMetricSpecification.predefinedMetricType, "RDSReaderAverageCPUUtilization");
        });

        it("keeps credentials in Secrets Manager, replicated to every secondary region", () => {
            const secrets = ofType(resources, T.secret);
            assert.equal(secrets.length, 4);
            for (const secret of secrets) {
                assert.equal(secret.region, "us-east-1");
                assert.deepEqual((secret.inputs.replicas as { region: string }[]).map((r) => r.region), ["eu-west-1", "ap-southeast-1"]);
            }
        });

        it("publishes the shard map ConfigMap in every region and every region's endpoints as the stack output", () => {
            for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
                const metadata = one(resources, T.configMap, `${region}-shard-map`).inputs.metadata as { name: string; labels: Record<string, string> };
                assert.deepEqual([metadata.name, metadata.labels["strata.io/region"]], ["strata-shard-map", region]);
            }
            assert.equal(shardMap.writerRegion, "us-east-1");
            assert.equal(shardMap.shards.length, 4);
            const shard = shardMap.shards[2]!;
            assert.deepEqual(Object.keys(shard.readerEndpoints), ["us-east-1", "eu-west-1", "ap-southeast-1"]);
            assert.deepEqual(shard.writeRoutes, { "us-east-1": "proxy", "eu-west-1": "forwarded", "ap-southeast-1": "forwarded" });
            assert.equal(shard.writerEndpoints["eu-west-1"], shard.readerEndpoints["eu-west-1"]);
            assert.equal(shard.writerEndpoints["us-east-1"], shardDoc(resources, "us-east-1").shards[2]!.writerEndpoint);
        });

        it("renders its Kubernetes objects schema-valid", () => {
            for (const manifest of renderManifests(resources)) validateObject(manifest.object, manifest.path);
        });
    });

    describe("secrets", () => {
        it("never puts a password in a plain output, a ConfigMap or a plan file", async () => {
            const { resources: revealed } = await build("strata-s", [{ name: "us-west-2", primary: true, readers: 1 }], { shards: 1 });
            const password = String((one(revealed, T.k8sSecret, "us-west-2-db-bootstrap-master").inputs.stringData as Record<string, string>)["shard-0-password"]);
            assert.match(password, /^offline-/);
            const { resources: masked, shardMap } = await build("strata-s", [{ name: "us-west-2", primary: true, readers: 1 }], { shards: 1 }, "mask");
            assert.ok(!JSON.stringify(masked).includes(password), "a plan file would hold the password");
            assert.ok(!JSON.stringify(shardMap).includes(password), "the shard map output holds the password");
            assert.ok(!JSON.stringify(one(masked, T.configMap, "us-west-2-shard-map")).includes(password));
            assert.equal(one(masked, T.cluster, "us-west-2-shard-0").inputs.masterPassword, SECRET_MASK);
        });

        it("keeps the master password out of the application namespace: only the bootstrap namespace holds it", async () => {
            const { resources: revealed } = await build("strata-s", [{ name: "us-west-2", primary: true, readers: 1 }], { shards: 1 });
            const secrets = ofType(revealed, T.k8sSecret).map((r) => `${(r.inputs.metadata as { namespace: string }).namespace}/${(r.inputs.metadata as { name: string }).name}`);
            assert.deepEqual(secrets, ["strata-db-bootstrap/postgres-master"]);
            const data = (one(revealed, T.configMap, "us-west-2-shard-map").inputs.data as Record<string, string>);
            assert.equal(data.auth, "iam");
        });
    });

    describe("the services' database roles (bootstrap Job)", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = (await build("strata-prod", PROD_REGIONS, { services: [{ service: "api", privileges: ["SELECT", "INSERT"] }, { service: "reports", privileges: ["SELECT"] }] })).resources;
        });

        it("runs one Job in the writer region's cluster, in a namespace of its own that holds the master passwords and runs nothing else", () => {
            const namespace = one(resources, "kubernetes:core/v1:Namespace", "us-east-1-db-bootstrap-namespace");
            const labels = (namespace.inputs.metadata as { labels: Record<string, string> }).labels;
            assert.equal(labels["strata.io/holds-master-credentials"], "true");
            assert.equal(labels["pod-security.kubernetes.io/enforce"], "restricted");
            assert.equal(labels["istio-injection"], "disabled", "a sidecar would keep the Job's pod running");
            const job = one(resources, "kubernetes:batch/v1:Job", "us-east-1-db-bootstrap-job");
            assert.match(String(job.provider), /strata-prod-us-east-1-k8s/, "the writer region's cluster");
            const pod = (job.inputs.spec as { template: { spec: Record<string, unknown> } }).template.spec;
            assert.equal(pod.automountServiceAccountToken, false, "the Job needs no Kubernetes API");
            const master = one(resources, T.k8sSecret, "us-east-1-db-bootstrap-master");
            assert.deepEqual(Object.keys(master.inputs.stringData as object), ["shard-0-password", "shard-1-password", "shard-2-password", "shard-3-password"]);
            const hosts = one(resources, T.configMap, "us-east-1-db-bootstrap-shards").inputs.data as Record<string, string>;
            assert.deepEqual(Object.keys(hosts), ["shard-0-host", "shard-1-host", "shard-2-host", "shard-3-host"]);
            for (const [key, host] of Object.entries(hosts)) assert.match(host, new RegExp(`^strata-prod-us-east-1-shard-${key.split("-")[1]}\\.cluster-`), "each shard's writer endpoint");
            // Nothing in the component grants anyone access to the namespace: no Role, no binding.
            assert.equal(resources.filter((r) => /rbac\.authorization\.k8s\.io/.test(r.type)).length, 0);
        });

        it("ships the SQL for exactly the configured services, and renames the Job when it changes so that it runs again", async () => {
            const sql = (one(resources, T.configMap, "us-east-1-db-bootstrap-sql").inputs.data as Record<string, string>)["roles.sql"] as string;
            assert.match(sql, /GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO svc_api;/);
            assert.match(sql, /GRANT SELECT ON ALL TABLES IN SCHEMA public TO svc_reports;/);
            const name = (one(resources, "kubernetes:batch/v1:Job", "us-east-1-db-bootstrap-job").inputs.metadata as { name: string }).name;
            const other = (await build("strata-prod", PROD_REGIONS, { services: [{ service: "api", privileges: ["SELECT"] }] })).resources;
            assert.notEqual((one(other, "kubernetes:batch/v1:Job", "us-east-1-db-bootstrap-job").inputs.metadata as { name: string }).name, name);
        });
    });

    describe("dev: one region, 2 shards × 1 reader", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = (
                await build("strata-dev", [{ name: "us-east-1", primary: true, readers: 1 }], {
                    shards: 2,
                    instanceClass: "db.t4g.medium",
                    backupRetentionDays: 1,
                    deletionProtection: false,
                    performanceInsightsRetentionDays: 7,
                    monitoringIntervalSeconds: 60,
                    readerAutoscaling: { enabled: false, maxReaders: 1, targetCpuPercent: 60, scaleOutCooldownSeconds: 60, scaleInCooldownSeconds: 300 },
                })
            ).resources;
        });

        it("has regional clusters, no global cluster, and a writer plus a reader per shard", () => {
            assert.equal(ofType(resources, T.global).length, 0);
            assert.equal(ofType(resources, T.cluster).length, 2);
            assert.equal(ofType(resources, T.instance).length, 4);
            for (const cluster of ofType(resources, T.cluster)) {
                assert.equal(cluster.inputs.globalClusterIdentifier, undefined);
                assert.deepEqual(cluster.ignoreChanges, ["engineVersion"], "instances auto-upgrade minor versions");
            }
        });

        it("drops the prod protections but keeps encryption, IAM auth and a final snapshot", () => {
            for (const cluster of ofType(resources, T.cluster)) {
                assert.equal(cluster.protect, false);
                assert.equal(cluster.inputs.deletionProtection, false);
                assert.equal(cluster.inputs.storageEncrypted, true);
                assert.equal(cluster.inputs.iamDatabaseAuthenticationEnabled, true);
                assert.equal(cluster.inputs.skipFinalSnapshot, false);
            }
            assert.equal(ofType(resources, T.target).length, 0, "autoscaling off");
        });

        it("without proxies has no proxy group, and the shards admit the nodes only", () => {
            assert.deepEqual(ofType(resources, T.sg).map((g) => g.name), ["us-east-1-postgres"]);
            assert.deepEqual(
                ofType(resources, T.ingressRule).map((r) => [r.name, r.inputs.fromPort, r.inputs.referencedSecurityGroupId]),
                [["us-east-1-postgres-from-nodes", 5432, "sg-nodes-us-east-1"]],
            );
            assert.equal(ofType(resources, T.egressRule).length, 0);
        });

        it("has nothing to forward: no forwarding flag, parameters or role tags, and the writer's cluster endpoint as the write endpoint", () => {
            for (const cluster of ofType(resources, T.cluster)) assert.deepEqual([cluster.inputs.enableGlobalWriteForwarding, cluster.inputs.tags], [undefined, undefined]);
            assert.deepEqual(Object.keys(params(ofType(resources, T.clusterParams)[0]!)), ["rds.force_ssl", "log_min_duration_statement", "shared_preload_libraries"]);
            const doc = shardDoc(resources, "us-east-1");
            assert.equal(doc.region, "us-east-1");
            for (const shard of doc.shards) {
                assert.equal(shard.writeRoute, "cluster");
                assert.match(shard.writerEndpoint, new RegExp(`^strata-dev-us-east-1-shard-${shard.index}\\.cluster-[0-9a-f]+\\.us-east-1\\.`));
            }
        });
    });

    describe("switchover: the writer moved to eu-west-1 in config (postgres.writerRegion)", () => {
        let base: PlanResource[];
        let after: PlanResource[];
        let shardMap: { writerRegion: string; shards: { writeRoutes: Record<string, string> }[] };
        const pick = (resources: PlanResource[], type: string) => ofType(resources, type).map((r) => r.name).sort();
        // The test's own builds share the component's names, so their URNs line up as one stack's would.
        const buildAt = (writerRegion?: string) => build("strata-sw", PROD_REGIONS, { shards: 2, proxy: PROXY_ON, ...(writerRegion ? { writerRegion } : {}) });
        before(async () => {
            base = (await buildAt()).resources;
            const built = await buildAt("eu-west-1");
            after = built.resources;
            shardMap = built.shardMap as typeof shardMap;
        });

        it("publishes the eu-west-1 proxy as eu-west-1's write endpoint and sends us-east-1 and ap-southeast-1 through forwarding", () => {
            const eu = shardDoc(after, "eu-west-1");
            for (const shard of eu.shards) {
                assert.equal(shard.writeRoute, "proxy");
                assert.match(shard.writerEndpoint, new RegExp(`^strata-sw-shard-${shard.index}\\.proxy-[0-9a-f]+\\.eu-west-1\\.`));
            }
            for (const region of ["us-east-1", "ap-southeast-1"]) {
                for (const shard of shardDoc(after, region).shards) {
                    assert.equal(shard.writeRoute, "forwarded");
                    assert.match(shard.writerEndpoint, new RegExp(`^strata-sw-${region}-shard-${shard.index}\\.cluster-ro-[0-9a-f]+\\.${region}\\.`));
                }
            }
            assert.equal(shardMap.writerRegion, "eu-west-1");
            assert.deepEqual(shardMap.shards[0]!.writeRoutes, { "us-east-1": "forwarded", "eu-west-1": "proxy", "ap-southeast-1": "forwarded" });
        });

        it("renames, replaces and deletes nothing stateful: same clusters, instances, global clusters, proxies and keys", () => {
            for (const type of [T.global, T.cluster, T.instance, T.key, T.proxy, T.secret, T.clusterParams]) assert.deepEqual(pick(after, type), pick(base, type), type);
            const urns = (resources: PlanResource[], type: string) => ofType(resources, type).map((r) => r.urn).sort();
            for (const type of [T.global, T.cluster, T.instance, T.proxy]) assert.deepEqual(urns(after, type), urns(base, type), `${type} URNs`);
            // The global database stays on the home region's provider: a provider change could replace it.
            for (const global of ofType(after, T.global)) assert.equal(global.region, "us-east-1");
            // The home cluster keeps its writer instance; eu-west-1's reader-1 now serves as the writer.
            assert.ok(pick(after, T.instance).includes("us-east-1-shard-0-writer"));
            assert.ok(!pick(after, T.instance).includes("eu-west-1-shard-0-writer"));
        });

        const bootstrapIn = (region: string) =>
            ["DatabaseBootstrap", "Namespace", "ServiceAccount", "Secret master", "ConfigMap shards", "ConfigMap sql", "Job job"].map((t) => {
                const [type, suffix] = t.split(" ");
                return `${type} ${region}-db-bootstrap${suffix ? `-${suffix}` : type === "Namespace" ? "-namespace" : type === "ServiceAccount" ? "-sa" : ""}`;
            });

        it("shows in the plan diff: reader autoscaling moving to eu-west-1, role tags and final-snapshot settings swapping, the two changed regions' shard maps rewritten; no DATA RISK", () => {
            const diff = diffPlans(planFile(base), planFile(after));
            assert.deepEqual(diff.dataRisks, []);
            assert.deepEqual(
                diff.created.map((r) => `${r.type.split(":").pop()} ${r.name}`).sort(),
                [...[0, 1].flatMap((i) => [`Policy eu-west-1-shard-${i}-readers`, `Target eu-west-1-shard-${i}-readers`]), ...bootstrapIn("eu-west-1")].sort(),
            );
            // The roles' Job follows the writer: it can reach only its own region's writers.
            assert.deepEqual(
                diff.deleted.map((r) => `${r.type.split(":").pop()} ${r.name}`).sort(),
                [...[0, 1].flatMap((i) => [`Policy us-east-1-shard-${i}-readers`, `Target us-east-1-shard-${i}-readers`]), ...bootstrapIn("us-east-1")].sort(),
            );
            const updated = Object.fromEntries(diff.updated.map((u) => [u.resource.name, u.changes.map((c) => c.path).sort()]));
            const clusterChange = ["finalSnapshotIdentifier", "skipFinalSnapshot", 'tags["strata.io/global-role"]'];
            // ap-southeast-1 wrote through forwarding before and still does: its map stays as it was.
            assert.deepEqual(Object.keys(updated).sort(), [
                "eu-west-1-shard-0",
                "eu-west-1-shard-1",
                "eu-west-1-shard-map",
                "us-east-1-shard-0",
                "us-east-1-shard-1",
                "us-east-1-shard-map",
            ]);
            for (const name of ["eu-west-1-shard-0", "us-east-1-shard-1"]) assert.deepEqual(updated[name]!.map((p) => p.replace(/^tags\.(.*)$/, 'tags["$1"]')), clusterChange, name);
            // @pulumi/kubernetes replaces a ConfigMap whose data changes; nothing on AWS is replaced.
            assert.deepEqual(
                diff.updated.filter((u) => u.replacedBy.length > 0).map((u) => `${u.resource.name}: ${u.replacedBy.join(", ")}`).sort(),
                ["eu-west-1-shard-map: data", "us-east-1-shard-map: data"],
            );
            const eu = one(after, T.cluster, "eu-west-1-shard-0");
            assert.deepEqual([eu.inputs.skipFinalSnapshot, eu.inputs.finalSnapshotIdentifier, eu.inputs.tags], [false, "strata-sw-eu-west-1-shard-0-final", { "strata.io/global-role": "primary" }]);
            const home = one(after, T.cluster, "us-east-1-shard-0");
            assert.deepEqual([home.inputs.skipFinalSnapshot, home.inputs.masterUsername], [true, "strata_admin"], "the home cluster keeps its creation inputs");
        });

        it("is not done by moving primary: true, which would replace the clusters (databaseName, masterUsername) and move the global database's provider", async () => {
            const rehomed = (await build("strata-sw", PROD_REGIONS.map((r) => ({ ...r, primary: r.name === "eu-west-1" })), { shards: 2, proxy: PROXY_ON })).resources;
            const diff = diffPlans(planFile(base), planFile(rehomed));
            const risks = diff.dataRisks.map((d) => `${d.resource.name}: ${d.reason}`).sort();
            assert.ok(risks.includes("us-east-1-shard-0: replaced: databaseName, masterUsername changed"), risks.join("\n"));
            assert.ok(risks.includes("eu-west-1-shard-0: replaced: databaseName, masterUsername changed"), risks.join("\n"));
            assert.ok(diff.deleted.some((r) => r.name === "us-east-1-shard-0-writer") && diff.created.some((r) => r.name === "eu-west-1-shard-0-writer"));
            assert.deepEqual(ofType(rehomed, T.global).map((g) => g.region), ["eu-west-1", "eu-west-1"]);
        });

        it("is one setting in the stack file: strata:postgres.writerRegion, a stack region, refused by its path otherwise", () => {
            const prod = () => structuredClone(strataSettings(readStackFile(path.resolve(__dirname, "..", "..", "..", "Pulumi.prod.yaml")).values)) as Record<string, Record<string, unknown>>;
            const moved = prod();
            moved.postgres = { ...moved.postgres, writerRegion: "eu-west-1" };
            const parsed = parseStackConfig(moved, "prod", []);
            assert.ok(parsed.ok, parsed.ok ? "" : parsed.errors.join("\n"));
            assert.equal(parsed.config.postgres.writerRegion, "eu-west-1");
            assert.deepEqual(parsed.config.regions.map((r) => [r.name, r.primary]), [["us-east-1", true], ["eu-west-1", false], ["ap-southeast-1", false]], "the home region stays primary");
            const wrong = prod();
            wrong.postgres = { ...wrong.postgres, writerRegion: "us-west-2" };
            const refused = parseStackConfig(wrong, "prod", []);
            assert.ok(!refused.ok);
            assert.ok(refused.errors.some((e) => e.startsWith("strata:postgres.writerRegion: must be one of the stack's regions (us-east-1, eu-west-1, ap-southeast-1)")), refused.errors.join("\n"));
        });

        it("scales eu-west-1's readers from the one reader left once a reader became the writer", () => {
            const target = one(after, T.target, "eu-west-1-shard-0-readers");
            assert.deepEqual([target.inputs.resourceId, target.inputs.minCapacity, target.inputs.maxCapacity], ["cluster:strata-sw-eu-west-1-shard-0", 1, 5]);
        });
    });

    describe("options and refusals", () => {
        it("puts an RDS Proxy with a read-only endpoint in front of each shard when asked", async () => {
            const { resources } = await build("strata-px", [{ name: "us-east-2", primary: true, readers: 1 }], { shards: 2, proxy: { enabled: true, idleClientTimeoutSeconds: 900, maxConnectionsPercent: 80 } });
            assert.equal(ofType(resources, T.proxy).length, 2);
            const proxy = one(resources, T.proxy, "us-east-2-shard-0-proxy");
            assert.equal(proxy.inputs.requireTls, true);
            assert.equal(proxy.inputs.engineFamily, "POSTGRESQL");
            assert.deepEqual(ofType(resources, T.proxyEndpoint).map((e) => e.inputs.targetRole), ["READ_ONLY", "READ_ONLY"]);
            const doc = JSON.parse(String((one(resources, T.configMap, "us-east-2-shard-map").inputs.data as Record<string, string>)["shard-map.json"])) as { shards: { writerEndpoint: string }[] };
            assert.match(doc.shards[0]!.writerEndpoint, /\.proxy-[0-9a-f]+\.us-east-2\.rds\.amazonaws\.com$/, "applications write through the proxy");
            // One region: nothing forwards, so the proxy keeps the share it was given.
            assert.deepEqual(ofType(resources, T.proxyTargetGroup).map((g) => (g.inputs.connectionPoolConfig as { maxConnectionsPercent: number }).maxConnectionsPercent), [80, 80]);
        });

        it("refuses a global topology the writer or forwarding cannot work in, naming each problem", async () => {
            let error: Error | undefined;
            try {
                await build("strata-bad2", PROD_REGIONS, { engineVersion: "15.3", writerRegion: "us-west-2", proxy: { enabled: true, idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 20 } });
            } catch (e) {
                error = e as Error;
            }
            assert.ok(error);
            assert.match(error.message, /writerRegion \(us-west-2\) must be one of the stack's regions: us-east-1, eu-west-1, ap-southeast-1/);
            assert.match(error.message, /engineVersion \(15\.3\) does not support global write forwarding/);
            assert.match(error.message, /proxy\.maxConnectionsPercent \(20\) leaves no connections for the proxy once write forwarding keeps 25 %/);
        });

        it("refuses every bad argument at once and registers nothing", async () => {
            let error: Error | undefined;
            const resources = await record(async () => {
                try {
                    await build("strata-bad", [{ name: "us-east-1", primary: true, readers: 3 }, { name: "eu-west-1", primary: false, readers: 0 }], {
                        shards: 65,
                        instanceClass: "r6g.large",
                        readerAutoscaling: { enabled: true, maxReaders: 2, targetCpuPercent: 60, scaleOutCooldownSeconds: 60, scaleInCooldownSeconds: 300 },
                    });
                } catch (e) {
                    error = e as Error;
                }
            });
            assert.ok(error);
            assert.match(error.message, /shards \(65\) must be an integer from 1 to 64/);
            assert.match(error.message, /regions\.eu-west-1\.readersPerShard must be ≥ 1 in a secondary region/);
            assert.match(error.message, /readerAutoscaling\.maxReaders \(2\) must be ≥ the fixed readers of us-east-1 \(3\)/);
            assert.match(error.message, /instance class "r6g\.large" must be in the db\. family/);
            assert.deepEqual(resources.filter((r) => !r.type.startsWith("pulumi:providers:")), []);
        });
    });
});
