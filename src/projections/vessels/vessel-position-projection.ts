/**
 * Latest position per vessel and its track (`VESSEL`/`POSN` events from any AIS source). The track keeps
 * at most one point per vessel per UTC minute — the first stored, as the event store itself does with its
 * `ais-pos:<mmsi>:<minute>` keys — so it grows with the number of vessels and minutes, never with the raw
 * message rate. The latest position is the newest by `eventDateTime` (ties: the later event), so late
 * or replayed reports never move a vessel back in time.
 *
 * Rows are kept per audience (visibility and owners, `audience.ts`): two organisations reporting the same
 * vessel (even the same position: idempotency is per sender) each keep their own latest position and
 * track, so neither's report replaces or hides the other's; readers show one row per vessel.
 */
import { sql, type Selectable, type Transaction } from 'kysely';
import type { StoredEvent, StoredEventOf } from '../../domain/canonical-event.js';
import { VESSEL_POSITION } from '../../domain/vessel-observation.js';
import type { DB, VesselPositionTable, VesselTrackTable } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import { fromExcluded } from '../upsert-excluded.js';
import { audienceKey } from './audience.js';

/** One reported position as the track stores it, less the minute it files under. */
type Point = Omit<Selectable<VesselTrackTable>, 'minute'>;

/** Rows per INSERT statement (12 parameters each, well under the 65 535 parameter limit). */
const CHUNK = 2000;

function pointOf(event: StoredEventOf<typeof VESSEL_POSITION>): Point | null {
  const p = event.payload;
  if (typeof p.mmsi !== 'string' || typeof p.lat !== 'number' || typeof p.lon !== 'number') return null;
  return {
    mmsi: p.mmsi,
    audience: audienceKey(event.visibility, event.ownerOrgs),
    observed_at: new Date(event.eventDateTime),
    lat: p.lat,
    lon: p.lon,
    sog_kn: p.sogKn ?? null,
    cog_deg: p.cogDeg ?? null,
    heading_deg: p.headingDeg ?? null,
    nav_status: p.navStatus ?? null,
    visibility: event.visibility,
    owner_orgs: [...event.ownerOrgs],
  };
}

const minuteOf = (d: Date): Date => new Date(Math.floor(d.getTime() / 60_000) * 60_000);

export const vesselPositionProjection: Projection = {
  name: 'vessel-positions',
  version: 2,
  tables: ['vessel_position', 'vessel_track'],
  sources: [VESSEL_POSITION],
  copiesVisibility: true,
  filter: { eventType: 'VESSEL', eventTypeCode: VESSEL_POSITION },
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    const track = new Map<string, Selectable<VesselTrackTable>>();
    const latest = new Map<string, Selectable<VesselPositionTable>>();
    for (const event of events) {
      if (event.eventTypeCode !== VESSEL_POSITION) continue;
      const point = pointOf(event);
      if (!point) continue;
      const minute = minuteOf(point.observed_at);
      const vessel = JSON.stringify([point.mmsi, point.audience]);
      const key = `${vessel}:${minute.getTime()}`;
      if (!track.has(key)) track.set(key, { ...point, minute });
      const best = latest.get(vessel);
      if (!best || point.observed_at >= best.observed_at) latest.set(vessel, { ...point, event_seq: event.seq });
    }
    const points = [...track.values()];
    for (let i = 0; i < points.length; i += CHUNK) {
      await trx
        .insertInto('vessel_track')
        .values(points.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['mmsi', 'minute', 'audience']).doNothing())
        .execute();
    }
    const newest = [...latest.values()];
    for (let i = 0; i < newest.length; i += CHUNK) {
      await trx
        .insertInto('vessel_position')
        .values(newest.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc
            .columns(['mmsi', 'audience'])
            .doUpdateSet(
              fromExcluded('vessel_position', [
                'observed_at',
                'lat',
                'lon',
                'sog_kn',
                'cog_deg',
                'heading_deg',
                'nav_status',
                'event_seq',
                'visibility',
                'owner_orgs',
              ]),
            )
            .where(sql<boolean>`excluded.observed_at >= vessel_position.observed_at`),
        )
        .execute();
    }
  },
};
