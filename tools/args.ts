/** The command line every Strata tool takes: one stack, options with a value, and switches. */

export interface StackArgs {
    readonly stack: string;
    /** Options given with a value, by name without the dashes. */
    readonly values: Readonly<Record<string, string>>;
    readonly switches: ReadonlySet<string>;
}

/** Parses `<stack> [--name value] [--switch]`; throws a message naming the bad argument, with the usage. */
export function parseStackArgs(argv: readonly string[], spec: { readonly values: readonly string[]; readonly switches: readonly string[] }, usage: string): StackArgs {
    let stack: string | undefined;
    const values: Record<string, string> = {};
    const switches = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? "";
        const name = arg.slice(2);
        if (arg.startsWith("--") && spec.values.includes(name)) {
            const next = argv[++i];
            if (next === undefined || next.startsWith("--")) throw new Error(`${arg} needs a value\n${usage}`);
            values[name] = next;
        } else if (arg.startsWith("--") && spec.switches.includes(name)) switches.add(name);
        else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}\n${usage}`);
        else if (stack === undefined) stack = arg;
        else throw new Error(`unexpected argument ${arg}: one stack at a time\n${usage}`);
    }
    if (!stack) throw new Error(`no stack given\n${usage}`);
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new Error(`stack name "${stack}" may hold only letters, digits, "-", "_" and "."`);
    return { stack, values, switches };
}
