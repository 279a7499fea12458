/**
 * Vessel-call read model: the calls `buildVesselCalls` makes of each vessel's detected ARRI/DEPA events
 * (source `vessel-call-detector`). For every vessel named in a page, the vessel's detected events are read
 * again (partial index `event_vessel_call_mmsi`) and its calls replaced, so the table always equals
 * `buildVesselCalls` over the store — and a rebuild from zero gives the same rows. Calls are built per
 * audience (visibility and owners, `audience.ts`) from that audience's detected events only, so two
 * organisations reporting the same vessel each keep their calls and neither's events bend the other's;
 * ownership columns are those of the audience's latest detected event. Within an audience one detection
 * (code, zone, instant) counts once, whatever its key (keys gained the audience with migration 0010).
 */
import type { Transaction } from 'kysely';
import type { StoredEvent } from '../../domain/canonical-event.js';
import { TRANSPORT_EVENT_CODES } from '../../domain/cargo-event-codes.js';
import { audienceKey } from './audience.js';
import { rowToEvent } from '../../store/event-row.js';
import type { DB } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import { buildVesselCalls } from '../../domain/vessel-calls/build-vessel-calls.js';
import { vesselCallStatus } from '../../domain/vessel-calls/vessel-call-status.js';
import { VESSEL_CALL_DETECTOR_SOURCE } from './vessel-call-detector-projection.js';

const dateOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

export const vesselCallProjection: Projection = {
  name: 'vessel-calls',
  version: 2,
  tables: ['vessel_call'],
  // The detector's arrivals and departures (`filter`: its source only).
  sources: TRANSPORT_EVENT_CODES,
  copiesVisibility: true,
  filter: { eventType: 'TRANSPORT', source: VESSEL_CALL_DETECTOR_SOURCE },
  async apply(trx: Transaction<DB>, page: readonly StoredEvent[]): Promise<void> {
    const mmsis = [...new Set(page.map((e) => e.references?.vesselMMSI).filter((m): m is string => !!m))];
    for (const mmsi of mmsis) {
      const rows = await trx
        .selectFrom('event')
        .selectAll()
        .where('source', '=', VESSEL_CALL_DETECTOR_SOURCE)
        .where('vessel_mmsi', '=', mmsi)
        .orderBy('seq')
        .execute();
      const audiences = new Map<string, Map<string, StoredEvent>>();
      for (const event of rows.map(rowToEvent)) {
        const audience = audienceKey(event.visibility, event.ownerOrgs);
        const detections = audiences.get(audience) ?? new Map<string, StoredEvent>();
        const detection = `${event.eventTypeCode}|${event.location?.facilityCode ?? ''}|${event.eventDateTime}`;
        if (!detections.has(detection)) detections.set(detection, event);
        audiences.set(audience, detections);
      }
      await trx.deleteFrom('vessel_call').where('mmsi', '=', mmsi).execute();
      for (const [audience, detections] of audiences) {
        const events = [...detections.values()];
        const last = events.at(-1);
        const calls = buildVesselCalls(events);
        if (!last || calls.length === 0) continue;
        await trx
          .insertInto('vessel_call')
          .values(
            calls.map((c) => ({
              call_id: c.callId,
              audience,
              mmsi: c.vessel.mmsi,
              imo: c.vessel.imo,
              vessel_name: c.vessel.name,
              port: c.port,
              status: vesselCallStatus(c),
              ata: dateOrNull(c.ata),
              ata_anchorage: dateOrNull(c.ataAnchorage),
              anchorage: c.anchorage,
              time_at_anchor_min: c.timeAtAnchorMin,
              berth: c.berth,
              atb: dateOrNull(c.atb),
              atd: dateOrNull(c.atd),
              atd_port: dateOrNull(c.atdPort),
              draught_in_m: c.draughtInM,
              draught_out_m: c.draughtOutM,
              visibility: last.visibility,
              owner_orgs: [...last.ownerOrgs],
            })),
          )
          .execute();
      }
    }
  },
};
