import { strict as assert } from "assert";
import * as path from "path";
import { parseStackConfig, strataSettings } from "../../stacks/config";
import { readStackFile } from "../../tools/plan/stackFile";

const root = path.resolve(__dirname, "..", "..");
const stackSettings = (stack: string) => strataSettings(readStackFile(path.join(root, `Pulumi.${stack}.yaml`)).values);

function errorsOf(settings: Record<string, unknown>, stack = "prod"): readonly string[] {
    const result = parseStackConfig(settings, stack, []);
    assert.equal(result.ok, false, "expected the config to be rejected");
    return result.ok ? [] : result.errors;
}

const prod = () => structuredClone(stackSettings("prod"));

/** The least a dev stack must state: the CIDRs its public API endpoint admits. */
const devBase = { environment: "dev", cluster: { publicAccessCidrs: ["198.51.100.0/24"] } };

describe("stack config", () => {
    describe("the example stacks", () => {
        it("dev parses: one region, two zones, one shared NAT", () => {
            const result = parseStackConfig(stackSettings("dev"), "dev");
            assert.ok(result.ok, result.ok ? "" : result.errors.join("\n"));
            const { config } = result;
            assert.equal(config.environment, "dev");
            assert.deepEqual(config.regions.map((r) => r.name), ["us-east-1"]);
            assert.equal(config.regions[0]?.azCount, 2);
            assert.equal(config.network.natGateways, "single");
            assert.equal(config.edge.mode, "none");
        });

        it("prod parses with the requirements' numbers", () => {
            const result = parseStackConfig(stackSettings("prod"), "prod");
            assert.ok(result.ok, result.ok ? "" : result.errors.join("\n"));
            const { config } = result;
            assert.deepEqual(
                config.regions.map((r) => [r.name, r.primary, r.trafficWeight, r.userRegionKey, r.redis.shards, r.redis.replicasPerShard, r.azCount]),
                [
                    ["us-east-1", true, 50, "us", 3, 1, 3],
                    ["eu-west-1", false, 30, "eu", 2, 1, 3],
                    ["ap-southeast-1", false, 20, "asia", 2, 1, 3],
                ],
            );
            assert.equal(config.postgres.shards, 4);
            assert.equal(config.postgres.replicasPerShard, 2);
            assert.equal(config.postgres.connectionPool.perPod, 20);
            assert.deepEqual(config.postgres.shardKeys, { users: "user_id", messages: "tenant_id" });
            assert.equal(config.redis.maxRedirects, 3);
            assert.equal(config.redis.commandTimeoutSeconds, 5);
            const api = config.services.api;
            assert.ok(api);
            // The requirements' 3–100 with the floor raised to 10 (Pulumi.prod.yaml: the HPA's policies alone need it).
            assert.deepEqual([api.minReplicas, api.maxReplicas, api.cpu, api.memory], [10, 100, "500m", "1Gi"]);
            assert.equal(api.hpa.behavior?.scaleDown.stabilizationWindowSeconds, 300);
            assert.deepEqual(api.hpa.podsMetrics.map((m) => m.name), ["requests_per_second", "queue_length"]);
            assert.equal(config.services["auth-service"]?.port, 8080);
            assert.equal(config.edge.mode, "accelerator");
            assert.equal(config.network.natGateways, "perAz");
        });

        it("8 shards × 2 replicas is expressible by config alone", () => {
            const result = parseStackConfig({ ...prod(), postgres: { shards: 8, replicasPerShard: 2 } }, "prod");
            assert.ok(result.ok);
            assert.deepEqual([result.config.postgres.shards, result.config.postgres.replicasPerShard, result.config.postgres.instanceClass], [8, 2, "db.r6g.2xlarge"]);
        });
    });

    describe("presets", () => {
        it("fill what a stack leaves out from its environment", () => {
            // The deployer's access and the alert receivers are the prod settings no preset can guess.
            const result = parseStackConfig(
                {
                    environment: "prod",
                    cluster: { apiAccess: { securityGroupIds: ["sg-0123456789abcdef0"] }, adminRoleArns: ["arn:aws:iam::123456789012:role/break-glass"] },
                    observability: { notifications: { emails: ["oncall@example.com"] } },
                    edge: { hostedZoneId: "Z0EXAMPLE00000000000" },
                },
                "staging",
            );
            assert.ok(result.ok);
            assert.equal(result.config.stack, "staging");
            assert.equal(result.config.regions.length, 3);
            assert.equal(result.config.network.flowLogs.retentionDays, 365);
        });

        it("merge fixed-shape sections key by key", () => {
            const result = parseStackConfig({ ...devBase, network: { flowLogs: { retentionDays: 30 } } }, "dev");
            assert.ok(result.ok);
            assert.equal(result.config.network.flowLogs.retentionDays, 30);
            assert.equal(result.config.network.flowLogs.trafficType, "ALL");
            assert.equal(result.config.network.azCount, 2);
        });

        it("replace named maps whole, so a stack can drop a preset service", () => {
            const result = parseStackConfig(
                {
                    ...devBase,
                    services: { api: { image: "x/api:1", cpu: "100m", memory: "128Mi", minReplicas: 1, maxReplicas: 2, hpa: { cpuUtilization: 60 } } },
                    mesh: { routes: [{ name: "api", prefix: "/", service: "api", timeoutSeconds: 10 }] },
                },
                "dev",
            );
            assert.ok(result.ok);
            assert.deepEqual(Object.keys(result.config.services), ["api"]);
            assert.equal(result.config.services.api?.port, 8080);
        });

        it("give a region without its own Redis shape the section default", () => {
            const result = parseStackConfig({ ...devBase, regions: [{ name: "eu-west-1", primary: true, trafficWeight: 100, vpcCidr: "10.20.0.0/16" }], edge: { fallbackRegion: "eu-west-1" } }, "dev");
            assert.ok(result.ok);
            assert.deepEqual(result.config.regions[0]?.redis, { shards: 1, replicasPerShard: 1, nodeType: "cache.t4g.small" });
        });
    });

    it("refuses a stack name that makes a cache id longer than ElastiCache allows", () => {
        const result = parseStackConfig(stackSettings("prod"), "production-europe-blue");
        assert.equal(result.ok, false);
        assert.ok(!result.ok && result.errors.some((e) => e.startsWith('strata:regions[2].name: with stack "production-europe-blue" the cache id "strata-production-europe-blue-ap-southeast-1" is 44 characters')));
    });

    it("allows a Global Datastore when every region runs the same shape", () => {
        const settings = prod();
        for (const region of settings.regions as { redis?: unknown }[]) region.redis = { shards: 2, replicasPerShard: 1 };
        settings.redis = { globalDatastore: true };
        const result = parseStackConfig(settings, "prod");
        assert.ok(result.ok, result.ok ? "" : result.errors.join("\n"));
    });

    it("accepts the chat webhook when it is stored as a secret, and never echoes it", () => {
        const result = parseStackConfig({ ...prod(), alertWebhookUrl: "https://hooks.example.com/x" }, "prod", ["strata:alertWebhookUrl"]);
        assert.ok(result.ok);
        const refused = parseStackConfig({ ...prod(), alertWebhookUrl: "https://hooks.example.com/x" }, "prod", []);
        assert.ok(!refused.ok && !refused.errors.join("").includes("hooks.example.com"));
    });

    describe("cluster settings per region", () => {
        it("apply a region's overrides over the platform's cluster section", () => {
            const settings = prod();
            const third = (settings.regions as Record<string, Record<string, unknown>>[])[2]!;
            third.cluster = {
                ...third.cluster,
                kubernetesVersion: "1.32",
                nodeGroups: { system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }, web: { role: "workload", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 8, desiredSize: 2 } },
            };
            const result = parseStackConfig(settings, "prod");
            assert.ok(result.ok, result.ok ? "" : result.errors.join("\n"));
            const [us, , ap] = result.config.regions;
            assert.equal(us?.cluster.kubernetesVersion, "1.33");
            assert.deepEqual(Object.keys(us?.cluster.nodeGroups ?? {}), ["system", "general", "compute"]);
            assert.equal(ap?.cluster.kubernetesVersion, "1.32");
            assert.deepEqual(Object.keys(ap?.cluster.nodeGroups ?? {}), ["system", "web"]);
            assert.equal(ap?.cluster.deletionProtection, true, "what a region does not override stays the platform's");
        });

        it("allow a single-type spot group in dev, where a reclaim costs nothing", () => {
            const result = parseStackConfig(
                { ...devBase, cluster: { ...devBase.cluster, nodeGroups: { system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["t3.large"], minSize: 1, maxSize: 2, desiredSize: 1 }, w: { role: "workload", capacityType: "SPOT", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 2, desiredSize: 1 } } } },
                "dev",
            );
            assert.ok(result.ok, result.ok ? "" : result.errors.join("\n"));
        });
    });

    describe("the hosted zone, certificates and DNS", () => {
        const prod = { environment: "prod", cluster: { apiAccess: { securityGroupIds: ["sg-0123456789abcdef0"] }, adminRoleArns: ["arn:aws:iam::123456789012:role/break-glass"] }, observability: { notifications: { emails: ["oncall@example.com"] } } };

        it("a prod stack without a hosted zone is refused, by its config path, saying what needs it", () => {
            assert.deepEqual(errorsOf(prod, "staging"), [
                "strata:edge.hostedZoneId: is required while edge.dns is route53: the global and regional hosts get their records there (set edge.dns: external to point them yourself) (missing)",
            ]);
            assert.deepEqual(errorsOf({ ...prod, edge: { dns: "external" } }, "staging"), [
                "strata:edge.hostedZoneId: is required while edge.tls.mode is cert-manager: the ACME DNS-01 challenge is answered in that zone (or bring your own certificate with edge.tls.mode: existing) (missing)",
            ]);
        });

        it("a prod stack that brings its own certificate and points its own DNS needs no zone", () => {
            assert.ok(parseStackConfig({ ...prod, edge: { dns: "external", tls: { mode: "existing", acmeServer: "production" } } }, "staging").ok);
        });

        it("TLS at the NLB: refused behind the accelerator, a zone for every certificate the stack requests, certificates of their own region", () => {
            const acm = (tls: Record<string, unknown>, edge: Record<string, unknown> = {}) => errorsOf({ ...prod, edge: { mode: "dns", hostedZoneId: "Z0EXAMPLE00000000000", tls: { mode: "acm", ...tls }, ...edge } }, "staging");
            assert.ok(parseStackConfig({ ...prod, edge: { mode: "dns", hostedZoneId: "Z0EXAMPLE00000000000", tls: { mode: "acm" } } }, "staging").ok);
            assert.deepEqual(acm({}, { mode: "accelerator" }), [
                "strata:edge.tls.mode: cannot be acm while edge.mode is accelerator: Global Accelerator does not preserve client addresses through an NLB with a TLS listener, so every client would share the accelerator's limit; use edge.mode dns, or tls.mode cert-manager (got \"acm\")",
            ]);
            const arn = (region: string) => `arn:aws:acm:${region}:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000001`;
            assert.deepEqual(acm({ certificateArns: { "us-east-1": arn("us-east-1") } }, { mode: "none", hostedZoneId: undefined, dns: "external" }), [
                "strata:edge.hostedZoneId: is required while edge.tls.mode is acm and eu-west-1, ap-southeast-1 bring no certificate ARN: ACM validates the certificates it issues in that zone (missing)",
            ]);
            const wrongRegion = acm({ certificateArns: { "us-east-1": arn("us-east-1"), "eu-west-1": arn("eu-west-1"), "ap-southeast-1": arn("us-east-1") } }, { mode: "none", hostedZoneId: undefined, dns: "external" });
            assert.equal(wrongRegion.length, 1);
            assert.ok(wrongRegion[0]!.startsWith("strata:edge.tls.certificateArns.ap-southeast-1: must be a certificate in ap-southeast-1: an NLB takes certificates of its own region"), wrongRegion[0]);
        });

        it("the edge names the mesh's domain", () => {
            assert.deepEqual(errorsOf({ ...prod, edge: { hostedZoneId: "Z0EXAMPLE00000000000", domain: "other.example.org" } }, "staging"), [
                'strata:edge.domain: must be mesh.domain (strata.example.com): the gateway\'s hosts, the certificate and the records all name one domain (got "other.example.org")',
            ]);
        });
    });

    describe("break-glass admins", () => {
        const prod = () => structuredClone(stackSettings("prod"));

        it("a prod stack without a break-glass admin role is refused, by its config path", () => {
            const settings = prod();
            (settings.cluster as Record<string, unknown>).adminRoleArns = [];
            assert.deepEqual(errorsOf(settings), [
                "strata:cluster.adminRoleArns: must name at least one break-glass admin role in prod (an IAM role people assume when the deployer cannot act), granted cluster-admin through an access entry",
            ]);
        });

        it("a region that empties its own list is refused at its path; one that brings its own needs none from the platform", () => {
            const settings = prod();
            const regions = settings.regions as { cluster?: Record<string, unknown> }[];
            regions[1]!.cluster = { ...regions[1]!.cluster, adminRoleArns: [] };
            assert.deepEqual(errorsOf(settings).map((e) => e.slice(0, e.indexOf(": "))), ["strata:regions[1].cluster.adminRoleArns"]);
            assert.ok(parseStackConfig(stackSettings("dev"), "dev").ok, "dev needs none");
        });
    });

    describe("data-tier identities", () => {
        it("grants are checked with the data stores a service uses, every problem at once, by path", () => {
            const settings = prod();
            const services = settings.services as Record<string, Record<string, unknown>>;
            services["notification-service"]!.postgresPrivileges = ["SELECT"];
            services["notification-service"]!.redisAccess = { commands: "+@all" };
            services.api!.postgresPrivileges = ["TRUNCATE"];
            services.api!.redisAccess = { keys: ["api:*", "has space"], commands: "+@all reset" };
            const errors = errorsOf(settings);
            assert.ok(errors.some((e) => e.startsWith("strata:services.api.postgresPrivileges[0]: must be one of SELECT, INSERT, UPDATE, DELETE")), errors.join("\n"));
            assert.ok(errors.some((e) => e.startsWith("strata:services.api.redisAccess.keys[1]:")), errors.join("\n"));
            assert.ok(errors.some((e) => e.startsWith('strata:services.api.redisAccess.commands: "reset" must be +command, -command, +@category or -@category (ACL rules; ElastiCache sets passwords, and refuses reset)')), errors.join("\n"));
            assert.ok(errors.includes("strata:services.notification-service.postgresPrivileges: grants table privileges, but postgres is not in dependsOn: add it there or drop these"), errors.join("\n"));
            assert.ok(errors.includes("strata:services.notification-service.redisAccess: sets cache access, but redis is not in dependsOn: add it there or drop this"), errors.join("\n"));
        });

        it("a service that uses the shards reads only by default, and its cache keys are its own prefix", () => {
            const settings = prod();
            const services = settings.services as Record<string, Record<string, unknown>>;
            delete services.api!.postgresPrivileges;
            const parsed = parseStackConfig(settings, "prod");
            assert.ok(parsed.ok);
            const api = parsed.config.services.api!;
            assert.deepEqual(api.postgresPrivileges, ["SELECT"]);
            assert.deepEqual([api.redisAccess.keys, api.redisAccess.commands], [undefined, "+@all -@dangerous +info"]);
        });
    });

    it("refuses a service image without a version, and a latest one, by path", () => {
        const settings = prod();
        const services = settings.services as Record<string, Record<string, unknown>>;
        services.api!.image = "public.ecr.aws/strata/api";
        services["auth-service"]!.image = "public.ecr.aws/strata/auth-service:latest";
        assert.deepEqual(errorsOf(settings), [
            'strata:services.api.image: must be pinned: the image has no tag: it runs whatever latest is when a node pulls it; name a version tag or a digest (got "public.ecr.aws/strata/api")',
            'strata:services.auth-service.image: must be pinned: the image is tagged latest: two nodes can run different code; name a version tag or a digest (got "public.ecr.aws/strata/auth-service:latest")',
        ]);
    });

    describe("alert receivers", () => {
        const prod = { environment: "prod", cluster: { apiAccess: { securityGroupIds: ["sg-0123456789abcdef0"] }, adminRoleArns: ["arn:aws:iam::123456789012:role/break-glass"] }, edge: { hostedZoneId: "Z0EXAMPLE00000000000" } };

        it("a prod stack without an e-mail or a webhook is refused, by its config path", () => {
            assert.deepEqual(errorsOf(prod, "staging"), [
                "strata:observability.notifications.emails: prod needs at least one alert receiver: list e-mail addresses here, or set strata:alertWebhookUrl (as a secret)",
            ]);
        });

        it("a webhook alone is a receiver in prod; dev needs none", () => {
            assert.ok(parseStackConfig({ ...prod, alertWebhookUrl: "https://hooks.example.com/T0/B0" }, "staging").ok);
            assert.ok(parseStackConfig(stackSettings("dev"), "dev").ok);
        });

        it("the prod stack file names one", () => {
            const result = parseStackConfig(stackSettings("prod"), "prod");
            assert.ok(result.ok);
            assert.ok(result.config.observability.notifications.emails.length > 0);
        });
    });

    describe("the deployer's access to a private API", () => {
        type Region = { name?: string; vpcCidr?: string; cluster?: Record<string, unknown> };
        const regionsOf = (s: Record<string, unknown>) => s.regions as Region[];

        it("prod admits its runner network in every region through that region's own transit gateway", () => {
            const result = parseStackConfig(prod(), "prod");
            assert.ok(result.ok, result.ok ? "" : result.errors.join("\n"));
            const access = result.config.regions.map((r) => [r.name, r.cluster.apiAccess.cidrs, r.cluster.apiAccess.transitGatewayId]);
            assert.deepEqual(access.map(([, cidrs]) => cidrs), [["10.255.0.0/24"], ["10.255.0.0/24"], ["10.255.0.0/24"]]);
            assert.equal(new Set(access.map(([, , gateway]) => gateway)).size, 3, "transit gateways are regional");
            assert.equal(result.config.cluster.endpointPublicAccess, false);
        });

        it("a region's own apiAccess replaces the platform's whole; a region without one takes the platform's", () => {
            const settings = prod();
            settings.cluster = { ...(settings.cluster as Record<string, unknown>), apiAccess: { securityGroupIds: ["sg-0123456789abcdef0"] } };
            delete regionsOf(settings)[2]!.cluster;
            const result = parseStackConfig(settings, "prod");
            assert.ok(result.ok, result.ok ? "" : result.errors.join("\n"));
            const [us, , ap] = result.config.regions;
            assert.deepEqual(us?.cluster.apiAccess, { cidrs: ["10.255.0.0/24"], securityGroupIds: [], transitGatewayId: "tgw-0a1b2c3d4e5f60718" });
            assert.deepEqual(ap?.cluster.apiAccess, { cidrs: [], securityGroupIds: ["sg-0123456789abcdef0"] });
        });

        it("dev keeps its public endpoint and needs none; one it states is checked all the same", () => {
            const dev = parseStackConfig(stackSettings("dev"), "dev");
            assert.ok(dev.ok);
            assert.deepEqual(dev.config.regions[0]?.cluster.apiAccess, { cidrs: [], securityGroupIds: [] });
            const errors = errorsOf({ ...devBase, cluster: { ...devBase.cluster, apiAccess: { cidrs: ["10.255.0.0/24"] } } }, "dev");
            assert.deepEqual(errors, [
                "strata:cluster.apiAccess.cidrs[0]: lies outside the VPC 10.10.0.0/16, so it needs transitGatewayId in the same region: the control plane answers through the private subnets' route table, whose only way out is the NAT gateway, where the reply is lost (regions[0], us-east-1) (got \"10.255.0.0/24\")",
            ]);
        });

        it("a prod stack that states none is refused in every region, telling why", () => {
            const errors = errorsOf(
                { environment: "prod", cluster: { adminRoleArns: ["arn:aws:iam::123456789012:role/break-glass"] }, observability: { notifications: { emails: ["oncall@example.com"] } }, edge: { hostedZoneId: "Z0EXAMPLE00000000000" } },
                "staging",
            );
            assert.deepEqual(
                errors.map((e) => e.slice(0, e.indexOf(": "))),
                ["strata:regions[0].cluster.apiAccess", "strata:regions[1].cluster.apiAccess", "strata:regions[2].cluster.apiAccess"],
            );
            assert.ok(errors[0]!.endsWith(
                "must admit at least one CIDR or security group while endpointPublicAccess is false: the API endpoint is then private, and nothing could deploy the cluster's Kubernetes objects (every Kubernetes resource and Helm release of pulumi up goes through it); set it here or under strata:cluster.apiAccess (missing)",
            ), errors[0]);
        });

        it("every access problem at once, each by its config path", () => {
            const settings = prod();
            const [us, eu, ap] = regionsOf(settings);
            us!.cluster = { ...us!.cluster, apiAccess: { cidrs: ["0.0.0.0/0", "::/0", "10.255.0.1/24"], transitGatewayId: "tgw-0a1b2c3d4e5f60718" } };
            eu!.cluster = { ...eu!.cluster, apiAccess: { cidrs: ["10.1.0.0/15", "10.255.0.0/24"], securityGroupIds: ["sg-0123456789abcdef0", "sg-0123456789abcdef0"] } };
            ap!.cluster = { apiAccess: { cidrs: [], transitGatewayId: "tgw-1" } };
            const errors = errorsOf(settings);
            assert.deepEqual(errors.map((e) => e.slice(0, e.indexOf(": "))).sort(), [
                "strata:regions[0].cluster.apiAccess.cidrs[0]",
                "strata:regions[0].cluster.apiAccess.cidrs[1]",
                "strata:regions[1].cluster.apiAccess.cidrs[0]",
                "strata:regions[1].cluster.apiAccess.cidrs[1]",
                "strata:regions[1].cluster.apiAccess.securityGroupIds[1]",
                "strata:regions[2].cluster.apiAccess.transitGatewayId",
            ]);
        });

        const refused: [string, (s: Record<string, unknown>) => void, string][] = [
            ["a /0", (s) => (regionsOf(s)[0]!.cluster!.apiAccess = { cidrs: ["0.0.0.0/0"] }), 'strata:regions[0].cluster.apiAccess.cidrs[0]: must not be a /0: it would open the Kubernetes API to every address; list the deployer\'s own network (got "0.0.0.0/0")'],
            ["an IPv6 /0", (s) => (regionsOf(s)[0]!.cluster!.apiAccess = { cidrs: ["::/0"] }), "strata:regions[0].cluster.apiAccess.cidrs[0]: must not be a /0"],
            ["a block with host bits", (s) => (regionsOf(s)[0]!.cluster!.apiAccess = { cidrs: ["10.255.0.1/24"], transitGatewayId: "tgw-0a1b2c3d4e5f60718" }), "strata:regions[0].cluster.apiAccess.cidrs[0]: must be a network address: the host bits after the prefix must be zero (the block starts at 10.255.0.0/24)"],
            ["a block straddling the VPC", (s) => (regionsOf(s)[1]!.cluster!.apiAccess = { cidrs: ["10.0.0.0/8"], transitGatewayId: "tgw-0b2c3d4e5f6071829" }), 'strata:regions[1].cluster.apiAccess.cidrs[0]: overlaps the VPC 10.1.0.0/16 without lying inside it: a block is either part of the VPC or a network reached through the transit gateway, never both (got "10.0.0.0/8")'],
            ["a remote block without a transit gateway", (s) => (regionsOf(s)[1]!.cluster!.apiAccess = { cidrs: ["10.255.0.0/24"] }), "strata:regions[1].cluster.apiAccess.cidrs[0]: lies outside the VPC 10.1.0.0/16, so it needs transitGatewayId in the same region"],
            ["a transit gateway id that is none", (s) => (regionsOf(s)[1]!.cluster!.apiAccess = { cidrs: ["10.255.0.0/24"], transitGatewayId: "tgw-eu" }), 'strata:regions[1].cluster.apiAccess.transitGatewayId: must be a transit gateway id such as tgw-0123456789abcdef0 (got "tgw-eu")'],
            ["a security group id that is none", (s) => (s.cluster = { apiAccess: { securityGroupIds: ["runners"] } }), 'strata:cluster.apiAccess.securityGroupIds[0]: must be a security group id such as sg-0123456789abcdef0 (got "runners")'],
            ["a source listed twice", (s) => (regionsOf(s)[2]!.cluster!.apiAccess = { cidrs: ["10.255.0.0/24", "10.255.0.0/24"], transitGatewayId: "tgw-0c3d4e5f607182930" }), "strata:regions[2].cluster.apiAccess.cidrs[1]: is listed twice (already cidrs[0]); each source gets one rule"],
            ["a region that admits nobody", (s) => (regionsOf(s)[2]!.cluster!.apiAccess = { cidrs: [] }), "strata:regions[2].cluster.apiAccess: must admit at least one CIDR or security group while endpointPublicAccess is false"],
            ["a typo in the section", (s) => (regionsOf(s)[2]!.cluster!.apiAccess = { cidr: ["10.255.0.0/24"] }), "strata:regions[2].cluster.apiAccess.cidr: unknown setting; allowed: cidrs, securityGroupIds, transitGatewayId"],
        ];
        for (const [what, breakIt, expected] of refused) {
            it(`${what}, by its config path`, () => {
                const settings = prod();
                breakIt(settings);
                const errors = errorsOf(settings);
                assert.ok(errors.some((e) => e.startsWith(expected)), `expected a line starting with\n  ${expected}\ngot\n  ${errors.join("\n  ")}`);
            });
        }
    });

    describe("reports", () => {
        it("every problem at once: zero shards, a duplicated region and weights summing to 90", () => {
            const settings = prod();
            settings.postgres = { shards: 0 };
            settings.cluster = { ...(settings.cluster as Record<string, unknown>), apiAccess: { securityGroupIds: ["sg-0123456789abcdef0"] } };
            settings.regions = [
                { name: "us-east-1", primary: true, trafficWeight: 50, vpcCidr: "10.0.0.0/16" },
                { name: "us-east-1", trafficWeight: 40, vpcCidr: "10.1.0.0/16" },
            ];
            const errors = errorsOf(settings);
            assert.equal(errors.length, 3, errors.join("\n"));
            assert.ok(errors.includes("strata:postgres.shards: must be an integer from 1 to 64 (got 0)"), errors.join("\n"));
            assert.ok(errors.some((e) => e.startsWith('strata:regions[1].name: duplicate region "us-east-1"')));
            assert.ok(errors.includes("strata:regions: trafficWeight of all regions must add up to 100 (they add up to 90)"));
        });

        const broken: [string, (s: Record<string, unknown>) => void, string][] = [
            ["an unknown top-level key", (s) => (s.postgress = {}), "strata:postgress: unknown setting; allowed: environment, regions"],
            ["a typo inside a section", (s) => (s.postgres = { shardz: 2 }), "strata:postgres.shardz: unknown setting; allowed: shards, replicasPerShard"],
            ["an unknown environment", (s) => (s.environment = "qa"), 'strata:environment: must be one of dev, prod (got "qa")'],
            ["too many shards", (s) => (s.postgres = { shards: 65 }), "strata:postgres.shards: must be an integer from 1 to 64 (got 65)"],
            ["a fractional replica count", (s) => (s.postgres = { replicasPerShard: 1.5 }), "strata:postgres.replicasPerShard: must be an integer from 0 to 15 (got 1.5)"],
            ["a shard count given as text", (s) => (s.postgres = { shards: "four" }), 'strata:postgres.shards: must be an integer from 1 to 64 (got "four")'],
            ["no primary region", (s) => ((s.regions as { primary?: boolean }[])[0]!.primary = false), "strata:regions: exactly one region must have primary: true (found 0)"],
            ["two primary regions", (s) => ((s.regions as { primary?: boolean }[])[1]!.primary = true), "strata:regions: exactly one region must have primary: true (found 2)"],
            ["overlapping VPCs", (s) => ((s.regions as { vpcCidr?: string }[])[2]!.vpcCidr = "10.0.128.0/17"), "strata:regions[2].vpcCidr: overlaps regions[0].vpcCidr"],
            ["a VPC with host bits", (s) => ((s.regions as { vpcCidr?: string }[])[2]!.vpcCidr = "10.2.1.0/16"), "strata:regions[2].vpcCidr: must be a network address"],
            ["a VPC outside /16–/24", (s) => ((s.regions as { vpcCidr?: string }[])[2]!.vpcCidr = "10.0.0.0/8"), "strata:regions[2].vpcCidr: must be an IPv4 CIDR block (a.b.c.d/n) with n from 16 to 24"],
            ["a bad region name", (s) => ((s.regions as { name?: string }[])[2]!.name = "Mars"), "strata:regions[2].name: must be an AWS region name such as us-east-1, one of catalog/regions.ts: af-south-1, "],
            ["a duplicate region key", (s) => ((s.regions as { userRegionKey?: string }[])[2]!.userRegionKey = "eu"), 'strata:regions[2].userRegionKey: duplicate key "eu"'],
            ["a zone of another region", (s) => ((s.regions as { availabilityZones?: string[] }[])[1]!.availabilityZones = ["eu-west-1a", "us-east-1b"]), "strata:regions[1].availabilityZones[1]: must be a zone of eu-west-1"],
            ["a zone its region does not have", (s) => ((s.regions as { availabilityZones?: string[] }[])[1]!.availabilityZones = ["eu-west-1a", "eu-west-1d"]), 'strata:regions[1].availabilityZones[1]: must be a zone of eu-west-1: eu-west-1a, eu-west-1b, eu-west-1c (catalog/regions.ts) (got "eu-west-1d")'],
            ["a region the catalog does not know", (s) => ((s.regions as { name?: string }[])[2]!.name = "ap-southeast-9"), "strata:regions[2].name: must be an AWS region name such as us-east-1, one of catalog/regions.ts"],
            ["more zones than a region has", (s) => (s.network = { azCount: 4 }), "strata:network.azCount: must be at most 3 for eu-west-1 (regions[1]): it has 3 zones a cluster can use (euw1-az1, euw1-az2, euw1-az3)"],
            ["all six us-east-1 zones, one of which EKS refuses", (s) => (s.network = { azCount: 6 }), "strata:network.azCount: must be at most 5 for us-east-1 (regions[0]): it has 5 zones a cluster can use (use1-az1, use1-az2, use1-az4, use1-az5, use1-az6); EKS refuses use1-az3 for cluster subnets (got 6)"],
            ["one zone only", (s) => (s.network = { azCount: 1 }), "strata:network.azCount: must be an integer from 2 to 6 (got 1)"],
            ["a retention CloudWatch refuses", (s) => (s.network = { flowLogs: { retentionDays: 10 } }), "strata:network.flowLogs.retentionDays: must be one of 1, 3, 5, 7, 14"],
            ["a NAT mode that does not exist", (s) => (s.network = { natGateways: "none" }), 'strata:network.natGateways: must be one of perAz, single (got "none")'],
            ["min above max nodes", (s) => (s.cluster = { nodeGroups: { system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 5, maxSize: 3, desiredSize: 4 }, w: { role: "workload", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3, desiredSize: 1 } } }), "strata:cluster.nodeGroups.system.maxSize: maxSize (3) must be ≥ minSize (5)"],
            ["a spot group with one type", (s) => (s.cluster = { nodeGroups: { system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3, desiredSize: 1 }, w: { role: "workload", capacityType: "SPOT", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3, desiredSize: 1 } } }), "strata:cluster.nodeGroups.w.instanceTypes: a SPOT group in prod needs at least 2 instance types"],
            ["a spot system group", (s) => (s.cluster = { nodeGroups: { system: { role: "system", capacityType: "SPOT", instanceTypes: ["m6i.large", "m5.large"], minSize: 1, maxSize: 3, desiredSize: 1 }, w: { role: "workload", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3, desiredSize: 1 } } }), "strata:cluster.nodeGroups.system.capacityType: system groups must be ON_DEMAND"],
            ["no workload group", (s) => (s.cluster = { nodeGroups: { system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3, desiredSize: 1 } } }), "strata:cluster.nodeGroups: must hold at least one group with role: workload"],
            ["a public endpoint in prod", (s) => (s.cluster = { endpointPublicAccess: true }), "strata:cluster.endpointPublicAccess: must be false in prod"],
            ["maxReplicas under minReplicas", (s) => ((s.services as Record<string, { maxReplicas?: number }>).api!.maxReplicas = 2), "strata:services.api.maxReplicas: maxReplicas (2) must be ≥ minReplicas (10)"],
            ["an invalid service name", (s) => ((s.services as Record<string, unknown>).Api_1 = {}), "strata:services.Api_1: the name is invalid: must be a lowercase DNS label"],
            ["a service with no metric", (s) => ((s.services as Record<string, { hpa?: unknown }>).api!.hpa = {}), "strata:services.api.hpa: must name at least one metric"],
            ["a bad CPU quantity", (s) => ((s.services as Record<string, { cpu?: string }>).api!.cpu = "half"), 'strata:services.api.cpu: must be a Kubernetes CPU quantity such as "500m" or "2" (got "half")'],
            ["a fallback region outside the stack", (s) => (s.edge = { fallbackRegion: "us-west-2" }), "strata:edge.fallbackRegion: must be one of the stack's regions (us-east-1, eu-west-1, ap-southeast-1)"],
            ["dns mode without a zone", (s) => (s.edge = { mode: "dns" }), "strata:edge.hostedZoneId: is required when edge.mode is dns (missing)"],
            ["a Redis alert below eviction", (s) => (s.redis = { memoryAlertPercent: 70 }), "strata:redis.memoryAlertPercent: must be above evictionThresholdPercent (80) (got 70)"],
            ["a Kubernetes version past EKS extended support", (s) => (s.cluster = { kubernetesVersion: "1.31" }), 'strata:cluster.kubernetesVersion: must be a Kubernetes version EKS offers (catalog/eks.ts): "1.36" (standard support to 2027-08-02), "1.35" (standard support to 2027-03-27), "1.34" (extended support (extra cost) to 2027-12-02), "1.33" (extended support (extra cost) to 2027-07-29), "1.32" (extended support (extra cost) to 2027-03-23) (got "1.31")'],
            ["a Kubernetes version EKS never released", (s) => ((s.regions as { cluster?: unknown }[])[1]!.cluster = { kubernetesVersion: "1.40" }), 'strata:regions[1].cluster.kubernetesVersion: must be a Kubernetes version EKS offers (catalog/eks.ts): "1.36"'],
            ["an instance type that does not exist", (s) => ((s.cluster as { nodeGroups: Record<string, { instanceTypes: string[] }> }).nodeGroups.general!.instanceTypes = ["m6i.xlarge", "m6i.2xlargee"]), 'strata:cluster.nodeGroups.general.instanceTypes[1]: must be an EC2 instance type such as m6i.large from catalog/instanceTypes.ts (families t3, t4g, m5, m6i'],
            ["a misspelt instance type, with the nearest one", (s) => ((s.cluster as { nodeGroups: Record<string, { instanceTypes: string[] }> }).nodeGroups.general!.instanceTypes = ["m6i.xlarge", "m6i.2xlargee"]), 'strata:cluster.nodeGroups.general.instanceTypes[1]: must be an EC2 instance type such as m6i.large from catalog/instanceTypes.ts (families t3, t4g, m5, m6i, m6a, m6g, m7i, m7a, m7g, m8g, c5, c6i, c6a, c6g, c7i, c7a, c7g, c8g, r5, r6i, r6a, r6g, r7i, r7a, r7g, r8g) (did you mean m6i.2xlarge?) (got "m6i.2xlargee")'],
            [
                "an unknown instance type in a region's node groups",
                (s) => {
                    const region = (s.regions as { cluster?: Record<string, unknown> }[])[0]!;
                    region.cluster = { ...region.cluster, nodeGroups: { ...(s.cluster as { nodeGroups: Record<string, unknown> }).nodeGroups, compute: { role: "workload", capacityType: "SPOT", instanceTypes: ["c6i.4xlarge", "c9z.4xlarge"], minSize: 0, maxSize: 40, desiredSize: 2 } } };
                },
                'strata:regions[0].cluster.nodeGroups.compute.instanceTypes[1]: must be an EC2 instance type such as m6i.large',
            ],
            ["Graviton and x86 types in one node group", (s) => ((s.cluster as { nodeGroups: Record<string, { instanceTypes: string[] }> }).nodeGroups.compute!.instanceTypes = ["c6i.4xlarge", "c7g.4xlarge"]), "strata:cluster.nodeGroups.compute.instanceTypes: mixes x86_64 (c6i.4xlarge) and arm64 (c7g.4xlarge): a node group runs one AMI type, so one architecture; split it into two groups"],
            ["a DB class that does not exist", (s) => (s.postgres = { instanceClass: "db.r6g.huge" }), "strata:postgres.instanceClass: must be an RDS instance class in the db. family such as db.r6g.large that Aurora PostgreSQL runs on: db.r8g.*, db.r7g.*, db.r6g.*, db.r6i.*, db.t4g.* (catalog/dbClasses.ts)"],
            ["a DB class Aurora PostgreSQL does not run on", (s) => (s.postgres = { readerInstanceClass: "db.m6g.large" }), 'strata:postgres.readerInstanceClass: is an RDS instance class Aurora PostgreSQL does not run on; use one of db.r8g.*, db.r7g.*, db.r6g.*, db.r6i.*, db.t4g.* (catalog/dbClasses.ts) (got "db.m6g.large")'],
            ["a cache node type that does not exist", (s) => (s.redis = { nodeType: "cache.r7g.largee" }), 'strata:redis.nodeType: must be an ElastiCache node type in the cache. family such as cache.r7g.large, of the current generation in catalog/cacheNodeTypes.ts (cache.t3.*, cache.t4g.*, cache.m5.*, cache.m6g.*, cache.m7g.*, cache.m8g.*, cache.r5.*, cache.r6g.*, cache.r7g.*, cache.r8g.*) (did you mean cache.r7g.large?) (got "cache.r7g.largee")'],
            ["a previous-generation cache node type in a region", (s) => ((s.regions as { redis?: unknown }[])[1]!.redis = { shards: 2, replicasPerShard: 1, nodeType: "cache.r4.large" }), 'strata:regions[1].redis.nodeType: must be an ElastiCache node type in the cache. family such as cache.r7g.large, of the current generation'],
            ["a Valkey-only node type under the Redis OSS engine", (s) => (s.redis = { engine: "redis", nodeType: "cache.r8g.large" }), "strata:redis.nodeType: runs valkey only, not redis (catalog/cacheNodeTypes.ts): choose another type or redis.engine: valkey"],
            ["a CPU request of 0 on a service scaled on CPU", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.cpu = "0"), 'strata:services.api.cpu: must be a CPU quantity above 0 such as "500m": the scheduler reserves nothing for 0, and an HPA on CPU utilization divides by it (got "0")'],
            ["a CPU request of 0m", (s) => ((s.services as Record<string, Record<string, unknown>>)["fund-data-service"]!.cpu = "0m"), 'strata:services.fund-data-service.cpu: must be a CPU quantity above 0 such as "500m"'],
            ["a memory request of 0 on a service scaled on memory", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.memory = "0Mi"), 'strata:services.api.memory: must be a memory quantity above 0 such as "512Mi": the scheduler reserves nothing for 0, and an HPA on memory utilization divides by it (got "0Mi")'],
            ["a gateway CPU request of 0", (s) => (s.mesh = { gateway: { cpu: "0" } }), 'strata:mesh.gateway.cpu: must be a CPU quantity above 0'],
            ["a time zone the IANA database lacks", (s) => ((s.services as Record<string, Record<string, unknown>>)["analysis-service"]!.schedules = { timezone: "Mars/Olympus", windows: [{ name: "w", days: "1-5", start: "09:00", end: "18:00", minReplicas: 1, maxReplicas: 2 }] }), 'strata:services.analysis-service.schedules.timezone: is not in the IANA time zone database; use an IANA time zone such as "Europe/Paris" or "UTC" (the CronJob\'s timeZone) (got "Mars/Olympus")'],
            ["a time zone in the wrong case", (s) => ((s.services as Record<string, Record<string, unknown>>)["analysis-service"]!.schedules = { timezone: "europe/paris", windows: [{ name: "w", days: "1-5", start: "09:00", end: "18:00", minReplicas: 1, maxReplicas: 2 }] }), 'strata:services.analysis-service.schedules.timezone: must be spelt "Europe/Paris": zone names are case-sensitive'],
            ["the Local time zone", (s) => ((s.services as Record<string, Record<string, unknown>>)["analysis-service"]!.schedules = { timezone: "Local", windows: [{ name: "w", days: "1-5", start: "09:00", end: "18:00", minReplicas: 1, maxReplicas: 2 }] }), "strata:services.analysis-service.schedules.timezone: is not an IANA time zone name"],
            ["a pod label value with a space", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.podLabels = { version: "canary v2" }), 'strata:services.api.podLabels.version: must be a Kubernetes label value (at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit; no spaces) (got "canary v2")'],
            ["tenant pools that leave nothing for the shared pool", (s) => (s.mesh = { tenantPool: { trafficPercent: 50 } }), "strata:mesh.tenantPool.trafficPercent: 2 tenant pools × 50 % leave nothing for the shared pool: the tenants' shares must add up to less than 100 (got 50)"],
            ["tenant pool bounds crossed", (s) => (s.mesh = { tenantPool: { minReplicas: 10, maxReplicas: 5, trafficPercent: 20 } }), "strata:mesh.tenantPool.maxReplicas: the tenant pools' maxReplicas (5) must be ≥ their minReplicas (10) (got 5)"],
            ["a tenant listed twice", (s) => (s.mesh = { tenants: ["tenant-a", "tenant-b", "tenant-a"] }), 'strata:mesh.tenants[2]: duplicate tenant "tenant-a" (already tenants[0]); each tenant gets one subset and one route (got "tenant-a")'],
            ["a public endpoint without CIDRs", (s) => (s.environment = "dev") && (s.cluster = { endpointPublicAccess: true, publicAccessCidrs: [] }), "strata:cluster.publicAccessCidrs: must list at least one CIDR while endpointPublicAccess is true"],
            ["desired outside a region override's bounds", (s) => ((s.regions as { cluster?: unknown }[])[1]!.cluster = { nodeGroups: { system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4, desiredSize: 5 }, w: { role: "workload", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3, desiredSize: 1 } } }), "strata:regions[1].cluster.nodeGroups.system.desiredSize: desiredSize (5) must be ≤ maxSize (4)"],
            ["a group maximum below the region's zone count", (s) => ((s.regions as { cluster?: unknown }[])[1]!.cluster = { nodeGroups: { system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 2, desiredSize: 1 }, w: { role: "workload", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3, desiredSize: 1 } } }), "strata:regions[1].cluster.nodeGroups.system.maxSize: must be ≥ 3: the group is split into one group per zone, and each needs a maximum of at least 1 (got 2)"],
            ["an empty instance type list", (s) => ((s.regions as { cluster?: unknown }[])[2]!.cluster = { nodeGroups: { system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: [], minSize: 1, maxSize: 3, desiredSize: 1 }, w: { role: "workload", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3, desiredSize: 1 } } }), "strata:regions[2].cluster.nodeGroups.system.instanceTypes: must name at least one instance type"],
            [
                "a chart version the values are not typed against",
                (s) => (s.cluster = { chartVersions: { metricsServer: "3.13.0" } }),
                'strata:cluster.chartVersions.metricsServer: must be "3.12.2": the program\'s values for this chart are typed against that version (catalog/chartValues/clusterAddons.ts); to bump it, update that file from the new chart\'s values and templates (got "3.13.0")',
            ],
            [
                "an Istio version the values are not typed against",
                (s) => (s.mesh = { istioVersion: "1.27.0" }),
                'strata:mesh.istioVersion: must be "1.26.8": the program\'s values for this chart are typed against that version (catalog/chartValues/istio.ts); to bump it, update that file from the new chart\'s values and templates (got "1.27.0")',
            ],
            ["an autoscaler threshold out of range", (s) => (s.cluster = { autoscaler: { scaleDownUtilizationThreshold: 0.95 } }), "strata:cluster.autoscaler.scaleDownUtilizationThreshold: must be a number from 0.1 to 0.9 (got 0.95)"],
            ["readers above the Aurora limit", (s) => (s.postgres = { replicasPerShard: 16 }), "strata:postgres.replicasPerShard: must be an integer from 0 to 15 (got 16)"],
            ["an instance class outside the db. family", (s) => (s.postgres = { instanceClass: "r6g.large" }), "strata:postgres.instanceClass: must be an RDS instance class in the db. family such as db.r6g.large"],
            ["reader autoscaling below the fixed readers", (s) => (s.postgres = { readerAutoscaling: { maxReaders: 1 } }), "strata:postgres.readerAutoscaling.maxReaders: must be ≥ the fixed readers per shard (2)"],
            ["a secondary region without readers", (s) => ((s.regions as { postgres?: unknown }[])[1]!.postgres = { replicasPerShard: 0 }), "strata:regions[1].postgres.replicasPerShard: must be ≥ 1 in a secondary region"],
            ["short backups in prod", (s) => (s.postgres = { backupRetentionDays: 3 }), "strata:postgres.backupRetentionDays: must be at least 7 in prod (got 3)"],
            ["a Performance Insights retention AWS refuses", (s) => (s.postgres = { performanceInsightsRetentionDays: 30 }), "strata:postgres.performanceInsightsRetentionDays: must be one of 7, 31, 62"],
            ["a cache replica count of 0 with Multi-AZ", (s) => ((s.regions as { redis?: unknown }[])[1]!.redis = { shards: 2, replicasPerShard: 0 }), "strata:regions[1].redis.replicasPerShard: must be ≥ 1 while redis.multiAz is true"],
            ["a prod cache without replicas", (s) => (s.redis = { multiAz: false, replicasPerShard: 0 }) && (s.regions as { redis?: unknown }[]).forEach((r) => delete r.redis), "strata:redis.replicasPerShard: must be ≥ 1 in prod"],
            ["a cache node type outside the family", (s) => (s.redis = { nodeType: "r7g.large" }), "strata:redis.nodeType: must be an ElastiCache node type in the cache. family such as cache.r7g.large"],
            ["a Global Datastore over different shapes", (s) => (s.redis = { globalDatastore: true }), "strata:redis.globalDatastore: needs every region to run the same shape; they differ (us-east-1: 3×1 cache.r7g.large, eu-west-1: 2×1 cache.r7g.large"],
            ["short cache snapshots in prod", (s) => (s.redis = { snapshotRetentionDays: 1 }), "strata:redis.snapshotRetentionDays: must be at least 7 in prod (got 1)"],
            ["an unknown eviction policy", (s) => (s.redis = { maxmemoryPolicy: "lru" }), 'strata:redis.maxmemoryPolicy: must be one of allkeys-lru'],
            ["a memory limit below the request", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.memoryLimit = "512Mi"), "strata:services.api.memoryLimit: memoryLimit (512Mi) must be ≥ memory (1Gi)"],
            ["an acting VPA on what the HPA scales", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.vpa = { mode: "Auto", controlledResources: ["cpu"] }), "strata:services.api.vpa.controlledResources: the VPA in mode Auto would change cpu requests while the HPA scales on cpu utilization"],
            ["a VPA minimum above its maximum", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.vpa = { minAllowed: { cpu: "4" }, maxAllowed: { cpu: "1" } }), "strata:services.api.vpa: vpa.minAllowed.cpu (4) must be ≤ vpa.maxAllowed.cpu (1)"],
            ["a utilization target above 100 %", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.hpa = { cpuUtilization: 150 }), "strata:services.api.hpa.cpuUtilization: must be an integer from 1 to 100 (got 150)"],
            ["a stabilization window over an hour", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.hpa = { cpuUtilization: 70, behavior: { scaleUp: { stabilizationWindowSeconds: 4000, policies: [{ type: "Pods", value: 4, periodSeconds: 60 }] }, scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } } }), "strata:services.api.hpa.behavior.scaleUp.stabilizationWindowSeconds: must be an integer from 0 to 3600 (got 4000)"],
            ["a policy period over 30 minutes", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.hpa = { cpuUtilization: 70, behavior: { scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: "Pods", value: 4, periodSeconds: 1801 }] }, scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } } }), "strata:services.api.hpa.behavior.scaleUp.policies[0].periodSeconds: must be an integer from 1 to 1800 (got 1801)"],
            ["a memory request that is no quantity", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.memory = "1GB"), 'strata:services.api.memory: must be a Kubernetes memory quantity in Mi or Gi such as "512Mi" (got "1GB")'],
            ["an external metric with two targets", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.hpa = { externalMetrics: [{ name: "lag", value: 5, averageValue: 1 }] }), "strata:services.api.hpa.externalMetrics[0]: must set exactly one of value and averageValue"],
            ["a window that ends before it starts", (s) => ((s.services as Record<string, Record<string, unknown>>)["analysis-service"]!.schedules = { windows: [{ name: "w", days: "1-5", start: "18:00", end: "09:00", minReplicas: 1, maxReplicas: 2 }] }), "strata:services.analysis-service.schedules.windows: window w: start (18:00) must be before end (09:00)"],
            ["a service in a region the stack lacks", (s) => ((s.services as Record<string, Record<string, unknown>>).api!.regions = ["us-west-2"]), "strata:services.api.regions[0]: must be one of the stack's regions"],
            ["an HPA metric no adapter rule serves", (s) => ((s.services as Record<string, Record<string, unknown>>)["fund-data-service"]!.hpa = { podsMetrics: [{ name: "latency_ms", averageValue: 200 }] }), 'strata:services.fund-data-service.hpa.podsMetrics[0].name: no adapter rule serves the Pods metric "latency_ms": declare it under strata:observability.metrics'],
            ["a chat webhook in plain text", (s) => (s.alertWebhookUrl = "https://hooks.example.com/x"), "strata:alertWebhookUrl: holds a credential in plain text"],
            ["a route to a service that does not exist", (s) => (s.mesh = { routes: [{ name: "social", prefix: "/api/v1/social", service: "social-service", timeoutSeconds: 10 }] }), 'strata:mesh.routes[0].service: "social-service" is not a configured service'],
            ["a timeout shorter than its retries", (s) => (s.mesh = { routes: [{ name: "api", prefix: "/", service: "api", timeoutSeconds: 3, retries: { attempts: 3, perTryTimeoutSeconds: 2, retryOn: "5xx" } }] }), "strata:mesh.routes[0].timeoutSeconds: 3 s is shorter than 3 tries × 2 s per try (6 s)"],
            ["canary weights that do not add up to 100", (s) => (s.mesh = { routes: [{ name: "api", prefix: "/", service: "api", timeoutSeconds: 10, weights: [{ subset: "default", weight: 50 }] }] }), "strata:mesh.routes[0].weights: weights must add up to 100 (they add up to 50)"],
            ["fault injection in prod", (s) => (s.mesh = { routes: [{ name: "api", prefix: "/", service: "api", timeoutSeconds: 10, fault: { abortPercent: 10 } }] }), "strata:mesh.routes[0].fault: fault injection is refused in prod"],
            ["a subset without a matching pod label", (s) => (s.mesh = { subsets: { api: { canary: { version: "v2" } } } }), "strata:mesh.subsets: subset api/canary selects version=v2, which no pod of api carries"],
            ["permissive mTLS in prod", (s) => (s.mesh = { mtlsMode: "PERMISSIVE" }), "strata:mesh.mtlsMode: must be STRICT in prod"],
            ["a prod gateway below 3 replicas", (s) => (s.mesh = { gateway: { minReplicas: 2 } }), "strata:mesh.gateway.minReplicas: must be at least 3 in prod: one gateway per zone (got 2)"],
            ["a global edge over a single region", (s) => (s.environment = "dev") && (s.regions = [{ name: "us-east-1", primary: true, trafficWeight: 100, vpcCidr: "10.10.0.0/16" }]) && (s.edge = { mode: "accelerator" }), "strata:edge.mode: must be none in a single-region stack"],
            ["a global edge without the mesh", (s) => (s.mesh = { enabled: false }), "strata:edge.mode: must be none while mesh.enabled is false"],
            ["an accelerator health check every 20 s", (s) => (s.edge = { healthCheck: { intervalSeconds: 20 } }), "strata:edge.healthCheck.intervalSeconds: must be one of 10, 30 (got 20)"],
            ["a VPC too small for its zones", (s) => ((s.regions as { vpcCidr?: string }[])[2]!.vpcCidr = "10.2.0.0/24") && (s.network = { azCount: 6 }), "strata:regions[2].vpcCidr: is too small for 6 zones"],
        ];
        const alone: [string, (s: Record<string, unknown>) => void, string][] = [
            ["a list where the services map belongs", (s) => (s.services = ["a", "b"]), "strata:services: must be a map of services by name"],
            ["a number where the cluster section belongs", (s) => (s.cluster = 3), "strata:cluster: must be a map of settings (kubernetesVersion, endpointPublicAccess, "],
            ["a list where a region's cluster settings belong", (s) => ((s.regions as { cluster?: unknown }[])[0]!.cluster = ["m6i.large"]), "strata:regions[0].cluster: must be a map of settings (kubernetesVersion, headroom, publicAccessCidrs, adminRoleArns, nodeGroups, apiAccess)"],
            ["a missing environment", (s) => delete s.environment, "strata:environment: must be one of dev, prod (missing)"],
        ];
        for (const [what, breakIt, expected] of alone) {
            it(`${what} is one error at that key, by its config path`, () => {
                const settings = prod();
                breakIt(settings);
                const errors = errorsOf(settings);
                assert.equal(errors.length, 1, errors.join("\n"));
                assert.ok(errors[0]!.startsWith(expected), `expected a line starting with\n  ${expected}\ngot\n  ${errors[0]}`);
            });
        }

        it("a misspelt region is told the nearest one the catalog knows", () => {
            const settings = prod();
            (settings.regions as { name?: string }[])[1]!.name = "eu-wset-1";
            const error = errorsOf(settings).find((e) => e.startsWith("strata:regions[1].name: "));
            assert.ok(error?.endsWith('(did you mean eu-west-1?) (got "eu-wset-1")'), error);
        });

        it("every reality problem at once, each by its path", () => {
            const settings = prod();
            (settings.regions as { name?: string }[])[2]!.name = "ap-southeast-9";
            settings.cluster = { kubernetesVersion: "1.31", adminRoleArns: ["arn:aws:iam::123456789012:role/break-glass"] };
            settings.postgres = { instanceClass: "db.m6g.large" };
            settings.redis = { nodeType: "cache.r7g.largee" };
            (settings.services as Record<string, Record<string, unknown>>).api!.cpu = "0m";
            settings.mesh = { tenants: ["tenant-a", "tenant-a"] };
            const paths = errorsOf(settings).map((e) => e.slice(0, e.indexOf(": ")));
            assert.deepEqual(
                [...paths].sort(),
                ["strata:cluster.kubernetesVersion", "strata:mesh.tenants[1]", "strata:postgres.instanceClass", "strata:redis.nodeType", "strata:regions[2].name", "strata:services.api.cpu"],
            );
        });

        for (const [what, breakIt, expected] of broken) {
            it(`${what}, by its config path`, () => {
                const settings = prod();
                breakIt(settings);
                const errors = errorsOf(settings);
                assert.ok(errors.some((e) => e.startsWith(expected)), `expected a line starting with\n  ${expected}\ngot\n  ${errors.join("\n  ")}`);
            });
        }
    });
    describe("cost", () => {
        it("takes the environment's usage model and lets the stack override one figure", () => {
            const result = parseStackConfig({ ...prod(), cost: { usage: { natGbPerRegion: 3500 } } }, "prod");
            assert.ok(result.ok, result.ok ? "" : result.errors.join("\n"));
            assert.equal(result.config.cost.usage.natGbPerRegion, 3500);
            assert.equal(result.config.cost.usage.auroraStorageGbPerShard, 200, "the rest is the prod preset's");
            assert.equal(result.config.cost.budget, undefined, "a stack that states no budget has none");
        });

        it("reports every bad usage, spot and budget setting at once", () => {
            const errors = errorsOf({ ...prod(), cost: { usage: { natGbPerRegion: -1, logsIngestGb: 5 }, spotSavings: { default: 0.99 }, budget: { maxMonthlyUsd: { steady: "lots" }, enforcement: "strict" } } });
            for (const expected of [
                "strata:cost.usage.natGbPerRegion: must be a number from 0 to 1000000000 (got -1)",
                "strata:cost.usage.logsIngestGb: unknown setting; allowed: natGbPerRegion,",
                "strata:cost.spotSavings.default: must be a number from 0 to 0.95 (got 0.99)",
                'strata:cost.budget.maxMonthlyUsd.steady: must be a number from 0 to 10000000 (got "lots")',
                'strata:cost.budget.enforcement: must be one of mandatory, advisory (got "strict")',
            ]) {
                assert.ok(errors.some((e) => e.startsWith(expected)), `expected a line starting with\n  ${expected}\ngot\n  ${errors.join("\n  ")}`);
            }
        });
    });
});
