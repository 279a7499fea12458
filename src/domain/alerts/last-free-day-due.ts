/**
 * When the daily last-free-day sweep speaks (docs/alerts.md): on a local day D in the terminal's zone, from the
 * configured local hour on (`OPENPCS_LFD_ALERT_HOUR`, default 0: the terminal's midnight), a box whose last free day
 * is D + 1 is due its "last free day tomorrow" alert — with no new message about it. Pure: the instant, the zone
 * and the hour in, the date of the last free day that is due out (or null before the hour).
 */
import { nextDay } from './evaluate-alert.js';

/** The local date (`YYYY-MM-DD`) and hour (0–23) of `atMs` in `timeZone`. */
export function localDateAndHour(atMs: number, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(atMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** The last free day whose alert is due at `atMs` in `timeZone` (tomorrow there), or null before `alertHour`. */
export function lastFreeDayDue(atMs: number, timeZone: string, alertHour: number): string | null {
  const local = localDateAndHour(atMs, timeZone);
  return local.hour >= alertHour ? nextDay(local.date) : null;
}
