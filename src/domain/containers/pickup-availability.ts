/**
 * Whether an import box in the yard may be picked up, and on whose word (docs/cargo-tracking.md "Available for
 * pick-up"). Two kinds of fact say it: the holds placed and released by customs, the line and others (`HOLD`/`RELS`),
 * and the terminal's availability statements (`csv-availability`). Rules, in this order:
 *
 * 1. An open hold blocks pick-up, whatever a terminal said: the box is HELD, on the holds' word.
 * 2. Otherwise the terminal's standing statement for this trip (the newest, by when it was stated:
 *    stated-last-free-day.ts) decides, unless a hold was placed or released after it: the terminal's word is
 *    then older than what it was about. A statement "not available" makes the box HELD (with the holds the
 *    terminal listed, which may be none: not yet grounded, under exam), "available" makes it AVAILABLE.
 * 3. Otherwise a discharged box with no hold open is AVAILABLE, on the holds' word.
 *
 * Pure: the trip's holds and the standing statement in, the verdict and its source out.
 */
import { citeStatement, type LastFreeDayStatement, type StatementCitation } from '../free-time/stated-last-free-day.js';

export interface HoldRecord {
  readonly holdType: string;
  readonly placedAt: string | null;
  readonly releasedAt: string | null;
}

/** On whose word a box in the yard is (not) available. */
export type AvailabilitySource =
  /** `holds`: the holds the terminal listed (CUSTOMS, FREIGHT, OTHER). */
  | ({ readonly kind: 'terminal' } & Omit<StatementCitation, 'available'>)
  | {
      readonly kind: 'holds';
      /** The open holds that block pick-up; empty when none is open. */
      readonly holdsOpen: readonly string[];
    };

export interface PickupAvailability {
  readonly available: boolean;
  readonly source: AvailabilitySource;
}

/** The newest time a hold of the trip was placed or released (null when it has none). */
function lastHoldChange(holds: readonly HoldRecord[]): string | null {
  let last: string | null = null;
  for (const h of holds) {
    for (const at of [h.placedAt, h.releasedAt]) if (at !== null && (last === null || at > last)) last = at;
  }
  return last;
}

/** Availability of a discharged import box still in the yard. */
export function pickupAvailability(
  holds: readonly HoldRecord[],
  standing: LastFreeDayStatement | null,
): PickupAvailability {
  const holdsOpen = holds.filter((h) => h.releasedAt === null).map((h) => h.holdType);
  if (holdsOpen.length > 0) return { available: false, source: { kind: 'holds', holdsOpen } };
  const changed = lastHoldChange(holds);
  if (standing !== null && (changed === null || Date.parse(standing.statedAt) >= Date.parse(changed))) {
    return { available: standing.available, source: { kind: 'terminal', ...citeStatement(standing) } };
  }
  return { available: true, source: { kind: 'holds', holdsOpen: [] } };
}
