/**
 * Fixed waypoints of the San Pedro Bay approaches. The lane centre lines are the mid-lines between each
 * traffic lane's outer edge and the separation zone of the TSS in the product's geography
 * (data-static/geo/san-pedro-bay.geojson: 33 CFR 167.502 western and 167.503 southern approach), so traffic
 * keeps to the right-hand lane (COLREG Rule 10); a test checks every lane point against that geography.
 * Pilot boarding areas and harbour entrances are the same file's `pilot-area-*` and `entrance-*` features.
 * The inbound lanes and harbour waypoints live with the ETA model that reads them (forecast/eta/).
 */
import type { Approach } from './ocean-services.js';
import type { LatLon } from './track.js';

const p = (lon: number, lat: number): LatLon => Object.freeze({ lat, lon });

/** Inbound lanes and harbour waypoints: the ETA model's (forecast/eta/san-pedro-bay-approach.ts), one copy. */
export { HARBOUR, INBOUND_LANE } from '../forecast/eta/san-pedro-bay-approach.js';

/** Outbound: from the precautionary area to the sea. */
export const OUTBOUND_LANE: Readonly<Record<Approach, readonly LatLon[]>> = {
  // Western approach, north-west-bound lane (167.502(b)).
  western: [p(-118.2933, 33.6367), p(-118.3458, 33.6367), p(-118.59, 33.7558), p(-118.93, 33.92)],
  // Southern approach, southbound lane (167.503(c)).
  southern: [p(-118.2229, 33.5917), p(-118.1029, 33.3142), p(-117.99, 33.05)],
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
