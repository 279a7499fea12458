/**
 * Wall-clock time at San Pedro Bay (America/Los_Angeles) for the messages the simulated parties write: the
 * terminals' EDIFACT and X12 carry local time without a zone (the product reads it in the port's zone), the
 * CSVs and DCSA JSON carry an explicit offset. US rule since 2007 (15 U.S.C. 260a as amended by the Energy
 * Policy Act of 2005): Pacific Daylight Time (UTC−7) from the second Sunday of March 02:00 PST to the first
 * Sunday of November 02:00 PDT, Pacific Standard Time (UTC−8) otherwise. Pure arithmetic, no Intl (hot path).
 */
import { HOUR, DAY } from '../../domain/time-units.js';

/** UTC ms of the n-th Sunday (1-based) of a month at `utcHour`. */
function nthSunday(year: number, month: number, n: number, utcHour: number): number {
  const first = Date.UTC(year, month, 1);
  const weekday = new Date(first).getUTCDay();
  const firstSunday = 1 + ((7 - weekday) % 7);
  return Date.UTC(year, month, firstSunday + 7 * (n - 1), utcHour);
}

const dstCache = new Map<number, readonly [number, number]>();

function dstWindow(year: number): readonly [number, number] {
  let w = dstCache.get(year);
  if (!w) {
    // 02:00 PST = 10:00 UTC; 02:00 PDT = 09:00 UTC.
    w = [nthSunday(year, 2, 2, 10), nthSunday(year, 10, 1, 9)] as const;
    dstCache.set(year, w);
  }
  return w;
}

/** Offset of Los Angeles wall time from UTC at `ms`, in minutes (−420 or −480). */
export function pacificOffsetMinutes(ms: number): number {
  const [from, to] = dstWindow(new Date(ms).getUTCFullYear());
  return ms >= from && ms < to ? -420 : -480;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The local wall clock as a Date whose UTC fields are the Los Angeles fields. */
function wall(ms: number): Date {
  return new Date(ms + pacificOffsetMinutes(ms) * 60_000);
}

/** `2018-01-05T10:00:00-08:00` (ISO 8601 with the local offset; seconds kept). */
export function pacificIso(ms: number): string {
  const w = wall(ms);
  const off = pacificOffsetMinutes(ms);
  return (
    `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T` +
    `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}` +
    `-${pad(Math.abs(off) / 60)}:00`
  );
}

/** Local date `YYYY-MM-DD`. */
export function pacificDate(ms: number): string {
  return wall(ms).toISOString().slice(0, 10);
}

/** EDIFACT DTM format 203 `CCYYMMDDHHMM`, local time. */
export function pacificEdifact203(ms: number): string {
  const w = wall(ms).toISOString();
  return `${w.slice(0, 4)}${w.slice(5, 7)}${w.slice(8, 10)}${w.slice(11, 13)}${w.slice(14, 16)}`;
}

/** Local hour of day, 0–23. */
export function pacificHour(ms: number): number {
  return wall(ms).getUTCHours();
}

/** The next instant at or after `ms` whose local time lies in [openHour, closeHour) (close may pass midnight). */
export function nextOpenInstant(ms: number, openHour: number, closeHour: number): number {
  const h = pacificHour(ms);
  const open = closeHour > openHour ? h >= openHour && h < closeHour : h >= openHour || h < closeHour;
  if (open) return ms;
  const w = wall(ms);
  const localMidnight = Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate());
  const localOpen = localMidnight + openHour * HOUR + (h >= openHour ? DAY : 0);
  // Back to UTC with the offset of the opening hour (a DST change at 02:00 never lands in the gap 03–07).
  const guess = localOpen - pacificOffsetMinutes(ms) * 60_000;
  return localOpen - pacificOffsetMinutes(guess) * 60_000;
}
