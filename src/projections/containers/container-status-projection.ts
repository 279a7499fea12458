/**
 * Container status read model. Each page of events is folded in memory: new facts are stored per
 * container (`container_fact`) or per link (`container_link_fact`: B/L holds, vessel departures); then every
 * touched container's state is recomputed from ALL its facts by the pure reducer (`container-state.ts`) and
 * written back with a handful of set-based statements per page (not per event). Because the state is a
 * function of the fact set, arrival order and duplicates do not matter, and a rebuild gives the same rows.
 */
import type { Transaction } from 'kysely';
import type { StoredEvent } from '../../domain/canonical-event.js';
import { DEFAULT_FREE_TIME_RULES } from '../../domain/free-time/default-free-time-rules.js';
import type { FreeTimeRule } from '../../domain/free-time/free-time-rule.js';
import { insertJsonRows, type JsonColumn } from '../../store/json-rows.js';
import type { DB } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import type { ContainerFact } from '../../domain/containers/container-fact.js';
import { CONTAINER_FACT_CODES, containerFactsOf } from '../../domain/containers/container-fact-from-event.js';
import { linksOfFact } from '../../domain/containers/container-links.js';
import { containerState, type ContainerState } from '../../domain/containers/container-state.js';

/** Rows per multi-row statement (PostgreSQL allows 65,535 parameters per statement). */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const asFact = (json: unknown): ContainerFact => json as ContainerFact;
const instant = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

function statusRow(s: ContainerState) {
  return {
    equipment_reference: s.equipmentReference,
    iso_equipment_code: s.isoEquipmentCode,
    size_teu: s.sizeTeu,
    direction: s.direction,
    status: s.status,
    holds: s.holds,
    holds_open: [...s.holdsOpen],
    available: s.available,
    available_since: instant(s.availableSince),
    availability_source: s.availabilitySource,
    last_free_day: s.lastFreeDay,
    demurrage_starts: s.demurrageStarts,
    free_time_source: s.freeTimeSource,
    computed_last_free_day: s.computedLastFreeDay,
    last_free_day_source: s.lastFreeDaySource,
    vessel_imo_number: s.vesselIMONumber,
    vessel_name: s.vesselName,
    carrier_voyage_number: s.carrierVoyageNumber,
    un_location_code: s.unLocationCode,
    terminal_code: s.terminalCode,
    load_port: s.loadPort,
    loaded_at: instant(s.loadedAt),
    departed_at: instant(s.departedAt),
    discharged_at: instant(s.dischargedAt),
    empty_picked_up_at: instant(s.emptyPickedUpAt),
    gated_in_at: instant(s.gatedInAt),
    gated_out_at: instant(s.gatedOutAt),
    out_mode: s.outMode,
    empty_returned_at: instant(s.emptyReturnedAt),
    dwell_hours: s.dwellHours,
    carrier_codes: [...s.carrierCodes],
    transport_document_references: [...s.transportDocumentReferences],
    carrier_booking_references: [...s.carrierBookingReferences],
    owner_orgs: [...s.ownerOrgs],
    last_event_seq: s.lastEventSeq,
  };
}

/** `container_status` columns as the JSON rows carry them (see `store/json-rows.ts`). */
const STATUS_TYPES = {
  equipment_reference: 'text',
  iso_equipment_code: 'text',
  size_teu: 'double precision',
  direction: 'text',
  status: 'text',
  holds: 'jsonb',
  holds_open: 'text[]',
  available: 'boolean',
  available_since: 'timestamptz',
  availability_source: 'jsonb',
  last_free_day: 'text',
  demurrage_starts: 'text',
  free_time_source: 'text',
  computed_last_free_day: 'text',
  last_free_day_source: 'jsonb',
  vessel_imo_number: 'text',
  vessel_name: 'text',
  carrier_voyage_number: 'text',
  un_location_code: 'text',
  terminal_code: 'text',
  load_port: 'text',
  loaded_at: 'timestamptz',
  departed_at: 'timestamptz',
  discharged_at: 'timestamptz',
  empty_picked_up_at: 'timestamptz',
  gated_in_at: 'timestamptz',
  gated_out_at: 'timestamptz',
  out_mode: 'text',
  empty_returned_at: 'timestamptz',
  dwell_hours: 'double precision',
  carrier_codes: 'text[]',
  transport_document_references: 'text[]',
  carrier_booking_references: 'text[]',
  owner_orgs: 'text[]',
  last_event_seq: 'bigint',
} satisfies Record<keyof ReturnType<typeof statusRow>, string>;
const STATUS_COLUMNS: readonly JsonColumn[] = Object.entries(STATUS_TYPES).map(([name, type]) => ({ name, type }));

/** `container_fact` (owner `equipment_reference`) and `container_link_fact` (owner `link_key`). */
const FACT_COLUMNS = (owner: 'equipment_reference' | 'link_key'): readonly JsonColumn[] => [
  { name: owner, type: 'text' },
  { name: 'fact_key', type: 'text' },
  { name: 'seq', type: 'bigint' },
  { name: 'fact', type: 'jsonb' },
];
const LINK_COLUMNS: readonly JsonColumn[] = [
  { name: 'link_key', type: 'text' },
  { name: 'equipment_reference', type: 'text' },
];

const MILESTONE_COLUMNS: readonly JsonColumn[] = [
  { name: 'equipment_reference', type: 'text' },
  { name: 'ordinal', type: 'integer' },
  { name: 'code', type: 'text' },
  { name: 'at', type: 'timestamptz' },
  { name: 'un_location_code', type: 'text' },
  { name: 'terminal_code', type: 'text' },
  { name: 'mode', type: 'text' },
  { name: 'empty_indicator', type: 'text' },
  { name: 'vessel_imo_number', type: 'text' },
  { name: 'carrier_voyage_number', type: 'text' },
  { name: 'fact_keys', type: 'text[]' },
];

export function containerStatusProjection(rules: readonly FreeTimeRule[] = DEFAULT_FREE_TIME_RULES): Projection {
  return {
    name: 'container-status',
    // 3: facts carry terminal availability statements (AVLB); the stated last free day wins (migration 0014).
    // 4: availability for pick-up follows holds and the terminal's statements, with its source (migration 0016).
    version: 4,
    tables: [
      'container_fact',
      'container_link',
      'container_link_fact',
      'container_status',
      'container_milestone',
      'rail_move',
    ],
    sources: CONTAINER_FACT_CODES,
    copiesVisibility: false,
    async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
      const factRows = new Map<
        string,
        { equipment_reference: string; fact_key: string; seq: string; fact: ContainerFact }
      >();
      const linkRows = new Map<string, { link_key: string; equipment_reference: string }>();
      const linkFactRows = new Map<string, { link_key: string; fact_key: string; seq: string; fact: ContainerFact }>();
      const touched = new Set<string>();
      for (const event of events) {
        for (const extracted of containerFactsOf(event)) {
          const fact = extracted.fact;
          if (extracted.kind === 'container') {
            const eq = extracted.equipmentReference;
            touched.add(eq);
            factRows.set(`${eq}\n${extracted.fact.key}`, {
              equipment_reference: eq,
              fact_key: extracted.fact.key,
              seq: extracted.fact.seq,
              fact,
            });
            for (const link of linksOfFact(extracted.fact)) {
              linkRows.set(`${link}\n${eq}`, { link_key: link, equipment_reference: eq });
            }
          } else {
            linkFactRows.set(`${extracted.linkKey}\n${extracted.fact.key}`, {
              link_key: extracted.linkKey,
              fact_key: extracted.fact.key,
              seq: extracted.fact.seq,
              fact,
            });
          }
        }
      }
      await insertJsonRows(trx, 'container_fact', FACT_COLUMNS('equipment_reference'), [...factRows.values()], {
        key: ['equipment_reference', 'fact_key'],
        update: 'nothing',
      });
      await insertJsonRows(trx, 'container_link', LINK_COLUMNS, [...linkRows.values()], {
        key: ['link_key', 'equipment_reference'],
        update: 'nothing',
      });
      await insertJsonRows(trx, 'container_link_fact', FACT_COLUMNS('link_key'), [...linkFactRows.values()], {
        key: ['link_key', 'fact_key'],
        update: 'nothing',
      });
      // Containers reached through a link whose facts just arrived (all boxes on a held B/L…).
      const newLinkKeys = [...new Set([...linkFactRows.values()].map((r) => r.link_key))];
      for (const keys of chunks(newLinkKeys)) {
        const linked = await trx
          .selectFrom('container_link')
          .select('equipment_reference')
          .where('link_key', 'in', keys)
          .execute();
        for (const r of linked) touched.add(r.equipment_reference);
      }
      for (const refs of chunks([...touched].sort())) await recompute(trx, refs, rules);
    },
  };
}

async function recompute(trx: Transaction<DB>, refs: readonly string[], rules: readonly FreeTimeRule[]): Promise<void> {
  const facts = new Map<string, ContainerFact[]>(refs.map((r) => [r, []]));
  const ownRows = await trx
    .selectFrom('container_fact')
    .select(['equipment_reference', 'fact'])
    .where('equipment_reference', 'in', refs)
    .execute();
  for (const r of ownRows) facts.get(r.equipment_reference)!.push(asFact(r.fact));
  const linkRows = await trx
    .selectFrom('container_link')
    .innerJoin('container_link_fact', 'container_link_fact.link_key', 'container_link.link_key')
    .select(['container_link.equipment_reference', 'container_link_fact.fact'])
    .where('container_link.equipment_reference', 'in', refs)
    .execute();
  for (const r of linkRows) facts.get(r.equipment_reference)!.push(asFact(r.fact));

  const states = refs.map((ref) => containerState(ref, facts.get(ref)!, rules));
  await insertJsonRows(trx, 'container_status', STATUS_COLUMNS, states.map(statusRow), {
    key: ['equipment_reference'],
    update: 'all',
  });

  await trx.deleteFrom('container_milestone').where('equipment_reference', 'in', refs).execute();
  await trx.deleteFrom('rail_move').where('equipment_reference', 'in', refs).execute();
  const milestones = states.flatMap((s) =>
    s.milestones.map((m, ordinal) => ({
      equipment_reference: s.equipmentReference,
      ordinal,
      code: m.code,
      at: new Date(m.at),
      un_location_code: m.unLocationCode,
      terminal_code: m.terminalCode,
      mode: m.mode,
      empty_indicator: m.empty,
      vessel_imo_number: m.vesselIMONumber,
      carrier_voyage_number: m.carrierVoyageNumber,
      fact_keys: [...m.factKeys],
    })),
  );
  await insertJsonRows(trx, 'container_milestone', MILESTONE_COLUMNS, milestones);
  const rail = states.flatMap((s) =>
    s.milestones
      .filter((m) => m.mode === 'RAIL' && (m.code === 'LOAD' || m.code === 'DISC'))
      .map((m) => ({
        equipment_reference: s.equipmentReference,
        code: m.code,
        at: new Date(m.at),
        un_location_code: m.unLocationCode,
        terminal_code: m.terminalCode,
        location_name: m.locationName,
      })),
  );
  for (const rows of chunks(rail)) {
    await trx
      .insertInto('rail_move')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
