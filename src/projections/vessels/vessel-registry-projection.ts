/**
 * Vessel registry from AIS static data (`VESSEL`/`STAT` events, any AIS source): one row per MMSI with
 * IMO number, name, call sign, ship type, dimensions and the last reported draught, plus the history of
 * which MMSI each IMO number was seen with (an MMSI can change with flag or owner, the IMO number does not).
 *
 * Merge rule: a static report at least as new as the row (by `eventDateTime`) overwrites the fields it
 * carries (a null field, e.g. a type 24 part A without dimensions, keeps the stored value); an older
 * report only fills fields still empty. Events are folded in `seq` order, so a rebuild gives the same rows.
 * Reports merge only within one audience (same visibility and owners, `audience.ts`): each audience keeps
 * its own row of the vessel (migration 0010), so one organisation's private IMO or call sign never reaches
 * another, and a report for another audience neither replaces nor hides it. Readers show one row per
 * vessel: the newest visible one.
 *
 * Broadcast ETA (type 5, migration 0023): a report that carries the ETA field and is at least as new as the
 * row's ETA states it (`own_eta`, its year resolved by domain/reported-eta.ts from the report time, and
 * `own_eta_reported_at`); "not available" there clears it, since the master withdrew it. Reports without the
 * field (types 19 and 24, CSV, events stored before 0023) keep it.
 */
import { sql, type Selectable, type Transaction } from 'kysely';
import type { StoredEvent, StoredEventOf } from '../../domain/canonical-event.js';
import { resolveReportedEta } from '../../domain/reported-eta.js';
import { VESSEL_STATIC, type VesselStaticPayload } from '../../domain/vessel-observation.js';
import type { DB, VesselTable } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import { fromExcluded } from '../upsert-excluded.js';
import { audienceKey } from './audience.js';

type Row = Selectable<VesselTable>;

/**
 * One field merged: the report's value where it has one and is newer (or the row has none), else the row's.
 * A stored report may lack a field altogether (written before the field existed): that is no value.
 */
const merged = <T>(stored: T | null, reported: T | null | undefined, newer: boolean): T | null =>
  reported !== null && reported !== undefined && (newer || stored === null) ? reported : stored;

function merge(previous: Row | undefined, event: StoredEvent, payload: VesselStaticPayload, audience: string): Row {
  const at = new Date(event.eventDateTime);
  const newer = !previous || at >= previous.static_at;
  const next: Row = previous
    ? { ...previous }
    : {
        mmsi: payload.mmsi,
        audience,
        imo: null,
        name: null,
        call_sign: null,
        ship_type: null,
        length_m: null,
        beam_m: null,
        draught_m: null,
        destination: null,
        own_eta: null,
        own_eta_reported_at: null,
        static_at: at,
        last_event_seq: event.seq,
        visibility: event.visibility,
        owner_orgs: [...event.ownerOrgs],
      };
  next.imo = merged(next.imo, payload.imo, newer);
  next.name = merged(next.name, payload.name, newer);
  next.call_sign = merged(next.call_sign, payload.callSign, newer);
  next.ship_type = merged(next.ship_type, payload.shipType, newer);
  next.length_m = merged(next.length_m, payload.lengthM, newer);
  next.beam_m = merged(next.beam_m, payload.beamM, newer);
  next.draught_m = merged(next.draught_m, payload.draughtM, newer);
  next.destination = merged(next.destination, payload.destination, newer);
  const etaNewer = next.own_eta_reported_at === null || at >= next.own_eta_reported_at;
  if (payload.eta !== undefined && (etaNewer || next.own_eta === null)) {
    const eta = payload.eta === null ? null : resolveReportedEta(payload.eta, at.getTime());
    if (eta !== null) {
      next.own_eta = new Date(eta);
      next.own_eta_reported_at = at;
    } else if (etaNewer) {
      next.own_eta = null;
      next.own_eta_reported_at = at;
    }
  }
  if (newer) next.static_at = at;
  next.last_event_seq = event.seq;
  return next;
}

export const vesselRegistryProjection: Projection = {
  name: 'vessel-registry',
  version: 4,
  tables: ['vessel', 'vessel_identity'],
  sources: [VESSEL_STATIC],
  copiesVisibility: true,
  filter: { eventType: 'VESSEL', eventTypeCode: VESSEL_STATIC },
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    const statics = events
      .filter((e): e is StoredEventOf<typeof VESSEL_STATIC> => e.eventTypeCode === VESSEL_STATIC)
      .map((e) => ({ event: e, payload: e.payload }))
      .filter(({ payload }) => typeof payload.mmsi === 'string');
    if (statics.length === 0) return;
    const mmsis = [...new Set(statics.map((s) => s.payload.mmsi))];
    const stored = await trx.selectFrom('vessel').selectAll().where('mmsi', 'in', mmsis).execute();
    const rowKey = (mmsi: string, audience: string): string => JSON.stringify([mmsi, audience]);
    const rows = new Map<string, Row>(stored.map((r) => [rowKey(r.mmsi, r.audience), r]));
    const identities = new Map<string, { imo: string; mmsi: string; first: Date; last: Date }>();
    for (const { event, payload } of statics) {
      const audience = audienceKey(event.visibility, event.ownerOrgs);
      const key = rowKey(payload.mmsi, audience);
      rows.set(key, merge(rows.get(key), event, payload, audience));
      if (payload.imo) {
        const pair = `${payload.imo}:${payload.mmsi}`;
        const at = new Date(event.eventDateTime);
        const seen = identities.get(pair);
        identities.set(pair, {
          imo: payload.imo,
          mmsi: payload.mmsi,
          first: seen && seen.first < at ? seen.first : at,
          last: seen && seen.last > at ? seen.last : at,
        });
      }
    }
    await trx
      .insertInto('vessel')
      .values([...rows.values()])
      .onConflict((oc) =>
        oc
          .columns(['mmsi', 'audience'])
          .doUpdateSet(
            fromExcluded('vessel', [
              'imo',
              'name',
              'call_sign',
              'ship_type',
              'length_m',
              'beam_m',
              'draught_m',
              'destination',
              'own_eta',
              'own_eta_reported_at',
              'static_at',
              'last_event_seq',
              'visibility',
              'owner_orgs',
            ]),
          ),
      )
      .execute();
    if (identities.size === 0) return;
    await trx
      .insertInto('vessel_identity')
      .values(
        [...identities.values()].map((i) => ({
          imo: i.imo,
          mmsi: i.mmsi,
          first_seen_at: i.first,
          last_seen_at: i.last,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['imo', 'mmsi']).doUpdateSet({
          first_seen_at: sql`least(vessel_identity.first_seen_at, excluded.first_seen_at)`,
          last_seen_at: sql`greatest(vessel_identity.last_seen_at, excluded.last_seen_at)`,
        }),
      )
      .execute();
  },
};
