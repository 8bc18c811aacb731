/*
 * Aurora PostgreSQL's default max_connections: LEAST(DBInstanceClassMemory / 9531392, 5000) (Aurora User
 * Guide, "Maximum connections to an Aurora PostgreSQL DB instance"). Memory per class from the RDS instance
 * class tables; DBInstanceClassMemory is slightly below it, so the result errs high by a few connections.
 */

export const DB_INSTANCE_MEMORY_GIB: Readonly<Record<string, number>> = {
    "db.t4g.medium": 4,
    "db.t4g.large": 8,
    "db.r6g.large": 16,
    "db.r6g.xlarge": 32,
    "db.r6g.2xlarge": 64,
    "db.r6g.4xlarge": 128,
    "db.r6g.8xlarge": 256,
    "db.r7g.large": 16,
    "db.r7g.xlarge": 32,
    "db.r7g.2xlarge": 64,
    "db.r7g.4xlarge": 128,
    "db.r6i.large": 16,
    "db.r6i.xlarge": 32,
    "db.r6i.2xlarge": 64,
};

export function auroraMaxConnections(instanceClass: string): number | undefined {
    const gib = DB_INSTANCE_MEMORY_GIB[instanceClass];
    return gib === undefined ? undefined : Math.min(Math.floor((gib * 1024 ** 3) / 9531392), 5000);
}
