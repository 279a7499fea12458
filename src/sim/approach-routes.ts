/**
 * Fixed waypoints of the San Pedro Bay approaches. The lane centre lines are the mid-lines between each
 * traffic lane's outer edge and the separation zone of the TSS in the product's geography
 * (data-static/geo/san-pedro-bay.geojson: 33 CFR 167.502 western and 167.503 southern approach), so traffic
 * keeps to the right-hand lane (COLREG Rule 10); a test checks every lane point against that geography.
 * Pilot boarding areas and harbour entrances are the same file's `pilot-area-*` and `entrance-*` features.
 */
import type { Approach } from './ocean-services.js';
import type { SimPort } from './teu-calibration.js';
import type { LatLon } from './track.js';

const p = (lon: number, lat: number): LatLon => Object.freeze({ lat, lon });

/** Inbound: from the sea to the inner end of the lane (the precautionary area). */
export const INBOUND_LANE: Readonly<Record<Approach, readonly LatLon[]>> = {
  // Western approach, south-east-bound lane (167.502(c)): Santa Barbara Channel side first.
  western: [p(-118.95, 33.826), p(-118.62, 33.7125), p(-118.3878, 33.6), p(-118.2933, 33.6)],
  // Southern approach, northbound lane (167.503(b)).
  southern: [p(-117.928, 33.05), p(-118.0483, 33.3308), p(-118.1608, 33.5917)],
};

/** Outbound: from the precautionary area to the sea. */
export const OUTBOUND_LANE: Readonly<Record<Approach, readonly LatLon[]>> = {
  // Western approach, north-west-bound lane (167.502(b)).
  western: [p(-118.2933, 33.6367), p(-118.3458, 33.6367), p(-118.59, 33.7558), p(-118.93, 33.92)],
  // Southern approach, southbound lane (167.503(c)).
  southern: [p(-118.2229, 33.5917), p(-118.1029, 33.3142), p(-117.99, 33.05)],
};

/** Pilot boarding area (centre), harbour entrance (mid-gate) and one fairway point inside the breakwater. */
export const HARBOUR: Readonly<Record<SimPort, { pilot: LatLon; entrance: LatLon; inner: LatLon }>> = {
  USLAX: { pilot: p(-118.242, 33.697), entrance: p(-118.2483, 33.7093), inner: p(-118.262, 33.722) },
  USLGB: { pilot: p(-118.183, 33.7), entrance: p(-118.1833, 33.7233), inner: p(-118.2, 33.735) },
};

/** Where overflow ships wait when the official anchorages are full: open water south-east of the port
 * limits and east of the southern TSS, about 0.5 x 1.2 nm apart, filled row by row offshore (as in 2021, when ships
 * waited far off the coast). */
export function overflowSpot(n: number): LatLon {
  const perRow = 10;
  const row = Math.floor(n / perRow);
  const col = n % perRow;
  return p(-117.92 - col * 0.01, 33.5 - row * 0.02);
}
