import type * as aws from "@pulumi/aws";
import { serviceTrust } from "../catalog/iam";

const allowService = (service: string, actions: string | string[]): aws.iam.PolicyStatement => ({ Effect: "Allow", Principal: { Service: service }, Action: actions });

/** Trust policy that lets an AWS service assume a role (EKS, EC2, RDS, VPC Flow Logs…). */
export function servicePrincipalTrust(service: string, actions: string | string[] = "sts:AssumeRole"): aws.iam.PolicyDocument {
    return { Version: "2012-10-17", Statement: [allowService(service, actions)] };
}

/**
 * The same, for a service that states on whose behalf it assumes the role (catalog/iam.ts): only requests from the
 * stack's account, for resources of its kind in its region, may use it, so another account's flow log or database
 * cannot borrow the role (the confused deputy).
 */
export function scopedServiceTrust(service: string, region: string, account: string): aws.iam.PolicyDocument {
    const trust = serviceTrust(service);
    if (!trust) throw new Error(`${service} is not known to state its source account and resource (catalog/iam.ts)`);
    const sourceArn = trust.sourceArn.replace("{region}", region).replace("{account}", account);
    return {
        Version: "2012-10-17",
        Statement: [{ ...allowService(service, "sts:AssumeRole"), Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": sourceArn } } }],
    };
}
