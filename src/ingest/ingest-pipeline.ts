/**
 * raw message → inbox (durable) → parser (by format) → canonical events → event store;
 * rejections → dead letter. Processing a message is one transaction (lock the inbox row, append the
 * events, record dead letters, mark the row processed), so a message is processed exactly once even
 * with several workers or a crash in between; messages left `received` by a crash are picked up by
 * `processPending()` at start-up.
 *
 * A message never blocks the ones after it: each attempt is counted (and committed) before the parser
 * runs; a processing transaction that fails for any reason is rolled back and the message is marked
 * `failed` with a dead letter in a transaction of its own; a message still `received` after
 * `CRASH_ATTEMPTS` attempts crashed the process that many times and is set aside at start-up.
 */
import type { Kysely } from 'kysely';
import { defaultVisibilityOf } from '../access/format-senders.js';
import type { NewCanonicalEvent, StoredEvent, Visibility } from '../domain/canonical-event.js';
import type { CsvLayoutRepository } from '../store/csv-layout-repository.js';
import type { OrganisationFormatSettings } from '../store/organisation-format-settings.js';
import type { DeadLetterRepository, DeadLetterRow } from '../store/dead-letter-repository.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import type { EventStore } from '../store/event-store.js';
import type { InboxRepository, InboxRow } from '../store/inbox-repository.js';
import type { DB, InboxStatus } from '../store/schema.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from './message-parser.js';
import { compileCsvLayout, validateCsvLayout, type CompiledCsvLayout } from './csv/csv-layout.js';
import { CSV_LAYOUT_FORMATS } from './csv/csv-layout-columns.js';
import type { ParserRegistry } from './parser-registry.js';
import { isTimeZoneSource, type TimeZoneSource } from '../domain/time-zone-source.js';
import { withStorableEvents } from './storable-events.js';
import { receivablesTheSenderMayState, type CarrierStanding } from '../access/carrier-scacs.js';
import { eventsTheSenderMayState, type SenderStanding } from '../access/operated-terminals.js';
import { senderStanding } from '../store/operated-terminals.js';

/** Attempts after which a message still `received` is taken to crash the process, and is set aside. */
export const CRASH_ATTEMPTS = 2;
import { RejectionTally } from './rejection-tally.js';

/**
 * Events appended per statement: a message's events go to the store in batches of this size inside its one
 * transaction, so a 64 MiB message is never one 64 MiB JSON parameter nor all its events in memory at once.
 */
export const APPEND_BATCH_EVENTS = 2_000;

/**
 * Appended events handed to the bus after commit, at most (the latest ones). The bus is a wake-up for
 * readers that then read the store by cursor (bus/event-bus.ts), so a large message need not hold every
 * stored event until its commit.
 */
const PUBLISH_AT_MOST = 10_000;

export interface IngestRequest {
  readonly format: string;
  readonly body: Uint8Array;
  readonly channel: string;
  readonly contentType?: string | undefined;
  readonly sourceOrg: string;
  readonly ownerOrgs?: readonly string[] | undefined;
  readonly visibility?: Visibility | undefined;
  readonly timeZone?: string | undefined;
  readonly metadata?: Record<string, unknown> | undefined;
}

export interface ProcessOutcome {
  readonly inboxId: string;
  readonly format: string;
  readonly status: InboxStatus;
  readonly appended: number;
  readonly duplicates: number;
  /**
   * The first rejected parts in full (KEPT_REJECTIONS), then one `PCS_INGEST_MORE_REJECTED` summary when
   * there were more; `rejected` and `rejectedByCode` count every one.
   */
  readonly deadLetters: readonly DeadLetterRow[];
  readonly rejected: number;
  readonly rejectedByCode: Readonly<Record<string, number>>;
  /** Version of the sender's CSV layout the last processing applied (docs/csv-layouts.md); absent = none. */
  readonly csvLayoutVersion?: number | undefined;
}

/** How far a message's processing has come; reported after each appended batch. */
export interface ProcessProgress {
  readonly appended: number;
  readonly duplicates: number;
  readonly rejected: number;
}

export interface ProcessOptions {
  readonly onProgress?: ((progress: ProcessProgress) => void) | undefined;
}

export interface IngestOutcome extends ProcessOutcome {
  /** The very same message had been received before; nothing new was stored. */
  readonly duplicateMessage: boolean;
}

/** Hooks for metrics and logs; the pipeline itself knows nothing of Prometheus. */
export interface IngestObserver {
  received?(format: string, duplicate: boolean, bytes: number): void;
  processed?(outcome: ProcessOutcome): void;
  crashed?(inboxId: string, error: unknown): void;
}

export class UnknownFormatError extends Error {
  readonly code = 'PCS_INGEST_UNKNOWN_FORMAT';
  constructor(
    readonly format: string,
    readonly known: readonly string[],
  ) {
    super(`unknown format "${format}"; known formats: ${known.join(', ')}`);
  }
}

export class EmptyBodyError extends Error {
  readonly code = 'PCS_INGEST_EMPTY_BODY';
  constructor() {
    super('the message body is empty');
  }
}

/** Waits between background attempts while the store is unreachable (about 60 s in all). */
const STORE_RETRY_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000, 8_000, 8_000];

export interface IngestPipelineDeps {
  readonly db: Kysely<DB>;
  readonly inbox: InboxRepository;
  readonly deadLetters: DeadLetterRepository;
  readonly events: EventStore;
  readonly parsers: ParserRegistry;
  readonly defaultTimeZone: string;
  /** Each organisation's defaults per format (zone, visibility), used when a request gives none. */
  readonly formatSettings?: OrganisationFormatSettings | undefined;
  /** The organisations' declared CSV layouts: the current version is applied when a message is processed. */
  readonly csvLayouts?: CsvLayoutRepository | undefined;
  readonly observer?: IngestObserver | undefined;
}

export class IngestPipeline {
  readonly #queue: string[] = [];
  readonly #inFlight = new Set<string>();
  #draining: Promise<void> | null = null;
  #observer: IngestObserver | undefined;

  constructor(private readonly deps: IngestPipelineDeps) {
    this.#observer = deps.observer;
  }

  /** Attaches metrics/log hooks (the HTTP server does, once it has its metrics registry). */
  setObserver(observer: IngestObserver): void {
    this.#observer = observer;
  }

  parserFor(format: string): MessageParser {
    const parser = this.deps.parsers.get(format);
    if (!parser) throw new UnknownFormatError(format, this.deps.parsers.formats());
    return parser;
  }

  /** Stores the raw message durably; when this resolves it may be acknowledged to the sender. */
  async receive(
    request: IngestRequest,
    { attempting = false }: { readonly attempting?: boolean } = {},
  ): Promise<{ inboxId: string; duplicate: boolean; status: InboxStatus }> {
    this.parserFor(request.format);
    if (request.body.byteLength === 0) throw new EmptyBodyError();
    const defaults = await this.senderDefaults(request);
    const received = await this.deps.inbox.receive({
      format: request.format,
      channel: request.channel,
      body: request.body,
      contentType: request.contentType,
      sourceOrg: request.sourceOrg,
      ownerOrgs: request.ownerOrgs ?? [request.sourceOrg],
      visibility: defaults.visibility,
      timeZone: defaults.timeZone,
      timeZoneSource: defaults.timeZoneSource,
      metadata: request.metadata,
      attempting,
    });
    this.#observer?.received?.(request.format, received.duplicate, request.body.byteLength);
    return received;
  }

  /** Receives and processes now; the caller gets the full outcome (used by the CLI and synchronous HTTP). */
  async ingest(request: IngestRequest, options: ProcessOptions = {}): Promise<IngestOutcome> {
    // A new message's first attempt is counted in the commit that stores it (one commit per message less than
    // receive, then count the attempt); a re-delivered one still waiting is counted as any other attempt.
    const received = await this.receive(request, { attempting: true });
    const outcome =
      received.status !== 'received'
        ? null
        : received.duplicate
          ? await this.process(received.inboxId, options)
          : await this.run(received.inboxId, 'first', options, 1);
    return { ...(outcome ?? (await this.describe(received.inboxId))), duplicateMessage: received.duplicate };
  }

  /**
   * Zone and visibility of a message (DESIGN §7 "Times"): what the request gives wins; then the sending
   * organisation's setting for the format; then the installation default zone (`OPENPCS_TIME_ZONE`) and the
   * format's default visibility (`private`, community for the terminal feeds: access/format-senders.ts).
   */
  async senderDefaults(
    request: IngestRequest,
  ): Promise<{ timeZone: string; timeZoneSource: TimeZoneSource; visibility: Visibility }> {
    const needed = request.timeZone === undefined || request.visibility === undefined;
    const setting = needed ? await this.deps.formatSettings?.lookup(request.sourceOrg, request.format) : undefined;
    const [timeZone, timeZoneSource]: [string, TimeZoneSource] =
      request.timeZone !== undefined
        ? [request.timeZone, 'request']
        : setting?.timeZone
          ? [setting.timeZone, 'organisation']
          : [this.deps.defaultTimeZone, 'default'];
    const visibility = request.visibility ?? setting?.visibility ?? defaultVisibilityOf(request.format);
    return { timeZone, timeZoneSource, visibility };
  }

  /** Receives now, processes in the background (high-rate feeds); `drain()` waits for the backlog. */
  async enqueue(request: IngestRequest): Promise<{ inboxId: string; duplicate: boolean; status: InboxStatus }> {
    const received = await this.receive(request);
    if (received.status === 'received') this.schedule([received.inboxId]);
    return received;
  }

  /** Processes one received message exactly once; returns its outcome (also if it was already processed). */
  async process(inboxId: string, options: ProcessOptions = {}): Promise<ProcessOutcome> {
    return this.run(inboxId, 'first', options);
  }

  /** Re-runs messages with open dead letters through the current parsers (`openpcs replay`). */
  async replay(inboxIds?: readonly string[], options: ProcessOptions = {}): Promise<ProcessOutcome[]> {
    const ids = inboxIds ?? (await this.deps.deadLetters.inboxIdsWithOpen());
    const outcomes: ProcessOutcome[] = [];
    for (const id of ids) outcomes.push(await this.run(id, 'replay', options));
    return outcomes;
  }

  /**
   * Picks up messages a crash left unprocessed, oldest first. A message that crashed the process
   * `CRASH_ATTEMPTS` times is set aside first; one that cannot be processed now is skipped (it is marked
   * `failed`, or, if even that fails, left for the next start): recovery always goes on to the next.
   */
  async processPending(): Promise<number> {
    await this.setAsideCrashed();
    return this.processReceived();
  }

  /**
   * Processes the messages still `received` (received before `receivedBefore`, when given), oldest first,
   * each with the background retry while the store is unreachable; stops early, leaving the rest for the
   * next pass, when the store stays unreachable. Runs at start-up and, in `serve`, periodically
   * (`startInboxSweeper`): a message another worker held and then could not finish (its connection
   * dropped) is picked up within one period, not at the next start. Returns the messages it went through.
   */
  async processReceived(receivedBefore?: Date): Promise<number> {
    let total = 0;
    let after = '0';
    for (;;) {
      const ids = await this.deps.inbox.pendingIds(500, after, receivedBefore);
      if (ids.length === 0) return total;
      for (const id of ids) {
        if ((await this.processWithRetry(id)) === 'unavailable') return total;
        total++;
      }
      after = ids[ids.length - 1] ?? after;
    }
  }

  /** Sets aside the messages that crashed the process `CRASH_ATTEMPTS` times; returns their ids. */
  async setAsideCrashed(): Promise<string[]> {
    const { db, inbox, deadLetters } = this.deps;
    return db.transaction().execute(async (trx) => {
      const reason = `processing crashed the process ${CRASH_ATTEMPTS} times; set aside, run "openpcs replay --inbox <id>" after a fix`;
      const rows = await inbox.setAsideCrashed(trx, CRASH_ATTEMPTS, reason);
      for (const row of rows) {
        const version = this.deps.parsers.get(row.format)?.version ?? 'unknown';
        const rejection: Rejection = { code: 'PCS_INGEST_SET_ASIDE', message: `${reason} (${row.attempts} attempts)` };
        await deadLetters.add(trx, row.id, row.format, version, [rejection], row.attempts);
      }
      return rows.map((r) => r.id);
    });
  }

  /** Resolves when the background queue is empty. */
  async drain(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  private schedule(ids: readonly string[]): void {
    this.#queue.push(...ids);
    if (this.#draining) return;
    this.#draining = (async () => {
      try {
        for (let id = this.#queue.shift(); id !== undefined; id = this.#queue.shift()) {
          await this.processWithRetry(id);
        }
      } finally {
        this.#draining = null;
      }
    })();
  }

  /**
   * Processes one acknowledged message in the background. While the store is unreachable (a dropped
   * connection, a restarting server) it waits and tries again, with backoff, for up to about a minute, so a
   * blip does not leave acknowledged messages unprocessed until the next start. Any other failure, or a
   * longer outage, leaves the message `received` in the inbox: the next start processes it.
   */
  private async processWithRetry(id: string): Promise<'done' | 'unavailable'> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.process(id);
        return 'done';
      } catch (error) {
        const delayMs = STORE_RETRY_DELAYS_MS[attempt];
        if (delayMs === undefined || !isStoreUnavailable(error)) {
          this.#observer?.crashed?.(id, error);
          return isStoreUnavailable(error) ? 'unavailable' : 'done';
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /** `counted`: the attempt the receiving commit already counted (`ingest`); else this counts one. */
  private async run(
    inboxId: string,
    mode: 'first' | 'replay',
    options: ProcessOptions,
    counted?: number,
  ): Promise<ProcessOutcome> {
    // One worker of this process at a time per message (the request or queue that received it, start-up
    // recovery, the sweep): a second would count an attempt it then does not make, and a message whose
    // attempts were counted twice would be taken for one that crashed the process twice.
    if (this.#inFlight.has(inboxId)) {
      if (counted !== undefined) await this.deps.inbox.forgetAttempt(inboxId);
      return this.describe(inboxId);
    }
    this.#inFlight.add(inboxId);
    try {
      return await this.runCounted(inboxId, mode, options, counted);
    } finally {
      this.#inFlight.delete(inboxId);
    }
  }

  private async runCounted(
    inboxId: string,
    mode: 'first' | 'replay',
    options: ProcessOptions,
    counted: number | undefined,
  ): Promise<ProcessOutcome> {
    // Committed before the parser runs: if this attempt kills the process, the next start knows.
    const attempt = counted ?? (await this.deps.inbox.beginAttempt(inboxId, mode === 'first'));
    if (attempt === undefined) return this.describe(inboxId);
    let result;
    try {
      result = await this.runInTransaction(inboxId, mode, options);
    } catch (error) {
      // A lost or refused connection says nothing about the message: it stays `received` and is tried
      // again (background retry with backoff, or the next start), never marked failed for it.
      if (isStoreUnavailable(error)) {
        await this.deps.inbox.forgetAttempt(inboxId).catch(() => undefined);
        throw error;
      }
      this.#observer?.crashed?.(inboxId, error);
      return this.recordFailure(inboxId, attempt, error);
    }
    if (!result) {
      // Another process's worker held the row (or had just processed it): this attempt was not made.
      if (mode === 'first') await this.deps.inbox.forgetAttempt(inboxId);
      return this.describe(inboxId);
    }
    this.deps.events.publish(result.appended);
    this.#observer?.processed?.(result.outcome);
    return result.outcome;
  }

  /**
   * The processing transaction rolled back (the store refused a value, a constraint, a lost connection, a
   * bug): the message is marked `failed` with a dead letter, in a transaction of its own, so it neither
   * stays `received` nor blocks the messages after it. The dead letter names the SQLSTATE, not the
   * database's text; the error itself goes to the observer (logs).
   */
  private async recordFailure(inboxId: string, attempt: number, error: unknown): Promise<ProcessOutcome> {
    const { db, inbox, deadLetters } = this.deps;
    const reason = `processing failed and was rolled back (${failureKind(error)}); the message is kept and "openpcs replay" re-runs it`;
    await db.transaction().execute(async (trx) => {
      const row = await inbox.markFailed(trx, inboxId, reason);
      if (!row) return;
      const version = this.deps.parsers.get(row.format)?.version ?? 'unknown';
      const rejection: Rejection = { code: 'PCS_INGEST_PROCESSING_FAILED', message: reason };
      await deadLetters.add(trx, row.id, row.format, version, [rejection], attempt);
    });
    return this.describe(inboxId);
  }

  private async runInTransaction(inboxId: string, mode: 'first' | 'replay', options: ProcessOptions) {
    const { db, inbox, deadLetters, events } = this.deps;
    return db.transaction().execute(async (trx) => {
      const row = await inbox.lockForProcessing(trx, inboxId);
      if (!row) return null; // unknown, or another worker holds it
      if (mode === 'first' && row.status !== 'received') return null;
      const parser = this.parserFor(row.format);
      // The sender's current layout for the format, also on a replay (a fixed layout is how a dead letter is fixed).
      const layout = await this.csvLayoutFor(trx, row.source_org, row.format);
      const parserVersion =
        layout.compiled?.version != null ? `${parser.version}+layout.${layout.compiled.version}` : parser.version;
      const provenance = {
        source: row.format,
        inboxId: row.id,
        sourceOrg: row.source_org,
        ownerOrgs: row.owner_orgs,
        visibility: row.visibility as Visibility,
      };
      // Read in this transaction, uncached: a link the port authority changed applies from this message on.
      const standing = await senderStanding(trx, row.source_org);
      const tally = new RejectionTally();
      let toPublish: StoredEvent[] = [];
      let parsed = 0;
      let appended = 0;
      let duplicates = 0;
      let batch: NewCanonicalEvent[] = [];
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        // The row lock took the transaction id and read its timestamp: the append need not ask again.
        const append = await events.appendIn(trx, batch, provenance, { now: row.transaction_now });
        batch = [];
        appended += append.appended.length;
        duplicates += append.duplicates;
        toPublish.push(...append.appended);
        if (toPublish.length > PUBLISH_AT_MOST) toPublish = toPublish.slice(-PUBLISH_AT_MOST);
        options.onProgress?.({ appended, duplicates, rejected: tally.total });
      };
      // Parts come one at a time (a streaming parser reads the body piece by piece): events go to the store
      // in bounded batches, rejections are counted and only the first are kept.
      const parts: Iterable<ParseResult> = layout.invalid
        ? [{ events: [], rejected: [layout.invalid] }]
        : partsSafely(parser, row, layout.compiled);
      for (const rawPart of parts) {
        // An event with text the store cannot hold (NUL, a lone surrogate) is rejected alone; so is a fact a
        // terminal states at a terminal it does not operate (access/operated-terminals.ts).
        const part = sayableBy(standing, withStorableEvents(rawPart));
        for (const rejection of part.rejected) tally.add(rejection);
        for (const event of part.events) {
          parsed++;
          batch.push(event);
          if (batch.length >= APPEND_BATCH_EVENTS) await flush();
        }
        if (part.events.length === 0 && part.rejected.length > 0) {
          options.onProgress?.({ appended, duplicates, rejected: tally.total });
        }
      }
      await flush();
      const previousAttempts = mode === 'replay' ? await deadLetters.closeOpen(trx, row.id) : 0;
      const letters = await deadLetters.add(
        trx,
        row.id,
        row.format,
        parserVersion,
        tally.deadLetters(),
        previousAttempts + 1,
      );
      const status = statusOf(parsed, tally.total);
      const rejectedByCode = tally.byCode();
      await inbox.markProcessed(trx, row.id, {
        status,
        appended,
        duplicates,
        rejected: tally.total,
        rejectedByCode,
        accumulate: mode === 'replay',
        csvLayoutVersion: layout.compiled?.version ?? null,
      });
      return {
        outcome: {
          inboxId: row.id,
          format: row.format,
          status,
          appended,
          duplicates,
          deadLetters: letters,
          rejected: tally.total,
          rejectedByCode,
          ...(layout.compiled?.version != null ? { csvLayoutVersion: layout.compiled.version } : {}),
        } satisfies ProcessOutcome,
        appended: toPublish,
      };
    });
  }

  /** The recorded outcome of a message (for duplicates and for messages another worker processed). */
  async describe(inboxId: string): Promise<ProcessOutcome> {
    const row = await this.deps.inbox.get(inboxId);
    if (!row) throw new Error(`inbox message ${inboxId} does not exist`);
    const letters = await this.deps.deadLetters.list({ inboxId, status: 'open' });
    return {
      inboxId,
      format: row.format,
      status: row.status,
      appended: row.events_appended,
      duplicates: row.events_duplicate,
      deadLetters: letters,
      rejected: row.rejected,
      rejectedByCode: row.rejected_by_code,
      ...(row.csv_layout_version !== null ? { csvLayoutVersion: row.csv_layout_version } : {}),
    };
  }

  /**
   * The sender's current layout for a CSV format, compiled; `invalid` when the stored layout no longer passes
   * validation (the message is then rejected whole and can be replayed once the layout is stored again).
   */
  private async csvLayoutFor(
    db: Kysely<DB>,
    sourceOrg: string,
    format: string,
  ): Promise<{ compiled?: CompiledCsvLayout; invalid?: Rejection }> {
    if (!this.deps.csvLayouts || !CSV_LAYOUT_FORMATS.includes(format)) return {};
    const stored = await this.deps.csvLayouts.get(sourceOrg, format, undefined, db);
    if (!stored) return {};
    const valid = validateCsvLayout(format, stored.layout);
    if (!valid.ok) {
      const first = valid.problems[0];
      return {
        invalid: {
          code: 'PCS_CSV_LAYOUT_INVALID',
          message: `layout version ${stored.version} of ${sourceOrg} for ${format} is not valid: ${first?.pointer ?? ''} ${first?.detail ?? ''}; store a corrected one and replay`,
          pointer: first?.pointer,
        },
      };
    }
    return { compiled: compileCsvLayout(format, valid.layout, stored.version) };
  }

  /**
   * What a message would become, storing nothing (`openpcs ingest --dry-run`): the parts the parser makes of it
   * under the sender's zone and current CSV layout, or under `layout` when one is given (a file being tried out).
   */
  async preview(
    request: IngestRequest,
    layout?: CompiledCsvLayout,
  ): Promise<{ readonly csvLayoutVersion: number | null; readonly parts: Iterable<ParseResult> }> {
    const parser = this.parserFor(request.format);
    if (request.body.byteLength === 0) throw new EmptyBodyError();
    const defaults = await this.senderDefaults(request);
    const standing = await senderStanding(this.deps.db, request.sourceOrg);
    const current = layout
      ? { compiled: layout }
      : await this.csvLayoutFor(this.deps.db, request.sourceOrg, request.format);
    const context: ParseContext = {
      inboxId: 'dry-run',
      receivedAt: new Date().toISOString(),
      sourceOrg: request.sourceOrg,
      timeZone: defaults.timeZone,
      timeZoneSource: defaults.timeZoneSource,
      csvLayout: current.compiled,
    };
    const parts: Iterable<ParseResult> = current.invalid
      ? [{ events: [], rejected: [current.invalid] }]
      : (function* () {
          const inParts = parser.parseInParts
            ? parser.parseInParts(request.body, context)
            : [parser.parse(request.body, context)];
          for (const part of inParts) yield sayableBy(standing, withStorableEvents(part));
        })();
    return { csvLayoutVersion: current.compiled?.version ?? null, parts };
  }
}

/**
 * The part with the events its sender may not state (a terminal it does not operate, a carrier's receivable for a
 * SCAC not its own) turned into rejections, and each receivable stamped with whose word it is.
 */
function sayableBy(standing: SenderStanding & CarrierStanding, part: ParseResult): ParseResult {
  const atTerminals = eventsTheSenderMayState(standing, part.events);
  const receivables = receivablesTheSenderMayState(standing, atTerminals.events);
  const rejected = [...atTerminals.rejected, ...receivables.rejected];
  return {
    events: receivables.events,
    rejected: rejected.length === 0 ? part.rejected : [...part.rejected, ...rejected],
  };
}

function statusOf(parsedEvents: number, rejected: number): InboxStatus {
  if (rejected === 0) return 'processed';
  return parsedEvents > 0 ? 'partial' : 'failed';
}

/** Names what failed without the database's own text: the SQLSTATE for a database error, else the error class. */
function failureKind(error: unknown): string {
  const sqlState = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState)) return `SQLSTATE ${sqlState}`;
  return error instanceof Error ? error.name : typeof error;
}

/**
 * The parser's result in parts (`parseInParts` when it has it, else `parse` as one part). A parser bug must
 * not lose the message: a throw becomes a `PCS_INGEST_PARSER_CRASH` dead letter and the message can be
 * replayed after a fix (events of parts before the throw stay stored; a replay skips them as duplicates).
 */
function* partsSafely(
  parser: MessageParser,
  row: InboxRow,
  csvLayout: CompiledCsvLayout | undefined,
): Generator<ParseResult> {
  const context: ParseContext = {
    inboxId: row.id,
    receivedAt: row.received_at.toISOString(),
    sourceOrg: row.source_org,
    timeZone: row.time_zone,
    timeZoneSource: isTimeZoneSource(row.time_zone_source) ? row.time_zone_source : 'default',
    csvLayout,
  };
  try {
    if (parser.parseInParts) yield* parser.parseInParts(row.body, context);
    else yield parser.parse(row.body, context);
  } catch (error) {
    const rejection: Rejection = {
      code: 'PCS_INGEST_PARSER_CRASH',
      message: `parser ${parser.format}@${parser.version} failed: ${error instanceof Error ? error.message : String(error)}`,
    };
    yield { events: [], rejected: [rejection] };
  }
}
