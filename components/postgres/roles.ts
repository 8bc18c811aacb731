/*
 * Pure planning of the services' database identities: one Postgres role per service that uses the shards, its
 * grants, the idempotent SQL that creates and converges them, and the IAM resources through which each role
 * signs in. No Pulumi inside.
 */

/** Table privileges a service may be granted on the shard schema. */
export const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE"] as const;
export type TablePrivilege = (typeof TABLE_PRIVILEGES)[number];

/** What one service may do in every shard. */
export interface ServiceDatabaseAccess {
    /** The service's name (a DNS label). */
    readonly service: string;
    readonly privileges: readonly TablePrivilege[];
}

export interface RolePlanArgs {
    readonly databaseName: string;
    /** The master user: creates the tables (migrations), so its future tables carry the services' grants. */
    readonly masterUsername: string;
    /** The schema the services use. */
    readonly schema: string;
    readonly services: readonly ServiceDatabaseAccess[];
}

/** Marks the one namespace that may hold master credentials (policy strata-master-credentials). */
export const MASTER_CREDENTIALS_LABEL = "strata.io/holds-master-credentials";

/** Prefix of every service role: the bootstrap owns exactly the roles that carry it. */
export const SERVICE_ROLE_PREFIX = "svc_";
/** Postgres keeps identifiers to 63 bytes (NAMEDATALEN - 1). */
const MAX_IDENTIFIER = 63;

/** The Postgres role of a service: `svc_` and its name with `-` as `_`, so it needs no quoting anywhere. */
export const serviceRoleName = (service: string) => `${SERVICE_ROLE_PREFIX}${service.replace(/-/g, "_")}`;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Every problem of the arguments at once; identifiers are checked so that nothing in the SQL needs escaping. */
export function rolePlanProblems(args: RolePlanArgs): string[] {
    const problems: string[] = [];
    for (const [what, value] of [
        ["databaseName", args.databaseName],
        ["masterUsername", args.masterUsername],
        ["schema", args.schema],
    ] as const) {
        if (!IDENTIFIER.test(value) || value.length > MAX_IDENTIFIER) problems.push(`${what} "${value}" must be a lowercase Postgres identifier (a-z, 0-9, _) of at most ${MAX_IDENTIFIER} characters`);
    }
    const seen = new Map<string, string>();
    for (const access of args.services) {
        const role = serviceRoleName(access.service);
        if (!/^[a-z0-9-]+$/.test(access.service) || role.length > MAX_IDENTIFIER) problems.push(`service "${access.service}" gives the role name ${role}, which must be a-z, 0-9 and _ and at most ${MAX_IDENTIFIER} characters`);
        const other = seen.get(role);
        if (other !== undefined) problems.push(`services "${other}" and "${access.service}" would share the database role ${role}`);
        seen.set(role, access.service);
        if (access.privileges.length === 0) problems.push(`service "${access.service}" is granted no table privilege; give it at least SELECT or drop postgres from its dependsOn`);
    }
    return problems;
}

const sorted = (privileges: readonly TablePrivilege[]) => TABLE_PRIVILEGES.filter((p) => privileges.includes(p));

/**
 * The SQL that brings one shard to the configured roles, whatever state it is in: it creates missing roles,
 * resets each role's attributes and grants to exactly the configured ones, and takes the sign-in away from the
 * roles of services no longer configured (dropping them would fail on any object they still own). One
 * transaction, so a shard never holds half of it.
 */
export function bootstrapSql(args: RolePlanArgs): string {
    const problems = rolePlanProblems(args);
    if (problems.length > 0) throw new Error(problems.join("; "));
    const { databaseName: db, masterUsername: master, schema } = args;
    const roles = args.services.map((a) => serviceRoleName(a.service));
    const perService = args.services.flatMap((access) => {
        const role = serviceRoleName(access.service);
        const privileges = sorted(access.privileges).join(", ");
        const writes = access.privileges.includes("INSERT") || access.privileges.includes("UPDATE");
        return [
            `-- ${access.service}: ${privileges}`,
            `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role}; END IF; END $$;`,
            `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;`,
            // IAM database authentication: the role signs in with a token its IRSA role signs, never a password.
            `GRANT rds_iam TO ${role};`,
            `GRANT CONNECT ON DATABASE ${db} TO ${role};`,
            `GRANT USAGE ON SCHEMA ${schema} TO ${role};`,
            `REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role};`,
            `GRANT ${privileges} ON ALL TABLES IN SCHEMA ${schema} TO ${role};`,
            `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${role};`,
            ...(writes ? [`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role};`] : []),
            `ALTER DEFAULT PRIVILEGES FOR ROLE ${master} IN SCHEMA ${schema} REVOKE ALL ON TABLES FROM ${role};`,
            `ALTER DEFAULT PRIVILEGES FOR ROLE ${master} IN SCHEMA ${schema} GRANT ${privileges} ON TABLES TO ${role};`,
            `ALTER DEFAULT PRIVILEGES FOR ROLE ${master} IN SCHEMA ${schema} REVOKE ALL ON SEQUENCES FROM ${role};`,
            ...(writes ? [`ALTER DEFAULT PRIVILEGES FOR ROLE ${master} IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role};`] : []),
        ];
    });
    const keep = roles.length > 0 ? ` AND rolname NOT IN (${roles.map((r) => `'${r}'`).join(", ")})` : "";
    return [
        "-- Strata service roles: generated, idempotent, safe to run again.",
        "BEGIN;",
        // Only the roles granted CONNECT below (and the master, the database's owner) may connect.
        `REVOKE CONNECT ON DATABASE ${db} FROM PUBLIC;`,
        `REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC;`,
        ...perService,
        `-- Roles of services no longer configured keep what they own but cannot sign in.`,
        `DO $$ DECLARE r record; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE '${SERVICE_ROLE_PREFIX.replace("_", "\\_")}%'${keep} LOOP EXECUTE format('ALTER ROLE %I NOLOGIN', r.rolname); END LOOP; END $$;`,
        "COMMIT;",
        "",
    ].join("\n");
}

/**
 * The `rds-db:connect` resource through which a database user signs in with IAM: the DB cluster's or the proxy's
 * resource id, and the user (catalog/iamDatabaseAuth.ts).
 */
export const dbUserArn = (region: string, account: string, resourceId: string, user: string) => `arn:aws:rds-db:${region}:${account}:dbuser:${resourceId}/${user}`;

/** A proxy's resource id (`prx-…`) is the last part of its ARN (`arn:aws:rds:<region>:<account>:db-proxy:prx-…`). */
export function proxyResourceId(proxyArn: string): string {
    const id = proxyArn.slice(proxyArn.lastIndexOf(":") + 1);
    if (!id.startsWith("prx-")) throw new Error(`${proxyArn} is not an RDS Proxy ARN`);
    return id;
}

/** The IAM policy with which a service's role signs in as its database user on exactly the given clusters and proxies. */
export function connectPolicy(region: string, account: string, resourceIds: readonly string[], service: string): { Version: "2012-10-17"; Statement: { Effect: "Allow"; Action: string[]; Resource: string[] }[] } {
    const user = serviceRoleName(service);
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["rds-db:connect"], Resource: resourceIds.map((id) => dbUserArn(region, account, id, user)) }] };
}
