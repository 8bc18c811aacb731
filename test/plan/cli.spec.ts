import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { criticalPath } from "../../bench/criticalPath";
import { strataPolicies } from "../../policies/rules";
import { replacingInputsOf } from "../../catalog/replacement";
import { creationTime } from "../../bench/creationTimes";
import { PlanFile, SECRET_MASK } from "../../tools/plan/contract";
import { UNDECRYPTED_SECRET } from "../../tools/plan/stackFile";
import { parse } from "yaml";
import { modelName, unknownFields } from "../k8sFields";
import { validateObject } from "../k8sSchema";
import { PlanRun as Run, runPlan as plan, stackPlan } from "../planCommand";

const root = path.resolve(__dirname, "..", "..");

const readPlan = (dir: string): PlanFile => JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8")) as PlanFile;

function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function writeConfig(dir: string, name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
}

describe("npm run plan", function () {
    this.timeout(180_000);
    let out: string;
    const runs: Record<string, Run> = {};

    before(() => {
        for (const stack of ["dev", "prod"]) {
            const planned = stackPlan(stack);
            runs[stack] = planned.run;
            out = planned.out;
        }
    });

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: exits 0 and writes plan.json and manifests/ by the contract`, () => {
            const run = runs[stack]!;
            assert.equal(run.status, 0, run.stderr);
            const file = readPlan(path.join(out, stack));
            assert.equal(file.version, 1);
            assert.equal(file.project, "strata");
            assert.equal(file.stack, stack);
            assert.ok(fs.statSync(path.join(out, stack, "manifests")).isDirectory());
            assert.deepEqual(Object.keys(file.policies).sort(), ["evaluated", "violations"]);
            assert.ok(file.policies.evaluated >= 1);
            const urns = new Set(file.resources.map((r) => r.urn));
            assert.equal(urns.size, file.resources.length, "URNs are unique");
            for (const r of file.resources) {
                assert.deepEqual(Object.keys(r), ["urn", "type", "name", "custom", "parent", "provider", "region", "dependencies", "protect", "ignoreChanges", "inputs", "propertyDependencies"]);
                for (const urnsOf of Object.values(r.propertyDependencies)) for (const d of urnsOf) assert.ok(urns.has(d), `${r.urn} has a property depending on unknown ${d}`);
                assert.match(r.urn, new RegExp(`^urn:pulumi:${stack}::strata::`));
                assert.ok(r.urn.endsWith(`::${r.name}`));
                assert.ok(r.parent === null || urns.has(r.parent), `${r.urn} has an unknown parent`);
                assert.ok(r.provider === null || urns.has(r.provider), `${r.urn} has an unknown provider`);
                for (const d of r.dependencies) assert.ok(urns.has(d), `${r.urn} depends on unknown ${d}`);
                if (!r.custom) assert.equal(r.region, null, `${r.urn}: components have no region`);
                if (r.type.startsWith("aws:")) assert.ok(r.region, `${r.urn} has no region`);
            }
            assert.equal(file.resources[0]?.type, "pulumi:pulumi:Stack");
            assert.equal(file.resources[0]?.urn, `urn:pulumi:${stack}::strata::pulumi:pulumi:Stack::strata-${stack}`);
        });
    }

    it("dev plans the network of one region, printed per type", () => {
        const file = readPlan(path.join(out, "dev"));
        const regions = new Set(file.resources.filter((r) => r.custom && !r.type.startsWith("random:")).map((r) => r.region));
        assert.deepEqual([...regions], ["us-east-1"]);
        assert.equal(file.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet").length, 6);
        assert.equal(file.resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway").length, 1);
        assert.match(runs.dev!.stdout, /us-east-1 \(\d+\)/);
        assert.match(runs.dev!.stdout, /aws:ec2\/subnet:Subnet\s+6/);
    });

    it("prod plans three regions, each network in its own region with its own provider", () => {
        const file = readPlan(path.join(out, "prod"));
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            const vpcs = file.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc" && r.region === region);
            assert.equal(vpcs.length, 1, region);
            assert.ok(vpcs[0]?.provider?.endsWith(`pulumi:providers:aws::${region}`));
            assert.equal(file.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet" && r.region === region).length, 9);
            assert.equal(file.resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway" && r.region === region).length, 3);
            assert.match(runs.prod!.stdout, new RegExp(`${region} \\(\\d+\\)`));
        }
        const outputs = file.outputs as { regions: Record<string, { vpcId: string; privateSubnetIds: string[] }> };
        assert.deepEqual(Object.keys(outputs.regions).sort(), ["ap-southeast-1", "eu-west-1", "us-east-1"]);
        assert.match(outputs.regions["eu-west-1"]!.vpcId, /^vpc-[0-9a-f]{17}$/);
        assert.equal(outputs.regions["eu-west-1"]!.privateSubnetIds.length, 3);
    });

    it("prod plans a cluster per region with its node groups, add-ons and releases, all in that region", () => {
        const file = readPlan(path.join(out, "prod"));
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            const inRegion = (type: string) => file.resources.filter((r) => r.type === type && r.region === region);
            assert.equal(inRegion("aws:eks/cluster:Cluster").length, 1, region);
            assert.equal(inRegion("aws:eks/cluster:Cluster")[0]?.inputs.name, `strata-prod-${region}`);
            const zonal = (group: string) => ["z1", "z2", "z3"].map((zone) => `${region}-${group}-${zone}`);
            assert.deepEqual(inRegion("aws:eks/nodeGroup:NodeGroup").map((g) => g.name).sort(), [...zonal("compute"), ...zonal("general"), ...zonal("system")]);
            assert.equal(inRegion("aws:eks/addon:Addon").length, 4);
            assert.equal(inRegion("kubernetes:helm.sh/v3:Release").filter((r) => r.parent?.endsWith(`strata:cluster:RegionalCluster::${region}`)).length, 4);
            const provider = inRegion("pulumi:providers:kubernetes");
            assert.equal(provider.length, 1);
            for (const object of file.resources.filter((r) => r.type.startsWith("kubernetes:") && r.region === region)) assert.equal(object.provider, provider[0]?.urn);
            assert.ok(fs.existsSync(path.join(out, "prod", "manifests", region, "helmrelease-kube-system-cluster-autoscaler.yaml")));
        }
        const outputs = file.outputs as { regions: Record<string, { kubeconfig: string; clusterName: string }> };
        assert.equal(outputs.regions["ap-southeast-1"]?.kubeconfig, SECRET_MASK);
        assert.equal(outputs.regions["ap-southeast-1"]?.clusterName, "strata-prod-ap-southeast-1");
    });

    it("renders manifests that validate against the upstream Kubernetes schemas", () => {
        for (const stack of ["dev", "prod"]) {
            const files = filesUnder(path.join(out, stack, "manifests")).filter((f) => !path.basename(f).startsWith("helmrelease-"));
            assert.ok(files.length > 0, stack);
            for (const file of files) {
                const object = parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
                validateObject(object, file);
                // Custom resources (VPA, monitoring) have no API model; their schemas are checked above.
                if (modelName(String(object.apiVersion), String(object.kind))) assert.deepEqual(unknownFields(object), [], file);
            }
        }
    });

    it("prod: 4 global shards with clusters and readers in all three regions, the shard map in each", () => {
        const file = readPlan(path.join(out, "prod"));
        assert.equal(file.resources.filter((r) => r.type === "aws:rds/globalCluster:GlobalCluster").length, 4);
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            assert.equal(file.resources.filter((r) => r.type === "aws:rds/cluster:Cluster" && r.region === region).length, 4, region);
            const instances = file.resources.filter((r) => r.type === "aws:rds/clusterInstance:ClusterInstance" && r.region === region);
            assert.equal(instances.length, region === "us-east-1" ? 12 : 8, region);
            assert.ok(fs.existsSync(path.join(out, "prod", "manifests", region, "configmap-apps-strata-shard-map.yaml")), region);
        }
    });

    it("going from 4 to 8 shards only adds resources, updates the shard maps and the services' sign-in policies, and runs the roles' Job again", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-8-shards-"));
        try {
            // Twice the shards costs more than prod's budget allows: the change raises it, as a real one must.
            const text = fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8").replace(/shards: 4\n/, "shards: 8\n").replace("{ steady: 60000, peak: 100000 }", "{ steady: 90000, peak: 130000 }");
            assert.ok(text.includes("shards: 8"));
            const run = plan(["prod", "--config", writeConfig(dir, "eight.yaml", text), "--out", dir, "--quiet"]);
            assert.equal(run.status, 0, run.stderr);
            const before = readPlan(path.join(out, "prod"));
            const after = readPlan(path.join(dir, "prod"));
            const afterByUrn = new Map(after.resources.map((r) => [r.urn, r]));
            const deleted = before.resources.filter((r) => !afterByUrn.has(r.urn)).map((r) => r.urn);
            assert.deepEqual(deleted, [], "nothing existing disappears");
            const changed = before.resources.filter((r) => JSON.stringify(afterByUrn.get(r.urn)?.inputs) !== JSON.stringify(r.inputs)).map((r) => `${r.type} ${r.name}`);
            const regions = ["us-east-1", "eu-west-1", "ap-southeast-1"];
            const postgresServices = ["api", "auth-service", "fund-data-service"];
            assert.deepEqual(
                changed.sort(),
                [
                    ...regions.map((region) => `kubernetes:core/v1:ConfigMap ${region}-shard-map`),
                    // The new shards need the services' roles: the Job's hosts and name change, so it runs again.
                    "kubernetes:core/v1:ConfigMap us-east-1-db-bootstrap-shards",
                    "kubernetes:batch/v1:Job us-east-1-db-bootstrap-job",
                    // Each service may now sign in to the new shards' clusters and proxies too.
                    ...regions.flatMap((region) => postgresServices.map((svc) => `aws:iam/rolePolicy:RolePolicy ${region}-${svc}-irsa`)),
                ].sort(),
                "every other input, and so every identity, stays",
            );
            assert.equal(after.resources.filter((r) => r.type === "aws:rds/globalCluster:GlobalCluster").length, 8);
            assert.equal(after.resources.filter((r) => r.type === "aws:rds/cluster:Cluster").length, 24);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("prod: a cache per region with 6 / 4 / 4 nodes, published to each region's cluster", () => {
        const file = readPlan(path.join(out, "prod"));
        const nodes = (region: string) => {
            const [group, ...others] = file.resources.filter((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup" && r.region === region);
            assert.equal(others.length, 0);
            return Number(group?.inputs.numNodeGroups) * (1 + Number(group?.inputs.replicasPerNodeGroup));
        };
        assert.deepEqual(["us-east-1", "eu-west-1", "ap-southeast-1"].map(nodes), [6, 4, 4]);
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            assert.ok(fs.existsSync(path.join(out, "prod", "manifests", region, "configmap-apps-strata-redis.yaml")));
            for (const svc of ["api", "auth-service", "fund-data-service"]) assert.ok(fs.existsSync(path.join(out, "prod", "manifests", region, `secret-apps-strata-redis-${svc}.yaml`)));
        }
        const outputs = file.outputs as { regions: Record<string, { redisEndpoint: string }> };
        assert.match(outputs.regions["eu-west-1"]!.redisEndpoint, /^clustercfg\.strata-prod-eu-west-1\./);
    });

    it("growing a region's cache from 2 to 3 shards changes only its shard count in place, and alarms on the new nodes", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-redis-"));
        try {
            const text = fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8").replace("redis: { shards: 2, replicasPerShard: 1 }", "redis: { shards: 3, replicasPerShard: 1 }");
            const run = plan(["prod", "--config", writeConfig(dir, "grown.yaml", text), "--out", dir, "--quiet"]);
            assert.equal(run.status, 0, run.stderr);
            const before = readPlan(path.join(out, "prod"));
            const after = new Map(readPlan(path.join(dir, "prod")).resources.map((r) => [r.urn, r]));
            const urns = new Set(before.resources.map((r) => r.urn));
            assert.ok(before.resources.every((r) => after.has(r.urn)), "nothing removed");
            const added = [...after.values()].filter((r) => !urns.has(r.urn));
            assert.deepEqual(added.map((r) => r.name).sort(), ["eu-west-1-strata-prod-eu-west-1-0003-001-memory", "eu-west-1-strata-prod-eu-west-1-0003-002-memory"]);
            const changed = before.resources.filter((r) => JSON.stringify(after.get(r.urn)?.inputs) !== JSON.stringify(r.inputs));
            assert.deepEqual(changed.map((r) => r.urn), ["urn:pulumi:prod::strata::strata:stacks:Platform$strata:redis:RedisCluster$aws:elasticache/replicationGroup:ReplicationGroup::eu-west-1-redis"]);
            const grown = after.get(changed[0]!.urn)!;
            const differing = Object.keys(grown.inputs).filter((k) => JSON.stringify(grown.inputs[k]) !== JSON.stringify(changed[0]!.inputs[k]));
            assert.deepEqual(differing, ["numNodeGroups"], "numNodeGroups is resized online by ElastiCache");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("prod renders all five services in all three regions with Deployment, Service, HPA, VPA and PDB", () => {
        const services = ["api", "auth-service", "fund-data-service", "analysis-service", "notification-service"];
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            for (const service of services) {
                for (const kind of ["deployment", "service", "horizontalpodautoscaler", "verticalpodautoscaler", "poddisruptionbudget"]) {
                    assert.ok(fs.existsSync(path.join(out, "prod", "manifests", region, `${kind}-apps-${service}.yaml`)), `${region} ${kind} ${service}`);
                }
            }
            const hpa = parse(fs.readFileSync(path.join(out, "prod", "manifests", region, "horizontalpodautoscaler-apps-api.yaml"), "utf8")) as { spec: { minReplicas: number; maxReplicas: number } };
            // The requirements' 3–100, with the floor raised to 10: from 3 the HPA's own policies miss the scale-up
            // deadline in us-east-1 (Pulumi.prod.yaml; README "Autoscaling dynamics").
            assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [10, 100]);
            assert.ok(fs.existsSync(path.join(out, "prod", "manifests", region, "cronjob-apps-analysis-service-workday-start.yaml")));
        }
    });

    it("prod: the metrics stack, adapter and alerts in every region, and every HPA metric served there", () => {
        const file = readPlan(path.join(out, "prod"));
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            const releases = file.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.region === region);
            const adapter = releases.find((r) => r.inputs.chart === "prometheus-adapter");
            assert.ok(releases.some((r) => r.inputs.chart === "kube-prometheus-stack"), region);
            assert.ok(adapter, region);
            const rules = adapter.inputs.values as { rules: { custom: { name: { as: string } }[]; external: { name: { as: string } }[] } };
            const served = new Set([...rules.rules.custom, ...rules.rules.external].map((r) => r.name.as));
            const named = file.resources
                .filter((r) => r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler" && r.region === region)
                .flatMap((r) => (r.inputs.spec as { metrics: { type: string; pods?: { metric: { name: string } }; external?: { metric: { name: string } } }[] }).metrics)
                .flatMap((m) => (m.type === "Pods" ? [m.pods!.metric.name] : m.type === "External" ? [m.external!.metric.name] : []));
            assert.ok(named.length > 0);
            for (const metric of named) assert.ok(served.has(metric), `${region}: ${metric} is served`);
            assert.ok(fs.existsSync(path.join(out, "prod", "manifests", region, "prometheusrule-monitoring-strata-alerts.yaml")));
            assert.ok(file.resources.some((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.region === region && (r.inputs.dimensions as Record<string, string>).DBClusterIdentifier));
        }
        const outputs = file.outputs as { regions: Record<string, { prometheusAddress: string; alertTopicArn: string }> };
        assert.equal(outputs.regions["eu-west-1"]?.prometheusAddress, "http://strata-prometheus.monitoring.svc:9090");
        assert.match(outputs.regions["eu-west-1"]!.alertTopicArn, /^arn:aws:sns:eu-west-1:/);
    });

    it("prod: the mesh, its gateway, NLB and routes in all three regions", () => {
        const file = readPlan(path.join(out, "prod"));
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            const charts = file.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.region === region).map((r) => r.inputs.chart);
            for (const chart of ["base", "istiod", "gateway"]) assert.ok(charts.includes(chart), `${region} ${chart}`);
            assert.equal(file.resources.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer" && r.region === region).length, 1);
            for (const manifest of ["gateway-istio-ingress-strata", "virtualservice-istio-ingress-strata-public", "destinationrule-apps-api", "peerauthentication-istio-system-default", "targetgroupbinding-istio-ingress-istio-ingressgateway-https"]) {
                assert.ok(fs.existsSync(path.join(out, "prod", "manifests", region, `${manifest}.yaml`)), `${region} ${manifest}`);
            }
        }
        const outputs = file.outputs as { regions: Record<string, { ingressDnsName: string }> };
        assert.match(outputs.regions["ap-southeast-1"]!.ingressDnsName, /\.elb\.ap-southeast-1\.amazonaws\.com$/);
    });

    it("prod: one accelerator with an endpoint group per region and listener, each on that region's NLB", () => {
        const file = readPlan(path.join(out, "prod"));
        assert.equal(file.resources.filter((r) => r.type === "aws:globalaccelerator/accelerator:Accelerator").length, 1);
        const groups = file.resources.filter((r) => r.type === "aws:globalaccelerator/endpointGroup:EndpointGroup");
        assert.deepEqual(groups.filter((g) => g.name.endsWith("-443")).map((g) => g.inputs.endpointGroupRegion).sort(), ["ap-southeast-1", "eu-west-1", "us-east-1"]);
        for (const group of groups) {
            const nlb = file.resources.find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer" && r.region === group.inputs.endpointGroupRegion)!;
            assert.ok(group.dependencies.includes(nlb.urn), group.name);
        }
    });

    it("dialling one region down changes only that region's endpoint groups", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-dial-"));
        try {
            const text = fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8").replace("userRegionKey: eu\n", "userRegionKey: eu\n      trafficDial: 25\n");
            assert.ok(text.includes("trafficDial: 25"));
            const run = plan(["prod", "--config", writeConfig(dir, "dial.yaml", text), "--out", dir, "--quiet"]);
            assert.equal(run.status, 0, run.stderr);
            const before = readPlan(path.join(out, "prod")).resources;
            const after = new Map(readPlan(path.join(dir, "prod")).resources.map((r) => [r.urn, r]));
            assert.equal(after.size, before.length);
            const changed = before.filter((r) => JSON.stringify(after.get(r.urn)?.inputs) !== JSON.stringify(r.inputs)).map((r) => r.name).sort();
            assert.deepEqual(changed, ["edge-eu-west-1-443", "edge-eu-west-1-80"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    const unsafe: [string, string[]][] = [
        // A floor of 2 also leaves the api too far from us-east-1's peak to climb there by the deadline.
        ["prod-unsafe-scaling.yaml", ["strata-hpa-bounds", "strata-scale-up-time"]],
        ["prod-unsafe-connections.yaml", ["strata-capacity-postgres-connections"]],
        ["prod-unsafe-capacity.yaml", ["strata-capacity-hpa-fit"]],
        ["prod-unsafe-scaleup.yaml", ["strata-scale-up-time"]],
    ];
    for (const [fixture, rules] of unsafe) {
        it(`exits 1 on test/fixtures/${fixture}, naming ${rules.join(", ")}`, () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-unsafe-"));
            try {
                const run = plan(["prod", "--config", path.join(root, "test", "fixtures", fixture), "--out", dir, "--quiet"]);
                assert.equal(run.status, 1, run.stderr);
                const named = new Set(readPlan(path.join(dir, "prod")).policies.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy));
                assert.deepEqual([...named].sort(), rules);
                for (const rule of rules) assert.match(run.stdout, new RegExp(`\\[mandatory\\] ${rule}: `));
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    }

    it("exits 1 on careless prod settings that only the AWS rules catch: a month of flow logs, an EKS version past standard support", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-careless-"));
        try {
            const original = fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8");
            const edited = original.replace("    natGateways: perAz\n", "    natGateways: perAz\n    flowLogs: { retentionDays: 30 }\n").replace("    endpointPublicAccess: false\n", '    endpointPublicAccess: false\n    kubernetesVersion: "1.32"\n');
            assert.notEqual(edited, original);
            const run = plan(["prod", "--config", writeConfig(dir, "careless.yaml", edited), "--out", dir, "--quiet"]);
            assert.equal(run.status, 1, run.stderr);
            const mandatory = readPlan(path.join(dir, "prod")).policies.violations.filter((v) => v.enforcementLevel === "mandatory");
            assert.deepEqual([...new Set(mandatory.map((v) => v.policy))].sort(), ["strata-logging", "strata-operations"]);
            assert.ok(mandatory.every((v) => v.urn !== null));
            assert.equal(mandatory.filter((v) => v.policy === "strata-logging").length, 4, "each region's flow-log group and the accelerator's flow-log bucket");
            assert.equal(mandatory.filter((v) => v.policy === "strata-operations").length, 3, "each region's cluster");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("lets prod's data tier start without waiting for EKS: the critical path runs through Aurora alone", () => {
        const resources = readPlan(path.join(out, "prod")).resources;
        const critical = criticalPath(resources, (type) => creationTime(type).seconds);
        assert.ok(!critical.chain.some((step) => step.type === "aws:eks/cluster:Cluster"), JSON.stringify(critical.chain));
        assert.equal(critical.chain[0]?.type, "aws:rds/globalCluster:GlobalCluster");
        const eks = new Set(resources.filter((r) => r.type === "aws:eks/cluster:Cluster").map((r) => r.urn));
        for (const group of resources.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")) assert.ok(!group.dependencies.some((d) => eks.has(d)), group.name);
    });

    it("prod and dev plan with no policy violation at all", () => {
        for (const stack of ["dev", "prod"]) assert.deepEqual(readPlan(path.join(out, stack)).policies.violations, [], stack);
        assert.equal(readPlan(path.join(out, "prod")).policies.evaluated, strataPolicies.length + 1, "prod's config enables every rule, and its budget is checked");
    });

    describe("diff against the committed prod plan", () => {
        function variant(name: string, edit: (text: string) => string, extra: string[] = []): { run: Run; file: PlanFile; markdown: string } {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), `strata-${name}-`));
            try {
                const original = fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8");
                const edited = edit(original);
                assert.notEqual(edited, original, `${name}: the edit changed nothing`);
                const run = plan(["prod", "--config", writeConfig(dir, `${name}.yaml`, edited), "--out", dir, "--against", path.join(out, "prod", "plan.json"), "--markdown", path.join(dir, "report.md"), ...extra]);
                return { run, file: readPlan(path.join(dir, "prod")), markdown: fs.readFileSync(path.join(dir, "report.md"), "utf8") };
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        }
        const changedTypes = (markdown: string, marker: string) => [...new Set(markdown.split("\n").filter((l) => l.startsWith(`| ${marker}`)).map((l) => l.split("|")[2]?.trim()))].sort();

        it("adding shards creates, replaces the shard maps and the roles' Job with its hosts (ConfigMap data replaces), updates the sign-in policies, with no DATA RISK", () => {
            const { run, markdown } = variant("more-shards", (t) => t.replace(/shards: 4\n/, "shards: 5\n"));
            assert.equal(run.status, 0, run.stderr);
            assert.match(markdown, /\| \d+ \| 9 \| 5 \| 0 \| 0 \| 0 \|/);
            assert.deepEqual(changedTypes(markdown, "+-"), ["`kubernetes:batch/v1:Job`", "`kubernetes:core/v1:ConfigMap`"]);
            assert.deepEqual(changedTypes(markdown, "~"), ["`aws:iam/rolePolicy:RolePolicy`"]);
            assert.match(run.stdout, /Against the base plan: \d+ to create, 9 to update, 5 to replace, 0 to delete, 0 DATA RISK/);
        });

        it("changing the Postgres instance class updates the instances in place, with no DATA RISK", () => {
            const { run, markdown } = variant("bigger-db", (t) => t.replace("instanceClass: db.r6g.2xlarge", "instanceClass: db.r6g.4xlarge").replace("{ steady: 60000, peak: 100000 }", "{ steady: 90000, peak: 130000 }"));
            assert.equal(run.status, 0, run.stderr);
            assert.deepEqual(changedTypes(markdown, "~"), ["`aws:rds/clusterInstance:ClusterInstance`"]);
            assert.doesNotMatch(markdown, /DATA RISK\n/);
        });

        it("scaling a service updates only its HPAs: its own and its tenant pools', which take its bounds", () => {
            const { run, markdown } = variant("scale-api", (t) => t.replace("      minReplicas: 10\n      maxReplicas: 100\n      dependsOn: [postgres, redis]\n      # Its own database role", "      minReplicas: 10\n      maxReplicas: 90\n      dependsOn: [postgres, redis]\n      # Its own database role"));
            assert.equal(run.status, 0, run.stderr);
            assert.deepEqual(changedTypes(markdown, "~"), ["`kubernetes:autoscaling/v2:HorizontalPodAutoscaler`"]);
            assert.match(markdown, /\| 0 \| 9 \| 0 \| 0 \| 0 \| 0 \|/);
        });

        it("removing a region flags every stateful resource there as DATA RISK", () => {
            const { run, file, markdown } = variant("drop-asia", (t) =>
                t
                    .replace(/    - name: ap-southeast-1\n(      .*\n)+/, "")
                    .replace("trafficWeight: 50", "trafficWeight: 60")
                    .replace("trafficWeight: 30", "trafficWeight: 40")
                    // The survivors take Asia's share, so they need more warm capacity (strata-scale-up-time, as
                    // `npm run simulate -- prod --optimize` finds it): a higher api floor and more placeholders.
                    .replace("      minReplicas: 10\n      maxReplicas: 100\n", "      minReplicas: 16\n      maxReplicas: 100\n")
                    .replace("headroom: { pods: 14, ", "headroom: { pods: 24, ")
                    .replace("transitGatewayId: tgw-0b2c3d4e5f6071829 }\n", 'transitGatewayId: tgw-0b2c3d4e5f6071829 }\n        headroom: { pods: 10, cpu: "1", memory: 2Gi }\n'),
            );
            assert.equal(run.status, 0, run.stderr);
            assert.ok(!file.resources.some((r) => r.region === "ap-southeast-1"));
            const risks = markdown.slice(markdown.indexOf("DATA RISK"), markdown.indexOf("### Changes"));
            for (const type of ["aws:rds/cluster:Cluster", "aws:eks/cluster:Cluster", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:kms/key:Key"]) assert.ok(risks.includes(type), type);
            assert.ok(markdown.indexOf("DATA RISK") < markdown.indexOf("### Changes by region"));
            assert.match(run.stdout, /DATA RISK aws:rds\/cluster:Cluster ap-southeast-1-shard-0 \(ap-southeast-1\): deleted/);
        });

        it("adding a region only creates, with no DATA RISK", () => {
            const { run, markdown } = variant("add-oregon", (t) =>
                t
                    .replace("trafficWeight: 50", "trafficWeight: 40")
                    .replace("  strata:network:", "    - name: us-west-2\n      trafficWeight: 10\n      userRegionKey: usw\n      vpcCidr: 10.3.0.0/16\n      redis: { shards: 2, replicasPerShard: 1 }\n      cluster:\n        apiAccess: { cidrs: [10.255.0.0/24], transitGatewayId: tgw-0d4e5f60718293a4b }\n  strata:network:"),
            );
            assert.equal(run.status, 0, run.stderr);
            assert.match(markdown, /\| \d+ \| \d+ \| 0 \| 0 \| 0 \| 0 \|/);
            assert.match(markdown, /us-west-2: \d+ to create, 0 to update, 0 to replace, 0 to delete/);
        });
        it("re-addressing a region's VPC replaces its network and node groups, changes what sits in it, is DATA RISK, and is refused", () => {
            const readdress = (t: string) => t.replace("vpcCidr: 10.0.0.0/16", "vpcCidr: 10.9.0.0/16");
            const { run, markdown } = variant("readdress", readdress);
            assert.equal(run.status, 1, run.stderr);
            assert.match(run.stdout, /\[mandatory\] strata-diff-network-replacement: VPC us-east-1-vpc \(us-east-1\): cidrBlock "10\.0\.0\.0\/16" → "10\.9\.0\.0\/16" replaces the VPC and \d+ resource\(s\) that depend on it; if that is meant, plan with --allow-replace us-east-1-vpc/);
            const replaced = changedTypes(markdown, "+-");
            for (const type of ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:eks/nodeGroup:NodeGroup", "aws:ec2/securityGroup:SecurityGroup"]) assert.ok(replaced.includes(`\`${type}\``), `${type} replaced`);
            const updated = changedTypes(markdown, "~");
            for (const type of ["aws:eks/cluster:Cluster", "aws:rds/subnetGroup:SubnetGroup", "aws:elasticache/subnetGroup:SubnetGroup"]) assert.ok(updated.includes(`\`${type}\``), `${type} changes`);
            const lines = run.stdout.split("\n");
            for (const name of ["us-east-1-vpc", "us-east-1-data-az1", "us-east-1-postgres", "us-east-1-redis", "us-east-1-eks", "us-east-1-shard-0"]) assert.ok(lines.some((l) => l.startsWith("  DATA RISK ") && l.includes(` ${name} (us-east-1)`)), `${name} is DATA RISK`);
            assert.ok(!lines.some((l) => l.startsWith("  DATA RISK ") && /\((eu-west-1|ap-southeast-1)\)/.test(l)), "the other regions' networks are untouched");
            assert.ok(markdown.indexOf("strata-diff-network-replacement") < markdown.indexOf("### Changes by region"));
            const accepted = variant("readdress-accepted", readdress, ["--allow-replace", "us-east-1-vpc"]);
            assert.equal(accepted.run.status, 0, accepted.run.stderr);
            assert.match(accepted.run.stdout, /acknowledged \(--allow-replace\): VPC us-east-1-vpc/);
            assert.match(accepted.markdown, /\| \d+ \| \d+ \| [1-9]\d* \| 0 \| [1-9]\d* \| 0 \|/);
        });

        it("changing a node group's instance types replaces that group's zonal groups only", () => {
            // The system group: a workload group's new type would move the placeholders and the scale-up verdict with it.
            const { run, markdown } = variant("retype", (t) => t.replace("system: { role: system, capacityType: ON_DEMAND, instanceTypes: [m6i.xlarge]", "system: { role: system, capacityType: ON_DEMAND, instanceTypes: [m6a.xlarge]"));
            assert.equal(run.status, 0, run.stderr);
            for (const zone of ["z1", "z2", "z3"]) {
                assert.match(markdown, new RegExp(`\\| \\+- \\*\\*replace\\*\\* \\(\`instanceTypes\`\\) \\| \`aws:eks/nodeGroup:NodeGroup\` \\| us-east-1-system-${zone} \\|`));
                assert.match(run.stdout, new RegExp(`\\+- aws:eks/nodeGroup:NodeGroup us-east-1-system-${zone} \\(REPLACE: instanceTypes\\)`));
            }
            assert.doesNotMatch(markdown, /DATA RISK\n/);
        });

        it("every custom type prod and dev plan has its replacing inputs in catalog/replacement.ts (none read as 'replace on any change')", () => {
            for (const stack of ["dev", "prod"]) {
                const types = new Set(readPlan(path.join(out, stack)).resources.filter((r) => r.custom && !r.type.startsWith("pulumi:")).map((r) => r.type));
                assert.deepEqual([...types].filter((t) => replacingInputsOf(t) === undefined), [], stack);
            }
        });
    });

    it("plans identically twice (deterministic ids and order)", () => {
        const again = fs.mkdtempSync(path.join(os.tmpdir(), "strata-plan-"));
        try {
            assert.equal(plan(["dev", "--out", again, "--quiet"]).status, 0);
            assert.equal(fs.readFileSync(path.join(again, "dev", "plan.json"), "utf8"), fs.readFileSync(path.join(out, "dev", "plan.json"), "utf8"));
        } finally {
            fs.rmSync(again, { recursive: true, force: true });
        }
    });

    it("exits 2 naming every bad setting, and writes nothing", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-bad-"));
        try {
            const config = writeConfig(
                dir,
                "bad.yaml",
                [
                    "config:",
                    "  strata:environment: prod",
                    "  strata:postgres:",
                    "    shards: 0",
                    "  strata:regions:",
                    "    - { name: us-east-1, primary: true, trafficWeight: 50, vpcCidr: 10.0.0.0/16 }",
                    "    - { name: us-east-1, trafficWeight: 40, vpcCidr: 10.1.0.0/16 }",
                    "",
                ].join("\n"),
            );
            const run = plan(["prod", "--config", config, "--out", path.join(dir, "out")]);
            assert.equal(run.status, 2);
            assert.match(run.stderr, /strata:postgres\.shards: must be an integer from 1 to 64 \(got 0\)/);
            assert.match(run.stderr, /strata:regions\[1\]\.name: duplicate region "us-east-1"/);
            assert.match(run.stderr, /strata:regions: trafficWeight of all regions must add up to 100 \(they add up to 90\)/);
            assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
            assert.equal(fs.existsSync(path.join(dir, "out", "prod")), false);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("exits 2 for a missing stack file, an unknown option or invalid YAML", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-bad-"));
        try {
            const missing = plan(["staging", "--out", dir]);
            assert.equal(missing.status, 2);
            assert.match(missing.stderr, /Pulumi\.staging\.yaml: no such stack config file/);
            const option = plan(["dev", "--against"]);
            assert.equal(option.status, 2);
            assert.match(option.stderr, /--against needs a value|unknown option/);
            const yaml = plan(["dev", "--config", writeConfig(dir, "broken.yaml", "config: [\n"), "--out", dir]);
            assert.equal(yaml.status, 2);
            assert.match(yaml.stderr, /broken\.yaml: not valid YAML/);
            assert.deepEqual(fs.readdirSync(dir).sort(), ["broken.yaml"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("exits 1 and prints the violation when a mandatory policy fails (prod with one shared NAT)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-nat-"));
        try {
            const text = fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8").replace("natGateways: perAz", "natGateways: single");
            const run = plan(["prod", "--config", writeConfig(dir, "single-nat.yaml", text), "--out", dir]);
            assert.equal(run.status, 1, run.stderr);
            assert.match(run.stdout, /\[mandatory\] prod-nat-gateway-per-zone: VPC us-east-1-vpc has 1 NAT gateway\(s\) for 3 zones/);
            const file = readPlan(path.join(dir, "prod"));
            assert.equal(file.policies.violations.length, 3);
            assert.ok(file.policies.violations.every((v) => v.enforcementLevel === "mandatory" && v.urn?.includes("aws:ec2/vpc:Vpc")));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("keeps secrets out of every file it writes", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-secret-"));
        try {
            const text = `${fs.readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8")}  aws:secretKey:\n    secure: v1:c2VjcmV0LWJ5dGVz\n`;
            const run = plan(["dev", "--config", writeConfig(dir, "with-secret.yaml", text), "--out", path.join(dir, "out")]);
            assert.equal(run.status, 0, run.stderr);
            for (const file of filesUnder(path.join(dir, "out"))) {
                const content = fs.readFileSync(file, "utf8");
                assert.ok(!content.includes(UNDECRYPTED_SECRET), `${file} holds a secret value`);
                assert.ok(!content.includes("c2VjcmV0LWJ5dGVz"), `${file} holds secret cipher text`);
                assert.ok(!content.includes("4dabf18193072939515e22adb298388d"), `${file} holds an unmasked secret envelope`);
                assert.ok(!content.includes("get-token"), `${file} holds a kubeconfig`);
                assert.ok(!/offline-[0-9a-f]{32}/.test(content), `${file} holds a generated password`);
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
