/**
 * Containers as one caller may see them (DESIGN §5). A box is visible when at least one of its OWN facts
 * (`container_fact`, i.e. events naming the box) comes from an event the caller may see under the event
 * rule (`access/visibility-filter.ts`: sees all, public, community for members, or an owner). Facts that
 * reach a box through a link (a hold on its B/L, its vessel's departure) never make it visible on their
 * own: a vessel operator must not see every box on its ship that belongs to other carriers.
 *
 * Once visible, the caller gets the stored `container_status` row only when it may see EVERY fact behind
 * it; otherwise the state is recomputed from the facts it may see with the projection's pure reducer
 * (`containerState`) and marked `partialView`, so no hold, time or reference of another organisation
 * leaks through the derived columns. Ownership is derived by joining facts to `event` on `seq`.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { filteredPage } from './filtered-page.js';
import { DEFAULT_FREE_TIME_RULES } from '../../domain/free-time/default-free-time-rules.js';
import type { FreeTimeRule } from '../../domain/free-time/free-time-rule.js';
import type { LastFreeDaySource } from '../../domain/free-time/stated-last-free-day.js';
import type { ContainerFact } from '../../domain/containers/container-fact.js';
import type { AvailabilitySource } from '../../domain/containers/pickup-availability.js';
import { containerState } from '../../domain/containers/container-state.js';
import { visibleTo } from '../../access/visibility-filter.js';
import type { ContainerStatusTable, DB } from '../../store/schema.js';
import type { ContainerHistoryEntry, ContainerSummary } from './container-schema.js';

type StatusRow = Selectable<ContainerStatusTable>;

interface ScopedFact {
  readonly equipmentReference: string;
  readonly fact: ContainerFact;
  readonly eventId: string;
  readonly eventType: string;
  readonly sourceOrg: string;
  readonly inboxId: string | null;
  readonly visible: boolean;
  readonly via: ContainerHistoryEntry['appliesVia'];
}

/** The state of a box without its provenance (`asOf`, `source`: `provenanceOf`). */
type ContainerState = Omit<ContainerSummary, 'asOf' | 'source'>;

/**
 * The newest of the facts (by event time; the later stored one on a tie) and who stated it: the record's `asOf`
 * and `source`. Only facts the caller may see count.
 */
export function provenanceOf(facts: readonly ScopedFact[]): Pick<ContainerSummary, 'asOf' | 'source'> | null {
  let newest: ScopedFact | null = null;
  for (const f of facts) {
    if (!f.visible) continue;
    const at = Date.parse(f.fact.at);
    const newestAt = newest === null ? Number.NEGATIVE_INFINITY : Date.parse(newest.fact.at);
    if (
      newest === null ||
      at > newestAt ||
      (at === newestAt && Date.parse(f.fact.createdAt) > Date.parse(newest.fact.createdAt))
    ) {
      newest = f;
    }
  }
  if (newest === null) return null;
  return {
    asOf: new Date(newest.fact.at).toISOString(),
    source: { organisation: newest.sourceOrg, inboxId: newest.inboxId, eventId: newest.eventId },
  };
}

/** A fact row read with its event's id, type and visibility to the caller, and how it reaches the box. */
/** The columns of a fact's event that say where it came from (`scopedFact`). */
const FACT_PROVENANCE = ['event.event_id', 'event.event_type', 'event.source_org', 'event.inbox_id'] as const;

function scopedFact(
  r: {
    readonly equipment_reference: string;
    readonly fact: ContainerFact;
    readonly event_id: string;
    readonly event_type: string;
    readonly source_org: string;
    readonly inbox_id: string | null;
    readonly visible: boolean;
  },
  via: ScopedFact['via'],
): ScopedFact {
  return {
    equipmentReference: r.equipment_reference,
    fact: r.fact,
    eventId: r.event_id,
    eventType: r.event_type,
    sourceOrg: r.source_org,
    inboxId: r.inbox_id === null ? null : String(r.inbox_id),
    visible: r.visible,
    via,
  };
}

export interface ContainerListFilter {
  readonly status?: string | undefined;
  readonly terminal?: string | undefined;
  /** Bill of lading number (DCSA `transportDocumentReference`). */
  readonly transportDocumentReference?: string | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** The source as the API shows it (a copy: the schema's arrays are mutable). */
const sourceView = (source: LastFreeDaySource | null): ContainerSummary['lastFreeDaySource'] =>
  source === null ? null : source.kind === 'rule' ? { ...source } : { ...source, holds: [...source.holds] };

const availabilityView = (source: AvailabilitySource | null): ContainerSummary['availabilitySource'] =>
  source === null
    ? null
    : source.kind === 'holds'
      ? { kind: 'holds', holdsOpen: [...source.holdsOpen] }
      : { ...source, holds: [...source.holds] };

function fromRow(r: StatusRow, partialView: boolean): ContainerState {
  return {
    equipmentReference: r.equipment_reference,
    isoEquipmentCode: r.iso_equipment_code,
    sizeTeu: r.size_teu,
    direction: r.direction,
    status: r.status,
    holdsOpen: [...r.holds_open],
    holds: r.holds.map((h) => ({ ...h })),
    available: r.available,
    availableSince: iso(r.available_since),
    availabilitySource: availabilityView(r.availability_source),
    lastFreeDay: r.last_free_day,
    lastFreeDaySource: sourceView(r.last_free_day_source),
    computedLastFreeDay: r.computed_last_free_day,
    demurrageStarts: r.demurrage_starts,
    freeTimeSource: r.free_time_source,
    vessel: { imoNumber: r.vessel_imo_number, name: r.vessel_name },
    carrierVoyageNumber: r.carrier_voyage_number,
    unLocationCode: r.un_location_code,
    terminalCode: r.terminal_code,
    loadPort: r.load_port,
    loadedAt: iso(r.loaded_at),
    departedAt: iso(r.departed_at),
    dischargedAt: iso(r.discharged_at),
    emptyPickedUpAt: iso(r.empty_picked_up_at),
    gatedInAt: iso(r.gated_in_at),
    gatedOutAt: iso(r.gated_out_at),
    outMode: r.out_mode,
    emptyReturnedAt: iso(r.empty_returned_at),
    dwellHours: r.dwell_hours,
    carrierCodes: [...r.carrier_codes],
    transportDocumentReferences: [...r.transport_document_references],
    carrierBookingReferences: [...r.carrier_booking_references],
    partialView,
  };
}

function fromFacts(ref: string, facts: readonly ContainerFact[], rules: readonly FreeTimeRule[]): ContainerState {
  const s = containerState(ref, facts, rules);
  return {
    equipmentReference: ref,
    isoEquipmentCode: s.isoEquipmentCode,
    sizeTeu: s.sizeTeu,
    direction: s.direction,
    status: s.status,
    holdsOpen: [...s.holdsOpen],
    holds: s.holds.map((h) => ({ holdType: h.holdType, placedAt: h.placedAt, releasedAt: h.releasedAt })),
    available: s.available,
    availableSince: s.availableSince,
    availabilitySource: availabilityView(s.availabilitySource),
    lastFreeDay: s.lastFreeDay,
    lastFreeDaySource: sourceView(s.lastFreeDaySource),
    computedLastFreeDay: s.computedLastFreeDay,
    demurrageStarts: s.demurrageStarts,
    freeTimeSource: s.freeTimeSource,
    vessel: { imoNumber: s.vesselIMONumber, name: s.vesselName },
    carrierVoyageNumber: s.carrierVoyageNumber,
    unLocationCode: s.unLocationCode,
    terminalCode: s.terminalCode,
    loadPort: s.loadPort,
    loadedAt: s.loadedAt,
    departedAt: s.departedAt,
    dischargedAt: s.dischargedAt,
    emptyPickedUpAt: s.emptyPickedUpAt,
    gatedInAt: s.gatedInAt,
    gatedOutAt: s.gatedOutAt,
    outMode: s.outMode,
    emptyReturnedAt: s.emptyReturnedAt,
    dwellHours: s.dwellHours,
    carrierCodes: [...s.carrierCodes],
    transportDocumentReferences: [...s.transportDocumentReferences],
    carrierBookingReferences: [...s.carrierBookingReferences],
    partialView: true,
  };
}

function historyEntry(f: ScopedFact): ContainerHistoryEntry {
  return {
    eventId: f.eventId,
    eventType: f.eventType,
    eventTypeCode: f.fact.code,
    eventClassifierCode: f.fact.classifier,
    eventDateTime: f.fact.at,
    eventCreatedDateTime: f.fact.createdAt,
    unLocationCode: f.fact.unLocationCode,
    terminalCode: f.fact.terminalCode,
    modeOfTransport: f.fact.mode,
    emptyIndicatorCode: f.fact.empty,
    holdType: f.fact.holdType,
    vesselIMONumber: f.fact.vesselIMONumber,
    carrierVoyageNumber: f.fact.carrierVoyageNumber,
    transportDocumentReference: f.fact.transportDocumentReference,
    appliesVia: f.via,
    source: f.fact.source,
  };
}

export class ContainerReader {
  constructor(
    private readonly db: Kysely<DB>,
    /** Rules for recomputed (partial) views; the projection's own rules are the defaults as well. */
    private readonly rules: readonly FreeTimeRule[] = DEFAULT_FREE_TIME_RULES,
  ) {}

  /** The box with its history, or null when it does not exist or the caller may not see it. */
  async detail(
    ref: string,
    scope: AccessScope,
  ): Promise<(ContainerSummary & { history: ContainerHistoryEntry[] }) | null> {
    const row = await this.db
      .selectFrom('container_status')
      .selectAll()
      .where('equipment_reference', '=', ref)
      .executeTakeFirst();
    if (!row) return null;
    const facts = (await this.factsOf([ref], scope)).get(ref) ?? [];
    if (!facts.some((f) => f.visible && f.via === 'container')) return null;
    const visible = facts.filter((f) => f.visible);
    const summary =
      visible.length === facts.length
        ? fromRow(row, false)
        : fromFacts(
            ref,
            visible.map((f) => f.fact),
            this.rules,
          );
    const history = visible
      .sort((a, b) => (a.fact.at === b.fact.at ? a.fact.key.localeCompare(b.fact.key) : a.fact.at < b.fact.at ? -1 : 1))
      .map(historyEntry);
    const provenance = provenanceOf(visible);
    if (provenance === null) return null;
    return { ...summary, ...provenance, history };
  }

  /**
   * One page of the boxes the caller may see, by container number. A box whose partial view (what the caller
   * may see of it) fails the status or bill-of-lading filter is dropped after the query, so the reader reads on
   * until the page is full or the table ends: a page is short only at the end, and `more` never ends a listing
   * early (a page whose every row was dropped used to answer `nextCursor: null`).
   */
  async list(
    filter: ContainerListFilter,
    scope: AccessScope,
  ): Promise<{ containers: ContainerSummary[]; more: boolean }> {
    const page = await filteredPage({
      limit: filter.limit,
      after: filter.after,
      fetch: (after) => this.listRows({ ...filter, after }, scope),
      view: (rows) => this.viewsOf(rows, filter, scope),
      keyOf: (row) => row.equipment_reference,
    });
    return { containers: page.items, more: page.more };
  }

  private listRows(filter: ContainerListFilter, scope: AccessScope) {
    let query = this.db.selectFrom('container_status').selectAll();
    if (!scope.all) {
      query = query.where(
        sql<boolean>`exists (select 1 from container_fact cf join event on event.seq = cf.seq
          where cf.equipment_reference = container_status.equipment_reference and ${visibleTo(scope, 'event')})`,
      );
    }
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.terminal) query = query.where('terminal_code', '=', filter.terminal);
    const bl = filter.transportDocumentReference;
    if (bl) query = query.where(sql<boolean>`${bl} = any(container_status.transport_document_references)`);
    if (filter.after) query = query.where('equipment_reference', '>', filter.after);
    return query
      .orderBy('equipment_reference')
      .limit(filter.limit + 1)
      .execute();
  }

  /** What the caller sees of each row (aligned with `rows`), or `undefined` where that view fails the filter. */
  private async viewsOf(
    rows: readonly StatusRow[],
    filter: ContainerListFilter,
    scope: AccessScope,
  ): Promise<(ContainerSummary | undefined)[]> {
    const facts = await this.factsOf(
      rows.map((r) => r.equipment_reference),
      scope,
    );
    const bl = filter.transportDocumentReference;
    return rows.map((r) => {
      const own = facts.get(r.equipment_reference) ?? [];
      const provenance = provenanceOf(own);
      if (provenance === null) return undefined;
      const state = own.every((f) => f.visible)
        ? fromRow(r, false)
        : fromFacts(
            r.equipment_reference,
            own.filter((f) => f.visible).map((f) => f.fact),
            this.rules,
          );
      const view: ContainerSummary = { ...state, ...provenance };
      // A partial view may have another status than the stored row: the filter holds for what is shown.
      // Likewise the bill of lading: a box whose B/L comes from a fact the caller may not see is not on it for them.
      const keep =
        (!filter.status || view.status === filter.status) && (!bl || view.transportDocumentReferences.includes(bl));
      return keep ? view : undefined;
    });
  }

  /** Own and linked facts of the boxes, each with whether the caller may see its event. */
  private async factsOf(refs: readonly string[], scope: AccessScope): Promise<Map<string, ScopedFact[]>> {
    const out = new Map<string, ScopedFact[]>(refs.map((r) => [r, []]));
    if (refs.length === 0) return out;
    const visible = visibleTo(scope, 'event');
    const own = await this.db
      .selectFrom('container_fact')
      .innerJoin('event', 'event.seq', 'container_fact.seq')
      .select(['container_fact.equipment_reference', 'container_fact.fact', ...FACT_PROVENANCE])
      .select(visible.as('visible'))
      .where('container_fact.equipment_reference', 'in', refs)
      .execute();
    for (const r of own) {
      out.get(r.equipment_reference)?.push(scopedFact(r, 'container'));
    }
    const linked = await this.db
      .selectFrom('container_link')
      .innerJoin('container_link_fact', 'container_link_fact.link_key', 'container_link.link_key')
      .innerJoin('event', 'event.seq', 'container_link_fact.seq')
      .select([
        'container_link.equipment_reference',
        'container_link.link_key',
        'container_link_fact.fact',
        ...FACT_PROVENANCE,
      ])
      .select(visible.as('visible'))
      .where('container_link.equipment_reference', 'in', refs)
      .execute();
    for (const r of linked) {
      out
        .get(r.equipment_reference)
        ?.push(scopedFact(r, r.link_key.startsWith('bl:') ? 'bill_of_lading' : 'vessel_departure'));
    }
    return out;
  }
}
