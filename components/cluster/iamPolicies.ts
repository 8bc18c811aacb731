import * as aws from "@pulumi/aws";

/*
 * Least-privilege policies of the cluster's controllers. Mutating actions are scoped by the tags the
 * controllers put on what they own, so a controller of one cluster cannot touch another's resources.
 */

/** Cluster autoscaler: read everything it plans with, resize only this cluster's groups. */
export function clusterAutoscalerPolicy(clusterName: string): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "Discover",
                Effect: "Allow",
                Action: [
                    "autoscaling:DescribeAutoScalingGroups",
                    "autoscaling:DescribeAutoScalingInstances",
                    "autoscaling:DescribeLaunchConfigurations",
                    "autoscaling:DescribeScalingActivities",
                    "autoscaling:DescribeTags",
                    "ec2:DescribeImages",
                    "ec2:DescribeInstanceTypes",
                    "ec2:DescribeLaunchTemplateVersions",
                    "ec2:GetInstanceTypesFromInstanceRequirements",
                    "eks:DescribeNodegroup",
                ],
                Resource: "*",
            },
            {
                Sid: "ResizeOwnGroups",
                Effect: "Allow",
                Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
                Resource: "*",
                Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: "owned" } },
            },
        ],
    };
}

const CLUSTER_TAG = "elbv2.k8s.aws/cluster";

/** AWS Load Balancer Controller: manage only the load balancers, target groups and security groups it tagged. */
export function loadBalancerControllerPolicy(): aws.iam.PolicyDocument {
    const tagged = { Null: { [`aws:ResourceTag/${CLUSTER_TAG}`]: "false" } };
    const requestTagged = { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: "false" } };
    const elbResources = [
        "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
        "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
        "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
    ];
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ServiceLinkedRole",
                Effect: "Allow",
                Action: "iam:CreateServiceLinkedRole",
                Resource: "*",
                Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
            },
            {
                Sid: "Read",
                Effect: "Allow",
                Action: [
                    "ec2:DescribeAccountAttributes",
                    "ec2:DescribeAddresses",
                    "ec2:DescribeAvailabilityZones",
                    "ec2:DescribeInternetGateways",
                    "ec2:DescribeVpcs",
                    "ec2:DescribeVpcPeeringConnections",
                    "ec2:DescribeSubnets",
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeInstances",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeTags",
                    "ec2:DescribeRouteTables",
                    "ec2:GetCoipPoolUsage",
                    "ec2:DescribeCoipPools",
                    "ec2:GetSecurityGroupsForVpc",
                    "ec2:DescribeIpamPools",
                    "elasticloadbalancing:DescribeLoadBalancers",
                    "elasticloadbalancing:DescribeLoadBalancerAttributes",
                    "elasticloadbalancing:DescribeListeners",
                    "elasticloadbalancing:DescribeListenerCertificates",
                    "elasticloadbalancing:DescribeListenerAttributes",
                    "elasticloadbalancing:DescribeSSLPolicies",
                    "elasticloadbalancing:DescribeRules",
                    "elasticloadbalancing:DescribeTargetGroups",
                    "elasticloadbalancing:DescribeTargetGroupAttributes",
                    "elasticloadbalancing:DescribeTargetHealth",
                    "elasticloadbalancing:DescribeTags",
                    "elasticloadbalancing:DescribeTrustStores",
                    "elasticloadbalancing:DescribeCapacityReservation",
                    "acm:ListCertificates",
                    "acm:DescribeCertificate",
                    "iam:ListServerCertificates",
                    "iam:GetServerCertificate",
                    "cognito-idp:DescribeUserPoolClient",
                    "waf-regional:GetWebACL",
                    "waf-regional:GetWebACLForResource",
                    "wafv2:GetWebACL",
                    "wafv2:GetWebACLForResource",
                    "shield:GetSubscriptionState",
                    "shield:DescribeProtection",
                ],
                Resource: "*",
            },
            {
                Sid: "WebAclAndShield",
                Effect: "Allow",
                Action: [
                    "waf-regional:AssociateWebACL",
                    "waf-regional:DisassociateWebACL",
                    "wafv2:AssociateWebACL",
                    "wafv2:DisassociateWebACL",
                    "shield:CreateProtection",
                    "shield:DeleteProtection",
                ],
                Resource: "*",
            },
            { Sid: "SecurityGroupRules", Effect: "Allow", Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], Resource: "*" },
            { Sid: "CreateSecurityGroup", Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: "*" },
            {
                Sid: "TagNewSecurityGroup",
                Effect: "Allow",
                Action: "ec2:CreateTags",
                Resource: "arn:aws:ec2:*:*:security-group/*",
                Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" }, ...requestTagged },
            },
            {
                Sid: "ManageOwnSecurityGroups",
                Effect: "Allow",
                Action: ["ec2:CreateTags", "ec2:DeleteTags", "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
                Resource: "arn:aws:ec2:*:*:security-group/*",
                Condition: tagged,
            },
            {
                Sid: "CreateLoadBalancers",
                Effect: "Allow",
                Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
                Resource: "*",
                Condition: requestTagged,
            },
            {
                Sid: "ListenersAndRules",
                Effect: "Allow",
                Action: [
                    "elasticloadbalancing:CreateListener",
                    "elasticloadbalancing:DeleteListener",
                    "elasticloadbalancing:CreateRule",
                    "elasticloadbalancing:DeleteRule",
                ],
                Resource: "*",
            },
            {
                Sid: "TagOwnLoadBalancers",
                Effect: "Allow",
                Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
                Resource: elbResources,
                Condition: tagged,
            },
            {
                Sid: "TagNewLoadBalancers",
                Effect: "Allow",
                Action: "elasticloadbalancing:AddTags",
                Resource: elbResources,
                Condition: { StringEquals: { "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"] }, ...requestTagged },
            },
            {
                Sid: "ModifyOwnLoadBalancers",
                Effect: "Allow",
                Action: [
                    "elasticloadbalancing:ModifyLoadBalancerAttributes",
                    "elasticloadbalancing:SetIpAddressType",
                    "elasticloadbalancing:SetSecurityGroups",
                    "elasticloadbalancing:SetSubnets",
                    "elasticloadbalancing:DeleteLoadBalancer",
                    "elasticloadbalancing:ModifyTargetGroup",
                    "elasticloadbalancing:ModifyTargetGroupAttributes",
                    "elasticloadbalancing:DeleteTargetGroup",
                    "elasticloadbalancing:ModifyListenerAttributes",
                    "elasticloadbalancing:ModifyCapacityReservation",
                    "elasticloadbalancing:ModifyIpPools",
                ],
                Resource: "*",
                Condition: tagged,
            },
            {
                Sid: "Targets",
                Effect: "Allow",
                Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
                Resource: "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
            },
            {
                Sid: "ListenerSettings",
                Effect: "Allow",
                Action: [
                    "elasticloadbalancing:SetWebAcl",
                    "elasticloadbalancing:ModifyListener",
                    "elasticloadbalancing:AddListenerCertificates",
                    "elasticloadbalancing:RemoveListenerCertificates",
                    "elasticloadbalancing:ModifyRule",
                    "elasticloadbalancing:SetRulePriorities",
                ],
                Resource: "*",
            },
        ],
    };
}
