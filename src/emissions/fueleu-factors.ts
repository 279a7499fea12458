/**
 * FuelEU Maritime (Regulation (EU) 2023/1805) factors, from ../shared/reference/emissions-methods.md §4: Annex II
 * default values per fuel pathway (via SINTEF/FEEMS `fuel_eu_fuel_table.csv`), the reference intensity and the
 * targets by period (Article 4, via shipcalculators and glama), the GWP sets.
 */
export const FUEL_PATHWAYS = [
  'HFO',
  'LFO',
  'MDO',
  'LNG_OTTO_MS',
  'LNG_OTTO_SS',
  'LNG_DIESEL_SS',
  'LNG_LBSI',
  'LPG_PROPANE',
  'LPG_BUTANE',
  'METHANOL_FOSSIL',
  'BIO_METHANOL',
  'E_METHANOL',
] as const;
export type FuelPathway = (typeof FUEL_PATHWAYS)[number];

export interface PathwayFactors {
  /** Lower calorific value, MJ/g. */
  readonly lcvMjPerG: number;
  /** Well-to-tank, g CO2e/MJ (net, may be negative for biogenic pathways that keep the full Cf, as FEEMS does). */
  readonly wttGCo2ePerMj: number;
  readonly cfCo2GPerG: number;
  readonly cfCh4GPerG: number;
  readonly cfN2oGPerG: number;
  /** Methane slip, % of fuel mass. */
  readonly slipPct: number;
  /** A renewable fuel of non-biological origin (reward factor RWD 2 until end-2033). */
  readonly rfnbo: boolean;
}

/**
 * Annex II defaults (§4.3 table). LNG takes LCV 0.0491 MJ/g: with it the widely quoted LNG Otto MS WtW of 89.20
 * g/MJ is reproduced (0.048, FEEMS's fossil value, gives 90.82; docs/emissions.md "Decisions").
 */
const oil = (lcv: number, wtt: number, cf: number): PathwayFactors => ({
  lcvMjPerG: lcv,
  wttGCo2ePerMj: wtt,
  cfCo2GPerG: cf,
  cfCh4GPerG: 0.00005,
  cfN2oGPerG: 0.00018,
  slipPct: 0,
  rfnbo: false,
});
const lng = (slipPct: number): PathwayFactors => ({
  lcvMjPerG: 0.0491,
  wttGCo2ePerMj: 18.5,
  cfCo2GPerG: 2.75,
  cfCh4GPerG: 0,
  cfN2oGPerG: 0.00011,
  slipPct,
  rfnbo: false,
});
const lpg = (cf: number): PathwayFactors => ({
  lcvMjPerG: 0.046,
  wttGCo2ePerMj: 7.8,
  cfCo2GPerG: cf,
  cfCh4GPerG: 0,
  cfN2oGPerG: 0,
  slipPct: 0,
  rfnbo: false,
});

export const PATHWAY_FACTORS: Readonly<Record<FuelPathway, PathwayFactors>> = {
  HFO: oil(0.0405, 13.5, 3.114),
  LFO: oil(0.041, 13.2, 3.151),
  MDO: oil(0.0427, 14.4, 3.206),
  LNG_OTTO_MS: lng(3.1),
  LNG_OTTO_SS: lng(1.7),
  LNG_DIESEL_SS: lng(0.2),
  LNG_LBSI: lng(2.6),
  LPG_PROPANE: lpg(3.0),
  LPG_BUTANE: lpg(3.03),
  METHANOL_FOSSIL: oil(0.0199, 31.3, 1.375),
  BIO_METHANOL: oil(0.0199, -58.35, 1.375),
  E_METHANOL: { ...oil(0.0199, -67.1, 1.375), rfnbo: true },
};

export const GWP_SETS = ['AR4', 'AR5'] as const;
export type GwpSet = (typeof GWP_SETS)[number];
/** GWP100: AR4 (CH4 25, N2O 298) is FuelEU's [R, reproduces 90.77 and 89.20]; AR5 (28, 265) the IMO LCA guidelines' [R]. */
export const GWP: Readonly<Record<GwpSet, { readonly ch4: number; readonly n2o: number }>> = {
  AR4: { ch4: 25, n2o: 298 },
  AR5: { ch4: 28, n2o: 265 },
};

/** Tank-to-wake g CO2e per g fuel: `(1 − slip)(Cf_CO2 + Cf_CH4·GWP_CH4 + Cf_N2O·GWP_N2O) + slip·GWP_CH4` (§4.1). */
export function tankToWakeGPerGFuel(f: PathwayFactors, gwp: GwpSet): number {
  const g = GWP[gwp];
  const slip = f.slipPct / 100;
  return (1 - slip) * (f.cfCo2GPerG + f.cfCh4GPerG * g.ch4 + f.cfN2oGPerG * g.n2o) + slip * g.ch4;
}

/** FuelEU reference GHG intensity, g CO2e/MJ (Article 3). */
export const FUELEU_REFERENCE_GPERMJ = 91.16;

/** Reductions below the reference by period (Article 4(2)); a year before 2025 has none. */
export function fuelEuReductionPct(year: number): number | null {
  if (year < 2025) return null;
  if (year < 2030) return 2;
  if (year < 2035) return 6;
  if (year < 2040) return 14.5;
  if (year < 2045) return 31;
  if (year < 2050) return 62;
  return 80;
}

/** Penalty rate: EUR 2,400 per tonne of VLSFO-equivalent energy (41,000 MJ/t) of the deficit (Annex IV). */
export const FUELEU_PENALTY_EUR_PER_T_VLSFO = 2_400;
export const VLSFO_MJ_PER_T = 41_000;
/** RFNBO reward factor until the end of 2033 (Article 5). */
export const RFNBO_REWARD_FACTOR = 2;
