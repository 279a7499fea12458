/**
 * Container status read model. Each page of events is folded in memory: new facts are stored per
 * container (`container_fact`) or per link (`container_link_fact`: B/L holds, vessel departures); then every
 * touched container's state is recomputed from ALL its facts by the pure reducer (`container-state.ts`) and
 * written back with a handful of set-based statements per page (not per event). Because the state is a
 * function of the fact set, arrival order and duplicates do not matter, and a rebuild gives the same rows.
 */
import { sql, type Transaction } from 'kysely';
import type { StoredEvent } from '../../domain/canonical-event.js';
import { DEFAULT_FREE_TIME_RULES } from '../../domain/free-time/default-free-time-rules.js';
import type { FreeTimeRule } from '../../domain/free-time/free-time-rule.js';
import type { DB } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import type { ContainerFact } from './container-fact.js';
import { containerFactsOf } from './container-fact-from-event.js';
import { linksOfFact } from './container-links.js';
import { containerState, type ContainerState } from './container-state.js';

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
    holds: JSON.stringify(s.holds),
    holds_open: [...s.holdsOpen],
    available: s.available,
    available_since: instant(s.availableSince),
    last_free_day: s.lastFreeDay,
    demurrage_starts: s.demurrageStarts,
    free_time_source: s.freeTimeSource,
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

const UPDATED_COLUMNS = Object.keys(statusRow(containerState('X', [], []))).filter(
  (c) => c !== 'equipment_reference',
) as (keyof ReturnType<typeof statusRow>)[];

export function containerStatusProjection(rules: readonly FreeTimeRule[] = DEFAULT_FREE_TIME_RULES): Projection {
  return {
    name: 'container-status',
    version: 1,
    tables: [
      'container_fact',
      'container_link',
      'container_link_fact',
      'container_status',
      'container_milestone',
      'rail_move',
    ],
    async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
      const factRows = new Map<string, { equipment_reference: string; fact_key: string; seq: string; fact: string }>();
      const linkRows = new Map<string, { link_key: string; equipment_reference: string }>();
      const linkFactRows = new Map<string, { link_key: string; fact_key: string; seq: string; fact: string }>();
      const touched = new Set<string>();
      for (const event of events) {
        for (const extracted of containerFactsOf(event)) {
          const fact = JSON.stringify(extracted.fact);
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
      for (const rows of chunks([...factRows.values()])) {
        await trx
          .insertInto('container_fact')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const rows of chunks([...linkRows.values()])) {
        await trx
          .insertInto('container_link')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const rows of chunks([...linkFactRows.values()])) {
        await trx
          .insertInto('container_link_fact')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
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
  await trx
    .insertInto('container_status')
    .values(states.map(statusRow))
    .onConflict((oc) =>
      oc
        .column('equipment_reference')
        .doUpdateSet(Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, sql.ref(`excluded.${c}`)]))),
    )
    .execute();

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
  for (const rows of chunks(milestones)) await trx.insertInto('container_milestone').values(rows).execute();
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
