import { Sourced } from "./source";

/*
 * Aurora PostgreSQL global databases as AWS documents them: which endpoint takes writes on which cluster role,
 * what global write forwarding needs, how RDS Proxy shares the writer's connections with forwarded sessions,
 * where Aurora Auto Scaling works, and what the pinned Pulumi provider and engine do with these settings.
 * components/postgres and the strata-data-tier rule (policies/rules/dataTier.ts) read these tables.
 */

const CHECKED = "2026-12-02";
const GUIDE = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide";

/** An Aurora or RDS Proxy endpoint and what it does on each role a cluster can have in a global database. */
export interface AuroraEndpoint {
    readonly kind: "global-writer" | "cluster" | "reader" | "proxy";
    /** The host name AWS gives it. */
    readonly host: string;
    /** The label after the first one that marks this kind in a host name (`<id>.<marker>-<unique>.<region>.rds.amazonaws.com`). */
    readonly marker: string;
    /** What it does when its cluster (or the proxy's target cluster) is the global database's primary. */
    readonly onPrimary: string;
    /** What it does when its cluster is a secondary. */
    readonly onSecondary: string;
    /** Whether a write sent to it on a secondary cluster succeeds. */
    readonly writesOnSecondary: "fail" | "forwarded when the cluster has global write forwarding on" | "reach the current writer";
    /** Whether an application needs a network path into another Region's VPC to use it from a secondary Region. */
    readonly needsCrossRegionNetwork: boolean;
}

export const AURORA_ENDPOINTS: Sourced<readonly AuroraEndpoint[]> = {
    sources: [
        { url: `${GUIDE}/aurora-global-database-connecting.html`, checked: CHECKED },
        { url: `${GUIDE}/rds-proxy-gdb.html`, checked: CHECKED },
        { url: "https://github.com/awsdocs/amazon-aurora-user-guide/blob/main/doc_source/rds-proxy-setup.md", version: "describe-db-proxies example", checked: CHECKED },
    ],
    rows: [
        {
            kind: "global-writer",
            host: "<global-cluster-id>.global-<unique>.global.rds.amazonaws.com",
            marker: "global",
            onPrimary: "routes to the current writer instance of the primary cluster",
            onSecondary: "not a cluster endpoint: it always routes to the writer in the primary Region, and follows switchover and failover",
            writesOnSecondary: "reach the current writer",
            // "your applications can't access the IP addresses in the newly promoted primary AWS Region's VPC until you set up networking between the two VPCs"
            needsCrossRegionNetwork: true,
        },
        {
            kind: "cluster",
            host: "<cluster-id>.cluster-<unique>.<region>.rds.amazonaws.com",
            marker: "cluster",
            onPrimary: "the writer instance",
            onSecondary: "status inactive: it doesn't handle write requests, read queries only",
            writesOnSecondary: "fail",
            needsCrossRegionNetwork: false,
        },
        {
            kind: "reader",
            host: "<cluster-id>.cluster-ro-<unique>.<region>.rds.amazonaws.com",
            marker: "cluster-ro",
            onPrimary: "the cluster's reader instances (read-only)",
            onSecondary: "the cluster's readers; with global write forwarding on, the endpoint to use for forwarded writes",
            writesOnSecondary: "forwarded when the cluster has global write forwarding on",
            needsCrossRegionNetwork: false,
        },
        {
            kind: "proxy",
            host: "<proxy-name>.proxy-<unique>.<region>.rds.amazonaws.com",
            marker: "proxy",
            onPrimary: "the read/write endpoint sends every request to the cluster's writer instance",
            onSecondary: "the cluster has no writer: requests to the read/write endpoint fail with \"The target group doesn't have any associated read/write instances\"",
            writesOnSecondary: "fail",
            needsCrossRegionNetwork: false,
        },
    ],
};

/** Global write forwarding for Aurora PostgreSQL. */
export interface WriteForwardingFacts {
    /** The cluster argument (RDS `EnableGlobalWriteForwarding`, Pulumi `enableGlobalWriteForwarding`). */
    readonly clusterArgument: "enableGlobalWriteForwarding";
    /** What the flag does on the primary cluster. */
    readonly onPrimary: string;
    /** From this major version on, every minor version supports it. */
    readonly everyMinorFromMajor: number;
    /** Below that, the first minor version of each major that supports it. */
    readonly firstMinor: Readonly<Record<number, number>>;
    /** The endpoint a secondary Region's applications use for forwarded writes. */
    readonly endpoint: AuroraEndpoint["kind"];
    /** After a switchover or failover, applications must be pointed at the new primary Region's endpoints. */
    readonly afterSwitchover: string;
    /** Turning it on or off causes no downtime or reboot. */
    readonly changeWithoutReboot: true;
    /** SQL that write forwarding does not support. */
    readonly unsupported: readonly string[];
    readonly isolationLevels: readonly string[];
}

export const WRITE_FORWARDING: Sourced<WriteForwardingFacts> = {
    sources: [
        { url: `${GUIDE}/aurora-global-database-write-forwarding-apg.html`, checked: CHECKED },
        { url: `${GUIDE}/aurora-global-database-connecting.html`, checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html", version: "EnableGlobalWriteForwarding", checked: CHECKED },
    ],
    rows: {
        clusterArgument: "enableGlobalWriteForwarding",
        onPrimary: "accepted on any member of a global database; on the primary it is used immediately if the primary is demoted by a global cluster API operation, and does nothing until then",
        everyMinorFromMajor: 16,
        firstMinor: { 14: 9, 15: 4 },
        endpoint: "reader",
        afterSwitchover: "with write forwarding, applications must be reconfigured to the newly promoted primary Region's endpoints after a cross-Region switchover or failover",
        changeWithoutReboot: true,
        unsupported: ["DDL", "ANALYZE", "CLUSTER", "COPY", "cursors", "GRANT/REVOKE/REASSIGN OWNED/SECURITY LABEL", "LOCK", "SAVEPOINT", "SELECT INTO", "SET CONSTRAINTS", "TRUNCATE", "VACUUM", "user-defined functions and procedures"],
        isolationLevels: ["REPEATABLE READ", "READ COMMITTED"],
    },
};

/** A DB cluster parameter of write forwarding. */
export interface ForwardingParameter {
    readonly name: string;
    /** Where it takes effect. */
    readonly appliesOn: "readers of a secondary cluster with write forwarding on" | "the primary cluster's writer, when a secondary forwards";
    /** The value a cluster parameter group carries when it does not set the parameter. */
    readonly engineDefault: string;
    readonly allowed: string;
    /** Static parameters take effect after a reboot. */
    readonly applyMethod: "pending-reboot";
    readonly meaning: string;
}

export const FORWARDING_PARAMETERS: Sourced<{ readonly consistency: ForwardingParameter; readonly quota: ForwardingParameter }> = {
    sources: [
        { url: `${GUIDE}/aurora-global-database-write-forwarding-apg.html#aurora-global-database-write-forwarding-params-apg`, checked: CHECKED },
        // DescribeEngineDefaultClusterParameters for aurora-postgresql: the values a group carries unset, and ApplyType static.
        { url: "https://docs.aws.amazon.com/cli/latest/reference/rds/describe-engine-default-cluster-parameters.html", version: "aurora-postgresql (MinimumEngineVersion 14.7)", checked: CHECKED },
    ],
    rows: {
        consistency: {
            name: "apg_write_forward.consistency_mode",
            appliesOn: "readers of a secondary cluster with write forwarding on",
            // The guide calls SESSION the default, but the engine default listing gives "off", and "off" disables
            // forwarding: the group sets it explicitly so forwarding never depends on which of the two holds.
            engineDefault: "off",
            allowed: "off, eventual, session, global",
            applyMethod: "pending-reboot",
            meaning: "read consistency of a forwarding session; session: the session sees its own forwarded writes; off: no forwarding",
        },
        quota: {
            name: "apg_write_forward.max_forwarding_connections_percent",
            appliesOn: "the primary cluster's writer, when a secondary forwards",
            engineDefault: "25",
            allowed: "1-100",
            applyMethod: "pending-reboot",
            meaning: "share of the writer's max_connections that forwarded sessions may hold; they come out of the same max_connections pool",
        },
    },
};

/** RDS Proxy in front of global database members. */
export interface ProxyFacts {
    /** `MaxConnectionsPercent`: share of the target's max_connections the proxy may open. */
    readonly maxConnectionsPercent: { readonly min: number; readonly max: number; readonly default: number };
    /** AWS: with write forwarding on, reduce MaxConnectionsPercent by the write-forwarding quota. */
    readonly reduceByForwardingQuota: true;
    /** A proxy may front any DB cluster of a global database, the secondaries' included. */
    readonly anyMember: true;
    /** After a switchover, the new primary's proxy read/write endpoint queues writes until the new writer is available. */
    readonly afterSwitchover: string;
    /** RDS Proxy does not support local (in-cluster) write forwarding. */
    readonly localWriteForwarding: false;
}

export const RDS_PROXY: Sourced<ProxyFacts> = {
    sources: [
        { url: `${GUIDE}/rds-proxy-gdb.html`, checked: CHECKED },
        { url: `${GUIDE}/rds-proxy-connections.html#rds-proxy-connection-pooling-tuning.maxconnectionspercent`, checked: CHECKED },
        { url: `${GUIDE}/aurora-postgresql-write-forwarding-limitations.html`, checked: CHECKED },
    ],
    rows: {
        maxConnectionsPercent: { min: 1, max: 100, default: 100 },
        reduceByForwardingQuota: true,
        anyMember: true,
        afterSwitchover:
            "redirect writes to the read/write endpoint of the proxy of the new primary cluster; it queues requests and sends them to the new writer as soon as it is available; the old primary's proxy accepts writes until its cluster becomes a secondary, then every write fails",
        localWriteForwarding: false,
    },
};

/** Aurora Auto Scaling of reader count. */
export interface AutoScalingFacts {
    readonly scalableDimension: "rds:cluster:ReadReplicaCount";
    /** Secondary clusters of a global database are not supported. */
    readonly secondaryClusters: false;
    /** The cluster must start with a primary (writer) instance and at least one Aurora Replica. */
    readonly minimumReplicasToStart: number;
    readonly capacity: { readonly min: number; readonly max: number };
}

export const AURORA_AUTO_SCALING: Sourced<AutoScalingFacts> = {
    sources: [
        { url: `${GUIDE}/Aurora.Integrating.AutoScaling.html`, checked: CHECKED },
        { url: "https://github.com/awsdocs/amazon-aurora-user-guide/blob/main/doc_source/Aurora.Integrating.AutoScaling.md", version: "Before you begin", checked: CHECKED },
    ],
    rows: { scalableDimension: "rds:cluster:ReadReplicaCount", secondaryClusters: false, minimumReplicasToStart: 1, capacity: { min: 0, max: 15 } },
};

/** The two ways to move a global database's writer to another region (README "Switchover and failover"). */
export interface RoleChange {
    readonly operation: "SwitchoverGlobalCluster" | "FailoverGlobalCluster";
    readonly cli: string;
    readonly when: string;
    /** Data that can be lost. */
    readonly rpo: string;
}

export const ROLE_CHANGES: Sourced<readonly RoleChange[]> = {
    sources: [
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SwitchoverGlobalCluster.html", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html", checked: CHECKED },
    ],
    rows: [
        {
            operation: "SwitchoverGlobalCluster",
            cli: "aws rds switchover-global-cluster --global-cluster-identifier <id> --target-db-cluster-identifier <secondary cluster ARN>",
            when: "planned (regional rotation, falling back after a failover): every secondary is synchronized first; the database is unavailable briefly while the roles change",
            rpo: "none",
        },
        {
            operation: "FailoverGlobalCluster",
            cli: "aws rds failover-global-cluster --global-cluster-identifier <id> --target-db-cluster-identifier <secondary cluster ARN> --allow-data-loss",
            when: "unplanned, the primary region is down",
            rpo: "writes not yet replicated to the chosen secondary",
        },
    ],
};

/** Facts about tools and neighbouring services the data tier relies on. */
export interface SupportingFacts {
    /** A Secrets Manager replica's ARN is the primary's with the replica's Region. */
    readonly secretReplicaArn: string;
    /** pulumi-aws `aws.rds.GlobalCluster` has an `endpoint` output: the global writer endpoint. */
    readonly globalClusterEndpointOutput: true;
    /** pulumi-aws `aws.rds.Cluster` takes `enableGlobalWriteForwarding` and `enableLocalWriteForwarding`. */
    readonly clusterForwardingArguments: readonly ["enableGlobalWriteForwarding", "enableLocalWriteForwarding"];
    /** Local write forwarding (in-cluster) exists for Aurora PostgreSQL from these minor versions. */
    readonly localWriteForwardingFrom: readonly string[];
    /** When a resource's provider changes, the engine asks the new provider to diff the configs and replaces the resource if it reports a replacement. */
    readonly providerChange: string;
}

export const SUPPORTING_FACTS: Sourced<SupportingFacts> = {
    sources: [
        { url: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/replicate-secrets.html", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi-aws/blob/v7.48.0/sdk/nodejs/rds/globalCluster.ts", version: "@pulumi/aws 7.48.0 (node_modules/@pulumi/aws/rds/globalCluster.d.ts)", checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi-aws/blob/v7.48.0/sdk/nodejs/rds/cluster.ts", version: "@pulumi/aws 7.48.0 (node_modules/@pulumi/aws/rds/cluster.d.ts)", checked: CHECKED },
        { url: `${GUIDE}/aurora-postgresql-write-forwarding.html`, checked: CHECKED },
        { url: "https://github.com/pulumi/pulumi/blob/master/pkg/resource/deploy/step_generator.go", version: "providerChanged", checked: CHECKED },
    ],
    rows: {
        secretReplicaArn: "arn:aws:secretsmanager:<replica Region>:<account>:secret:<name>-<suffix>, the primary's ARN except for the Region",
        globalClusterEndpointOutput: true,
        clusterForwardingArguments: ["enableGlobalWriteForwarding", "enableLocalWriteForwarding"],
        localWriteForwardingFrom: ["14.13", "15.8", "16.4"],
        providerChange: "a changed provider reference is diffed with the new provider's DiffConfig; a replacement there replaces the resource",
    },
};

/** Whether an Aurora PostgreSQL version ("16.4") supports global write forwarding. */
export function supportsGlobalWriteForwarding(version: string): boolean {
    const [major, minor] = version.split(".").map(Number);
    if (major === undefined || minor === undefined || Number.isNaN(major) || Number.isNaN(minor)) return false;
    const facts = WRITE_FORWARDING.rows;
    if (major >= facts.everyMinorFromMajor) return true;
    const first = facts.firstMinor[major];
    return first !== undefined && minor >= first;
}

/** Aurora PostgreSQL's default `max_connections`: LEAST(DBInstanceClassMemory / bytesPerConnection, cap). */
export interface MaxConnectionsFormula {
    readonly bytesPerConnection: number;
    readonly cap: number;
}

export const MAX_CONNECTIONS: Sourced<MaxConnectionsFormula> = {
    sources: [{ url: `${GUIDE}/AuroraPostgreSQL.Managing.html#AuroraPostgreSQL.Managing.MaxConnections`, version: "Maximum connections to an Aurora PostgreSQL DB instance", checked: "2026-12-06" }],
    rows: { bytesPerConnection: 9531392, cap: 5000 },
};
