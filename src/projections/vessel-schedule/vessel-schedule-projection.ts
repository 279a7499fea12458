/**
 * Vessel schedule read model: one row per vessel call (IMO + carrier voyage + port) with the latest
 * estimate of each milestone and the actuals. Estimates replace each other in event order; an actual is
 * kept once known (a later estimate does not overwrite it). Fed by any TRANSPORT ARRI/DEPA event that
 * names a vessel, a voyage and a port (CSV schedules, DCSA transport events, X12 315 VA/VD…).
 *
 * Rows are kept per sender (`source_org`, migration 0029): one organisation's events never change another's row of
 * the same call, so no sender can overwrite a carrier's estimate or pre-empt its call with an actual; readers choose
 * among a call's rows (api/forecasts/stated-schedule.ts: the rows of senders that speak for the call first).
 */
import type { Selectable, Transaction } from 'kysely';
import { payloadFields, type StoredEvent } from '../../domain/canonical-event.js';
import { TRANSPORT_EVENT_CODES } from '../../domain/cargo-event-codes.js';
import type { DB, VesselScheduleTable } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import { fromExcluded } from '../upsert-excluded.js';

type Milestone = 'eta' | 'etb' | 'etd' | 'ata' | 'atb' | 'atd';

/** Which column an event sets: ARRI at the pilot boarding place/port → arrival, at a berth → berthing. */
export function milestoneOf(event: StoredEvent): Milestone | null {
  const actual = event.eventClassifierCode === 'ACT';
  if (event.eventClassifierCode === 'REQ') return null;
  const facility = event.location?.facilityTypeCode;
  if (event.eventTypeCode === 'ARRI') {
    if (facility === 'BRTH') return actual ? 'atb' : 'etb';
    return actual ? 'ata' : 'eta';
  }
  if (event.eventTypeCode === 'DEPA') return actual ? 'atd' : 'etd';
  return null;
}

type CallRow = Selectable<VesselScheduleTable>;

function vesselName(event: StoredEvent): string | null {
  const call = payloadFields(event)['transportCall'] as { vessel?: { vesselName?: unknown } } | undefined;
  return typeof call?.vessel?.vesselName === 'string' ? call.vessel.vesselName : null;
}

export const vesselScheduleProjection: Projection = {
  name: 'vessel-schedule',
  version: 2,
  tables: ['vessel_schedule'],
  sources: TRANSPORT_EVENT_CODES,
  copiesVisibility: false,
  filter: { eventType: 'TRANSPORT' },
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    // Fold the page in memory (events are in seq order), then upsert each touched call once.
    const calls = new Map<string, CallRow>();
    for (const event of events) {
      const imo = event.references?.vesselIMONumber;
      const voyage = event.references?.carrierVoyageNumber;
      const port = event.location?.unLocationCode;
      const milestone = milestoneOf(event);
      if (!imo || !voyage || !port || !milestone) continue;
      const key = `${imo}:${voyage}:${port}`;
      const sender = event.sourceOrg;
      let row = calls.get(`${key}\n${sender}`);
      if (!row) {
        const stored = await trx
          .selectFrom('vessel_schedule')
          .selectAll()
          .where('call_key', '=', key)
          .where('source_org', '=', sender)
          .executeTakeFirst();
        row = stored ?? {
          call_key: key,
          source_org: sender,
          vessel_imo_number: imo,
          vessel_name: null,
          carrier_code: null,
          carrier_voyage_number: voyage,
          un_location_code: port,
          terminal_code: null,
          eta: null,
          etb: null,
          etd: null,
          ata: null,
          atb: null,
          atd: null,
          last_event_seq: event.seq,
          updated_at: new Date(event.recordedAt),
        };
        calls.set(`${key}\n${sender}`, row);
      }
      row[milestone] = new Date(event.eventDateTime);
      row.vessel_name = vesselName(event) ?? row.vessel_name;
      row.carrier_code = event.references?.carrierCode ?? row.carrier_code;
      if (event.location?.facilityTypeCode === 'BRTH' && event.location.facilityCode) {
        row.terminal_code = event.location.facilityCode;
      }
      row.last_event_seq = event.seq;
      row.updated_at = new Date(event.recordedAt);
    }
    for (const row of calls.values()) {
      await trx
        .insertInto('vessel_schedule')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['call_key', 'source_org'])
            .doUpdateSet(
              fromExcluded('vessel_schedule', [
                'vessel_name',
                'carrier_code',
                'terminal_code',
                'eta',
                'etb',
                'etd',
                'ata',
                'atb',
                'atd',
                'last_event_seq',
                'updated_at',
              ]),
            ),
        )
        .execute();
    }
  },
};
