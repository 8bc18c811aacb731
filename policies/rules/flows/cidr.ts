/** IPv4 CIDR arithmetic for the flow model: containment only, which is all a security-group match needs. */

interface Range {
    readonly first: number;
    readonly last: number;
}

function rangeOf(cidr: string): Range | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!match) return undefined;
    const octets = match.slice(1, 5).map(Number);
    const bits = Number(match[5]);
    if (octets.some((o) => o > 255) || bits > 32) return undefined;
    const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
    const size = 2 ** (32 - bits);
    const first = Math.floor(address / size) * size;
    return { first, last: first + size - 1 };
}

/** Whether every address of `inner` lies in `outer` (both IPv4 CIDRs; anything unparsable never matches). */
export function cidrContains(outer: string, inner: string): boolean {
    const o = rangeOf(outer);
    const i = rangeOf(inner);
    return o !== undefined && i !== undefined && o.first <= i.first && i.last <= o.last;
}

/** Whether a CIDR (IPv4 or IPv6) spans every address of its family: the internet. */
export const isAnywhere = (cidr: string): boolean => /^0\.0\.0\.0\/0$/.test(cidr) || /^::\/0$/.test(cidr);
