/**
 * Typed views of resource props as the offline plan and CrossGuard hand them over: plain JSON, where a number may
 * arrive as a string. Shared by the policy rules and the cost estimate, which both read the same resources.
 */

export type Props = Record<string, unknown>;

export const isRecord = (value: unknown): value is Props => typeof value === "object" && value !== null && !Array.isArray(value);
export const record = (value: unknown): Props => (isRecord(value) ? value : {});
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const num = (value: unknown): number | undefined => (typeof value === "number" ? value : typeof value === "string" && value !== "" && !Number.isNaN(Number(value)) ? Number(value) : undefined);
export const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
