import { HourlyTable, PRICED_REGIONS, PricedRegion, Rate, RegionalRates } from "./types";

/** A price the catalog does not hold: the message names what, where, and what the catalog does price. */
export class UnknownPrice extends Error {}

function pricedRegion(region: string, what: string): PricedRegion {
    const found = PRICED_REGIONS.find((r) => r === region);
    if (!found) throw new UnknownPrice(`no ${what} prices for region ${region}: catalog/prices prices ${PRICED_REGIONS.join(", ")}`);
    return found;
}

/** The hourly price of `type` in `region` from an hourly table (instance types, DB classes, cache node types). */
export function hourlyRate(table: HourlyTable, what: string, region: string, type: string): Rate {
    const { usdPerHour, source } = table[pricedRegion(region, what)];
    const usd = usdPerHour[type];
    if (usd === undefined) throw new UnknownPrice(`no ${what} price for ${type} in ${region} in catalog/prices`);
    return { usd, per: "hour", source };
}

/** A named regional rate. */
export function regionalRate<K extends string>(table: RegionalRates<K>, what: string, region: string, key: K): Rate {
    const rate = table[pricedRegion(region, what)][key];
    if (!rate) throw new UnknownPrice(`no ${what} price (${key}) for ${region} in catalog/prices`);
    return rate;
}
