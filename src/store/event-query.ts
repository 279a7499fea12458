/**
 * The community read path over the event store: DCSA Track & Trace 2.2 filters (`GET /v2/events`,
 * subscriptions, live stream) and the data-ownership rule (DESIGN §5), both compiled to SQL so that a
 * caller is never handed a row it may not see.
 *
 * Visibility is the access module's rule (`access/visibility-filter.ts`): every query here takes the caller's
 * `AccessScope` and adds that rule to its WHERE clause.
 *
 * Filter semantics (DCSA TNT 2.2 `GET /v2/events`): filters are ANDed; list values are ORed. A typed code
 * filter also fixes the event type, so `shipmentEventTypeCode=DRFT&equipmentEventTypeCode=GTIN` matches
 * nothing, as the standard's description of the endpoint says. `VESSEL` (AIS) events are not DCSA events
 * and are never returned here.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { AccessScope } from '../access/access-scope.js';
import { visibleTo } from '../access/visibility-filter.js';
import type { EventReferences, StoredEvent } from '../domain/canonical-event.js';
import { DCSA_CLASSIFIERS, DCSA_CODES } from '../domain/dcsa-conformance.js';
import { compareSeq } from './event-store.js';
import { rowToEvent } from './event-row.js';
import type { DB } from './schema.js';
import type { SettledHorizon } from './settled-horizon.js';

export const DCSA_EVENT_TYPES = ['SHIPMENT', 'TRANSPORT', 'EQUIPMENT'] as const;
export type DcsaEventType = (typeof DCSA_EVENT_TYPES)[number];

/** DCSA range operators on a date-time parameter; values are ISO 8601 instants. */
export interface InstantRange {
  readonly gt?: string | undefined;
  readonly gte?: string | undefined;
  readonly lt?: string | undefined;
  readonly lte?: string | undefined;
  readonly eq?: string | undefined;
}

/** The reference filters are the reference columns: their names and types come from `EventReferences`. */
export interface DcsaEventFilter extends Pick<
  EventReferences,
  | 'equipmentReference'
  | 'transportDocumentReference'
  | 'carrierBookingReference'
  | 'vesselIMONumber'
  | 'carrierVoyageNumber'
> {
  readonly eventTypes?: readonly DcsaEventType[] | undefined;
  /** DCSA documentTypeCode of shipment events (TRD, BKG, …), as served by the DCSA view. */
  readonly documentTypeCodes?: readonly string[] | undefined;
  /** Given by the source, or derived as `domain/dcsa-conformance.ts` `derivedTransportCallId` does. */
  readonly transportCallID?: string | undefined;
  /** A transport document's id (DCSA `documentID` of a `TRD` shipment event; deprecated filter of 2.2). */
  readonly transportDocumentID?: string | undefined;
  readonly equipmentEventTypeCodes?: readonly string[] | undefined;
  readonly transportEventTypeCodes?: readonly string[] | undefined;
  readonly shipmentEventTypeCodes?: readonly string[] | undefined;
  readonly exportVoyageNumber?: string | undefined;
  readonly importVoyageNumber?: string | undefined;
  readonly carrierServiceCode?: string | undefined;
  readonly UNLocationCode?: string | undefined;
  readonly eventCreatedDateTime?: InstantRange | undefined;
}

type Executor = Kysely<DB> | Transaction<DB>;
type EventExpressions = ExpressionBuilder<DB, 'event'>;

const RANGE_OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' } as const;

/** The WHERE conditions of a filter and a scope (exported for SQL snapshot tests). */
export function eventConditions(
  eb: EventExpressions,
  filter: DcsaEventFilter,
  scope: AccessScope,
): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  const types = filter.eventTypes && filter.eventTypes.length > 0 ? filter.eventTypes : DCSA_EVENT_TYPES;
  where.push(types.length === 1 ? eb('event_type', '=', types[0]!) : eb('event_type', 'in', [...types]));
  where.push(DCSA_EXPRESSIBLE);
  const typed = (type: DcsaEventType, codes: readonly string[] | undefined): void => {
    if (!codes || codes.length === 0) return;
    where.push(eb('event_type', '=', type), eb('event_type_code', 'in', [...codes]));
  };
  typed('EQUIPMENT', filter.equipmentEventTypeCodes);
  typed('TRANSPORT', filter.transportEventTypeCodes);
  typed('SHIPMENT', filter.shipmentEventTypeCodes);
  if (filter.equipmentReference) where.push(eb('equipment_reference', '=', filter.equipmentReference));
  if (filter.transportDocumentReference) {
    where.push(eb('transport_document_reference', '=', filter.transportDocumentReference));
  }
  if (filter.carrierBookingReference) {
    where.push(eb('carrier_booking_reference', '=', filter.carrierBookingReference));
  }
  if (filter.vesselIMONumber) where.push(eb('vessel_imo_number', '=', filter.vesselIMONumber));
  if (filter.carrierVoyageNumber) where.push(eb('carrier_voyage_number', '=', filter.carrierVoyageNumber));
  if (filter.exportVoyageNumber) {
    // carrier_voyage_number holds the export voyage, else the (deprecated) carrierVoyageNumber, which DCSA
    // defines as the export voyage, else the import voyage: exclude the last case.
    where.push(
      eb('carrier_voyage_number', '=', filter.exportVoyageNumber),
      sql<SqlBool>`(payload #>> '{transportCall,exportVoyageNumber}' is not null
        or payload #>> '{transportCall,carrierVoyageNumber}' is not null
        or payload #>> '{transportCall,importVoyageNumber}' is null)`,
    );
  }
  if (filter.importVoyageNumber) {
    where.push(sql<SqlBool>`payload #>> '{transportCall,importVoyageNumber}' = ${filter.importVoyageNumber}`);
  }
  if (filter.carrierServiceCode) {
    where.push(sql<SqlBool>`payload #>> '{transportCall,carrierServiceCode}' = ${filter.carrierServiceCode}`);
  }
  if (filter.UNLocationCode) where.push(eb('un_location_code', '=', filter.UNLocationCode));
  if (filter.documentTypeCodes && filter.documentTypeCodes.length > 0) {
    where.push(
      eb('event_type', '=', 'SHIPMENT'),
      sql<SqlBool>`${SHIPMENT_DOCUMENT_TYPE} in (${sql.join(filter.documentTypeCodes)})`,
    );
  }
  if (filter.transportCallID) {
    where.push(
      eb('event_type', '!=', 'SHIPMENT'),
      sql<SqlBool>`coalesce(payload #>> '{transportCall,transportCallID}', ${DERIVED_TRANSPORT_CALL_ID}) = ${filter.transportCallID}`,
    );
  }
  if (filter.transportDocumentID) {
    where.push(
      eb('event_type', '=', 'SHIPMENT'),
      sql<SqlBool>`payload->>'documentTypeCode' = 'TRD' and payload->>'documentID' = ${filter.transportDocumentID}`,
    );
  }
  const range = filter.eventCreatedDateTime;
  if (range) {
    for (const key of Object.keys(RANGE_OPERATORS) as (keyof InstantRange)[]) {
      const value = range[key];
      if (value !== undefined) where.push(eb('event_created_date_time', RANGE_OPERATORS[key], new Date(value)));
    }
  }
  if (!scope.all) where.push(visibleTo(scope, 'event'));
  return where;
}

const codeList = (codes: readonly string[]) => sql.join(codes.map((c) => sql.lit(c)));

/** The DCSA `documentTypeCode` the view serves for a shipment event (see dcsa-event-view.ts `shipmentDocument`). */
const SHIPMENT_DOCUMENT_TYPE = sql<string>`(case
  when payload->>'documentID' is not null and payload->>'documentTypeCode' is not null then payload->>'documentTypeCode'
  when transport_document_reference is not null then 'TRD'
  when carrier_booking_reference is not null then 'BKG' end)`;

/** `derivedTransportCallId` of domain/dcsa-conformance.ts, in SQL over the same columns: change both together. */
const DERIVED_TRANSPORT_CALL_ID = sql<string>`(case
  when vessel_imo_number is not null then left(coalesce(un_location_code, '-') || '/' || coalesce(facility_code, '-')
    || '/' || vessel_imo_number || '/' || coalesce(carrier_voyage_number, '-'), 100)
  when payload->>'modeOfTransport' <> '' and payload->>'visitId' <> '' then left(coalesce(un_location_code, '-')
    || '/' || coalesce(facility_code, '-') || '/' || (payload->>'modeOfTransport') || '/' || (payload->>'visitId'), 100)
  end)`;

/**
 * Only events that DCSA Track & Trace 2.2 can express are served on `/v2/*` (the rules and why:
 * domain/dcsa-conformance.ts); openpcs extensions stay on `/events`.
 */
const DCSA_EXPRESSIBLE = sql<SqlBool>`(event_classifier_code in (${codeList(DCSA_CLASSIFIERS)}) and (
    (event_type = 'EQUIPMENT' and event_type_code in (${codeList(DCSA_CODES.EQUIPMENT)})
      and payload->>'emptyIndicatorCode' in ('EMPTY', 'LADEN'))
    or (event_type = 'TRANSPORT' and event_type_code in (${codeList(DCSA_CODES.TRANSPORT)})
      and (payload #>> '{transportCall,transportCallID}' is not null or ${DERIVED_TRANSPORT_CALL_ID} is not null))
    or (event_type = 'SHIPMENT' and event_type_code in (${codeList(DCSA_CODES.SHIPMENT)})
      and ${SHIPMENT_DOCUMENT_TYPE} is not null)))`;

export interface EventsPage {
  readonly events: StoredEvent[];
  /** More events matched beyond `limit` in the direction read. */
  readonly more: boolean;
}

/** Fields `GET /v2/events?sort=` can order by (DCSA names), and their columns. */
export const SORTABLE_EVENT_FIELDS = ['eventCreatedDateTime', 'eventDateTime'] as const;
export type SortableEventField = (typeof SORTABLE_EVENT_FIELDS)[number];
const SORT_COLUMNS = {
  eventCreatedDateTime: 'event_created_date_time',
  eventDateTime: 'event_date_time',
} as const satisfies Record<SortableEventField, string>;

/** A sort, most significant field first; ties are always broken by `seq` ascending (a total order). */
export type EventSort = readonly { readonly field: SortableEventField; readonly direction: 'ASC' | 'DESC' }[];

/**
 * One event's place in a sorted read: its sort keys (exact instants, microseconds, as `YYYY-MM-DDTHH:MM:SS.ffffffZ`,
 * in the sort's field order) and its `seq`.
 */
export interface SortPosition {
  readonly keys: readonly string[];
  readonly seq: string;
}

export interface SortedEventsPage extends EventsPage {
  /** Positions of the page's first and last events (absent on an empty page). */
  readonly first?: SortPosition | undefined;
  readonly last?: SortPosition | undefined;
}

/** The sort key of a column as exact text (timestamptz keeps microseconds; a JS Date would drop them). */
const keyText = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Events strictly after `position` in the order `sort` then `seq` ascending (`forward`), or strictly before
 * it (`!forward`): the keyset condition, expanded for mixed directions
 * (k1 > p1) or (k1 = p1 and k2 > p2) or … or (k1 = p1 and … and seq > pSeq).
 */
function beyond(sort: EventSort, position: SortPosition, forward: boolean): Expression<SqlBool> {
  const terms = [
    ...sort.map((s, i) => ({
      column: sql.ref(SORT_COLUMNS[s.field]),
      value: sql`cast(${position.keys[i]} as timestamptz)`,
      ascending: s.direction === 'ASC',
    })),
    { column: sql.ref('seq'), value: sql`cast(${position.seq} as bigint)`, ascending: true },
  ];
  const alternatives = terms.map((term, i) => {
    const op = term.ascending === forward ? sql.raw('>') : sql.raw('<');
    const equal = terms.slice(0, i).map((t) => sql`${t.column} = ${t.value}`);
    return sql.join([...equal, sql`${term.column} ${op} ${term.value}`], sql` and `);
  });
  return sql<SqlBool>`((${sql.join(alternatives, sql`) or (`)}))`;
}

/**
 * Filtered, access-checked reads of the event store in `seq` order (keyset pagination on `seq`), never past
 * the settled horizon (`settled-horizon.ts`): a page never holds an event committed after a gap that a
 * slower writer may still fill, so following `after` cursors never skips one.
 */
export class EventQuery {
  constructor(
    private readonly db: Executor,
    private readonly horizon: SettledHorizon,
  ) {}

  /** One event by its id, if DCSA can express it and the caller may see it (`GET /v2/events/{eventID}`). */
  async byId(eventId: string, scope: AccessScope): Promise<StoredEvent | undefined> {
    const row = await this.db
      .selectFrom('event')
      .selectAll()
      .where((eb) => eb.and([eb('event_id', '=', eventId), ...eventConditions(eb, {}, scope)]))
      .executeTakeFirst();
    return row ? rowToEvent(row) : undefined;
  }

  /**
   * Up to `limit` events with `after < seq` (and `seq <= upTo` when given), ascending.
   * `upTo` lets a follower stop at a head it has observed: it must come from `head()` (a settled position),
   * so the horizon is not asked again.
   */
  async after(
    filter: DcsaEventFilter,
    scope: AccessScope,
    after: string,
    limit: number,
    upTo?: string,
  ): Promise<EventsPage> {
    const bound = upTo ?? (await this.horizon.settled(this.db));
    const query = this.db
      .selectFrom('event')
      .selectAll()
      .where((eb) => eb.and([eb('seq', '>', after), eb('seq', '<=', bound), ...eventConditions(eb, filter, scope)]))
      .orderBy('seq')
      .limit(limit + 1);
    const rows = await query.execute();
    return { events: rows.slice(0, limit).map(rowToEvent), more: rows.length > limit };
  }

  /** Up to `limit` events with `seq < before` (null: the newest), returned ascending. */
  async before(filter: DcsaEventFilter, scope: AccessScope, before: string | null, limit: number): Promise<EventsPage> {
    const settled = await this.horizon.settled(this.db);
    const rows = await this.db
      .selectFrom('event')
      .selectAll()
      .where((eb) =>
        eb.and([
          before === null || compareSeq(before, settled) > 0 ? eb('seq', '<=', settled) : eb('seq', '<', before),
          ...eventConditions(eb, filter, scope),
        ]),
      )
      .orderBy('seq', 'desc')
      .limit(limit + 1)
      .execute();
    return { events: rows.slice(0, limit).reverse().map(rowToEvent), more: rows.length > limit };
  }

  /**
   * Up to `limit` events in the order `sort` (ties by `seq` ascending), never past the settled horizon:
   * `after` reads forward from `position` (null: from the first), `before` reads the `limit` events before it
   * (null: the last ones); either way the page is returned in sort order.
   */
  async sorted(
    filter: DcsaEventFilter,
    scope: AccessScope,
    sort: EventSort,
    direction: 'after' | 'before',
    position: SortPosition | null,
    limit: number,
  ): Promise<SortedEventsPage> {
    const settled = await this.horizon.settled(this.db);
    const forward = direction === 'after';
    let query = this.db
      .selectFrom('event')
      .selectAll()
      .select(
        sql<string[]>`array[${sql.join(sort.map((s) => keyText(SORT_COLUMNS[s.field])))}]::text[]`.as('sort_keys'),
      )
      .where((eb) =>
        eb.and([
          eb('seq', '<=', settled),
          ...(position === null ? [] : [beyond(sort, position, forward)]),
          ...eventConditions(eb, filter, scope),
        ]),
      );
    for (const s of sort) {
      query = query.orderBy(SORT_COLUMNS[s.field], (s.direction === 'ASC') === forward ? 'asc' : 'desc');
    }
    const rows = await query
      .orderBy('seq', forward ? 'asc' : 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    if (!forward) page.reverse();
    const positionOf = (row: (typeof rows)[number]): SortPosition => ({ keys: row.sort_keys, seq: row.seq });
    return {
      events: page.map(rowToEvent),
      more: rows.length > limit,
      first: page[0] ? positionOf(page[0]) : undefined,
      last: page.at(-1) ? positionOf(page.at(-1)!) : undefined,
    };
  }

  /** Whether any visible matching event lies on `side` of `position` in the order `sort`, the event itself included. */
  async sortedExists(
    filter: DcsaEventFilter,
    scope: AccessScope,
    sort: EventSort,
    position: SortPosition,
    side: 'at-or-before' | 'at-or-after',
  ): Promise<boolean> {
    const row = await this.db
      .selectFrom('event')
      .select('seq')
      .where((eb) =>
        eb.and([eb.not(beyond(sort, position, side === 'at-or-before')), ...eventConditions(eb, filter, scope)]),
      )
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether any visible matching event lies in `[from, to]` (either bound optional). */
  async exists(
    filter: DcsaEventFilter,
    scope: AccessScope,
    bounds: { readonly from?: string | undefined; readonly to?: string | undefined },
  ): Promise<boolean> {
    const row = await this.db
      .selectFrom('event')
      .select('seq')
      .where((eb) =>
        eb.and([
          ...(bounds.from === undefined ? [] : [eb('seq', '>=', bounds.from)]),
          ...(bounds.to === undefined ? [] : [eb('seq', '<=', bounds.to)]),
          ...eventConditions(eb, filter, scope),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Position of the newest settled event ("0" when empty), whatever its visibility. */
  head(): Promise<string> {
    return this.horizon.settled(this.db);
  }
}
