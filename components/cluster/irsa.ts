import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Trust policy that lets exactly one Kubernetes service account assume a role through the cluster's
 * OIDC provider (IAM Roles for Service Accounts). Both `sub` and `aud` are pinned: without `sub`, any
 * pod of the cluster could take the role.
 */
export function irsaTrustPolicy(oidcProviderArn: string, issuerUrl: string, namespace: string, serviceAccount: string): aws.iam.PolicyDocument {
    const issuer = issuerUrl.replace(/^https:\/\//, "");
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                        [`${issuer}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ],
    };
}

export interface ServiceAccountRoleArgs {
    /** ARN of the cluster's IAM OIDC provider. */
    readonly oidcProviderArn: pulumi.Input<string>;
    /** The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/…`). */
    readonly oidcIssuerUrl: pulumi.Input<string>;
    readonly namespace: pulumi.Input<string>;
    readonly serviceAccount: string;
    /** Managed policies to attach. @default none */
    readonly managedPolicyArns?: readonly pulumi.Input<string>[];
    /** An inline policy of the role's own. @default none */
    readonly policy?: pulumi.Input<aws.iam.PolicyDocument>;
}

/** An IAM role one Kubernetes service account can assume; annotate the account with `role.arn`. */
export function serviceAccountRole(name: string, args: ServiceAccountRoleArgs, opts: pulumi.CustomResourceOptions): aws.iam.Role {
    const role = new aws.iam.Role(
        name,
        {
            assumeRolePolicy: pulumi
                .all([args.oidcProviderArn, args.oidcIssuerUrl, args.namespace])
                .apply(([arn, url, namespace]) => JSON.stringify(irsaTrustPolicy(arn, url, namespace, args.serviceAccount))),
            description: pulumi.interpolate`IRSA role of ${args.namespace}/${args.serviceAccount}`,
        },
        opts,
    );
    (args.managedPolicyArns ?? []).forEach((policyArn, i) => {
        new aws.iam.RolePolicyAttachment(`${name}-${i}`, { role: role.name, policyArn }, opts);
    });
    if (args.policy) new aws.iam.RolePolicy(name, { role: role.id, policy: pulumi.output(args.policy).apply((document) => JSON.stringify(document)) }, opts);
    return role;
}
