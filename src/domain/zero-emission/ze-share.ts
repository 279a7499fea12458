/**
 * Zero-emission shares and progress toward the Clean Air Action Plan goals (CAAP 2017: ZE cargo-handling
 * equipment by 2030, ZE drayage by 2035 — ../shared/reference/emissions-methods.md §5 "CAAP 2017 ZE goals"; the
 * metrics "ZE CHE share (units and kWh)" and "ZE drayage share of truck visits" are the reference's §5
 * recommendation). Shares are fractions in [0, 1], null when there is nothing to divide by. Pure.
 */
import type { EquipmentType, Powertrain } from '../equipment-telemetry.js';
import { isCargoHandlingEquipment, isZeroEmissionPowertrain } from './ze-classification.js';

/** A CAAP goal: the share to reach and the year to reach it by. */
export interface CaapTarget {
  readonly share: number;
  readonly year: number;
}
/** CAAP 2017: 100% ZE cargo-handling equipment by 2030 (reference §5). */
export const CHE_TARGET: CaapTarget = Object.freeze({ share: 1, year: 2030 });
/** CAAP 2017: 100% ZE drayage by 2035 (reference §5). */
export const DRAYAGE_TARGET: CaapTarget = Object.freeze({ share: 1, year: 2035 });

export interface UnitForShare {
  readonly equipmentType: EquipmentType;
  readonly powertrain: Powertrain;
  /** Operating hours in the period measured (0 when none). */
  readonly operatingHours: number;
}

export interface CheShare {
  readonly units: number;
  readonly zeUnits: number;
  readonly shareByCount: number | null;
  readonly operatingHours: number;
  readonly zeOperatingHours: number;
  readonly shareByHours: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** ZE share of the CHE fleet (ship-to-shore cranes left out, see `isCargoHandlingEquipment`) by count and hours. */
export function cheZeroEmissionShare(units: readonly UnitForShare[]): CheShare {
  let count = 0;
  let ze = 0;
  let hours = 0;
  let zeHours = 0;
  for (const u of units) {
    if (!isCargoHandlingEquipment(u.equipmentType)) continue;
    const isZe = isZeroEmissionPowertrain(u.powertrain);
    count += 1;
    hours += u.operatingHours;
    if (isZe) {
      ze += 1;
      zeHours += u.operatingHours;
    }
  }
  return {
    units: count,
    zeUnits: ze,
    shareByCount: ratio(ze, count),
    operatingHours: hours,
    zeOperatingHours: zeHours,
    shareByHours: ratio(zeHours, hours),
  };
}

export interface TargetProgress {
  readonly targetShare: number;
  readonly targetYear: number;
  /** Share still to gain (target − share, at least 0); null when the share is unknown. */
  readonly gap: number | null;
  /** Whole years from `year` to the target year (0 when it has passed). */
  readonly yearsLeft: number;
  /** The yearly gain that closes the gap linearly by the target year; null when unknown or no year is left. */
  readonly requiredGainPerYear: number | null;
  readonly met: boolean;
}

/** Where a share stands against a CAAP goal in `year`. */
export function progressToward(target: CaapTarget, share: number | null, year: number): TargetProgress {
  const yearsLeft = Math.max(0, target.year - year);
  const gap = share === null ? null : Math.max(0, target.share - share);
  return {
    targetShare: target.share,
    targetYear: target.year,
    gap,
    yearsLeft,
    requiredGainPerYear: gap === null || yearsLeft === 0 ? null : gap / yearsLeft,
    met: gap === 0,
  };
}
