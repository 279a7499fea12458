/**
 * The Clean Truck Fund charge of the ports of Los Angeles and Long Beach: $10 per TEU on non-exempt trucks from
 * April 2022, so $20 per loaded FEU (../shared/reference/emissions-methods.md §5, "Clean Truck Fund rate",
 * cleanairactionplan.org). Charged on loaded containers only (the reference's "per loaded FEU").
 *
 * Exemption: the reference does not state the rule. ASSUMPTION: zero-emission trucks (battery-electric, fuel
 * cell) are exempt; every other truck pays. The ports' temporary exemption of low-NOx natural-gas trucks is
 * recalled, not in ../shared/reference, and not applied. TEU: a 20-foot box is 1 TEU, a 40- or 45-foot box 2
 * (ASSUMPTION: the charge counts a 45-foot box as an FEU, as the reference's rate is quoted per FEU). Pure.
 */
import { isZeroEmissionTruck, type DrayageFuel } from './ze-classification.js';

export const CLEAN_TRUCK_FUND_USD_PER_TEU = 10;

export interface ChargeableMove {
  readonly fuel: DrayageFuel;
  /** Nominal box length in feet (from the ISO 6346 size code). */
  readonly lengthFt: 20 | 40 | 45;
  readonly loaded: boolean;
}

export function teuOf(lengthFt: 20 | 40 | 45): number {
  return lengthFt === 20 ? 1 : 2;
}

export function isExemptFromCleanTruckFund(fuel: DrayageFuel): boolean {
  return isZeroEmissionTruck(fuel);
}

/** The charge of one move in US dollars (0 for an empty box or an exempt truck). */
export function cleanTruckFundCharge(move: ChargeableMove): number {
  if (!move.loaded || isExemptFromCleanTruckFund(move.fuel)) return 0;
  return CLEAN_TRUCK_FUND_USD_PER_TEU * teuOf(move.lengthFt);
}

/** Charges over many moves: total dollars and the TEU charged. */
export function cleanTruckFundTotal(moves: readonly ChargeableMove[]): { usd: number; chargedTeu: number } {
  let usd = 0;
  let teu = 0;
  for (const m of moves) {
    const charge = cleanTruckFundCharge(m);
    usd += charge;
    if (charge > 0) teu += teuOf(m.lengthFt);
  }
  return { usd, chargedTeu: teu };
}
