/*
 * The dependency graph a deployment follows, as the Pulumi engine builds it from the plan: pure, no Pulumi.
 *
 * What a resource waits for (catalog/ordering.ts, PULUMI_DEPENDS_ON): every URN in its dependency list (explicit
 * `dependsOn` and every property's dependencies). A URN that names a local component stands for the component's
 * custom descendants, reached through nested components and not below a custom resource; the SDK already lists
 * those instead of the component, so the expansion here only matters for graphs built by hand or by other tools.
 * A component's own dependencies are never inherited by its children: reaching a child says nothing about what
 * its parent depends on, and nothing is reached through a parent.
 */

/** One resource of the graph. */
export interface GraphNode {
    readonly urn: string;
    /** A custom resource (or provider, or remote component): the engine creates it and dependents wait for it. */
    readonly custom: boolean;
    readonly parent?: string;
    /** Explicit and property dependencies, as registered. */
    readonly dependencies: readonly string[];
}

export class DependencyGraph {
    private readonly nodes = new Map<string, GraphNode>();
    private readonly children = new Map<string, string[]>();
    private readonly reachCache = new Map<string, ReadonlySet<string>>();

    constructor(nodes: readonly GraphNode[]) {
        for (const node of nodes) this.nodes.set(node.urn, node);
        for (const node of nodes) {
            if (node.parent === undefined) continue;
            const siblings = this.children.get(node.parent) ?? [];
            siblings.push(node.urn);
            this.children.set(node.parent, siblings);
        }
    }

    has(urn: string): boolean {
        return this.nodes.has(urn);
    }

    /**
     * What depending on `urn` makes a resource wait for: the resource itself when it is custom; for a local
     * component, its custom descendants through nested components (never the children of a custom resource).
     * `exclude` is the dependent itself, which the SDK never lists.
     */
    expand(urn: string, exclude?: string): string[] {
        const node = this.nodes.get(urn);
        if (!node) return [];
        if (node.custom) return urn === exclude ? [] : [urn];
        const found: string[] = [];
        const seen = new Set<string>([urn]);
        const walk = (component: string) => {
            for (const child of this.children.get(component) ?? []) {
                if (seen.has(child)) continue;
                seen.add(child);
                const childNode = this.nodes.get(child);
                if (!childNode) continue;
                if (childNode.custom) {
                    if (child !== exclude) found.push(child);
                } else walk(child);
            }
        };
        walk(urn);
        return found;
    }

    /** The resources `urn` waits for directly, components expanded. */
    waitsFor(urn: string): string[] {
        const node = this.nodes.get(urn);
        if (!node) return [];
        return [...new Set(node.dependencies.flatMap((d) => this.expand(d, urn)))];
    }

    /** Every resource `urn` waits for, directly or through the resources it waits for. */
    reachable(urn: string): ReadonlySet<string> {
        const cached = this.reachCache.get(urn);
        if (cached) return cached;
        const reached = new Set<string>();
        const stack = this.waitsFor(urn);
        while (stack.length > 0) {
            const next = stack.pop() as string;
            if (reached.has(next)) continue;
            reached.add(next);
            const known = this.reachCache.get(next);
            if (known) {
                for (const k of known) reached.add(k);
                continue;
            }
            stack.push(...this.waitsFor(next));
        }
        this.reachCache.set(urn, reached);
        return reached;
    }

    /** Whether `from` waits, directly or transitively, for `to`. */
    reaches(from: string, to: string): boolean {
        return this.reachable(from).has(to);
    }

    /** A dependency cycle, as the URNs along it (first repeated at the end), or undefined when the graph is acyclic. */
    findCycle(): string[] | undefined {
        const state = new Map<string, "open" | "done">();
        const path: string[] = [];
        const visit = (urn: string): string[] | undefined => {
            state.set(urn, "open");
            path.push(urn);
            for (const next of this.waitsFor(urn)) {
                const s = state.get(next);
                if (s === "open") return [...path.slice(path.indexOf(next)), next];
                if (s === undefined) {
                    const cycle = visit(next);
                    if (cycle) return cycle;
                }
            }
            path.pop();
            state.set(urn, "done");
            return undefined;
        };
        for (const urn of this.nodes.keys()) {
            if (state.has(urn)) continue;
            const cycle = visit(urn);
            if (cycle) return cycle;
        }
        return undefined;
    }
}
