/*
 * Scheduled replica floors: each window becomes two cron entries, one that sets the window's bounds on the
 * HPA at its start and one that restores the configured bounds at its end. No Pulumi inside.
 */

export interface ScheduleWindow {
    readonly name: string;
    /** Cron day-of-week field, e.g. "1-5". */
    readonly days: string;
    /** "HH:MM" */
    readonly start: string;
    readonly end: string;
    readonly minReplicas: number;
    readonly maxReplicas: number;
}

export interface ScheduledPatch {
    /** `<window>-start` or `<window>-end`. */
    readonly name: string;
    /** Five-field cron expression in the schedule's time zone. */
    readonly schedule: string;
    readonly minReplicas: number;
    readonly maxReplicas: number;
}

const minutes = (clock: string) => {
    const [h, m] = clock.split(":").map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
};

const cron = (clock: string, days: string) => {
    const [h, m] = clock.split(":").map(Number);
    return `${m ?? 0} ${h ?? 0} * * ${days}`;
};

export function planSchedule(windows: readonly ScheduleWindow[], base: { minReplicas: number; maxReplicas: number }): ScheduledPatch[] {
    const problems: string[] = [];
    const names = new Set<string>();
    for (const w of windows) {
        if (names.has(w.name)) problems.push(`window names must be unique ("${w.name}" twice)`);
        names.add(w.name);
        if (minutes(w.start) >= minutes(w.end)) problems.push(`window ${w.name}: start (${w.start}) must be before end (${w.end})`);
        if (w.minReplicas > w.maxReplicas) problems.push(`window ${w.name}: maxReplicas (${w.maxReplicas}) must be ≥ minReplicas (${w.minReplicas})`);
    }
    if (problems.length > 0) throw new Error(problems.join("; "));
    return windows.flatMap((w) => [
        { name: `${w.name}-start`, schedule: cron(w.start, w.days), minReplicas: w.minReplicas, maxReplicas: w.maxReplicas },
        { name: `${w.name}-end`, schedule: cron(w.end, w.days), minReplicas: base.minReplicas, maxReplicas: base.maxReplicas },
    ]);
}

/** The merge patch a cron entry applies to the HPA. */
export const hpaBoundsPatch = (patch: Pick<ScheduledPatch, "minReplicas" | "maxReplicas">) =>
    JSON.stringify({ spec: { minReplicas: patch.minReplicas, maxReplicas: patch.maxReplicas } });
