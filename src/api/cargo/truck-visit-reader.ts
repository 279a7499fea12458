/**
 * Truck visits as one caller may see them (DESIGN §5: a trucker its own visits, a terminal its own gate
 * operations). `truck_visit` carries no ownership, so it is derived from the events the visit is built
 * from: TRANSPORT ARRI/DEPA and EQUIPMENT GTIN/GTOT with the same `payload.visitId` at the same terminal
 * (facility code). A visit is visible when one of those events is visible to the caller under the event
 * rule; when some are not, the visit is rebuilt from the visible ones only (`partialView`): gate times,
 * truck and transactions the caller reported, without the appointment copied from someone else's data.
 * Every visit carries `asOf` and `source` (issue 13): the newest of those events the caller may see, with the
 * organisation, inbox message and event that stated it (the appointment facts copied into the row do not count),
 * and `stale` when it is still open (no visible gate-out) and that newest event is older than the terminal-feed age.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { filteredPage } from './filtered-page.js';
import type { VisitTransaction } from '../../projections/truck-visits/truck-visit-facts.js';
import { visibleTo } from '../../access/visibility-filter.js';
import type { DB, TruckVisitTable } from '../../store/schema.js';
import type { TruckVisit } from './truck-visit-schema.js';

type VisitRow = Selectable<TruckVisitTable>;

export interface TruckVisitFilter {
  readonly terminal?: string | undefined;
  readonly truckingCompany?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly visitId?: string | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
}

interface VisitEvent {
  readonly visitKey: string;
  readonly code: string;
  readonly at: Date;
  readonly key: string;
  readonly eventId: string;
  readonly sourceOrg: string;
  readonly inboxId: string | null;
  readonly recordedAt: Date;
  readonly truckingCompany: string | null;
  readonly truckPlate: string | null;
  readonly visible: boolean;
}

const VISIT_EVENT_CODES = ['ARRI', 'DEPA', 'GTIN', 'GTOT'] as const;
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const turnMinutes = (gateIn: string | null, gateOut: string | null): number | null =>
  gateIn && gateOut ? Math.round(((Date.parse(gateOut) - Date.parse(gateIn)) / 60_000) * 10) / 10 : null;

function transactionsOf(row: VisitRow, keep: (t: VisitTransaction) => boolean): TruckVisit['transactions'] {
  return row.transactions.filter(keep).map((t) => ({
    transactionId: t.transactionId,
    move: t.move,
    equipmentReference: t.equipmentReference,
    emptyIndicatorCode: t.emptyIndicatorCode,
    isoEquipmentCode: t.isoEquipmentCode,
    at: t.at,
    appointmentId: t.appointmentId,
  }));
}

/**
 * The newest of the visit's events the caller may see (by event time; the later stored one on a tie) and who stated
 * it: the record's `asOf` and `source`. Null only when none of the events behind the row is stored any more.
 */
export function visitProvenance(events: readonly VisitEvent[]): Pick<TruckVisit, 'asOf' | 'source'> {
  let newest: VisitEvent | null = null;
  for (const e of events) {
    if (!e.visible) continue;
    if (
      newest === null ||
      e.at.getTime() > newest.at.getTime() ||
      (e.at.getTime() === newest.at.getTime() && e.recordedAt.getTime() > newest.recordedAt.getTime())
    ) {
      newest = e;
    }
  }
  if (newest === null) return { asOf: null, source: null };
  return {
    asOf: newest.at.toISOString(),
    source: { organisation: newest.sourceOrg, inboxId: newest.inboxId, eventId: newest.eventId },
  };
}

/** The view without `stale`, which the reader adds from the request's instant. */
type VisitView = Omit<TruckVisit, 'stale'>;

/**
 * An open visit (no gate-out in the view) is stale when its newest visible gate event (`asOf`) is older than
 * `staleAfterMs` at `now`: a terminal feed that stopped reporting, or a truck that left unreported. A closed visit
 * is final, and one with no stored event to date it by is not judged.
 */
export function visitStale(view: VisitView, now: Date, staleAfterMs: number): boolean {
  return view.gateOutAt === null && view.asOf !== null && now.getTime() - Date.parse(view.asOf) > staleAfterMs;
}

function fromRow(r: VisitRow, events: readonly VisitEvent[]): VisitView {
  return {
    visitId: r.visit_id,
    terminalCode: r.terminal_code,
    unLocationCode: r.un_location_code,
    truckingCompany: r.trucking_company,
    truckPlate: r.truck_plate,
    gateInAt: iso(r.gate_in_at),
    gateOutAt: iso(r.gate_out_at),
    turnTimeMinutes: r.turn_time_minutes,
    appointmentId: r.appointment_id,
    appointmentIds: [...r.appointment_ids],
    appointmentStatus: r.appointment_status,
    slotStart: iso(r.slot_start),
    slotEnd: iso(r.slot_end),
    transactions: transactionsOf(r, () => true),
    partialView: false,
    ...visitProvenance(events),
  };
}

/** The visit as told by the visible events only. */
function fromVisibleEvents(r: VisitRow, events: readonly VisitEvent[]): VisitView {
  const visible = events.filter((e) => e.visible);
  const keys = new Set(visible.map((e) => e.key));
  const gates = visible.filter((e) => e.code === 'ARRI' || e.code === 'DEPA');
  const times = (code: string) =>
    gates
      .filter((e) => e.code === code)
      .map((e) => e.at.toISOString())
      .sort();
  const gateIn = times('ARRI')[0] ?? null;
  const gateOut = times('DEPA').at(-1) ?? null;
  const latest = (pick: (e: VisitEvent) => string | null) =>
    gates
      .map(pick)
      .filter((v): v is string => v !== null)
      .sort()
      .at(-1) ?? null;
  // A transaction's rank is `<createdAt ISO>|<idempotency key of its event>`.
  const transactions = transactionsOf(r, (t) => keys.has(t.rank.slice(t.rank.indexOf('|') + 1)));
  const appointmentIds = [
    ...new Set(transactions.map((t) => t.appointmentId).filter((a): a is string => a !== null)),
  ].sort();
  return {
    visitId: r.visit_id,
    terminalCode: r.terminal_code,
    unLocationCode: r.un_location_code,
    truckingCompany: latest((e) => e.truckingCompany),
    truckPlate: latest((e) => e.truckPlate),
    gateInAt: gateIn,
    gateOutAt: gateOut,
    turnTimeMinutes: turnMinutes(gateIn, gateOut),
    appointmentId: appointmentIds[0] ?? null,
    appointmentIds,
    appointmentStatus: null,
    slotStart: null,
    slotEnd: null,
    transactions,
    partialView: true,
    ...visitProvenance(events),
  };
}

export class TruckVisitReader {
  /** `staleAfterMs`: the terminal-feed age (`OPENPCS_FEED_STALE_MINUTES`) past which an open visit is `stale`. */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly staleAfterMs: number,
  ) {}

  /**
   * One page of the visits the caller may see. A partial view that names another trucker than the filter is
   * dropped after the query, so the reader reads on until the page is full or the table ends: `more` never ends
   * a listing early.
   */
  async list(
    filter: TruckVisitFilter,
    scope: AccessScope,
    now: Date = new Date(),
  ): Promise<{ visits: TruckVisit[]; more: boolean }> {
    const page = await filteredPage({
      limit: filter.limit,
      after: filter.after,
      fetch: (after) => this.listRows({ ...filter, after }, scope),
      view: async (rows) =>
        (await this.viewsOf(rows, filter, scope)).map((v) =>
          v === undefined ? undefined : { ...v, stale: visitStale(v, now, this.staleAfterMs) },
        ),
      keyOf: (row) => row.visit_key,
    });
    return { visits: page.items, more: page.more };
  }

  private listRows(filter: TruckVisitFilter, scope: AccessScope) {
    let query = this.db.selectFrom('truck_visit').selectAll();
    if (!scope.all) {
      query = query.where(
        sql<boolean>`exists (select 1 from event where event.event_type_code in (${sql.join(VISIT_EVENT_CODES)})
          and event.payload->>'visitId' = truck_visit.visit_id and upper(event.facility_code) = truck_visit.terminal_code
          and ${visibleTo(scope, 'event')})`,
      );
    }
    if (filter.terminal) query = query.where('terminal_code', '=', filter.terminal);
    if (filter.visitId) query = query.where('visit_id', '=', filter.visitId);
    if (filter.truckingCompany) query = query.where('trucking_company', '=', filter.truckingCompany);
    const start = sql<Date>`coalesce(truck_visit.gate_in_at, truck_visit.gate_out_at)`;
    if (filter.from) query = query.where(sql<boolean>`${start} >= ${filter.from}`);
    if (filter.to) query = query.where(sql<boolean>`${start} < ${filter.to}`);
    if (filter.after) query = query.where('visit_key', '>', filter.after);
    return query
      .orderBy('visit_key')
      .limit(filter.limit + 1)
      .execute();
  }

  /** What the caller sees of each row (aligned with `rows`), or `undefined` where that view fails the filter. */
  private async viewsOf(
    rows: readonly VisitRow[],
    filter: TruckVisitFilter,
    scope: AccessScope,
  ): Promise<(VisitView | undefined)[]> {
    const events = await this.eventsOf(rows, scope);
    return rows.map((r) => {
      const own = events.get(r.visit_key) ?? [];
      if (scope.all) return fromRow(r, own);
      const view = own.every((e) => e.visible) ? fromRow(r, own) : fromVisibleEvents(r, own);
      // The trucker filter holds for what is shown (a partial view may name no or another trucker).
      return !filter.truckingCompany || view.truckingCompany === filter.truckingCompany ? view : undefined;
    });
  }

  /** The contributing events of the visits, each with whether the caller may see it. */
  private async eventsOf(rows: readonly VisitRow[], scope: AccessScope): Promise<Map<string, VisitEvent[]>> {
    const out = new Map<string, VisitEvent[]>(rows.map((r) => [r.visit_key, []]));
    if (rows.length === 0) return out;
    const found = await this.db
      .selectFrom('event')
      .select([
        sql<string>`upper(event.facility_code) || ':' || (event.payload->>'visitId')`.as('visit_key'),
        'event.event_type_code',
        'event.event_date_time',
        'event.idempotency_key',
        'event.event_id',
        'event.source_org',
        'event.inbox_id',
        'event.recorded_at',
        sql<string | null>`event.payload->>'truckingCompany'`.as('trucking_company'),
        sql<string | null>`event.payload->>'truckPlate'`.as('truck_plate'),
      ])
      .select(visibleTo(scope, 'event').as('visible'))
      .where('event.event_type_code', 'in', VISIT_EVENT_CODES)
      .where(sql<string>`event.payload->>'visitId'`, 'in', [...new Set(rows.map((r) => r.visit_id))])
      .execute();
    for (const e of found) {
      out.get(e.visit_key)?.push({
        visitKey: e.visit_key,
        code: e.event_type_code,
        at: new Date(e.event_date_time),
        key: e.idempotency_key,
        eventId: e.event_id,
        sourceOrg: e.source_org,
        inboxId: e.inbox_id === null ? null : String(e.inbox_id),
        recordedAt: new Date(e.recorded_at),
        truckingCompany: e.trucking_company,
        truckPlate: e.truck_plate,
        visible: e.visible,
      });
    }
    return out;
  }
}
