/**
 * The frame every cargo CSV parser shares: read the table (RFC 4180, UTF-8 with optional BOM, CRLF or LF,
 * `,` or `;` detected from the header line), reject the whole file when a required column is missing,
 * read each record into a typed row (bad cells → rejections with line and column), then turn the good rows
 * into canonical events, part by part as the file is read (`parseInParts`), so a large file is never held whole.
 * A format whose rows only make events together (an appointment or a truck visit spanning rows: `groupKey`)
 * gets each group's rows once the group's last record has been read (`row-groups.ts`: the file is read twice,
 * first only to count the records of each group).
 */
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../../message-parser.js';
import type { CsvRecord } from '../csv-table.js';
import { streamLaidOutCsvTable, type LaidOutCsvPart } from '../laid-out-csv-table.js';
import { collectParts } from '../../collect-parts.js';
import { CsvRowReader } from './csv-row-reader.js';
import { groupSizes, OpenGroups } from './row-groups.js';

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
   * For formats whose rows only make events together (a group spanning rows): the key of the group a record
   * belongs to, from its cells. The rows `toEvents` puts in one group must share the key (rows of several
   * groups may share one: a coarser key only keeps a group open longer). `toEvents` then gets whole groups,
   * each once its last record has been read. Absent: rows stand alone and are handed over part by part.
   */
  readonly groupKey?: ((record: CsvRecord) => string) | undefined;
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
    const { groupKey } = definition;
    // The first pass of a grouping format (its text is dropped before the second is read).
    const groups = groupKey && new OpenGroups<Row>(groupSizes(tableParts(body, ctx), groupKey));
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
      for (const record of part.rejectedRecords) {
        const taints = definition.groupOf?.(record);
        if (groups) groups.add(groupKey(record), { taints });
        else if (taints !== undefined) tainted.add(taints);
      }
      for (const record of part.records) {
        records++;
        const reader = new CsvRowReader(record, ctx.timeZone);
        const row = definition.readRow(reader, ctx);
        if (row === undefined && reader.ok) reader.fail('PCS_CSV_BAD_VALUE', 'the row could not be read');
        const good = reader.ok && row !== undefined;
        if (good) rows.push({ line: record.line, row });
        else rejected.push(...reader.rejections);
        const taints = good ? undefined : definition.groupOf?.(record);
        if (groups) groups.add(groupKey(record), good ? { row: { line: record.line, row } } : { taints });
        else if (taints !== undefined) tainted.add(taints);
      }
      const complete = groups ? groups.takeClosed() : { rows, tainted };
      const result = definition.toEvents(complete.rows, ctx, complete.tainted);
      yield { events: result.events, rejected: byLine([...rejected, ...result.rejected]) };
    }
    if (records === 0) {
      yield { events: [], rejected: [{ code: 'PCS_CSV_NO_ROWS', message: 'the CSV has no data rows', line: 1 }] };
      return;
    }
    // Groups whose last record was never read (reading stopped at an unreadable part).
    const rest = groups?.takeAll();
    if (rest && rest.rows.length > 0) {
      const result = definition.toEvents(rest.rows, ctx, rest.tainted);
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

/** The table's parts, for the counting pass (none when the table cannot be read). */
function tableParts(body: Uint8Array, ctx: ParseContext): Iterable<LaidOutCsvPart> {
  const table = streamLaidOutCsvTable(body, ctx);
  return table.ok ? table.parts : [];
}

function byLine(rejected: Rejection[]): Rejection[] {
  return rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
