/**
 * The one type of every instant given as a query parameter (`?at=`, `?from=`, `?to=`,
 * `?eventCreatedDateTime:gte=` …): an RFC 3339 date-time with its zone (`Z` or `±hh:mm`), where the seconds
 * and their fraction may be left out, as people and our own docs write it (`2022-01-03T00:20Z`). `T` and `Z`
 * may be lower case (RFC 3339 §5.6 note). A `+` sent unencoded arrives as a space (`…T14:12 01:00`) and is
 * read as `+`. The value is checked against the calendar (no 30 February, no hour 24) and comes out as the
 * UTC instant in `toISOString` form, so handlers and SQL never see the sender's spelling.
 */
import { z } from 'zod';

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** The instant as `toISOString` prints it (UTC, milliseconds), or null when the text is not one. */
export function parseQueryInstant(input: string): string | null {
  const text = input.replace(/^(\d{4}-\d{2}-\d{2}[Tt][\d:.]+) (\d{2}:\d{2})$/, '$1+$2');
  const m = PATTERN.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zulu, sign, oh = '0', om = '0'] = m;
  const field = (v: string | undefined) => Number(v);
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = new Date(0);
  local.setUTCFullYear(field(y), field(mo) - 1, field(d));
  local.setUTCHours(field(h), field(mi), field(s), ms);
  // The calendar and the clock: JS would roll 2022-02-30 over to 2 March, 24:00 to the next day.
  const asWritten =
    local.getUTCFullYear() === field(y) &&
    local.getUTCMonth() === field(mo) - 1 &&
    local.getUTCDate() === field(d) &&
    local.getUTCHours() === field(h) &&
    local.getUTCMinutes() === field(mi) &&
    local.getUTCSeconds() === field(s);
  if (!asWritten || field(oh) > 23 || field(om) > 59) return null;
  const offsetMin = zulu ? 0 : (sign === '-' ? -1 : 1) * (field(oh) * 60 + field(om));
  return new Date(local.getTime() - offsetMin * 60_000).toISOString();
}

/** zod type of an instant query parameter; add `.optional()` / `.describe()` where used. */
export const QueryInstant = z
  .string()
  .transform((text, context) => {
    const instant = parseQueryInstant(text);
    if (instant === null) {
      context.addIssue({
        code: 'custom',
        message: 'an RFC 3339 instant with zone, seconds optional, e.g. 2022-01-03T00:20Z or 2022-01-03T00:20:00-08:00',
      });
      return z.NEVER;
    }
    return instant;
  })
  .describe('RFC 3339 instant with zone; seconds optional, e.g. 2022-01-03T00:20Z');
