/** Vessels as the API shows them (zod → OpenAPI): one vessel with its MMSI history and latest position, and who is where at an instant. */
import { z } from 'zod';
import { FeedSourceSchema } from '../cargo/terminal-feed-schema.js';
import { SHIP_CATEGORIES } from '../../domain/ais-ship-type.js';
import { VESSEL_ACTIVITIES } from '../../domain/vessel-calls/vessel-status-at.js';

/** Who a vessel is, from the registry (AIS static data): both answers start with it. */
const VESSEL_IDENTITY = {
  mmsi: z.string(),
  imo: z.string().nullable(),
  name: z.string().nullable(),
  callSign: z.string().nullable(),
  shipType: z.number().nullable(),
  lengthM: z.number().nullable(),
};

export const ZoneSchema = z.object({ id: z.string(), kind: z.string(), name: z.string(), port: z.string().nullable() });
export const VesselAtSchema = z
  .object({
    ...VESSEL_IDENTITY,
    shipCategory: z.enum(SHIP_CATEGORIES).describe('from the AIS ship type (ITU-R M.1371-5 table 53)'),
    status: z
      .enum(VESSEL_ACTIVITIES)
      .describe('anchored_outside: a ship of 60 m or more stopped for a while outside every anchorage and berth'),
    zone: ZoneSchema.nullable(),
    since: z.string().describe('first report of the unbroken run in this status and zone (24 h look-back)'),
    observedAt: z.string(),
    lat: z.number(),
    lon: z.number(),
    sogKn: z.number().nullable(),
    navStatus: z.number().nullable(),
    asOf: z
      .string()
      .describe(
        'time of the newest report behind this item that you may see: the position, or the static report when newer',
      ),
    stale: z.boolean().describe('that report is older than the configured age (OPENPCS_VESSEL_STALE_MINUTES) at `at`'),
    source: FeedSourceSchema.nullable().describe(
      'who stated that report, in which message; null only when its event is no longer stored',
    ),
  })
  .meta({
    examples: [
      {
        mmsi: '477776200',
        imo: '9516428',
        name: 'COSCO SPAIN',
        callSign: 'VRHR7',
        shipType: 71,
        lengthM: 366,
        shipCategory: 'cargo',
        status: 'at_berth',
        zone: { id: 'polb-lbct', kind: 'terminal', name: 'Long Beach Container Terminal', port: 'USLGB' },
        since: '2022-01-03T00:09:12.000Z',
        observedAt: '2022-01-03T06:41:05.000Z',
        lat: 33.7585,
        lon: -118.2139,
        sogKn: 0,
        navStatus: 5,
        asOf: '2022-01-03T06:41:05.000Z',
        stale: false,
        source: { organisation: 'marine-exchange', inboxId: '1042', eventId: '5f2a7a1e-0000-4000-8000-000000000001' },
      },
    ],
  });
export const PositionSchema = z.object({
  observedAt: z.string(),
  lat: z.number(),
  lon: z.number(),
  sogKn: z.number().nullable(),
  cogDeg: z.number().nullable(),
  headingDeg: z.number().nullable(),
  navStatus: z.number().nullable(),
});
export const VesselSchema = z.object({
  ...VESSEL_IDENTITY,
  beamM: z.number().nullable(),
  draughtM: z.number().nullable().describe('last reported draught'),
  destination: z.string().nullable(),
  staticAt: z.string().nullable().describe('time of the newest static report'),
  mmsiHistory: z.array(z.object({ mmsi: z.string(), firstSeenAt: z.string(), lastSeenAt: z.string() })),
  position: PositionSchema.nullable(),
  asOf: z
    .string()
    .describe('time of the newest report behind this answer that you may see: the position or the static report'),
  stale: z
    .boolean()
    .describe('that newest report is older than the configured age (OPENPCS_VESSEL_STALE_MINUTES) at the request'),
  source: FeedSourceSchema.describe('who stated that newest report, in which message (AIS: the feed that sent it)'),
});

export type VesselView = z.infer<typeof VesselSchema>;
