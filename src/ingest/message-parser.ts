import type { ErrorCode } from '../domain/errors/catalogue.js';
import type { NewCanonicalEvent } from '../domain/canonical-event.js';
import type { CompiledCsvLayout } from './csv/csv-layout.js';
import type { TimeZoneSource } from './edi-time-zone.js';

/** What a parser knows about the message it is parsing; everything else is in the bytes. */
export interface ParseContext {
  readonly inboxId: string;
  /** ISO 8601 instant the message was received. */
  readonly receivedAt: string;
  /** Organisation that sent the message. */
  readonly sourceOrg: string;
  /** IANA zone for zone-less date-times in this sender's messages (DESIGN §2 "Time"); default `UTC`. */
  readonly timeZone: string;
  /**
   * Where `timeZone` came from (DESIGN §7 "Times"): the request, the organisation's setting for the format, or the
   * installation default. Absent = `default`. A stated zone wins over any per-place convention of a format.
   */
  readonly timeZoneSource?: TimeZoneSource | undefined;
  /**
   * The sender's declared layout for this CSV format (docs/csv-layouts.md), applied by the CSV parsers between
   * reading the table and reading the rows; absent = our own columns. Other formats ignore it.
   */
  readonly csvLayout?: CompiledCsvLayout | undefined;
}

/** One part of a message that could not become an event, with a stable machine-readable code. */
export interface Rejection {
  /** Stable error code from the catalogue, e.g. `PCS_CSV_BAD_DATETIME` (docs/errors.md); no other compiles. */
  readonly code: ErrorCode;
  readonly message: string;
  /** 1-based line (or segment) number in the message, where it applies. */
  readonly line?: number | undefined;
  /** JSON pointer / field name of the offending field, where it applies. */
  readonly pointer?: string | undefined;
}

/**
 * Batch result: one bad record never loses the batch (STYLE §5). A whole-message failure is a
 * result with no events and one rejection.
 */
export interface ParseResult {
  readonly events: NewCanonicalEvent[];
  readonly rejected: Rejection[];
}

/** Bytes → canonical events for one source format. Pure: no I/O, never throws on bad input. */
export interface MessageParser {
  /** Format id used in `POST /ingest/{format}` and `openpcs ingest --format`, e.g. `csv-vessel-schedule`. */
  readonly format: string;
  /** Bumped when the mapping changes; recorded on dead letters so a replay knows what it ran. */
  readonly version: string;
  readonly description: string;
  parse(body: Uint8Array, context: ParseContext): ParseResult;
  /**
   * The same result in parts, in message order (the parts together equal `parse`), for parsers that can
   * read a large message piece by piece: the pipeline then appends and records each part as it comes, so
   * a 64 MiB message never holds all its events or rejections at once. Optional; without it the pipeline
   * takes `parse` as one part.
   */
  parseInParts?(body: Uint8Array, context: ParseContext): Iterable<ParseResult>;
}
