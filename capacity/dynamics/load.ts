/*
 * Load profiles over simulated seconds, from 0 (a service's steady load) to 1 (its peak). Every profile
 * starts steady long enough for the autoscaler's windows to fill, then rises at `riseAt`.
 */

export type ProfileName = "burst" | "ramp" | "workday";
export const PROFILES: readonly ProfileName[] = ["burst", "ramp", "workday"];

export interface Profile {
    readonly name: ProfileName;
    /** When the load starts to rise; the time to capacity counts from here. */
    readonly riseAt: number;
    /** Last simulated second. */
    readonly horizon: number;
    /** Where the load stands at second t between steady (0) and peak (1). */
    shape(t: number): number;
}

/** Seconds of steady state before a burst or ramp: longer than the 300 s default downscale window. */
const WARM_UP_SECONDS = 360;
/** How long a burst or ramp is followed after the rise. */
const FOLLOW_SECONDS = 900;
export const RAMP_SECONDS = 300;

const HOUR = 3600;

/**
 * A business day (hour of day → share of the peak): steady overnight, a morning climb into the 09:00–18:00
 * window the requirements' time-of-day floors describe, a lunch dip, and the evening fall. The shape is
 * Strata's assumption; the requirements give only the window.
 */
const WORKDAY: readonly (readonly [number, number])[] = [
    [0, 0],
    [7, 0],
    [8, 0.35],
    [9, 0.85],
    [11, 1],
    [12.5, 0.8],
    [14, 1],
    [17, 0.9],
    [18, 0.5],
    [20, 0.2],
    [22, 0],
    [24, 0],
];

function interpolate(points: readonly (readonly [number, number])[], x: number): number {
    for (let i = 1; i < points.length; i++) {
        const [x0, y0] = points[i - 1] ?? [0, 0];
        const [x1, y1] = points[i] ?? [0, 0];
        if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0 || 1);
    }
    return points[points.length - 1]?.[1] ?? 0;
}

export function profile(name: ProfileName): Profile {
    const riseAt = WARM_UP_SECONDS;
    switch (name) {
        case "burst":
            return { name, riseAt, horizon: riseAt + FOLLOW_SECONDS, shape: (t) => (t < riseAt ? 0 : 1) };
        case "ramp":
            return { name, riseAt, horizon: riseAt + RAMP_SECONDS + FOLLOW_SECONDS, shape: (t) => Math.min(1, Math.max(0, (t - riseAt) / RAMP_SECONDS)) };
        case "workday":
            // The day starts at midnight, after a warm-up at the overnight level.
            return { name, riseAt, horizon: riseAt + 24 * HOUR, shape: (t) => interpolate(WORKDAY, Math.max(0, t - riseAt) / HOUR) };
    }
}
