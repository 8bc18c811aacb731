import { dbClass } from "../catalog/dbClasses";

/*
 * Aurora PostgreSQL's default max_connections: LEAST(DBInstanceClassMemory / 9531392, 5000) (Aurora User
 * Guide, "Maximum connections to an Aurora PostgreSQL DB instance"). Memory per class is catalog/dbClasses.ts';
 * DBInstanceClassMemory is slightly below it, so the result errs high by a few connections.
 */

export function auroraMaxConnections(instanceClass: string): number | undefined {
    const gib = dbClass(instanceClass)?.memoryGiB;
    return gib === undefined ? undefined : Math.min(Math.floor((gib * 1024 ** 3) / 9531392), 5000);
}
