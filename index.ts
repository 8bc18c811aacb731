import { loadStackConfig } from "./stacks/config";
import { Platform } from "./stacks/platform";

// Validation happens before anything is registered: a bad config creates nothing.
const config = loadStackConfig();
const platform = new Platform("strata", config);

export const environment = config.environment;
export const primaryRegion = config.regions.find((r) => r.primary)?.name;
export const regions = platform.regions;
export const postgresShardMap = platform.postgres;
export const edge = platform.edge;
