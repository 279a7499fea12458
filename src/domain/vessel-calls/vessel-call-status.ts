/**
 * Where a vessel call stands, from its milestones (`buildVesselCalls`):
 *  - `departed`:   left the port limits (call closed);
 *  - `left_berth`: left its (last) berth, still inside the port limits;
 *  - `at_berth`:   berthed and not left;
 *  - `at_anchor`:  arrived at an anchorage and not left it, not yet berthed;
 *  - `arrived`:    inside the port limits, neither at anchor nor at a berth (inbound, shifting).
 */
import type { VesselCall } from './build-vessel-calls.js';

export const VESSEL_CALL_STATUSES = ['arrived', 'at_anchor', 'at_berth', 'left_berth', 'departed'] as const;
export type VesselCallStatus = (typeof VESSEL_CALL_STATUSES)[number];

export function vesselCallStatus(call: VesselCall): VesselCallStatus {
  if (call.atdPort !== null) return 'departed';
  if (call.atb !== null) return call.atd === null ? 'at_berth' : 'left_berth';
  if (call.ataAnchorage !== null && call.timeAtAnchorMin === null) return 'at_anchor';
  return 'arrived';
}
