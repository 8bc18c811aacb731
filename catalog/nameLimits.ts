import { Source, Sourced } from "./source";

/*
 * The name and identifier limits of every resource type Strata plans, and how Pulumi names a resource whose name
 * field is left unset. policies/rules/limits.ts checks the whole plan against this table, so a name one character
 * too long fails `npm run plan` instead of the first `pulumi up`.
 *
 * Pulumi's autonaming (pulumi-aws 7.x through pulumi-terraform-bridge; pulumi-kubernetes 4.x): the physical name is
 * the resource's logical name, "-", and random characters (7 hex for AWS, 8 for Kubernetes objects and Helm
 * releases). The bridge caps the generated name at a per-type maximum and, when the logical name is too long,
 * fails `pulumi preview` with "name '<logical>-' plus 7 random chars is longer than maximum length N"; it never
 * truncates. Types without their own cap get pulumi-aws's generic 255, so an over-long autoname of those reaches
 * the Terraform provider's validation or AWS instead.
 */

const CHECKED = "2026-12-02";
const TF = "terraform-provider-aws v6 (the line @pulumi/aws 7.48.0 bridges; stored snapshot)";
const PULUMI_AWS = "pulumi-aws v7 (provider/v7 module; the stored snapshot of the line @pulumi/aws 7.48.0 belongs to)";

/** The sources the rows below cite. */
export const NAME_SOURCES = {
    pulumiAwsAutonaming: { url: "https://github.com/pulumi/pulumi-aws/blob/0c5f6583ebfb37cbe0febc2edb51b44cfeac2b15/provider/autonaming.go", version: PULUMI_AWS, checked: CHECKED },
    pulumiAwsOverrides: { url: "https://github.com/pulumi/pulumi-aws/blob/015d343812852f40a045a28e7f6e04bca69548f3/provider/resource_overrides.go", version: PULUMI_AWS, checked: CHECKED },
    pulumiAwsAliases: { url: "https://github.com/pulumi/pulumi-aws/blob/0c5f6583ebfb37cbe0febc2edb51b44cfeac2b15/provider/aliases.go", version: PULUMI_AWS, checked: CHECKED },
    bridgeAutonaming: { url: "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/info/autonaming.go", version: "pulumi-terraform-bridge v3 (ComputeAutoNameDefault)", checked: CHECKED },
    pulumiUniqueName: { url: "https://github.com/pulumi/pulumi/blob/master/sdk/go/common/resource/resource_id.go", version: "pulumi sdk v3 (NewUniqueName: 'plus N random chars is longer than maximum length' error)", checked: CHECKED },
    pulumiAwsSdk: { url: "https://www.npmjs.com/package/@pulumi/aws/v/7.48.0", version: "@pulumi/aws 7.48.0 (the Args TSDoc in node_modules/@pulumi/aws/*/*.d.ts)", checked: CHECKED },
    tfElbv2: { url: "https://github.com/hashicorp/terraform-provider-aws/blob/013f1736b90439e5a19567a87d3e5cd11858c420/internal/service/elbv2/validate.go", version: TF, checked: CHECKED },
    tfIamRole: { url: "https://github.com/hashicorp/terraform-provider-aws/blob/0040ea6911af00bea2cca6dbb14e86829826ad8e/internal/service/iam/role.go", version: TF, checked: CHECKED },
    tfIamValidate: { url: "https://github.com/hashicorp/terraform-provider-aws/blob/044fb3171c305dd92f19e116512acb37a28a9f85/internal/service/iam/validate.go", version: TF, checked: CHECKED },
    iamInlinePolicy: { url: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_InlinePolicy.html", checked: CHECKED },
    iamPolicyRole: { url: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyRole.html", checked: CHECKED },
    tfRdsValidate: { url: "https://github.com/hashicorp/terraform-provider-aws/blob/03e17e1998974ee80e6bc456e06222d26cc87344/internal/service/rds/validate.go", version: TF, checked: CHECKED },
    rdsCreateCluster: { url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/rds/aws.sdk.kotlin.services.rds.model/-create-db-cluster-request/db-cluster-identifier.html", checked: CHECKED },
    rdsCreateInstance: { url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/rds/aws.sdk.kotlin.services.rds.model/-create-db-instance-request/db-instance-identifier.html", checked: CHECKED },
    rdsGlobalCluster: { url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/rds/aws.sdk.kotlin.services.rds.model/-modify-global-cluster-request/new-global-cluster-identifier.html", checked: CHECKED },
    rdsProxy: { url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/rds/aws.sdk.kotlin.services.rds.model/-create-db-proxy-request/db-proxy-name.html", checked: CHECKED },
    elasticacheSubnetGroup: { url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html", checked: CHECKED },
    launchTemplateName: {
        url: "https://raw.githubusercontent.com/api-evangelist/amazon-ec2-auto-scaling/refs/heads/main/json-schema/ec2-auto-scaling-launch-template-name-schema.json",
        version: "a JSON-schema copy of the AWS Auto Scaling API model's LaunchTemplateName shape (AWS's own API page was not found with the limit)",
        checked: CHECKED,
    },
    elasticacheReplicationGroup: { url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/elasticache/aws.sdk.kotlin.services.elasticache.model/-create-replication-group-request/replication-group-id.html", checked: CHECKED },
    tfEksValidate: { url: "https://github.com/hashicorp/terraform-provider-aws/blob/18fc80b64733d85f8a2797c09547815503f27fe7/internal/service/eks/validate.go", version: TF, checked: CHECKED },
    kmsAlias: { url: "https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html", checked: CHECKED },
    logsCreateLogGroup: { url: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html", checked: CHECKED },
    ec2SecurityGroup: { url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ec2/aws.sdk.kotlin.services.ec2.model/-create-security-group-request/group-name.html", checked: CHECKED },
    globalAccelerator: { url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/globalaccelerator/aws.sdk.kotlin.services.globalaccelerator.model/-create-accelerator-request/name.html", checked: CHECKED },
    k8sValidation: { url: "https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go", version: "Kubernetes 1.x (DNS-1123 label 63, subdomain 253, DNS-1035 label 63)", checked: CHECKED },
    k8sCoreValidation: { url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go", version: "Kubernetes 1.x (ValidateServiceName = NameIsDNS1035Label; namespaces NameIsDNSLabel)", checked: CHECKED },
    k8sBatchValidation: { url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/batch/validation/validation.go", version: "Kubernetes 1.x (CronJob name: DNS1035LabelMaxLength - 11 = 52)", checked: CHECKED },
    k8sCustomResource: { url: "https://github.com/kubernetes/apiextensions-apiserver/blob/master/pkg/registry/customresource/validator.go", version: "Kubernetes 1.x (custom objects: NameIsDNSSubdomain)", checked: CHECKED },
    pulumiK8sNaming: { url: "https://github.com/pulumi/pulumi-kubernetes/blob/master/provider/pkg/metadata/naming.go", version: "pulumi-kubernetes v4 (@pulumi/kubernetes 4.34.2 line)", checked: CHECKED },
    pulumiHelmRelease: { url: "https://github.com/pulumi/pulumi-kubernetes/blob/master/provider/pkg/provider/helm_release.go", version: "pulumi-kubernetes v4 (assignNameIfAutonameable: NewUniqueHex(urn name + '-', 0, 0))", checked: CHECKED },
    helmReleaseName: { url: "https://github.com/helm/helm/blob/main/pkg/chartutil/validate_name.go", version: "Helm v3 (maxReleaseNameLen = 53)", checked: CHECKED },
} as const satisfies Record<string, Source>;

const S = NAME_SOURCES;

/** One condition a name must meet, with the words a violation uses for it. */
export interface NameRule {
    readonly must: RegExp;
    readonly says: string;
}

/** How Pulumi fills the field when the program leaves it unset. */
export interface Autoname {
    /** Characters appended to the logical name: "-" and the random part. */
    readonly suffixLength: number;
    /** The provider's own cap on the generated name; past it `pulumi preview` fails. Absent: no cap of its own. */
    readonly pulumiMaxLength?: number;
    /** Text the provider puts in front (a KMS alias's "alias/"). */
    readonly prefix?: string;
    /** The provider lowercases the logical name before appending. */
    readonly lowercase?: boolean;
}

/** The limits of one name field of one resource type. */
export interface NameLimit {
    /** Pulumi type token. */
    readonly type: string;
    /** Input path of the name (dot-separated). */
    readonly field: string;
    /** What the name is, for messages. */
    readonly what: string;
    readonly minLength?: number;
    /** Absent where the sources state no length (the character rules still apply). */
    readonly maxLength?: number;
    readonly rules: readonly NameRule[];
    /** The sibling input that asks the provider for `<prefix><unique suffix>` instead, and its own maximum. */
    readonly prefixField?: { readonly field: string; readonly maxLength: number };
    /** Absent: Pulumi does not autoname the field (it is required, or the Terraform provider generates its own id). */
    readonly autoname?: Autoname;
    readonly sources: readonly Source[];
}

/** "-" and the 7 random hex characters pulumi-aws asks the bridge for (AutoName: Randlen 7). */
const AWS_SUFFIX = 8;
/**
 * Terraform's id.UniqueIDSuffixLength: a `*Prefix` input gets this many characters appended, which is why a target
 * group's 32 leaves a 6-character prefix (validTargetGroupNamePrefix) and an IAM role's 64 a 38-character one.
 */
const TF_UNIQUE_SUFFIX = 26;
/** "-" and the 8 random characters NewUniqueName defaults to when the caller passes 0. */
const K8S_SUFFIX = 9;

const rule = (must: RegExp, says: string): NameRule => ({ must, says });
const alnumHyphen = rule(/^[0-9A-Za-z-]+$/, "must contain only letters, digits and hyphens");
const noEdgeHyphen = rule(/^(?!-)(?!.*-$)/, "must not begin or end with a hyphen");
const rdsIdentifier = [
    rule(/^[0-9a-z-]+$/, "must contain only lowercase letters, digits and hyphens"),
    rule(/^[a-z]/, "must begin with a letter"),
    rule(/^(?!.*--)/, "must not contain two consecutive hyphens"),
    rule(/^(?!.*-$)/, "must not end with a hyphen"),
];
const letterDigitHyphenId = [
    rule(/^[A-Za-z][0-9A-Za-z-]*$/, "must begin with a letter and contain only letters, digits and hyphens"),
    rule(/^(?!.*--)/, "must not contain two consecutive hyphens"),
    rule(/^(?!.*-$)/, "must not end with a hyphen"),
];
const iamName = rule(/^[\w+=,.@-]+$/, "must contain only letters, digits and +=,.@_-");
const dns1123Label = rule(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a DNS-1123 label: lowercase letters, digits and '-', beginning and ending with a letter or digit");
const dns1035Label = rule(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, "must be a DNS-1035 label: lowercase letters, digits and '-', beginning with a letter and ending with a letter or digit");
const dns1123Subdomain = rule(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', beginning and ending with a letter or digit",
);

/** Pulumi-aws's default for any type whose input `name` it autonames without a cap of its own. */
const genericAwsAutoname: Autoname = { suffixLength: AWS_SUFFIX, pulumiMaxLength: 255 };

const AWS_ROWS: readonly NameLimit[] = [
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "name",
        what: "target group name",
        maxLength: 32,
        rules: [alnumHyphen, noEdgeHyphen],
        prefixField: { field: "namePrefix", maxLength: 6 },
        autoname: { suffixLength: AWS_SUFFIX, pulumiMaxLength: 32 },
        sources: [S.tfElbv2, S.pulumiAwsAliases, S.bridgeAutonaming, S.pulumiUniqueName],
    },
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        field: "name",
        what: "load balancer name",
        maxLength: 32,
        rules: [alnumHyphen, noEdgeHyphen, rule(/^(?!internal-)/, 'must not begin with "internal-"')],
        prefixField: { field: "namePrefix", maxLength: 6 },
        autoname: genericAwsAutoname,
        sources: [S.tfElbv2, S.pulumiAwsAutonaming],
    },
    {
        type: "aws:iam/role:Role",
        field: "name",
        what: "IAM role name",
        minLength: 1,
        maxLength: 64,
        rules: [iamName],
        prefixField: { field: "namePrefix", maxLength: 38 },
        autoname: { suffixLength: AWS_SUFFIX, pulumiMaxLength: 64 },
        sources: [S.tfIamRole, S.tfIamValidate, S.iamPolicyRole, S.pulumiAwsOverrides],
    },
    {
        type: "aws:iam/rolePolicy:RolePolicy",
        field: "name",
        what: "inline policy name",
        minLength: 1,
        maxLength: 128,
        rules: [iamName],
        autoname: genericAwsAutoname,
        sources: [S.iamInlinePolicy, S.tfIamValidate, S.pulumiAwsAutonaming],
    },
    {
        type: "aws:kms/alias:Alias",
        field: "name",
        what: "KMS alias name",
        minLength: 1,
        maxLength: 256,
        rules: [
            rule(/^alias\//, 'must begin with "alias/"'),
            rule(/^(?!alias\/aws\/)/, 'must not begin with "alias/aws/" (reserved for AWS managed keys)'),
            rule(/^[A-Za-z0-9/_-]+$/, "must contain only letters, digits, '/', '_' and '-'"),
        ],
        autoname: { suffixLength: AWS_SUFFIX, pulumiMaxLength: 238, prefix: "alias/" },
        sources: [S.kmsAlias, S.pulumiAwsOverrides],
    },
    {
        type: "aws:rds/cluster:Cluster",
        field: "clusterIdentifier",
        what: "Aurora cluster identifier",
        minLength: 1,
        maxLength: 63,
        rules: rdsIdentifier,
        sources: [S.rdsCreateCluster, S.tfRdsValidate, S.pulumiAwsOverrides],
    },
    {
        type: "aws:rds/clusterInstance:ClusterInstance",
        field: "identifier",
        what: "DB instance identifier",
        minLength: 1,
        maxLength: 63,
        rules: rdsIdentifier,
        sources: [S.rdsCreateInstance, S.tfRdsValidate, S.pulumiAwsOverrides],
    },
    {
        type: "aws:rds/globalCluster:GlobalCluster",
        field: "globalClusterIdentifier",
        what: "global cluster identifier",
        minLength: 1,
        maxLength: 63,
        rules: letterDigitHyphenId,
        sources: [S.rdsGlobalCluster],
    },
    {
        type: "aws:rds/subnetGroup:SubnetGroup",
        field: "name",
        what: "DB subnet group name",
        maxLength: 255,
        rules: [rule(/^[0-9a-z_ .-]+$/, "must contain only lowercase letters, digits, spaces and _.-"), rule(/^(?!default$)/i, 'must not be "default"')],
        prefixField: { field: "namePrefix", maxLength: 229 },
        autoname: genericAwsAutoname,
        sources: [S.tfRdsValidate, S.pulumiAwsAutonaming],
    },
    ...(["aws:rds/parameterGroup:ParameterGroup", "aws:rds/clusterParameterGroup:ClusterParameterGroup"] as const).map(
        (type): NameLimit => ({
            type,
            field: "name",
            what: "parameter group name",
            maxLength: 255,
            rules: [
                rule(/^[0-9a-z.-]+$/, "must contain only lowercase letters, digits, '.' and '-'"),
                rule(/^[a-z]/, "must begin with a letter"),
                rule(/^(?!.*--)/, "must not contain two consecutive hyphens"),
                rule(/^(?!.*-$)/, "must not end with a hyphen"),
            ],
            autoname: genericAwsAutoname,
            sources: [S.tfRdsValidate, S.pulumiAwsAutonaming],
        }),
    ),
    {
        type: "aws:rds/proxy:Proxy",
        field: "name",
        what: "RDS Proxy name",
        rules: letterDigitHyphenId,
        autoname: genericAwsAutoname,
        sources: [S.rdsProxy, S.pulumiAwsAutonaming],
    },
    {
        type: "aws:rds/proxyEndpoint:ProxyEndpoint",
        field: "dbProxyEndpointName",
        what: "RDS Proxy endpoint name",
        rules: letterDigitHyphenId,
        sources: [S.rdsProxy, S.pulumiAwsSdk],
    },
    {
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        field: "replicationGroupId",
        what: "replication group id",
        minLength: 1,
        maxLength: 40,
        rules: [
            rule(/^[A-Za-z][0-9A-Za-z-]*$/, "must begin with a letter and contain only letters, digits and hyphens"),
            rule(/^(?!.*--)/, "must not contain two consecutive hyphens"),
            rule(/^(?!.*-$)/, "must not end with a hyphen"),
        ],
        autoname: { suffixLength: AWS_SUFFIX, pulumiMaxLength: 40, lowercase: true },
        sources: [S.elasticacheReplicationGroup, S.pulumiAwsOverrides],
    },
    {
        type: "aws:elasticache/subnetGroup:SubnetGroup",
        field: "name",
        what: "cache subnet group name",
        maxLength: 255,
        rules: [alnumHyphen],
        autoname: genericAwsAutoname,
        sources: [S.elasticacheSubnetGroup, S.pulumiAwsAutonaming],
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        field: "name",
        what: "launch template name",
        minLength: 3,
        maxLength: 128,
        rules: [rule(/^[a-zA-Z0-9().\-/_]+$/, "must contain only letters, digits and ().-/_")],
        autoname: genericAwsAutoname,
        sources: [S.launchTemplateName, S.pulumiAwsAutonaming],
    },
    {
        type: "aws:eks/cluster:Cluster",
        field: "name",
        what: "EKS cluster name",
        minLength: 1,
        maxLength: 100,
        rules: [rule(/^[0-9A-Za-z][0-9A-Za-z_-]*$/, "must begin with a letter or digit and contain only letters, digits, '-' and '_'")],
        autoname: genericAwsAutoname,
        sources: [S.tfEksValidate, S.pulumiAwsSdk, S.pulumiAwsAutonaming],
    },
    {
        type: "aws:eks/nodeGroup:NodeGroup",
        field: "nodeGroupName",
        what: "node group name",
        minLength: 1,
        maxLength: 63,
        rules: [rule(/^[0-9A-Za-z][0-9A-Za-z_-]*$/, "must begin with a letter or digit and contain only letters, digits, '-' and '_'")],
        prefixField: { field: "nodeGroupNamePrefix", maxLength: 63 - TF_UNIQUE_SUFFIX },
        autoname: { suffixLength: AWS_SUFFIX, pulumiMaxLength: 255 },
        sources: [S.pulumiAwsSdk, S.pulumiAwsOverrides],
    },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        field: "name",
        what: "log group name",
        minLength: 1,
        maxLength: 512,
        rules: [rule(/^[.\-_/#A-Za-z0-9]+$/, "must contain only letters, digits and ._-/#")],
        autoname: genericAwsAutoname,
        sources: [S.logsCreateLogGroup, S.pulumiAwsAutonaming],
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: "name",
        what: "alarm name",
        minLength: 1,
        maxLength: 255,
        rules: [],
        autoname: { suffixLength: AWS_SUFFIX, pulumiMaxLength: 255 },
        sources: [S.pulumiAwsOverrides],
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        field: "name",
        what: "security group name",
        maxLength: 255,
        rules: [rule(/^(?!sg-)/, 'must not begin with "sg-"'), rule(/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/, "must contain only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*")],
        autoname: genericAwsAutoname,
        sources: [S.ec2SecurityGroup, S.pulumiAwsAutonaming],
    },
    {
        type: "aws:s3/bucket:Bucket",
        field: "bucket",
        what: "bucket name",
        minLength: 3,
        maxLength: 63,
        rules: [rule(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, "must contain only lowercase letters, digits, '.' and '-', and begin and end with a letter or digit")],
        prefixField: { field: "bucketPrefix", maxLength: 37 },
        autoname: { suffixLength: AWS_SUFFIX, pulumiMaxLength: 63, lowercase: true },
        sources: [S.pulumiAwsSdk, S.pulumiAwsOverrides],
    },
    {
        type: "aws:sns/topic:Topic",
        field: "name",
        what: "topic name",
        minLength: 1,
        maxLength: 256,
        rules: [rule(/^[A-Za-z0-9_-]+(\.fifo)?$/, "must contain only letters, digits, '_' and '-' (and a final .fifo for FIFO topics)")],
        autoname: { suffixLength: AWS_SUFFIX, pulumiMaxLength: 80 },
        sources: [S.pulumiAwsSdk, S.pulumiAwsOverrides],
    },
    {
        type: "aws:globalaccelerator/accelerator:Accelerator",
        field: "name",
        what: "accelerator name",
        maxLength: 64,
        rules: [rule(/^[A-Za-z0-9.-]+$/, "must contain only letters, digits, '.' and '-'"), rule(/^(?![-.])(?!.*[-.]$)/, "must not begin or end with a hyphen or period")],
        autoname: genericAwsAutoname,
        sources: [S.globalAccelerator, S.pulumiAwsAutonaming],
    },
    {
        type: "aws:appautoscaling/policy:Policy",
        field: "name",
        what: "scaling policy name",
        minLength: 1,
        maxLength: 255,
        rules: [],
        autoname: genericAwsAutoname,
        sources: [S.pulumiAwsSdk, S.pulumiAwsAutonaming],
    },
];

const k8sObject = (type: string, what: string, maxLength: number, nameRule: NameRule, sources: readonly Source[]): NameLimit => ({
    type,
    field: "metadata.name",
    what,
    minLength: 1,
    maxLength,
    rules: [nameRule],
    autoname: { suffixLength: K8S_SUFFIX },
    sources: [...sources, S.pulumiK8sNaming],
});

const KUBERNETES_ROWS: readonly NameLimit[] = [
    k8sObject("kubernetes:core/v1:Namespace", "Namespace name", 63, dns1123Label, [S.k8sValidation, S.k8sCoreValidation]),
    k8sObject("kubernetes:core/v1:Service", "Service name", 63, dns1035Label, [S.k8sValidation, S.k8sCoreValidation]),
    k8sObject("kubernetes:batch/v1:CronJob", "CronJob name", 52, dns1123Subdomain, [S.k8sValidation, S.k8sBatchValidation]),
    {
        type: "kubernetes:helm.sh/v3:Release",
        field: "name",
        what: "Helm release name",
        minLength: 1,
        maxLength: 53,
        rules: [dns1123Subdomain],
        autoname: { suffixLength: K8S_SUFFIX },
        sources: [S.helmReleaseName, S.pulumiHelmRelease],
    },
];

/**
 * Every other Kubernetes object (built-in kinds and custom resources) is held to a DNS-1123 subdomain. RBAC kinds
 * accept more (path segment names) but nothing Strata plans needs that, so the stricter rule applies to them too.
 */
export const KUBERNETES_OBJECT_DEFAULT: Omit<NameLimit, "type"> = {
    ...k8sObject("kubernetes:*", "object name", 253, dns1123Subdomain, [S.k8sValidation, S.k8sCustomResource]),
};

/** The table: one row per type and name field. */
export const NAME_LIMITS: Sourced<readonly NameLimit[]> = {
    sources: Object.values(NAME_SOURCES),
    rows: [...AWS_ROWS, ...KUBERNETES_ROWS],
};

const byType = new Map<string, NameLimit[]>();
for (const row of NAME_LIMITS.rows) byType.set(row.type, [...(byType.get(row.type) ?? []), row]);

/** The limits that apply to a resource of this type (Kubernetes objects not listed get the subdomain default). */
export function limitsFor(type: string): readonly NameLimit[] {
    const listed = byType.get(type);
    if (listed) return listed;
    if (type.startsWith("kubernetes:")) return [{ ...KUBERNETES_OBJECT_DEFAULT, type }];
    return [];
}
