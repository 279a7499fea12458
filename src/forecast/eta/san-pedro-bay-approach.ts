/**
 * Fixed waypoints of the San Pedro Bay approaches, as the ETA model and the simulator both use them. The lane
 * centre lines are the mid-lines between each traffic lane's outer edge and the separation zone of the TSS in
 * the product's geography (data-static/geo/san-pedro-bay.geojson: 33 CFR 167.502 western and 167.503 southern
 * approach), so traffic keeps to the right-hand lane (COLREG Rule 10); test/sim/sim-geography.test.ts checks
 * every lane point against that geography. Pilot boarding areas and harbour entrances are the same file's
 * `pilot-area-*` and `entrance-*` features. Pure data; the simulator re-exports it (sim/approach-routes.ts).
 */
import type { LatLon } from './route-geometry.js';
import type { ApproachGeometry } from './vessel-eta.js';

/** The two TSS approaches of San Pedro Bay. */
export type ApproachLane = 'western' | 'southern';
/** The ports the approach geometry covers (UN/LOCODE). */
export type ApproachPort = 'USLAX' | 'USLGB';

const p = (lon: number, lat: number): LatLon => Object.freeze({ lat, lon });

/** Inbound: from the sea to the inner end of the lane (the precautionary area). */
export const INBOUND_LANE: Readonly<Record<ApproachLane, readonly LatLon[]>> = {
  // Western approach, south-east-bound lane (167.502(c)): Santa Barbara Channel side first.
  western: [p(-118.95, 33.826), p(-118.62, 33.7125), p(-118.3878, 33.6), p(-118.2933, 33.6)],
  // Southern approach, northbound lane (167.503(b)).
  southern: [p(-117.928, 33.05), p(-118.0483, 33.3308), p(-118.1608, 33.5917)],
};

/** Pilot boarding area (centre), harbour entrance (mid-gate) and one fairway point inside the breakwater. */
export const HARBOUR: Readonly<Record<ApproachPort, { pilot: LatLon; entrance: LatLon; inner: LatLon }>> = {
  USLAX: { pilot: p(-118.242, 33.697), entrance: p(-118.2483, 33.7093), inner: p(-118.262, 33.722) },
  USLGB: { pilot: p(-118.183, 33.7), entrance: p(-118.1833, 33.7233), inner: p(-118.2, 33.735) },
};

export const isApproachPort = (port: string | null): port is ApproachPort => port === 'USLAX' || port === 'USLGB';

/** The ETA model's approach to one port: both inbound lanes, its pilot boarding area and harbour fairway. */
export function approachGeometry(port: ApproachPort): ApproachGeometry {
  const h = HARBOUR[port];
  return { lanes: [INBOUND_LANE.western, INBOUND_LANE.southern], pilot: h.pilot, fairway: [h.entrance, h.inner] };
}
