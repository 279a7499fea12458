/**
 * Shore power (at-berth electrification), ../shared/reference/emissions-methods.md §2.5:
 * `ΔE_p = P_aux,hotel · T_connected · (EF_aux,p − EF_grid,p)`. The ship's hotelling auxiliary (and, when it heats
 * electrically, boiler) load is served from the grid for the connected hours; unconnected hours (cable on/off) stay on
 * the engines. Ship emission factors are the EPA 2022 auxiliary and boiler factors (§2.2); grid energy is the load
 * divided by (1 − transmission and distribution loss).
 */
import {
  AUX_FACTORS,
  BOILER_FACTORS,
  containerEpaDefaults,
  EPA_DEFAULT_SULPHUR_PCT,
  type Tier,
  tierOf,
} from './epa-factors.js';
import { factorsFor, type EmissionFactorsGPerKwh } from './epa-port-call.js';
import { EmissionsInputError } from './emissions-input-error.js';
import { type PollutantsG, subtractPollutants, sumPollutants, ZERO_POLLUTANTS } from './pollutants.js';
import type { ShorePowerRequest } from './shore-power-schema.js';

/**
 * Default grid CO2 factor, g/kWh: California (eGRID subregion CAMX, where the San Pedro Bay ports draw power),
 * about 225 g/kWh (≈ 497 lb/MWh, eGRID2022) — [R] recalled, not read in a source during this work: set `grid.co2GPerKwh`
 * from eGRID or the utility for a real inventory (docs/emissions.md).
 */
export const DEFAULT_GRID_CO2_G_PER_KWH = 225;
/** Default transmission and distribution loss, % ([R], order of eGRID's WECC grid gross loss). */
export const DEFAULT_GRID_LOSS_PCT = 5;

export interface ShorePowerResult {
  readonly method: 'shore-power';
  readonly hotellingAuxKw: number;
  readonly hotellingBoilerKw: number;
  readonly tier: Tier;
  readonly auxEmissionFactorsGPerKwh: EmissionFactorsGPerKwh;
  readonly boilerEmissionFactorsGPerKwh: EmissionFactorsGPerKwh;
  readonly berthHours: number;
  readonly connectedHours: number;
  /** Ship energy served from shore, kWh (at the ship). */
  readonly shorePowerKwh: number;
  /** Energy drawn from the grid, kWh (with transmission and distribution loss). */
  readonly gridKwh: number;
  readonly gridCo2GPerKwh: number;
  readonly gridLossPct: number;
  /** At-berth ship emissions without shore power. */
  readonly shipBaseline: PollutantsG;
  /** At-berth ship emissions with shore power for the connected hours. */
  readonly shipWithShorePower: PollutantsG;
  readonly shipAvoided: PollutantsG;
  readonly grid: PollutantsG;
  /** shipAvoided − grid (positive: a reduction). */
  readonly netReduction: PollutantsG;
}

function fromEnergy(kwh: number, ef: EmissionFactorsGPerKwh): PollutantsG {
  return {
    ...ZERO_POLLUTANTS,
    co2G: kwh * ef.co2,
    so2G: kwh * ef.so2,
    noxG: kwh * ef.nox,
    pm10G: kwh * ef.pm10,
    pm25G: kwh * ef.pm25,
    coG: kwh * ef.co,
    hcG: kwh * ef.hc,
  };
}

/** `defaultGridCo2GPerKwh`: the grid factor when the request gives none (the server's `OPENPCS_GRID_CO2_G_PER_KWH`). */
export function computeShorePower(
  request: ShorePowerRequest,
  defaultGridCo2GPerKwh: number = DEFAULT_GRID_CO2_G_PER_KWH,
): ShorePowerResult {
  const { ship, grid } = request;
  const defaults = ship.containerTeu === undefined ? undefined : containerEpaDefaults(ship.containerTeu);
  const auxKw = ship.hotellingAuxKw ?? defaults?.aux.hotelling;
  const boilerKw = ship.hotellingBoilerKw ?? defaults?.boiler.hotelling;
  if (auxKw === undefined) {
    throw new EmissionsInputError('/ship/hotellingAuxKw', 'give it, or ship.containerTeu for the EPA default');
  }
  if (boilerKw === undefined) {
    throw new EmissionsInputError('/ship/hotellingBoilerKw', 'give it, or ship.containerTeu for the EPA default');
  }
  const tier: Tier = ship.auxEngine === 'LNG' ? 0 : (ship.tier ?? tierOf(ship.keelLaidYear, false));
  const sulphurPct = ship.sulphurPct ?? EPA_DEFAULT_SULPHUR_PCT[ship.auxFuel];
  const auxEf = factorsFor(AUX_FACTORS[ship.auxEngine], ship.auxFuel, tier, sulphurPct, '/ship/auxFuel');
  const boilerEf = factorsFor(
    BOILER_FACTORS,
    ship.boilerFuel,
    0,
    EPA_DEFAULT_SULPHUR_PCT[ship.boilerFuel],
    '/ship/boilerFuel',
  );
  const unconnected = request.berthHours - request.connectedHours;

  const shipBaseline = sumPollutants([
    fromEnergy(auxKw * request.berthHours, auxEf),
    fromEnergy(boilerKw * request.berthHours, boilerEf),
  ]);
  const boilerOnShip = ship.boilerElectrified ? unconnected : request.berthHours;
  const shipWithShorePower = sumPollutants([
    fromEnergy(auxKw * unconnected, auxEf),
    fromEnergy(boilerKw * boilerOnShip, boilerEf),
  ]);
  const shorePowerKwh = (auxKw + (ship.boilerElectrified ? boilerKw : 0)) * request.connectedHours;
  const gridLossPct = grid.transmissionLossPct ?? DEFAULT_GRID_LOSS_PCT;
  const gridKwh = shorePowerKwh / (1 - gridLossPct / 100);
  const gridCo2GPerKwh = grid.co2GPerKwh ?? defaultGridCo2GPerKwh;
  const gridPollutants: PollutantsG = {
    ...ZERO_POLLUTANTS,
    co2G: gridKwh * gridCo2GPerKwh,
    ch4G: gridKwh * grid.ch4GPerKwh,
    n2oG: gridKwh * grid.n2oGPerKwh,
    so2G: gridKwh * grid.so2GPerKwh,
    noxG: gridKwh * grid.noxGPerKwh,
    pm10G: gridKwh * grid.pm10GPerKwh,
    pm25G: gridKwh * grid.pm10GPerKwh,
  };
  const shipAvoided = subtractPollutants(shipBaseline, shipWithShorePower);
  return {
    method: 'shore-power',
    hotellingAuxKw: auxKw,
    hotellingBoilerKw: boilerKw,
    tier,
    auxEmissionFactorsGPerKwh: auxEf,
    boilerEmissionFactorsGPerKwh: boilerEf,
    berthHours: request.berthHours,
    connectedHours: request.connectedHours,
    shorePowerKwh,
    gridKwh,
    gridCo2GPerKwh,
    gridLossPct,
    shipBaseline,
    shipWithShorePower,
    shipAvoided,
    grid: gridPollutants,
    netReduction: subtractPollutants(shipAvoided, gridPollutants),
  };
}
