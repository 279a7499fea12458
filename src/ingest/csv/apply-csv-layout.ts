/**
 * Applies a declared CSV layout to one record of a sender's CSV (docs/csv-layouts.md), between reading the table
 * and reading the rows, so the format parsers see our columns and values only. Per output row (one, or one per
 * `split` entry whose `when` column is filled): their columns are renamed (a column named like one of ours and
 * not renamed passes as it is), value maps and date-time patterns are applied to the renamed cells, then the
 * constants are set (`{column}` reads the row's mapped cells). A row any of whose cells cannot be mapped is
 * rejected whole, naming its column and value. Pure: no I/O, never throws.
 */
import type { Rejection } from '../message-parser.js';
import { readWithPattern } from './csv-datetime-pattern.js';
import type { CompiledCsvLayout, CompiledSplitRow } from './csv-layout.js';
import type { CsvRecord } from './csv-table.js';

export type LaidOutRecord =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | {
      readonly ok: false;
      readonly rejections: readonly Rejection[];
      /** The record with its columns renamed (values as sent), for parsers that group rows. */
      readonly renamed: CsvRecord;
    };

/**
 * `requestTimeZone`: the zone the ingest request stated (`?timeZone=`, `--time-zone`); it wins over the column's
 * and the layout's zone, as a stated zone wins everywhere else (DESIGN §7 "Times"). A pattern with an offset (`Z`)
 * reads an instant whatever the zones.
 */
export function applyCsvLayout(record: CsvRecord, layout: CompiledCsvLayout, requestTimeZone?: string): LaidOutRecord {
  const rejections: Rejection[] = [];
  const records: CsvRecord[] = [];
  const made = layout.rows.filter((row) => row.when === undefined || (record.cells[row.when] ?? '') !== '');
  if (made.length === 0) {
    const columns = layout.rows.map((row) => `"${row.when ?? ''}"`).join(', ');
    rejections.push({
      code: 'PCS_CSV_MISSING_VALUE',
      message: `none of ${columns} is filled: the layout makes no row of this one`,
      line: record.line,
      pointer: layout.rows[0]?.when,
    });
  }
  for (const row of made) {
    const cells = renamed(record, row);
    for (const [column, map] of layout.values) {
      const value = cells[column] ?? '';
      if (value === '') continue;
      const ours = map.values.get(value.trim().toUpperCase()) ?? map.otherwise;
      if (ours !== undefined) cells[column] = ours;
      else {
        rejections.push({
          code: 'PCS_CSV_BAD_VALUE',
          message: `${column} "${value}"${source(row, column)} is not in the layout's value map (${[...map.values.keys()].join(', ')})`,
          line: record.line,
          pointer: column,
        });
      }
    }
    for (const [column, { pattern, timeZone }] of layout.dateTimes) {
      const value = cells[column] ?? '';
      if (value === '') continue;
      const read = readWithPattern(value, pattern, requestTimeZone ?? timeZone ?? layout.timeZone);
      if (read !== null) cells[column] = read;
      else {
        rejections.push({
          code: 'PCS_CSV_BAD_DATETIME',
          message: `${column} "${value}"${source(row, column)} does not match the layout's pattern ${pattern.pattern}`,
          line: record.line,
          pointer: column,
        });
      }
    }
    const mapped = { ...cells };
    for (const [column, value] of row.constants) {
      cells[column] = value.replace(/\{([^{}]*)\}/g, (_, name: string) => mapped[name] ?? '');
    }
    records.push({ line: record.line, cells });
  }
  if (rejections.length > 0) {
    return {
      ok: false,
      rejections: dedupe(rejections),
      renamed: { line: record.line, cells: renamed(record, layout.rows[0]) },
    };
  }
  return { ok: true, records };
}

/** The header of the laid-out table: every column some output row can have. */
export function laidOutHeader(header: readonly string[], layout: CompiledCsvLayout): string[] {
  const columns = new Set<string>();
  for (const row of layout.rows) {
    for (const name of header) columns.add(row.renames.get(name) ?? name);
    for (const column of row.constants.keys()) columns.add(column);
  }
  return [...columns];
}

function renamed(record: CsvRecord, row: CompiledSplitRow | undefined): Record<string, string> {
  const cells: Record<string, string> = {};
  // Their columns that are not renamed pass under their own name; renamed ones then take their place.
  for (const [name, value] of Object.entries(record.cells)) if (!row?.renames.has(name)) cells[name] = value;
  for (const [header, column] of row?.renames ?? []) {
    const value = record.cells[header];
    if (value !== undefined) cells[column] = value;
  }
  return cells;
}

/** `(their column "Hold Status")` when the column was renamed. */
function source(row: CompiledSplitRow, column: string): string {
  for (const [header, target] of row.renames) if (target === column) return ` (their column "${header}")`;
  return '';
}

/** Split rows share their source's cells: one bad cell is named once. */
function dedupe(rejections: readonly Rejection[]): Rejection[] {
  const seen = new Set<string>();
  return rejections.filter((r) => {
    const key = `${r.code}\u0000${r.pointer ?? ''}\u0000${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
