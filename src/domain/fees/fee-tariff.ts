/**
 * Demurrage and detention tariffs (issue 13 "Fees"). Demurrage is what a marine terminal charges for a box
 * that stays on its land after free time; detention (per diem) is what a carrier charges for its box kept
 * outside the terminal after free time. A tariff gives daily rates by container length in tiers (the rate
 * rises with the days charged) and says whether weekends and holidays are charged.
 *
 * Demurrage free time is not in this tariff: it ends on the container's last free day (the terminal's stated
 * LFD, else the free-time rule, `domain/free-time/`). Detention free time is the carrier's, so it is here.
 */
import type { DayBasis, FreeTimeDirection } from '../free-time/free-time-rule.js';
import type { LocalDate } from '../free-time/local-date.js';

export const FEE_KINDS = ['DEMURRAGE', 'DETENTION'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/** Container length classes the tariffs price (ISO 6346 size code, first character: 2, 4, L). */
export const EQUIPMENT_LENGTHS = ['20', '40', '45'] as const;
export type EquipmentLength = (typeof EQUIPMENT_LENGTHS)[number];

export interface RateTier {
  /** First charged day (1-based ordinal among the charged days) this rate applies from. */
  readonly fromDay: number;
  /** Rate per charged day, in the tariff's currency, by length. */
  readonly ratePerDay: Readonly<Record<EquipmentLength, number>>;
}

export interface FeeTariff {
  readonly kind: FeeKind;
  /** DEMURRAGE: SMDG code of the terminal; DETENTION: SCAC of the carrier; `*` for every one. */
  readonly party: string;
  /** UN/LOCODE of the port, e.g. `USLAX`. */
  readonly unLocationCode: string;
  readonly direction: FreeTimeDirection;
  /** ISO 4217, e.g. `USD`. */
  readonly currency: string;
  /** Sorted by `fromDay`; the first starts at day 1. */
  readonly tiers: readonly RateTier[];
  /** Saturdays and Sundays are charged days (most terminal and carrier tariffs charge them). */
  readonly chargeWeekends: boolean;
  /** The listed holidays are charged days. */
  readonly chargeHolidays: boolean;
  /** Local dates that are holidays (ILWU / terminal / carrier holidays). */
  readonly holidays: readonly LocalDate[];
  /** DETENTION only: free days, counted from the day after the clock starts. */
  readonly freeDays: number;
  /** DETENTION only: how free days are counted (`BUSINESS` skips weekends and the holidays). */
  readonly freeDayBasis: DayBasis;
  /** First local date of the trigger the tariff applies to. */
  readonly effectiveFrom: LocalDate;
  /** Where the tariff comes from (tariff number and item), shown with every estimate. */
  readonly source: string;
}

/** The length class of an ISO 6346 size/type code (`22G1` → 20, `45G1` → 40, `L5G1` → 45); null if other. */
export function equipmentLength(isoEquipmentCode: string | null): EquipmentLength | null {
  const byLengthCode: Readonly<Record<string, EquipmentLength>> = { '2': '20', '4': '40', L: '45' };
  return byLengthCode[isoEquipmentCode?.charAt(0) ?? ''] ?? null;
}

/** The tariff for a box: the party's own, else the `*` one; the latest `effectiveFrom` on or before the day. */
export function selectFeeTariff(
  tariffs: readonly FeeTariff[],
  kind: FeeKind,
  unLocationCode: string,
  parties: readonly string[],
  direction: FreeTimeDirection,
  day: LocalDate,
): FeeTariff | undefined {
  const candidates = tariffs.filter(
    (t) =>
      t.kind === kind && t.unLocationCode === unLocationCode && t.direction === direction && t.effectiveFrom <= day,
  );
  const latest = (party: string): FeeTariff | undefined =>
    candidates
      .filter((t) => t.party === party)
      .reduce<FeeTariff | undefined>((best, t) => {
        if (!best || t.effectiveFrom > best.effectiveFrom) return t;
        return t.effectiveFrom === best.effectiveFrom && t.source > best.source ? t : best;
      }, undefined);
  for (const party of parties) {
    const own = latest(party);
    if (own) return own;
  }
  return latest('*');
}
