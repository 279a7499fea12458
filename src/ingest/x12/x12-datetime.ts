/**
 * X12 dates and times → UTC. Date (element 373) is CCYYMMDD (YYMMDD in old versions: years 00-49 → 20xx);
 * time (element 337) is HHMM, HHMMSS or HHMMSSD[D]. The time code (element 623) names the zone when given and
 * then wins: the sender said which zone the value is in. Without one — and for `LT` local time — the value is
 * read in `localZone`, which the caller resolves with `zoneForLocalTime` (request zone, then the organisation's
 * setting, then the place's zone, then the installation default; see `edi-time-zone.ts`).
 *
 * Element 623 code list (X12 releases 3010–4060, e.g. https://stedi.com/edi/x12-004060/element/623):
 * `01`–`12` = ISO 8601 P01–P12 (UTC+1…+12), `13`–`24` = M12–M01 (UTC−12…−1), `UT` Universal Time Coordinate,
 * `GM` Greenwich Mean Time, `LT` Local Time, and the North American zones: `ET`/`ES`/`ED` Eastern,
 * `CT`/`CS`/`CD` Central, `MT`/`MS`/`MD` Mountain, `PT`/`PS`/`PD` Pacific, `AT`/`AS`/`AD` Alaska,
 * `HT`/`HS`/`HD` Hawaii-Aleutian, `NT`/`NS`/`ND` Newfoundland (`?T` = the zone with its daylight saving rule,
 * `?S` standard time, `?D` daylight time — fixed offsets). A code outside the list makes the value unreadable.
 */
import { zonedLocalToUtc } from '../../domain/zoned-time.js';

/** A zone with its rules (IANA) or a fixed offset from UTC in minutes. */
export type TimeCodeZone = { readonly iana: string } | { readonly offsetMin: number };

const iana = (zone: string): TimeCodeZone => ({ iana: zone });
const fixed = (hours: number): TimeCodeZone => ({ offsetMin: Math.round(hours * 60) });

const NAMED_TIME_CODES: Readonly<Record<string, TimeCodeZone>> = {
  UT: fixed(0),
  GM: fixed(0),
  ET: iana('America/New_York'),
  ES: fixed(-5),
  ED: fixed(-4),
  CT: iana('America/Chicago'),
  CS: fixed(-6),
  CD: fixed(-5),
  MT: iana('America/Denver'),
  MS: fixed(-7),
  MD: fixed(-6),
  PT: iana('America/Los_Angeles'),
  PS: fixed(-8),
  PD: fixed(-7),
  AT: iana('America/Anchorage'),
  AS: fixed(-9),
  AD: fixed(-8),
  HT: iana('America/Adak'),
  HS: fixed(-10),
  HD: fixed(-9),
  NT: iana('America/St_Johns'),
  NS: fixed(-3.5),
  ND: fixed(-2.5),
};

/** The zone element 623 names; `'local'` for no code or `LT`; `null` for a code outside the list. */
export function x12TimeCodeZone(timeCode: string): TimeCodeZone | 'local' | null {
  const code = timeCode.trim().toUpperCase();
  if (code === '' || code === 'LT') return 'local';
  const named = NAMED_TIME_CODES[code];
  if (named) return named;
  if (/^\d{2}$/.test(code)) {
    const n = Number(code);
    if (n >= 1 && n <= 12) return fixed(n); // P01…P12
    if (n >= 13 && n <= 24) return fixed(-(25 - n)); // 13 = M12 … 24 = M01
  }
  return null;
}

const DATE = /^(\d{2})?(\d{2})(\d{2})(\d{2})$/;
const TIME = /^(\d{2})(\d{2})(\d{2})?\d*$/;

/**
 * `null` when the date or time is malformed or impossible, or the time code is not in the 623 list.
 * Empty time = 00:00 (date-only statuses). `localZone` is the zone for a value without a zone of its own.
 */
export function x12DateTimeToUtc(date: string, time: string, timeCode: string, localZone: string): string | null {
  const d = DATE.exec(date.trim());
  const t = time.trim() === '' ? ['', '00', '00', '00'] : TIME.exec(time.trim());
  if (!d || !t) return null;
  const yy = Number(d[2]);
  const year = d[1] !== undefined ? Number(d[1]) * 100 + yy : yy < 50 ? 2000 + yy : 1900 + yy;
  const zone = x12TimeCodeZone(timeCode);
  if (zone === null) return null;
  const [mo, day, h, mi, s] = [Number(d[3]), Number(d[4]), Number(t[1]), Number(t[2]), Number(t[3] ?? '0')];
  if (zone === 'local') return zonedLocalToUtc(year, mo, day, h, mi, s, localZone);
  if ('iana' in zone) return zonedLocalToUtc(year, mo, day, h, mi, s, zone.iana);
  const wall = zonedLocalToUtc(year, mo, day, h, mi, s, 'UTC');
  return wall === null ? null : new Date(Date.parse(wall) - zone.offsetMin * 60_000).toISOString();
}
