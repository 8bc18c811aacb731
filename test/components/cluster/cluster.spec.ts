import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type { RegionalClusterArgs } from "../../../components/cluster";
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
};

const base = (region: string, over: Partial<RegionalClusterArgs>): RegionalClusterArgs => ({
    region,
    clusterName: `strata-test-${region}`,
    kubernetesVersion: "1.33",
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    endpointPublicAccess: false,
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
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const { RegionalCluster } = await import("../../../components/cluster");
    return record(() => {
        const provider = new aws.Provider(`${args.region}-aws`, { region: args.region as awsTypes.Region });
        new RegionalCluster(args.region, args, { providers: { aws: provider } });
    }, secrets);
}

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

        it("runs each node group with its scaling, capacity type and instance types, and leaves desiredSize to the autoscaler", () => {
            const compute = one(resources, T.nodeGroup, "eu-west-1-compute");
            assert.deepEqual(compute.inputs.scalingConfig, { minSize: 0, maxSize: 40, desiredSize: 2 });
            assert.equal(compute.inputs.capacityType, "SPOT");
            assert.deepEqual(compute.inputs.instanceTypes, ["c6i.4xlarge", "c6a.4xlarge"]);
            assert.deepEqual(compute.inputs.subnetIds, ["subnet-a", "subnet-b", "subnet-c"]);
            assert.deepEqual(compute.ignoreChanges, ["scalingConfig.desiredSize"]);
            const system = one(resources, T.nodeGroup, "eu-west-1-system");
            assert.equal(system.inputs.capacityType, "ON_DEMAND");
            assert.deepEqual(system.inputs.taints, [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
        });

        it("boots nodes from launch templates that require IMDSv2 and encrypt the root volume", () => {
            for (const name of ["eu-west-1-system", "eu-west-1-compute"]) {
                const template = one(resources, T.template, name);
                assert.equal((template.inputs.metadataOptions as Record<string, unknown>).httpTokens, "required");
                const [device] = template.inputs.blockDeviceMappings as { ebs: Record<string, unknown> }[];
                assert.equal(device?.ebs.encrypted, "true");
                assert.equal(device?.ebs.volumeType, "gp3");
                assert.ok(one(resources, T.nodeGroup, name).dependencies.includes(template.urn));
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

        it("installs every managed add-on at its pinned version, networking before nodes and storage with its IRSA role", () => {
            const addons = Object.fromEntries(ofType(resources, T.addon).map((a) => [a.inputs.addonName, a]));
            assert.deepEqual(Object.fromEntries(ofType(resources, T.addon).map((a) => [a.inputs.addonName, a.inputs.addonVersion])), {
                "vpc-cni": "v1.19.2-eksbuild.1",
                "kube-proxy": "v1.33.5-eksbuild.2",
                coredns: "v1.12.3-eksbuild.1",
                "aws-ebs-csi-driver": "v1.56.0-eksbuild.1",
            });
            const nodeGroup = one(resources, T.nodeGroup, "eu-west-1-system");
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
            for (const release of releases) assert.ok(release.dependencies.includes(one(resources, T.nodeGroup, "eu-west-1-system").urn));
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
    });
});
