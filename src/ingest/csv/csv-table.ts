/**
 * Reads a CSV message (RFC 4180) into a header and records with their line numbers, for every CSV
 * format parser. Tolerates a UTF-8 BOM, CRLF or LF, and `;` instead of `,` (detected from the header
 * line, as spreadsheet exports in many locales use it). Header names are trimmed and lower-cased.
 */
import { parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line number in the message, counting the header as line 1. */
  readonly line: number;
  /** Column name (lower-case) → trimmed cell text ('' when empty). */
  readonly cells: Readonly<Record<string, string>>;
}

export type CsvTable =
  | { readonly ok: true; readonly header: readonly string[]; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly message: string; readonly line?: number | undefined };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function readCsvTable(body: Uint8Array): CsvTable {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return { ok: false, message: 'the body is not valid UTF-8 text' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLineEnd = text.search(/\r?\n/);
  const headerLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  const delimiter = count(headerLine, ';') > count(headerLine, ',') ? ';' : ',';
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, message: `not readable as CSV: ${(error as Error).message}`, line };
  }
  const [head, ...body_] = rows;
  if (!head) return { ok: false, message: 'the CSV has no header line' };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const records = body_.map(({ record, info }) => {
    const cells: Record<string, string> = {};
    header.forEach((name, i) => (cells[name] = record[i] ?? ''));
    return { line: info.lines, cells };
  });
  return { ok: true, header, records };
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
