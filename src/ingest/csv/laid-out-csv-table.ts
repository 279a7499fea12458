/**
 * The CSV table a format parser reads: the message's own table, or — when the sender declared a layout for the
 * format (ParseContext.csvLayout) — that table with the layout applied record by record (`applyCsvLayout`), part
 * by part as it is read. Records the layout cannot map come back as rejections, with their renamed record so
 * that a parser which groups rows can set aside the rest of the group.
 */
import type { ParseContext, Rejection } from '../message-parser.js';
import { applyCsvLayout, laidOutHeader } from './apply-csv-layout.js';
import { streamCsvTable, type CsvRecord, type CsvUnreadable } from './csv-table.js';

export type LaidOutCsvPart =
  | {
      readonly ok: true;
      readonly records: readonly CsvRecord[];
      readonly rejected: readonly Rejection[];
      readonly rejectedRecords: readonly CsvRecord[];
    }
  | CsvUnreadable;

export type LaidOutCsvStream =
  { readonly ok: true; readonly header: readonly string[]; readonly parts: Iterable<LaidOutCsvPart> } | CsvUnreadable;

/** The message's table read through `ctx.csvLayout`; a zone the request stated wins over the layout's zones. */
export function streamLaidOutCsvTable(
  body: Uint8Array,
  ctx: Pick<ParseContext, 'csvLayout' | 'timeZone' | 'timeZoneSource'>,
): LaidOutCsvStream {
  const layout = ctx.csvLayout;
  const requestTimeZone = ctx.timeZoneSource === 'request' ? ctx.timeZone : undefined;
  const table = streamCsvTable(body);
  if (!table.ok) return table;
  if (layout === undefined) {
    return {
      ok: true,
      header: table.header,
      parts: (function* () {
        for (const part of table.parts) yield part.ok ? { ...part, rejected: [], rejectedRecords: [] } : part;
      })(),
    };
  }
  return {
    ok: true,
    header: laidOutHeader(table.header, layout),
    parts: (function* () {
      for (const part of table.parts) {
        if (!part.ok) {
          yield part;
          continue;
        }
        const records: CsvRecord[] = [];
        const rejected: Rejection[] = [];
        const rejectedRecords: CsvRecord[] = [];
        for (const record of part.records) {
          const laidOut = applyCsvLayout(record, layout, requestTimeZone);
          if (laidOut.ok) records.push(...laidOut.records);
          else {
            rejected.push(...laidOut.rejections);
            rejectedRecords.push(laidOut.renamed);
          }
        }
        yield { ok: true, records, rejected, rejectedRecords };
      }
    })(),
  };
}
