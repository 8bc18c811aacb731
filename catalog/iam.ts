import { Sourced } from "./source";

/*
 * Trust facts of the service roles the stack creates: which services put `aws:SourceAccount` and `aws:SourceArn` on
 * the requests with which they assume a customer's role (so a trust policy may require them), and the ARN of the
 * resource on whose behalf they act. A service missing here is not asked for them: a condition the service does not
 * satisfy would deny it the role.
 */

const CHECKED = "2026-12-06";

export interface ServiceTrust {
    readonly service: string;
    /** `aws:SourceArn` pattern; `{region}` and `{account}` are filled in. */
    readonly sourceArn: string;
}

export const CONFUSED_DEPUTY: Sourced<{ readonly trusts: readonly ServiceTrust[] }> = {
    sources: [
        { url: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html", version: "VPC user guide, IAM role for publishing flow logs to CloudWatch Logs (trust policy with aws:SourceAccount and aws:SourceArn vpc-flow-log/*)", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Monitoring.OS.Enabling.html#USER_Monitoring.OS.confused-deputy", version: "Aurora user guide, Enhanced Monitoring: protecting against the confused deputy problem (aws:SourceArn of the DB instance, aws:SourceAccount)", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/cross-service-confused-deputy-prevention.html", version: "RDS user guide: aws:SourceArn with wildcards for the unknown parts, both keys naming the same account", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-iam-setup.html", version: "RDS Proxy's role: its documented trust policy has no condition, so it is not scoped here", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html", version: "IAM user guide: the cross-service confused deputy", checked: CHECKED },
    ],
    rows: {
        trusts: [
            { service: "vpc-flow-logs.amazonaws.com", sourceArn: "arn:aws:ec2:{region}:{account}:vpc-flow-log/*" },
            { service: "monitoring.rds.amazonaws.com", sourceArn: "arn:aws:rds:{region}:{account}:db:*" },
        ],
    },
};

/** The confused-deputy facts of a service principal, when AWS documents them. */
export const serviceTrust = (service: string): ServiceTrust | undefined => CONFUSED_DEPUTY.rows.trusts.find((t) => t.service === service);
