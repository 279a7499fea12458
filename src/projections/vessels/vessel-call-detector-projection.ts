/**
 * Runs the vessel-call detector (`../vessel-calls/vessel-call-detector.ts`) over every vessel's AIS
 * positions and appends the ARRI/DEPA transport events it detects to the event store, in the same
 * transaction as its checkpoint. Detected arrivals and departures are facts other parts of the product
 * (and subscribers) want, so they are events, not only a table: source `vessel-call-detector`, no inbox
 * message, ownership and visibility of the position that confirmed them.
 *
 * The detector's state per vessel is kept as JSON in `vessel_call_detector_state`. Events are folded in
 * `seq` order (a position older than the vessel's last one is ignored by the detector), so a rebuild from
 * zero detects the same events with the same idempotency keys, and the store skips them as duplicates.
 * Static reports (`STAT`) update the state's static data (name, IMO, draught for the events).
 *
 * Most of a national or satellite feed is far from the port: a position outside the bounding box of every
 * zone, of a vessel the detector holds nothing open for, cannot change anything but the state's clock, so
 * it is skipped without writing state (a decision made from the event sequence alone, so a
 * rebuild makes the same one).
 */
import type { Transaction } from 'kysely';
import type { EventProvenance, NewCanonicalEvent, StoredEvent } from '../../domain/canonical-event.js';
import {
  VESSEL_POSITION,
  VESSEL_STATIC,
  type VesselPositionPayload,
  type VesselStaticPayload,
} from '../../domain/vessel-observation.js';
import type { Geography } from '../../geo/geography.js';
import { appendEvents } from '../../store/event-store.js';
import type { DB } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import { audienceKey } from './audience.js';
import { initialVesselCallState, step, type VesselCallState } from '../vessel-calls/vessel-call-detector.js';

export const VESSEL_CALL_DETECTOR_SOURCE = 'vessel-call-detector';

/** [minLon, minLat, maxLon, maxLat] around every zone of the geography. */
function outerBox(geography: Geography): readonly [number, number, number, number] {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { bbox } of geography.zones) {
    minLon = Math.min(minLon, bbox[0]);
    minLat = Math.min(minLat, bbox[1]);
    maxLon = Math.max(maxLon, bbox[2]);
    maxLat = Math.max(maxLat, bbox[3]);
  }
  return [minLon, minLat, maxLon, maxLat];
}

/**
 * The detector state as stored: the static report (name, IMO, draught) is kept with the audience
 * (visibility and owners) of the event that brought it, and lent only to positions of the same audience,
 * so a call detected from one organisation's positions never carries another's private static data.
 */
type StoredState = VesselCallState & { readonly staticAudience?: string | undefined };

const audienceOf = (e: StoredEvent): string => audienceKey(e.visibility, e.ownerOrgs);

const idle = (state: VesselCallState): boolean =>
  Object.values(state.categories).every((c) => c.at === null && c.pending === null);

export function vesselCallDetectorProjection(geography: Geography): Projection {
  const [minLon, minLat, maxLon, maxLat] = outerBox(geography);
  const farAway = (e: StoredEvent): boolean => {
    const p = e.payload as unknown as VesselPositionPayload;
    return p.lon < minLon || p.lon > maxLon || p.lat < minLat || p.lat > maxLat;
  };
  return {
    name: 'vessel-call-detector',
    version: 2,
    tables: ['vessel_call_detector_state'],
    filter: { eventType: 'VESSEL' },
    async apply(trx: Transaction<DB>, page: readonly StoredEvent[]): Promise<void> {
      const mmsis = [...new Set(page.map((e) => e.references?.vesselMMSI).filter((m): m is string => !!m))];
      if (mmsis.length === 0) return;
      const stored = await trx
        .selectFrom('vessel_call_detector_state')
        .select(['mmsi', 'state'])
        .where('mmsi', 'in', mmsis)
        .execute();
      const states = new Map<string, StoredState>(stored.map((r) => [r.mmsi, r.state as unknown as StoredState]));
      const touched = new Set<string>();
      const detected = new Map<string, { provenance: EventProvenance; events: NewCanonicalEvent[] }>();
      for (const event of page) {
        const mmsi = event.references?.vesselMMSI;
        if (!mmsi) continue;
        const state: StoredState = states.get(mmsi) ?? initialVesselCallState;
        if (event.eventTypeCode === VESSEL_STATIC) {
          const staticData = event.payload as unknown as VesselStaticPayload;
          states.set(mmsi, { ...state, static: staticData, staticAudience: audienceOf(event) });
          touched.add(mmsi);
        } else if (event.eventTypeCode === VESSEL_POSITION) {
          if (idle(state) && farAway(event)) continue;
          const position = event.payload as unknown as VesselPositionPayload;
          const lend = state.static !== null && state.staticAudience === audienceOf(event);
          const result = step(geography, lend ? state : { ...state, static: null }, {
            eventDateTime: event.eventDateTime,
            position,
          });
          states.set(mmsi, { ...result.state, static: state.static, staticAudience: state.staticAudience });
          touched.add(mmsi);
          if (result.events.length === 0) continue;
          const provenance: EventProvenance = {
            source: VESSEL_CALL_DETECTOR_SOURCE,
            inboxId: null,
            sourceOrg: event.sourceOrg,
            ownerOrgs: event.ownerOrgs,
            visibility: event.visibility,
          };
          const group = JSON.stringify([provenance.sourceOrg, provenance.ownerOrgs, provenance.visibility]);
          const bucket = detected.get(group) ?? { provenance, events: [] };
          bucket.events.push(...result.events);
          detected.set(group, bucket);
        }
      }
      // Appended in this transaction (not published on the bus: the runner catches `vessel-calls` up next).
      for (const { provenance, events } of detected.values()) await appendEvents(trx, events, provenance);
      if (touched.size === 0) return;
      await trx
        .insertInto('vessel_call_detector_state')
        .values(
          [...touched].map((mmsi) => ({
            mmsi,
            state: JSON.stringify(states.get(mmsi)),
          })),
        )
        .onConflict((oc) => oc.column('mmsi').doUpdateSet((eb) => ({ state: eb.ref('excluded.state') })))
        .execute();
    },
  };
}
