/** Kubernetes quantities as numbers, for comparisons ("500m" < "2", "512Mi" < "1Gi"). */

export function cpuMillis(quantity: string): number {
    const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity);
    if (!m) throw new Error(`"${quantity}" is not a CPU quantity`);
    return m[2] === "m" ? Number(m[1]) : Math.round(Number(m[1]) * 1000);
}

const MEMORY_UNITS: Record<string, number> = { "": 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9 };

export function memoryBytes(quantity: string): number {
    const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G)?$/.exec(quantity);
    if (!m) throw new Error(`"${quantity}" is not a memory quantity`);
    return Number(m[1]) * (MEMORY_UNITS[m[2] ?? ""] ?? 1);
}

/** A metric target as a quantity string: whole numbers as they are, fractions in milli-units. */
export function metricQuantity(value: number): string {
    return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
}

/** Twice a CPU request, as a quantity (the default limit). */
export function doubledCpu(quantity: string): string {
    return `${cpuMillis(quantity) * 2}m`;
}
