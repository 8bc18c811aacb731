import { PlanResource } from "../tools/plan/contract";

/*
 * The deployment's critical path: the longest chain of dependencies, each resource weighted by how long its
 * type typically takes to create. The engine creates a resource once everything it depends on exists: its
 * dependencies (a component stands for all the resources under it) and its provider. Against the slowest
 * single resource, the lower bound for any deployment, it shows how much the graph serializes.
 */

export interface PathStep {
    readonly type: string;
    readonly name: string;
    readonly seconds: number;
}

export interface CriticalPath {
    readonly seconds: number;
    readonly chain: PathStep[];
    /** The slowest single resource: no deployment can finish sooner. */
    readonly lowerBound: PathStep;
}

export function criticalPath(resources: readonly PlanResource[], secondsOf: (type: string) => number): CriticalPath {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, PlanResource[]>();
    for (const r of resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    const expanded = new Map<string, string[]>();
    /** A dependency on a component waits for every custom resource under it. */
    const customsUnder = (urn: string): string[] => {
        const known = expanded.get(urn);
        if (known) return known;
        const r = byUrn.get(urn);
        const result = !r ? [] : r.custom ? [urn] : (children.get(urn) ?? []).flatMap((c) => customsUnder(c.urn));
        expanded.set(urn, result);
        return result;
    };
    const finish = new Map<string, { at: number; via: string | undefined }>();
    // Iterative depth-first search: an XL stack's chains are deeper than a recursive walk should go.
    for (const root of resources.filter((r) => r.custom)) {
        const stack: { urn: string; deps: string[] | undefined }[] = [{ urn: root.urn, deps: undefined }];
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            if (!top) break;
            if (finish.has(top.urn)) {
                stack.pop();
                continue;
            }
            const r = byUrn.get(top.urn);
            if (!r) {
                stack.pop();
                continue;
            }
            if (top.deps === undefined) {
                top.deps = [...new Set([...r.dependencies.flatMap(customsUnder), ...(r.provider ? customsUnder(r.provider) : [])])].filter((d) => d !== r.urn);
                const pending = top.deps.filter((d) => !finish.has(d));
                if (pending.length > 0) {
                    stack.push(...pending.map((urn) => ({ urn, deps: undefined })));
                    continue;
                }
            }
            let best: { at: number; via: string | undefined } = { at: 0, via: undefined };
            for (const d of top.deps) {
                const f = finish.get(d);
                if (f && f.at > best.at) best = { at: f.at, via: d };
            }
            finish.set(top.urn, { at: best.at + secondsOf(r.type), via: best.via });
            stack.pop();
        }
    }
    let end: string | undefined;
    for (const [urn, f] of finish) if (end === undefined || f.at > (finish.get(end)?.at ?? 0)) end = urn;
    const chain: PathStep[] = [];
    for (let urn = end; urn !== undefined; urn = finish.get(urn)?.via) {
        const r = byUrn.get(urn);
        if (r) chain.unshift({ type: r.type, name: r.name, seconds: secondsOf(r.type) });
    }
    const slowest = resources.filter((r) => r.custom).reduce<PathStep>((a, r) => (secondsOf(r.type) > a.seconds ? { type: r.type, name: r.name, seconds: secondsOf(r.type) } : a), { type: "", name: "", seconds: 0 });
    return { seconds: end === undefined ? 0 : (finish.get(end)?.at ?? 0), chain, lowerBound: slowest };
}
