/**
 * Answer shapes of the per-call emissions routes (`GET /emissions/calls`, `/emissions/calls/{callId}`,
 * `/emissions/summary`; docs/emissions.md "Per-call emissions"): zod schemas (→ OpenAPI, with examples), the view
 * of a `vessel_call_emissions` row, and its CSV columns. Grid CO2 of shore power is computed here, at read time,
 * from the configured grid factor (`OPENPCS_GRID_CO2_G_PER_KWH`).
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { CALL_MODES, gridCo2 } from '../../emissions/call-emissions.js';
import { DEFAULT_GRID_LOSS_PCT } from '../../emissions/shore-power.js';
import type { VesselCallEmissionsTable } from '../../store/schema.js';

type Row = Selectable<VesselCallEmissionsTable>;

/** What every figure of these routes comes from. */
export const CALL_EMISSIONS_SOURCE = {
  method: 'ghg4-interval',
  track: 'AIS positions of the call (one a minute), the detector’s anchorage and berth times',
  particulars:
    'stated by the carrier or port authority (csv-vessel-particulars) when a statement is visible, each empty field estimated from AIS static data (ship type, length): docs/emissions.md',
} as const;

/** The figures of the example call (its totals and shore power) in the OpenAPI examples of the list and summary. */
const EXAMPLE_CALL_FIGURES = {
  totals: {
    fuelG: 6_930_000,
    co2G: 22_217_000,
    ch4G: 346,
    n2oG: 1_247,
    so2G: 13_548,
    noxG: 390_000,
    pm10G: 5_800,
    pm25G: 5_336,
  },
  shorePower: {
    connectedHours: 0,
    shorePowerKwh: 0,
    gridKwh: 0,
    gridCo2GPerKwh: 225,
    gridCo2G: 0,
    avoidedCo2G: 0,
    netCo2ReductionG: 0,
  },
};

/** The example call's shore-power capability: a capable ship at an equipped berth that did not connect. */
const EXAMPLE_CALL_CAPABILITY = {
  capable: true,
  berthEquipped: true,
  connected: false,
  missed: true,
  missedShorePowerKwh: 9_100,
  missedAvoidableCo2G: 5_397_000,
  missedNetCo2ReductionG: 3_241_737,
};

/** The example summary group's connection figures. */
const EXAMPLE_GROUP_CONNECTIONS = {
  connectedCalls: 0,
  missedCalls: 1,
  connectionRatePct: 0,
  missedShorePowerKwh: 9_100,
  missedAvoidableCo2G: 5_397_000,
  missedNetCo2ReductionG: 3_241_737,
};

const SourceSchema = z.object({ method: z.string(), track: z.string(), particulars: z.string() });

const TotalsSchema = z.object({
  fuelG: z.number(),
  co2G: z.number(),
  ch4G: z.number(),
  n2oG: z.number(),
  so2G: z.number().describe('SOx as SO2'),
  noxG: z.number(),
  pm10G: z.number(),
  pm25G: z.number(),
});

const ShorePowerSchema = z.object({
  connectedHours: z.number(),
  shorePowerKwh: z.number().describe('energy served from shore at the ship'),
  gridKwh: z.number().describe('energy drawn from the grid, with transmission and distribution loss'),
  gridCo2GPerKwh: z.number().describe('the configured grid factor (OPENPCS_GRID_CO2_G_PER_KWH)'),
  gridCo2G: z.number(),
  avoidedCo2G: z.number().describe('ship CO2 avoided'),
  netCo2ReductionG: z.number().describe('avoidedCo2G − gridCo2G'),
});

const MissedFiguresSchema = {
  missedShorePowerKwh: z
    .number()
    .describe('hotelling auxiliary energy a missed connection could have taken from shore'),
  missedAvoidableCo2G: z.number().describe('ship CO2 of that energy (auxiliary fuel × Cf)'),
  missedNetCo2ReductionG: z
    .number()
    .describe('missedAvoidableCo2G − grid CO2 of that energy (with the 5 % loss, at the configured grid factor)'),
};

const CallShorePowerSchema = ShorePowerSchema.extend({
  capable: z
    .boolean()
    .nullable()
    .describe('fitted for shore power, as the particulars statement used says (shore_power); null: not stated'),
  berthEquipped: z
    .boolean()
    .nullable()
    .describe('the berth offers shore power (a registered terminal’s berth, or a session was stated); null: unknown'),
  connected: z.boolean().describe('a shore-power session was used'),
  missed: z.boolean().describe('capable ship, equipped berth, left the berth without connecting'),
  ...MissedFiguresSchema,
});

export const CallEmissionsSchema = z
  .object({
    callId: z.string(),
    vessel: z.object({ mmsi: z.string(), imo: z.string().nullable(), name: z.string().nullable() }),
    port: z.string().nullable(),
    terminal: z.string().nullable().describe('berth (terminal) zone of the call'),
    terminalSmdgCode: z
      .string()
      .nullable()
      .describe('SMDG code of the terminal of the berth zone; null when the zone holds none or several'),
    callStatus: z.string().describe('as GET /vessel-calls'),
    start: z.string(),
    end: z.string().nullable().describe('departure from port limits; null while the call is open'),
    status: z.enum(['computed', 'no_particulars']),
    reason: z.string().nullable().describe('why no_particulars'),
    particulars: z
      .enum(['estimated', 'reported', 'stated', 'none'])
      .describe('stated: a csv-vessel-particulars statement was used; estimated: AIS static data only'),
    particularsSource: z
      .object({ sourceOrg: z.string(), asOf: z.string() })
      .nullable()
      .describe('the particulars statement used (its sender and as-of); null unless stated'),
    estimatedFields: z
      .array(z.string())
      .describe('ship fields estimated (the statement left them empty, or no statement); assumptions say how'),
    method: z.string(),
    hours: z.number(),
    positionsUsed: z.number().int(),
    totals: TotalsSchema.describe('the ship’s emissions over the call, grams, shore power applied'),
    shorePower: CallShorePowerSchema,
    shorePowerKwhSource: z
      .enum(['feed', 'estimated', 'none'])
      .describe(
        'feed: the terminals’ metered energy (csv-shore-power); estimated: auxiliary power × connected hours; none: not connected',
      ),
    asOf: z.string().nullable().describe('newest AIS position used'),
    source: SourceSchema,
  })
  .meta({
    examples: [
      {
        callId: '477776200:2022-01-03T00:09',
        vessel: { mmsi: '477776200', imo: '9516442', name: 'COSCO SPAIN' },
        port: 'USLGB',
        terminal: 'polb-lbct',
        terminalSmdgCode: 'LBCT',
        callStatus: 'departed',
        start: '2022-01-03T00:09:00.000Z',
        end: '2022-01-03T13:21:00.000Z',
        status: 'computed',
        reason: null,
        particulars: 'stated',
        particularsSource: { sourceOrg: 'coscon', asOf: '2022-01-01T00:00:00.000Z' },
        estimatedFields: ['builtYear', 'sulphurPct'],
        method: 'ghg4-interval',
        hours: 13.2,
        positionsUsed: 793,
        ...EXAMPLE_CALL_FIGURES,
        shorePower: { ...EXAMPLE_CALL_FIGURES.shorePower, ...EXAMPLE_CALL_CAPABILITY },
        shorePowerKwhSource: 'none',
        asOf: '2022-01-03T13:21:00.000Z',
        source: CALL_EMISSIONS_SOURCE,
      },
    ],
  });
export type CallEmissionsView = z.infer<typeof CallEmissionsSchema>;

const GroupPowerSchema = z.object({ main: z.number(), auxiliary: z.number(), boiler: z.number() });

export const CallModeSchema = z.object({
  mode: z.enum(CALL_MODES),
  hours: z.number(),
  intervals: z.number().int(),
  distanceNm: z.number(),
  meanMainEngineLoad: z.number(),
  energyKwh: GroupPowerSchema,
  fuelG: GroupPowerSchema,
  fuelTotalG: z.number(),
  pollutants: z.record(z.string(), z.number()),
});

export const ShorePowerSessionSchema = z.object({
  terminal: z.string().describe('SMDG code of the terminal that stated it'),
  berth: z.string(),
  connectedAt: z.string(),
  disconnectedAt: z.string().nullable().describe('null while connected'),
  connectedHours: z.number().describe('hours of the session inside the call’s berth window'),
  energyKwh: z.number().nullable().describe('metered by the terminal; null when it gave no reading'),
});

export const CallEmissionsDetailSchema = CallEmissionsSchema.extend({
  shorePowerSessions: z
    .array(ShorePowerSessionSchema)
    .describe(
      'the csv-shore-power sessions the call used (of its vessel, at its terminal, overlapping its berth time)',
    ),
  ship: z.record(z.string(), z.unknown()).nullable().describe('the particulars used (ghg4-interval ship fields)'),
  assumptions: z.array(z.object({ field: z.string(), value: z.union([z.number(), z.string()]), rule: z.string() })),
  modes: z.array(CallModeSchema).describe('every quantity per mode: transit, manoeuvring, anchorage, hotelling'),
});
export type CallEmissionsDetail = z.infer<typeof CallEmissionsDetailSchema>;

/** Net CO2 a missed connection could have saved: its ship CO2 less the grid's for the same energy. */
export function missedNetCo2G(missedKwh: number, missedCo2G: number, gridCo2GPerKwh: number): number {
  return gridCo2(missedKwh / (1 - DEFAULT_GRID_LOSS_PCT / 100), missedCo2G, gridCo2GPerKwh).netCo2ReductionG;
}

export function callEmissionsView(row: Row, gridCo2GPerKwh: number): CallEmissionsView {
  const grid = gridCo2(row.grid_kwh, row.avoided_co2_g, gridCo2GPerKwh);
  return {
    callId: row.call_id,
    vessel: { mmsi: row.mmsi, imo: row.imo, name: row.vessel_name },
    port: row.port,
    terminal: row.terminal,
    terminalSmdgCode: row.terminal_smdg_code,
    callStatus: row.call_status,
    start: row.call_start.toISOString(),
    end: row.call_end?.toISOString() ?? null,
    status: row.status,
    reason: row.reason,
    particulars: row.particulars,
    particularsSource:
      row.particulars_source === null || row.particulars_as_of === null
        ? null
        : { sourceOrg: row.particulars_source, asOf: row.particulars_as_of.toISOString() },
    estimatedFields: [...row.estimated_fields],
    method: row.method,
    hours: row.hours,
    positionsUsed: row.positions_used,
    totals: {
      fuelG: row.fuel_g,
      co2G: row.co2_g,
      ch4G: row.ch4_g,
      n2oG: row.n2o_g,
      so2G: row.so2_g,
      noxG: row.nox_g,
      pm10G: row.pm10_g,
      pm25G: row.pm25_g,
    },
    shorePower: {
      connectedHours: row.shore_power_hours,
      shorePowerKwh: row.shore_power_kwh,
      gridKwh: row.grid_kwh,
      gridCo2GPerKwh: grid.gridCo2GPerKwh,
      gridCo2G: grid.gridCo2G,
      avoidedCo2G: row.avoided_co2_g,
      netCo2ReductionG: grid.netCo2ReductionG,
      capable: row.shore_power_capable,
      berthEquipped: row.berth_shore_power,
      connected: row.shore_power_hours > 0,
      missed: row.missed_shore_power,
      missedShorePowerKwh: row.missed_shore_power_kwh,
      missedAvoidableCo2G: row.missed_avoidable_co2_g,
      missedNetCo2ReductionG: missedNetCo2G(row.missed_shore_power_kwh, row.missed_avoidable_co2_g, gridCo2GPerKwh),
    },
    shorePowerKwhSource: row.shore_power_kwh_source,
    asOf: row.as_of?.toISOString() ?? null,
    source: { ...CALL_EMISSIONS_SOURCE },
  };
}

export function callEmissionsDetail(row: Row, gridCo2GPerKwh: number): CallEmissionsDetail {
  return {
    ...callEmissionsView(row, gridCo2GPerKwh),
    shorePowerSessions: z.array(ShorePowerSessionSchema).parse(row.shore_power_sessions),
    ship: row.ship,
    assumptions: CallEmissionsDetailSchema.shape.assumptions.parse(row.assumptions),
    modes: z.array(CallModeSchema).parse(row.modes),
  };
}

export const CALL_EMISSIONS_CSV_COLUMNS = [
  'callId',
  'mmsi',
  'imo',
  'vesselName',
  'terminal',
  'terminalSmdgCode',
  'start',
  'end',
  'status',
  'particulars',
  'particularsSourceOrg',
  'particularsAsOf',
  'estimatedFields',
  'hours',
  'fuelG',
  'co2G',
  'ch4G',
  'n2oG',
  'so2G',
  'noxG',
  'pm10G',
  'pm25G',
  'shorePowerKwh',
  'shorePowerKwhSource',
  'avoidedCo2G',
  'gridCo2G',
  'shorePowerCapable',
  'berthShorePower',
  'missedShorePower',
  'missedAvoidableCo2G',
  'asOf',
] as const;

export function callEmissionsCsvRow(v: CallEmissionsView): Record<string, unknown> {
  return {
    callId: v.callId,
    mmsi: v.vessel.mmsi,
    imo: v.vessel.imo,
    vesselName: v.vessel.name,
    terminal: v.terminal,
    terminalSmdgCode: v.terminalSmdgCode,
    start: v.start,
    end: v.end,
    status: v.status,
    particulars: v.particulars,
    particularsSourceOrg: v.particularsSource?.sourceOrg ?? null,
    particularsAsOf: v.particularsSource?.asOf ?? null,
    estimatedFields: v.estimatedFields,
    hours: v.hours,
    ...v.totals,
    shorePowerKwh: v.shorePower.shorePowerKwh,
    shorePowerKwhSource: v.shorePowerKwhSource,
    avoidedCo2G: v.shorePower.avoidedCo2G,
    gridCo2G: v.shorePower.gridCo2G,
    shorePowerCapable: v.shorePower.capable,
    berthShorePower: v.shorePower.berthEquipped,
    missedShorePower: v.shorePower.missed,
    missedAvoidableCo2G: v.shorePower.missedAvoidableCo2G,
    asOf: v.asOf,
  };
}

export const SUMMARY_GROUPS = ['terminal', 'day', 'mode'] as const;
export type SummaryGroupBy = (typeof SUMMARY_GROUPS)[number];

export const SummaryGroupSchema = z.object({
  key: z.string().nullable().describe('terminal zone, UTC day of the call start (YYYY-MM-DD) or mode'),
  calls: z.number().int(),
  computedCalls: z.number().int().describe('calls with particulars (status computed)'),
  hours: z.number(),
  totals: TotalsSchema,
  shorePower: ShorePowerSchema.omit({ connectedHours: true }).extend({
    connectedHours: z.number(),
    connectedCalls: z.number().int().describe('calls that used a shore-power session'),
    missedCalls: z.number().int().describe('missed connections: capable ship, equipped berth, never connected'),
    connectionRatePct: z
      .number()
      .nullable()
      .describe('connectedCalls / (connectedCalls + missedCalls) × 100 (CARB At-Berth measure); null when neither'),
    ...MissedFiguresSchema,
  }),
});

export const EmissionsSummarySchema = z
  .object({
    groupBy: z.enum(SUMMARY_GROUPS),
    groups: z.array(SummaryGroupSchema),
    asOf: z.string().nullable().describe('newest AIS position used by any call counted'),
    source: SourceSchema,
  })
  .meta({
    examples: [
      {
        groupBy: 'terminal',
        groups: [
          {
            key: 'polb-lbct',
            calls: 1,
            computedCalls: 1,
            hours: 13.2,
            ...EXAMPLE_CALL_FIGURES,
            shorePower: { ...EXAMPLE_CALL_FIGURES.shorePower, ...EXAMPLE_GROUP_CONNECTIONS },
          },
        ],
        asOf: '2022-01-03T13:21:00.000Z',
        source: CALL_EMISSIONS_SOURCE,
      },
    ],
  });
export type EmissionsSummary = z.infer<typeof EmissionsSummarySchema>;
