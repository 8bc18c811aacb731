import type * as aws from "@pulumi/aws";

/** Trust policy that lets an AWS service assume a role (EKS, EC2, RDS, VPC Flow Logs…). */
export function servicePrincipalTrust(service: string, actions: string | string[] = "sts:AssumeRole"): aws.iam.PolicyDocument {
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: actions }] };
}
