/**
 * EPA low-load adjustment factors (EPA-420-B-22-011 §3.8; coefficients decoded from USEPA/Marine_Emissions_Tools
 * `ShipEF/data/LLAFCoeff.rda`, ../shared/reference/emissions-methods.md §2.3): the emission factor per kWh of a
 * propulsion engine below 20 % load, relative to 20 %. `LLAF(L) = (a·L^-x + b) / (a·0.2^-x + b)` for
 * 0.02 ≤ L < 0.20; 1 at and above 20 %; loads below 2 % take the 2 % factor (the EPA tool clamps LF to 0.02).
 */
export const LLAF_POLLUTANTS = ['nox', 'hc', 'co', 'pm', 'co2'] as const;
export type LlafPollutant = (typeof LLAF_POLLUTANTS)[number];

const COEFFICIENTS: Readonly<Record<LlafPollutant, { a: number; x: number; b: number }>> = {
  nox: { a: 0.1255, x: 1.5, b: 10.4496 },
  hc: { a: 0.0667, x: 1.5, b: 0.3859 },
  co: { a: 0.8378, x: 1.0, b: 0.1548 },
  pm: { a: 0.0059, x: 1.5, b: 0.2551 },
  co2: { a: 44.1, x: 1.0, b: 648.6 },
};

/** Below this load (fraction of MCR) the factors apply. */
export const LLAF_THRESHOLD_LOAD = 0.2;
/** The lowest load the factors are defined for; lower loads take its factor. */
export const LLAF_FLOOR_LOAD = 0.02;

const clampLoad = (load: number): number => Math.max(LLAF_FLOOR_LOAD, load);

export function lowLoadFactor(pollutant: LlafPollutant, load: number): number {
  if (load >= LLAF_THRESHOLD_LOAD) return 1;
  const { a, x, b } = COEFFICIENTS[pollutant];
  const at = (l: number): number => a * l ** -x + b;
  return at(clampLoad(load)) / at(LLAF_THRESHOLD_LOAD);
}

/** The SO2 form: `(a·(14.1205/L + 205.7169)·S% + b) / (a·(14.1205/0.2 + 205.7169)·S% + b)`, a 2.3735, b −0.4792. */
export function lowLoadFactorSo2(load: number, sulphurPct: number): number {
  if (load >= LLAF_THRESHOLD_LOAD || sulphurPct <= 0) return 1;
  const at = (l: number): number => 2.3735 * (14.1205 / l + 205.7169) * sulphurPct - 0.4792;
  return at(clampLoad(load)) / at(LLAF_THRESHOLD_LOAD);
}
