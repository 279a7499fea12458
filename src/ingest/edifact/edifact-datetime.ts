/**
 * DTM C507 (2005 qualifier, 2380 value, 2379 format code) → UTC. Formats (UNTDID 2379, e.g.
 * https://stedi.com/edi/edifact/D01B/elements/2379): 102 CCYYMMDD, 203 CCYYMMDDHHMM, 204 CCYYMMDDHHMMSS,
 * 101 YYMMDD, 201 YYMMDDHHMM, 303 CCYYMMDDHHMMZZZ and 304 CCYYMMDDHHMMSSZZZ ("+ Z = time zone": `UTC`, `GMT`,
 * `Z` or a ±HH offset), 205 CCYYMMDDHHMM±HHMM. A value with a zone (303/304/205) is read in it; a zone-less one
 * in `zone`, which the caller resolves with `zoneForLocalTime` (request zone, organisation setting, place zone,
 * installation default — `edi-time-zone.ts`). Without 2379 the value's length decides (8 → 102, 12 → 203,
 * 14 → 204).
 */
import { zonedLocalToUtc } from '../../domain/zoned-time.js';

const FORMATS: Readonly<Record<string, RegExp>> = {
  '102': /^(\d{4})(\d{2})(\d{2})$/,
  '203': /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  '204': /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  '101': /^(\d{2})(\d{2})(\d{2})$/,
  '201': /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  '303': /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})()(UTC|GMT|Z|[+-]\d{2})$/,
  '304': /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(UTC|GMT|Z|[+-]\d{2})$/,
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
  const s = f === '204' || f === '304' ? Number(m[6]) : 0;
  if (f === '303' || f === '304') {
    const utc = zonedLocalToUtc(year, mo, d, h, mi, s, 'UTC');
    const zzz = m[7]!;
    const hours = /^[+-]/.test(zzz) ? Number(zzz) : 0;
    return utc === null ? null : new Date(Date.parse(utc) - hours * 3_600_000).toISOString();
  }
  if (f === '205') {
    const utc = zonedLocalToUtc(year, mo, d, h, mi, 0, 'UTC');
    if (!utc) return null;
    const off = m[6]!;
    const minutes = (Number(off.slice(1, 3)) * 60 + Number(off.slice(3, 5))) * (off[0] === '-' ? -1 : 1);
    return new Date(Date.parse(utc) - minutes * 60_000).toISOString();
  }
  return zonedLocalToUtc(year, mo, d, h, mi, s, zone);
}
