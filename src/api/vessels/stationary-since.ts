/**
 * Since when a vessel has been where it is: walking back through its track from the latest report, the
 * first report of the unbroken run classified the same (`classifyPosition`: same status, same zone), with
 * no gap longer than `maxGapMin` between reports. Bounded by the track given (the caller's look-back).
 */
import type { Geography } from '../../geo/geography.js';
import type { PositionObservation } from '../../projections/vessel-calls/position-observation.js';
import { classifyPosition, type VesselActivity } from '../../projections/vessel-calls/vessel-status-at.js';

export function stationarySince(
  geography: Geography,
  /** One vessel's reports, newest first, the newest being the one the status was decided on. */
  newestFirst: readonly PositionObservation[],
  status: VesselActivity,
  zoneId: string | null,
  maxGapMin: number,
): string | null {
  let since: string | null = null;
  // The newest report has no later neighbour to be too far from; the gap rule starts with the second.
  let previousMs: number | null = null;
  for (const obs of newestFirst) {
    const ms = Date.parse(obs.eventDateTime);
    if (previousMs !== null && previousMs - ms > maxGapMin * 60_000) break;
    const here = classifyPosition(geography, obs);
    if (here.status !== status || (here.zone?.id ?? null) !== zoneId) break;
    since = obs.eventDateTime;
    previousMs = ms;
  }
  return since;
}
