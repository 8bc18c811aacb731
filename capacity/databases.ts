import { MAX_CONNECTIONS } from "../catalog/aurora";
import { dbClass } from "../catalog/dbClasses";

/*
 * Aurora PostgreSQL's default max_connections (catalog/aurora.ts, MAX_CONNECTIONS). Memory per class is
 * catalog/dbClasses.ts'; DBInstanceClassMemory is slightly below it, so the result errs high by a few connections.
 */

export function auroraMaxConnections(instanceClass: string): number | undefined {
    const gib = dbClass(instanceClass)?.memoryGiB;
    const { bytesPerConnection, cap } = MAX_CONNECTIONS.rows;
    return gib === undefined ? undefined : Math.min(Math.floor((gib * 1024 ** 3) / bytesPerConnection), cap);
}
