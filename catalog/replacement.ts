import { Source, Sourced } from "./source";

/*
 * Inputs whose change makes the provider replace a resource (delete + create, a new cloud id), per Pulumi type.
 *
 * AWS: the Terraform AWS provider (bridged by @pulumi/aws 7.48.0, provider v6) marks such attributes `ForceNew` in
 * the resource's schema; the paths below are the Pulumi (camelCase) names of those attributes, nested where the
 * attribute is a one-block list (`launchTemplate.id`). Kubernetes: pulumi-kubernetes replaces an object when its
 * `metadata.name` or `metadata.namespace` changes and on the immutable fields of a few kinds. Paths use Pulumi's
 * property path syntax (`a.b`, `a[*]`).
 *
 * A type with no row is not known: the offline diff then treats every changed input of it as replacing, the safe
 * reading (review sees a possible replacement instead of missing one). Only inputs this project sets, or could set
 * by config, are listed.
 */

const CHECKED = "2026-12-02";
const TF_VERSION = "terraform-provider-aws v6 (as bridged by @pulumi/aws 7.48.0)";

const tf = (commit: string, path: string): Source => ({
    url: `https://github.com/hashicorp/terraform-provider-aws/blob/${commit}/internal/service/${path}`,
    version: TF_VERSION,
    checked: CHECKED,
});

const tfDocs = (page: string): Source => ({
    url: `https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/${page}.html.markdown`,
    version: `${TF_VERSION}; "Changing this forces a new resource" in the argument reference`,
    checked: CHECKED,
});

const K8S_FORCE_NEW: Source = {
    url: "https://github.com/pulumi/pulumi-kubernetes/tree/master/provider/pkg/provider",
    version: "pulumi-kubernetes `forceNew` table of the provider package (metadata.name/namespace for every kind, plus per-kind immutable fields); the copies found date from the 2018-2019 provider, not 4.34.2",
    checked: CHECKED,
};

const K8S_MUTABLE_FLAGS: Source = {
    url: "https://www.npmjs.com/package/@pulumi/kubernetes/v/4.34.2",
    version: "@pulumi/kubernetes 4.34.2 provider.d.ts: enableConfigMapMutable / enableSecretMutable are off by default (ConfigMap and Secret data replace); this program sets neither",
    checked: CHECKED,
};

export interface ReplacingInputs {
    /** Pulumi type token. */
    readonly type: string;
    /** Property paths of the inputs whose change replaces the resource. */
    readonly inputs: readonly string[];
    readonly source: Source;
}

const AWS: readonly ReplacingInputs[] = [
    { type: "aws:ec2/vpc:Vpc", inputs: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"], source: tf("00081ce41cc691433ac19bf42227cdabffd0454d", "ec2/vpc_.go") },
    {
        type: "aws:ec2/subnet:Subnet",
        inputs: ["vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId", "ipv4IpamPoolId", "ipv4NetmaskLength", "ipv6Native", "outpostArn"],
        source: tf("00cda125a19d31754cb0d073cf551264c57955cb", "ec2/vpc_subnet.go"),
    },
    { type: "aws:ec2/securityGroup:SecurityGroup", inputs: ["vpcId", "name", "namePrefix", "description"], source: tf("01606926a0c0ab9174aec440f976a48b0baee722", "ec2/vpc_security_group.go") },
    {
        type: "aws:ec2/natGateway:NatGateway",
        inputs: ["subnetId", "allocationId", "connectivityType", "privateIp", "secondaryPrivateIpAddressCount"],
        source: tf("04088eaa54948421bf1ef7494ae2b2c01d9243e3", "ec2/vpc_nat_gateway.go"),
    },
    { type: "aws:ec2/routeTable:RouteTable", inputs: ["vpcId"], source: tf("022092419b7cda11527df3c6b51cbfe1876c1722", "ec2/vpc_route_table.go") },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        inputs: ["vpcId", "port", "protocol", "protocolVersion", "targetType", "ipAddressType", "name", "namePrefix"],
        source: tf("013cfb4cddc9c44a28f34abad0c11768bcdb9b85", "elbv2/target_group.go"),
    },
    {
        // Subnets, security groups and endpoint access update in place (UpdateClusterConfig) since provider v5.25
        // (hashicorp/terraform-provider-aws#34209); EKS only accepts subnets of the cluster's own VPC, so a cluster
        // whose subnets move to a new VPC is caught by the diff's network rule, not here.
        type: "aws:eks/cluster:Cluster",
        inputs: ["name", "roleArn", "bootstrapSelfManagedAddons", "accessConfig.bootstrapClusterCreatorAdminPermissions", "kubernetesNetworkConfig.ipFamily", "kubernetesNetworkConfig.serviceIpv4Cidr", "outpostConfig", "remoteNetworkConfig"],
        source: tf("00555dc5b38f92abbfa230badea0ed0754cea81e", "eks/cluster.go"),
    },
    {
        // Labels, taints, scaling, update config, version and the launch template's version update in place.
        type: "aws:eks/nodeGroup:NodeGroup",
        inputs: ["clusterName", "nodeGroupName", "nodeGroupNamePrefix", "nodeRoleArn", "subnetIds", "amiType", "capacityType", "diskSize", "instanceTypes", "launchTemplate.id", "launchTemplate.name", "remoteAccess"],
        source: tf("012e0a32f0686212f447447fd3d81c3d0ce256ad", "eks/node_group.go"),
    },
    // Subnet ids update in place (ModifyDBSubnetGroup / ModifyCacheSubnetGroup); only the name replaces.
    { type: "aws:rds/subnetGroup:SubnetGroup", inputs: ["name", "namePrefix"], source: tf("01c08000ddb14181b5bd19201d8fca311dc570e4", "rds/subnet_group.go") },
    { type: "aws:elasticache/subnetGroup:SubnetGroup", inputs: ["name"], source: tf("01c08000ddb14181b5bd19201d8fca311dc570e4", "elasticache/subnet_group.go") },
    // Carried from the earlier stateful table (read from the provider docs then); the stateful types keep them.
    { type: "aws:rds/cluster:Cluster", inputs: ["clusterIdentifier", "engine", "databaseName", "masterUsername", "storageEncrypted", "kmsKeyId", "dbSubnetGroupName", "availabilityZones"], source: tfDocs("rds_cluster") },
    { type: "aws:rds/clusterInstance:ClusterInstance", inputs: ["identifier", "clusterIdentifier", "engine", "availabilityZone"], source: tfDocs("rds_cluster_instance") },
    { type: "aws:rds/globalCluster:GlobalCluster", inputs: ["globalClusterIdentifier", "engine", "databaseName", "storageEncrypted"], source: tfDocs("rds_global_cluster") },
    { type: "aws:elasticache/replicationGroup:ReplicationGroup", inputs: ["replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId", "subnetGroupName", "port"], source: tfDocs("elasticache_replication_group") },
    { type: "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", inputs: ["globalReplicationGroupIdSuffix", "primaryReplicationGroupId"], source: tfDocs("elasticache_global_replication_group") },
    { type: "aws:kms/key:Key", inputs: ["customerMasterKeySpec", "keyUsage"], source: tfDocs("kms_key") },
    { type: "aws:secretsmanager/secret:Secret", inputs: ["name", "namePrefix"], source: tfDocs("secretsmanager_secret") },
    { type: "aws:s3/bucket:Bucket", inputs: ["bucket", "bucketPrefix"], source: tfDocs("s3_bucket") },
    { type: "aws:globalaccelerator/accelerator:Accelerator", inputs: ["ipAddressType", "ipAddresses"], source: tfDocs("globalaccelerator_accelerator") },
];

/** Every Kubernetes object is replaced when its name or namespace changes. */
export const KUBERNETES_IDENTITY: readonly string[] = ["metadata.name", "metadata.namespace"];

const KUBERNETES: readonly ReplacingInputs[] = [
    { type: "kubernetes:apps/v1:Deployment", inputs: ["spec.selector"], source: K8S_FORCE_NEW },
    { type: "kubernetes:apps/v1:StatefulSet", inputs: ["spec.podManagementPolicy", "spec.revisionHistoryLimit", "spec.selector", "spec.serviceName", "spec.volumeClaimTemplates"], source: K8S_FORCE_NEW },
    { type: "kubernetes:batch/v1:Job", inputs: ["spec.selector", "spec.template"], source: K8S_FORCE_NEW },
    { type: "kubernetes:core/v1:Service", inputs: ["spec.clusterIP", "spec.type"], source: K8S_FORCE_NEW },
    { type: "kubernetes:core/v1:ConfigMap", inputs: ["data", "binaryData"], source: K8S_MUTABLE_FLAGS },
    { type: "kubernetes:core/v1:Secret", inputs: ["type", "data", "stringData"], source: K8S_MUTABLE_FLAGS },
    { type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", inputs: ["roleRef"], source: K8S_FORCE_NEW },
    { type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", inputs: ["roleRef"], source: K8S_FORCE_NEW },
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", inputs: ["parameters", "provisioner"], source: K8S_FORCE_NEW },
];

/**
 * A Helm release is identified by its name in its namespace: another name or namespace is another release. No
 * provider source was found for this (pulumi-kubernetes' Release diff was not in reach); the rule is the safe
 * reading, flagging the change as a replacement.
 */
const HELM_RELEASE: ReplacingInputs = {
    type: "kubernetes:helm.sh/v3:Release",
    inputs: ["name", "namespace"],
    source: { url: "https://helm.sh/docs/helm/helm_upgrade/", version: "helm upgrade [RELEASE] [CHART]: a release is upgraded under its own name (not checked against the pulumi-kubernetes Release diff)", checked: CHECKED },
};

export const REPLACING_INPUTS: Sourced<readonly ReplacingInputs[]> = {
    sources: [...new Map([...AWS, ...KUBERNETES, HELM_RELEASE].map((r) => [r.source.url, r.source])).values()],
    rows: [...AWS, ...KUBERNETES, HELM_RELEASE],
};

const BY_TYPE = new Map(REPLACING_INPUTS.rows.map((r) => [r.type, r.inputs]));

/**
 * The replacing input paths of a type: its row (Kubernetes objects also their identity), or undefined when the
 * type is not catalogued. Providers and Pulumi's own types are never replaced by an input change here.
 */
export function replacingInputsOf(type: string): readonly string[] | undefined {
    const row = BY_TYPE.get(type);
    if (type.startsWith("kubernetes:")) return [...KUBERNETES_IDENTITY, ...(row ?? [])];
    return row;
}
