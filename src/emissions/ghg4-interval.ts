/**
 * IMO Fourth GHG Study 2020 bottom-up method for one AIS interval (../shared/reference/emissions-methods.md §1):
 * operating phase (Table 16), main-engine load by the propeller law with draught, weather and fouling corrections,
 * auxiliary and boiler power by phase (Table 17), SFC (Table 19 and the load curve), fuel, then CO2 and SOx from fuel
 * (no low-load factor: the SFC curve already raises fuel at low load), CH4/N2O from fuel (FuelEU Annex II defaults,
 * LNG slip as a share of fuel), PM10 by GHG4 eq. 16, and NOx/CO/HC from the EPA 2022 g/kWh tables by tier (the GHG4
 * tables for these are not in the reference; docs/emissions.md "Decisions"), with the EPA low-load factors on the
 * main engine below 20 % load.
 */
import {
  AUX_FACTORS,
  BOILER_FACTORS,
  type EngineFactors,
  PROPULSION_FACTORS,
  SCR_THRESHOLD_LOAD,
  type Tier,
  tierOf,
} from './epa-factors.js';
import { EmissionsInputError } from './emissions-input-error.js';
import { type Fuel, FUEL_PROPERTIES, so2FromFuelG } from './fuels.js';
import {
  containerAuxBoilerKw,
  designSpeedCorrection,
  type Ghg4Engine,
  type Ghg4Phase,
  HULL_FOULING_EFFICIENCY,
  isSmallForWeather,
  SFC_CURVE_ENGINES,
  sfcBaseGPerKwh,
  sfcCurveFactor,
  WEATHER_EFFICIENCY_OTHER,
  WEATHER_EFFICIENCY_SMALL,
} from './ghg4-factors.js';
import type { Ghg4Interval, Ghg4IntervalRequest, Ghg4Ship } from './ghg4-interval-schema.js';
import { lowLoadFactor } from './low-load.js';
import { type PollutantsG, sumPollutants } from './pollutants.js';

/** Operating phases of GHG4 Table 16; the at-sea phase split by load. */
export type Ghg4OperatingPhase = 'berth' | 'anchored' | 'manoeuvring' | 'slow_steaming' | 'normal_cruising';

/** Draught exponent of the propeller law (GHG4 as coded by MTCC-LatAm; ceto uses 2/3, < 0.1 % apart on load). */
export const DRAUGHT_EXPONENT = 0.66;
/** Load above which an at-sea interval is normal cruising, at or below slow steaming (Table 16). */
export const SLOW_STEAMING_MAX_LOAD = 0.65;

/**
 * CH4 slip of LNG engines, % of fuel mass (FuelEU Annex II defaults via SINTEF/FEEMS, emissions-methods.md §4.3):
 * Otto medium-speed 3.1 (auxiliary LNG engines are taken as Otto medium-speed), LBSI 2.6; turbines and boilers 0.
 */
const METHANE_SLIP_PCT: Partial<Record<Ghg4Engine | 'AUX', number>> = { 'LNG-Otto-MS': 3.1, LBSI: 2.6, AUX: 3.1 };

export interface Ghg4LoadResult {
  /** Main-engine load (fraction of MCR), capped at 1. */
  readonly load: number;
  readonly designSpeedCorrection: number;
  readonly weatherEfficiency: number;
  readonly foulingEfficiency: number;
  readonly draughtRatio: number;
  readonly speedRatio: number;
}

/** `L = δw · (T/Tref)^0.66 · (V/Vref)^3 / (ηw · ηf)`, capped at 1.0 (§1.1). */
export function mainEngineLoad(
  ship: Ghg4Ship,
  interval: Pick<Ghg4Interval, 'speedOverGroundKn' | 'draughtM'>,
): Ghg4LoadResult {
  const size = { teu: ship.teu, dwt: ship.dwt, gt: ship.gt };
  const dw = designSpeedCorrection(ship.shipType, size);
  const ew = isSmallForWeather(ship.shipType, size) ? WEATHER_EFFICIENCY_SMALL : WEATHER_EFFICIENCY_OTHER;
  const draughtRatio =
    interval.draughtM !== undefined && ship.designDraughtM !== undefined ? interval.draughtM / ship.designDraughtM : 1;
  const speedRatio = interval.speedOverGroundKn / ship.designSpeedKn;
  const raw = (dw * draughtRatio ** DRAUGHT_EXPONENT * speedRatio ** 3) / (ew * HULL_FOULING_EFFICIENCY);
  return {
    load: Math.min(1, raw),
    designSpeedCorrection: dw,
    weatherEfficiency: ew,
    foulingEfficiency: HULL_FOULING_EFFICIENCY,
    draughtRatio,
    speedRatio,
  };
}

/** The GHG4 Table 16 phase of an interval (as coded by MTCC-LatAm `op_phase_recog`, §1.2). */
export function operatingPhase(ship: Ghg4Ship, interval: Ghg4Interval, load: number): Ghg4OperatingPhase {
  const atSea = (): Ghg4OperatingPhase => (load > SLOW_STEAMING_MAX_LOAD ? 'normal_cruising' : 'slow_steaming');
  if (interval.phase !== undefined) return interval.phase === 'sea' ? atSea() : interval.phase;
  const sog = interval.speedOverGroundKn;
  const port = interval.distanceToPortNm ?? Number.POSITIVE_INFINITY;
  const coast = interval.distanceToCoastNm ?? Number.POSITIVE_INFINITY;
  if (sog <= 1) return port <= 5 ? 'berth' : 'anchored';
  if (sog <= 3) return 'anchored';
  if (sog <= 5) return port <= 5 || coast <= 5 ? 'manoeuvring' : atSea();
  const tanker = ['oil_tanker', 'chemical_tanker', 'liquefied_gas_tanker'].includes(ship.shipType);
  if (port <= 1 && !tanker) return 'manoeuvring';
  return atSea();
}

const tableColumn = (phase: Ghg4OperatingPhase): Ghg4Phase =>
  phase === 'slow_steaming' || phase === 'normal_cruising' ? 'sea' : phase;

/**
 * Auxiliary and boiler power of the phase, kW: the request's, else the small-engine rules, else Table 17; the
 * auxiliary load is then bounded by the installed auxiliary power when it is known (`auxInstalledKw`: a generator
 * set cannot deliver more than its rating; docs/emissions.md Decisions). `auxCapped` says the bound applied.
 */
export function auxiliaryAndBoilerKw(
  ship: Ghg4Ship,
  column: Ghg4Phase,
): { auxKw: number; boilerKw: number; auxCapped: boolean } {
  const table = ship.shipType === 'container' && ship.teu !== undefined ? containerAuxBoilerKw(ship.teu) : undefined;
  let auxKw = ship.auxKw?.[column];
  if (auxKw === undefined) {
    // ceto `estimate_auxiliary_power_demand`: no auxiliary engines under 150 kW installed, 5 % of it up to 500 kW.
    if (ship.mainEngineMcrKw < 150) auxKw = 0;
    else if (ship.mainEngineMcrKw <= 500) auxKw = 0.05 * ship.mainEngineMcrKw;
    else auxKw = table?.aux[column];
  }
  const boilerKw = ship.boilerKw?.[column] ?? (ship.mainEngineMcrKw <= 500 ? 0 : table?.boiler[column]);
  if (auxKw === undefined) {
    throw new EmissionsInputError(
      `/ship/auxKw/${column}`,
      'GHG4 Table 17 defaults are carried for container ships only (give ship.teu); give the auxiliary power',
    );
  }
  if (boilerKw === undefined) {
    throw new EmissionsInputError(
      `/ship/boilerKw/${column}`,
      'GHG4 Table 17 defaults are carried for container ships only (give ship.teu); give the boiler power',
    );
  }
  const auxCapped = ship.auxInstalledKw !== undefined && auxKw > ship.auxInstalledKw;
  return { auxKw: auxCapped ? ship.auxInstalledKw! : auxKw, boilerKw, auxCapped };
}

export interface Ghg4GroupResult {
  readonly group: 'main' | 'auxiliary' | 'boiler';
  readonly fuel: Fuel;
  readonly powerKw: number;
  readonly energyKwh: number;
  readonly sfcGPerKwh: number;
  readonly fuelG: number;
  readonly noxTier: Tier;
  readonly emissionFactorsGPerKwh: {
    readonly nox: number;
    readonly pm10: number;
    readonly co: number;
    readonly hc: number;
  };
  /** EPA low-load factors applied to the energy-based pollutants (main engine below 20 % load; 1 otherwise). */
  readonly lowLoadFactors: { readonly nox: number; readonly pm: number; readonly co: number; readonly hc: number };
  readonly pollutants: PollutantsG;
}

export interface Ghg4IntervalResult {
  readonly hours: number;
  readonly speedOverGroundKn: number;
  readonly phase: Ghg4OperatingPhase;
  readonly mainEngine: Ghg4LoadResult & { readonly powerKw: number };
  readonly groups: readonly Ghg4GroupResult[];
  readonly fuelG: number;
  readonly pollutants: PollutantsG;
}

export interface Ghg4Result {
  readonly method: 'ghg4-interval';
  readonly intervals: readonly Ghg4IntervalResult[];
  readonly fuelG: number;
  readonly fuelGByType: Readonly<Partial<Record<Fuel, number>>>;
  readonly pollutants: PollutantsG;
}

/** PM10, g/kWh, GHG4 eq. 16 (per maru `pm.py`), sulphur as a mass fraction; LNG the EPA fixed 0.03; never below 0. */
export function ghg4Pm10GPerKwh(fuel: Fuel, sfcGPerKwh: number, sulphurPct: number): number {
  const s = sulphurPct / 100;
  const k = sfcGPerKwh * 7 * 0.02247;
  switch (fuel) {
    case 'HFO':
    case 'LFO':
      return Math.max(0, 1.35 + k * (s - 0.0246));
    case 'MDO':
      return Math.max(0, 0.23 + k * (s - 0.0024));
    case 'METHANOL':
      return 0.1 * 1.35; // 10 % of HFO at its nominal sulphur (maru).
    case 'LNG':
      return 0.03;
  }
}

function noxFactors(engine: Ghg4Engine | 'AUX' | 'BOILER'): EngineFactors {
  switch (engine) {
    case 'AUX':
      return AUX_FACTORS.MSD;
    case 'BOILER':
    case 'ST':
      return BOILER_FACTORS;
    case 'HSD':
      return AUX_FACTORS.HSD;
    case 'LNG-Otto-MS':
    case 'LBSI':
      return PROPULSION_FACTORS.LNG;
    case 'SSD':
    case 'MSD':
    case 'GT':
      return PROPULSION_FACTORS[engine];
  }
}

interface GroupSpec {
  readonly group: Ghg4GroupResult['group'];
  readonly engine: Ghg4Engine | 'AUX' | 'BOILER';
  readonly fuel: Fuel;
  readonly fuelPointer: string;
  readonly powerKw: number;
  /** Main-engine load for the SFC curve and low-load factors; undefined for auxiliaries and boilers. */
  readonly load: number | undefined;
}

function groupResult(ship: Ghg4Ship, spec: GroupSpec, hours: number, baseTier: Tier): Ghg4GroupResult {
  const sfcEngine = spec.engine === 'BOILER' ? 'ST' : spec.engine;
  const base = sfcBaseGPerKwh(sfcEngine, spec.fuel, ship.builtYear);
  if (base === null) {
    throw new EmissionsInputError(spec.fuelPointer, `GHG4 Table 19 has no SFC for ${sfcEngine} burning ${spec.fuel}`);
  }
  const curve = spec.load !== undefined && spec.engine !== 'BOILER' && SFC_CURVE_ENGINES.has(spec.engine as Ghg4Engine);
  const sfcGPerKwh = curve ? base * sfcCurveFactor(spec.load) : base;
  const energyKwh = spec.powerKw * hours;
  const fuelG = energyKwh * sfcGPerKwh;
  const props = FUEL_PROPERTIES[spec.fuel];
  const sulphurPct =
    spec.fuel === ship.fuel && ship.sulphurPct !== undefined ? ship.sulphurPct : props.defaultSulphurPct;
  const load = spec.load;
  const tier: Tier = baseTier === 3 && load !== undefined && load < SCR_THRESHOLD_LOAD ? 2 : baseTier;
  const gasEngine = spec.fuel === 'LNG' && !['BOILER', 'ST', 'GT'].includes(spec.engine);
  const table = gasEngine ? PROPULSION_FACTORS.LNG : noxFactors(spec.engine);
  const row = table.noxGPerKwh[Math.min(tier, table.noxGPerKwh.length - 1)]!;
  const residual = spec.fuel === 'HFO' || spec.fuel === 'LFO';
  const ef = {
    nox: residual ? row[1] : row[0],
    pm10: ghg4Pm10GPerKwh(spec.fuel, sfcGPerKwh, sulphurPct),
    co: table.coGPerKwh,
    hc: table.hcGPerKwh,
  };
  const llaf =
    load === undefined || load === 0
      ? { nox: 1, pm: 1, co: 1, hc: 1 }
      : {
          nox: lowLoadFactor('nox', load),
          pm: lowLoadFactor('pm', load),
          co: lowLoadFactor('co', load),
          hc: lowLoadFactor('hc', load),
        };
  const slipPct = spec.fuel === 'LNG' ? (METHANE_SLIP_PCT[spec.engine as Ghg4Engine | 'AUX'] ?? 0) : 0;
  const pm10G = energyKwh * ef.pm10 * llaf.pm;
  return {
    group: spec.group,
    fuel: spec.fuel,
    powerKw: spec.powerKw,
    energyKwh,
    sfcGPerKwh,
    fuelG,
    noxTier: tier,
    emissionFactorsGPerKwh: ef,
    lowLoadFactors: llaf,
    pollutants: {
      co2G: fuelG * props.cfCo2TPerT,
      ch4G: fuelG * props.ch4GPerGFuel + (fuelG * slipPct) / 100,
      n2oG: fuelG * props.n2oGPerGFuel,
      so2G: so2FromFuelG(fuelG, sulphurPct),
      noxG: energyKwh * ef.nox * llaf.nox,
      pm10G,
      pm25G: 0.92 * pm10G,
      coG: energyKwh * ef.co * llaf.co,
      hcG: energyKwh * ef.hc * llaf.hc,
    },
  };
}

export function computeGhg4Interval(ship: Ghg4Ship, interval: Ghg4Interval): Ghg4IntervalResult {
  const loadResult = mainEngineLoad(ship, interval);
  const phase = operatingPhase(ship, interval, loadResult.load);
  const { auxKw, boilerKw } = auxiliaryAndBoilerKw(ship, tableColumn(phase));
  const mainPowerKw = loadResult.load * ship.mainEngineMcrKw;
  const turbineOrGas = ['GT', 'ST', 'LNG-Otto-MS', 'LBSI'].includes(ship.mainEngine);
  const tier = ship.nitrogenTier ?? tierOf(ship.builtYear, turbineOrGas);
  const auxTier = ship.nitrogenTier ?? tierOf(ship.builtYear, false);
  const groups = [
    groupResult(
      ship,
      {
        group: 'main',
        engine: ship.mainEngine,
        fuel: ship.fuel,
        fuelPointer: '/ship/fuel',
        powerKw: mainPowerKw,
        load: loadResult.load,
      },
      interval.hours,
      tier,
    ),
    groupResult(
      ship,
      {
        group: 'auxiliary',
        engine: 'AUX',
        fuel: ship.auxFuel ?? auxFuelDefault(ship.fuel),
        fuelPointer: '/ship/auxFuel',
        powerKw: auxKw,
        load: undefined,
      },
      interval.hours,
      auxTier,
    ),
    groupResult(
      ship,
      {
        group: 'boiler',
        engine: 'BOILER',
        fuel: ship.boilerFuel ?? boilerFuelDefault(ship.fuel),
        fuelPointer: '/ship/boilerFuel',
        powerKw: boilerKw,
        load: undefined,
      },
      interval.hours,
      0,
    ),
  ];
  return {
    hours: interval.hours,
    speedOverGroundKn: interval.speedOverGroundKn,
    phase,
    mainEngine: { ...loadResult, powerKw: mainPowerKw },
    groups,
    fuelG: groups.reduce((s, g) => s + g.fuelG, 0),
    pollutants: sumPollutants(groups.map((g) => g.pollutants)),
  };
}

/** Auxiliary engines burn the main fuel, except methanol (no auxiliary SFC in Table 19): then MDO. */
const auxFuelDefault = (fuel: Fuel): Fuel => (fuel === 'METHANOL' ? 'MDO' : fuel);
/** Boilers burn the main fuel, except methanol: then MDO. */
const boilerFuelDefault = (fuel: Fuel): Fuel => (fuel === 'METHANOL' ? 'MDO' : fuel);

export function computeGhg4(request: Ghg4IntervalRequest): Ghg4Result {
  const intervals = request.intervals.map((interval, n) => {
    try {
      return computeGhg4Interval(request.ship, interval);
    } catch (error) {
      if (error instanceof EmissionsInputError && !error.pointer.startsWith('/ship')) {
        throw new EmissionsInputError(`/intervals/${n}${error.pointer}`, error.detail);
      }
      throw error;
    }
  });
  const fuelGByType: Partial<Record<Fuel, number>> = {};
  for (const i of intervals) for (const g of i.groups) fuelGByType[g.fuel] = (fuelGByType[g.fuel] ?? 0) + g.fuelG;
  return {
    method: 'ghg4-interval',
    intervals,
    fuelG: intervals.reduce((s, i) => s + i.fuelG, 0),
    fuelGByType,
    pollutants: sumPollutants(intervals.map((i) => i.pollutants)),
  };
}
