/**
 * X12 dates and times → UTC. Date (element 373) is CCYYMMDD (YYMMDD in old versions: years 00-49 → 20xx);
 * time (element 337) is HHMM, HHMMSS or HHMMSSD[D]. The time code (element 623) names the zone when given.
 * Otherwise — and for `LT` local time — the time is local to the place: the zone of the location when openpcs
 * knows it (KNOWN_PORT_TIME_ZONES), else the sender's configured IANA zone (DESIGN §2 "Time").
 */
import { zonedLocalToUtc } from '../../domain/zoned-time.js';

/** Element 623 time codes → IANA zone. Standard/daylight variants are fixed offsets (Etc/GMT signs are inverted). */
const TIME_CODES: Readonly<Record<string, string>> = {
  UT: 'UTC',
  GM: 'UTC',
  Z: 'UTC',
  ET: 'America/New_York',
  ES: 'Etc/GMT+5',
  ED: 'Etc/GMT+4',
  CT: 'America/Chicago',
  CS: 'Etc/GMT+6',
  CD: 'Etc/GMT+5',
  MT: 'America/Denver',
  MS: 'Etc/GMT+7',
  MD: 'Etc/GMT+6',
  PT: 'America/Los_Angeles',
  PS: 'Etc/GMT+8',
  PD: 'Etc/GMT+7',
  AT: 'America/Anchorage',
  HT: 'Pacific/Honolulu',
};

const DATE = /^(\d{2})?(\d{2})(\d{2})(\d{2})$/;
const TIME = /^(\d{2})(\d{2})(\d{2})?\d*$/;

/** `null` when the date or time is malformed or impossible. Empty time = 00:00 (date-only statuses). */
export function x12DateTimeToUtc(
  date: string,
  time: string,
  timeCode: string,
  senderZone: string,
  locationZone?: string,
): string | null {
  const d = DATE.exec(date.trim());
  const t = time.trim() === '' ? ['', '00', '00', '00'] : TIME.exec(time.trim());
  if (!d || !t) return null;
  const yy = Number(d[2]);
  const year = d[1] !== undefined ? Number(d[1]) * 100 + yy : yy < 50 ? 2000 + yy : 1900 + yy;
  const code = timeCode.trim().toUpperCase();
  const local = locationZone ?? senderZone;
  const zone = code === '' || code === 'LT' ? local : (TIME_CODES[code] ?? local);
  return zonedLocalToUtc(year, Number(d[3]), Number(d[4]), Number(t[1]), Number(t[2]), Number(t[3] ?? '0'), zone);
}
