/*
 * Typical CREATE durations, in seconds, of the resource types the stacks declare, as Pulumi sees them on real
 * AWS and Kubernetes: from the create call until the provider reports the resource created (for most AWS
 * resources that includes the provider's wait for an "available"/"ACTIVE" state; for Kubernetes workloads,
 * Pulumi's await logic waits for readiness).
 *
 * They feed the deployment critical-path estimate: sum these along the longest dependency chain of a plan.
 * Values are TYPICAL, not worst case. The provider timeouts quoted in sources are upper bounds before a create
 * is failed, never the expected time. Where no source gave a duration, the value is an estimate and its source
 * says so, naming the closest documented fact.
 *
 * Terraform timeouts are from hashicorp/terraform-provider-aws website/docs/r/*.html.markdown. Pulumi AWS
 * bridges that provider, so it uses the same defaults. Pulumi Kubernetes quotes are from @pulumi/kubernetes
 * 4.34.2 doc comments (node_modules).
 */

export interface CreationTime {
    readonly seconds: number;
    readonly source: string;
}

const API_CALL = "estimate: a single synchronous API call with no wait for a state";

/** Exact type tokens. */
export const CREATION_TIMES: Readonly<Record<string, CreationTime>> = {
    // --- EKS ---------------------------------------------------------------------------------------------
    "aws:eks/cluster:Cluster": {
        seconds: 600,
        source:
            "AWS EKS API Reference, CreateCluster: 'In most cases, it takes several minutes to create a cluster'; " +
            "aws/containers-roadmap#1227: 'EKS cluster control plane provisioning time currently averages 15 minutes' (filed to track reductions); " +
            "terraform-provider-aws aws_eks_cluster: default create timeout 30 minutes; estimate: typical 10 min",
    },
    "aws:eks/nodeGroup:NodeGroup": {
        seconds: 300,
        source:
            "terraform-provider-aws aws_eks_node_group: default create timeout 60 minutes; boto3 EKS waiter NodegroupActive polls every 30 s " +
            "for up to 80 checks; estimate: typical 3–5 min (EC2 launch + node join), 5 min used",
    },
    "aws:eks/addon:Addon": {
        seconds: 90,
        source:
            "terraform-provider-aws aws_eks_addon: default create timeout 20m; estimate: typical 1–2 min until ACTIVE " +
            "(coredns-style add-ons need schedulable nodes)",
    },
    "aws:eks/accessEntry:AccessEntry": { seconds: 3, source: API_CALL },

    // --- Aurora / RDS --------------------------------------------------------------------------------------
    "aws:rds/globalCluster:GlobalCluster": {
        seconds: 60,
        source:
            "terraform-provider-aws aws_rds_global_cluster: default create timeout 30m; AWS RDS API CreateGlobalCluster can create an " +
            "initially empty global database (members are added as aws_rds_cluster); estimate: ~1 min for the empty container",
    },
    "aws:rds/cluster:Cluster": {
        seconds: 300,
        source:
            "terraform-provider-aws aws_rds_cluster: default create timeout 120m; aws/agent-toolkit-for-aws Aurora skill: " +
            "'Aurora cluster and instance creation can take 10-20 minutes'; estimate: ~5 min for the cluster without instances " +
            "(secondary clusters of a global database are usually slower)",
    },
    "aws:rds/clusterInstance:ClusterInstance": {
        seconds: 600,
        source:
            "terraform-provider-aws aws_rds_cluster_instance: default create timeout 90m; aws/agent-toolkit-for-aws Aurora skill: " +
            "'Aurora cluster and instance creation can take 10-20 minutes'; estimate: typical 10 min per instance",
    },
    "aws:rds/proxy:Proxy": {
        seconds: 300,
        source:
            "terraform-provider-aws aws_db_proxy: default create timeout 30m; RDS DBProxy status: 'available means the proxy is ready " +
            "to handle requests. Other values indicate that you must wait'; estimate: typical ~5 min",
    },
    "aws:rds/proxyEndpoint:ProxyEndpoint": {
        seconds: 240,
        source:
            "terraform-provider-aws aws_db_proxy_endpoint: default create timeout 30m; estimate: ~4 min (provisions ENIs in the VPC like the proxy)",
    },
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": {
        seconds: 15,
        source:
            "terraform-provider-aws aws_db_proxy_default_target_group: default create timeout 30m; estimate: the group already exists " +
            "with the proxy, create only modifies it and waits for available (~15 s)",
    },
    "aws:rds/proxyTarget:ProxyTarget": {
        seconds: 60,
        source:
            "estimate: RegisterDBProxyTargets call plus target registration; no documented duration found, conservative 1 min " +
            "(closest fact: sibling aws_db_proxy_* resources default to 30m create timeouts)",
    },
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": {
        seconds: 2,
        source:
            "estimate: one API call; note AWS RDS API CreateDBClusterParameterGroup advises waiting at least 5 minutes before a new " +
            "cluster uses it as default, which Pulumi does not wait for",
    },

    // --- ElastiCache ---------------------------------------------------------------------------------------
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        seconds: 720,
        source:
            "terraform-provider-aws aws_elasticache_replication_group: default create timeout 60m; estimate: typical 10–15 min " +
            "for a Multi-AZ group with replicas, 12 min used",
    },
    "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": {
        seconds: 600,
        source:
            "estimate: Global Datastore creation from an existing primary replication group; no documented duration found, " +
            "assumed comparable to a replication group (aws_elasticache_replication_group default create timeout 60m)",
    },

    // --- VPC / networking ----------------------------------------------------------------------------------
    "aws:ec2/natGateway:NatGateway": {
        seconds: 120,
        source:
            "AWS EC2 API NatGateway.state: 'pending: The NAT gateway is being created and is not ready to process traffic'; " +
            "AWS CLI waiter nat-gateway-available polls every 15 s for up to 40 checks; estimate: typical 1–2 min, 2 min used",
    },
    "aws:ec2/eip:Eip": {
        seconds: 2,
        source: "terraform-provider-aws aws_eip: documents read/update/delete timeouts but no create wait; estimate: one AllocateAddress call",
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        seconds: 10,
        source: "estimate: Gateway endpoint (this project's S3 endpoint) becomes available within seconds; Interface endpoints take minutes",
    },

    // --- Global Accelerator ----------------------------------------------------------------------------------
    "aws:globalaccelerator/accelerator:Accelerator": {
        seconds: 180,
        source:
            "terraform-provider-aws aws_globalaccelerator_accelerator: default create timeout 30m (waits for AcceleratorStatus " +
            "DEPLOYED, enum DEPLOYED | IN_PROGRESS); estimate: typical ~3 min",
    },
    "aws:globalaccelerator/listener:Listener": {
        seconds: 90,
        source:
            "terraform-provider-aws aws_globalaccelerator_listener: default create timeout 30m (waits for the accelerator to return " +
            "to DEPLOYED); estimate: ~1.5 min",
    },
    "aws:globalaccelerator/endpointGroup:EndpointGroup": {
        seconds: 90,
        source:
            "terraform-provider-aws aws_globalaccelerator_endpoint_group: default create timeout 30m (waits for the accelerator to " +
            "return to DEPLOYED); estimate: ~1.5 min",
    },

    // --- Elastic Load Balancing ------------------------------------------------------------------------------
    "aws:lb/loadBalancer:LoadBalancer": {
        seconds: 180,
        source:
            "terraform-provider-aws aws_lb: default create timeout 10 minutes (waits for state active); estimate: typical NLB/ALB " +
            "provisioning 2–3 min, 3 min used",
    },
    "aws:lb/targetGroup:TargetGroup": { seconds: 2, source: API_CALL },
    "aws:lb/listener:Listener": { seconds: 2, source: API_CALL },

    // --- Route 53 / ACM ------------------------------------------------------------------------------------
    "aws:route53/record:Record": {
        seconds: 60,
        source:
            "Amazon Route 53 Developer Guide, Editing records: 'Changes generally propagate to all Route 53 name servers within " +
            "60 seconds'; the provider waits for the change to be INSYNC",
    },
    "aws:route53/healthCheck:HealthCheck": {
        seconds: 5,
        source: "estimate: CreateHealthCheck is one API call; checkers report status afterwards, which the provider does not wait for",
    },
    "aws:acm/certificate:Certificate": { seconds: 5, source: "estimate: RequestCertificate is one API call; validation is a separate resource" },
    "aws:acm/certificateValidation:CertificateValidation": {
        seconds: 300,
        source: "estimate: DNS validation waits for ACM to issue the certificate, typically several minutes after the record propagates",
    },

    // --- KMS / Secrets Manager -------------------------------------------------------------------------------
    "aws:kms/key:Key": {
        seconds: 10,
        source:
            "terraform-provider-aws aws_kms_key: default create timeout 2m ('a variety of default timeouts set internally' for " +
            "key state and policy propagation); estimate: ~10 s",
    },
    "aws:kms/alias:Alias": { seconds: 2, source: API_CALL },
    "aws:secretsmanager/secret:Secret": {
        seconds: 30,
        source:
            "terraform-provider-aws aws_secretsmanager_secret: replica status is InProgress, Failed or InSync; estimate: ~30 s " +
            "with cross-region replicas (this project replicates the Postgres secret), a few seconds without",
    },
    "aws:secretsmanager/secretVersion:SecretVersion": { seconds: 2, source: API_CALL },

    // --- Application Auto Scaling -------------------------------------------------------------------------------
    "aws:appautoscaling/target:Target": {
        seconds: 5,
        source: "estimate: RegisterScalableTarget is one API call; may retry briefly while a new IAM role propagates",
    },
    "aws:appautoscaling/policy:Policy": { seconds: 3, source: "estimate: PutScalingPolicy is one API call" },

    // --- Kubernetes ----------------------------------------------------------------------------------------
    "kubernetes:helm.sh/v3:Release": {
        seconds: 180,
        source:
            "@pulumi/kubernetes helm.v3.Release: 'By default, the provider waits until all resources are in a ready state before " +
            "marking the release as successful'; this project sets timeout: 600 on cluster releases; estimate: typical ~3 min " +
            "(kube-prometheus-stack and Istio gateways slower, CRD-only charts faster)",
    },
    "kubernetes:apps/v1:Deployment": {
        seconds: 60,
        source:
            "@pulumi/kubernetes apps/v1 Deployment: 'This resource waits until its status is ready' and 'If the Deployment has not " +
            "reached a Ready state after 10 minutes, it will time out' (pulumi-kubernetes#721 raised it to 10 mins); estimate: " +
            "typical ~1 min (image pull + readiness probes)",
    },
    "kubernetes:core/v1:Service": {
        seconds: 20,
        source:
            "@pulumi/kubernetes core/v1 Service: waits for endpoints with no 'not ready' endpoints, 'wait 10 seconds for any " +
            "stragglers', 10 minute timeout; estimate: ~20 s (ClusterIP; overlaps the Deployment's rollout)",
    },
};

/**
 * Fallbacks by prefix, checked in order when a type is not listed exactly. More specific prefixes come first.
 */
export const CREATION_FALLBACKS: readonly (readonly [prefix: string, time: CreationTime])[] = [
    // Things that create nothing in a cloud.
    ["strata:", { seconds: 0, source: "component resource: creates nothing itself, its children are timed separately" }],
    ["pulumi:providers:", { seconds: 0, source: "provider resource: configured locally, no cloud call" }],
    ["pulumi:pulumi:", { seconds: 0, source: "Pulumi stack/component: creates nothing itself" }],
    ["random:", { seconds: 0, source: "random provider: computed locally by the engine, no cloud call" }],
    // Kubernetes: plain objects and custom resources are applied without a readiness wait.
    [
        "kubernetes:",
        {
            seconds: 2,
            source: "estimate: a plain Kubernetes object (ConfigMap, RBAC, CRs, HPA, PDB…) applies in one API call; Pulumi has no readiness await for it",
        },
    ],
    // AWS families made of quick control-plane calls.
    ["aws:iam/", { seconds: 3, source: "estimate: IAM create is one API call; IAM is eventually consistent, dependants may retry briefly" }],
    ["aws:cloudwatch/", { seconds: 2, source: "estimate: CloudWatch log group / alarm create is one API call" }],
    ["aws:ec2/", { seconds: 3, source: "estimate: VPC/subnet/route/security-group/launch-template create is one or two API calls with a short state wait" }],
    ["aws:s3/", { seconds: 3, source: "estimate: S3 bucket or bucket configuration create is one API call" }],
    ["aws:sns/", { seconds: 2, source: API_CALL }],
    ["aws:elasticache/", { seconds: 2, source: "estimate: ElastiCache subnet/parameter group create is one API call" }],
    ["aws:rds/", { seconds: 2, source: "estimate: RDS subnet/parameter group create is one API call" }],
];

const DEFAULT_TIME: CreationTime = { seconds: 5, source: "default: an API call" };

/** The typical create time of a type: exact entry, then the first matching prefix, then a 5 s default. */
export function creationTime(type: string): CreationTime {
    const exact = Object.prototype.hasOwnProperty.call(CREATION_TIMES, type) ? CREATION_TIMES[type] : undefined;
    if (exact !== undefined) {
        return exact;
    }
    for (const [prefix, time] of CREATION_FALLBACKS) {
        if (type.startsWith(prefix)) {
            return time;
        }
    }
    return DEFAULT_TIME;
}
