/** Lengths of time in milliseconds, the unit of every instant and duration in openpcs. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
