/**
 * Marine fuels as the emission methods name them, with the carbon factor Cf (t CO2 per t fuel) and lower
 * calorific value of MEPC.364(79) Table 2 (../shared/reference/emissions-methods.md §1.4, [S]: Etive-Mor
 * Open-IMO-CII-Calculator README). `MDO` covers marine diesel and gas oil (ISO 8217 DMX–DMB, so MGO too), `LFO`
 * the light residual grades RMA–RMD, `HFO` RME–RMK; VLSFO has no row of its own and is classified by its grade.
 */
export const FUELS = ['HFO', 'LFO', 'MDO', 'LNG', 'METHANOL'] as const;
export type Fuel = (typeof FUELS)[number];

export interface FuelProperties {
  /** t CO2 per t fuel (MEPC.364(79) Table 2). */
  readonly cfCo2TPerT: number;
  /** Lower calorific value, kJ/kg (MEPC.364(79) Table 2). */
  readonly lcvKjPerKg: number;
  /**
   * Sulphur content used when a request states none, % by mass: 0.5 % for residual fuels (the global cap of
   * MARPOL Annex VI since 2020, EPA-420-B-22-011 default outside an ECA), 0.1 % for distillates (ECA cap, EPA default
   * inside the North American ECA), 0 for LNG and methanol (emissions-methods.md §2.1).
   */
  readonly defaultSulphurPct: number;
  /** Fuel-based CH4, g per g fuel (FuelEU Annex II defaults via SINTEF/FEEMS fuel_eu_fuel_table.csv, §1.6). */
  readonly ch4GPerGFuel: number;
  /** Fuel-based N2O, g per g fuel (same source). */
  readonly n2oGPerGFuel: number;
}

export const FUEL_PROPERTIES: Readonly<Record<Fuel, FuelProperties>> = {
  HFO: { cfCo2TPerT: 3.114, lcvKjPerKg: 40_200, defaultSulphurPct: 0.5, ch4GPerGFuel: 0.00005, n2oGPerGFuel: 0.00018 },
  LFO: { cfCo2TPerT: 3.151, lcvKjPerKg: 41_200, defaultSulphurPct: 0.5, ch4GPerGFuel: 0.00005, n2oGPerGFuel: 0.00018 },
  MDO: { cfCo2TPerT: 3.206, lcvKjPerKg: 42_700, defaultSulphurPct: 0.1, ch4GPerGFuel: 0.00005, n2oGPerGFuel: 0.00018 },
  LNG: { cfCo2TPerT: 2.75, lcvKjPerKg: 48_000, defaultSulphurPct: 0, ch4GPerGFuel: 0, n2oGPerGFuel: 0.00011 },
  METHANOL: {
    cfCo2TPerT: 1.375,
    lcvKjPerKg: 19_900,
    defaultSulphurPct: 0,
    ch4GPerGFuel: 0.00005,
    n2oGPerGFuel: 0.00018,
  },
};

/** SO2 from fuel: `fuel · 2 · 0.97753 · S` (GHG4 eq. 15; EPA `calcEF_SO2.r`), S as a mass fraction (% / 100). */
export function so2FromFuelG(fuelG: number, sulphurPct: number): number {
  return fuelG * 2 * 0.97753 * (sulphurPct / 100);
}
