import { Sourced } from "./source";

/*
 * Log groups AWS services write to by name. A service that finds no group creates one itself, unencrypted and kept
 * forever; the stack creates each first, with its key and retention, and strata-logging checks that it did.
 */

const CHECKED = "2026-12-06";

export interface ServiceLogGroups {
    /** EKS control-plane logs of cluster `{cluster}`. */
    readonly eksControlPlane: string;
    /** The Aurora PostgreSQL log export of cluster `{cluster}`. */
    readonly auroraPostgresql: string;
    /** The one log type Aurora PostgreSQL exports that the stack turns on. */
    readonly auroraPostgresqlExport: "postgresql";
    /** Every control-plane log type EKS can send. */
    readonly eksControlPlaneLogTypes: readonly string[];
}

export const SERVICE_LOG_GROUPS: Sourced<ServiceLogGroups> = {
    sources: [
        { url: "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html", version: "EKS user guide: control-plane logs go to /aws/eks/<cluster-name>/cluster; types api, audit, authenticator, controllerManager, scheduler", checked: CHECKED },
        { url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.CloudWatch.html", version: "Aurora user guide: PostgreSQL logs are published to /aws/rds/cluster/<cluster-name>/postgresql", checked: CHECKED },
    ],
    rows: { eksControlPlane: "/aws/eks/{cluster}/cluster", auroraPostgresql: "/aws/rds/cluster/{cluster}/postgresql", auroraPostgresqlExport: "postgresql", eksControlPlaneLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"] },
};

/** A service's group name for one resource. */
export const serviceLogGroup = (pattern: string, cluster: string) => pattern.replace("{cluster}", cluster);
