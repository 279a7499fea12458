/**
 * The frame every cargo CSV parser shares: read the table (RFC 4180, UTF-8 with optional BOM, CRLF or LF,
 * `,` or `;` detected from the header line), reject the whole file when a required column is missing,
 * read each record into a typed row (bad cells → rejections with line and column), then turn the good rows
 * into canonical events. Rows are handed over together so that a format can group them (an appointment or
 * a truck visit spanning several rows); formats whose rows stand alone (`groupsRows: false`) get their rows
 * part by part, so a large file streams through (`parseInParts`) instead of being held whole.
 */
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../../message-parser.js';
import type { CsvRecord } from '../csv-table.js';
import { streamLaidOutCsvTable } from '../laid-out-csv-table.js';
import { collectParts } from '../../collect-parts.js';
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
  /**
   * Whether rows only make events together (a group spanning rows): then every good row of the message is
   * handed to `toEvents` at once; otherwise rows are handed over part by part as the file is read.
   */
  readonly groupsRows: boolean;
  /** Reads one record; returns `undefined` (with rejections on the reader) when the row is unusable. */
  readRow(reader: CsvRowReader, ctx: ParseContext): Row | undefined;
  /** The group a rejected record belonged to, for formats whose rows belong to a group (see `toEvents`). */
  groupOf?(record: CsvRecord): string;
  /**
   * Good rows → events (plus rejections for rows that only fail together, e.g. a conflicting group).
   * `taintedGroups` are the groups (`groupOf`) of the records already rejected.
   */
  toEvents(rows: readonly ParsedRow<Row>[], ctx: ParseContext, taintedGroups: ReadonlySet<string>): ParseResult;
}

export function cargoCsvParser<Row>(definition: CargoCsvDefinition<Row>): MessageParser {
  function* parseInParts(body: Uint8Array, ctx: ParseContext): Generator<ParseResult> {
    const table = streamLaidOutCsvTable(body, ctx);
    if (!table.ok) {
      yield { events: [], rejected: [{ code: 'PCS_CSV_UNREADABLE', message: table.message, line: table.line }] };
      return;
    }
    const missing = definition.requiredColumns.filter((c) => !table.header.includes(c));
    if (missing.length > 0) {
      yield {
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
      return;
    }
    let records = 0;
    const grouped: ParsedRow<Row>[] = [];
    const tainted = new Set<string>();
    for (const part of table.parts) {
      if (!part.ok) {
        // Reading stops here; what was read before stands (it is stored, the rest is this one rejection).
        yield { events: [], rejected: [{ code: 'PCS_CSV_UNREADABLE', message: part.message, line: part.line }] };
        break;
      }
      const rows: ParsedRow<Row>[] = [];
      // Records the sender's layout could not map (none without a layout).
      const rejected: Rejection[] = [...part.rejected];
      records += part.rejectedRecords.length;
      if (definition.groupOf) for (const record of part.rejectedRecords) tainted.add(definition.groupOf(record));
      for (const record of part.records) {
        records++;
        const reader = new CsvRowReader(record, ctx.timeZone);
        const row = definition.readRow(reader, ctx);
        if (row === undefined && reader.ok) reader.fail('PCS_CSV_BAD_VALUE', 'the row could not be read');
        if (reader.ok && row !== undefined) rows.push({ line: record.line, row });
        else {
          rejected.push(...reader.rejections);
          if (definition.groupOf) tainted.add(definition.groupOf(record));
        }
      }
      if (definition.groupsRows) {
        grouped.push(...rows);
        if (rejected.length > 0) yield { events: [], rejected };
      } else {
        const result = definition.toEvents(rows, ctx, tainted);
        yield { events: result.events, rejected: byLine([...rejected, ...result.rejected]) };
      }
    }
    if (records === 0) {
      yield { events: [], rejected: [{ code: 'PCS_CSV_NO_ROWS', message: 'the CSV has no data rows', line: 1 }] };
      return;
    }
    if (definition.groupsRows) {
      const result = definition.toEvents(grouped, ctx, tainted);
      yield { events: result.events, rejected: byLine([...result.rejected]) };
    }
  }
  return {
    format: definition.format,
    version: definition.version,
    description: definition.description,
    parse: (body, ctx) => collectParts(parseInParts(body, ctx)),
    parseInParts,
  };
}

function byLine(rejected: Rejection[]): Rejection[] {
  return rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
