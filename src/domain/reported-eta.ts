/**
 * The ETA a ship broadcasts in its AIS type 5 static and voyage related data (ITU-R M.1371-5 Table 48,
 * "Estimated time of arrival; MMDDHHMM UTC"): month 1–12 (0 = not available), day 1–31 (0 = not available),
 * hour 0–23 (24 = not available), minute 0–59 (60 = not available). The master enters it by hand and it
 * carries no year. Pure.
 *
 * Resolution rule (`resolveReportedEta`):
 * - No month, no day or no hour (0, 0, 24), or a value out of range (month 13–15, day past the month's end,
 *   hour 25–31, minute 61–63): no ETA. A missing minute (60) counts as minute 0: the ETA is then good to the hour.
 * - The year is that of the next occurrence of the month, day and time after the report time, less a grace of
 *   `STALE_ETA_GRACE_DAYS`: masters often leave a passed ETA standing for a while, and such an ETA is of the
 *   current year (a few days late), not of the next one. So an ETA of 05 Jan reported on 20 Dec is next
 *   January's, one of 09 Mar reported on 10 Mar is the day before's (and stale), one of 29 Feb takes the next
 *   leap year.
 */
import { DAY } from './time-units.js';

/** The ETA fields of a type 5 report as decoded; null where the report says "not available". */
export interface BroadcastEta {
  readonly month: number | null;
  readonly day: number | null;
  readonly hour: number | null;
  readonly minute: number | null;
}

/** Days an ETA may lie before its report time and still be of the report's year. */
export const STALE_ETA_GRACE_DAYS = 31;

const inRange = (v: number | null, lo: number, hi: number): v is number =>
  v !== null && Number.isInteger(v) && v >= lo && v <= hi;

/** The instant (ms) the broadcast ETA stands for, or null when it has none (see the rule above). */
export function resolveReportedEta(eta: BroadcastEta, reportedAtMs: number): number | null {
  const { month, day, hour } = eta;
  if (!inRange(month, 1, 12) || !inRange(day, 1, 31) || !inRange(hour, 0, 23)) return null;
  const minute = eta.minute === null || eta.minute === 60 ? 0 : eta.minute;
  if (!inRange(minute, 0, 59)) return null;
  const earliest = reportedAtMs - STALE_ETA_GRACE_DAYS * DAY;
  const firstYear = new Date(earliest).getUTCFullYear();
  // 29 February recurs within 8 years (1900-type century years skip one leap year).
  for (let year = firstYear; year <= firstYear + 8; year++) {
    const t: number = Date.UTC(year, month - 1, day, hour, minute);
    const d = new Date(t);
    if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) continue; // no such day this year
    if (t >= earliest) return t;
  }
  return null;
}
