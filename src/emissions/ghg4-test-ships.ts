/**
 * The ships the emissions engine's unit tests compute with, stated once so that each hand-checked figure of a
 * test names the same particulars as the next test's. Used only by `*.test.ts`.
 */
import { ghg4FuelOf } from './container-ship-estimate.js';
import type { FuelPathway } from './fueleu-factors.js';
import type { Ghg4Ship } from './ghg4-interval-schema.js';

/** A 10,000 TEU ship on MDO with its auxiliary and boiler power stated, so every figure can be checked by hand. */
export const TEN_THOUSAND_TEU_ON_MDO: Ghg4Ship = {
  shipType: 'container',
  teu: 10_000,
  mainEngineMcrKw: 50_000,
  designSpeedKn: 24,
  mainEngine: 'SSD',
  builtYear: 2010,
  fuel: 'MDO',
  auxKw: { berth: 1_000, anchored: 1_500, manoeuvring: 2_500, sea: 1_000 },
  boilerKw: { berth: 500, anchored: 500, manoeuvring: 500, sea: 0 },
};

/** 3,000 TEU container ship: GHG4 Table 17 row 3,000–4,999 (aux 1,100 / 1,350 / 2,500 / 1,400; boiler 480 / 480 / 430 / 0). */
export const THREE_THOUSAND_TEU: Ghg4Ship = {
  shipType: 'container',
  teu: 3_000,
  mainEngineMcrKw: 30_000,
  designSpeedKn: 20,
  mainEngine: 'SSD',
  builtYear: 2012,
  fuel: 'MDO',
  sulphurPct: 0.1,
};

/** The property tests' container ship of any size: 60 MW, 23 kn, built 2015, on a pathway's fuel and engine. */
export function containerShipOn(teu: number, pathway: FuelPathway): Ghg4Ship {
  const { fuel, engine } = ghg4FuelOf(pathway);
  return {
    shipType: 'container',
    teu,
    mainEngineMcrKw: 60_000,
    designSpeedKn: 23,
    mainEngine: engine,
    builtYear: 2015,
    fuel,
  };
}
