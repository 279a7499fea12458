/** Vessel calls as the API shows them (zod → OpenAPI), from `vessel_call` rows, and their CSV export columns. */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { SHIP_CATEGORIES, shipCategoryOf } from '../../domain/ais-ship-type.js';
import { VESSEL_CALL_STATUSES, type VesselCallStatus } from '../../domain/vessel-calls/vessel-call-status.js';
import type { VesselCallTable } from '../../store/schema.js';
import { terminalCodeOfZone } from '../../domain/terminal-registry.js';
import { loadTerminalRegistry } from '../../geo/load-terminal-registry.js';
import { FeedSourceSchema } from '../cargo/terminal-feed-schema.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export const VesselCallSchema = z.object({
  callId: z.string().describe('<MMSI>:<UTC minute the call started>'),
  vessel: z.object({
    mmsi: z.string(),
    imo: z.string().nullable(),
    name: z.string().nullable(),
    shipType: z
      .number()
      .int()
      .nullable()
      .describe(
        'AIS type of ship and cargo (ITU-R M.1371 message 5), from the newest static data of the vessel you may see; ' +
          'null when you see none',
      ),
    shipCategory: z
      .enum(SHIP_CATEGORIES)
      .describe('category of that type (cargo, tanker, passenger, tug, …); other when unknown or special craft'),
  }),
  port: z.string().nullable().describe('UN/LOCODE'),
  status: z.enum(VESSEL_CALL_STATUSES),
  ata: z.string().nullable().describe('arrival in port limits'),
  ataAnchorage: z.string().nullable(),
  anchorage: z.string().nullable(),
  timeAtAnchorMin: z.number().nullable(),
  terminal: z.string().nullable().describe('terminal or berth zone id'),
  terminalSmdgCode: z
    .string()
    .nullable()
    .describe('SMDG code of the terminal of that zone (GET /terminals); null when the zone holds none or several'),
  atb: z.string().nullable(),
  atd: z.string().nullable().describe('departure from the berth'),
  atdPort: z.string().nullable().describe('departure from port limits'),
  draughtInM: z.number().nullable(),
  draughtOutM: z.number().nullable(),
  asOf: z
    .string()
    .describe(
      'time of the newest detection of this call (arrival, anchoring, berthing, departure), ISO 8601 UTC: the ' +
        'detections of the reports you may see',
    ),
  source: FeedSourceSchema.nullable().describe(
    'the organisation whose AIS report confirmed that newest detection and the detection event (no inbox message: ' +
      'the detector makes it); null only when the detections behind the call are no longer stored',
  ),
});

export type VesselCallView = z.infer<typeof VesselCallSchema>;

/** Who stated the newest detection of a call: `asOf` and `source` (`VesselCallReader`). */
export type CallProvenance = Pick<VesselCallView, 'asOf' | 'source'>;

/**
 * A call row as the API shows it. `shipType`: the AIS ship type of the vessel's newest static data the caller may
 * see (the row itself does not keep it).
 */
export function vesselCallView(
  r: Selectable<VesselCallTable>,
  provenance: CallProvenance,
  shipType: number | null = null,
): VesselCallView {
  return {
    callId: r.call_id,
    vessel: { mmsi: r.mmsi, imo: r.imo, name: r.vessel_name, shipType, shipCategory: shipCategoryOf(shipType) },
    port: r.port,
    status: r.status as VesselCallStatus,
    ata: iso(r.ata),
    ataAnchorage: iso(r.ata_anchorage),
    anchorage: r.anchorage,
    timeAtAnchorMin: r.time_at_anchor_min,
    terminal: r.berth,
    terminalSmdgCode: terminalCodeOfZone(loadTerminalRegistry(), r.berth),
    atb: iso(r.atb),
    atd: iso(r.atd),
    atdPort: iso(r.atd_port),
    draughtInM: r.draught_in_m,
    draughtOutM: r.draught_out_m,
    ...provenance,
  };
}

/** One CSV row per call; the vessel's fields are flattened. */
export const VESSEL_CALL_CSV_COLUMNS = [
  'callId',
  'mmsi',
  'imo',
  'vesselName',
  'shipType',
  'shipCategory',
  'port',
  'status',
  'ata',
  'ataAnchorage',
  'anchorage',
  'timeAtAnchorMin',
  'terminal',
  'terminalSmdgCode',
  'atb',
  'atd',
  'atdPort',
  'draughtInM',
  'draughtOutM',
  'asOf',
  'sourceOrganisation',
  'sourceEventId',
] as const;

export function vesselCallCsvRow(c: VesselCallView): Record<string, unknown> {
  return {
    ...c,
    mmsi: c.vessel.mmsi,
    imo: c.vessel.imo,
    vesselName: c.vessel.name,
    shipType: c.vessel.shipType,
    shipCategory: c.vessel.shipCategory,
    sourceOrganisation: c.source?.organisation ?? null,
    sourceEventId: c.source?.eventId ?? null,
  };
}
