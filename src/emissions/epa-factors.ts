/**
 * Emission factors of the US EPA Ports Emissions Inventory Guidance (EPA-420-B-22-011, April 2022), decoded from
 * USEPA/Marine_Emissions_Tools `ShipEF/data/*.rda` (commit 752696e) as tabled in
 * ../shared/reference/emissions-methods.md §2.2; container-ship auxiliary and boiler defaults §2.4 (via
 * FLCAC-admin/uslci-marine `auxiliary_load.csv`, `boiler_load.csv`).
 */
export const EPA_FUELS = ['MGO', 'HFO', 'LNG'] as const;
/** EPA fuel columns: marine gas oil / diesel (`MGO`), residual (`HFO`), LNG. */
export type EpaFuel = (typeof EPA_FUELS)[number];

export const EPA_PROPULSION_ENGINES = ['SSD', 'MSD', 'MSD-ED', 'GT', 'GT-ED', 'ST', 'LNG'] as const;
export type EpaPropulsionEngine = (typeof EPA_PROPULSION_ENGINES)[number];
export const EPA_AUX_ENGINES = ['MSD', 'HSD', 'LNG'] as const;
export type EpaAuxEngine = (typeof EPA_AUX_ENGINES)[number];

export type Tier = 0 | 1 | 2 | 3;

/** EPA `calcTier.r` (Category 3): Tier 0 before 2000 and for ST/GT/LNG; 1 for 2000–2010; 2 for 2011–2015; 3 from 2016. */
export function tierOf(keelLaidYear: number, turbineOrGas: boolean): Tier {
  if (turbineOrGas || keelLaidYear < 2000) return 0;
  if (keelLaidYear <= 2010) return 1;
  if (keelLaidYear <= 2015) return 2;
  return 3;
}

export interface EngineFactors {
  /** Baseline BSFC, g/kWh: [MGO, HFO]; LNG engines one value. */
  readonly bsfcGPerKwh: { readonly MGO?: number; readonly HFO?: number; readonly LNG?: number };
  /** NOx g/kWh by tier, [MGO, HFO] (LNG: the MGO slot). Turbines, boilers and LNG have Tier 0 only. */
  readonly noxGPerKwh: readonly (readonly [number, number])[];
  readonly coGPerKwh: number;
  readonly hcGPerKwh: number;
  /** Fixed PM10 g/kWh where the table gives one (ST, GT, LNG, boilers): { MGO, HFO, LNG }; otherwise fuel-based. */
  readonly pm10FixedGPerKwh?: { readonly MGO?: number; readonly HFO?: number; readonly LNG?: number };
}

const ST_PM = { MGO: 0.16, HFO: 0.93 };
const GT_PM = { MGO: 0.01, HFO: 0.06 };
const LNG_PM = { LNG: 0.03 };

const SSD: EngineFactors = {
  bsfcGPerKwh: { MGO: 185, HFO: 195 },
  noxGPerKwh: [
    [17.0, 18.1],
    [16.0, 17.0],
    [14.4, 15.3],
    [3.4, 3.6],
  ],
  coGPerKwh: 1.4,
  hcGPerKwh: 0.6,
};
const MAIN_MSD: EngineFactors = {
  bsfcGPerKwh: { MGO: 205, HFO: 215 },
  noxGPerKwh: [
    [13.2, 14.0],
    [12.2, 13.0],
    [10.5, 11.2],
    [2.6, 2.8],
  ],
  coGPerKwh: 1.1,
  hcGPerKwh: 0.5,
};
const ST: EngineFactors = {
  bsfcGPerKwh: { MGO: 300, HFO: 305 },
  noxGPerKwh: [[2.0, 2.1]],
  coGPerKwh: 0.2,
  hcGPerKwh: 0.1,
  pm10FixedGPerKwh: ST_PM,
};
const GT: EngineFactors = {
  bsfcGPerKwh: { MGO: 300, HFO: 305 },
  noxGPerKwh: [[5.7, 6.1]],
  coGPerKwh: 0.2,
  hcGPerKwh: 0.1,
  pm10FixedGPerKwh: GT_PM,
};
const LNG: EngineFactors = {
  bsfcGPerKwh: { LNG: 166 },
  noxGPerKwh: [[1.3, 1.3]],
  coGPerKwh: 1.3,
  hcGPerKwh: 0,
  pm10FixedGPerKwh: LNG_PM,
};

export const PROPULSION_FACTORS: Readonly<Record<EpaPropulsionEngine, EngineFactors>> = {
  SSD,
  MSD: MAIN_MSD,
  'MSD-ED': MAIN_MSD,
  ST,
  GT,
  'GT-ED': GT,
  LNG,
};

export const AUX_FACTORS: Readonly<Record<EpaAuxEngine, EngineFactors>> = {
  MSD: {
    bsfcGPerKwh: { MGO: 217, HFO: 227 },
    noxGPerKwh: [
      [13.8, 14.7],
      [12.2, 13.0],
      [10.5, 11.2],
      [2.6, 2.8],
    ],
    coGPerKwh: 1.1,
    hcGPerKwh: 0.4,
  },
  HSD: {
    bsfcGPerKwh: { MGO: 217, HFO: 227 },
    noxGPerKwh: [
      [10.9, 11.6],
      [9.8, 10.4],
      [7.7, 8.2],
      [2.0, 2.1],
    ],
    coGPerKwh: 0.9,
    hcGPerKwh: 0.4,
  },
  LNG,
};

/** Boilers: the steam row of the table (same BSFC, NOx, CO, HC; PM the steam-turbine fixed value). */
export const BOILER_FACTORS: EngineFactors = ST;

/** EPA Cf, g CO2 per g fuel (§2.2): MGO 3.206, HFO 3.114, LNG 2.75. */
export const EPA_CF: Readonly<Record<EpaFuel, number>> = { MGO: 3.206, HFO: 3.114, LNG: 2.75 };

/** Nominal PM10 of the fuel-based formula, g/kWh (§2.1): MGO/MDO 0.1545, HFO 0.5761. */
export const PM_NOMINAL_GPERKWH: Readonly<Record<'MGO' | 'HFO', number>> = { MGO: 0.1545, HFO: 0.5761 };

/** Default sulphur, % (§2.1): 0.1 % MGO (ECA), 0.5 % HFO (outside the ECA). LNG: SO2 = BSFC · 2e-4. */
export const EPA_DEFAULT_SULPHUR_PCT: Readonly<Record<EpaFuel, number>> = { MGO: 0.1, HFO: 0.5, LNG: 0 };

/** The EPA NOx threshold under which a Tier III engine's SCR is assumed off (`calcEF_NOx.r`, scrThreshold 0.25). */
export const SCR_THRESHOLD_LOAD = 0.25;

export const EPA_MODES = ['transit', 'maneuvering', 'hotelling', 'anchorage'] as const;
export type EpaMode = (typeof EPA_MODES)[number];
export type ModePowerKw = Readonly<Record<EpaMode, number>>;

/** Container-ship auxiliary and boiler defaults, kW by mode (§2.4), by the subtype's nominal TEU. */
export const CONTAINER_EPA_DEFAULTS: readonly { teu: number; aux: ModePowerKw; boiler: ModePowerKw }[] = [
  { teu: 1_000, aux: m(300, 550, 340, 300), boiler: m(0, 120, 120, 120) },
  { teu: 3_000, aux: m(1_230, 1_800, 700, 1_230), boiler: m(0, 350, 350, 350) },
  { teu: 8_000, aux: m(1_420, 2_600, 970, 1_420), boiler: m(0, 450, 450, 450) },
  { teu: 14_500, aux: m(1_960, 3_330, 1_200, 1_960), boiler: m(0, 630, 630, 630) },
];

function m(transit: number, maneuvering: number, hotelling: number, anchorage: number): ModePowerKw {
  return { transit, maneuvering, hotelling, anchorage };
}

/**
 * The subtype of a container ship of `teu`: the one whose nominal size is nearest on a log scale (a decision,
 * docs/emissions.md: the reference gives the four subtypes without their bin edges).
 */
export function containerEpaDefaults(teu: number): (typeof CONTAINER_EPA_DEFAULTS)[number] {
  let best = CONTAINER_EPA_DEFAULTS[0]!;
  for (const row of CONTAINER_EPA_DEFAULTS) {
    if (Math.abs(Math.log(teu / row.teu)) < Math.abs(Math.log(teu / best.teu))) best = row;
  }
  return best;
}

/** Maximum speed from service speed when only the latter is known: `MS = SS / 0.94` (§2.1, `calcPropPwr.r`). */
export const SERVICE_TO_MAX_SPEED = 0.94;
