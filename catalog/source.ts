/*
 * Every table in catalog/ is a fact about the outside world (AWS, EKS, a chart, a provider). Each carries where
 * it was read and when, so a reviewer can check it and the next person knows what to re-read when it ages.
 */

/** Where a fact was read: the document or source file (at the pinned version where one applies) and the date. */
export interface Source {
    /** Address of the page or source file (a repository file at a tag, a documentation page). */
    readonly url: string;
    /** The version the fact holds for (provider, chart or API version), when it is versioned. */
    readonly version?: string;
    /** ISO date the fact was last checked against the source. */
    readonly checked: string;
}

/** A catalog table: its rows and the sources they were read from. */
export interface Sourced<T> {
    readonly sources: readonly Source[];
    readonly rows: T;
}
