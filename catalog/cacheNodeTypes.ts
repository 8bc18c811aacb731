import { Source, Sourced } from "./source";

/*
 * ElastiCache node types of the current generation: the ones a new Redis OSS or Valkey replication group can be
 * created on ("Previous generation: … creation of new clusters is not supported for these types"). The list is
 * the CacheNode data type's own, in the ElastiCache API reference.
 *
 * Memory per node type is not recorded: the figures are on the ElastiCache pricing and "supported node types"
 * pages, which this catalog could not read in full, and nothing in Strata computes with them yet.
 */

const CHECKED = "2026-12-02";

const API_REFERENCE: Source = {
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheNode.html",
    version: "CacheNode: supported node types (current generation)",
    checked: CHECKED,
};

const SUPPORTED_TYPES: Source = {
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html",
    version: "region availability of each type",
    checked: CHECKED,
};

export interface CacheNodeType {
    readonly family: string;
    readonly purpose: "general" | "burstable" | "memory";
    readonly sources: readonly Source[];
}

const sizes = (family: string, purpose: CacheNodeType["purpose"], names: readonly string[]): [string, CacheNodeType][] =>
    names.map((size) => [`cache.${family}.${size}`, { family, purpose, sources: [API_REFERENCE, SUPPORTED_TYPES] }]);

const GRAVITON_SIZES = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"] as const;
const R5_M5_SIZES = ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"] as const;

export const CACHE_NODE_TYPES: Sourced<Readonly<Record<string, CacheNodeType>>> = {
    sources: [API_REFERENCE, SUPPORTED_TYPES],
    rows: Object.fromEntries([
        ...sizes("m7g", "general", GRAVITON_SIZES),
        ...sizes("m6g", "general", GRAVITON_SIZES),
        ...sizes("m5", "general", R5_M5_SIZES),
        ...sizes("t4g", "burstable", ["micro", "small", "medium"]),
        ...sizes("t3", "burstable", ["micro", "small", "medium"]),
        ...sizes("r7g", "memory", GRAVITON_SIZES),
        ...sizes("r6g", "memory", GRAVITON_SIZES),
        ...sizes("r5", "memory", R5_M5_SIZES),
    ]),
};

export const cacheNodeType = (name: string): CacheNodeType | undefined => CACHE_NODE_TYPES.rows[name];
