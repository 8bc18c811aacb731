import { Source, Sourced } from "./source";

/*
 * RDS DB instance classes Strata may name, with whether Aurora PostgreSQL runs on them. Aurora offers only its
 * memory-optimised (db.r*), burstable (db.t*) and serverless classes; the general purpose db.m* classes are RDS
 * (non-Aurora) only, and are listed so that a config naming one is told why it is refused.
 *
 * Memory: a DB class has the memory of the EC2 instance type of the same name (the RDS hardware specification
 * table), taken here from DescribeInstanceTypes. Classes Aurora documents only for older engine versions, and the
 * newer families this catalog could not confirm for Aurora PostgreSQL in full (db.r7i, db.r9g, db.x2g, the
 * Optimized Reads "d" classes), are left out: a missing class is refused, never guessed.
 */

const CHECKED = "2026-12-02";

const AURORA_CLASSES: Source = {
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.SupportAurora.html",
    version: "Supported DB engines for DB instance classes (Aurora PostgreSQL column)",
    checked: CHECKED,
};

const RDS_CLASSES: Source = {
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html",
    version: "Hardware specifications for DB instance classes",
    checked: CHECKED,
};

const MEMORY: Source = {
    url: "https://github.com/hoonoh/aws-spot-price/blob/509deaad5c1911b7366353ddde95f5b682a79d1e/src/constants/ec2-info.ts",
    version: "memory of the same-named EC2 type, from DescribeInstanceTypes",
    checked: CHECKED,
};

export interface DbClass {
    readonly vcpu: number;
    readonly memoryGiB: number;
    /** Aurora PostgreSQL runs on the class. */
    readonly auroraPostgres: boolean;
    readonly sources: readonly Source[];
}

const aurora = (vcpu: number, memoryGiB: number): DbClass => ({ vcpu, memoryGiB, auroraPostgres: true, sources: [AURORA_CLASSES, RDS_CLASSES, MEMORY] });
const rdsOnly = (vcpu: number, memoryGiB: number): DbClass => ({ vcpu, memoryGiB, auroraPostgres: false, sources: [RDS_CLASSES, MEMORY] });

export const DB_CLASSES: Sourced<Readonly<Record<string, DbClass>>> = {
    sources: [AURORA_CLASSES, RDS_CLASSES, MEMORY],
    rows: {
        "db.r8g.large": aurora(2, 16),
        "db.r8g.xlarge": aurora(4, 32),
        "db.r8g.2xlarge": aurora(8, 64),
        "db.r8g.4xlarge": aurora(16, 128),
        "db.r8g.8xlarge": aurora(32, 256),
        "db.r8g.12xlarge": aurora(48, 384),
        "db.r8g.16xlarge": aurora(64, 512),
        "db.r7g.large": aurora(2, 16),
        "db.r7g.xlarge": aurora(4, 32),
        "db.r7g.2xlarge": aurora(8, 64),
        "db.r7g.4xlarge": aurora(16, 128),
        "db.r7g.8xlarge": aurora(32, 256),
        "db.r7g.12xlarge": aurora(48, 384),
        "db.r7g.16xlarge": aurora(64, 512),
        "db.r6g.large": aurora(2, 16),
        "db.r6g.xlarge": aurora(4, 32),
        "db.r6g.2xlarge": aurora(8, 64),
        "db.r6g.4xlarge": aurora(16, 128),
        "db.r6g.8xlarge": aurora(32, 256),
        "db.r6g.12xlarge": aurora(48, 384),
        "db.r6g.16xlarge": aurora(64, 512),
        "db.r6i.large": aurora(2, 16),
        "db.r6i.xlarge": aurora(4, 32),
        "db.r6i.2xlarge": aurora(8, 64),
        "db.r6i.4xlarge": aurora(16, 128),
        "db.r6i.8xlarge": aurora(32, 256),
        "db.r6i.12xlarge": aurora(48, 384),
        "db.r6i.16xlarge": aurora(64, 512),
        "db.t4g.medium": aurora(2, 4),
        "db.t4g.large": aurora(2, 8),
        "db.m7g.large": rdsOnly(2, 8),
        "db.m7g.xlarge": rdsOnly(4, 16),
        "db.m7g.2xlarge": rdsOnly(8, 32),
        "db.m7g.4xlarge": rdsOnly(16, 64),
        "db.m6g.large": rdsOnly(2, 8),
        "db.m6g.xlarge": rdsOnly(4, 16),
        "db.m6g.2xlarge": rdsOnly(8, 32),
        "db.m6g.4xlarge": rdsOnly(16, 64),
        "db.m6i.large": rdsOnly(2, 8),
        "db.m6i.xlarge": rdsOnly(4, 16),
        "db.m6i.2xlarge": rdsOnly(8, 32),
        "db.m6i.4xlarge": rdsOnly(16, 64),
    },
};

export const dbClass = (name: string): DbClass | undefined => DB_CLASSES.rows[name];

/** Classes an Aurora PostgreSQL instance may use, for messages and checks. */
export const AURORA_POSTGRES_CLASSES: readonly string[] = Object.entries(DB_CLASSES.rows)
    .filter(([, c]) => c.auroraPostgres)
    .map(([name]) => name);
