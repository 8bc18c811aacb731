import { Sourced } from "./source";

/*
 * How the services sign in to the shards without a password, and what creates their database roles. Each fact is
 * one the program relies on: a change in any of them breaks the sign-in or the bootstrap Job, not only its shape.
 */

const CHECKED = "2026-12-06";

export interface IamDatabaseAuthFacts {
    /** A user granted this role signs in only with an IAM token; password sign-in stops working for it. */
    readonly iamRole: string;
    /** `rds-db:connect` resources: the cluster's `DbClusterResourceId`, or through a proxy the proxy's `prx-…` id (the last part of its ARN). */
    readonly connectArn: string;
    /** The proxy's default auth scheme that signs in to the database with IAM too, so it needs no Secrets Manager secret (`auths` may be omitted). */
    readonly proxyEndToEndScheme: "IAM_AUTH";
    /** Tokens a client signs are valid this long; clients sign a new one per connection. */
    readonly tokenMinutes: number;
}

export const IAM_DATABASE_AUTH: Sourced<IamDatabaseAuthFacts> = {
    sources: [
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/kerberos-authentication.html", version: "Aurora user guide, database authentication: one method per user; to use password authentication, don't assign rds_iam", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html", version: "Aurora user guide, IAM policy for IAM database access: dbuser:DbClusterResourceId/db-user-name; through RDS Proxy the proxy resource id prx-…", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-iam-setup.html", version: "RDS Proxy IAM setup: with end-to-end IAM authentication the proxy's role needs rds-db:connect for the database accounts, and no Secrets Manager secret", checked: CHECKED },
        { url: "https://aws.amazon.com/about-aws/whats-new/2025/09/amazon-rds-proxy-end-to-end-iam-authentication/", version: "RDS Proxy end-to-end IAM authentication, 2025-09", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi-aws/blob/v7.48.0/sdk/nodejs/rds/proxy.ts", version: "@pulumi/aws 7.48.0 rds.Proxy: defaultAuthScheme NONE | IAM_AUTH, auths required only with NONE", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-gdb.html", version: "RDS Proxy with Aurora global databases: a proxy on any member cluster; on a secondary only its read-only endpoint serves", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.Connecting.html", version: "Aurora user guide: authentication tokens are valid for 15 minutes", checked: CHECKED },
    ],
    rows: { iamRole: "rds_iam", connectArn: "arn:aws:rds-db:{region}:{account}:dbuser:{resourceId}/{user}", proxyEndToEndScheme: "IAM_AUTH", tokenMinutes: 15 },
};

export interface DatabaseBootstrapFacts {
    /** The psql client the bootstrap Job runs, and the uid its image's `postgres` user has (the Job runs as it). */
    readonly clientImage: { readonly reference: string; readonly uid: number };
    /** Roles are cluster-wide objects in the shard's storage, so creating them on the writer reaches every region's replica. */
    readonly rolesReplicate: boolean;
    /** Pulumi waits for a Job to complete (10 minutes by default) and replaces it when its pod template changes. */
    readonly jobAwaitMinutes: number;
}

export const DATABASE_BOOTSTRAP: Sourced<DatabaseBootstrapFacts> = {
    sources: [
        { url: "https://github.com/docker-library/postgres/blob/6edb0a8c/versions.json", version: "docker-library/postgres: 17 → 17.9 on alpine3.23 (tags 17.9-alpine3.23, 17-alpine3.23)", checked: CHECKED },
        { url: "https://github.com/docker-library/postgres/blob/6edb0a8c/17/alpine3.23/Dockerfile", version: "70 is the standard uid/gid for postgres in Alpine (addgroup -g 70, adduser -u 70)", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html", version: "Aurora global database: storage-based replication of the whole cluster volume to the secondary regions", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi-kubernetes/blob/v4.34.2/sdk/nodejs/batch/v1/job.ts", version: "@pulumi/kubernetes 4.34.2 Job: waits for the Complete condition, fails on Failed, 10-minute default timeout; provider diff.go replaces on .spec.template", checked: CHECKED },
    ],
    rows: { clientImage: { reference: "postgres:17.9-alpine3.23", uid: 70 }, rolesReplicate: true, jobAwaitMinutes: 10 },
};
