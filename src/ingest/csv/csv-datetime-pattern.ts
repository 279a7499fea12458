/**
 * Date-time patterns of declared CSV layouts (docs/csv-layouts.md): how a sender's spreadsheet writes its
 * times, e.g. `MM/DD/YYYY HH:mm`, `DD.MM.YYYY HH:mm`, Excel's `M/D/YY h:mm A`. Tokens: `YYYY` `YY` (00–29 →
 * 20xx, 30–99 → 19xx, as spreadsheets read them), `M`/`MM` month, `D`/`DD` day, `H`/`HH` hour 0–23, `h`/`hh`
 * hour 1–12 with `A` (AM/PM), `m`/`mm` minute, `s`/`ss` second, `Z` offset (`Z`, `+01:00`, `-0800`). One- and
 * two-letter numeric tokens both take one or two digits. Any character that is not a letter is literal; other
 * letters are refused when the pattern is compiled, so a typo is a 400 when the layout is stored, not a dead
 * letter later.
 */
import { zonedLocalToUtc } from '../../domain/zoned-time.js';

type Field = 'year4' | 'year2' | 'month' | 'day' | 'hour24' | 'hour12' | 'minute' | 'second' | 'meridiem' | 'offset';

const TOKENS: readonly (readonly [string, Field, string])[] = [
  ['YYYY', 'year4', '(\\d{4})'],
  ['YY', 'year2', '(\\d{2})'],
  ['MM', 'month', '(\\d{1,2})'],
  ['M', 'month', '(\\d{1,2})'],
  ['DD', 'day', '(\\d{1,2})'],
  ['D', 'day', '(\\d{1,2})'],
  ['HH', 'hour24', '(\\d{1,2})'],
  ['H', 'hour24', '(\\d{1,2})'],
  ['hh', 'hour12', '(\\d{1,2})'],
  ['h', 'hour12', '(\\d{1,2})'],
  ['mm', 'minute', '(\\d{1,2})'],
  ['m', 'minute', '(\\d{1,2})'],
  ['ss', 'second', '(\\d{1,2})'],
  ['s', 'second', '(\\d{1,2})'],
  ['A', 'meridiem', '([AaPp][Mm])'],
  ['a', 'meridiem', '([AaPp][Mm])'],
  ['Z', 'offset', '(Z|z|[+-]\\d{2}:?\\d{2})'],
];

export interface DateTimePattern {
  readonly pattern: string;
  /** Whether the pattern has a time of day (else it reads a calendar date). */
  readonly hasTime: boolean;
  readonly hasOffset: boolean;
  readonly regex: RegExp;
  readonly fields: readonly Field[];
}

/** The compiled pattern, or why it is not one (quoted in the 400 of a bad layout). */
export function compileDateTimePattern(pattern: string): DateTimePattern | { readonly error: string } {
  let source = '';
  const fields: Field[] = [];
  for (let i = 0; i < pattern.length;) {
    const token = TOKENS.find(([t]) => pattern.startsWith(t, i));
    if (token) {
      if (fields.includes(token[1])) return { error: `"${token[0]}" (or another spelling of it) appears twice` };
      fields.push(token[1]);
      source += token[2];
      i += token[0].length;
      continue;
    }
    const c = pattern[i]!;
    if (/\p{L}/u.test(c)) {
      return { error: `"${c}" at position ${i + 1} is not a token (YYYY YY M MM D DD H HH h hh m mm s ss A Z)` };
    }
    source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    i++;
  }
  const has = (f: Field): boolean => fields.includes(f);
  if (!(has('year4') || has('year2')) || !has('month') || !has('day')) {
    return { error: 'a pattern needs a year (YYYY or YY), a month (M or MM) and a day (D or DD)' };
  }
  if (has('year4') && has('year2')) return { error: 'give the year once (YYYY or YY)' };
  if (has('hour24') && has('hour12')) return { error: 'give the hour once (H/HH for 0–23 or h/hh with A)' };
  if (has('hour12') !== has('meridiem')) return { error: 'h/hh (hour 1–12) and A (AM/PM) go together' };
  const hasTime = has('hour24') || has('hour12');
  if (hasTime !== has('minute')) return { error: 'an hour needs minutes (mm) and minutes need an hour' };
  if (has('second') && !hasTime) return { error: 'seconds need an hour and minutes' };
  if (has('offset') && !hasTime) return { error: 'an offset (Z) needs a time of day' };
  return { pattern, hasTime, hasOffset: has('offset'), regex: new RegExp(`^${source}$`), fields };
}

/**
 * A cell read with a pattern, written the way the CSV parsers read it: a calendar date `YYYY-MM-DD`; a time with
 * an offset, or read in `timeZone` when one is given, as a UTC instant (`…Z`); otherwise the local time
 * `YYYY-MM-DD HH:MM:SS`, which the parser reads in the message's zone. Null when the cell does not match or
 * names no real date or time (31 April, 25:00, 13 PM).
 */
export function readWithPattern(text: string, pattern: DateTimePattern, timeZone: string | undefined): string | null {
  const m = pattern.regex.exec(text);
  if (!m) return null;
  const value: Partial<Record<Field, string>> = {};
  pattern.fields.forEach((f, i) => (value[f] = m[i + 1]));
  const n = (f: Field): number => Number(value[f] ?? '0');
  const year = value.year4 !== undefined ? n('year4') : n('year2') + (n('year2') < 30 ? 2000 : 1900);
  const [month, day] = [n('month'), n('day')];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return null;
  }
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (!pattern.hasTime) return date;
  let hour = n('hour24');
  if (value.hour12 !== undefined) {
    const h12 = n('hour12');
    if (h12 < 1 || h12 > 12) return null;
    const pm = value.meridiem!.toUpperCase() === 'PM';
    hour = (h12 % 12) + (pm ? 12 : 0);
  }
  const [minute, second] = [n('minute'), n('second')];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const local = `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  if (value.offset !== undefined) {
    const offset = value.offset.toUpperCase() === 'Z' ? 'Z' : value.offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(`${local}${offset}`);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  if (timeZone !== undefined) return zonedLocalToUtc(year, month, day, hour, minute, second, timeZone);
  return `${date} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
