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

/** Why (part of) a CSV message could not be read, and where. */
export interface CsvUnreadable {
  readonly ok: false;
  readonly message: string;
  readonly line?: number | undefined;
}

export type CsvTable =
  { readonly ok: true; readonly header: readonly string[]; readonly records: readonly CsvRecord[] } | CsvUnreadable;

/** A piece of a CSV message read on its own: its records, or why it could not be read (reading stops there). */
export type CsvPart = { readonly ok: true; readonly records: readonly CsvRecord[] } | CsvUnreadable;

/**
 * The header, and the records in parts of about `partChars` characters each, read lazily: a 64 MiB file
 * never becomes a million record objects at once.
 */
export type CsvStream =
  { readonly ok: true; readonly header: readonly string[]; readonly parts: Iterable<CsvPart> } | CsvUnreadable;

/** Characters of CSV text read per part (about 1 MiB of UTF-8 for ASCII text). */
export const CSV_PART_CHARS = 1 << 20;

const decoder = new TextDecoder('utf-8', { fatal: true });

interface RawRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** Every record at once (small messages, tests); any unreadable part makes the whole table unreadable. */
export function readCsvTable(body: Uint8Array): CsvTable {
  const stream = streamCsvTable(body);
  if (!stream.ok) return stream;
  const records: CsvRecord[] = [];
  for (const part of stream.parts) {
    if (!part.ok) return part;
    for (const record of part.records) records.push(record);
  }
  return { ok: true, header: stream.header, records };
}

export function streamCsvTable(body: Uint8Array, partChars: number = CSV_PART_CHARS): CsvStream {
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
  const pieces = pieceBounds(text, partChars)[Symbol.iterator]();
  // The header is the first record of the first piece (leading empty lines are skipped, as in the rest).
  const first = pieces.next();
  const firstRows = first.done ? [] : readPiece(text, first.value, delimiter);
  if (!Array.isArray(firstRows)) return firstRows;
  const [head, ...firstRecords] = firstRows;
  if (!head) return { ok: false, message: 'the CSV has no header line' };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const toRecord = (raw: RawRecord, lineBase: number): CsvRecord => {
    const cells: Record<string, string> = {};
    header.forEach((name, i) => (cells[name] = raw.record[i] ?? ''));
    return { line: lineBase + raw.info.lines, cells };
  };
  const firstBase = first.done ? 0 : first.value.lineBase;
  function* parts(): Generator<CsvPart> {
    yield { ok: true, records: firstRecords.map((raw) => toRecord(raw, firstBase)) };
    for (let piece = pieces.next(); !piece.done; piece = pieces.next()) {
      const rows = readPiece(text, piece.value, delimiter);
      if (!Array.isArray(rows)) {
        yield rows;
        return;
      }
      const base = piece.value.lineBase;
      yield { ok: true, records: rows.map((raw) => toRecord(raw, base)) };
    }
  }
  return { ok: true, header, parts: parts() };
}

interface PieceBounds {
  readonly start: number;
  readonly end: number;
  /** Lines before the piece. */
  readonly lineBase: number;
}

/**
 * Cuts the text after a line feed outside quotes (RFC 4180 §2.6: a quoted field may hold line breaks) once a
 * piece has `partChars` characters, so every piece holds whole records.
 */
function* pieceBounds(text: string, partChars: number): Generator<PieceBounds> {
  let start = 0;
  let lineBase = 0;
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0a) {
      lines++;
      if (!quoted && i + 1 - start >= partChars) {
        yield { start, end: i + 1, lineBase };
        start = i + 1;
        lineBase += lines;
        lines = 0;
      }
    }
  }
  if (start < text.length) yield { start, end: text.length, lineBase };
}

function readPiece(text: string, piece: PieceBounds, delimiter: string): RawRecord[] | CsvUnreadable {
  try {
    return parse(text.slice(piece.start, piece.end), {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
    }) as unknown as RawRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      ok: false,
      message: `not readable as CSV: ${(error as Error).message}`,
      line: line === undefined ? undefined : piece.lineBase + line,
    };
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
