/*
 * Which region writes, how every region's applications reach the writer, and how the writer's connections
 * are shared between RDS Proxy and forwarded sessions. Pure: no Pulumi inside, so the choices are unit-tested
 * and the component only turns them into resources.
 */
import { AURORA_AUTO_SCALING, FORWARDING_PARAMETERS, RDS_PROXY, supportsGlobalWriteForwarding } from "../../catalog/aurora";

/** How a region's applications write to a shard. */
export type WriteRoute =
    /** Through the region's RDS Proxy, whose target is the writer cluster. */
    | "proxy"
    /** To the writer cluster's cluster endpoint, in the same region. */
    | "cluster"
    /** To the region's own secondary cluster's reader endpoint, which forwards writes to the primary. */
    | "forwarded";

export interface TopologyRegion {
    readonly name: string;
    /** The region the global database and its credentials were created in (`primary: true`); never moves. */
    readonly home: boolean;
    /** The region whose clusters hold the writers now; moves with a switchover. */
    readonly writer: boolean;
    readonly route: WriteRoute;
    /**
     * Readers each of this region's shard clusters has while this role holds: its instances (the home region's
     * writer instance plus its readers, elsewhere the readers) less the one that is the writer in the writer region.
     */
    readonly replicas: number;
    /** Whether this region's clusters get a reader autoscaling target (only the writer's: AWS does not scale secondaries). */
    readonly readerAutoscaling: boolean;
}

export interface Topology {
    readonly home: string;
    readonly writer: string;
    /** More than one region: every shard is an Aurora global database. */
    readonly global: boolean;
    readonly regions: readonly TopologyRegion[];
    /** The writer's connection share kept for forwarded sessions (percent of max_connections); 0 without forwarding. */
    readonly forwardingQuotaPercent: number;
    /** RDS Proxy's MaxConnectionsPercent once the forwarding quota is taken out; undefined without a proxy. */
    readonly proxyMaxConnectionsPercent?: number;
}

export interface TopologyInput {
    readonly regions: readonly { readonly name: string; readonly primary: boolean; readonly readersPerShard: number }[];
    /** The region holding the writers now. @default the primary region */
    readonly writerRegion?: string;
    readonly engineVersion: string;
    readonly proxy: { readonly enabled: boolean; readonly maxConnectionsPercent: number };
    readonly readerAutoscaling: { readonly enabled: boolean };
}

/** Tag naming a global database member's current role (`primary` or `secondary`), for the console and for strata-data-tier. */
export const GLOBAL_ROLE_TAG = "strata.io/global-role";

/** The forwarding quota the data tier sets (AWS's default, written out so that the proxy math can rely on it). */
export const FORWARDING_QUOTA_PERCENT = Number(FORWARDING_PARAMETERS.rows.quota.engineDefault);
/** Consistency of forwarded sessions: a session reads its own forwarded writes. */
export const FORWARDING_CONSISTENCY = "session";

/**
 * RDS Proxy's MaxConnectionsPercent once write forwarding's quota is taken out of it: AWS asks to reduce the
 * proxy's share by the quota, as both come out of the writer's one max_connections pool. `configured` is the
 * share the proxy would take alone. Throws when nothing would be left for the proxy.
 */
export function proxyConnectionsPercent(configured: number, forwardingQuotaPercent: number): number {
    const { min, max } = RDS_PROXY.rows.maxConnectionsPercent;
    if (!Number.isInteger(configured) || configured < min || configured > max) throw new Error(`proxy.maxConnectionsPercent (${configured}) must be an integer from ${min} to ${max}`);
    const share = configured - forwardingQuotaPercent;
    if (share < min) {
        throw new Error(`proxy.maxConnectionsPercent (${configured}) leaves no connections for the proxy once write forwarding keeps ${forwardingQuotaPercent} % of the writer's connections; raise it above ${forwardingQuotaPercent}`);
    }
    return share;
}

/** The DB cluster parameters that make forwarding work in every role a region's clusters can take. */
export function forwardingParameters(topology: Pick<Topology, "global" | "forwardingQuotaPercent">): { name: string; value: string; applyMethod: "pending-reboot" }[] {
    if (!topology.global) return [];
    const { consistency, quota } = FORWARDING_PARAMETERS.rows;
    return [
        // Read by a secondary's readers; "off" (the engine default) would refuse every forwarded write.
        { name: consistency.name, value: FORWARDING_CONSISTENCY, applyMethod: consistency.applyMethod },
        // Read by the primary's writer; written out so the proxy's share below is computed from the value in force.
        { name: quota.name, value: String(topology.forwardingQuotaPercent), applyMethod: quota.applyMethod },
    ];
}

/** Plans the roles and write routes of every region; returns every problem at once. */
export function planTopology(input: TopologyInput): { ok: true; topology: Topology } | { ok: false; problems: string[] } {
    const problems: string[] = [];
    const homes = input.regions.filter((r) => r.primary);
    const home = homes[0]?.name;
    const writer = input.writerRegion ?? home;
    const names = input.regions.map((r) => r.name);
    if (input.writerRegion !== undefined && !names.includes(input.writerRegion)) {
        problems.push(`writerRegion (${input.writerRegion}) must be one of the stack's regions: ${names.join(", ")}`);
    }
    const global = input.regions.length > 1;
    if (global && !supportsGlobalWriteForwarding(input.engineVersion)) {
        problems.push(`engineVersion (${input.engineVersion}) does not support global write forwarding, which secondary regions write through: use 14.9+, 15.4+ or 16 and later`);
    }
    const forwardingQuotaPercent = global ? FORWARDING_QUOTA_PERCENT : 0;
    let proxyMaxConnectionsPercent: number | undefined;
    if (input.proxy.enabled) {
        try {
            proxyMaxConnectionsPercent = proxyConnectionsPercent(input.proxy.maxConnectionsPercent, forwardingQuotaPercent);
        } catch (error) {
            problems.push((error as Error).message);
        }
    }
    if (problems.length > 0 || home === undefined || writer === undefined) return { ok: false, problems };
    const regions = input.regions.map((r): TopologyRegion => {
        const writes = r.name === writer;
        // A switchover moves the writer role onto one of a region's instances; it creates none.
        const replicas = r.readersPerShard + (r.name === home ? 1 : 0) - (writes ? 1 : 0);
        return {
            name: r.name,
            home: r.name === home,
            writer: writes,
            route: writes ? (input.proxy.enabled ? "proxy" : "cluster") : "forwarded",
            replicas,
            readerAutoscaling: input.readerAutoscaling.enabled && writes && replicas >= AURORA_AUTO_SCALING.rows.minimumReplicasToStart,
        };
    });
    return { ok: true, topology: { home, writer, global, regions, forwardingQuotaPercent, ...(proxyMaxConnectionsPercent !== undefined ? { proxyMaxConnectionsPercent } : {}) } };
}
