/**
 * Particulars of a container ship the product knows only from AIS (length) and, where the port authority registered
 * them, from the particulars register (green-corridor-config `vessels`). What neither says is estimated from typical
 * ships of each size class (Panamax 4,500 TEU: 294 m, ~36 MW, 24.5 kn; neo-Panamax 14,000 TEU: 366 m, ~70 MW; 20,000
 * TEU: 400 m, ~60 MW at 22.5 kn — the figures the simulator's fleet is drawn from, docs/simulator.md), and every
 * estimated field is named in `estimated`.
 */
import type { FuelPathway } from './fueleu-factors.js';
import type { Fuel } from './fuels.js';
import type { Ghg4Engine } from './ghg4-factors.js';
import type { Ghg4Ship } from './ghg4-interval-schema.js';
import { typicalDesignSpeedKnOfTeu, typicalMcrKwOfTeu, typicalTeuOfLength } from './typical-container-ship.js';

/** TEU assumed when neither the register nor AIS gives a size (the middle of the transpacific fleet). */
export const FALLBACK_TEU = 10_000;
/** Build year assumed when unknown: the GHG4 ≥2001 SFC era. */
export const FALLBACK_BUILT_YEAR = 2010;

/** The GHG4 fuel and main engine of a FuelEU pathway (LPG is not carried by GHG4 Table 19: treated as MDO). */
export function ghg4FuelOf(pathway: FuelPathway): { fuel: Fuel; engine: Ghg4Engine } {
  if (pathway.startsWith('LNG_')) return { fuel: 'LNG', engine: pathway === 'LNG_LBSI' ? 'LBSI' : 'LNG-Otto-MS' };
  if (pathway.includes('METHANOL')) return { fuel: 'METHANOL', engine: 'SSD' };
  if (pathway === 'HFO' || pathway === 'LFO') return { fuel: pathway, engine: 'SSD' };
  return { fuel: 'MDO', engine: 'SSD' };
}

/** The FuelEU pathway of a GHG4 fuel group: the ship's own pathway when it burns the main fuel. */
export function pathwayOf(fuel: Fuel, mainPathway: FuelPathway): FuelPathway {
  if (ghg4FuelOf(mainPathway).fuel === fuel) return mainPathway;
  if (fuel === 'LNG') return 'LNG_OTTO_MS';
  if (fuel === 'METHANOL') return 'METHANOL_FOSSIL';
  return fuel;
}

export interface KnownParticulars {
  readonly lengthM?: number | null | undefined;
  readonly teu?: number | null | undefined;
  readonly mainEngineMcrKw?: number | null | undefined;
  readonly designSpeedKn?: number | null | undefined;
  readonly builtYear?: number | null | undefined;
  readonly fuel: FuelPathway;
}

export interface EstimatedShip {
  readonly ship: Ghg4Ship;
  readonly pathway: FuelPathway;
  /** The fields that were estimated (from length, else the fallback size). */
  readonly estimated: readonly ('teu' | 'mainEngineMcrKw' | 'designSpeedKn' | 'builtYear')[];
}

export function estimateContainerShip(known: KnownParticulars): EstimatedShip {
  const estimated: EstimatedShip['estimated'][number][] = [];
  let teu = known.teu ?? undefined;
  if (teu === undefined) {
    estimated.push('teu');
    teu = known.lengthM ? Math.round(typicalTeuOfLength(known.lengthM) / 10) * 10 : FALLBACK_TEU;
  }
  let mcr = known.mainEngineMcrKw ?? undefined;
  if (mcr === undefined) {
    estimated.push('mainEngineMcrKw');
    mcr = Math.round(typicalMcrKwOfTeu(teu) / 100) * 100;
  }
  let speed = known.designSpeedKn ?? undefined;
  if (speed === undefined) {
    estimated.push('designSpeedKn');
    speed = typicalDesignSpeedKnOfTeu(teu);
  }
  let built = known.builtYear ?? undefined;
  if (built === undefined) {
    estimated.push('builtYear');
    built = FALLBACK_BUILT_YEAR;
  }
  const { fuel, engine } = ghg4FuelOf(known.fuel);
  return {
    ship: {
      shipType: 'container',
      teu,
      mainEngineMcrKw: mcr,
      designSpeedKn: speed,
      mainEngine: engine,
      builtYear: built,
      fuel,
    },
    pathway: known.fuel,
    estimated,
  };
}
