/*
 * The shard map: which part of the key space lives on which shard. A key is hashed into one of BUCKETS
 * buckets (crc32 of its UTF-8 bytes, modulo BUCKETS); buckets are grouped into contiguous ranges, each
 * owned by one shard.
 *
 * The assignment for N shards is built by adding shards one at a time: shard n takes buckets only from
 * the shards that hold the most, from the end of their ranges. Existing shards therefore only ever lose
 * buckets when shards are added, so going from N to M shards moves exactly the buckets the new shards
 * take, and never a bucket between two existing shards. No Pulumi inside.
 */
import type { WriteRoute } from "./topology";

export const BUCKETS = 1024;
export const HASH_ALGORITHM = "crc32";
export const MAX_SHARDS = 64;

/** A run of buckets `[from, to]` (inclusive) owned by one shard. */
export interface BucketRange {
    readonly from: number;
    readonly to: number;
    readonly shard: number;
}

/** Buckets that change shard, as contiguous runs. */
export interface BucketMove {
    readonly from: number;
    readonly to: number;
    readonly fromShard: number;
    readonly toShard: number;
}

function checkShards(shards: number, buckets: number): void {
    if (!Number.isInteger(shards) || shards < 1 || shards > Math.min(MAX_SHARDS, buckets)) {
        throw new Error(`shards (${shards}) must be an integer from 1 to ${Math.min(MAX_SHARDS, buckets)}`);
    }
}

/** Owner shard of every bucket, for `shards` shards. */
export function bucketOwners(shards: number, buckets: number = BUCKETS): number[] {
    checkShards(shards, buckets);
    const owners = new Array<number>(buckets).fill(0);
    const held: number[][] = [Array.from({ length: buckets }, (_, b) => b)];
    for (let added = 1; added < shards; added++) {
        const taken: number[] = [];
        const fairShare = Math.floor(buckets / (added + 1));
        const largest = () => held.reduce((best, h, i) => (h.length > (held[best]?.length ?? 0) ? i : best), 0);
        // Take from the fullest shard until the new one has its share and no old shard holds two more than it.
        while (taken.length < fairShare || (held[largest()]?.length ?? 0) > taken.length + 1) {
            const donor = held[largest()];
            const bucket = donor?.pop();
            if (bucket === undefined) break;
            taken.unshift(bucket);
        }
        taken.sort((a, b) => a - b);
        for (const bucket of taken) owners[bucket] = added;
        held.push(taken);
    }
    return owners;
}

/** Contiguous runs of one owner, in bucket order. */
export function shardRanges(shards: number, buckets: number = BUCKETS): BucketRange[] {
    const owners = bucketOwners(shards, buckets);
    const ranges: BucketRange[] = [];
    owners.forEach((shard, bucket) => {
        const last = ranges[ranges.length - 1];
        if (last && last.shard === shard && last.to === bucket - 1) ranges[ranges.length - 1] = { ...last, to: bucket };
        else ranges.push({ from: bucket, to: bucket, shard });
    });
    return ranges;
}

/** What moves when the shard count changes from `before` to `after` (data to copy before switching the map). */
export function planShardMove(before: number, after: number, buckets: number = BUCKETS): BucketMove[] {
    const old = bucketOwners(before, buckets);
    const next = bucketOwners(after, buckets);
    const moves: BucketMove[] = [];
    old.forEach((fromShard, bucket) => {
        const toShard = next[bucket] ?? fromShard;
        if (toShard === fromShard) return;
        const last = moves[moves.length - 1];
        if (last && last.fromShard === fromShard && last.toShard === toShard && last.to === bucket - 1) moves[moves.length - 1] = { ...last, to: bucket };
        else moves.push({ from: bucket, to: bucket, fromShard, toShard });
    });
    return moves;
}

/** The endpoints an application in one region uses for one shard. */
export interface ShardEndpoints {
    readonly index: number;
    /**
     * Where this region's applications write: in the writer region its RDS Proxy or the writer's cluster
     * endpoint; elsewhere the region's own cluster's reader endpoint, which forwards writes to the writer.
     */
    readonly writerEndpoint: string;
    /** How writes to `writerEndpoint` reach the writer; `forwarded` writes cannot run DDL, SAVEPOINT or COPY. */
    readonly writeRoute: WriteRoute;
    /** Reader endpoint of the cluster in the application's own region. */
    readonly readerEndpoint: string;
    readonly port: number;
    readonly database: string;
}

/**
 * Which region a document is published in. Not which region writes: then a switchover would rewrite (and
 * @pulumi/kubernetes replace) the map of every region, also of those whose endpoints stay the same.
 */
export interface ShardMapPlacement {
    readonly region: string;
}

/** The document published as the `strata-shard-map` ConfigMap and as a stack output. */
export interface ShardMapDocument {
    readonly version: 1;
    /** The region this copy of the map is for: its endpoints are that region's. */
    readonly region: string;
    readonly shardKeys: Readonly<Record<string, string>>;
    readonly hash: { readonly algorithm: string; readonly buckets: number; readonly rule: string };
    readonly ranges: readonly BucketRange[];
    readonly shards: readonly ShardEndpoints[];
}

export function shardMapDocument(
    shardKeys: Readonly<Record<string, string>>,
    shards: readonly ShardEndpoints[],
    placement: ShardMapPlacement,
    buckets: number = BUCKETS,
): ShardMapDocument {
    return {
        version: 1,
        region: placement.region,
        shardKeys,
        hash: { algorithm: HASH_ALGORITHM, buckets, rule: `bucket = crc32(utf8(key)) mod ${buckets}; shard = the range holding bucket` },
        ranges: shardRanges(shards.length, buckets),
        shards,
    };
}
