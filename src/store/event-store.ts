/**
 * The append-only event store.
 *
 * - `append` writes a batch atomically in one statement (`INSERT … SELECT FROM jsonb_to_recordset($batch)`:
 *   one round trip whatever the batch size, no per-row statements) and idempotently (an anti-join on the
 *   unique (sending organisation, idempotency key) pair): the same sender re-appending the same source
 *   message stores nothing and reports the duplicates. Keys are scoped by sender (DESIGN §2, migration
 *   0010): another organisation's event with the same key is never a duplicate of this one, so no member
 *   can pre-empt another's facts or learn from the duplicate count what another has sent.
 * - Writers do not wait for each other: several appends (requests, feeds, processes on one PostgreSQL server)
 *   insert in parallel, so positions (`seq`) may commit out of order. Readers therefore stop at the settled
 *   horizon (`settled-horizon.ts`): a reader following the cursor never skips an event committed late.
 * - After commit, new events are published on the bus.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { EventProvenance, EventReferences, NewCanonicalEvent, StoredEvent } from '../domain/canonical-event.js';
import type { AccessScope } from '../access/access-scope.js';
import { visibleTo } from '../access/visibility-filter.js';
import type { EventBus } from '../bus/event-bus.js';
import { rowToEvent } from './event-row.js';
import type { DB } from './schema.js';
import type { Database } from './open-database.js';
import type { SettledHorizon } from './settled-horizon.js';

export interface AppendResult {
  /** Events stored by this call, in `seq` order. */
  readonly appended: StoredEvent[];
  /** Events whose idempotency key this sender had already stored (or repeated within the batch). */
  readonly duplicates: number;
}

/** The reference filters are the reference columns: their names and types come from `EventReferences`. */
export interface EventFilter extends Pick<
  EventReferences,
  'equipmentReference' | 'vesselIMONumber' | 'transportDocumentReference' | 'carrierBookingReference'
> {
  readonly eventType?: string | undefined;
  readonly eventTypeCode?: string | undefined;
  /** Only events of these codes (a projection's `sources`); none when empty. */
  readonly eventTypeCodes?: readonly string[] | undefined;
  readonly source?: string | undefined;
  /**
   * Only events this caller may see (DESIGN §5). Required: the system's own readers (projections, CLI export)
   * pass `LOCAL_OPERATOR` explicitly, so no reader sees everything by omission.
   */
  readonly visibleTo: AccessScope;
}

/** The filter without the caller, as declared by projections (`Projection.filter`). */
export type EventSelection = Omit<EventFilter, 'visibleTo'>;

export interface ReadResult {
  readonly events: StoredEvent[];
  /** Position of the last event returned (pass as `after` to continue); null when none returned. */
  readonly lastSeq: string | null;
  /**
   * How far this read looked: the last event's position when the page is full, else the settled horizon it
   * was bounded by (never below `after`). A follower with a filter may resume from here: nothing matching lies
   * between `after` and it.
   */
  readonly scannedTo: string;
  /**
   * Nothing after `scannedTo` was settled when it read: the follower is caught up. False when the page is full or
   * the scan window (`scanWindow`) ended before the settled horizon, even if the page holds fewer than `limit`.
   */
  readonly reachedHead: boolean;
}

/** A read's options beside its filter. */
export interface ReadOptions {
  /**
   * Looks at most this many positions after `after` (the page ends there, full or not; `reachedHead` says whether
   * that was the horizon). A follower catching up over a long backlog pays one short index range per page instead
   * of the whole backlog: without statistics on `event` (PGlite never gathers them; a PostgreSQL server without
   * autovacuum neither) the planner guesses a range of positions holds few rows, scans all the range's rows of the
   * page's codes and sorts them for every page, so catching up grew with the square of the backlog.
   */
  readonly scanWindow?: number;
  /**
   * Reads nothing after this position (a projection that reads another's tables stops where that one stands). A
   * page bounded by it never `reachedHead` unless it is the settled horizon itself.
   */
  readonly upTo?: string;
}

type Executor = Kysely<DB> | Transaction<DB>;

/** Short keys keep the batch document small; `undefined` fields are dropped by JSON.stringify. */
function toWireRow(e: NewCanonicalEvent): Record<string, unknown> {
  return {
    k: e.idempotencyKey,
    t: e.eventType,
    c: e.eventTypeCode,
    cl: e.eventClassifierCode,
    edt: e.eventDateTime,
    ecdt: e.eventCreatedDateTime,
    unl: e.location?.unLocationCode,
    fc: e.location?.facilityCode,
    ftc: e.location?.facilityTypeCode,
    loc: e.location,
    eq: e.references?.equipmentReference,
    td: e.references?.transportDocumentReference,
    bk: e.references?.carrierBookingReference,
    imo: e.references?.vesselIMONumber,
    mmsi: e.references?.vesselMMSI,
    voy: e.references?.carrierVoyageNumber,
    carrier: e.references?.carrierCode,
    pl: e.payload,
  };
}

/**
 * The instant as the store gives it back (UTC, milliseconds), so appended and read events compare equal.
 * Parsers already emit that form (`Date#toISOString`), so the common case is a length and suffix check.
 */
function normaliseInstant(text: string): string {
  return text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(10) === 84 /* T */
    ? text
    : new Date(text).toISOString();
}

/**
 * The stored form of an appended event: the parser's event (its code and payload stay paired, as the event
 * map types them) with normalised instants and the store's stamp.
 */
function storedEvent(
  e: NewCanonicalEvent,
  p: EventProvenance,
  seq: string,
  eventId: string,
  recordedAt: string,
): StoredEvent {
  return {
    ...e,
    eventDateTime: normaliseInstant(e.eventDateTime),
    eventCreatedDateTime: normaliseInstant(e.eventCreatedDateTime),
    source: p.source,
    inboxId: p.inboxId,
    sourceOrg: p.sourceOrg,
    ownerOrgs: p.ownerOrgs,
    visibility: p.visibility,
    seq,
    eventId,
    recordedAt,
  };
}

/**
 * Appends inside the caller's transaction (e.g. together with the inbox status update, or a projection's
 * derived events); the caller publishes after commit.
 */
export async function appendEvents(
  trx: Transaction<DB>,
  events: readonly NewCanonicalEvent[],
  provenance: EventProvenance,
  {
    racing = true,
    started,
  }: {
    readonly racing?: boolean;
    /**
     * The caller's transaction already took its transaction id (before this call) and read its `now()`
     * (`InboxRepository.lockForProcessing`): the append skips that round trip.
     */
    readonly started?: { readonly now: Date } | undefined;
  } = {},
): Promise<AppendResult> {
  if (events.length === 0) return { appended: [], duplicates: 0 };
  // A key repeated within the batch: the first event wins (deduplicated here, not by a sort on the server).
  const byKey = new Map<string, NewCanonicalEvent>();
  for (const event of events) if (!byKey.has(event.idempotencyKey)) byKey.set(event.idempotencyKey, event);
  // The whole batch travels as one JSON document: one parameter, serialised by V8's JSON.stringify. The
  // server reads it as jsonb once; jsonb_to_recordset then hands the location and payload sub-documents
  // over in binary form (json_to_recordset re-parsed them: 3x slower per batch).
  const batch = JSON.stringify(Array.from(byKey.values(), toWireRow));
  // The transaction id first, then the positions: the settled horizon relies on that order. `now()` is the
  // transaction's timestamp, which is every row's `recorded_at`.
  const transactionNow =
    started?.now ?? (await sql<{ now: Date }>`select pg_current_xact_id(), now()`.execute(trx)).rows[0]!.now;
  const recordedAt = transactionNow.toISOString();
  // The anti-join skips keys this sender already stored without drawing a position (a skipped row would leave a gap);
  // ON CONFLICT DO NOTHING settles the race with a concurrent writer of the same key (the unique index
  // decides; the loser's row is not stored). Without `racing` (PGlite: one connection, writers take turns)
  // the speculative insertion is left out (5% of a PGlite append) and the unique index stays the guard.
  const rows = await sql<{ seq: string; event_id: string; idempotency_key: string }>`
    insert into event (
      idempotency_key, event_type, event_type_code, event_classifier_code, event_date_time,
      event_created_date_time, un_location_code, facility_code, facility_type_code, location,
      equipment_reference, transport_document_reference, carrier_booking_reference, vessel_imo_number,
      vessel_mmsi, carrier_voyage_number, carrier_code, payload,
      source, inbox_id, source_org, owner_orgs, visibility)
    select k, t, c, cl, edt, ecdt, unl, fc, ftc, loc, eq, td, bk, imo, mmsi, voy, carrier, pl,
           ${provenance.source}, ${provenance.inboxId}::bigint, ${provenance.sourceOrg},
           ${[...provenance.ownerOrgs]}::text[], ${provenance.visibility}
    from rows from (jsonb_to_recordset(${batch}::jsonb) as (
      k text, t text, c text, cl text, edt timestamptz, ecdt timestamptz, unl text, fc text, ftc text,
      loc jsonb, eq text, td text, bk text, imo text, mmsi text, voy text, carrier text, pl jsonb
    )) with ordinality as b(k, t, c, cl, edt, ecdt, unl, fc, ftc, loc, eq, td, bk, imo, mmsi, voy, carrier, pl, ord)
    where not exists (
      select 1 from event e where e.source_org = ${provenance.sourceOrg} and e.idempotency_key = b.k)
    order by ord
    ${racing ? sql`on conflict (source_org, idempotency_key) do nothing` : sql``}
    returning seq, event_id, idempotency_key`.execute(trx);
  // Rows come back in insertion order, which is input order and `seq` order.
  const appended = rows.rows.map((row) =>
    storedEvent(byKey.get(row.idempotency_key)!, provenance, row.seq, row.event_id, recordedAt),
  );
  if (!isSortedBySeq(appended)) appended.sort((a, b) => compareSeq(a.seq, b.seq));
  return { appended, duplicates: events.length - appended.length };
}

/** PostgreSQL aborted the transaction to resolve a deadlock (40P01) or a serialisation conflict (40001). */
function isTransientConflict(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === '40P01' || code === '40001';
}

export class EventStore {
  private readonly db: Kysely<DB>;
  private readonly horizon: SettledHorizon;
  /** Other connections may append at the same time (PostgreSQL server; PGlite has one connection). */
  private readonly racing: boolean;

  constructor(
    database: Pick<Database, 'db' | 'horizon' | 'engine'>,
    private readonly bus?: EventBus,
  ) {
    this.db = database.db;
    this.horizon = database.horizon;
    this.racing = database.engine !== 'pglite';
  }

  /** Appends in its own transaction, then publishes. */
  async append(events: readonly NewCanonicalEvent[], provenance: EventProvenance): Promise<AppendResult> {
    // Two writers inserting overlapping keys in different orders can deadlock on the unique index; PostgreSQL
    // aborts one of them (40P01). The transaction is this method's own, so it is simply run again: the keys the
    // other writer stored are then duplicates.
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.db.transaction().execute((trx) => this.appendIn(trx, events, provenance));
        this.publish(result.appended);
        return result;
      } catch (error) {
        if (attempt >= 5 || !isTransientConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
      }
    }
  }

  /** Publishes events appended by `appendIn` once the caller's transaction has committed. */
  publish(events: readonly StoredEvent[]): void {
    if (events.length > 0) this.bus?.publish(events);
  }

  /** Appends inside the caller's transaction (e.g. together with the inbox status update). */
  appendIn(
    trx: Transaction<DB>,
    events: readonly NewCanonicalEvent[],
    provenance: EventProvenance,
    started?: { readonly now: Date },
  ): Promise<AppendResult> {
    return appendEvents(trx, events, provenance, { racing: this.racing, started });
  }

  /**
   * Events after position `after` (exclusive; "0" = from the start), in `seq` order, up to the settled
   * horizon: an event still being committed by another writer is not returned, nor anything after it.
   */
  async read(
    after: string,
    limit: number,
    filter: EventFilter,
    executor: Executor = this.db,
    { scanWindow, upTo }: ReadOptions = {},
  ): Promise<ReadResult> {
    const settled = await this.horizon.settled(executor);
    const windowEnd = scanWindow === undefined ? null : (BigInt(after) + BigInt(scanWindow)).toString();
    let bound = windowEnd !== null && compareSeq(windowEnd, settled) < 0 ? windowEnd : settled;
    if (upTo !== undefined && compareSeq(upTo, bound) < 0) bound = upTo;
    let query = executor
      .selectFrom('event')
      .selectAll()
      .where('seq', '>', after)
      .where('seq', '<=', bound)
      .orderBy('seq')
      .limit(limit);
    if (filter.eventType) query = query.where('event_type', '=', filter.eventType);
    if (filter.eventTypeCode) query = query.where('event_type_code', '=', filter.eventTypeCode);
    if (filter.eventTypeCodes) {
      const codes = filter.eventTypeCodes;
      query = codes.length > 0 ? query.where('event_type_code', 'in', codes) : query.where(sql<boolean>`false`);
    }
    if (filter.equipmentReference) query = query.where('equipment_reference', '=', filter.equipmentReference);
    if (filter.vesselIMONumber) query = query.where('vessel_imo_number', '=', filter.vesselIMONumber);
    if (filter.transportDocumentReference) {
      query = query.where('transport_document_reference', '=', filter.transportDocumentReference);
    }
    if (filter.carrierBookingReference) {
      query = query.where('carrier_booking_reference', '=', filter.carrierBookingReference);
    }
    if (filter.source) query = query.where('source', '=', filter.source);
    query = query.where(visibleTo(filter.visibleTo, 'event'));
    const rows = await query.execute();
    const events = rows.map(rowToEvent);
    const lastSeq = events.at(-1)?.seq ?? null;
    const full = events.length >= limit;
    const scannedTo = full ? lastSeq! : compareSeq(bound, after) > 0 ? bound : after;
    return { events, lastSeq, scannedTo, reachedHead: !full && bound === settled };
  }

  /** Position of the newest settled event ("0" when empty): what a reader following the cursor can reach. */
  async head(): Promise<string> {
    return this.horizon.settled();
  }

  async count(filter: Pick<EventFilter, 'source'> = {}): Promise<number> {
    let query = this.db.selectFrom('event').select((eb) => eb.fn.countAll<string>().as('n'));
    if (filter.source) query = query.where('source', '=', filter.source);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** Compares two decimal `seq` strings numerically. */
function isSortedBySeq(events: readonly StoredEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (compareSeq(events[i - 1]!.seq, events[i]!.seq) > 0) return false;
  return true;
}

export function compareSeq(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
