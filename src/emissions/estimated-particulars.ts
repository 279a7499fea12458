/**
 * Ship particulars for the per-call emissions (docs/emissions.md "Per-call emissions"), from what the product knows
 * about a vessel: its AIS static data (ship-and-cargo type, length, beam, draught). AIS carries no installed power,
 * design speed, engine, age or fuel, and no particulars feed exists yet, so every call's particulars are estimated
 * and the answer says so (`particulars: "estimated"`) with each assumption.
 *
 * Only AIS cargo ships (types 70–79) are estimated, as container ships: the GHG4 auxiliary and boiler power table
 * the reference carries is the container-ship one (Table 17, ref §1.5), and the San Pedro Bay cargo berths the
 * detector knows are container terminals. Tankers, passenger ships and harbour craft get no estimate (no sourced
 * default for their auxiliary and boiler power): their calls are listed with `status: "no_particulars"`.
 *
 * Size from length, then power and design speed from size, interpolate typical container ships of each size class
 * (Panamax 4,500 TEU: 294 m, ~36 MW, 24.5 kn; neo-Panamax 14,000 TEU: 366 m, ~70 MW, 23 kn; 20,000 TEU: 400 m,
 * ~60 MW, 22.5 kn) — the same typical ships the simulator draws its fleet around (`sim/vessel-particulars.ts`).
 */
import type { Ghg4Ship } from './ghg4-interval-schema.js';
import { typicalDesignSpeedKnOfTeu, typicalMcrKwOfTeu, typicalTeuOfLength } from './typical-container-ship.js';

/** AIS static data of a vessel as the registry keeps it. */
export interface AisStaticParticulars {
  /** ITU-R M.1371 ship-and-cargo type; null when never reported. */
  readonly aisShipType: number | null;
  readonly lengthM: number | null;
  readonly beamM: number | null;
}

export type ParticularsEstimate =
  | {
      readonly kind: 'estimated';
      readonly ship: Ghg4Ship;
      /** Every assumed value, by the `ship` field it fills, with the rule that gave it. */
      readonly assumptions: readonly {
        readonly field: string;
        readonly value: number | string;
        readonly rule: string;
      }[];
    }
  | { readonly kind: 'none'; readonly reason: string };

/**
 * Build year assumed for the engine era (Table 19, ≥ 2001) and the NOx tier (EPA `calcTier.r`: 2011–2015 → Tier II):
 * a ship of the current transpacific fleet, neither the oldest (Tier 0/I) nor the newest (Tier III, ECA-built).
 */
export const ASSUMED_BUILT_YEAR = 2012;
/**
 * Distillate at 0.1 % sulphur: the North American ECA (MARPOL Annex VI) and California's ocean-going vessel fuel
 * rule both require ≤ 0.1 % S distillate within 24 nm of the coast, the whole of a San Pedro Bay call.
 */
export const ASSUMED_FUEL = 'MDO' as const;
export const ASSUMED_SULPHUR_PCT = 0.1;

const round = (x: number, step: number): number => Math.round(x / step) * step;

export function estimateParticulars(ais: AisStaticParticulars): ParticularsEstimate {
  const type = ais.aisShipType;
  if (type === null || type < 70 || type > 79) {
    return {
      kind: 'none',
      reason:
        type === null
          ? 'no AIS ship type reported: particulars cannot be estimated'
          : `AIS ship type ${type} is not a cargo ship (70–79): the reference carries auxiliary and boiler defaults for container ships only`,
    };
  }
  if (ais.lengthM === null || ais.lengthM <= 0) {
    return { kind: 'none', reason: 'no AIS length reported: the ship size cannot be estimated' };
  }
  const teu = round(typicalTeuOfLength(ais.lengthM), 10);
  const mainEngineMcrKw = round(typicalMcrKwOfTeu(teu), 100);
  const designSpeedKn = round(typicalDesignSpeedKnOfTeu(teu), 0.1);
  const ship: Ghg4Ship = {
    shipType: 'container',
    teu,
    mainEngineMcrKw,
    designSpeedKn,
    mainEngine: 'SSD',
    builtYear: ASSUMED_BUILT_YEAR,
    fuel: ASSUMED_FUEL,
    sulphurPct: ASSUMED_SULPHUR_PCT,
  };
  return {
    kind: 'estimated',
    ship,
    assumptions: [
      { field: 'shipType', value: 'container', rule: `AIS ship type ${type} (cargo) at a container port` },
      { field: 'teu', value: teu, rule: `from AIS length ${ais.lengthM} m, typical container ships` },
      { field: 'mainEngineMcrKw', value: mainEngineMcrKw, rule: 'from TEU, typical container ships' },
      { field: 'designSpeedKn', value: designSpeedKn, rule: 'from TEU, typical container ships' },
      { field: 'mainEngine', value: 'SSD', rule: 'slow-speed diesel, the usual container-ship main engine' },
      { field: 'builtYear', value: ASSUMED_BUILT_YEAR, rule: 'SFC era ≥ 2001, NOx Tier II' },
      { field: 'fuel', value: ASSUMED_FUEL, rule: 'distillate: North American ECA and California at-berth fuel rule' },
      { field: 'sulphurPct', value: ASSUMED_SULPHUR_PCT, rule: 'ECA limit 0.1 % S' },
      { field: 'auxKw, boilerKw', value: 'GHG4 Table 17', rule: 'container row of the estimated TEU' },
      { field: 'designDraughtM', value: 'none', rule: 'unknown: draught ratio 1' },
    ],
  };
}
