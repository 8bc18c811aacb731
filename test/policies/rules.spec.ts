import { strict as assert } from "assert";
import { Policies } from "@pulumi/policy";
import { strataPolicies } from "../../policies/rules";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { PackConfig, resolve, runPolicies } from "../../tools/plan/policyRunner";
import { clusterScenarios } from "../../policies/rules/scenarios";
import { planResource } from "../harness";

/*
 * Each rule against a small stack that passes, then against that stack with one thing broken, asserting
 * the exact violation. The runner gives policies what the engine gives them (getConfig, notApplicable,
 * stackTags, isType), so these exercise the rules as `pulumi preview --policy-pack` would.
 */

const awsProvider = planResource({ type: "pulumi:providers:aws", name: "p", inputs: { region: "us-east-1", defaultTags: JSON.stringify({ tags: { "strata:environment": "prod" } }) } });
/** The component the clusters belong to: it names the deployer's runner group (strata-network-flows). */
const regionalCluster = planResource({ type: "strata:cluster:RegionalCluster", name: "rc", custom: false, region: null, inputs: { apiAccess: { cidrs: [], securityGroupIds: ["sg-0runner"] } } });
const KEY = "arn:aws:kms:us-east-1:123456789012:key/k1";
/** The control-plane log groups the clusters write to, created first (strata-logging). */
const controlPlaneLogs = (cluster: string, provider: string) =>
    planResource({ type: "aws:cloudwatch/logGroup:LogGroup", name: `${cluster}-logs`, provider, inputs: { name: `/aws/eks/${cluster}/cluster`, retentionInDays: 365, kmsKeyId: KEY } });
const eksLogs = controlPlaneLogs("c1", awsProvider.urn);
const eks2Logs = controlPlaneLogs("c2", `${awsProvider.urn}-eu`);
const eks = planResource({
    type: "aws:eks/cluster:Cluster",
    name: "eks",
    parent: regionalCluster.urn,
    provider: awsProvider.urn,
    dependencies: [eksLogs.urn],
    inputs: {
        name: "c1",
        version: "1.35",
        deletionProtection: true,
        vpcConfig: { endpointPublicAccess: false },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY } },
        enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    },
    protect: true,
});
const eks2 = { ...eks, urn: `${eks.urn}-2`, name: "eks2", provider: `${awsProvider.urn}-eu`, dependencies: [eks2Logs.urn], inputs: { ...eks.inputs, name: "c2" } };
const awsProviderEu = { ...awsProvider, urn: `${awsProvider.urn}-eu`, inputs: { ...awsProvider.inputs, region: "eu-west-1" } };
const k8s = planResource({ type: "pulumi:providers:kubernetes", name: "k", dependencies: [eks.urn] });
const testUrn = (type: string, name: string) => `urn:pulumi:test::strata::${type}::${name}`;
/** What each object waits for, as the program wires it (strata-deploy-ordering): its namespace, its CRD's release, a node group for pods. */
function waitsOf(type: string, inputs: JsonObject): string[] {
    const namespace = (inputs.metadata as JsonObject | undefined)?.namespace;
    return [
        ...(typeof namespace === "string" && namespace !== "default" ? [testUrn("kubernetes:core/v1:Namespace", `ns-${namespace}`)] : []),
        ...(/\.istio\.io\//.test(type) ? [testUrn("kubernetes:helm.sh/v3:Release", "istio-base")] : []),
        ...(type.includes(":autoscaling.k8s.io/") ? [testUrn("kubernetes:helm.sh/v3:Release", "vpa")] : []),
        ...(type === "kubernetes:apps/v1:Deployment" ? [testUrn("aws:eks/nodeGroup:NodeGroup", "workload"), testUrn("kubernetes:helm.sh/v3:Release", "istiod")] : []),
    ];
}
const inK8s = (type: string, name: string, inputs: JsonObject) => planResource({ type, name, provider: k8s.urn, inputs, dependencies: waitsOf(type, inputs) });
const release = (name: string, chart: string, version: string, repo: string, namespace: string) =>
    planResource({ type: "kubernetes:helm.sh/v3:Release", name, provider: k8s.urn, inputs: { chart, version, repositoryOpts: { repo }, namespace }, dependencies: [...waitsOf("", { metadata: { namespace } }), testUrn("aws:eks/nodeGroup:NodeGroup", "workload")] });
const labels = { "app.kubernetes.io/name": "api" };

/** The runner group's way to a cluster's API, on the group EKS creates for it. */
const apiFromRunner = (cluster: PlanResource) =>
    planResource({
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        name: `${cluster.name}-api-from-runner`,
        provider: cluster.provider,
        dependencies: [cluster.urn],
        propertyDependencies: { securityGroupId: [cluster.urn] },
        inputs: { securityGroupId: "sg-0cluster", ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-0runner" },
    });

function goodStack(): PlanResource[] {
    return [
        awsProvider,
        awsProviderEu,
        regionalCluster,
        eksLogs,
        eks2Logs,
        eks,
        eks2,
        apiFromRunner(eks),
        apiFromRunner(eks2),
        k8s,
        ...["apps", "istio-system", "istio-ingress"].map((namespace) => inK8s("kubernetes:core/v1:Namespace", `ns-${namespace}`, { metadata: { name: namespace, ...(namespace === "apps" ? { labels: { "istio-injection": "enabled", "pod-security.kubernetes.io/enforce": "restricted" } } : {}) } })),
        inK8s("kubernetes:security.istio.io/v1:AuthorizationPolicy", "deny-all", { metadata: { name: "deny-all", namespace: "apps" }, spec: {} }),
        release("istio-base", "base", "1.26.8", "https://istio-release.storage.googleapis.com/charts", "istio-system"),
        release("istiod", "istiod", "1.26.8", "https://istio-release.storage.googleapis.com/charts", "istio-system"),
        release("vpa", "vpa", "4.7.2", "https://charts.fairwinds.com/stable", "kube-system"),
        release("metrics-server", "metrics-server", "3.12.2", "https://kubernetes-sigs.github.io/metrics-server/", "kube-system"),
        planResource({ type: "aws:ec2/launchTemplate:LaunchTemplate", name: "lt", inputs: { metadataOptions: { httpTokens: "required" } } }),
        planResource({ type: "aws:eks/nodeGroup:NodeGroup", name: "workload", dependencies: [eks.urn], inputs: { scalingConfig: { minSize: 4, desiredSize: 4, maxSize: 20 }, instanceTypes: ["m6i.2xlarge"], capacityType: "ON_DEMAND", labels: { "strata.io/node-role": "workload" } } }),
        planResource({ type: "aws:eks/nodeGroup:NodeGroup", name: "system", dependencies: [eks.urn], inputs: { scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 6 }, instanceTypes: ["m6i.xlarge"], capacityType: "ON_DEMAND", labels: { "strata.io/node-role": "system" } } }),
        {
            ...inK8s("kubernetes:apps/v1:Deployment", "api-deployment", {
                metadata: { name: "api", namespace: "apps", labels },
                spec: {
                    template: {
                        spec: {
                            automountServiceAccountToken: false,
                            securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                            containers: [
                                {
                                    name: "api",
                                    image: "ghcr.io/strata/api:1.4.2",
                                    readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
                                    livenessProbe: { httpGet: { path: "/live", port: 8080 } },
                                    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true },
                                    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
                                },
                            ],
                        },
                    },
                },
            }),
            // The HPA owns replicas (strata-drift-fields).
            ignoreChanges: ["spec.replicas"],
        },
        inK8s("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "api-hpa", {
            metadata: { name: "api", namespace: "apps", labels: { ...labels, "strata.io/user-facing": "true" }, annotations: { "strata.io/postgres-pool": "20", "strata.io/peak-rps": "10000", "strata.io/per-pod-rps": "100", "strata.io/traffic-weight": "50" } },
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" },
                // From 10, the default scale-up policies reach the peak's 50 pods in time on the slow side of every edge.
                minReplicas: 10,
                maxReplicas: 100,
                metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
                behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
            },
        }),
        inK8s("kubernetes:policy/v1:PodDisruptionBudget", "api-pdb", { metadata: { name: "api", namespace: "apps" }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } }),
        inK8s("kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler", "api-vpa", {
            metadata: { name: "api", namespace: "apps" },
            spec: { targetRef: { name: "api" }, updatePolicy: { updateMode: "Auto" }, resourcePolicy: { containerPolicies: [{ containerName: "api", controlledResources: ["memory"], minAllowed: { memory: "128Mi" }, maxAllowed: { cpu: "4", memory: "8Gi" } }] } },
        }),
        planResource({ type: "aws:rds/cluster:Cluster", name: "shard-0", protect: true, inputs: { clusterIdentifier: "s-shard-0", storageEncrypted: true, kmsKeyId: KEY, iamDatabaseAuthenticationEnabled: true, deletionProtection: true, backupRetentionPeriod: 14, skipFinalSnapshot: false, copyTagsToSnapshot: true } }),
        ...["writer", "reader-1", "reader-2"].map((role) =>
            planResource({ type: "aws:rds/clusterInstance:ClusterInstance", name: `shard-0-${role}`, protect: true, dependencies: ["urn:pulumi:test::strata::aws:rds/cluster:Cluster::shard-0"], inputs: { identifier: `s-shard-0-${role}`, instanceClass: "db.r6g.2xlarge", publiclyAccessible: false, performanceInsightsEnabled: true, performanceInsightsKmsKeyId: KEY, monitoringInterval: 15 } }),
        ),
        planResource({ type: "aws:elasticache/user:User", name: "cache-default", inputs: { userId: "c-default", userName: "default", accessString: "off -@all" } }),
        planResource({ type: "aws:elasticache/userGroup:UserGroup", name: "cache-users", inputs: { userGroupId: "c-users", userIds: ["c-default", "c-api"] } }),
        planResource({ type: "aws:elasticache/replicationGroup:ReplicationGroup", name: "cache", protect: true, inputs: { replicationGroupId: "c", transitEncryptionEnabled: true, atRestEncryptionEnabled: true, kmsKeyId: KEY, logDeliveryConfigurations: [{ logType: "slow-log", destinationType: "kinesis-firehose", destination: "c-slow-log", logFormat: "json" }], userGroupIds: ["c-users"], replicasPerNodeGroup: 1, numNodeGroups: 3, automaticFailoverEnabled: true, multiAzEnabled: true, snapshotRetentionLimit: 7 } }),
        inK8s("kubernetes:security.istio.io/v1beta1:PeerAuthentication", "mtls", { metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } }),
        inK8s("kubernetes:networking.istio.io/v1beta1:DestinationRule", "dr", { metadata: { name: "api", namespace: "apps" }, spec: { trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5 }, connectionPool: { tcp: { maxConnections: 100 } } } } }),
        inK8s("kubernetes:networking.istio.io/v1beta1:VirtualService", "vs", {
            metadata: { name: "public", namespace: "istio-ingress" },
            spec: { http: [{ name: "health", directResponse: { status: 200 } }, { name: "https-redirect", match: [{ port: 80 }], redirect: { scheme: "https", redirectCode: 301 } }, { name: "api", timeout: "10s", route: [{ destination: { host: "api" }, weight: 90 }, { destination: { host: "api", subset: "canary" }, weight: 10 }] }] },
        }),
        planResource({ type: "aws:globalaccelerator/endpointGroup:EndpointGroup", name: "eg", inputs: { healthCheckPath: "/healthz/ready" } }),
    ];
}

async function violations(rule: string, resources: PlanResource[], config: PackConfig = {}): Promise<string[]> {
    const policies: Policies = strataPolicies.filter((p) => p.name === rule);
    assert.equal(policies.length, 1, `no rule ${rule}`);
    return (await runPolicies(policies, resources, config)).violations.map((v) => v.message);
}

/** The good stack with one resource's inputs changed. */
function broken(name: string, change: (inputs: JsonObject, resource: PlanResource) => JsonObject | PlanResource): PlanResource[] {
    return goodStack().map((r) => {
        if (r.name !== name) return r;
        const changed = change(structuredClone(r.inputs), r);
        return "urn" in changed && "inputs" in changed ? (changed as PlanResource) : { ...r, inputs: changed as JsonObject };
    });
}

const hpaSpec = (i: JsonObject) => i.spec as JsonObject;

describe("policy pack rules", () => {
    it("the good stack passes every rule", async () => {
        const result = await runPolicies(strataPolicies, goodStack());
        assert.deepEqual(result.violations.map((v) => `${v.policy}: ${v.message}`), []);
        assert.equal(result.evaluated, strataPolicies.length);
    });

    it("every rule has a stable name, a description and a mandatory default", () => {
        for (const policy of strataPolicies) {
            assert.match(policy.name, /^[a-z][a-z0-9-]+$/);
            assert.ok(policy.description.length > 20, policy.name);
            assert.equal(policy.enforcementLevel, "mandatory", policy.name);
        }
    });

    const cases: [string, string, (i: JsonObject, r: PlanResource) => JsonObject | PlanResource, string][] = [
        ["strata-hpa-bounds", "api-hpa", (i) => ((hpaSpec(i).maxReplicas = 150), i), "HPA api: maxReplicas 150 exceeds the cap of 100; lower it or add api to maxReplicasAllowList with its own cap"],
        ["strata-hpa-bounds", "api-hpa", (i) => ((hpaSpec(i).minReplicas = 2), i), "HPA api: a user-facing service needs minReplicas ≥ 3 (has 2); raise services.api.minReplicas"],
        ["strata-hpa-bounds", "api-hpa", (i) => ((hpaSpec(i).minReplicas = 120), (hpaSpec(i).maxReplicas = 100), i), "HPA api: minReplicas (120) is above maxReplicas (100); lower services.api.minReplicas or raise maxReplicas"],
        ["strata-hpa-bounds", "api-hpa", (i) => (((((hpaSpec(i).metrics as JsonObject[])[0]!.resource as JsonObject).target as JsonObject).averageUtilization = 95), i), "HPA api: CPU target 95 % is outside 50–90 %; set hpa.cpuUtilization within it"],
        ["strata-hpa-bounds", "api-hpa", (i) => ((hpaSpec(i).behavior = { scaleDown: { stabilizationWindowSeconds: 60 } }), i), "HPA api: scale-down stabilization 60 s is below 300 s; flapping capacity follows"],
        ["strata-hpa-targets", "api-hpa", (i) => (((hpaSpec(i).scaleTargetRef as JsonObject).name = "ghost"), i), "HPA api scales Deployment ghost, which does not exist in its namespace and cluster"],
        ["strata-deployment-resources", "api-deployment", (i) => ((hpaSpec(i).replicas = 3), i), "Deployment api pins replicas (3) under an HPA: every pulumi up would reset the HPA; drop spec.replicas"],
        ["strata-deployment-resources", "api-deployment", (i) => ((((hpaSpec(i).template as JsonObject).spec as JsonObject).containers = [{ name: "api", resources: { requests: { cpu: "1", memory: "1Gi" } } }]), i), "Deployment api, container api: set cpu and memory limits"],
        ["strata-pdb", "api-pdb", (i) => ((hpaSpec(i).maxUnavailable = undefined as unknown as number), (hpaSpec(i).minAvailable = 10), i), "api: PDB minAvailable (10) ≥ HPA minReplicas (10) blocks every drain at minimum scale; use maxUnavailable"],
        ["strata-pdb", "api-pdb", (i) => (((hpaSpec(i).selector as JsonObject).matchLabels = { "app.kubernetes.io/name": "other" }), i), "api: no PodDisruptionBudget; a drain may take every pod at once"],
        ["strata-vpa-hpa", "api-vpa", (i) => ((((hpaSpec(i).resourcePolicy as JsonObject).containerPolicies as JsonObject[])[0]!.controlledResources = ["cpu"]), i), "VPA api (mode Auto) changes cpu while the HPA scales on it; set vpa.mode Off or vpa.controlledResources to the other resource"],
        ["strata-vpa-hpa", "api-vpa", (i) => ((((hpaSpec(i).resourcePolicy as JsonObject).containerPolicies as JsonObject[])[0]!.maxAllowed = { cpu: "32", memory: "8Gi" }), i), "VPA api: maxAllowed.cpu 32 exceeds the largest node (8 vCPU); pods sized to it could never schedule"],
        ["strata-node-groups", "workload", (i) => ((i.scalingConfig = { minSize: 5, desiredSize: 3, maxSize: 20 }), i), "Node group workload: needs minSize ≤ desiredSize ≤ maxSize (has 5 / 3 / 20)"],
        ["strata-node-groups", "system", (i) => ((i.capacityType = "SPOT"), i), "Node group system: a system group runs on spot; cluster add-ons must not be reclaimed — use ON_DEMAND"],
        ["strata-node-groups", "workload", (i) => ((i.scalingConfig = { minSize: 3, desiredSize: 3, maxSize: 1200 }), i), "Node group workload: maxSize 1200 exceeds the cap of 1000"],
        ["strata-data-bounds", "cache", (i) => ((i.replicasPerNodeGroup = 0), (i.multiAzEnabled = false), i), "Cache c: 0 replica(s) per shard; keep 1–5"],
        ["strata-capacity-hpa-fit", "api-deployment", (i) => ((((((i.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0]!.resources = { requests: { cpu: "9", memory: "1Gi" }, limits: { cpu: "9", memory: "1Gi" } }), i), "HPA api: one pod requests 9 CPU and 1Gi memory, more than any workload node of cluster c1 (node groups workload) can hold, so it would never schedule; lower its requests or add a larger instance type"],
        ["strata-capacity-hpa-fit", "workload", (i) => ((i.scalingConfig = { minSize: 1, desiredSize: 1, maxSize: 5 }), i), "Cluster c1: at their HPA maximums the workloads need 50.0 vCPU, 100.0 GiB and 100 pods, but the workload node groups (workload) offer 39.5 vCPU, 155.2 GiB and 290 pods (20 % kept free); short on cpu: raise node group maxSize or lower maxReplicas"],
        ["strata-capacity-postgres-connections", "shard-0-writer", (i) => ((i.instanceClass = "db.r6g.large"), i), "Writer s-shard-0-writer: 2000 connections at the services' HPA maximums exceed 1621 (max_connections 1802 less 10 %); enable postgres.proxy, lower connectionPool.perPod or maxReplicas, or use a larger instance class"],
        ["strata-capacity-throughput", "api-hpa", (i) => ((hpaSpec(i).maxReplicas = 40), i), "HPA api: 40 pods × 100 req/s = 4000 req/s cannot carry this region's 50 % of 10000 req/s (5000); raise maxReplicas"],
        ["strata-aurora-safety", "shard-0", (i) => ((i.backupRetentionPeriod = 3), (i.storageEncrypted = false), i), "Aurora s-shard-0: storage is not encrypted"],
        ["strata-aurora-safety", "shard-0-reader-1", (i) => ((i.publiclyAccessible = true), i), "Aurora instance s-shard-0-reader-1 is publicly accessible"],
        ["strata-elasticache-safety", "cache", (i) => ((i.transitEncryptionEnabled = false), i), "Cache c: encryption in transit is off"],
        ["strata-elasticache-safety", "cache", (i) => ((i.userGroupIds = []), i), "Cache c: no RBAC user group; without one every client signs in as the built-in default user"],
        ["strata-elasticache-safety", "cache", (i) => ((i.authToken = "[secret]"), i), "Cache c: signs in with one AUTH token every client shares; give each service its own user (RBAC) instead"],
        ["strata-elasticache-safety", "cache-users", (i) => ((i.userIds = ["default", "c-api"]), i), "User group c-users: holds the built-in default user, which signs in without a password; replace it with a user named default that is off"],
        ["strata-elasticache-safety", "cache-default", (i) => ((i.accessString = "on ~* +@all"), i), 'Cache user c-default: is named default and is not off ("on ~* +@all"); any client that names no user signs in as it'],
        ["strata-eks-safety", "eks", (i) => ((i.vpcConfig = { endpointPublicAccess: true }), i), "EKS c1: the API endpoint is public; set cluster.endpointPublicAccess false"],
        ["strata-eks-safety", "lt", (i) => ((i.metadataOptions = { httpTokens: "optional" }), i), "Launch template lt: IMDSv2 is not required"],
        ["strata-protect-stateful", "cache", (_i, r) => ({ ...r, protect: false }), "ReplicationGroup cache is not protected: a mistaken delete would lose data"],
        ["strata-istio-safety", "dr", (i) => (((hpaSpec(i).trafficPolicy as JsonObject).outlierDetection = undefined as unknown as JsonObject), i), "DestinationRule api: no outlier detection; a failing endpoint keeps its share of traffic"],
        ["strata-istio-safety", "vs", (i) => ((((hpaSpec(i).http as JsonObject[])[2]!.route as JsonObject[])[1]!.weight = 20), i), "VirtualService public, route api: weights add up to 110, not 100"],
        ["strata-istio-safety", "mtls", (i) => (((hpaSpec(i).mtls as JsonObject).mode = "PERMISSIVE"), i), "A meshed cluster has no mesh-wide STRICT PeerAuthentication in istio-system"],
        ["strata-multi-region", "eg", (i) => ((i.healthCheckPath = undefined as unknown as string), i), "No health-checked global entry point (Global Accelerator endpoint groups or Route 53 health checks); set edge.mode"],
    ];
    for (const [rule, name, change, expected] of cases) {
        it(`${rule} flags: ${expected.slice(0, 70)}…`, async () => {
            const found = await violations(rule, broken(name, change));
            assert.ok(found.includes(expected), `expected\n  ${expected}\ngot\n  ${found.join("\n  ")}`);
        });
    }

    it("strata-capacity-postgres-connections passes a shard fronted by an RDS Proxy", async () => {
        const stack = broken("shard-0-writer", (i) => ((i.instanceClass = "db.r6g.large"), i));
        const proxy = planResource({ type: "aws:rds/proxyTarget:ProxyTarget", name: "pt", inputs: { dbClusterIdentifier: "s-shard-0" } });
        assert.deepEqual(await violations("strata-capacity-postgres-connections", [...stack, proxy]), []);
    });

    it("strata-multi-region flags a single-region stack", async () => {
        const found = await violations("strata-multi-region", goodStack().filter((r) => r.name !== "eks2"));
        assert.deepEqual(found, ["The stack runs clusters in 1 region(s); prod needs at least 2 behind a global entry point"]);
    });

    it("names a resource on the stack-level findings: the cluster short of regions, the endpoint group that lost its health check, the HPA that cannot fit", async () => {
        const single = await runPolicies(strataPolicies.filter((p) => p.name === "strata-multi-region"), goodStack().filter((r) => r.name !== "eks2"));
        assert.deepEqual(single.violations.map((v) => v.urn), [eks.urn]);
        const unchecked = await runPolicies(strataPolicies.filter((p) => p.name === "strata-multi-region"), broken("eg", (i) => ((i.healthCheckPath = undefined as unknown as string), i)));
        assert.deepEqual(unchecked.violations.map((v) => v.urn), [goodStack().find((r) => r.name === "eg")?.urn]);
        const big = broken("api-deployment", (i) => ((((((i.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0]!.resources = { requests: { cpu: "9", memory: "1Gi" }, limits: { cpu: "9", memory: "1Gi" } }), i));
        const unfit = await runPolicies(strataPolicies.filter((p) => p.name === "strata-capacity-hpa-fit"), big);
        assert.deepEqual(unfit.violations.filter((v) => v.message.startsWith("HPA api:")).map((v) => v.urn), [goodStack().find((r) => r.name === "api-hpa")?.urn]);
    });

    it("dev's config relaxes thresholds and demotes the data-safety rules to advisory, but not the encryption baseline", async () => {
        const dev = JSON.parse(JSON.stringify(require("../../policies/config/dev.json"))) as PackConfig;
        const stack = broken("api-hpa", (i) => ((hpaSpec(i).minReplicas = 1), (hpaSpec(i).behavior = { scaleDown: { stabilizationWindowSeconds: 0 } }), i));
        assert.deepEqual(await violations("strata-hpa-bounds", stack, dev), []);
        const result = await runPolicies(strataPolicies, broken("cache", (i) => ((i.transitEncryptionEnabled = false), i)), dev);
        const levels = (policy: string) => result.violations.filter((v) => v.policy === policy).map((v) => v.enforcementLevel);
        assert.deepEqual(levels("strata-elasticache-safety"), ["advisory"]);
        assert.deepEqual(levels("strata-encryption"), ["mandatory"]);
    });

    it("the config files name every rule, and prod's keep every rule mandatory", () => {
        for (const env of ["dev", "prod"]) {
            const config = require(`../../policies/config/${env}.json`) as Record<string, unknown>;
            assert.deepEqual(Object.keys(config).sort(), strataPolicies.map((p) => p.name).sort(), env);
        }
        for (const env of ["dev", "prod"]) {
            const config = require(`../../policies/config/${env}.json`) as Record<string, string | Record<string, unknown>>;
            for (const policy of strataPolicies) {
                const entry = config[policy.name];
                if (typeof entry !== "object") continue;
                const keys = Object.keys(entry).filter((k) => k !== "enforcementLevel").sort();
                assert.deepEqual(keys, Object.keys(policy.configSchema?.properties ?? {}).sort(), `${env} ${policy.name} sets exactly the rule's properties`);
            }
        }
        const prod = require("../../policies/config/prod.json") as Record<string, string | { enforcementLevel: string }>;
        for (const value of Object.values(prod)) assert.equal(typeof value === "string" ? value : value.enforcementLevel, "mandatory");
    });
    describe("strata-scale-up-time", () => {
        const rule = "strata-scale-up-time";
        const withHpa = (change: (spec: JsonObject, meta: JsonObject) => void) =>
            broken("api-hpa", (i) => {
                change(hpaSpec(i), i.metadata as JsonObject);
                return i;
            });
        const single = async (stack: PlanResource[]) => {
            const found = await violations(rule, stack);
            assert.equal(found.length, 1, found.join("\n"));
            return found[0] ?? "";
        };

        it("names the scale-up policies when they pace the climb", async () => {
            const message = await single(withHpa((spec) => (spec.behavior = { scaleUp: { policies: [{ type: "Pods", value: 5, periodSeconds: 60 }] }, scaleDown: { stabilizationWindowSeconds: 300 } })));
            assert.match(message, /^HPA api in us-east-1: after a 10× burst to 5000 req\/s, Ready pods (carry the peak only \d+ s after it|never carry the peak in the 900 s simulated) on the slow side of every timing edge \(bound 180 s, less a 20 s margin: 160 s\)\. Bottleneck: the scale-up policies \(5 pods per 60 s\)/);
        });

        it("names the stabilization window when it holds the HPA back", async () => {
            const message = await single(withHpa((spec) => (spec.behavior = { scaleUp: { stabilizationWindowSeconds: 240 }, scaleDown: { stabilizationWindowSeconds: 300 } })));
            assert.match(message, /Bottleneck: the scale-up stabilization window \(240 s\)/);
        });

        it("names node provisioning when the burst must wait for new nodes", async () => {
            const message = await single(broken("workload", (i) => ((i.scalingConfig = { minSize: 1, desiredSize: 1, maxSize: 20 }), i)));
            assert.match(message, /Bottleneck: node provisioning \(240 s\)/);
        });

        it("names maxReplicas when the HPA can never carry the peak", async () => {
            const message = await single(withHpa((spec) => (spec.maxReplicas = 40)));
            assert.match(message, /Ready pods never carry the peak .*Bottleneck: maxReplicas \(40\)/);
        });

        it("asks a user-facing service without declared rates to declare them, unless the config waives it", async () => {
            const stack = withHpa((_, meta) => (meta.annotations = { "strata.io/postgres-pool": "20" }));
            assert.deepEqual(await violations(rule, stack), ["HPA api in us-east-1: a user-facing service must declare throughput (peakRps, perPodRps) so its scale-up time can be simulated"]);
            assert.deepEqual(await violations(rule, stack, { [rule]: { requireThroughput: false } }), []);
        });

        it("simulates node scale-down with the cluster autoscaler's own unneeded time", () => {
            const settings = { burstFactor: 10, containerStartSeconds: 20, sidecarCpuMillis: 100, sidecarMemoryMiB: 128, daemonSetCpuMillis: 200, daemonSetMemoryMiB: 256 };
            const release = inK8s("kubernetes:helm.sh/v3:Release", "ca", { chart: "cluster-autoscaler", values: { extraArgs: { "scale-down-unneeded-time": "1h30m" } } });
            const scenario = (stack: PlanResource[]) => clusterScenarios(resolve(stack).resources, settings)[0]?.scaleDownUnneededSeconds;
            assert.equal(scenario([...goodStack(), release]), 5400);
            assert.equal(scenario(goodStack()), 600, "the autoscaler's default without a release");
        });

        it("takes its bound from the config", async () => {
            const found = await violations(rule, goodStack(), { [rule]: { boundSeconds: 60 } });
            assert.equal(found.length, 1);
            assert.match(found[0] ?? "", /carry the peak only \d+ s after it on the slow side of every timing edge \(bound 60 s, less a 20 s margin: 40 s\)/);
        });
    });
});
