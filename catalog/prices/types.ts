import { Source } from "../source";

/*
 * The shapes of the price tables. Prices are list prices in USD, before taxes, free tiers, Savings Plans or
 * Reserved Instances; every one carries the page it was read from and when.
 */

/** The regions every regional table prices. A region outside this list is refused by the lookups, never guessed. */
export const PRICED_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"] as const;
export type PricedRegion = (typeof PRICED_REGIONS)[number];

/** One price: what one unit costs, what the unit is, and where it was read. */
export interface Rate {
    readonly usd: number;
    /** The billing unit, e.g. "hour", "GB", "GB-month", "10,000 requests", "million requests", "vCPU-hour". */
    readonly per: string;
    readonly source: Source;
}

/** Hourly prices of sized things (instance types, DB classes, cache node types) in one region, from one source. */
export interface RegionalHourly {
    readonly source: Source;
    /** Type name (e.g. "m6i.2xlarge", "db.r6g.2xlarge", "cache.r7g.large") → USD per hour. */
    readonly usdPerHour: Readonly<Record<string, number>>;
}

/** A table of hourly prices per priced region. */
export type HourlyTable = Readonly<Record<PricedRegion, RegionalHourly>>;

/** A set of named rates per priced region; a rate no source gave for a region is absent, and its lookup is refused. */
export type RegionalRates<K extends string> = Readonly<Record<PricedRegion, Partial<Readonly<Record<K, Rate>>>>>;
