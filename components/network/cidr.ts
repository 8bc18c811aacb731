/** IPv4 CIDR arithmetic on unsigned 32-bit integers; no Pulumi inside. */
export interface Cidr {
    /** Network address as an unsigned 32-bit integer. */
    readonly base: number;
    /** Prefix length, 0–32. */
    readonly prefix: number;
}

const CIDR_TEXT = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

const blockSize = (prefix: number): number => 2 ** (32 - prefix);

/** Parses `a.b.c.d/n`; host bits must be zero so the block means what it says. */
export function parseCidr(text: string): Cidr {
    const m = CIDR_TEXT.exec(text);
    if (!m) throw new Error(`"${text}" is not an IPv4 CIDR block (a.b.c.d/n)`);
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) throw new Error(`"${text}" is not an IPv4 CIDR block (a.b.c.d/n)`);
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    if (base % blockSize(prefix) !== 0) {
        throw new Error(`"${text}" has host bits set; the block starts at ${formatCidr({ base: base - (base % blockSize(prefix)), prefix })}`);
    }
    return { base, prefix };
}

export function formatCidr(cidr: Cidr): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(cidr.base / 2 ** shift) % 256);
    return `${octets.join(".")}/${cidr.prefix}`;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
    const aEnd = a.base + blockSize(a.prefix);
    const bEnd = b.base + blockSize(b.prefix);
    return a.base < bEnd && b.base < aEnd;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
    return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + blockSize(inner.prefix) <= outer.base + blockSize(outer.prefix);
}

/** The `index`-th block of length `prefix` inside `parent`. */
export function subdivide(parent: Cidr, prefix: number, index: number): Cidr {
    if (prefix < parent.prefix || prefix > 32) throw new Error(`cannot cut /${prefix} blocks out of ${formatCidr(parent)}`);
    const count = 2 ** (prefix - parent.prefix);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new Error(`${formatCidr(parent)} holds ${count} /${prefix} blocks; index ${index} is out of range`);
    }
    return { base: parent.base + index * blockSize(prefix), prefix };
}

/** Why `text` is not a usable IPv4 network block (worded to follow the block), or undefined when it is one. */
export function cidrTextProblem(text: string): string | undefined {
    const m = CIDR_TEXT.exec(text);
    const octets = m ? m.slice(1, 5).map(Number) : [];
    const prefix = m ? Number(m[5]) : 0;
    if (!m || octets.some((o) => o > 255) || prefix > 32) return "is not an IPv4 CIDR block (a.b.c.d/n)";
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    const start = base - (base % blockSize(prefix));
    return start === base ? undefined : `must be a network address: the host bits after the prefix must be zero (the block starts at ${formatCidr({ base: start, prefix })})`;
}
