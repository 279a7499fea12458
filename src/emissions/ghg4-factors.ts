/**
 * Factor tables of the IMO Fourth GHG Study 2020 bottom-up method, as transcribed in
 * ../shared/reference/emissions-methods.md §1 (sources there: RISE-Maritime/ceto `cetos/imo.py`, MTCC-LatAm code,
 * Kystverket/maru). Every number names its table.
 */
import type { Fuel } from './fuels.js';

export const GHG4_ENGINES = ['SSD', 'MSD', 'HSD', 'LNG-Otto-MS', 'LBSI', 'GT', 'ST'] as const;
/** Main-engine type: slow-, medium-, high-speed diesel, LNG Otto medium-speed, lean-burn spark-ignited, gas turbine, steam turbine (and boiler). */
export type Ghg4Engine = (typeof GHG4_ENGINES)[number];

export const GHG4_SHIP_TYPES = [
  'container',
  'bulk_carrier',
  'oil_tanker',
  'chemical_tanker',
  'liquefied_gas_tanker',
  'general_cargo',
  'refrigerated_cargo',
  'cruise',
  'ro_ro',
  'ferry',
  'service',
  'fishing',
  'offshore',
  'other',
] as const;
export type Ghg4ShipType = (typeof GHG4_SHIP_TYPES)[number];

type Era = 'to1983' | 'from1984to2000' | 'from2001';
export const eraOf = (builtYear: number): Era =>
  builtYear <= 1983 ? 'to1983' : builtYear <= 2000 ? 'from1984to2000' : 'from2001';

type SfcRow = Partial<Record<Fuel, readonly [number | null, number | null, number | null]>>;

/**
 * SFC_base, g/kWh, by engine, fuel and build era (≤1983, 1984–2000, ≥2001): GHG4 Table 19 (§1.3). LFO takes the
 * HFO row (both residual fuels; GHG4 distinguishes only HFO, MDO, MeOH and LNG). `null`: no such engine.
 */
const SFC_BASE: Readonly<Record<Ghg4Engine | 'AUX', SfcRow>> = {
  SSD: { HFO: [205, 185, 175], MDO: [190, 175, 165], METHANOL: [null, null, 350] },
  MSD: { HFO: [215, 195, 185], MDO: [200, 185, 175], METHANOL: [null, null, 370] },
  HSD: { HFO: [225, 205, 195], MDO: [210, 190, 185] },
  'LNG-Otto-MS': { LNG: [null, 173, 156] },
  LBSI: { LNG: [null, 156, 156] },
  GT: { HFO: [305, 305, 305], MDO: [300, 300, 300], LNG: [null, null, 203] },
  ST: { HFO: [340, 340, 340], MDO: [320, 320, 320], LNG: [285, 285, 285] },
  AUX: { HFO: [225, 205, 195], MDO: [210, 190, 185], LNG: [null, null, 156] },
};

/** SFC_base of an engine (or `AUX`, or `ST` for boilers) burning a fuel, g/kWh; null when the table has no such pair. */
export function sfcBaseGPerKwh(engine: Ghg4Engine | 'AUX', fuel: Fuel, builtYear: number): number | null {
  const row = SFC_BASE[engine][fuel === 'LFO' ? 'HFO' : fuel];
  if (!row) return null;
  const era = eraOf(builtYear);
  return row[era === 'to1983' ? 0 : era === 'from1984to2000' ? 1 : 2];
}

/** Engines whose SFC follows the load curve (oil and LNG reciprocating main engines, §1.1); turbines do not. */
export const SFC_CURVE_ENGINES: ReadonlySet<Ghg4Engine> = new Set(['SSD', 'MSD', 'HSD', 'LNG-Otto-MS', 'LBSI']);

/** `SFC = SFC_base · (0.455 L² − 0.710 L + 1.280)` (§1.1; ceto, EPA `calcLoadBSFC.r`). */
export const sfcCurveFactor = (load: number): number => 0.455 * load * load - 0.71 * load + 1.28;

/** Hull fouling efficiency ηf (§1.1, ceto). */
export const HULL_FOULING_EFFICIENCY = 0.917;
/** Weather efficiency ηw: small ships 0.909, others 0.867 (§1.1, ceto). */
export const WEATHER_EFFICIENCY_SMALL = 0.909;
export const WEATHER_EFFICIENCY_OTHER = 0.867;

export interface ShipSize {
  readonly teu?: number | undefined;
  readonly dwt?: number | undefined;
  readonly gt?: number | undefined;
}

/**
 * Small ships in the sense of ηw (§1.1): bulk, chemical, general cargo, oil tanker < 10,000 DWT; container
 * < 1,000 TEU; cruise < 2,000 GT; ro-ro < 5,000 GT; service, fishing, offshore and ferry types always. A size the
 * request does not give counts as not small. (ceto's 0.900 for container < 1,000 TEU is read as the typo for 0.909
 * the reference notes.)
 */
export function isSmallForWeather(type: Ghg4ShipType, size: ShipSize): boolean {
  switch (type) {
    case 'bulk_carrier':
    case 'chemical_tanker':
    case 'general_cargo':
    case 'oil_tanker':
      return size.dwt !== undefined && size.dwt < 10_000;
    case 'container':
      return size.teu !== undefined && size.teu < 1_000;
    case 'cruise':
      return size.gt !== undefined && size.gt < 2_000;
    case 'ro_ro':
      return size.gt !== undefined && size.gt < 5_000;
    case 'service':
    case 'fishing':
    case 'offshore':
    case 'ferry':
      return true;
    case 'liquefied_gas_tanker':
    case 'refrigerated_cargo':
    case 'other':
      return false;
  }
}

/** δw (§1.1): 0.75 for container ships ≥ 14,500 TEU, 0.70 for cruise ships, 1.0 otherwise. */
export function designSpeedCorrection(type: Ghg4ShipType, size: ShipSize): number {
  if (type === 'container' && size.teu !== undefined && size.teu >= 14_500) return 0.75;
  if (type === 'cruise') return 0.7;
  return 1;
}

export const GHG4_PHASES = ['berth', 'anchored', 'manoeuvring', 'sea'] as const;
/** Phase columns of GHG4 Table 17 (both at-sea phases, slow steaming and normal cruising, use `sea`). */
export type Ghg4Phase = (typeof GHG4_PHASES)[number];
export type PhasePowerKw = Readonly<Record<Ghg4Phase, number>>;

/**
 * Auxiliary engine and boiler power of container ships by size, kW by phase: GHG4 Table 17 (§1.5, ceto
 * transcription). `minTeu` is the lower edge of the size bin.
 */
const CONTAINER_TABLE_17: readonly { minTeu: number; boiler: PhasePowerKw; aux: PhasePowerKw }[] = [
  { minTeu: 0, boiler: p(250, 250, 240, 0), aux: p(370, 450, 790, 410) },
  { minTeu: 1_000, boiler: p(340, 340, 310, 0), aux: p(820, 910, 1_750, 900) },
  { minTeu: 2_000, boiler: p(460, 450, 430, 0), aux: p(610, 910, 1_900, 920) },
  { minTeu: 3_000, boiler: p(480, 480, 430, 0), aux: p(1_100, 1_350, 2_500, 1_400) },
  { minTeu: 5_000, boiler: p(590, 580, 550, 0), aux: p(1_100, 1_400, 2_800, 1_450) },
  { minTeu: 8_000, boiler: p(620, 620, 540, 0), aux: p(1_150, 1_600, 2_900, 1_800) },
  { minTeu: 12_000, boiler: p(630, 630, 630, 0), aux: p(1_300, 1_800, 3_250, 2_050) },
  { minTeu: 14_500, boiler: p(630, 630, 630, 0), aux: p(1_400, 1_950, 3_600, 2_300) },
  { minTeu: 20_000, boiler: p(700, 700, 700, 0), aux: p(1_400, 1_950, 3_600, 2_300) },
];

function p(berth: number, anchored: number, manoeuvring: number, sea: number): PhasePowerKw {
  return { berth, anchored, manoeuvring, sea };
}

/** Table 17 row of a container ship of `teu`. */
export function containerAuxBoilerKw(teu: number): { readonly aux: PhasePowerKw; readonly boiler: PhasePowerKw } {
  let row = CONTAINER_TABLE_17[0]!;
  for (const r of CONTAINER_TABLE_17) if (teu >= r.minTeu) row = r;
  return row;
}
