/*
 * Pure shaping of one regional cache: parameter group family and parameters, replication settings and the
 * client settings the applications receive. No Pulumi inside.
 */

import { PLATFORM_PORTS } from "../../catalog/ports";

/** Where the cache's nodes listen (catalog/ports.ts). */
export const REDIS_PORT = PLATFORM_PORTS.rows.redis.port;

export type CacheEngine = "redis" | "valkey";

export interface CacheShape {
    /** Shards (node groups), 1–500. */
    readonly shards: number;
    /** Replicas per shard, 0–5. */
    readonly replicasPerShard: number;
    /** ElastiCache node type in the `cache.` family. */
    readonly nodeType: string;
}

export interface CachePlanArgs extends CacheShape {
    readonly engine: CacheEngine;
    /** Engine version, e.g. "7.1". */
    readonly engineVersion: string;
    /** Memory use (percent) at which eviction starts; the rest is reserved. */
    readonly evictionThresholdPercent: number;
    readonly maxmemoryPolicy: string;
    /** Multi-AZ placement (needs a replica per shard). */
    readonly multiAz: boolean;
}

export interface CachePlan {
    readonly family: string;
    readonly parameters: { name: string; value: string }[];
    readonly nodeCount: number;
    readonly automaticFailover: boolean;
    readonly multiAz: boolean;
}

/** The parameter group family of an engine version: redis6.x, redis7, valkey7, valkey8 … */
export function parameterFamily(engine: CacheEngine, engineVersion: string): string {
    const major = engineVersion.split(".")[0] ?? engineVersion;
    return engine === "redis" && major === "6" ? "redis6.x" : `${engine}${major}`;
}

export function planCache(args: CachePlanArgs): CachePlan {
    const problems: string[] = [];
    if (!Number.isInteger(args.shards) || args.shards < 1 || args.shards > 500) problems.push(`shards (${args.shards}) must be an integer from 1 to 500`);
    if (!Number.isInteger(args.replicasPerShard) || args.replicasPerShard < 0 || args.replicasPerShard > 5) {
        problems.push(`replicasPerShard (${args.replicasPerShard}) must be an integer from 0 to 5`);
    }
    if (!/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(args.nodeType)) problems.push(`nodeType "${args.nodeType}" must be in the cache. family, e.g. cache.r7g.large`);
    if (args.multiAz && args.replicasPerShard === 0) problems.push("multiAz needs replicasPerShard ≥ 1");
    if (args.evictionThresholdPercent < 50 || args.evictionThresholdPercent > 95) problems.push(`evictionThresholdPercent (${args.evictionThresholdPercent}) must be from 50 to 95`);
    if (problems.length > 0) throw new Error(problems.join("; "));
    return {
        family: parameterFamily(args.engine, args.engineVersion),
        parameters: [
            { name: "cluster-enabled", value: "yes" },
            { name: "maxmemory-policy", value: args.maxmemoryPolicy },
            // maxmemory = node memory minus the reserve, so eviction starts at the threshold.
            { name: "reserved-memory-percent", value: String(100 - args.evictionThresholdPercent) },
        ],
        nodeCount: args.shards * (1 + args.replicasPerShard),
        // Cluster-mode replication groups must have automatic failover on, replicas or not.
        automaticFailover: true,
        multiAz: args.multiAz && args.replicasPerShard > 0,
    };
}
