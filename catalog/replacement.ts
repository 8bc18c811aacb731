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
const TF_VERSION = "terraform-provider-aws, the file at the commit in the URL (the stored version read; @pulumi/aws 7.48.0 bridges provider v6): the attributes marked ForceNew in its schema";

const tf = (commit: string, path: string): Source => ({
    url: `https://github.com/hashicorp/terraform-provider-aws/blob/${commit}/internal/service/${path}`,
    version: TF_VERSION,
    checked: CHECKED,
});

const K8S_FORCE_NEW: Source = {
    url: "https://github.com/pulumi/pulumi-kubernetes/blob/00302beb58ae08591f0c8b0b065871c50ba35250/provider/pkg/provider/diff.go",
    version: "pulumi-kubernetes provider `forceNew` table (metadata.name/namespace for every kind, plus per-kind immutable fields)",
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
    // Network.
    { type: "aws:ec2/vpc:Vpc", inputs: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"], source: tf("00081ce41cc691433ac19bf42227cdabffd0454d", "ec2/vpc_.go") },
    {
        type: "aws:ec2/subnet:Subnet",
        inputs: ["vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId", "ipv4IpamPoolId", "ipv4NetmaskLength", "ipv6IpamPoolId", "ipv6Native", "ipv6NetmaskLength", "outpostArn"],
        source: tf("00cda125a19d31754cb0d073cf551264c57955cb", "ec2/vpc_subnet.go"),
    },
    { type: "aws:ec2/securityGroup:SecurityGroup", inputs: ["vpcId", "name", "namePrefix", "description"], source: tf("01606926a0c0ab9174aec440f976a48b0baee722", "ec2/vpc_security_group.go") },
    // Both rule types share one schema. A change of the kind of source (CIDR, prefix list or group) also replaces; a
    // row cannot say "kind of", so every source input is listed: a new CIDR of the same kind reads as a replacement
    // (a moment without the rule), the safe side.
    { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", inputs: ["securityGroupId", "cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"], source: tf("d2b7f56a7c451244abd1e467109ba703bd9eedd3", "ec2/vpc_security_group_ingress_rule.go") },
    { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", inputs: ["securityGroupId", "cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"], source: tf("d2b7f56a7c451244abd1e467109ba703bd9eedd3", "ec2/vpc_security_group_ingress_rule.go") },
    { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", inputs: ["vpcId"], source: tf("01f431114674c27cf790fafb67ac274bf8f765e1", "ec2/vpc_default_security_group.go") },
    // The gateway moves between VPCs in place (detach + attach): nothing replaces it.
    { type: "aws:ec2/internetGateway:InternetGateway", inputs: [], source: tf("08923b68b5ad6fcfdd38362fb5247e39a9b07add", "ec2/vpc_internet_gateway.go") },
    { type: "aws:ec2/eip:Eip", inputs: ["address", "domain", "ipamPoolId", "networkBorderGroup", "publicIpv4Pool"], source: tf("01606926a0c0ab9174aec440f976a48b0baee722", "ec2/ec2_eip.go") },
    {
        type: "aws:ec2/natGateway:NatGateway",
        inputs: ["subnetId", "allocationId", "connectivityType", "privateIp", "secondaryPrivateIpAddressCount"],
        source: tf("04088eaa54948421bf1ef7494ae2b2c01d9243e3", "ec2/vpc_nat_gateway.go"),
    },
    { type: "aws:ec2/routeTable:RouteTable", inputs: ["vpcId"], source: tf("022092419b7cda11527df3c6b51cbfe1876c1722", "ec2/vpc_route_table.go") },
    // Targets (gateway, NAT gateway, …) are replaced in place (ReplaceRoute).
    { type: "aws:ec2/route:Route", inputs: ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"], source: tf("0128541e0711766f28540143a9d73738aced60aa", "ec2/vpc_route.go") },
    {
        // Subnets and the appliance, DNS and IPv6 options change in place (ModifyTransitGatewayVpcAttachment).
        type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
        inputs: ["transitGatewayId", "vpcId"],
        source: {
            url: "https://github.com/hashicorp/terraform-provider-aws/blob/f1750b8668f2771f28931e8ed4c1fa564b83e4d1/internal/service/ec2/transitgateway_vpc_attachment.go",
            version: "the stored version of this file predates v6 (aws-sdk-go v1); transit_gateway_id and vpc_id are ForceNew there, as in pulumi/terraform-provider-aws a79123a9; not re-read at a v6 tag",
            checked: CHECKED,
        },
    },
    // The route table is swapped in place (ReplaceRouteTableAssociation).
    { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", inputs: ["subnetId", "gatewayId"], source: tf("0be71beb458ad8875e0acc5c91519c0ceeb214aa", "ec2/vpc_route_table_association.go") },
    {
        type: "aws:ec2/vpcEndpoint:VpcEndpoint",
        inputs: ["vpcId", "serviceName", "vpcEndpointType", "serviceRegion", "resourceConfigurationArn", "serviceNetworkArn", "dnsOptions.privateDnsPreference", "dnsOptions.privateDnsSpecifiedDomains"],
        source: tf("008db85aad5e56627b1eecab8830464a282552ed", "ec2/vpc_endpoint.go"),
    },
    {
        // Updates change tags only: every other argument replaces the flow log.
        type: "aws:ec2/flowLog:FlowLog",
        inputs: ["vpcId", "subnetId", "eniId", "transitGatewayId", "transitGatewayAttachmentId", "regionalNatGatewayId", "iamRoleArn", "deliverCrossAccountRole", "logDestination", "logDestinationType", "logFormat", "maxAggregationInterval", "trafficType", "destinationOptions"],
        source: tf("00a35305dc1b297a6fcdecdfbba33f1e63c3da39", "ec2/vpc_flow_log.go"),
    },
    // A template change is a new version of the same template; only its name replaces it.
    { type: "aws:ec2/launchTemplate:LaunchTemplate", inputs: ["name", "namePrefix"], source: tf("025e4f81cab8553cb052aebfcc5987e2aa8c702a", "ec2/ec2_launch_template.go") },
    // Load balancing and the edge.
    {
        // A network load balancer is also replaced when a subnet is removed (customizeDiffLoadBalancerNLB): `subnets`
        // is listed whole, so adding a subnet reads as a replacement too (the safe side).
        type: "aws:lb/loadBalancer:LoadBalancer",
        inputs: ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool", "subnets"],
        source: tf("00edc94be7a89c4c485415cdec27094875f61bfc", "elbv2/load_balancer.go"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        inputs: ["vpcId", "port", "protocol", "protocolVersion", "targetType", "ipAddressType", "name", "namePrefix"],
        source: tf("013cfb4cddc9c44a28f34abad0c11768bcdb9b85", "elbv2/target_group.go"),
    },
    { type: "aws:lb/listener:Listener", inputs: ["loadBalancerArn"], source: tf("01c08000ddb14181b5bd19201d8fca311dc570e4", "elbv2/listener.go") },
    // The IP address type updates in place (UpdateAccelerator); bring-your-own addresses do not.
    { type: "aws:globalaccelerator/accelerator:Accelerator", inputs: ["ipAddresses"], source: tf("050ac11163cab8cdae5936a7f40b0e528ff780df", "globalaccelerator/accelerator.go") },
    { type: "aws:globalaccelerator/listener:Listener", inputs: ["acceleratorArn"], source: tf("01f431114674c27cf790fafb67ac274bf8f765e1", "globalaccelerator/listener.go") },
    { type: "aws:globalaccelerator/endpointGroup:EndpointGroup", inputs: ["listenerArn", "endpointGroupRegion"], source: tf("120cd12f625d6f7b6bc3b30769488bb89727da87", "globalaccelerator/endpoint_group.go") },
    // EKS.
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
    { type: "aws:eks/addon:Addon", inputs: ["addonName", "clusterName"], source: tf("00a35305dc1b297a6fcdecdfbba33f1e63c3da39", "eks/addon.go") },
    { type: "aws:eks/accessEntry:AccessEntry", inputs: ["clusterName", "principalArn", "type"], source: tf("01f431114674c27cf790fafb67ac274bf8f765e1", "eks/access_entry.go") },
    // IAM and keys.
    { type: "aws:iam/role:Role", inputs: ["name", "namePrefix", "path"], source: tf("0040ea6911af00bea2cca6dbb14e86829826ad8e", "iam/role.go") },
    { type: "aws:iam/rolePolicy:RolePolicy", inputs: ["name", "namePrefix", "role"], source: tf("02f97af85f89a04e8ed89f5e8b64a9a67f3cfe07", "iam/role_policy.go") },
    { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", inputs: ["role", "policyArn"], source: tf("04c79849dbe7fbe76c3054b364357bcdaade9ac5", "iam/role_policy_attachment.go") },
    { type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider", inputs: ["url"], source: tf("01606926a0c0ab9174aec440f976a48b0baee722", "iam/openid_connect_provider.go") },
    { type: "aws:kms/key:Key", inputs: ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"], source: tf("00a35305dc1b297a6fcdecdfbba33f1e63c3da39", "kms/key.go") },
    { type: "aws:kms/alias:Alias", inputs: ["name", "namePrefix"], source: tf("01c08000ddb14181b5bd19201d8fca311dc570e4", "kms/alias.go") },
    // The KMS key of a secret updates in place.
    { type: "aws:secretsmanager/secret:Secret", inputs: ["name", "namePrefix"], source: tf("00c21cedec069dd27093b175baf15bac6d4b30fe", "secretsmanager/secret.go") },
    // A new value is a new version: the plan masks secret strings, so the diff cannot see this one change.
    { type: "aws:secretsmanager/secretVersion:SecretVersion", inputs: ["secretId", "secretString", "secretBinary", "secretStringWoVersion"], source: tf("0042e8ea0de293c6cd8b003f89f7f4d2fb5fcf31", "secretsmanager/secret_version.go") },
    // Data tier. Subnet ids of the subnet groups update in place (ModifyDBSubnetGroup / ModifyCacheSubnetGroup).
    { type: "aws:rds/subnetGroup:SubnetGroup", inputs: ["name", "namePrefix"], source: tf("01c08000ddb14181b5bd19201d8fca311dc570e4", "rds/subnet_group.go") },
    { type: "aws:elasticache/user:User", inputs: ["userId", "userName"], source: tf("01f431114674c27cf790fafb67ac274bf8f765e1", "elasticache/user.go") },
    // The id has no update path (ModifyUserGroup cannot rename), so a new id is a new group.
    { type: "aws:elasticache/userGroup:UserGroup", inputs: ["engine", "userGroupId"], source: tf("06739b22cee5cb2a12cc0ca4458e3f84767869af", "elasticache/user_group.go") },
    { type: "aws:elasticache/subnetGroup:SubnetGroup", inputs: ["name"], source: tf("01c08000ddb14181b5bd19201d8fca311dc570e4", "elasticache/subnet_group.go") },
    {
        // storageType also replaces for non-Aurora engines (CustomizeDiff); every cluster here is Aurora.
        type: "aws:rds/cluster:Cluster",
        inputs: ["clusterIdentifier", "clusterIdentifierPrefix", "clusterScalabilityType", "engine", "engineMode", "databaseName", "masterUsername", "storageEncrypted", "kmsKeyId", "dbSubnetGroupName", "dbSystemId", "availabilityZones", "snapshotIdentifier", "sourceRegion", "restoreToPointInTime", "s3Import"],
        source: tf("0168cf6844f393420326f1426bf18ed357b56a77", "rds/cluster.go"),
    },
    {
        // The instance class updates in place (ModifyDBInstance).
        type: "aws:rds/clusterInstance:ClusterInstance",
        inputs: ["identifier", "identifierPrefix", "clusterIdentifier", "engine", "availabilityZone", "dbSubnetGroupName", "customIamInstanceProfile"],
        source: tf("01606926a0c0ab9174aec440f976a48b0baee722", "rds/cluster_instance.go"),
    },
    { type: "aws:rds/globalCluster:GlobalCluster", inputs: ["globalClusterIdentifier", "engine", "databaseName", "storageEncrypted", "sourceDbClusterIdentifier"], source: tf("060c26034cb68a176dc23146b1fe6fdc92accba7", "rds/global_cluster.go") },
    { type: "aws:rds/parameterGroup:ParameterGroup", inputs: ["name", "namePrefix", "family", "description"], source: tf("01606926a0c0ab9174aec440f976a48b0baee722", "rds/parameter_group.go") },
    { type: "aws:rds/clusterParameterGroup:ClusterParameterGroup", inputs: ["name", "namePrefix", "family", "description"], source: tf("01e5fd8f048e919760263fed00bb5a7120439a4f", "rds/cluster_parameter_group.go") },
    // The proxy is renamed in place (ModifyDBProxy NewDBProxyName); its subnets are not.
    { type: "aws:rds/proxy:Proxy", inputs: ["engineFamily", "vpcSubnetIds", "endpointNetworkType", "targetConnectionNetworkType"], source: tf("013f1736b90439e5a19567a87d3e5cd11858c420", "rds/proxy.go") },
    { type: "aws:rds/proxyEndpoint:ProxyEndpoint", inputs: ["dbProxyEndpointName", "dbProxyName", "targetRole", "vpcSubnetIds"], source: tf("01f431114674c27cf790fafb67ac274bf8f765e1", "rds/proxy_endpoint.go") },
    { type: "aws:rds/proxyTarget:ProxyTarget", inputs: ["dbProxyName", "targetGroupName", "dbClusterIdentifier", "dbInstanceIdentifier"], source: tf("04a2e6e5bc625ec85ea8c678219b483fc674877e", "rds/proxy_target.go") },
    { type: "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", inputs: ["dbProxyName"], source: tf("0aa0d338dafe65943bca03c295f5e248b74f29b7", "rds/proxy_default_target_group.go") },
    {
        // Node groups change in place unless nodeGroupConfiguration changes meaningfully (CustomizeDiff; not set here);
        // an engine or engine version downgrade also replaces (CustomizeDiff), which this project does not plan.
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        inputs: ["replicationGroupId", "atRestEncryptionEnabled", "dataTieringEnabled", "globalReplicationGroupId", "kmsKeyId", "networkType", "port", "securityGroupNames", "snapshotArns", "snapshotName", "subnetGroupName"],
        source: tf("001b6364c1a3b3045e152f655440a6d47eb44a70", "elasticache/replication_group.go"),
    },
    { type: "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", inputs: ["globalReplicationGroupIdSuffix", "primaryReplicationGroupId"], source: tf("02ed711eb07c00a7ae6ea372b7025949505f28ec", "elasticache/global_replication_group.go") },
    { type: "aws:elasticache/parameterGroup:ParameterGroup", inputs: ["name", "family", "description"], source: tf("0593466d96e383de3f75587805537f6e590ebf4e", "elasticache/parameter_group.go") },
    // Scaling and alarms (Pulumi names the alarm's alarm_name `name`).
    { type: "aws:appautoscaling/target:Target", inputs: ["resourceId", "scalableDimension", "serviceNamespace"], source: tf("0105d2191ae7e43ba37ba011b916843eddf361ed", "appautoscaling/target.go") },
    { type: "aws:appautoscaling/policy:Policy", inputs: ["name", "resourceId", "scalableDimension", "serviceNamespace"], source: tf("048320e88399c508ae6481be5d8ef6fd6f71a9f6", "appautoscaling/policy.go") },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", inputs: ["name"], source: tf("055611a654738da73e7b1e2b5d2b7672c6d4d531", "cloudwatch/metric_alarm.go") },
    { type: "aws:cloudwatch/logGroup:LogGroup", inputs: ["name", "namePrefix", "logGroupClass"], source: tf("0073593e7d6993ba482409f4dc35438daaa79bb3", "logs/group.go") },
    { type: "aws:sns/topic:Topic", inputs: ["name", "namePrefix", "fifoTopic"], source: tf("00a35305dc1b297a6fcdecdfbba33f1e63c3da39", "sns/topic.go") },
    {
        type: "aws:acm/certificate:Certificate",
        inputs: ["certificateAuthorityArn", "domainName", "keyAlgorithm", "subjectAlternativeNames", "validationMethod", "validationOptions"],
        source: { ...tf("01661ea3cbe6b07ed725b03c587d24ceb464484a", "acm/certificate.go"), checked: "2026-12-06" },
    },
    { type: "aws:acm/certificateValidation:CertificateValidation", inputs: ["certificateArn", "validationRecordFqdns"], source: { ...tf("004eea7f9b6658d88d652e89e10c7520a10ad6b8", "acm/certificate_validation.go"), checked: "2026-12-06" } },
    {
        type: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
        inputs: ["accessScope", "clusterName", "policyArn", "principalArn"],
        source: { ...tf("01f431114674c27cf790fafb67ac274bf8f765e1", "eks/access_policy_association.go"), checked: "2026-12-06" },
    },
    { type: "aws:route53/record:Record", inputs: ["name", "zoneId"], source: { ...tf("00655c1681ea1e49ab10cd32d3f8bee372b2095b", "route53/record.go"), checked: "2026-12-06" } },
    { type: "aws:sns/topicSubscription:TopicSubscription", inputs: ["endpoint", "protocol", "topic"], source: { ...tf("04a2e6e5bc625ec85ea8c678219b483fc674877e", "sns/topic_subscription.go"), checked: "2026-12-06" } },
    // S3.
    {
        type: "aws:s3/bucket:Bucket",
        inputs: ["bucket", "bucketPrefix"],
        source: {
            url: "https://github.com/hashicorp/terraform-provider-aws/blob/0070bcd12c952f14c5434a6f351ef7b6fa791226/internal/service/s3/bucket.go",
            version: "the stored version of this file predates v6 (aws-sdk-go v1); bucket and bucket_prefix are ForceNew there and in the docs' argument reference (\"Forces new resource\"); not re-read at a v6 tag",
            checked: CHECKED,
        },
    },
    { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", inputs: ["bucket"], source: tf("01606926a0c0ab9174aec440f976a48b0baee722", "s3/bucket_public_access_block.go") },
    { type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", inputs: ["bucket", "expectedBucketOwner"], source: tf("01606926a0c0ab9174aec440f976a48b0baee722", "s3/bucket_server_side_encryption_configuration.go") },
    { type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", inputs: ["bucket", "expectedBucketOwner"], source: tf("01606926a0c0ab9174aec440f976a48b0baee722", "s3/bucket_lifecycle_configuration.go") },
];

/** @pulumi/random bridges hashicorp/terraform-provider-random: every argument of a password regenerates it. */
const RANDOM: readonly ReplacingInputs[] = [
    {
        type: "random:index/randomPassword:RandomPassword",
        inputs: ["keepers", "length", "special", "upper", "lower", "number", "numeric", "minNumeric", "minUpper", "minLower", "minSpecial", "overrideSpecial"],
        source: {
            url: "https://github.com/hashicorp/terraform-provider-random/blob/0117aa60f8ebe02fd51910d8e6883123dadb3cb2/internal/provider/resource_password.go",
            version: "terraform-provider-random (as bridged by @pulumi/random 4.x): the state upgraders fill null arguments \"to prevent forced replacement\"; keepers \"when changed, will trigger recreation\"",
            checked: CHECKED,
        },
    },
];

/** Every Kubernetes object is replaced when its name or namespace changes. */
export const KUBERNETES_IDENTITY: readonly string[] = ["metadata.name", "metadata.namespace"];

const SELECTOR = ["spec.selector", "spec.selector.matchExpressions", "spec.selector.matchLabels"];

const KUBERNETES: readonly ReplacingInputs[] = [
    { type: "kubernetes:apps/v1:Deployment", inputs: SELECTOR, source: K8S_FORCE_NEW },
    { type: "kubernetes:apps/v1:DaemonSet", inputs: SELECTOR, source: K8S_FORCE_NEW },
    { type: "kubernetes:apps/v1:StatefulSet", inputs: [...SELECTOR, "spec.podManagementPolicy", "spec.revisionHistoryLimit", "spec.serviceName", "spec.volumeClaimTemplates"], source: K8S_FORCE_NEW },
    { type: "kubernetes:batch/v1:Job", inputs: [...SELECTOR, "spec.completions", "spec.parallelism", "spec.template"], source: K8S_FORCE_NEW },
    { type: "kubernetes:core/v1:Service", inputs: ["spec.clusterIP"], source: K8S_FORCE_NEW },
    { type: "kubernetes:core/v1:ConfigMap", inputs: ["data", "binaryData"], source: K8S_MUTABLE_FLAGS },
    { type: "kubernetes:core/v1:Secret", inputs: ["type", "data", "stringData"], source: K8S_MUTABLE_FLAGS },
    { type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", inputs: ["roleRef"], source: K8S_FORCE_NEW },
    { type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", inputs: ["roleRef"], source: K8S_FORCE_NEW },
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", inputs: ["parameters", "provisioner"], source: K8S_FORCE_NEW },
];

/** pulumi-kubernetes' Release diff marks `.name` and `.namespace` as forceNewFields. */
const HELM_RELEASE: ReplacingInputs = {
    type: "kubernetes:helm.sh/v3:Release",
    inputs: ["name", "namespace"],
    source: { url: "https://github.com/pulumi/pulumi-kubernetes/blob/cdd7cc1629af7e16d758a26dbe78407ff3e8a90e/provider/pkg/provider/helm_release.go", version: "helmReleaseProvider.Diff: forceNewFields := []string{\".name\", \".namespace\"}", checked: CHECKED },
};

export const REPLACING_INPUTS: Sourced<readonly ReplacingInputs[]> = {
    sources: [...new Map([...AWS, ...RANDOM, ...KUBERNETES, HELM_RELEASE].map((r) => [r.source.url, r.source])).values()],
    rows: [...AWS, ...RANDOM, ...KUBERNETES, HELM_RELEASE],
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
