/**
 * Date-time cells of CSV messages: ISO 8601 with `Z` or an offset is an instant as written; a zone-less
 * `YYYY-MM-DD HH:MM[:SS]` (or with `T`) is local time of the sender's configured zone (DESIGN §2 "Time"),
 * never the server's.
 */
import { zonedLocalToUtc } from '../../domain/zoned-time.js';

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The UTC instant (ISO 8601), or null when the text is not a date-time this format accepts. */
export function parseCsvDateTime(text: string, timeZone: string): string | null {
  if (ZONED.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const m = LOCAL.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCDate() !== d) return null; // 31 April and the like
  return zonedLocalToUtc(y, mo, d, h, mi, s, timeZone);
}
