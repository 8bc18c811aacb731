import { Source, Sourced } from "./source";

/*
 * ElastiCache node types of the current generation: the ones a new Valkey or Redis OSS replication group can be
 * created on ("Previous generation: … creation of new clusters is not supported for these types"; T2 is moving
 * there too). The list is the CacheNode data type's, in the ElastiCache API reference; maxmemory per node type
 * (bytes available for data, not modifiable) is the user guide's "node-type specific parameters" tables, which list
 * the Graviton4 families (m8g, r8g) for Valkey only.
 *
 * Region availability varies (e.g. Asia Pacific (Thailand) and Mexico (Central) offer m7g, r7g, t3 and t4g only);
 * it is not checked here.
 */

const CHECKED = "2026-12-02";

const API_REFERENCE: Source = {
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheNode.html",
    version: "CacheNode: supported node types (current generation)",
    checked: CHECKED,
};

const MAXMEMORY: Source = {
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html#ParameterGroups.Valkey.NodeSpecific",
    version: "Valkey and Redis OSS node-type specific parameters (maxmemory, bytes)",
    checked: CHECKED,
};

const SUPPORTED_TYPES: Source = {
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html",
    version: "supported node types and their region availability",
    checked: CHECKED,
};

export type CacheEngine = "redis" | "valkey";

export interface CacheNodeType {
    readonly family: string;
    readonly purpose: "general" | "burstable" | "memory";
    /** Bytes available for data (the node's maxmemory). */
    readonly maxmemoryBytes: number;
    /** Engines ElastiCache runs on the type. */
    readonly engines: readonly CacheEngine[];
    readonly sources: readonly Source[];
}

const both = (family: string, purpose: CacheNodeType["purpose"], maxmemoryBytes: number): CacheNodeType => ({
    family,
    purpose,
    maxmemoryBytes,
    engines: ["redis", "valkey"],
    sources: [API_REFERENCE, MAXMEMORY, SUPPORTED_TYPES],
});
const valkeyOnly = (family: string, purpose: CacheNodeType["purpose"], maxmemoryBytes: number): CacheNodeType => ({
    family,
    purpose,
    maxmemoryBytes,
    engines: ["valkey"],
    sources: [MAXMEMORY, SUPPORTED_TYPES],
});

export const CACHE_NODE_TYPES: Sourced<Readonly<Record<string, CacheNodeType>>> = {
    sources: [API_REFERENCE, MAXMEMORY, SUPPORTED_TYPES],
    rows: {
        "cache.t3.micro": both("t3", "burstable", 536870912),
        "cache.t3.small": both("t3", "burstable", 1471026299),
        "cache.t3.medium": both("t3", "burstable", 3317862236),
        "cache.t4g.micro": both("t4g", "burstable", 536870912),
        "cache.t4g.small": both("t4g", "burstable", 1471026299),
        "cache.t4g.medium": both("t4g", "burstable", 3317862236),
        "cache.m5.large": both("m5", "general", 6854542746),
        "cache.m5.xlarge": both("m5", "general", 13891921715),
        "cache.m5.2xlarge": both("m5", "general", 27966669210),
        "cache.m5.4xlarge": both("m5", "general", 56116178125),
        "cache.m5.12xlarge": both("m5", "general", 168715971994),
        "cache.m5.24xlarge": both("m5", "general", 337500562842),
        "cache.m6g.large": both("m6g", "general", 6854542746),
        "cache.m6g.xlarge": both("m6g", "general", 13891921715),
        "cache.m6g.2xlarge": both("m6g", "general", 27966669210),
        "cache.m6g.4xlarge": both("m6g", "general", 56116178125),
        "cache.m6g.8xlarge": both("m6g", "general", 111325552312),
        "cache.m6g.12xlarge": both("m6g", "general", 168715971994),
        "cache.m6g.16xlarge": both("m6g", "general", 225000375228),
        "cache.m7g.large": both("m7g", "general", 6854542746),
        "cache.m7g.xlarge": both("m7g", "general", 13891921715),
        "cache.m7g.2xlarge": both("m7g", "general", 27966669210),
        "cache.m7g.4xlarge": both("m7g", "general", 56116178125),
        "cache.m7g.8xlarge": both("m7g", "general", 111325552312),
        "cache.m7g.12xlarge": both("m7g", "general", 168715971994),
        "cache.m7g.16xlarge": both("m7g", "general", 225000375228),
        "cache.m8g.large": valkeyOnly("m8g", "general", 7294178820),
        "cache.m8g.xlarge": valkeyOnly("m8g", "general", 15222495510),
        "cache.m8g.2xlarge": valkeyOnly("m8g", "general", 31866224640),
        "cache.m8g.4xlarge": valkeyOnly("m8g", "general", 65856864256),
        "cache.m8g.8xlarge": valkeyOnly("m8g", "general", 133838143488),
        "cache.m8g.12xlarge": valkeyOnly("m8g", "general", 201819422720),
        "cache.m8g.16xlarge": valkeyOnly("m8g", "general", 269800701952),
        "cache.r5.large": both("r5", "memory", 14037181030),
        "cache.r5.xlarge": both("r5", "memory", 28261849702),
        "cache.r5.2xlarge": both("r5", "memory", 56711183565),
        "cache.r5.4xlarge": both("r5", "memory", 113609865216),
        "cache.r5.12xlarge": both("r5", "memory", 341206346547),
        "cache.r5.24xlarge": both("r5", "memory", 682485973811),
        "cache.r6g.large": both("r6g", "memory", 14037181030),
        "cache.r6g.xlarge": both("r6g", "memory", 28261849702),
        "cache.r6g.2xlarge": both("r6g", "memory", 56711183565),
        "cache.r6g.4xlarge": both("r6g", "memory", 113609865216),
        "cache.r6g.8xlarge": both("r6g", "memory", 225000375228),
        "cache.r6g.12xlarge": both("r6g", "memory", 341206346547),
        "cache.r6g.16xlarge": both("r6g", "memory", 450000750456),
        "cache.r7g.large": both("r7g", "memory", 14037181030),
        "cache.r7g.xlarge": both("r7g", "memory", 28261849702),
        "cache.r7g.2xlarge": both("r7g", "memory", 56711183565),
        "cache.r7g.4xlarge": both("r7g", "memory", 113609865216),
        "cache.r7g.8xlarge": both("r7g", "memory", 225000375228),
        "cache.r7g.12xlarge": both("r7g", "memory", 341206346547),
        "cache.r7g.16xlarge": both("r7g", "memory", 450000750456),
        "cache.r8g.large": valkeyOnly("r8g", "memory", 15222495510),
        "cache.r8g.xlarge": valkeyOnly("r8g", "memory", 31866224640),
        "cache.r8g.2xlarge": valkeyOnly("r8g", "memory", 65856864256),
        "cache.r8g.4xlarge": valkeyOnly("r8g", "memory", 133838143488),
        "cache.r8g.8xlarge": valkeyOnly("r8g", "memory", 269800701952),
        "cache.r8g.12xlarge": valkeyOnly("r8g", "memory", 405763260416),
        "cache.r8g.16xlarge": valkeyOnly("r8g", "memory", 541725818880),
    },
};

export const cacheNodeType = (name: string): CacheNodeType | undefined => CACHE_NODE_TYPES.rows[name];
