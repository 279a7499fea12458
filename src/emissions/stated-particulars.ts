/**
 * Ship particulars for the per-call emissions from a stated particulars statement (`csv-vessel-particulars`,
 * docs/emissions.md "Vessel particulars feed"), each field the statement leaves empty estimated as without one
 * (`estimated-particulars.ts`): size from the stated TEU else the AIS length, power and design speed from the TEU,
 * engine from the stated stroke or fuel, build year, fuel and sulphur as assumed for a San Pedro Bay call. The
 * answer names the statement (sender, as of) and every field it estimated. Pure.
 */
import {
  ASSUMED_BUILT_YEAR,
  ASSUMED_FUEL,
  ASSUMED_SULPHUR_PCT,
  estimateParticulars,
  type AisStaticParticulars,
} from './estimated-particulars.js';
import { FUELS, type Fuel } from './fuels.js';
import { GHG4_ENGINES, GHG4_PHASES, type Ghg4Engine } from './ghg4-factors.js';
import { auxiliaryAndBoilerKw } from './ghg4-interval.js';
import type { Ghg4Ship } from './ghg4-interval-schema.js';
import type { VesselParticularsPayload } from '../domain/vessel-particulars/vessel-particulars-statement.js';
import { typicalDesignSpeedKnOfTeu, typicalMcrKwOfTeu, typicalTeuOfLength } from './typical-container-ship.js';

/** The fields of a particulars statement (`VPAR`) that the merge reads (null = not stated). */
type StatedFields = Pick<
  VesselParticularsPayload,
  | 'shipType'
  | 'teu'
  | 'dwt'
  | 'gt'
  | 'mainEngineKw'
  | 'auxEngineKw'
  | 'designSpeedKn'
  | 'maxDraughtM'
  | 'mainEngine'
  | 'fuel'
  | 'sulphurPct'
  | 'builtYear'
>;

/** A stored statement as the merge reads it: the statement's fields, its sender and its date. */
export interface StatedParticulars extends StatedFields {
  readonly sourceOrg: string;
  /** ISO instant of the statement. */
  readonly asOf: string;
  /** As stored (an integer column); the statement itself holds 2 or 4. */
  readonly engineStroke: number | null;
}

export interface Assumption {
  readonly field: string;
  readonly value: number | string;
  readonly rule: string;
}

export type ShipParticulars =
  | {
      readonly kind: 'stated' | 'estimated';
      readonly ship: Ghg4Ship;
      readonly assumptions: readonly Assumption[];
      /** `Ghg4Ship` fields that were estimated (every one when `estimated`). */
      readonly estimatedFields: readonly string[];
      /** The statement used; null when `estimated`. */
      readonly source: { readonly sourceOrg: string; readonly asOf: string } | null;
    }
  | { readonly kind: 'none'; readonly reason: string };

/** The fields of a container ship the emissions need, in the order the answer lists them. */
export const PARTICULAR_FIELDS = [
  'shipType',
  'teu',
  'mainEngineMcrKw',
  'designSpeedKn',
  'designDraughtM',
  'mainEngine',
  'builtYear',
  'fuel',
  'sulphurPct',
] as const;

const round = (x: number, step: number): number => Math.round(x / step) * step;
const isFuel = (f: string | null): f is Fuel => f !== null && (FUELS as readonly string[]).includes(f);
const isEngine = (e: string | null): e is Ghg4Engine => e !== null && (GHG4_ENGINES as readonly string[]).includes(e);

/**
 * Particulars of a vessel: the statement's where it states them, an estimate for each field it does not; without a
 * statement, the AIS estimate. Only container ships are computed (the auxiliary and boiler defaults the reference
 * carries are the container ones), whether the type is stated or read from AIS.
 */
export function particularsOf(ais: AisStaticParticulars, stated: StatedParticulars | null): ShipParticulars {
  const estimate = estimateParticulars(ais);
  if (stated === null) {
    if (estimate.kind === 'none') return estimate;
    return {
      kind: 'estimated',
      ship: estimate.ship,
      assumptions: estimate.assumptions,
      estimatedFields: [...PARTICULAR_FIELDS],
      source: null,
    };
  }
  const assumptions: Assumption[] = [];
  const estimated: string[] = [];
  const assume = (field: string, value: number | string, rule: string): void => {
    assumptions.push({ field, value, rule });
    estimated.push(field);
  };
  const from = `stated by ${stated.sourceOrg} as of ${stated.asOf}`;
  if (stated.shipType !== null && stated.shipType !== 'container') {
    return {
      kind: 'none',
      reason: `ship type ${stated.shipType} (${from}) is not a container ship: the reference carries auxiliary and boiler defaults for container ships only`,
    };
  }
  if (stated.shipType === null) {
    if (estimate.kind === 'none') return estimate;
    assume('shipType', 'container', `AIS ship type ${ais.aisShipType ?? '?'} (cargo) at a container port`);
  }
  let teu = stated.teu;
  if (teu === null) {
    if (ais.lengthM === null || ais.lengthM <= 0) {
      return { kind: 'none', reason: `no TEU stated (${from}) and no AIS length reported: the ship size is unknown` };
    }
    teu = round(typicalTeuOfLength(ais.lengthM), 10);
    assume('teu', teu, `from AIS length ${ais.lengthM} m, typical container ships`);
  }
  let mainEngineMcrKw = stated.mainEngineKw;
  if (mainEngineMcrKw === null) {
    mainEngineMcrKw = round(typicalMcrKwOfTeu(teu), 100);
    assume('mainEngineMcrKw', mainEngineMcrKw, 'from TEU, typical container ships');
  }
  let designSpeedKn = stated.designSpeedKn;
  if (designSpeedKn === null) {
    designSpeedKn = round(typicalDesignSpeedKnOfTeu(teu), 0.1);
    assume('designSpeedKn', designSpeedKn, 'from TEU, typical container ships');
  }
  if (stated.maxDraughtM === null) assume('designDraughtM', 'none', 'unknown: draught ratio 1');
  let fuel: Fuel;
  if (isFuel(stated.fuel)) fuel = stated.fuel;
  else {
    fuel = ASSUMED_FUEL;
    assume('fuel', fuel, 'distillate: North American ECA and California at-berth fuel rule');
  }
  let mainEngine: Ghg4Engine;
  if (isEngine(stated.mainEngine)) mainEngine = stated.mainEngine;
  else {
    // GHG4 Table 19 has LNG only for Otto and lean-burn engines, no two-stroke LNG row.
    mainEngine = fuel === 'LNG' ? 'LNG-Otto-MS' : stated.engineStroke === 4 ? 'MSD' : 'SSD';
    assume(
      'mainEngine',
      mainEngine,
      fuel === 'LNG'
        ? 'LNG fuel: LNG Otto medium-speed, the GHG4 LNG engine'
        : stated.engineStroke === 4
          ? 'four-stroke: medium-speed diesel'
          : stated.engineStroke === 2
            ? 'two-stroke: slow-speed diesel'
            : 'slow-speed diesel, the usual container-ship main engine',
    );
  }
  let builtYear = stated.builtYear;
  if (builtYear === null) {
    builtYear = ASSUMED_BUILT_YEAR;
    assume('builtYear', builtYear, 'SFC era ≥ 2001, NOx Tier II');
  }
  let sulphurPct = stated.sulphurPct;
  if (sulphurPct === null) {
    sulphurPct = ASSUMED_SULPHUR_PCT;
    assume('sulphurPct', sulphurPct, 'ECA limit 0.1 % S');
  }
  // Auxiliary engines and boilers burn distillate within 24 nm of California (CARB OGV fuel rule): GHG4 Table 19
  // has no auxiliary or boiler row for methanol, and a residual-fuelled main engine's auxiliaries switch too.
  const auxFuel: Fuel | undefined = fuel === 'MDO' || fuel === 'LNG' ? undefined : 'MDO';
  if (auxFuel !== undefined) {
    assumptions.push({
      field: 'auxFuel, boilerFuel',
      value: auxFuel,
      rule: 'CARB OGV fuel rule: distillate within 24 nm',
    });
  }
  const ship: Ghg4Ship = {
    shipType: 'container',
    teu,
    ...(stated.dwt !== null ? { dwt: stated.dwt } : {}),
    ...(stated.gt !== null ? { gt: stated.gt } : {}),
    mainEngineMcrKw,
    designSpeedKn,
    ...(stated.maxDraughtM !== null ? { designDraughtM: stated.maxDraughtM } : {}),
    mainEngine,
    builtYear,
    fuel,
    ...(auxFuel !== undefined ? { auxFuel, boilerFuel: auxFuel } : {}),
    sulphurPct,
    ...(stated.auxEngineKw !== null ? { auxInstalledKw: stated.auxEngineKw } : {}),
  };
  assumptions.push(auxAssumption(ship));
  return {
    kind: 'stated',
    ship,
    assumptions,
    estimatedFields: estimated,
    source: { sourceOrg: stated.sourceOrg, asOf: stated.asOf },
  };
}

/**
 * Which auxiliary load the call used, phase by phase: GHG4 Table 17's container row of the TEU, bounded by the
 * stated installed auxiliary power where that is lower (docs/emissions.md Decisions, "Installed auxiliary power").
 */
export function auxAssumption(ship: Ghg4Ship): Assumption {
  const used = GHG4_PHASES.map((phase) => ({ phase, ...auxiliaryAndBoilerKw(ship, phase) }));
  const capped = used.filter((u) => u.auxCapped).map((u) => u.phase);
  const value = used.map((u) => `${u.phase} ${u.auxKw}`).join(', ');
  const installed = ship.auxInstalledKw;
  const rule =
    installed === undefined
      ? 'auxiliary kW by phase: GHG4 Table 17 container row of the TEU (installed auxiliary power not stated); boiler Table 17'
      : capped.length === 0
        ? `auxiliary kW by phase: GHG4 Table 17 container row of the TEU, within the stated installed ${installed} kW; boiler Table 17`
        : `auxiliary kW by phase: GHG4 Table 17 container row of the TEU, capped at the stated installed ${installed} kW in ${capped.join(', ')}; boiler Table 17`;
  return { field: 'auxKw', value, rule };
}
