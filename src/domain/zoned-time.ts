/**
 * Zone-less local date-times (EDIFACT DTM 203/102, X12 DTM/B4 dates and times) read in the sender's IANA
 * zone (DESIGN §2 "Time"), converted to an ISO 8601 UTC instant. Pure: uses only the Intl time-zone data.
 *
 * DST rules follow Temporal's `disambiguation: 'compatible'`: a local time skipped by a spring-forward gap
 * (02:30 in Los Angeles on the second Sunday of March) is read with the offset before the gap (→ 03:30 PDT);
 * a local time that occurs twice at fall-back (01:30 on the first Sunday of November) is the earlier one.
 */
import { DAY } from './time-units.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offset cache keyed by zone and 15-minute UTC bucket: modern zone transitions fall on quarter hours UTC. */
const offsets = new Map<string, number>();
const OFFSET_CACHE_MAX = 50_000;
const QUARTER_HOUR_MS = 15 * 60_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  formatters.set(timeZone, f);
  return f;
}

/** True when `timeZone` is an IANA zone (or `UTC`) this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

/** Offset of `timeZone` from UTC, in ms, at instant `utcMs` (wall clock − UTC). */
function offsetAt(f: Intl.DateTimeFormat, timeZone: string, utcMs: number): number {
  const key = `${timeZone}|${Math.floor(utcMs / QUARTER_HOUR_MS)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const bucketStart = Math.floor(utcMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(bucketStart))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts['year']!,
    parts['month']! - 1,
    parts['day'],
    parts['hour'],
    parts['minute'],
    parts['second'],
  );
  const offset = wall - bucketStart;
  if (offsets.size >= OFFSET_CACHE_MAX) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/**
 * Local wall-clock fields (month 1-12) in `timeZone` → ISO 8601 UTC instant (`2024-03-10T10:30:00.000Z`).
 * Returns `null` for an impossible calendar date or time (Feb 30, 24:01) or an unknown zone; never throws.
 */
export function zonedLocalToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): string | null {
  const fields = [year, month, day, hour, minute, second];
  if (!fields.every(Number.isInteger)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  if (second < 0 || second > 59 || year < 1 || year > 9999) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallMs);
  // Date.UTC rolls Feb 30 over to Mar 1: reject instead (and keep years 0-99 literal)
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  const f = formatterFor(timeZone);
  if (!f) return null;
  const before = offsetAt(f, timeZone, wallMs - DAY);
  const after = offsetAt(f, timeZone, wallMs + DAY);
  const early = wallMs - Math.max(before, after);
  const late = wallMs - Math.min(before, after);
  const fits = (t: number): boolean => t + offsetAt(f, timeZone, t) === wallMs;
  let utcMs: number;
  if (fits(early)) utcMs = early;
  else if (fits(late)) utcMs = late;
  else utcMs = wallMs - before; // in a spring-forward gap: the pre-gap offset pushes it past the gap
  return new Date(utcMs).toISOString();
}
