import { strict as assert } from "assert";
import { bootstrapSql, connectPolicy, proxyResourceId, rolePlanProblems, serviceRoleName } from "../../../components/postgres/roles";
import { plannedStack } from "../../planCommand";

const args = { databaseName: "strata", masterUsername: "strata_admin", schema: "public", services: [{ service: "api", privileges: ["SELECT", "INSERT", "UPDATE", "DELETE"] as const }, { service: "fund-data", privileges: ["SELECT"] as const }] };

describe("service database roles (pure)", () => {
    it("names each service's role so that it needs no quoting", () => {
        assert.equal(serviceRoleName("fund-data-service"), "svc_fund_data_service");
    });

    it("creates missing roles, resets attributes and grants to exactly the configured ones, and grants IAM sign-in", () => {
        const sql = bootstrapSql(args);
        const lines = sql.split("\n");
        assert.equal(lines[1], "BEGIN;");
        assert.equal(lines.at(-2), "COMMIT;", "one transaction per shard");
        assert.ok(lines.includes("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'svc_api') THEN CREATE ROLE svc_api; END IF; END $$;"));
        assert.ok(lines.includes("ALTER ROLE svc_api WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;"));
        assert.ok(lines.includes("GRANT rds_iam TO svc_api;"));
        assert.ok(lines.includes("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM svc_fund_data;"), "a privilege dropped from the config is taken away");
        assert.ok(lines.includes("GRANT SELECT ON ALL TABLES IN SCHEMA public TO svc_fund_data;"));
        assert.ok(lines.includes("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO svc_api;"));
        assert.ok(lines.includes("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO svc_api;"), "inserts need the sequences");
        assert.ok(!lines.some((l) => l.includes("SEQUENCES") && l.includes("GRANT") && l.includes("svc_fund_data")), "a reader gets no sequence");
        assert.ok(lines.includes("ALTER DEFAULT PRIVILEGES FOR ROLE strata_admin IN SCHEMA public GRANT SELECT ON TABLES TO svc_fund_data;"), "tables the migrations create later");
        assert.ok(lines.includes("REVOKE CONNECT ON DATABASE strata FROM PUBLIC;"));
        assert.ok(!sql.includes("OWNER"), "owner of nothing");
        assert.match(sql, /WHERE rolname LIKE 'svc\\_%' AND rolname NOT IN \('svc_api', 'svc_fund_data'\) LOOP EXECUTE format\('ALTER ROLE %I NOLOGIN'/);
    });

    it("is the same text for the same config, so the Job is not renamed without a change", () => {
        assert.equal(bootstrapSql(args), bootstrapSql(JSON.parse(JSON.stringify(args)) as typeof args));
    });

    it("refuses identifiers that would need quoting, shared role names and empty grants, all at once", () => {
        assert.deepEqual(
            rolePlanProblems({ databaseName: "Strata", masterUsername: "admin", schema: "public", services: [{ service: "a-b", privileges: ["SELECT"] }, { service: "a_b", privileges: [] }] }),
            [
                'databaseName "Strata" must be a lowercase Postgres identifier (a-z, 0-9, _) of at most 63 characters',
                'service "a_b" gives the role name svc_a_b, which must be a-z, 0-9 and _ and at most 63 characters',
                'services "a-b" and "a_b" would share the database role svc_a_b',
                'service "a_b" is granted no table privilege; give it at least SELECT or drop postgres from its dependsOn',
            ],
        );
        assert.throws(() => bootstrapSql({ ...args, schema: "x; DROP TABLE t" }), /schema "x; DROP TABLE t" must be a lowercase Postgres identifier/);
    });

    it("signs in as exactly its own user on exactly the given clusters and proxies", () => {
        assert.equal(proxyResourceId("arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0123456789abcdef0"), "prx-0123456789abcdef0");
        assert.throws(() => proxyResourceId("arn:aws:rds:eu-west-1:123456789012:cluster:x"), /not an RDS Proxy ARN/);
        assert.deepEqual(connectPolicy("eu-west-1", "123456789012", ["cluster-ABC", "prx-0123"], "api").Statement, [
            { Effect: "Allow", Action: ["rds-db:connect"], Resource: ["arn:aws:rds-db:eu-west-1:123456789012:dbuser:cluster-ABC/svc_api", "arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0123/svc_api"] },
        ]);
    });
});

describe("service database identities in the prod plan", () => {
    it("gives every service that uses the shards an IRSA role that signs in as its own user on every shard and proxy of its region, and nothing else", () => {
        const { plan } = plannedStack("prod");
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            for (const svc of ["api", "auth-service", "fund-data-service"]) {
                const policy = plan.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === `${region}-${svc}-irsa`);
                assert.ok(policy, `${region}-${svc}-irsa`);
                const resources = (JSON.parse(String(policy.inputs.policy)) as { Statement: { Action: string[]; Resource: string[] }[] }).Statement.flatMap((s) => (assert.deepEqual(s.Action, ["rds-db:connect"]), s.Resource));
                assert.equal(resources.length, 8, "4 shard clusters and 4 proxies");
                for (const arn of resources) assert.match(arn, new RegExp(`^arn:aws:rds-db:${region}:123456789012:dbuser:(cluster-[A-Z0-9]+|prx-[0-9a-f]+)/${serviceRoleName(svc)}$`));
            }
            assert.ok(!plan.resources.some((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === `${region}-notification-service-irsa`), "a service without postgres gets no sign-in");
        }
    });

    it("ships the prod services' grants to the bootstrap Job", () => {
        const { plan } = plannedStack("prod");
        const sql = ((plan.resources.find((r) => r.name === "us-east-1-db-bootstrap-sql")!.inputs.data as Record<string, string>)["roles.sql"]) as string;
        assert.match(sql, /GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO svc_api;/);
        assert.match(sql, /GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO svc_auth_service;/);
        assert.match(sql, /GRANT SELECT ON ALL TABLES IN SCHEMA public TO svc_fund_data_service;/);
    });
});
