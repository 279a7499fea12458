import type { NewCanonicalEvent } from '../domain/canonical-event.js';
import type { CompiledCsvLayout } from './csv/csv-layout.js';
import type { Rejection } from '../domain/rejection.js';
import type { TimeZoneSource } from '../domain/time-zone-source.js';

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

/** Parsers name it with the rest of their contract; it lives in the domain so the store can record it. */
export type { Rejection } from '../domain/rejection.js';

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
