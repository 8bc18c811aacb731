/*
 * Pure planning of a cache's RBAC users: the disabled stand-in for the built-in `default` user, and one user per
 * service with the keys and commands its config grants (catalog/elasticacheRbac.ts). No Pulumi inside.
 */

/** What one service may do in the cache. */
export interface ServiceCacheAccess {
    readonly service: string;
    /** Key patterns (ACL `~pattern`). */
    readonly keys: readonly string[];
    /** ACL command rules, e.g. `+@all -@dangerous +info`. */
    readonly commands: string;
}

export interface CacheUser {
    /** The user's id: unique in the account and region, so it carries the replication group's id. */
    readonly userId: string;
    readonly userName: string;
    readonly accessString: string;
    /** The service it belongs to; none for the stand-in default user. */
    readonly service?: string;
}

/** Default command rules: everything but the categories that can wipe or stall the cache, and INFO, which clients ask for. */
export const DEFAULT_COMMANDS = "+@all -@dangerous +info";

/** The keys a service gets by default: its own prefix, so two services never read each other's data. */
export const defaultKeys = (service: string) => [`${service}:*`];

const COMMAND_RULE = /^[+-](@[a-z]+|[a-z]+(\|[a-z-]+)?)$/;
const KEY_PATTERN = /^[^\s~"/@,]+$/;

/** Each rule of an ACL command list that is not one. */
export const commandRuleProblems = (commands: string): string[] =>
    commands
        .trim()
        .split(/\s+/)
        .filter((rule) => !COMMAND_RULE.test(rule))
        .map((rule) => `"${rule}" must be +command, -command, +@category or -@category (ACL rules; ElastiCache sets passwords, and refuses reset)`);

/** What is wrong with a service's cache access, by the setting (`keys` or `commands`) it is in. */
export interface CacheAccessProblem {
    readonly service: string;
    readonly setting: "keys" | "commands";
    readonly message: string;
}

export function cacheUserProblems(access: readonly ServiceCacheAccess[]): CacheAccessProblem[] {
    const problems: CacheAccessProblem[] = [];
    for (const a of access) {
        const add = (setting: CacheAccessProblem["setting"], message: string) => problems.push({ service: a.service, setting, message });
        if (a.keys.length === 0) add("keys", "is empty: the service could read no key; drop redis from its dependsOn instead");
        for (const key of a.keys) if (!KEY_PATTERN.test(key)) add("keys", `"${key}" must be a key pattern without spaces, ~, ", /, @ or ,`);
        for (const message of commandRuleProblems(a.commands)) add("commands", message);
    }
    return problems;
}

/**
 * The users of one replication group: the stand-in `default` (off, no commands, no keys: ElastiCache requires a
 * user named `default` in a group and the built-in one cannot be changed) and one user per service.
 */
export function planCacheUsers(replicationGroupId: string, access: readonly ServiceCacheAccess[]): CacheUser[] {
    const problems = cacheUserProblems(access);
    if (problems.length > 0) throw new Error(problems.map((p) => `services.${p.service}.redisAccess.${p.setting} ${p.message}`).join("; "));
    return [
        { userId: `${replicationGroupId}-default`, userName: "default", accessString: "off -@all" },
        ...access.map((a) => ({
            userId: `${replicationGroupId}-${a.service}`,
            userName: a.service,
            // `&*`: the service's own pub/sub channels are not separated here; keys are.
            accessString: `on ${a.keys.map((k) => `~${k}`).join(" ")} &* ${a.commands.trim().split(/\s+/).join(" ")}`,
            service: a.service,
        })),
    ];
}
