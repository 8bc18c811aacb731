import { Sourced } from "./source";

/*
 * ElastiCache role-based access control as the caches use it: a user per service in a user group, the built-in
 * `default` user replaced, and the in-place move from an AUTH token.
 */

const CHECKED = "2026-12-06";

export interface ElasticacheRbacFacts {
    /** The built-in `default` user cannot be changed or deleted; a group takes a new user named `default` (another id) in its place. */
    readonly replaceDefaultUser: boolean;
    /** Passwords: 16–128 printable characters, none of these. */
    readonly password: { readonly min: number; readonly max: number; readonly forbidden: readonly string[] };
    /** At most one user group per replication group, and this many users per group. */
    readonly maxUsersPerGroup: number;
    /** Modifying a replication group with this strategy and a user group to add moves it from its AUTH token to RBAC, in place. */
    readonly migrationStrategy: "DELETE";
    /** User groups need encryption in transit on the replication group. */
    readonly needsTransitEncryption: boolean;
}

export const ELASTICACHE_RBAC: Sourced<ElasticacheRbacFacts> = {
    sources: [
        { url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html", version: "ElastiCache user guide, RBAC: default user, access strings, password rules, limits, migrating from AUTH to RBAC (--auth-token-update-strategy DELETE --user-group-ids-to-add)", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi-aws/blob/v7.48.0/sdk/nodejs/elasticache/replicationGroup.ts", version: "@pulumi/aws 7.48.0: userGroupIds (one), authTokenUpdateStrategy SET | ROTATE | DELETE (DELETE: authToken omitted)", checked: CHECKED },
        { url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/elasticache/replication_group.go", version: "update: user_group_ids added with auth_token_update_strategy DELETE is the transition to RBAC; create sends no strategy", checked: CHECKED },
        { url: "https://github.com/hashicorp/terraform-provider-aws/issues/42966", version: "User group based access control requires encryption-in-transit to be enabled on the replication group", checked: CHECKED },
    ],
    rows: { replaceDefaultUser: true, password: { min: 16, max: 128, forbidden: [",", '"', "/", "@"] }, maxUsersPerGroup: 100, migrationStrategy: "DELETE", needsTransitEncryption: true },
};
