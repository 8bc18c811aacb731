import { Source } from "../source";

/*
 * Resource types in a Strata plan that are not billed by themselves: creating one adds nothing to the AWS bill
 * (or there is no cloud resource at all). What a type *enables* may still cost money; each reason says what is
 * billed instead, so the estimator can price that on the resource or usage that carries it.
 *
 * Where it came from. AWS documentation and pricing pages where the stored copies held the sentence
 * (docs.aws.amazon.com, aws.amazon.com/<service>/pricing); otherwise a dated third-party write-up, named in the
 * Source's `version`. Every reason paraphrases what the source says; nothing here is inferred from silence, except
 * where a pricing page lists the complete set of things it charges for and the type is not one of them (KMS alias,
 * ELB listener and target group, Global Accelerator listener and endpoint group, RDS parameter and subnet groups);
 * those reasons say so.
 *
 * Left out, because no statement could be read (the estimator refuses them by name, which is correct):
 *   aws:ec2/launchTemplate:LaunchTemplate,
 *   aws:elasticache/parameterGroup:ParameterGroup, aws:elasticache/subnetGroup:SubnetGroup,
 *   aws:elasticache/user:User, aws:elasticache/userGroup:UserGroup,
 *   aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup,
 *   aws:rds/proxyEndpoint:ProxyEndpoint (no source says whether an additional RDS Proxy endpoint is billed),
 *   aws:rds/proxyTarget:ProxyTarget,
 *   aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration (the S3 guide only says transitions and some
 *   expirations cost money), aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock,
 *   aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration.
 *
 * Two billing facts the estimator needs (not rows of this table):
 *   (a) Secrets Manager replicas ARE billed as separate secrets. The pricing page reads: "$0.40 per secret per
 *       month. A replica secret is considered a distinct secret and will also be billed at $0.40 per replica per
 *       month. For secrets that are stored for less than a month, the price is prorated (based on the number of
 *       hours.)" — see SECRETS_MANAGER_PRICING.
 *   (b) Public IPv4 charges DO apply both to an internet-facing NLB's per-AZ addresses and to Elastic IPs on NAT
 *       gateways. AWS: "AWS charges for all public IPv4 addresses, including public IPv4 addresses associated with
 *       running instances and Elastic IP addresses" (PUBLIC_IPV4_CHARGE). The AWS announcement blog lists four
 *       kinds — EC2 public IPv4, Amazon-owned Elastic IPs, service-managed public IPv4 and BYOIP — and "the new
 *       charges apply to all public IPv4 address types—except BYOIP" (PUBLIC_IPV4_BLOG). An internet-facing NLB
 *       gets one IPv4 address per enabled AZ: either an Elastic IP you give it per subnet or one Elastic Load
 *       Balancing provides per subnet (NLB_AZ_ADDRESSES); both are charged kinds. A NAT gateway's EIP is an
 *       Amazon-owned Elastic IP, so it is charged too. Only BYOIP addresses escape the charge.
 */

/** Why a type costs nothing by itself, and where that was read. */
export interface NoCharge {
    readonly reason: string;
    readonly source: Source;
}

const CHECKED = "2026-12-06";

// ---- Sources --------------------------------------------------------------------------------------------------

const VPC_PRIMITIVES: Source = {
    url: "https://www.factualminds.com/blog/amazon-vpc-pricing-endpoints-peering-transit-gateway/",
    version: "third-party write-up dated 2026-06-13 (AWS's VPC pricing page text was not in the stored copies)",
    checked: CHECKED,
};
const INTERNET_GATEWAY: Source = {
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html",
    checked: CHECKED,
};
const SECURITY_GROUPS: Source = {
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-security-groups.html",
    checked: CHECKED,
};
const GATEWAY_ENDPOINTS: Source = {
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    version:
        "interface endpoints being billed hourly per AZ and per GB: factualminds.com VPC pricing write-up (2026-06-13)",
    checked: CHECKED,
};
const AUTO_SCALING: Source = {
    url: "https://aws.amazon.com/autoscaling/pricing/",
    version: "also docs.aws.amazon.com/autoscaling/index.html, which names Application Auto Scaling",
    checked: CHECKED,
};
const EKS_BILLING: Source = {
    url: "https://www.factualminds.com/blog/amazon-eks-pricing-control-plane-addons-auto-mode/",
    version: "third-party write-up dated 2026-06-13 (AWS's EKS pricing page text was not in the stored copies)",
    checked: CHECKED,
};
const IAM_NO_CHARGE: Source = {
    url: "https://docs.aws.amazon.com/cost-management/latest/userguide/security-iam.html",
    version: "same sentence on https://aws.amazon.com/iam/ (\"a feature of your AWS account offered at no additional charge\")",
    checked: CHECKED,
};
const KMS_PRICING: Source = { url: "https://aws.amazon.com/kms/pricing/", checked: CHECKED };
const ELB_PRICING: Source = {
    url: "https://aws.amazon.com/elasticloadbalancing/pricing/",
    version: "stored copy at aws.amazon.com/elasticloadbalancing/classicloadbalancer/pricing/ (same page body)",
    checked: CHECKED,
};
const GLOBAL_ACCELERATOR_PRICING: Source = { url: "https://aws.amazon.com/global-accelerator/pricing/", checked: CHECKED };
/** Vended logs: VPC flow logs are billed as their delivery to CloudWatch Logs or S3, per GB. */
const VENDED_LOGS: Source = {
    url: "https://aws.amazon.com/cloudwatch/pricing/",
    version: "Vended logs (VPC flow logs) are charged per GB delivered to the destination, at the CloudWatch Logs vended-log rates",
    checked: CHECKED,
};
/** Third-party, dated: AWS's own ACM pricing text was not in the stored pages. */
const ACM_PUBLIC_CERTIFICATES: Source = {
    url: "https://digitaliceroom.com/aws-cheat-sheet/aws-security/aws-certificate-manager",
    version: "AWS cheat sheet updated 2025-06-23: 'Public SSL/TLS certificates provisioned through ACM are free of charge. You only pay for the AWS resources that use them.'",
    checked: CHECKED,
};
const AURORA_BILLING: Source = {
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/User_DBInstanceBilling.html",
    checked: CHECKED,
};
/** Also backs fact (a) in the header. */
export const SECRETS_MANAGER_PRICING: Source = {
    url: "https://aws.amazon.com/secrets-manager/pricing/",
    version:
        "page text as transcribed in api-evangelist/amazon-secrets-manager plans/amazon-secrets-manager-plans-pricing.yml " +
        "(harvested 2026-09-20) and quoted verbatim in a second public repository; AWS's page itself was not stored",
    checked: CHECKED,
};
const SNS_BILLING: Source = {
    url: "https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/",
    version: "third-party write-up dated 2026-06-13 (AWS's SNS pricing page text was not in the stored copies)",
    checked: CHECKED,
};
const ROUTE53_ALIAS: Source = {
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-global-accelerator.html",
    version:
        "also routing-to-elb-load-balancer.html (\"doesn't charge for alias queries to ELB load balancers or other AWS " +
        "resources\") and resource-record-sets-choosing-alias-non-alias.html (\"Route 53 charges for CNAME queries\"); " +
        "$0.40 per million standard queries from aws.amazon.com/route53/pricing/ as transcribed by " +
        "api-evangelist/amazon-route53-resolver (2026-09-20)",
    checked: CHECKED,
};
const PULUMI_RANDOM: Source = { url: "https://github.com/pulumi/pulumi-random", version: "README", checked: CHECKED };
/** Back fact (b) in the header. */
export const PUBLIC_IPV4_CHARGE: Source = {
    url: "https://aws.amazon.com/vpc/pricing/",
    version:
        "sentence as it appears in AWS's EC2/VPC documentation and API reference, pointing to the Public IPv4 Address " +
        "tab of this page (e.g. docs.aws.amazon.com/AWSEC2/latest/APIReference, AssociatePublicIpAddress)",
    checked: CHECKED,
};
export const PUBLIC_IPV4_BLOG: Source = {
    url: "https://aws.amazon.com/blogs/networking-and-content-delivery/identify-and-optimize-public-ipv4-address-usage-on-aws/",
    checked: CHECKED,
};
export const NLB_AZ_ADDRESSES: Source = {
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/availability-zones.html",
    version: "read in the docs.amazonaws.cn English copy and the pt_br copy of the same page",
    checked: CHECKED,
};

// ---- Table ----------------------------------------------------------------------------------------------------

const SG_REASON =
    "AWS: \"There is no additional charge for using security groups.\"";
const SG_RULE_REASON =
    "A rule is an entry of a security group, and AWS: \"There is no additional charge for using security groups.\"";
const AUTO_SCALING_REASON =
    "AWS: \"There is no additional charge for AWS Auto Scaling. You pay only for the AWS resources needed to run your " +
    "applications and Amazon CloudWatch monitoring fees.\" The scaled resource and its CloudWatch alarms are billed.";
const EKS_REASON =
    "Amazon EKS bills the cluster control plane (per cluster-hour) and Extended Support directly; everything else is " +
    "billed on adjacent services (EC2 for nodes, EBS, ELB, CloudWatch Logs, ECR). Add-on pods consume node capacity " +
    "that is billed as EC2.";
const IAM_REASON =
    "AWS: \"IAM is an AWS service that you can use with no additional charge\"; IAM is a feature of the account " +
    "offered at no additional charge.";
const ELB_REASON =
    "The ELB pricing page charges \"for each hour or partial hour that an Application Load Balancer is running, and " +
    "the number of Load Balancer Capacity Units (LCU) used per hour\" (NLB: NLCUs), plus data transfer. Listeners and " +
    "target groups are not among the charges; their cost is in the load balancer's hours and capacity units.";
const GA_REASON =
    "The Global Accelerator pricing page charges \"for each accelerator that is provisioned and the amount of traffic " +
    "in the dominant direction\" ($0.025 fixed fee per accelerator-hour plus DT-Premium per GB). Listeners and endpoint " +
    "groups are not among the charges; price the accelerator.";
const RDS_GROUP_REASON =
    "AWS lists the billed components of Aurora DB instances as instance hours, storage, I/O requests, backup storage " +
    "and data transfer. A parameter group or subnet group is configuration, not one of those components.";

/** Pulumi type token → why it costs nothing by itself. */
export const NO_CHARGE: Readonly<Record<string, NoCharge>> = {
    // -- VPC networking
    "aws:ec2/vpc:Vpc": {
        reason:
            "The VPC itself is free to create and use; the bill comes from what is attached (public IPv4 addresses, " +
            "interface endpoints, NAT gateways, transit gateways, VPN) and from data transfer.",
        source: VPC_PRIMITIVES,
    },
    "aws:ec2/subnet:Subnet": {
        reason: "Subnets are among the VPC primitives that are free to create; traffic and attached resources are billed.",
        source: VPC_PRIMITIVES,
    },
    "aws:ec2/routeTable:RouteTable": {
        reason: "Route tables are among the VPC primitives that are free to create.",
        source: VPC_PRIMITIVES,
    },
    "aws:ec2/route:Route": {
        reason: "A route is an entry of a route table; route tables are free to create. The route's target is billed on its own.",
        source: VPC_PRIMITIVES,
    },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": {
        reason: "Associates a subnet with a route table; both are free VPC primitives.",
        source: VPC_PRIMITIVES,
    },
    "aws:ec2/internetGateway:InternetGateway": {
        reason:
            "AWS: \"There is no charge for an internet gateway, but there are data transfer charges for EC2 instances " +
            "that use internet gateways.\"",
        source: INTERNET_GATEWAY,
    },
    "aws:ec2/securityGroup:SecurityGroup": { reason: SG_REASON, source: SECURITY_GROUPS },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        reason: "Adopts the VPC's default security group. " + SG_REASON,
        source: SECURITY_GROUPS,
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { reason: SG_RULE_REASON, source: SECURITY_GROUPS },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { reason: SG_RULE_REASON, source: SECURITY_GROUPS },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        reason:
            "ONLY a GATEWAY endpoint (vpcEndpointType \"Gateway\", e.g. com.amazonaws.<region>.s3) is free — AWS: " +
            "\"There is no additional charge for using gateway endpoints.\" INTERFACE endpoints (PrivateLink) are " +
            "billed per endpoint per AZ-hour plus per GB processed, so the estimator must check the endpoint type and " +
            "price interface endpoints instead of treating them as free.",
        source: GATEWAY_ENDPOINTS,
    },

    // -- Application Auto Scaling
    "aws:appautoscaling/target:Target": { reason: AUTO_SCALING_REASON, source: AUTO_SCALING },
    "aws:appautoscaling/policy:Policy": { reason: AUTO_SCALING_REASON, source: AUTO_SCALING },

    // -- EKS
    "aws:eks/addon:Addon": { reason: EKS_REASON, source: EKS_BILLING },
    "aws:eks/accessEntry:AccessEntry": { reason: EKS_REASON, source: EKS_BILLING },
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": { reason: EKS_REASON, source: EKS_BILLING },

    // -- IAM
    "aws:iam/role:Role": { reason: IAM_REASON, source: IAM_NO_CHARGE },
    "aws:iam/rolePolicy:RolePolicy": { reason: IAM_REASON, source: IAM_NO_CHARGE },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { reason: IAM_REASON, source: IAM_NO_CHARGE },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": { reason: IAM_REASON, source: IAM_NO_CHARGE },

    // -- KMS
    "aws:kms/alias:Alias": {
        reason:
            "The KMS pricing page charges key storage (\"Each AWS KMS key that you create in KMS costs $1/month\") and " +
            "key usage per request. An alias is a friendly name for a key, not a key, so it is not among the charges; " +
            "the key it names is billed.",
        source: KMS_PRICING,
    },

    // -- Elastic Load Balancing
    "aws:lb/listener:Listener": { reason: ELB_REASON, source: ELB_PRICING },
    "aws:lb/targetGroup:TargetGroup": { reason: ELB_REASON, source: ELB_PRICING },

    // -- Global Accelerator
    "aws:globalaccelerator/listener:Listener": { reason: GA_REASON, source: GLOBAL_ACCELERATOR_PRICING },
    "aws:globalaccelerator/endpointGroup:EndpointGroup": { reason: GA_REASON, source: GLOBAL_ACCELERATOR_PRICING },

    // -- RDS / Aurora
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": { reason: RDS_GROUP_REASON, source: AURORA_BILLING },
    "aws:rds/parameterGroup:ParameterGroup": { reason: RDS_GROUP_REASON, source: AURORA_BILLING },
    "aws:rds/subnetGroup:SubnetGroup": { reason: RDS_GROUP_REASON, source: AURORA_BILLING },
    "aws:acm/certificate:Certificate": { reason: "A public certificate provisioned through ACM is free; only the resources that use it are billed.", source: ACM_PUBLIC_CERTIFICATES },
    "aws:acm/certificateValidation:CertificateValidation": { reason: "Waits for a public ACM certificate's validation; it creates nothing billed (the certificate is free).", source: ACM_PUBLIC_CERTIFICATES },
    "aws:ec2/flowLog:FlowLog": {
        reason: "A flow log is billed as the logs it delivers (vended logs, per GB), priced on its destination log group or bucket.",
        source: VENDED_LOGS,
    },
    "aws:rds/globalCluster:GlobalCluster": {
        reason:
            "AWS lists the billed components of Aurora as instance hours, storage, I/O requests, backup storage and data " +
            "transfer; a global database's cost is its member clusters' (and its replicated writes), priced on them.",
        source: AURORA_BILLING,
    },

    // -- Secrets Manager
    "aws:secretsmanager/secretVersion:SecretVersion": {
        reason:
            "Secrets Manager charges \"$0.40 per secret per month\" (each replica billed as a distinct secret) and " +
            "\"$0.05 per 10,000 API calls\"; there is no charge per version. A version is the secret's value and is " +
            "covered by the secret's monthly price; writing it is one API call.",
        source: SECRETS_MANAGER_PRICING,
    },

    // -- SNS
    "aws:sns/topic:Topic": {
        reason:
            "A topic costs nothing by itself. SNS bills requests and deliveries: publishes (Standard topic $0.50 per " +
            "million, FIFO $0.30 per million) and, separately, each delivery at its protocol's rate (HTTP $0.60 per " +
            "million, email $2 per 100,000, SMS per country, mobile push $0.50 per million).",
        source: SNS_BILLING,
    },
    "aws:sns/topicSubscription:TopicSubscription": {
        reason:
            "A subscription costs nothing by itself; SNS bills each delivery to it at the protocol's rate, on top of " +
            "the publish request.",
        source: SNS_BILLING,
    },

    // -- Route 53
    "aws:route53/record:Record": {
        reason:
            "A record costs nothing by itself (the hosted zone is billed). Queries are billed (standard queries $0.40 " +
            "per million for the first billion a month) EXCEPT queries to alias records that point at AWS resources: " +
            "AWS: \"Route 53 doesn't charge for alias queries to Global Accelerator or other AWS resources\" and " +
            "likewise to ELB load balancers. CNAME queries are charged.",
        source: ROUTE53_ALIAS,
    },

    // -- Pulumi providers (no cloud resource)
    "random:index/randomPassword:RandomPassword": {
        reason:
            "Generated by the Pulumi random provider and kept in Pulumi state; it creates no cloud resource, so no " +
            "provider bills it.",
        source: PULUMI_RANDOM,
    },
};
