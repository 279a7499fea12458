/**
 * A simulation scenario: the knobs of one run (docs/simulator.md documents each). Scenario files are JSON
 * with these fields; anything left out takes the default below, an unknown field is refused.
 */
import { z } from 'zod';
import { DAY } from '../domain/time-units.js';

export const FUELS = ['HFO', 'VLSFO', 'MGO', 'LNG', 'methanol', 'ammonia'] as const;
export type Fuel = (typeof FUELS)[number];

const share = z.number().min(0).optional();
const FuelMix = z
  .strictObject({ HFO: share, VLSFO: share, MGO: share, LNG: share, methanol: share, ammonia: share })
  .refine(
    (mix) => Object.values(mix).some((v) => (v ?? 0) > 0),
    'a fuel mix needs at least one fuel with a share above 0',
  );

const someShare = (mix: Readonly<Record<string, number | undefined>>): boolean =>
  Object.values(mix).some((v) => (v ?? 0) > 0);
const MIX_MESSAGE = 'a mix needs at least one entry with a share above 0';

export const CHE_POWERTRAINS = ['diesel', 'battery_electric', 'hybrid', 'hydrogen_fuel_cell'] as const;
export type ChePowertrain = (typeof CHE_POWERTRAINS)[number];
export const DRAYAGE_FUELS = ['diesel', 'natural_gas', 'battery_electric', 'fuel_cell'] as const;
export type DrayageFuel = (typeof DRAYAGE_FUELS)[number];

const EquipmentKnobs = z.strictObject({
  /** Relative shares of the mobile equipment's powertrains (yard tractors, top handlers, RTGs); absent = default. */
  powertrainMix: z
    .strictObject({ diesel: share, battery_electric: share, hybrid: share, hydrogen_fuel_cell: share })
    .refine(someShare, MIX_MESSAGE)
    .optional(),
  /** Relative shares of the drayage trucks' fuels; absent = default. */
  drayageFuelMix: z
    .strictObject({ diesel: share, natural_gas: share, battery_electric: share, fuel_cell: share })
    .refine(someShare, MIX_MESSAGE)
    .optional(),
  /** Simulated minutes between two status reports of one unit. */
  telemetryIntervalMinutes: z.number().int().min(1).max(60).default(15),
});

export const ScenarioSchema = z.strictObject({
  /** Seed of every random draw. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(7),
  /** First simulated instant (UTC, ISO 8601). */
  start: z.string().datetime({ offset: true }).default('2018-01-01T00:00:00Z'),
  /** Length of the run in days. */
  days: z.number().positive().max(400).default(1),
  /** Container volume as a factor of the 2018 calibration (1 = 2018). */
  demandFactor: z.number().positive().max(5).default(1),
  /** Crane productivity as a factor of normal (below 1: congested yards, labour shortage, disruption). */
  productivityFactor: z.number().positive().max(3).default(1),
  /** Extra unscheduled container calls per week and port (extra loaders during a surge). */
  extraCallsPerWeek: z.number().min(0).max(100).default(0),
  /** Fuel mix of the container fleet, per corridor (origin UN/LOCODE) or `default`; shares are relative. */
  fuelMix: z.record(z.string().regex(/^([A-Z]{2}[A-Z2-9]{3}|default)$/), FuelMix).default({}),
  /** Non-container traffic: tanker calls per day (both ports), cruise calls per week, Catalina ferry round trips per day. */
  tankerCallsPerDay: z.number().min(0).max(20).default(1.5),
  cruiseCallsPerWeek: z.number().min(0).max(30).default(8),
  ferryRoundTripsPerDay: z.number().int().min(0).max(12).default(3),
  /** Harbour tugs on duty (each berthing and unberthing of a container ship takes two). */
  tugs: z.number().int().min(2).max(40).default(10),
  /** Days simulated before `start` so the port is not empty at the start (not written). */
  warmupDays: z.number().min(0).max(60).default(14),
  /** Cargo-handling equipment and drayage trucks (src/sim/equipment/; defaults in equipment-parameters.ts). */
  equipment: EquipmentKnobs.prefault({}),
  /**
   * Thinning knob for long replays (not a reality knob): at most one AIS position report per vessel every this
   * many seconds (the Class A interval when it is longer, e.g. 3 min at anchor, is kept). 0 = the Class A
   * intervals as they are (2–10 s under way). Static data (every 6 minutes) is never thinned.
   */
  aisPositionEveryS: z.number().int().min(0).max(600).default(0),
});

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Scenario = Readonly<z.output<typeof ScenarioSchema>> & {
  readonly startMs: number;
  readonly endMs: number;
};

/** The surge knob: late 2021 (100+ container ships waiting off San Pedro Bay within weeks). */
export const SURGE_2021: Partial<ScenarioInput> = Object.freeze({
  demandFactor: 1.15,
  productivityFactor: 0.45,
  extraCallsPerWeek: 6,
});

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** Validates a scenario (defaults filled in); errors name the field (`days: ...`). */
export function parseScenario(input: unknown): ScenarioResult {
  const result = ScenarioSchema.safeParse(input ?? {});
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((i) => `${i.path.join('.') || '(scenario)'}: ${i.message}`),
    };
  }
  const startMs = Date.parse(result.data.start);
  return {
    ok: true,
    scenario: Object.freeze({ ...result.data, startMs, endMs: startMs + Math.round(result.data.days * DAY) }),
  };
}
