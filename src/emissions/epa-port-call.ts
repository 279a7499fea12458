/**
 * US EPA Ports Emissions Inventory Guidance (EPA-420-B-22-011, 2022) per call and mode, as implemented by
 * USEPA/Marine_Emissions_Tools (../shared/reference/emissions-methods.md §2):
 * `E [g] = P [kW] · LF · A [h] · EF [g/kWh] · LLAF`, propeller law `LF = (AS/MS)^3 · (1 + SM/100)` clamped to
 * [0.02, 1] (speed 0: LF 0), LLAF on propulsion engines only (not electric drive), Tier III NOx at Tier II below
 * 25 % load, fuel-based CO2, SO2 and PM10 from the baseline BSFC (CO2 and fuel take the CO2 LLAF; the load-dependent
 * BSFC curve is not applied on top, so CO2 is not counted twice).
 */
import {
  AUX_FACTORS,
  BOILER_FACTORS,
  containerEpaDefaults,
  EPA_CF,
  EPA_DEFAULT_SULPHUR_PCT,
  type EngineFactors,
  type EpaFuel,
  type EpaMode,
  PM_NOMINAL_GPERKWH,
  PROPULSION_FACTORS,
  SCR_THRESHOLD_LOAD,
  SERVICE_TO_MAX_SPEED,
  type Tier,
  tierOf,
} from './epa-factors.js';
import type { EpaPortCallRequest } from './epa-port-call-schema.js';
import { EmissionsInputError } from './emissions-input-error.js';
import { lowLoadFactor, lowLoadFactorSo2 } from './low-load.js';
import { type PollutantsG, sumPollutants } from './pollutants.js';

export interface EmissionFactorsGPerKwh {
  readonly bsfc: number;
  readonly co2: number;
  readonly so2: number;
  readonly nox: number;
  readonly pm10: number;
  readonly pm25: number;
  readonly co: number;
  readonly hc: number;
}

export interface LowLoadFactors {
  readonly co2: number;
  readonly so2: number;
  readonly nox: number;
  readonly pm: number;
  readonly co: number;
  readonly hc: number;
}

export interface EngineGroupResult {
  readonly group: 'propulsion' | 'auxiliary' | 'boiler';
  readonly engine: string;
  readonly fuel: EpaFuel;
  readonly tier: Tier;
  /** Installed (propulsion) or demanded (auxiliary, boiler) power, kW. */
  readonly powerKw: number;
  /** Propulsion load factor (fraction of MCR); 1 for auxiliary and boiler, whose power is already the load. */
  readonly loadFactor: number;
  readonly hours: number;
  readonly energyKwh: number;
  readonly emissionFactorsGPerKwh: EmissionFactorsGPerKwh;
  readonly lowLoadFactors: LowLoadFactors;
  readonly fuelG: number;
  readonly pollutants: PollutantsG;
}

export interface EpaModeResult {
  readonly mode: EpaMode;
  readonly hours: number;
  readonly speedKn: number;
  readonly engines: readonly EngineGroupResult[];
  readonly fuelG: number;
  readonly pollutants: PollutantsG;
}

export interface EpaPortCallResult {
  readonly method: 'epa-port-call';
  readonly maxSpeedKn: number;
  readonly tier: Tier;
  readonly sulphurPct: number;
  readonly modes: readonly EpaModeResult[];
  readonly fuelG: number;
  readonly pollutants: PollutantsG;
}

const NO_LLAF: LowLoadFactors = { co2: 1, so2: 1, nox: 1, pm: 1, co: 1, hc: 1 };

/** LF by the propeller law (§2.1). */
export function propellerLoadFactor(speedKn: number, maxSpeedKn: number, serviceMarginPct = 0): number {
  if (speedKn <= 0) return 0;
  const lf = (speedKn / maxSpeedKn) ** 3 * (1 + serviceMarginPct / 100);
  return Math.min(1, Math.max(0.02, lf));
}

export function factorsFor(
  engine: EngineFactors,
  fuel: EpaFuel,
  tier: Tier,
  sulphurPct: number,
  pointer: string,
): EmissionFactorsGPerKwh {
  const bsfc = engine.bsfcGPerKwh[fuel];
  if (bsfc === undefined) {
    throw new EmissionsInputError(pointer, `the EPA tables have no ${fuel} factors for this engine`);
  }
  const noxRow = engine.noxGPerKwh[Math.min(tier, engine.noxGPerKwh.length - 1)]!;
  const nox = fuel === 'HFO' ? noxRow[1] : noxRow[0];
  const fixedPm = engine.pm10FixedGPerKwh?.[fuel];
  const pm10 = fixedPm ?? (fuel === 'LNG' ? 0 : PM_NOMINAL_GPERKWH[fuel] + sulphurPct * bsfc * 2.247 * 7 * 1e-4);
  const so2 = fuel === 'LNG' ? bsfc * 2e-4 : bsfc * 2 * 0.97753 * (sulphurPct / 100);
  return {
    bsfc,
    co2: bsfc * EPA_CF[fuel],
    so2,
    nox,
    pm10,
    pm25: 0.92 * pm10,
    co: engine.coGPerKwh,
    hc: engine.hcGPerKwh,
  };
}

function groupResult(
  group: EngineGroupResult['group'],
  engine: string,
  fuel: EpaFuel,
  tier: Tier,
  powerKw: number,
  loadFactor: number,
  hours: number,
  ef: EmissionFactorsGPerKwh,
  llaf: LowLoadFactors,
): EngineGroupResult {
  const energyKwh = powerKw * loadFactor * hours;
  const e = (efGPerKwh: number, factor: number): number => energyKwh * efGPerKwh * factor;
  return {
    group,
    engine,
    fuel,
    tier,
    powerKw,
    loadFactor,
    hours,
    energyKwh,
    emissionFactorsGPerKwh: ef,
    lowLoadFactors: llaf,
    fuelG: e(ef.bsfc, llaf.co2),
    pollutants: {
      co2G: e(ef.co2, llaf.co2),
      ch4G: 0,
      n2oG: 0,
      so2G: e(ef.so2, llaf.so2),
      noxG: e(ef.nox, llaf.nox),
      pm10G: e(ef.pm10, llaf.pm),
      pm25G: e(ef.pm25, llaf.pm),
      coG: e(ef.co, llaf.co),
      hcG: e(ef.hc, llaf.hc),
    },
  };
}

export function computeEpaPortCall(request: EpaPortCallRequest): EpaPortCallResult {
  const { ship } = request;
  const maxSpeedKn = ship.maxSpeedKn ?? ship.serviceSpeedKn! / SERVICE_TO_MAX_SPEED;
  const turbineOrGas = ['ST', 'GT', 'GT-ED', 'LNG'].includes(ship.propulsionEngine);
  const tier = ship.tier ?? tierOf(ship.keelLaidYear, turbineOrGas);
  const auxTier: Tier = ship.auxEngine === 'LNG' ? 0 : (ship.tier ?? tierOf(ship.keelLaidYear, false));
  const sulphurPct = ship.sulphurPct ?? EPA_DEFAULT_SULPHUR_PCT[ship.fuel];
  const auxFuel = ship.auxFuel ?? (ship.auxEngine === 'LNG' ? 'LNG' : ship.fuel === 'LNG' ? 'MGO' : ship.fuel);
  const boilerFuel = ship.boilerFuel ?? (ship.fuel === 'LNG' ? 'MGO' : ship.fuel);
  const sulphurOf = (fuel: EpaFuel): number => (fuel === ship.fuel ? sulphurPct : EPA_DEFAULT_SULPHUR_PCT[fuel]);
  const defaults = ship.containerTeu === undefined ? undefined : containerEpaDefaults(ship.containerTeu);
  const electricDrive = ship.propulsionEngine === 'MSD-ED' || ship.propulsionEngine === 'GT-ED';

  const modes = request.modes.map((leg): EpaModeResult => {
    // Propulsion is off while hotelling at berth and at anchor (docs/emissions.md "Decisions"): a drift speed there
    // must not become the 2 % floor load of the propeller law.
    const propulsionOff = leg.mode === 'hotelling' || leg.mode === 'anchorage';
    const lf = propulsionOff ? 0 : propellerLoadFactor(leg.speedKn, maxSpeedKn, request.serviceMarginPct);
    // Tier III engines run their SCR only above 25 % load; below it their NOx is Tier II's (`calcEF_NOx.r`).
    const propTier: Tier = tier === 3 && lf < SCR_THRESHOLD_LOAD ? 2 : tier;
    const propEf = factorsFor(PROPULSION_FACTORS[ship.propulsionEngine], ship.fuel, propTier, sulphurPct, '/ship/fuel');
    const llaf: LowLoadFactors =
      electricDrive || lf === 0
        ? NO_LLAF
        : {
            co2: lowLoadFactor('co2', lf),
            so2: ship.fuel === 'LNG' ? 1 : lowLoadFactorSo2(lf, sulphurPct),
            nox: lowLoadFactor('nox', lf),
            pm: lowLoadFactor('pm', lf),
            co: lowLoadFactor('co', lf),
            hc: lowLoadFactor('hc', lf),
          };
    const auxKw = ship.auxKw?.[leg.mode] ?? defaults?.aux[leg.mode];
    const boilerKw = ship.boilerKw?.[leg.mode] ?? defaults?.boiler[leg.mode];
    if (auxKw === undefined) {
      throw new EmissionsInputError(
        `/ship/auxKw/${leg.mode}`,
        `no default auxiliary load: give it (or ship.containerTeu)`,
      );
    }
    if (boilerKw === undefined) {
      throw new EmissionsInputError(
        `/ship/boilerKw/${leg.mode}`,
        `no default boiler load: give it (or ship.containerTeu)`,
      );
    }
    const engines = [
      groupResult(
        'propulsion',
        ship.propulsionEngine,
        ship.fuel,
        propTier,
        ship.propulsionMcrKw,
        lf,
        leg.hours,
        propEf,
        llaf,
      ),
      groupResult(
        'auxiliary',
        ship.auxEngine,
        auxFuel,
        auxTier,
        auxKw,
        1,
        leg.hours,
        factorsFor(AUX_FACTORS[ship.auxEngine], auxFuel, auxTier, sulphurOf(auxFuel), '/ship/auxFuel'),
        NO_LLAF,
      ),
      groupResult(
        'boiler',
        'boiler',
        boilerFuel,
        0,
        boilerKw,
        1,
        leg.hours,
        factorsFor(BOILER_FACTORS, boilerFuel, 0, sulphurOf(boilerFuel), '/ship/boilerFuel'),
        NO_LLAF,
      ),
    ];
    return {
      mode: leg.mode,
      hours: leg.hours,
      speedKn: leg.speedKn,
      engines,
      fuelG: engines.reduce((s, e) => s + e.fuelG, 0),
      pollutants: sumPollutants(engines.map((e) => e.pollutants)),
    };
  });
  return {
    method: 'epa-port-call',
    maxSpeedKn,
    tier,
    sulphurPct,
    modes,
    fuelG: modes.reduce((s, m) => s + m.fuelG, 0),
    pollutants: sumPollutants(modes.map((m) => m.pollutants)),
  };
}
