/**
 * The Clean Truck Fund charge of the ports of Los Angeles and Long Beach: $10 per TEU on non-exempt trucks from
 * April 2022, so $20 per loaded FEU (../shared/reference/emissions-methods.md §5, "Clean Truck Fund rate",
 * cleanairactionplan.org). Charged on loaded containers only (the reference's "per loaded FEU").
 *
 * Exemptions (the ports' announcements of the rate, cited in docs/drayage.md): containers hauled by zero-emission
 * trucks (battery-electric, fuel cell), and by low-NOx trucks registered as such in the Port Drayage Truck Registry
 * for a limited time — the Port of Los Angeles sunsets that exemption on 31 December 2027 (Long Beach later, by
 * registration date); `LOW_NOX_EXEMPT_UNTIL` takes the earlier one. A truck not in the registry pays. TEU: a 20-foot
 * box is 1 TEU, a 40- or 45-foot box 2 (ASSUMPTION: the charge counts a 45-foot box as an FEU, as the reference's
 * rate is quoted per FEU). Pure.
 */
import { isZeroEmissionTruck, type DrayageFuel } from './ze-classification.js';

export const CLEAN_TRUCK_FUND_USD_PER_TEU = 10;

/** Last day (local, inclusive) a registered low-NOx truck is exempt: the Port of Los Angeles' sunset. */
export const LOW_NOX_EXEMPT_UNTIL = '2027-12-31';

/** Whether a registered low-NOx truck is exempt on a local day (`YYYY-MM-DD`). */
export function lowNoxExemptOn(day: string, until: string = LOW_NOX_EXEMPT_UNTIL): boolean {
  return day <= until;
}

export interface ChargeableMove {
  readonly fuel: DrayageFuel;
  /** A registered low-NOx truck on a day its exemption holds (`lowNoxExemptOn`). */
  readonly lowNoxExempt?: boolean | undefined;
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
  if (!move.loaded || isExemptFromCleanTruckFund(move.fuel) || move.lowNoxExempt === true) return 0;
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
