import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { UPGRADE_POLICY } from "../../catalog/eks";
import { EBS_CSI_KEY } from "../../catalog/kms";
import { SERVICE_LOG_GROUPS, serviceLogGroup } from "../../catalog/logGroups";
import { customerKey } from "../customerKey";
import { servicePrincipalTrust } from "../iam";
import { API_PORT, API_PROTOCOL, ApiAccess, apiAccessProblems, apiSources, describeApiAccessProblem } from "./apiAccess";
import { AutoscalerSettings, ChartVersions, SERVICE_ACCOUNTS, clusterCharts, coldClusterTimeoutSeconds } from "./charts";
import { clusterAutoscalerPolicy } from "./iamPolicies";
import { LOAD_BALANCER_CONTROLLER_POLICY } from "../../catalog/loadBalancerControllerPolicy";
import { ServiceAccountRoleArgs, serviceAccountRole } from "./irsa";
import { buildKubeconfig } from "./kubeconfig";
import { HeadroomSettings, planHeadroom } from "./headroom";
import { NODE_ROLE_LABEL, NodeGroupPlan, NodeGroupSettings, planNodeGroup } from "./nodeGroups";

export { serviceAccountRole } from "./irsa";
export type { ApiAccess } from "./apiAccess";

/** EKS managed add-ons a cluster always runs. */
export const MANAGED_ADDONS = ["vpc-cni", "kube-proxy", "coredns", "aws-ebs-csi-driver"] as const;
export type ManagedAddon = (typeof MANAGED_ADDONS)[number];

/** Every control-plane log type EKS can ship to CloudWatch. */
export const CONTROL_PLANE_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** Inputs of a RegionalCluster. The region's AWS provider arrives through `opts.providers`. */
export interface RegionalClusterArgs {
    readonly region: string;
    /** EKS cluster name (the network's subnets are already tagged with it). */
    readonly clusterName: string;
    /** Kubernetes minor version, e.g. "1.33". */
    readonly kubernetesVersion: string;
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets, one per zone in zone order: control-plane ENIs and nodes live there. */
    readonly privateSubnetIds: pulumi.Input<string[]>;
    /** How many zones `privateSubnetIds` covers: every node group becomes one group per zone. */
    readonly zoneCount: number;
    /** Public API endpoint; the private endpoint is always on. */
    readonly endpointPublicAccess: boolean;
    /** CIDRs allowed to reach the public endpoint. @default none */
    readonly publicAccessCidrs?: readonly string[];
    /**
     * The deployer's networks and groups, admitted on the API port of the control plane's own group (the private
     * endpoint; the public one, when on, admits `publicAccessCidrs`). Required while the public endpoint is off.
     * @default none
     */
    readonly apiAccess?: ApiAccess;
    /**
     * What the deployer's path to the private endpoint is made of (a transit gateway attachment, its routes): the
     * Kubernetes provider waits for them, since its first call already travels that path. @default none
     */
    readonly deployerPath?: readonly pulumi.Resource[];
    /** IAM roles granted cluster-admin through access entries. @default none */
    readonly adminRoleArns?: readonly string[];
    /** Node groups by name; at least one `system` and one `workload` group. */
    readonly nodeGroups: Readonly<Record<string, NodeGroupSettings>>;
    /** EKS deletion protection plus Pulumi `protect` on the cluster and its KMS key. */
    readonly deletionProtection: boolean;
    /** Days CloudWatch keeps control-plane logs. */
    readonly logRetentionDays: number;
    /** The region's log key (RegionalNetwork.logKeyArn): the control-plane log group is encrypted with it. */
    readonly logKeyArn: pulumi.Input<string>;
    readonly autoscaler: AutoscalerSettings;
    /**
     * Exact version of every managed add-on, from the stack config. Never looked up: EKS's default moves, and a
     * looked-up version would upgrade the add-on on a later `pulumi up` (catalog/drift.ts).
     */
    readonly addonVersions: Readonly<Record<ManagedAddon, string>>;
    readonly chartVersions: ChartVersions;
    /** Replicas of each cluster controller. @default 2 when deletionProtection, else 1 */
    readonly controllerReplicas?: number;
    /** Placeholder pods holding room on the workload nodes for a burst (./headroom.ts). @default none */
    readonly headroom?: HeadroomSettings;
}

const ADDON_CONFIG_KEYS: Record<ManagedAddon, "vpcCni" | "kubeProxy" | "coredns" | "ebsCsiDriver"> = {
    "vpc-cni": "vpcCni",
    "kube-proxy": "kubeProxy",
    coredns: "coredns",
    "aws-ebs-csi-driver": "ebsCsiDriver",
};

/** Maps the config's camel-case add-on versions to EKS add-on names. */
export function addonVersionsByName(versions: Readonly<Record<(typeof ADDON_CONFIG_KEYS)[ManagedAddon], string>>): Record<ManagedAddon, string> {
    return Object.fromEntries(MANAGED_ADDONS.map((addon) => [addon, versions[ADDON_CONFIG_KEYS[addon]]])) as Record<ManagedAddon, string>;
}

function validate(args: RegionalClusterArgs): Map<string, NodeGroupPlan> {
    const problems: string[] = [];
    const plans = new Map<string, NodeGroupPlan>();
    for (const [name, group] of Object.entries(args.nodeGroups)) {
        try {
            plans.set(name, planNodeGroup(name, group, args.clusterName, args.zoneCount));
        } catch (error) {
            problems.push((error as Error).message);
        }
    }
    for (const role of ["system", "workload"]) {
        if (!Object.values(args.nodeGroups).some((g) => g.role === role)) problems.push(`nodeGroups must hold at least one group with role "${role}"`);
    }
    if (Object.values(args.nodeGroups).some((g) => g.role === "system" && g.capacityType === "SPOT")) problems.push("system node groups must be ON_DEMAND");
    const unpinned = MANAGED_ADDONS.filter((addon) => !/^v\d+\.\d+\.\d+-eksbuild\.\d+$/.test(args.addonVersions?.[addon] ?? ""));
    if (unpinned.length > 0) problems.push(`addonVersions must pin an exact EKS version (such as "v1.20.1-eksbuild.3") for ${unpinned.join(", ")}`);
    if (args.endpointPublicAccess && (args.publicAccessCidrs ?? []).length === 0) {
        problems.push("publicAccessCidrs must list at least one CIDR when endpointPublicAccess is true (an open endpoint is never the default)");
    }
    problems.push(...apiAccessProblems(args.apiAccess ?? {}, args.endpointPublicAccess).map(describeApiAccessProblem));
    if (problems.length > 0) throw new Error(`RegionalCluster ${args.clusterName}: ${problems.join("; ")}`);
    return plans;
}

/**
 * One production-grade EKS cluster: encrypted secrets, full control-plane logging, API access entries,
 * managed node groups behind hardened launch templates, IRSA, the managed add-ons, and Helm releases for
 * metrics-server, the cluster autoscaler, the Vertical Pod Autoscaler and the AWS Load Balancer Controller.
 */
export class RegionalCluster extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly endpoint: pulumi.Output<string>;
    public readonly oidcProviderArn: pulumi.Output<string>;
    public readonly oidcIssuerUrl: pulumi.Output<string>;
    /**
     * Security group every node (and so every pod, which shares its node's ENI groups) carries, created before
     * the cluster: the data tier admits it without waiting ten minutes for EKS to exist.
     */
    public readonly nodeSecurityGroupId: pulumi.Output<string>;
    /**
     * The security group EKS creates for the cluster. Every node carries it (the launch templates list it), and so
     * does every pod, which shares its node's network interface groups.
     */
    public readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** The control plane's own group: only the control plane's network interfaces carry it, not the nodes. */
    public readonly apiSecurityGroupId: pulumi.Output<string>;
    /** Kubeconfig authenticating through `aws eks get-token` (secret). */
    public readonly kubeconfig: pulumi.Output<string>;
    /** The Kubernetes provider every in-cluster object of this region must use. */
    public readonly provider: k8s.Provider;
    /** The default StorageClass: encrypted gp3. */
    public readonly storageClassName = "gp3-encrypted";
    /** The add-on releases, by name; objects that need their CRDs depend on them. */
    public readonly releases: Readonly<Record<string, k8s.helm.v3.Release>>;
    /** Every node group: a release or workload with pods depends on them, so it starts with nodes to run on. */
    public readonly nodeGroups: readonly aws.eks.NodeGroup[];
    /** The wait of every Helm release in this cluster (`coldClusterTimeoutSeconds`). */
    public readonly helmTimeoutSeconds: number;

    constructor(name: string, args: RegionalClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const nodeGroupPlans = validate(args);
        // The deployer's sources are the component's props, so a policy can check them against the plan's routes.
        super("strata:cluster:RegionalCluster", name, { apiAccess: { cidrs: [...(args.apiAccess?.cidrs ?? [])], securityGroupIds: [...(args.apiAccess?.securityGroupIds ?? [])] } }, opts);
        const child = { parent: this };
        const stateful = { parent: this, protect: args.deletionProtection };
        const partition = aws.getPartitionOutput({}, child).partition;
        const managedPolicy = (policy: string) => pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`;

        const key = customerKey(`${name}-secrets`, { description: `Envelope encryption of Kubernetes secrets in ${args.clusterName}`, alias: `alias/${args.clusterName}-secrets` }, stateful);
        // Node volumes: Auto Scaling launches the managed groups' instances, so its service-linked role uses the key.
        const volumeKey = customerKey(
            `${name}-volumes`,
            { description: `Node volumes of ${args.clusterName}`, users: [{ kind: "autoScalingVolumes" }], alias: `alias/${args.clusterName}-volumes` },
            stateful,
        );

        // EKS writes to this group by name; creating it first puts retention under our control.
        const logGroup = new aws.cloudwatch.LogGroup(`${name}-control-plane`, { name: serviceLogGroup(SERVICE_LOG_GROUPS.rows.eksControlPlane, args.clusterName), retentionInDays: args.logRetentionDays, kmsKeyId: args.logKeyArn }, child);

        const clusterRole = new aws.iam.Role(`${name}-cluster`, { assumeRolePolicy: JSON.stringify(servicePrincipalTrust("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"])) }, child);
        const clusterPolicy = new aws.iam.RolePolicyAttachment(`${name}-cluster`, { role: clusterRole.name, policyArn: managedPolicy("AmazonEKSClusterPolicy") }, child);

        // EKS puts the groups of vpcConfig on the control plane's network interfaces only, never on node groups, so
        // the deployer's networks reach the API without reaching a node. One standalone rule per source, and no
        // inline rules on the group: the provider would otherwise remove the standalone ones as drift.
        const apiGroup = new aws.ec2.SecurityGroup(
            `${name}-api`,
            { vpcId: args.vpcId, description: `Kubernetes API of ${args.clusterName}: the deployer's sources`, tags: { Name: `${name}-api` } },
            child,
        );
        this.apiSecurityGroupId = apiGroup.id;
        const apiRules = apiSources(args.apiAccess ?? {}).map(
            (source) =>
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-api-from-${source.label}`,
                    {
                        securityGroupId: apiGroup.id,
                        ipProtocol: API_PROTOCOL,
                        fromPort: API_PORT,
                        toPort: API_PORT,
                        ...(source.kind === "cidr" ? { cidrIpv4: source.value } : { referencedSecurityGroupId: source.value }),
                        description: `Deployer ${source.kind === "cidr" ? "network" : "group"} ${source.value} to the Kubernetes API`,
                    },
                    child,
                ),
        );

        const cluster = new aws.eks.Cluster(
            `${name}-eks`,
            {
                name: args.clusterName,
                version: args.kubernetesVersion,
                roleArn: clusterRole.arn,
                vpcConfig: {
                    subnetIds: args.privateSubnetIds,
                    securityGroupIds: [apiGroup.id],
                    endpointPrivateAccess: true,
                    endpointPublicAccess: args.endpointPublicAccess,
                    publicAccessCidrs: args.endpointPublicAccess ? [...(args.publicAccessCidrs ?? [])] : undefined,
                },
                encryptionConfig: { provider: { keyArn: key.arn }, resources: ["secrets"] },
                enabledClusterLogTypes: CONTROL_PLANE_LOGS,
                accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
                deletionProtection: args.deletionProtection,
                // The version stays the one the stack states (catalog/eks.ts UPGRADE_POLICY); strata-operations
                // flags a version past standard support, whose extended support costs more.
                upgradePolicy: { supportType: UPGRADE_POLICY.rows.supportType },
            },
            { ...stateful, dependsOn: [clusterPolicy, logGroup] },
        );
        this.clusterName = cluster.name;
        this.endpoint = cluster.endpoint;
        const clientGroup = new aws.ec2.SecurityGroup(
            `${name}-nodes`,
            { vpcId: args.vpcId, description: `Nodes of ${args.clusterName}: the data tier admits this group` },
            child,
        );
        this.nodeSecurityGroupId = clientGroup.id;
        const clusterSecurityGroupId = cluster.vpcConfig.apply((c) => c.clusterSecurityGroupId ?? "");
        this.clusterSecurityGroupId = clusterSecurityGroupId;
        this.oidcIssuerUrl = cluster.identities.apply((ids) => ids[0]?.oidcs?.[0]?.issuer ?? "");

        const oidc = new aws.iam.OpenIdConnectProvider(`${name}-oidc`, { url: this.oidcIssuerUrl, clientIdLists: ["sts.amazonaws.com"] }, child);
        this.oidcProviderArn = oidc.arn;

        for (const [i, principalArn] of (args.adminRoleArns ?? []).entries()) {
            const entry = new aws.eks.AccessEntry(`${name}-admin-${i}`, { clusterName: cluster.name, principalArn, type: "STANDARD" }, child);
            new aws.eks.AccessPolicyAssociation(
                `${name}-admin-${i}`,
                {
                    clusterName: cluster.name,
                    principalArn,
                    policyArn: pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
                    accessScope: { type: "cluster" },
                },
                { parent: this, dependsOn: [entry] },
            );
        }

        const nodeRole = new aws.iam.Role(`${name}-nodes`, { assumeRolePolicy: JSON.stringify(servicePrincipalTrust("ec2.amazonaws.com", ["sts:AssumeRole"])) }, child);
        const nodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEKS_CNI_Policy", "AmazonSSMManagedInstanceCore"].map(
            (policy) => new aws.iam.RolePolicyAttachment(`${name}-nodes-${policy}`, { role: nodeRole.name, policyArn: managedPolicy(policy) }, child),
        );
        // Created before the node groups, so EKS adopts it instead of creating its own behind our back.
        const nodeAccess = new aws.eks.AccessEntry(`${name}-nodes`, { clusterName: cluster.name, principalArn: nodeRole.arn, type: "EC2_LINUX" }, child);

        const addon = (addonName: ManagedAddon, extra: Partial<aws.eks.AddonArgs>, dependsOn: pulumi.Resource[]) =>
            new aws.eks.Addon(
                `${name}-${addonName}`,
                {
                    clusterName: cluster.name,
                    addonName,
                    addonVersion: args.addonVersions[addonName],
                    resolveConflictsOnCreate: "OVERWRITE",
                    resolveConflictsOnUpdate: "PRESERVE",
                    ...extra,
                },
                { parent: this, dependsOn },
            );
        // Networking must exist before the first node boots; DNS and storage need nodes to run on.
        const networking = [addon("vpc-cni", {}, [cluster]), addon("kube-proxy", {}, [cluster])];

        const zoneSubnets = pulumi.output(args.privateSubnetIds).apply((ids) => {
            if (ids.length !== args.zoneCount) throw new Error(`RegionalCluster ${args.clusterName}: privateSubnetIds holds ${ids.length} subnets for ${args.zoneCount} zones`);
            return ids;
        });
        const nodeGroups = [...nodeGroupPlans.entries()].flatMap(([groupName, plan]) =>
            this.zonalNodeGroups(name, groupName, args.nodeGroups[groupName] as NodeGroupSettings, plan, {
                clusterName: cluster.name,
                nodeRoleArn: nodeRole.arn,
                zoneSubnets,
                securityGroupIds: [clusterSecurityGroupId, clientGroup.id],
                volumeKeyArn: volumeKey.arn,
                dependsOn: [nodeAccess, ...nodePolicies, ...networking],
            }),
        );

        this.nodeGroups = nodeGroups;
        this.helmTimeoutSeconds = coldClusterTimeoutSeconds(args.autoscaler);

        const irsaRole = (suffix: string, account: { namespace: string; name: string }, access: Pick<ServiceAccountRoleArgs, "managedPolicyArns" | "policy">) =>
            serviceAccountRole(
                `${name}-${suffix}`,
                { oidcProviderArn: oidc.arn, oidcIssuerUrl: this.oidcIssuerUrl, namespace: account.namespace, serviceAccount: account.name, ...access },
                child,
            );
        // The managed policy grants no KMS use: the driver gets exactly the volume key, which the StorageClass names.
        const ebsCsiRole = irsaRole("ebs-csi", SERVICE_ACCOUNTS.ebsCsiController, {
            managedPolicyArns: [managedPolicy("service-role/AmazonEBSCSIDriverPolicy")],
            policy: volumeKey.arn.apply((keyArn): aws.iam.PolicyDocument => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...EBS_CSI_KEY.rows.actions], Resource: keyArn }] })),
        });
        addon("coredns", {}, nodeGroups);
        const ebsCsi = addon("aws-ebs-csi-driver", { serviceAccountRoleArn: ebsCsiRole.arn }, nodeGroups);

        this.kubeconfig = pulumi.secret(
            pulumi
                .all([cluster.name, cluster.endpoint, cluster.certificateAuthority])
                .apply(([clusterName, endpoint, ca]) => buildKubeconfig({ clusterName, endpoint, certificateAuthority: ca.data ?? "", region: args.region })),
        );
        // Every Kubernetes object goes through this provider: it waits until the deployer's rules and path exist.
        this.provider = new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig: this.kubeconfig, enableServerSideApply: true },
            { parent: this, dependsOn: [cluster, ...apiRules, ...(args.deployerPath ?? [])] },
        );

        const autoscalerRole = irsaRole("cluster-autoscaler", SERVICE_ACCOUNTS.clusterAutoscaler, { policy: clusterAutoscalerPolicy(args.clusterName) });
        const lbcRole = irsaRole("aws-load-balancer-controller", SERVICE_ACCOUNTS.loadBalancerController, { policy: LOAD_BALANCER_CONTROLLER_POLICY.rows.document });

        const charts = clusterCharts({
            clusterName: args.clusterName,
            region: args.region,
            vpcId: args.vpcId,
            kubernetesVersion: args.kubernetesVersion,
            versions: args.chartVersions,
            autoscaler: args.autoscaler,
            replicas: args.controllerReplicas ?? (args.deletionProtection ? 2 : 1),
            clusterAutoscalerRoleArn: autoscalerRole.arn,
            loadBalancerControllerRoleArn: lbcRole.arn,
        });
        const inCluster = { parent: this, provider: this.provider };
        this.releases = Object.fromEntries(
            charts.map((release) => [
                release.name,
                new k8s.helm.v3.Release(
                    `${name}-${release.name}`,
                    {
                        name: release.name,
                        chart: release.chart,
                        version: release.version,
                        repositoryOpts: { repo: release.repository },
                        namespace: release.namespace,
                        values: release.values,
                        // A first install that fails or times out is uninstalled, so the next `pulumi up` starts from
                        // a clean install rather than a half-installed release; a failed upgrade rolls back.
                        atomic: true,
                        cleanupOnFail: true,
                        maxHistory: 10,
                        timeout: this.helmTimeoutSeconds,
                    },
                    { ...inCluster, dependsOn: nodeGroups },
                ),
            ]),
        );

        // Encrypted gp3 under the volume key as the default class: nothing in the cluster gets an unencrypted volume by accident.
        new k8s.storage.v1.StorageClass(
            `${name}-gp3`,
            {
                metadata: { name: this.storageClassName, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
                provisioner: "ebs.csi.aws.com",
                parameters: { type: "gp3", encrypted: "true", [EBS_CSI_KEY.rows.storageClassParameter]: volumeKey.arn },
                volumeBindingMode: "WaitForFirstConsumer",
                allowVolumeExpansion: true,
                reclaimPolicy: args.deletionProtection ? "Retain" : "Delete",
            },
            { ...inCluster, dependsOn: [ebsCsi] },
        );

        const headroom = args.headroom && planHeadroom(args.headroom, { [NODE_ROLE_LABEL]: "workload" });
        if (headroom) {
            const namespace = new k8s.core.v1.Namespace(`${name}-headroom`, headroom.namespace, { ...inCluster, dependsOn: nodeGroups });
            const priorityClass = new k8s.scheduling.v1.PriorityClass(`${name}-headroom`, headroom.priorityClass, { ...inCluster, dependsOn: nodeGroups });
            new k8s.apps.v1.Deployment(`${name}-headroom`, headroom.deployment, { ...inCluster, dependsOn: [namespace, priorityClass] });
        }

        this.registerOutputs({
            clusterName: this.clusterName,
            endpoint: this.endpoint,
            oidcProviderArn: this.oidcProviderArn,
            oidcIssuerUrl: this.oidcIssuerUrl,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
            apiSecurityGroupId: this.apiSecurityGroupId,
            kubeconfig: this.kubeconfig,
        });
    }

    /** A config group's launch template and its managed node groups, one per zone (named by zone index, z1, z2 …). */
    private zonalNodeGroups(
        name: string,
        groupName: string,
        group: NodeGroupSettings,
        plan: NodeGroupPlan,
        on: {
            clusterName: pulumi.Input<string>;
            nodeRoleArn: pulumi.Input<string>;
            zoneSubnets: pulumi.Output<string[]>;
            securityGroupIds: pulumi.Input<string>[];
            volumeKeyArn: pulumi.Input<string>;
            dependsOn: pulumi.Resource[];
        },
    ): aws.eks.NodeGroup[] {
        const child = { parent: this };
        const template = new aws.ec2.LaunchTemplate(
            `${name}-${groupName}`,
            {
                description: `Nodes of group ${groupName}`,
                updateDefaultVersion: true,
                // IMDSv2 only: a stolen SSRF cannot read node credentials with a plain GET.
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
                // Groups named here replace the ones EKS would attach, so the cluster's own group is listed too.
                vpcSecurityGroupIds: on.securityGroupIds,
                blockDeviceMappings: [
                    { deviceName: "/dev/xvda", ebs: { volumeSize: group.diskSizeGiB, volumeType: "gp3", encrypted: "true", kmsKeyId: on.volumeKeyArn, deleteOnTermination: "true" } },
                ],
                tagSpecifications: [{ resourceType: "instance", tags: { Name: `${name}-${groupName}` } }],
            },
            child,
        );
        return plan.zonal.map((scaling, zone) => {
            const zoneName = `z${zone + 1}`;
            return new aws.eks.NodeGroup(
                `${name}-${groupName}-${zoneName}`,
                {
                    clusterName: on.clusterName,
                    nodeGroupNamePrefix: `${groupName}-${zoneName}-`,
                    nodeRoleArn: on.nodeRoleArn,
                    subnetIds: on.zoneSubnets.apply((ids) => [ids[zone] as string]),
                    capacityType: group.capacityType,
                    instanceTypes: [...group.instanceTypes],
                    amiType: plan.amiType,
                    scalingConfig: scaling,
                    // The same labels in every zone (strata.io/node-group names the config group, not the zone's), so the
                    // autoscaler's balance-similar-node-groups treats the zones' groups as one pool.
                    labels: plan.labels,
                    taints: plan.taints,
                    launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` },
                    updateConfig: { maxUnavailablePercentage: 33 },
                    nodeRepairConfig: { enabled: true },
                    tags: plan.tags,
                },
                // The cluster autoscaler owns the group's size once it exists.
                { parent: this, dependsOn: on.dependsOn, ignoreChanges: ["scalingConfig.desiredSize"] },
            );
        });
    }
}
