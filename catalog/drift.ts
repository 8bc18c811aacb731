import { Source, Sourced } from "./source";

/*
 * Drift fields: inputs that AWS, EKS or an in-cluster controller changes after a resource is created. On the next
 * `pulumi up` the engine diffs the program's inputs against what the provider read back, so each such field either
 * sits in the resource's `ignoreChanges` (the outside writer owns it) or is pinned to an explicit value that the
 * service reads back unchanged. The policy rule `strata-drift-fields` checks every planned resource against this
 * table, and the drift test plans prod against a base carrying each row's written-back example.
 */

const CHECKED = "2026-12-02";
const PROVIDER = "@pulumi/aws 7.48.0 (terraform-provider-aws v6.x), text as generated into the package's .d.ts";
const PROVIDER_SOURCE = "terraform-provider-aws v6.x source (aws-sdk-go-v2 code line), read through the code index";

const src = (url: string, version?: string): Source => ({ url, ...(version ? { version } : {}), checked: CHECKED });

const TF_DOCS = "https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r";

const RDS_CLUSTER_DOC = src(`${TF_DOCS}/rds_cluster.html.markdown`, PROVIDER);
const RDS_GLOBAL_CLUSTER_DOC = src(`${TF_DOCS}/rds_global_cluster.html.markdown`, PROVIDER);
const RDS_CLUSTER_INSTANCE_DOC = src(`${TF_DOCS}/rds_cluster_instance.html.markdown`, PROVIDER);
const ELASTICACHE_RG_DOC = src(`${TF_DOCS}/elasticache_replication_group.html.markdown`, PROVIDER);
const ELASTICACHE_GLOBAL_DOC = src(`${TF_DOCS}/elasticache_global_replication_group.html.markdown`, PROVIDER);
const EKS_CLUSTER_DOC = src(`${TF_DOCS}/eks_cluster.html.markdown`, PROVIDER);
const EKS_NODE_GROUP_DOC = src(`${TF_DOCS}/eks_node_group.html.markdown`, PROVIDER);
const EKS_ADDON_DOC = src(`${TF_DOCS}/eks_addon.html.markdown`, PROVIDER);
const KMS_KEY_DOC = src(`${TF_DOCS}/kms_key.html.markdown`, PROVIDER);
const SECRET_DOC = src(`${TF_DOCS}/secretsmanager_secret.html.markdown`, PROVIDER);
const S3_BUCKET_DOC = src(`${TF_DOCS}/s3_bucket.html.markdown`, PROVIDER);
const ACCELERATOR_DOC = src(`${TF_DOCS}/globalaccelerator_accelerator.html.markdown`, PROVIDER);

/** Update: a `replication_source_identifier` changed to "" calls PromoteReadReplicaDBCluster. */
const RDS_CLUSTER_GO = src("https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/rds/cluster.go", PROVIDER_SOURCE);
/** Read: `engine_version` takes the running version unless the configured one is its prefix ("16" of "16.6"). */
const RDS_COMPARE_VERSION_GO = src("https://github.com/hashicorp/terraform-provider-aws/tree/main/internal/service/rds (compareActualEngineVersion)", PROVIDER_SOURCE);
/** Read: a global cluster's `engine_version` takes the running version (only a "5.6.10a" / "5.6.global_10a" pair is kept). */
const RDS_GLOBAL_CLUSTER_GO = src("https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/rds/global_cluster.go", PROVIDER_SOURCE);
/** Read: Redis ≥ 6 reads back "major.minor" of the running version; a planned downgrade forces replacement. */
const ELASTICACHE_VERSION_GO = src("https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/elasticache/engine_version.go", PROVIDER_SOURCE);

const AURORA_AMVU = src("https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Maintenance.AMVU.html", "Aurora User Guide, Automatic minor version upgrades for Aurora DB clusters");
const AURORA_GLOBAL_UPGRADE = src("https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-upgrade.html", "Aurora User Guide, Upgrading an Amazon Aurora global database");
const ELASTICACHE_VERSIONS = src("https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/VersionManagement.html", "ElastiCache User Guide, Version management for self-designed clusters");
const K8S_HPA = src(
    "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling",
    "Kubernetes documentation, Horizontal Pod Autoscaling",
);
const K8S_SSA = src("https://kubernetes.io/docs/reference/using-api/server-side-apply/#transferring-ownership", "Kubernetes documentation, Server-Side Apply");
const HELM_RELEASE_DOC = src("https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/", "@pulumi/kubernetes 4.34.2 helm/v3/release.d.ts: version");
const SCHEDULED_BOUNDS = src("components/workload/schedule.ts", "this repository: the scheduled-bounds CronJobs patch the HPA's spec.minReplicas and spec.maxReplicas");

/**
 * When a row applies to a planned resource; every listed condition must hold.
 * - `set`: the field is in the resource's inputs.
 * - `globalClusterMember`: an Aurora cluster with a `globalClusterIdentifier` (any role: a switchover or failover
 *   makes the primary a secondary, which then reads back a replication source too).
 * - `minorUpgradesOn`: the resource's `autoMinorVersionUpgrade` is not false (RDS and ElastiCache default: true).
 * - `fewerThanThreeZones`: `availabilityZones` lists fewer than 3 zones.
 * - `autoscalerDiscovered`: a node group tagged `k8s.io/cluster-autoscaler/enabled=true` (the autoscaler resizes it).
 * - `hpaTarget`: a Deployment named by an HPA's `scaleTargetRef` in the same cluster and namespace.
 * - `cronJobPatched`: an HPA field that a CronJob's `kubectl patch` of that HPA sets.
 */
export type DriftCondition = "set" | "globalClusterMember" | "minorUpgradesOn" | "fewerThanThreeZones" | "autoscalerDiscovered" | "hpaTarget" | "cronJobPatched";

interface DriftFieldBase {
    /** Input path as `ignoreChanges` names it, e.g. `scalingConfig.desiredSize`. */
    readonly path: string;
    /** Who writes the field after create. */
    readonly changedBy: string;
    /** The conditions under which the row applies (all of them); empty: always. */
    readonly when: readonly DriftCondition[];
    /** The same in words, for messages and the README. */
    readonly whenText: string;
    readonly source: Source;
}

/** The outside writer owns the field: the resource lists it in `ignoreChanges`. */
export interface IgnoredField extends DriftFieldBase {
    readonly handling: "ignore";
    /** A value the writer leaves behind (the drift test's base plan carries it). */
    readonly example: unknown;
}

/** The program states the value, in the form the service reads back, from the stack config; never looked up. */
export interface PinnedField extends DriftFieldBase {
    readonly handling: "pin";
    /** The exact form a pin takes (a range, a "latest" or an empty value is no pin). */
    readonly form: RegExp;
    readonly formText: string;
    /** Config path the pin comes from. */
    readonly pinnedBy: string;
    /** What the service reads back for a pinned value. */
    readonly example: string;
}

export type DriftField = IgnoredField | PinnedField;

export interface DriftEntry {
    readonly type: string;
    readonly fields: readonly DriftField[];
    /** Why the remaining inputs of the type need nothing (checked, not assumed). */
    readonly note: string;
    readonly sources: readonly Source[];
}

const entries: readonly DriftEntry[] = [
    {
        type: "aws:rds/cluster:Cluster",
        fields: [
            {
                path: "replicationSourceIdentifier",
                handling: "ignore",
                changedBy: "RDS: a secondary of an Aurora global database reads back its primary's ARN as replication source",
                when: ["globalClusterMember"],
                whenText: "member of an Aurora global database (any role: after a switchover the old primary is a secondary)",
                example: "arn:aws:rds:us-east-1:123456789012:cluster:strata-prod-us-east-1-shard-0",
                source: RDS_CLUSTER_DOC,
            },
            {
                path: "engineVersion",
                handling: "ignore",
                changedBy: "the GlobalCluster's engine upgrade, which the provider applies to every member",
                when: ["set", "globalClusterMember"],
                whenText: "engineVersion set on a member of an Aurora global database",
                example: "16.6",
                source: RDS_GLOBAL_CLUSTER_DOC,
            },
            {
                path: "engineVersion",
                handling: "ignore",
                changedBy: "RDS automatic minor version upgrade in the maintenance window (on by default); the provider then reads the running version back",
                when: ["set", "minorUpgradesOn"],
                whenText: "engineVersion set with a minor version and autoMinorVersionUpgrade not false",
                example: "16.6",
                source: RDS_COMPARE_VERSION_GO,
            },
            {
                path: "availabilityZones",
                handling: "ignore",
                changedBy: "RDS assigns 3 zones when fewer are configured (a difference that forces replacement)",
                when: ["fewerThanThreeZones"],
                whenText: "availabilityZones set with fewer than 3 zones",
                example: ["us-east-1a", "us-east-1b", "us-east-1c"],
                source: RDS_CLUSTER_DOC,
            },
        ],
        note: "globalClusterIdentifier needs ignoring only when a cluster joins a global database after create (restored from a snapshot, or made global with sourceDbClusterIdentifier); Strata creates members inside the GlobalCluster, which reads back the same identifier.",
        sources: [RDS_CLUSTER_DOC, RDS_GLOBAL_CLUSTER_DOC, RDS_CLUSTER_GO, RDS_COMPARE_VERSION_GO, AURORA_AMVU, AURORA_GLOBAL_UPGRADE],
    },
    {
        type: "aws:rds/clusterInstance:ClusterInstance",
        fields: [
            {
                path: "engineVersion",
                handling: "ignore",
                changedBy: "the cluster's engine upgrades (automatic minor upgrades on by default); an instance follows its cluster",
                when: ["set"],
                whenText: "engineVersion set on the instance",
                example: "16.6",
                source: RDS_CLUSTER_INSTANCE_DOC,
            },
        ],
        note: "Instances leave engineVersion to their cluster (the provider documents that an instance-level engineVersion change does not upgrade); identifiers, class, zone and tier are never changed by RDS.",
        sources: [RDS_CLUSTER_INSTANCE_DOC, AURORA_AMVU],
    },
    {
        type: "aws:rds/globalCluster:GlobalCluster",
        fields: [
            {
                path: "engineVersion",
                handling: "ignore",
                changedBy: "RDS: members' minor upgrades (automatic, or AWS-forced at end of a version's support) move the global database's version; the provider reads the running version back",
                when: ["set"],
                whenText: "engineVersion set on the global cluster",
                example: "16.6",
                source: RDS_GLOBAL_CLUSTER_GO,
            },
        ],
        note: "An upgrade of a global database is an explicit operation (README): with the version ignored, a pulumi up never tries to move it back, which the engine cannot do (downgrades fail).",
        sources: [RDS_GLOBAL_CLUSTER_DOC, RDS_GLOBAL_CLUSTER_GO, AURORA_GLOBAL_UPGRADE],
    },
    {
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        fields: [
            {
                path: "engineVersion",
                handling: "ignore",
                changedBy: "ElastiCache automatic minor version upgrades (Redis OSS and Valkey ≥ 6, AWS default on); the provider reads back major.minor of the running version and plans a downgrade as a replacement",
                when: ["set", "minorUpgradesOn"],
                whenText: "engineVersion set with autoMinorVersionUpgrade not false",
                example: "7.2",
                source: ELASTICACHE_VERSION_GO,
            },
        ],
        note:
            "The provider documents autoMinorVersionUpgrade as applying minor engine upgrades in the maintenance window, while the ElastiCache guide says version upgrades of self-designed clusters are started by the user; ignoring is the safe reading, since a planned move back is a replacement. A member of a Global Datastore: the provider itself ignores engine, engineVersion and parameterGroupName (ElastiCache replaces the parameter group with a global-datastore- copy), so the program does not set them there.",
        sources: [ELASTICACHE_RG_DOC, ELASTICACHE_GLOBAL_DOC, ELASTICACHE_VERSION_GO, ELASTICACHE_VERSIONS],
    },
    {
        type: "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
        fields: [],
        note: "Strata sets only the id suffix, the primary and a description; engine, version and node type are inherited from the primary at create and read back as such.",
        sources: [ELASTICACHE_GLOBAL_DOC],
    },
    {
        type: "aws:eks/cluster:Cluster",
        fields: [
            {
                path: "version",
                handling: "pin",
                changedBy: "EKS upgrades a cluster whose upgradePolicy.supportType is STANDARD at the end of its version's standard support; a downgrade is not possible",
                when: [],
                whenText: "always (keep cluster.kubernetesVersion inside EKS standard support, catalog/eks.ts)",
                form: /^1\.\d+$/,
                formText: 'a Kubernetes minor version such as "1.33"',
                pinnedBy: "strata:cluster.kubernetesVersion",
                example: "1.33",
                source: EKS_CLUSTER_DOC,
            },
        ],
        note: "Left unset, EKS picks the newest version at create; the provider documents that the version must be configured and increased to upgrade. A STANDARD cluster is upgraded by EKS past its version's standard support and the pin would then ask for a downgrade, so Strata sets EXTENDED (catalog/eks.ts UPGRADE_POLICY): the pin holds, and strata-operations flags a version in (costlier) extended support.",
        sources: [EKS_CLUSTER_DOC],
    },
    {
        type: "aws:eks/nodeGroup:NodeGroup",
        fields: [
            {
                path: "scalingConfig.desiredSize",
                handling: "ignore",
                changedBy: "the cluster autoscaler, through the group's Auto Scaling group",
                when: ["autoscalerDiscovered"],
                whenText: "a group the cluster autoscaler discovers (tag k8s.io/cluster-autoscaler/enabled=true)",
                example: 7,
                source: EKS_NODE_GROUP_DOC,
            },
        ],
        note: "Version and release version are left to the cluster (the provider only detects drift on them when set); the launch template version comes from the template's latest version.",
        sources: [EKS_NODE_GROUP_DOC],
    },
    {
        type: "aws:eks/addon:Addon",
        fields: [
            {
                path: "addonVersion",
                handling: "pin",
                changedBy: "not AWS but the program: a version looked up as EKS's current default (aws.eks.getAddonVersion) or left unset moves whenever EKS publishes a new default, and the next pulumi up upgrades the add-on",
                when: [],
                whenText: "always",
                form: /^v\d+\.\d+\.\d+-eksbuild\.\d+$/,
                formText: 'an exact EKS add-on version such as "v1.20.1-eksbuild.3"',
                pinnedBy: "strata:cluster.addonVersions",
                example: "v1.20.1-eksbuild.3",
                source: EKS_ADDON_DOC,
            },
        ],
        note: "EKS never changes an add-on's version by itself; configuration conflicts are resolved by resolveConflictsOnUpdate.",
        sources: [EKS_ADDON_DOC],
    },
    {
        type: "aws:kms/key:Key",
        fields: [],
        note: "Strata sets description, rotation and deletion window; AWS changes none of them (the default key policy and rotation period are computed when unset, so they show no difference).",
        sources: [KMS_KEY_DOC],
    },
    {
        type: "aws:secretsmanager/secret:Secret",
        fields: [],
        note: "Replica status fields are computed attributes, not inputs; no rotation is configured, so Secrets Manager writes no new version.",
        sources: [SECRET_DOC],
    },
    {
        type: "aws:s3/bucket:Bucket",
        fields: [],
        note: "The provider detects drift on the bucket's inline configuration only when it is set; Strata configures encryption, lifecycle and public access with their own resources.",
        sources: [S3_BUCKET_DOC],
    },
    {
        type: "aws:globalaccelerator/accelerator:Accelerator",
        fields: [],
        note: "The static IP addresses are allocated by AWS and are outputs unless set; Strata does not set them.",
        sources: [ACCELERATOR_DOC],
    },
    {
        type: "kubernetes:apps/v1:Deployment",
        fields: [
            {
                path: "spec.replicas",
                handling: "ignore",
                changedBy: "the HorizontalPodAutoscaler controller, through the scale subresource",
                when: ["hpaTarget"],
                whenText: "a Deployment an HPA scales",
                example: 12,
                source: K8S_HPA,
            },
        ],
        note: "Kubernetes recommends leaving replicas out of a scaled Deployment's manifest (Strata does); ignoring it as well keeps a later apply from taking the field back from the HPA.",
        sources: [K8S_HPA, K8S_SSA],
    },
    {
        type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
        fields: [
            {
                path: "spec.minReplicas",
                handling: "ignore",
                changedBy: "a scheduled-bounds CronJob (kubectl patch) at each window's start and end",
                when: ["cronJobPatched"],
                whenText: "an HPA whose minReplicas a CronJob patches",
                example: 3,
                source: SCHEDULED_BOUNDS,
            },
            {
                path: "spec.maxReplicas",
                handling: "ignore",
                changedBy: "a scheduled-bounds CronJob (kubectl patch) at each window's start and end",
                when: ["cronJobPatched"],
                whenText: "an HPA whose maxReplicas a CronJob patches",
                example: 15,
                source: SCHEDULED_BOUNDS,
            },
        ],
        note: "The HPA controller writes only the status of the object.",
        sources: [SCHEDULED_BOUNDS, K8S_HPA],
    },
    {
        type: "kubernetes:helm.sh/v3:Release",
        fields: [
            {
                path: "version",
                handling: "pin",
                changedBy: "not the cluster but the chart repository: an unset version installs the latest chart at every deploy",
                when: [],
                whenText: "always",
                // Some repositories prefix their versions with "v" (cert-manager's "v1.21.1"): still one exact version.
                form: /^v?\d+\.\d+\.\d+$/,
                formText: 'an exact chart version such as "3.12.2" or "v1.21.1" (no range, no "latest")',
                pinnedBy: "strata:cluster.chartVersions, strata:observability.chartVersions, strata:mesh.istioVersion, strata:edge.tls.certManagerVersion",
                example: "3.12.2",
                source: HELM_RELEASE_DOC,
            },
        ],
        note: "Values are the program's; Helm keeps what it was given.",
        sources: [HELM_RELEASE_DOC],
    },
];

export const DRIFT_FIELDS: Sourced<readonly DriftEntry[]> = {
    sources: [...new Map(entries.flatMap((e) => e.sources).map((s) => [s.url, s])).values()],
    rows: entries,
};

/** The catalog entry of a resource type, if the type has one. */
export const driftEntry = (type: string): DriftEntry | undefined => DRIFT_FIELDS.rows.find((e) => e.type === type);

/** Managed add-ons every cluster runs, by EKS name. */
export type EksAddonName = "vpc-cni" | "kube-proxy" | "coredns" | "aws-ebs-csi-driver";

export interface EksAddonVersion {
    readonly kubernetesVersion: string;
    readonly addon: EksAddonName;
    readonly version: string;
    readonly source: Source;
}

const EKS_GUIDE = "https://github.com/awsdocs/amazon-eks-user-guide/blob/057948d9301426e6165db5fddb5617a971d08b6c/latest/ug/networking";
const VPC_CNI_VERSIONS = src(`${EKS_GUIDE}/managing-vpc-cni.adoc`, "EKS User Guide, Amazon VPC CNI versions table (latest add-on version per Kubernetes version)");
const COREDNS_VERSIONS = src(`${EKS_GUIDE}/managing-coredns.adoc`, "EKS User Guide, CoreDNS versions table");
const KUBE_PROXY_VERSIONS = src("https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html", "EKS User Guide, kube-proxy versions table (the copy listing 1.34 as newest)");
/* The EKS User Guide has no per-Kubernetes-version table for the EBS CSI driver add-on. */
const EBS_CSI_VERSIONS = src(
    "https://github.com/awslabs/cdk-eks-blueprints/blob/0f89ff76dac7c6af6182fe08f79f088a80374c2b/lib/addons/ebs-csi-driver/index.ts",
    "AWS Labs EKS Blueprints: EKS default add-on version per Kubernetes version",
);

/**
 * EKS add-on versions for the Kubernetes versions Strata pins, as EKS lists them. A stack pins these in
 * `cluster.addonVersions`; `npm run addon-pins -- <stack>` proposes EKS's current defaults when credentials exist.
 */
export const EKS_ADDON_VERSIONS: Sourced<readonly EksAddonVersion[]> = {
    sources: [VPC_CNI_VERSIONS, KUBE_PROXY_VERSIONS, COREDNS_VERSIONS, EBS_CSI_VERSIONS],
    rows: [
        { kubernetesVersion: "1.33", addon: "vpc-cni", version: "v1.20.1-eksbuild.3", source: VPC_CNI_VERSIONS },
        { kubernetesVersion: "1.33", addon: "kube-proxy", version: "v1.33.5-eksbuild.2", source: KUBE_PROXY_VERSIONS },
        { kubernetesVersion: "1.33", addon: "coredns", version: "v1.12.3-eksbuild.1", source: COREDNS_VERSIONS },
        { kubernetesVersion: "1.33", addon: "aws-ebs-csi-driver", version: "v1.56.0-eksbuild.1", source: EBS_CSI_VERSIONS },
    ],
};

/** The catalog's add-on version for a Kubernetes version, if recorded. */
export const eksAddonVersion = (kubernetesVersion: string, addon: EksAddonName): string | undefined =>
    EKS_ADDON_VERSIONS.rows.find((r) => r.kubernetesVersion === kubernetesVersion && r.addon === addon)?.version;
