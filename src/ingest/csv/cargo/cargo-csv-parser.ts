/**
 * The frame every cargo CSV parser shares: read the table (RFC 4180, UTF-8 with optional BOM, CRLF or LF,
 * `,` or `;` detected from the header line), reject the whole file when a required column is missing,
 * read each record into a typed row (bad cells → rejections with line and column), then turn the good rows
 * into canonical events. Rows are handed over together so that a format can group them (an appointment or
 * a truck visit spanning several rows).
 */
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../../message-parser.js';
import { readCsvTable, type CsvRecord } from '../csv-table.js';
import { CsvRowReader } from './csv-row-reader.js';

export interface ParsedRow<Row> {
  readonly line: number;
  readonly row: Row;
}

export interface CargoCsvDefinition<Row> {
  readonly format: string;
  readonly version: string;
  readonly description: string;
  /** Columns the header must have. */
  readonly requiredColumns: readonly string[];
  /** Reads one record; returns `undefined` (with rejections on the reader) when the row is unusable. */
  readRow(reader: CsvRowReader, ctx: ParseContext): Row | undefined;
  /**
   * Good rows → events (plus rejections for rows that only fail together, e.g. a conflicting group).
   * `badRecords` are the records already rejected, for formats whose rows belong to a group.
   */
  toEvents(rows: readonly ParsedRow<Row>[], ctx: ParseContext, badRecords: readonly CsvRecord[]): ParseResult;
}

export function cargoCsvParser<Row>(definition: CargoCsvDefinition<Row>): MessageParser {
  return {
    format: definition.format,
    version: definition.version,
    description: definition.description,
    parse(body: Uint8Array, ctx: ParseContext): ParseResult {
      const table = readCsvTable(body);
      if (!table.ok) {
        return { events: [], rejected: [{ code: 'PCS_CSV_UNREADABLE', message: table.message, line: table.line }] };
      }
      const missing = definition.requiredColumns.filter((c) => !table.header.includes(c));
      if (missing.length > 0) {
        return {
          events: [],
          rejected: [
            {
              code: 'PCS_CSV_MISSING_COLUMN',
              message: `missing column(s): ${missing.join(', ')} (header has: ${table.header.join(', ')})`,
              line: 1,
              pointer: missing[0],
            },
          ],
        };
      }
      if (table.records.length === 0) {
        return { events: [], rejected: [{ code: 'PCS_CSV_NO_ROWS', message: 'the CSV has no data rows', line: 1 }] };
      }
      const rows: ParsedRow<Row>[] = [];
      const rejected: Rejection[] = [];
      const badRecords: CsvRecord[] = [];
      for (const record of table.records) {
        const reader = new CsvRowReader(record, ctx.timeZone);
        const row = definition.readRow(reader, ctx);
        if (row === undefined && reader.ok) reader.fail('PCS_CSV_BAD_VALUE', 'the row could not be read');
        if (reader.ok && row !== undefined) rows.push({ line: record.line, row });
        else {
          rejected.push(...reader.rejections);
          badRecords.push(record);
        }
      }
      const result = definition.toEvents(rows, ctx, badRecords);
      const events: NewCanonicalEvent[] = result.events;
      return { events, rejected: [...rejected, ...result.rejected].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
    },
  };
}
