import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type * as pulumiTypes from "@pulumi/pulumi";
import type { RegionalCluster, RegionalClusterArgs } from "../../../components/cluster";
import { PLATFORM_PORTS } from "../../../catalog/ports";
import { PlanResource, SECRET_MASK } from "../../../tools/plan/contract";
import { renderManifests } from "../../../tools/plan/manifests";
import { one, ofType, ready, record } from "../../harness";
import { validateObject } from "../../k8sSchema";

const T = {
    cluster: "aws:eks/cluster:Cluster",
    key: "aws:kms/key:Key",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    template: "aws:ec2/launchTemplate:LaunchTemplate",
    addon: "aws:eks/addon:Addon",
    release: "kubernetes:helm.sh/v3:Release",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    accessPolicy: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    role: "aws:iam/role:Role",
    k8sProvider: "pulumi:providers:kubernetes",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    component: "strata:cluster:RegionalCluster",
};

/** The deployer of the prod-shaped clusters: a runner network through a transit gateway, and a runner group. */
const RUNNERS = { cidrs: ["10.255.0.0/24"], securityGroupIds: ["sg-0123456789abcdef0"] };

const base = (region: string, over: Partial<RegionalClusterArgs>): RegionalClusterArgs => ({
    region,
    clusterName: `strata-test-${region}`,
    kubernetesVersion: "1.33",
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    logKeyArn: `arn:aws:kms:${region}:123456789012:key/logs`,
    zoneCount: 3,
    endpointPublicAccess: false,
    apiAccess: RUNNERS,
    nodeGroups: {
        system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["m6i.xlarge"], minSize: 3, maxSize: 9, desiredSize: 3, diskSizeGiB: 50, labels: {}, taints: [] },
        compute: { role: "workload", capacityType: "SPOT", instanceTypes: ["c6i.4xlarge", "c6a.4xlarge"], minSize: 0, maxSize: 40, desiredSize: 2, diskSizeGiB: 100, labels: {}, taints: [] },
    },
    deletionProtection: true,
    logRetentionDays: 90,
    autoscaler: { expander: "least-waste", balanceSimilarNodeGroups: true, scaleDownUnneededTime: "10m", scaleDownDelayAfterAdd: "10m", scaleDownUtilizationThreshold: 0.5, maxNodeProvisionTime: "15m" },
    chartVersions: { metricsServer: "3.12.2", clusterAutoscaler: "9.46.6", verticalPodAutoscaler: "4.7.2", awsLoadBalancerController: "1.14.1" },
    addonVersions: { "vpc-cni": "v1.20.1-eksbuild.3", "kube-proxy": "v1.33.5-eksbuild.2", coredns: "v1.12.3-eksbuild.1", "aws-ebs-csi-driver": "v1.56.0-eksbuild.1" },
    ...over,
});

async function build(args: RegionalClusterArgs, secrets: "mask" | "reveal" = "reveal"): Promise<PlanResource[]> {
    return (await buildWith(args.region, () => args, secrets)).resources;
}

/** Builds the cluster from args that may name resources made first (the deployer's path); returns the component too. */
async function buildWith(
    region: string,
    argsOf: (aws: typeof awsTypes, provider: awsTypes.Provider) => RegionalClusterArgs,
    secrets: "mask" | "reveal" = "reveal",
): Promise<{ resources: PlanResource[]; cluster: RegionalCluster }> {
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const { RegionalCluster } = await import("../../../components/cluster");
    let cluster: RegionalCluster | undefined;
    const resources = await record(() => {
        const provider = new aws.Provider(`${region}-aws`, { region: region as awsTypes.Region });
        const args = argsOf(aws, provider);
        cluster = new RegionalCluster(args.region, args, { providers: { aws: provider } });
    }, secrets);
    if (!cluster) throw new Error("the cluster was not built");
    return { resources, cluster };
}

const valueOf = <T>(output: pulumiTypes.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

describe("RegionalCluster", () => {
    describe("prod shape", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = await build(
                base("eu-west-1", { adminRoleArns: ["arn:aws:iam::123456789012:role/platform-admin"], addonVersions: { "vpc-cni": "v1.19.2-eksbuild.1", "kube-proxy": "v1.33.5-eksbuild.2", coredns: "v1.12.3-eksbuild.1", "aws-ebs-csi-driver": "v1.56.0-eksbuild.1" } }),
            );
        });

        it("creates one EKS cluster, in its region, at the configured version", () => {
            const clusters = ofType(resources, T.cluster);
            assert.equal(clusters.length, 1);
            assert.equal(clusters[0]?.region, "eu-west-1");
            assert.equal(clusters[0]?.inputs.name, "strata-test-eu-west-1");
            assert.equal(clusters[0]?.inputs.version, "1.33");
        });

        it("encrypts secrets with a rotating key of its own and ships every control-plane log", () => {
            const cluster = ofType(resources, T.cluster)[0]!;
            const key = ofType(resources, T.key)[0]!;
            assert.equal(key.inputs.enableKeyRotation, true);
            const encryption = cluster.inputs.encryptionConfig as { provider: { keyArn: string }; resources: string[] };
            assert.deepEqual(encryption.resources, ["secrets"]);
            assert.match(encryption.provider.keyArn, /^arn:aws:kms:eu-west-1:\d{12}:key\//);
            assert.ok(cluster.dependencies.includes(key.urn));
            assert.deepEqual(cluster.inputs.enabledClusterLogTypes, ["api", "audit", "authenticator", "controllerManager", "scheduler"]);
            const logGroup = ofType(resources, T.logGroup)[0]!;
            assert.equal(logGroup.inputs.name, "/aws/eks/strata-test-eu-west-1/cluster");
            assert.equal(logGroup.inputs.retentionInDays, 90);
            assert.ok(cluster.dependencies.includes(logGroup.urn), "the log group exists before EKS writes to it");
        });

        it("keeps the API private, authenticates through access entries, and is protected", () => {
            const cluster = ofType(resources, T.cluster)[0]!;
            const vpc = cluster.inputs.vpcConfig as Record<string, unknown>;
            assert.equal(vpc.endpointPrivateAccess, true);
            assert.equal(vpc.endpointPublicAccess, false);
            assert.equal(vpc.publicAccessCidrs, undefined);
            assert.deepEqual(vpc.subnetIds, ["subnet-a", "subnet-b", "subnet-c"]);
            assert.equal((cluster.inputs.accessConfig as Record<string, unknown>).authenticationMode, "API");
            assert.equal(cluster.inputs.deletionProtection, true);
            assert.equal(cluster.protect, true);
            assert.equal(ofType(resources, T.key)[0]?.protect, true);
        });

        it("grants the node role and each admin role an access entry, admins with the cluster-admin policy", () => {
            const entries = ofType(resources, T.accessEntry);
            assert.deepEqual(entries.map((e) => e.inputs.type).sort(), ["EC2_LINUX", "STANDARD"]);
            assert.equal(one(resources, T.accessEntry, "eu-west-1-admin-0").inputs.principalArn, "arn:aws:iam::123456789012:role/platform-admin");
            const policy = ofType(resources, T.accessPolicy)[0]!;
            assert.match(String(policy.inputs.policyArn), /cluster-access-policy\/AmazonEKSClusterAdminPolicy$/);
            assert.deepEqual(policy.inputs.accessScope, { type: "cluster" });
        });

        it("runs each config group as one node group per zone, its sizes split over the zones, desiredSize left to the autoscaler", () => {
            const compute = ["z1", "z2", "z3"].map((zone) => one(resources, T.nodeGroup, `eu-west-1-compute-${zone}`));
            // min 0, max 40, desired 2 over three zones: the remainder goes to the first zones.
            assert.deepEqual(
                compute.map((g) => g.inputs.scalingConfig),
                [
                    { minSize: 0, maxSize: 14, desiredSize: 1 },
                    { minSize: 0, maxSize: 13, desiredSize: 1 },
                    { minSize: 0, maxSize: 13, desiredSize: 0 },
                ],
            );
            assert.deepEqual(compute.map((g) => g.inputs.subnetIds), [["subnet-a"], ["subnet-b"], ["subnet-c"]]);
            for (const group of compute) {
                assert.equal(group.inputs.capacityType, "SPOT");
                assert.deepEqual(group.inputs.instanceTypes, ["c6i.4xlarge", "c6a.4xlarge"]);
                assert.deepEqual(group.ignoreChanges, ["scalingConfig.desiredSize"]);
                // The same labels in every zone, so balance-similar-node-groups treats them as one pool.
                assert.deepEqual(group.inputs.labels, compute[0]!.inputs.labels);
                assert.equal((group.inputs.labels as Record<string, string>)["strata.io/node-group"], "compute");
            }
            assert.equal(ofType(resources, T.nodeGroup).length, 6);
            const system = one(resources, T.nodeGroup, "eu-west-1-system-z1");
            assert.equal(system.inputs.capacityType, "ON_DEMAND");
            assert.deepEqual(system.inputs.taints, [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
        });

        it("boots nodes from launch templates that require IMDSv2 and encrypt the root volume with the cluster's volume key", () => {
            const volumeKey = one(resources, "aws:kms/key:Key", "eu-west-1-volumes");
            assert.equal(volumeKey.protect, true);
            const principals = (JSON.parse(volumeKey.inputs.policy as string).Statement as { Principal: { AWS: string } }[]).map((st) => st.Principal.AWS);
            assert.ok(principals.some((p) => p.endsWith(":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")), "Auto Scaling may use the key");
            for (const name of ["eu-west-1-system", "eu-west-1-compute"]) {
                const template = one(resources, T.template, name);
                assert.equal((template.inputs.metadataOptions as Record<string, unknown>).httpTokens, "required");
                const [device] = template.inputs.blockDeviceMappings as { ebs: Record<string, unknown> }[];
                assert.equal(device?.ebs.encrypted, "true");
                assert.match(String(device?.ebs.kmsKeyId), /^arn:aws:kms:eu-west-1:\d{12}:key\//);
                assert.equal(device?.ebs.volumeType, "gp3");
                for (const zone of ["z1", "z2", "z3"]) assert.ok(one(resources, T.nodeGroup, `${name}-${zone}`).dependencies.includes(template.urn));
            }
            assert.equal((one(resources, T.template, "eu-west-1-compute").inputs.blockDeviceMappings as { ebs: { volumeSize: number } }[])[0]?.ebs.volumeSize, 100);
        });

        it("gives every node the cluster's group and a group of its own that exists before the cluster, for the data tier to admit", () => {
            const nodes = one(resources, "aws:ec2/securityGroup:SecurityGroup", "eu-west-1-nodes");
            assert.equal(nodes.inputs.vpcId, "vpc-0123456789abcdef0");
            assert.ok(!nodes.dependencies.includes(one(resources, T.cluster, "eu-west-1-eks").urn));
            for (const name of ["eu-west-1-system", "eu-west-1-compute"]) {
                const template = one(resources, T.template, name);
                const groups = template.inputs.vpcSecurityGroupIds as string[];
                assert.equal(new Set(groups.filter((g) => g.startsWith("sg-"))).size, 2, JSON.stringify(groups));
                assert.ok(template.dependencies.includes(nodes.urn));
            }
        });

        it("gives the control plane a group of its own, in vpcConfig and created before the cluster, that no node carries", () => {
            const cluster = one(resources, T.cluster, "eu-west-1-eks");
            const api = one(resources, T.securityGroup, "eu-west-1-api");
            assert.equal(api.inputs.vpcId, "vpc-0123456789abcdef0");
            const vpc = cluster.inputs.vpcConfig as { securityGroupIds: string[] };
            assert.equal(vpc.securityGroupIds.length, 1);
            assert.match(vpc.securityGroupIds[0] ?? "", /^sg-/);
            assert.deepEqual(cluster.propertyDependencies.vpcConfig?.filter((urn) => urn === api.urn), [api.urn], "the policy finds the group through vpcConfig");
            assert.ok(!api.dependencies.includes(cluster.urn));
            for (const name of ["eu-west-1-system", "eu-west-1-compute"]) {
                const template = one(resources, T.template, name);
                assert.ok(!(template.inputs.vpcSecurityGroupIds as string[]).includes(vpc.securityGroupIds[0] ?? ""), `${name} must not open the API port of its nodes`);
                assert.ok(!template.dependencies.includes(api.urn));
            }
        });

        it("admits each deployer source on the API port through one standalone rule, with no inline rules on the group", () => {
            const api = one(resources, T.securityGroup, "eu-west-1-api");
            assert.equal(api.inputs.ingress, undefined);
            assert.equal(api.inputs.egress, undefined);
            const rules = ofType(resources, T.ingressRule);
            assert.deepEqual(rules.map((r) => r.name).sort(), ["eu-west-1-api-from-10-255-0-0-24", "eu-west-1-api-from-sg-0123456789abcdef0"]);
            const port = PLATFORM_PORTS.rows.kubernetesApi.port;
            for (const rule of rules) {
                assert.deepEqual([rule.inputs.ipProtocol, rule.inputs.fromPort, rule.inputs.toPort], ["tcp", port, port], rule.name);
                assert.deepEqual(rule.propertyDependencies.securityGroupId, [api.urn], rule.name);
            }
            const runners = one(resources, T.ingressRule, "eu-west-1-api-from-10-255-0-0-24");
            assert.equal(runners.inputs.cidrIpv4, "10.255.0.0/24");
            assert.equal(runners.inputs.referencedSecurityGroupId, undefined);
            const group = one(resources, T.ingressRule, "eu-west-1-api-from-sg-0123456789abcdef0");
            assert.equal(group.inputs.referencedSecurityGroupId, "sg-0123456789abcdef0");
            assert.equal(group.inputs.cidrIpv4, undefined);
        });

        it("registers the deployer's sources as the component's props, for the flow policy", () => {
            const component = one(resources, T.component, "eu-west-1");
            assert.deepEqual(component.inputs.apiAccess, RUNNERS);
        });

        it("makes the Kubernetes provider wait for the API rules", () => {
            const provider = ofType(resources, T.k8sProvider)[0]!;
            for (const rule of ofType(resources, T.ingressRule)) assert.ok(provider.dependencies.includes(rule.urn), rule.name);
            assert.ok(provider.dependencies.includes(one(resources, T.cluster, "eu-west-1-eks").urn));
        });

        it("installs every managed add-on at its pinned version, networking before nodes and storage with its IRSA role", () => {
            const addons = Object.fromEntries(ofType(resources, T.addon).map((a) => [a.inputs.addonName, a]));
            assert.deepEqual(Object.fromEntries(ofType(resources, T.addon).map((a) => [a.inputs.addonName, a.inputs.addonVersion])), {
                "vpc-cni": "v1.19.2-eksbuild.1",
                "kube-proxy": "v1.33.5-eksbuild.2",
                coredns: "v1.12.3-eksbuild.1",
                "aws-ebs-csi-driver": "v1.56.0-eksbuild.1",
            });
            const nodeGroup = one(resources, T.nodeGroup, "eu-west-1-system-z1");
            assert.ok(nodeGroup.dependencies.includes(addons["vpc-cni"]!.urn));
            assert.ok(addons.coredns!.dependencies.includes(nodeGroup.urn));
            assert.match(String(addons["aws-ebs-csi-driver"]?.inputs.serviceAccountRoleArn), /^arn:aws:iam::\d{12}:role\//);
        });

        it("installs the controller charts at pinned versions, after the nodes exist", () => {
            const releases = ofType(resources, T.release);
            assert.deepEqual(releases.map((r) => [r.inputs.chart, r.inputs.version]).sort(), [
                ["aws-load-balancer-controller", "1.14.1"],
                ["cluster-autoscaler", "9.46.6"],
                ["metrics-server", "3.12.2"],
                ["vpa", "4.7.2"],
            ]);
            for (const release of releases) assert.ok(release.dependencies.includes(one(resources, T.nodeGroup, "eu-west-1-system-z1").urn));
            const autoscaler = releases.find((r) => r.inputs.chart === "cluster-autoscaler")!;
            assert.equal((autoscaler.inputs.values as { replicaCount: number }).replicaCount, 2, "prod runs controllers twice");
        });

        it("puts every Kubernetes object on this cluster's provider, which authenticates with aws eks get-token", () => {
            const [provider, ...others] = ofType(resources, T.k8sProvider);
            assert.ok(provider);
            assert.equal(others.length, 0);
            assert.equal(provider.region, "eu-west-1");
            const kubernetesObjects = resources.filter((r) => r.type.startsWith("kubernetes:"));
            assert.ok(kubernetesObjects.length >= 5);
            for (const object of kubernetesObjects) assert.equal(object.provider, provider.urn, object.urn);
            const kubeconfig = JSON.parse(String(provider.inputs.kubeconfig)) as { users: { user: { exec: { command: string; args: string[] } } }[] };
            assert.equal(kubeconfig.users[0]?.user.exec.command, "aws");
            assert.deepEqual(kubeconfig.users[0]?.user.exec.args.slice(0, 2), ["eks", "get-token"]);
            assert.ok(kubeconfig.users[0]?.user.exec.args.includes("eu-west-1"));
        });

        it("marks the kubeconfig secret, so plan files only ever show it masked", async () => {
            const masked = await build(base("ca-central-1", {}), "mask");
            assert.equal(ofType(masked, T.k8sProvider)[0]?.inputs.kubeconfig, SECRET_MASK);
            assert.ok(!JSON.stringify(masked).includes("get-token"));
        });

        it("trusts each IRSA role to exactly its own service account", () => {
            const oidc = ofType(resources, T.oidc)[0]!;
            assert.deepEqual(oidc.inputs.clientIdLists, ["sts.amazonaws.com"]);
            const expected: Record<string, string> = {
                "eu-west-1-cluster-autoscaler": "system:serviceaccount:kube-system:cluster-autoscaler",
                "eu-west-1-aws-load-balancer-controller": "system:serviceaccount:kube-system:aws-load-balancer-controller",
                "eu-west-1-ebs-csi": "system:serviceaccount:kube-system:ebs-csi-controller-sa",
            };
            for (const [name, subject] of Object.entries(expected)) {
                const trust = JSON.parse(String(one(resources, T.role, name).inputs.assumeRolePolicy)) as { Statement: unknown };
                const statements = trust.Statement as { Condition: { StringEquals: Record<string, string> }; Principal: { Federated: string } }[];
                assert.equal(statements.length, 1);
                const conditions = statements[0]!.Condition.StringEquals;
                const issuer = String(oidc.inputs.url).replace("https://", "");
                assert.deepEqual(conditions, { [`${issuer}:sub`]: subject, [`${issuer}:aud`]: "sts.amazonaws.com" });
                assert.match(statements[0]!.Principal.Federated, /:oidc-provider\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\//);
            }
        });

        it("renders Kubernetes objects that validate against the upstream schemas", () => {
            const manifests = renderManifests(resources).filter((m) => !m.path.includes("/helmrelease-"));
            assert.ok(manifests.length > 0);
            for (const manifest of manifests) validateObject(manifest.object, manifest.path);
        });
    });

    describe("dev shape", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = await build(base("us-east-2", { endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.0/24"], deletionProtection: false, logRetentionDays: 7 }));
        });

        it("opens the public endpoint to the configured CIDRs only, without deletion protection", () => {
            const cluster = ofType(resources, T.cluster)[0]!;
            const vpc = cluster.inputs.vpcConfig as Record<string, unknown>;
            assert.equal(vpc.endpointPublicAccess, true);
            assert.deepEqual(vpc.publicAccessCidrs, ["198.51.100.0/24"]);
            assert.equal(cluster.inputs.deletionProtection, false);
            assert.equal(cluster.protect, false);
            assert.equal(ofType(resources, T.logGroup)[0]?.inputs.retentionInDays, 7);
        });

        it("runs one replica of each controller and lets volumes go with their claims", () => {
            const autoscaler = ofType(resources, T.release).find((r) => r.inputs.chart === "cluster-autoscaler")!;
            assert.equal((autoscaler.inputs.values as { replicaCount: number }).replicaCount, 1);
            const storage = resources.find((r) => r.type === "kubernetes:storage.k8s.io/v1:StorageClass");
            assert.equal(storage?.inputs.reclaimPolicy, "Delete");
        });

        it("provisions claims under the volume key, which the EBS CSI driver's role alone may use for them", () => {
            const storage = resources.find((r) => r.type === "kubernetes:storage.k8s.io/v1:StorageClass");
            const keyArn = (storage?.inputs.parameters as Record<string, string>).kmsKeyId;
            assert.match(String(keyArn), /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\//);
            const csiPolicy = resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.endsWith("-ebs-csi"));
            assert.deepEqual(JSON.parse(String(csiPolicy?.inputs.policy)).Statement, [
                { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant"], Resource: keyArn },
            ]);
        });
    });

    describe("deployer path and groups", () => {
        it("makes the Kubernetes provider wait for the deployer's path, whose first call travels it", async () => {
            const { resources } = await buildWith("eu-west-1", (aws, provider) => {
                const route = new aws.ec2.Route("probe-route", { routeTableId: "rtb-0123456789abcdef0", destinationCidrBlock: "10.255.0.0/24", transitGatewayId: "tgw-0a1b2c3d4e5f60718" }, { provider });
                return base("eu-west-1", { deployerPath: [route] });
            });
            const provider = ofType(resources, T.k8sProvider)[0]!;
            assert.ok(provider.dependencies.includes(one(resources, "aws:ec2/route:Route", "probe-route").urn));
        });

        it("exposes the EKS-created cluster group, the one every node's launch template lists", async () => {
            const { resources, cluster } = await buildWith("eu-west-1", () => base("eu-west-1", {}));
            const id = await valueOf(cluster.clusterSecurityGroupId);
            assert.match(id, /^sg-/);
            for (const name of ["eu-west-1-system", "eu-west-1-compute"]) assert.ok((one(resources, T.template, name).inputs.vpcSecurityGroupIds as string[]).includes(id), name);
            assert.notEqual(id, await valueOf(cluster.apiSecurityGroupId));
        });

        it("with the public endpoint on, needs no deployer source and writes no API rule", async () => {
            const resources = await build(base("us-east-2", { endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.0/24"], apiAccess: undefined }));
            assert.equal(ofType(resources, T.ingressRule).length, 0);
            assert.deepEqual(one(resources, T.component, "us-east-2").inputs.apiAccess, { cidrs: [], securityGroupIds: [] });
        });
    });

    describe("refuses", () => {
        async function refused(args: RegionalClusterArgs): Promise<{ error: Error; registered: PlanResource[] }> {
            await ready();
            const aws: typeof awsTypes = await import("@pulumi/aws");
            const { RegionalCluster } = await import("../../../components/cluster");
            let error: Error | undefined;
            const resources = await record(() => {
                const provider = new aws.Provider("refused-aws", { region: "us-west-1" });
                try {
                    new RegionalCluster("refused", args, { providers: { aws: provider } });
                } catch (e) {
                    error = e as Error;
                }
            });
            assert.ok(error);
            return { error, registered: resources.filter((r) => !r.type.startsWith("pulumi:providers:")) };
        }

        it("a public endpoint without CIDRs, a spot system group and a missing workload group, all at once, registering nothing", async () => {
            const args = base("us-west-1", {
                endpointPublicAccess: true,
                nodeGroups: { system: { role: "system", capacityType: "SPOT", instanceTypes: ["m6i.large", "m5.large"], minSize: 1, maxSize: 2, desiredSize: 1, diskSizeGiB: 50, labels: {}, taints: [] } },
            });
            const { error, registered } = await refused(args);
            assert.match(error.message, /publicAccessCidrs must list at least one CIDR/);
            assert.match(error.message, /system node groups must be ON_DEMAND/);
            assert.match(error.message, /at least one group with role "workload"/);
            assert.deepEqual(registered, []);
        });

        it("an add-on without an exact pinned version (EKS's default would move under a later pulumi up), naming each", async () => {
            const args = base("us-west-1", { addonVersions: { "vpc-cni": "latest", "kube-proxy": "", coredns: "v1.12.3-eksbuild.1", "aws-ebs-csi-driver": "v1.56.0-eksbuild.1" } });
            const { error, registered } = await refused(args);
            assert.match(error.message, /addonVersions must pin an exact EKS version \(such as "v1\.20\.1-eksbuild\.3"\) for vpc-cni, kube-proxy$/);
            assert.deepEqual(registered, []);
        });

        it("a private endpoint nobody may call, registering nothing", async () => {
            const { error, registered } = await refused(base("us-west-1", { apiAccess: { cidrs: [], securityGroupIds: [] } }));
            assert.match(error.message, /apiAccess must admit at least one CIDR or security group while endpointPublicAccess is false: the API endpoint is then private, and nothing could deploy the cluster's Kubernetes objects/);
            assert.deepEqual(registered, []);
        });

        it("a /0, a malformed block, a duplicate and a malformed group id, all at once, registering nothing", async () => {
            const { error, registered } = await refused(base("us-west-1", { apiAccess: { cidrs: ["0.0.0.0/0", "10.255.0.1/24", "10.255.1.0/24", "10.255.1.0/24"], securityGroupIds: ["sg-1"] } }));
            assert.match(error.message, /apiAccess\.cidrs\[0\] \(0\.0\.0\.0\/0\) must not be a \/0: it would open the Kubernetes API to every address/);
            assert.match(error.message, /apiAccess\.cidrs\[1\] \(10\.255\.0\.1\/24\) must be a network address: the host bits after the prefix must be zero \(the block starts at 10\.255\.0\.0\/24\)/);
            assert.match(error.message, /apiAccess\.cidrs\[3\] \(10\.255\.1\.0\/24\) is listed twice \(already cidrs\[2\]\)/);
            assert.match(error.message, /apiAccess\.securityGroupIds\[0\] \(sg-1\) must be a security group id/);
            assert.deepEqual(registered, []);
        });
    });
});
