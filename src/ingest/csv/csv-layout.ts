/**
 * A declared CSV layout (docs/csv-layouts.md): how one organisation's spreadsheet for one CSV format differs from
 * ours — column renames (their header → our column), constant columns, value maps per column, date-time patterns
 * per column with the zone of zone-less times, and row splitting (one visit row → a gate-in and a gate-out row).
 * `validateCsvLayout` checks a layout before it is stored (every problem with a JSON pointer); `compileCsvLayout`
 * turns a valid one into the form `applyCsvLayout` uses. Pure: no I/O.
 */
import { z } from 'zod';
import { isValidTimeZone } from '../../domain/zoned-time.js';
import { CSV_LAYOUT_COLUMNS } from './csv-layout-columns.js';
import { compileDateTimePattern, type DateTimePattern } from './csv-datetime-pattern.js';

const Name = z.string().trim().min(1).max(100);
const Cell = z.string().max(200);
const Renames = z.record(Name, Name).describe('their column header → our column');
const Constants = z
  .record(Name, Cell)
  .describe(
    'our column → a constant value; `{column}` inserts that (our) column of the same row, e.g. "{visit_id}-IN"',
  );

const SplitRow = z.strictObject({
  when: Name.optional().describe('their column that must be filled for this row to be made (e.g. "Out Time")'),
  columns: Renames.optional(),
  constants: Constants.optional(),
});

/** The key of a value map that says what becomes of a value the map does not list (docs/csv-layouts.md). */
export const OTHER_VALUES = '*';

const Zone = z.string().min(1).max(64);
const Pattern = z.string().min(1).max(40);
const DateTimeColumn = z.union([
  Pattern,
  z.strictObject({
    pattern: Pattern,
    timeZone: Zone.optional().describe("IANA zone of this column's zone-less times (wins over the layout's)"),
  }),
]);

/** The JSON a sender declares (stored as given; header names match case-insensitively). */
export const CsvLayoutSchema = z.strictObject({
  columns: Renames.optional(),
  constants: Constants.optional(),
  values: z
    .record(Name, z.record(Cell, Cell.nullable()))
    .optional()
    .describe(
      'our column → { their value → our value }; "*": the value of a filled cell the map does not list (null or absent: such a cell rejects its row)',
    ),
  dateTimes: z
    .record(Name, DateTimeColumn)
    .optional()
    .describe(
      'our column → pattern, e.g. "MM/DD/YYYY HH:mm", "DD.MM.YYYY HH:mm", "M/D/YY h:mm A", or { pattern, timeZone } for a column with its own zone',
    ),
  timeZone: Zone.optional().describe(
    "IANA zone of zone-less times in the dateTimes columns that name none; a request's timeZone wins over it; without either, the message's zone (organisation setting, default)",
  ),
  split: z
    .array(SplitRow)
    .min(1)
    .max(8)
    .optional()
    .describe('one row of theirs becomes one row of ours per entry (e.g. In Time → IN, Out Time → OUT)'),
});

export type CsvLayout = z.infer<typeof CsvLayoutSchema>;

export interface CsvLayoutProblem {
  /** JSON pointer into the layout, e.g. `/columns/In Time`. */
  readonly pointer: string;
  readonly detail: string;
}

export type CsvLayoutValidation =
  | { readonly ok: true; readonly layout: CsvLayout }
  | { readonly ok: false; readonly problems: readonly CsvLayoutProblem[] };

const TEMPLATE = /\{([^{}]*)\}/g;

/** Checks shape, target columns, patterns, zone and templates of a layout for `format`. */
export function validateCsvLayout(format: string, input: unknown): CsvLayoutValidation {
  const targets = CSV_LAYOUT_COLUMNS[format];
  if (!targets) {
    return {
      ok: false,
      problems: [
        {
          pointer: '',
          detail: `format "${format}" takes no layout; layouts are for ${Object.keys(CSV_LAYOUT_COLUMNS).join(', ')}`,
        },
      ],
    };
  }
  const parsed = CsvLayoutSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        pointer: pointerOf(issue.path.map(String)),
        detail: issue.message,
      })),
    };
  }
  const layout = parsed.data;
  const problems: CsvLayoutProblem[] = [];
  const known = new Set(targets);
  const target = (path: readonly string[], column: string): void => {
    if (!known.has(column)) {
      problems.push({
        pointer: pointerOf(path),
        detail: `"${column}" is not a column of ${format}; its columns are ${targets.join(', ')}`,
      });
    }
  };
  const renames = (path: readonly string[], map: Readonly<Record<string, string>> | undefined): void => {
    const seen = new Map<string, string>();
    const headers = new Set<string>();
    for (const [header, column] of Object.entries(map ?? {})) {
      target([...path, header], column);
      const key = header.trim().toLowerCase();
      if (headers.has(key)) {
        problems.push({ pointer: pointerOf([...path, header]), detail: `header "${header}" is mapped twice` });
      }
      headers.add(key);
      const other = seen.get(column);
      if (other !== undefined) {
        problems.push({
          pointer: pointerOf([...path, header]),
          detail: `"${header}" and "${other}" both map to ${column}: give one`,
        });
      }
      seen.set(column, header);
    }
  };
  const constants = (path: readonly string[], map: Readonly<Record<string, string>> | undefined): void => {
    for (const [column, value] of Object.entries(map ?? {})) {
      target([...path, column], column);
      for (const m of value.matchAll(TEMPLATE)) {
        if (!known.has(m[1] ?? '')) {
          problems.push({
            pointer: pointerOf([...path, column]),
            detail: `"{${m[1] ?? ''}}" is not a column of ${format}; write {column} with one of ${targets.join(', ')}`,
          });
        }
      }
    }
  };
  renames(['columns'], layout.columns);
  constants(['constants'], layout.constants);
  for (const [column, map] of Object.entries(layout.values ?? {})) {
    target(['values', column], column);
    const seen = new Set<string>();
    for (const [theirs, ours] of Object.entries(map)) {
      if (ours === null && theirs !== OTHER_VALUES) {
        problems.push({
          pointer: pointerOf(['values', column, theirs]),
          detail: `only "${OTHER_VALUES}" (a value the map does not list) may be null; give "${theirs}" our value`,
        });
      }
      const key = theirs.trim().toUpperCase();
      if (seen.has(key)) {
        problems.push({
          pointer: pointerOf(['values', column, theirs]),
          detail: `"${theirs}" is listed twice (values match case-insensitively)`,
        });
      }
      seen.add(key);
    }
  }
  const zone = (path: readonly string[], timeZone: string | undefined): void => {
    if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
      problems.push({
        pointer: pointerOf(path),
        detail: `"${timeZone}" is not an IANA time zone this server knows (e.g. UTC, America/Chicago)`,
      });
    }
  };
  for (const [column, spec] of Object.entries(layout.dateTimes ?? {})) {
    target(['dateTimes', column], column);
    const { pattern, timeZone } = dateTimeSpec(spec);
    const compiled = compileDateTimePattern(pattern);
    const at = typeof spec === 'string' ? ['dateTimes', column] : ['dateTimes', column, 'pattern'];
    if ('error' in compiled) problems.push({ pointer: pointerOf(at), detail: `"${pattern}": ${compiled.error}` });
    else if (timeZone !== undefined && compiled.hasOffset) {
      problems.push({
        pointer: pointerOf(['dateTimes', column, 'timeZone']),
        detail: `"${pattern}" reads an offset (Z): its times are instants, a zone would never apply`,
      });
    }
    zone(['dateTimes', column, 'timeZone'], timeZone);
  }
  zone(['timeZone'], layout.timeZone);
  layout.split?.forEach((row, i) => {
    renames(['split', String(i), 'columns'], row.columns);
    constants(['split', String(i), 'constants'], row.constants);
  });
  return problems.length === 0 ? { ok: true, layout } : { ok: false, problems };
}

/** A `dateTimes` entry: a pattern alone, or a pattern with its column's own zone. */
function dateTimeSpec(spec: z.infer<typeof DateTimeColumn>): { pattern: string; timeZone: string | undefined } {
  return typeof spec === 'string'
    ? { pattern: spec, timeZone: undefined }
    : { pattern: spec.pattern, timeZone: spec.timeZone };
}

/** RFC 6901 pointer of a path. */
function pointerOf(path: readonly string[]): string {
  return path.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** One output row of a source row: the renames and constants that apply to it. */
export interface CompiledSplitRow {
  /** Their header (lower-case) that must be filled, if any. */
  readonly when: string | undefined;
  /** Their header (lower-case) → our column: the layout's renames, then this row's own. */
  readonly renames: ReadonlyMap<string, string>;
  readonly constants: ReadonlyMap<string, string>;
}

/** A value map of one column: their value (upper-case) → ours, and what a value it does not list becomes. */
export interface CompiledValueMap {
  readonly values: ReadonlyMap<string, string>;
  /** Our value for any other filled cell (`"*"`); undefined: such a cell rejects its row. */
  readonly otherwise: string | undefined;
}

/** A date-time column: its pattern, and the zone of its zone-less times when the column names one. */
export interface CompiledDateTimeColumn {
  readonly pattern: DateTimePattern;
  readonly timeZone: string | undefined;
}

/** A layout ready to apply, with the version it was stored as (recorded on the message that used it). */
export interface CompiledCsvLayout {
  readonly format: string;
  readonly version: number | null;
  readonly rows: readonly CompiledSplitRow[];
  /** Our column → its value map. */
  readonly values: ReadonlyMap<string, CompiledValueMap>;
  readonly dateTimes: ReadonlyMap<string, CompiledDateTimeColumn>;
  /** The layout's zone: for date-time columns that name none. */
  readonly timeZone: string | undefined;
}

/** A valid layout, compiled; `version` null for a layout that was not stored (a file given to a dry run). */
export function compileCsvLayout(format: string, layout: CsvLayout, version: number | null): CompiledCsvLayout {
  const lower = (map: Readonly<Record<string, string>> | undefined): [string, string][] =>
    Object.entries(map ?? {}).map(([header, column]) => [header.trim().toLowerCase(), column]);
  const base = lower(layout.columns);
  const constants = Object.entries(layout.constants ?? {});
  const rows = (layout.split ?? [{}]).map((row): CompiledSplitRow => ({
    when: row.when?.trim().toLowerCase(),
    renames: new Map([...base, ...lower(row.columns)]),
    constants: new Map([...constants, ...Object.entries(row.constants ?? {})]),
  }));
  const values = new Map<string, CompiledValueMap>();
  for (const [column, map] of Object.entries(layout.values ?? {})) {
    const listed = new Map<string, string>();
    for (const [theirs, ours] of Object.entries(map)) {
      if (theirs !== OTHER_VALUES && ours !== null) listed.set(theirs.trim().toUpperCase(), ours);
    }
    values.set(column, { values: listed, otherwise: map[OTHER_VALUES] ?? undefined });
  }
  const dateTimes = new Map<string, CompiledDateTimeColumn>();
  for (const [column, spec] of Object.entries(layout.dateTimes ?? {})) {
    const { pattern, timeZone } = dateTimeSpec(spec);
    const compiled = compileDateTimePattern(pattern);
    if (!('error' in compiled)) dateTimes.set(column, { pattern: compiled, timeZone });
  }
  return { format, version, rows, values, dateTimes, timeZone: layout.timeZone };
}
