/**
 * DTM C507 (2005 qualifier, 2380 value, 2379 format qualifier) → UTC. Formats (UNCL 2379): 102 CCYYMMDD,
 * 203 CCYYMMDDHHMM, 204 CCYYMMDDHHMMSS, 101 YYMMDD, 201 YYMMDDHHMM, 303 CCYYMMDDHHMMZZZ (ZZZ = `UTC`/`GMT`),
 * 205 CCYYMMDDHHMM±HHMM. Zone-less values are local to the place: the location's zone when openpcs knows
 * it (KNOWN_PORT_TIME_ZONES), else the sender's configured zone (DESIGN §2 "Time"). Without 2379 the
 * value's length decides (8 → 102, 12 → 203, 14 → 204).
 */
import { zonedLocalToUtc } from '../../domain/zoned-time.js';

const FORMATS: Readonly<Record<string, RegExp>> = {
  '102': /^(\d{4})(\d{2})(\d{2})$/,
  '203': /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  '204': /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  '101': /^(\d{2})(\d{2})(\d{2})$/,
  '201': /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  '303': /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(UTC|GMT|Z)$/,
  '205': /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})([+-]\d{4})$/,
};
const BY_LENGTH: Readonly<Record<number, string>> = { 8: '102', 12: '203', 14: '204', 6: '101', 10: '201' };

export function edifactDateTimeToUtc(value: string, format: string, zone: string): string | null {
  const v = value.trim();
  const f = format.trim() || BY_LENGTH[v.length] || '';
  const m = FORMATS[f]?.exec(v);
  if (!m) return null;
  const twoDigitYear = f === '101' || f === '201';
  const yy = Number(m[1]);
  const year = twoDigitYear ? (yy < 50 ? 2000 + yy : 1900 + yy) : yy;
  const [mo, d] = [Number(m[2]), Number(m[3])];
  const h = Number(m[4] ?? '0');
  const mi = Number(m[5] ?? '0');
  const s = f === '204' ? Number(m[6]) : 0;
  if (f === '303') return zonedLocalToUtc(year, mo, d, h, mi, 0, 'UTC');
  if (f === '205') {
    const utc = zonedLocalToUtc(year, mo, d, h, mi, 0, 'UTC');
    if (!utc) return null;
    const off = m[6]!;
    const minutes = (Number(off.slice(1, 3)) * 60 + Number(off.slice(3, 5))) * (off[0] === '-' ? -1 : 1);
    return new Date(Date.parse(utc) - minutes * 60_000).toISOString();
  }
  return zonedLocalToUtc(year, mo, d, h, mi, s, zone);
}
