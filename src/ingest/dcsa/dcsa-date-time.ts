/**
 * DCSA T&T 2.2 date-times (`eventDateTime`, `eventCreatedDateTime`: OpenAPI `format: date-time`, i.e.
 * RFC 3339 / ISO 8601 with `Z` or an offset, e.g. `2019-11-12T07:41:00+08:30`) → ISO 8601 UTC instant.
 *
 * A publisher that omits the offset (seen in the wild, not allowed by RFC 3339) is read in the sender's
 * configured zone, as every zone-less time in openpcs (DESIGN §2 "Time"); the original text stays in the
 * payload. Impossible calendar dates (31 April) are rejected rather than rolled over as `Date.parse` does.
 */
import { zonedLocalToUtc } from '../../domain/zoned-time.js';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** UTC instant (ISO 8601, ms precision) or `null` when `text` is not a valid ISO 8601 date-time. */
export function parseDcsaDateTime(text: string, timeZone: string): string | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? '0');
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  // Validate the wall-clock fields in UTC first: rejects 31 April, 24:30, second 60 and the like.
  const wall = zonedLocalToUtc(year, month, day, hour, minute, second, 'UTC');
  if (wall === null) return null;
  if (m[8] !== undefined) return new Date(Date.parse(wall) + ms).toISOString();
  if (m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    const sign = m[9] === '+' ? 1 : -1;
    const offsetMs = sign * (offsetHours * 60 + offsetMinutes) * 60_000;
    return new Date(Date.parse(wall) + ms - offsetMs).toISOString();
  }
  const local = zonedLocalToUtc(year, month, day, hour, minute, second, timeZone);
  return local === null ? null : new Date(Date.parse(local) + ms).toISOString();
}
