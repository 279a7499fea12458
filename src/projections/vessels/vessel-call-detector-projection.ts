/**
 * Runs the vessel-call detector (`../../domain/vessel-calls/vessel-call-detector.ts`) over every vessel's AIS
 * positions and appends the ARRI/DEPA transport events it detects to the event store, in the same
 * transaction as its checkpoint. Detected arrivals and departures are facts other parts of the product
 * (and subscribers) want, so they are events, not only a table: source `vessel-call-detector`, no inbox
 * message, ownership and visibility of the position that confirmed them.
 *
 * The detector's state is kept as JSON in `vessel_call_detector_state`, one per vessel and audience
 * (visibility and owners, `audience.ts`): each audience's reports are a track of their own, so a call is
 * detected from one audience's positions only and carries only that audience's static data (name, IMO,
 * draught from its `STAT` reports). Two organisations reporting the same vessel each get their detected
 * events; the detected event's key names the vessel, the call and the audience, so it is unique per
 * audience and deterministic: events are folded in `seq` order (a position older than the vessel's last
 * one is ignored by the detector), so a rebuild from zero detects the same events with the same keys and
 * the same sending organisation (that of the confirming position), and the store skips them as duplicates.
 *
 * A detected event is visible to exactly those who may see every position it was derived from
 * (`access/derived-visibility.ts`). Its sources are one audience's positions, so it takes their audience; when the
 * visibility of positions changes, the detector is rebuilt (`projections-fed-by.ts`). Every event it derives (new
 * or again) is listed in `vessel_call_detector_derived`, which the rebuild empties; when the rebuild reaches the head,
 * `settle` narrows to `private` those of its events it did not derive again, in the transaction of that last page
 * (mark and sweep). Meanwhile its events keep their visibility, so a reader never loses sight of an event the rebuild
 * derives again alike (same key: same vessel, call and audience, hence the same visibility); one it had narrowed and
 * derives again is widened back. What it no longer derives becomes `private`, seen only by its owners — who own the
 * positions — so hiding an AIS file hides the calls detected from it from whoever lost sight of it by the time the
 * rebuild ends (before `PATCH` answers). A detected event's own visibility cannot be changed (`PCS_EVENT_DERIVED`):
 * it follows its positions.
 *
 * Most of a national or satellite feed is far from the port: a position outside the bounding box of every
 * zone, of a vessel the detector holds nothing open for, cannot change anything but the state's clock, so
 * it is skipped without writing state (a decision made from the event sequence alone, so a
 * rebuild makes the same one).
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { EventProvenance, NewCanonicalEvent, StoredEvent, StoredEventOf } from '../../domain/canonical-event.js';
import { TRANSPORT_EVENT_CODES } from '../../domain/cargo-event-codes.js';
import { VESSEL_POSITION, VESSEL_STATIC } from '../../domain/vessel-observation.js';
import type { Geography } from '../../geo/geography.js';
import { derivedAudience, narrowestVisibility, VESSEL_CALL_DETECTOR_SOURCE } from '../../access/derived-visibility.js';
import { appendEvents } from '../../store/event-store.js';
import type { DB } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import { audienceKey } from './audience.js';
import { initialVesselCallState, step, type VesselCallState } from '../../domain/vessel-calls/vessel-call-detector.js';

export { VESSEL_CALL_DETECTOR_SOURCE };

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

const audienceOf = (e: StoredEvent): string => audienceKey(e.visibility, e.ownerOrgs);

/** The audience's part of a detected event's key: short, stable, and not the owners' names in clear. */
const audienceTag = (audience: string): string => createHash('sha256').update(audience).digest('hex').slice(0, 16);

const stateKey = (mmsi: string, audience: string): string => JSON.stringify([mmsi, audience]);

const idle = (state: VesselCallState): boolean =>
  Object.values(state.categories).every((c) => c.at === null && c.pending === null);

export function vesselCallDetectorProjection(geography: Geography): Projection {
  const [minLon, minLat, maxLon, maxLat] = outerBox(geography);
  const farAway = (e: StoredEventOf<typeof VESSEL_POSITION>): boolean => {
    const p = e.payload;
    return p.lon < minLon || p.lon > maxLon || p.lat < minLat || p.lat > maxLat;
  };
  return {
    name: 'vessel-call-detector',
    version: 3,
    tables: ['vessel_call_detector_state', 'vessel_call_detector_derived'],
    sources: [VESSEL_POSITION, VESSEL_STATIC],
    // Its state is kept per audience, and its events carry the audience of the position that confirmed them.
    copiesVisibility: true,
    emits: TRANSPORT_EVENT_CODES,
    filter: { eventType: 'VESSEL' },
    async settle(trx: Transaction<DB>): Promise<void> {
      // Not derived again since the rebuild began: nothing vouches for a wider audience (derived-visibility.ts).
      await trx
        .updateTable('event')
        .set({ visibility: narrowestVisibility([]) })
        .where('source', '=', VESSEL_CALL_DETECTOR_SOURCE)
        .where('visibility', '<>', narrowestVisibility([]))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('vessel_call_detector_derived as d')
                .select('d.idempotency_key')
                .whereRef('d.source_org', '=', 'event.source_org')
                .whereRef('d.idempotency_key', '=', 'event.idempotency_key'),
            ),
          ),
        )
        .execute();
    },
    async apply(trx: Transaction<DB>, page: readonly StoredEvent[]): Promise<void> {
      const mmsis = [...new Set(page.map((e) => e.references?.vesselMMSI).filter((m): m is string => !!m))];
      if (mmsis.length === 0) return;
      const stored = await trx
        .selectFrom('vessel_call_detector_state')
        .select(['mmsi', 'audience', 'state'])
        .where('mmsi', 'in', mmsis)
        .execute();
      const states = new Map<string, VesselCallState>(stored.map((r) => [stateKey(r.mmsi, r.audience), r.state]));
      const touched = new Map<string, { mmsi: string; audience: string }>();
      const detected = new Map<string, { provenance: EventProvenance; events: NewCanonicalEvent[] }>();
      for (const event of page) {
        const mmsi = event.references?.vesselMMSI;
        if (!mmsi) continue;
        const audience = audienceOf(event);
        const key = stateKey(mmsi, audience);
        const state = states.get(key) ?? initialVesselCallState;
        if (event.eventTypeCode === VESSEL_STATIC) {
          states.set(key, { ...state, static: event.payload });
          touched.set(key, { mmsi, audience });
        } else if (event.eventTypeCode === VESSEL_POSITION) {
          if (idle(state) && farAway(event)) continue;
          const position = event.payload;
          const result = step(geography, state, { eventDateTime: event.eventDateTime, position });
          states.set(key, result.state);
          touched.set(key, { mmsi, audience });
          if (result.events.length === 0) continue;
          // Every position of this state is of the confirming position's audience: so is the detection.
          const provenance: EventProvenance = {
            source: VESSEL_CALL_DETECTOR_SOURCE,
            inboxId: null,
            sourceOrg: event.sourceOrg,
            ...derivedAudience([event]),
          };
          const group = JSON.stringify([provenance.sourceOrg, provenance.ownerOrgs, provenance.visibility]);
          const bucket = detected.get(group) ?? { provenance, events: [] };
          const tag = audienceTag(audience);
          for (const e of result.events) bucket.events.push({ ...e, idempotencyKey: `${e.idempotencyKey}:${tag}` });
          detected.set(group, bucket);
        }
      }
      // Appended in this transaction (not published on the bus: the runner catches `vessel-calls` up next).
      for (const { provenance, events } of detected.values()) {
        const { duplicates } = await appendEvents(trx, events, provenance);
        // Marked as derived (since the last rebuild began): `settle` leaves it as it is.
        await trx
          .insertInto('vessel_call_detector_derived')
          .values(events.map((e) => ({ source_org: provenance.sourceOrg, idempotency_key: e.idempotencyKey })))
          .onConflict((oc) => oc.columns(['source_org', 'idempotency_key']).doNothing())
          .execute();
        // Derived again (a rebuild): it is visible again to its audience, which sees every source.
        if (duplicates === 0) continue;
        await trx
          .updateTable('event')
          .set({ visibility: provenance.visibility })
          .where('source_org', '=', provenance.sourceOrg)
          .where(
            'idempotency_key',
            'in',
            events.map((e) => e.idempotencyKey),
          )
          .where('source', '=', VESSEL_CALL_DETECTOR_SOURCE)
          .where('visibility', '<>', provenance.visibility)
          .execute();
      }
      if (touched.size === 0) return;
      await trx
        .insertInto('vessel_call_detector_state')
        .values(
          [...touched].map(([key, { mmsi, audience }]) => ({
            mmsi,
            audience,
            state: JSON.stringify(states.get(key)),
          })),
        )
        .onConflict((oc) => oc.columns(['mmsi', 'audience']).doUpdateSet((eb) => ({ state: eb.ref('excluded.state') })))
        .execute();
    },
  };
}
