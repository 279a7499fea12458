/**
 * Fixed waypoints of the San Pedro Bay approaches. The lane centre lines are the mid-lines between each
 * traffic lane's outer edge and the separation zone of the TSS in the product's geography
 * (data-static/geo/san-pedro-bay.geojson: 33 CFR 167.502 western and 167.503 southern approach), so traffic
 * keeps to the right-hand lane (COLREG Rule 10); a test checks every lane point against that geography.
 * Pilot boarding areas and harbour entrances are the same file's `pilot-area-*` and `entrance-*` features.
 * The inbound lanes and harbour waypoints live with the ETA model that reads them (forecast/eta/).
 */
import type { Approach } from './ocean-services.js';
import { legDistanceNm, type LatLon } from './track.js';

const p = (lon: number, lat: number): LatLon => Object.freeze({ lat, lon });

/** Inbound lanes and harbour waypoints: the ETA model's (forecast/eta/san-pedro-bay-approach.ts), one copy. */
import { INBOUND_LANE } from '../forecast/eta/san-pedro-bay-approach.js';
export { HARBOUR, INBOUND_LANE } from '../forecast/eta/san-pedro-bay-approach.js';

/**
 * The last stretch of the ocean passage, from far offshore to the first point of the inbound lane
 * (approximate, drawn to keep clear of land: not a surveyed route). Transpacific ships come down the
 * great-circle track from the north-west, pass Point Arguello and Point Conception well off and run through
 * the Santa Barbara Channel between the mainland and the northern Channel Islands; Panama ships come up the
 * Mexican coast from off Cabo Corrientes, outside the islands off Baja California (Cedros, Todos Santos).
 * About 1,200 and 1,000 nm long: a ship's last 24–48 hours at 16–22 knots fit on either.
 */
export const OCEAN_APPROACH: Readonly<Record<Approach, readonly LatLon[]>> = {
  western: [
    p(-142, 42.5),
    p(-133, 39.5),
    p(-125.5, 36.5),
    p(-121.3, 34.6),
    p(-120.5, 34.3),
    p(-119.9, 34.2),
    p(-119.25, 34.05),
  ],
  southern: [p(-105.9, 19.6), p(-110.3, 22.4), p(-112.8, 24.6), p(-115.8, 27.5)],
};

/**
 * Where a ship is `nm` nautical miles before the inbound lane on its ocean approach (clamped to the route's
 * length), and the waypoints from there to the lane's first point.
 */
export function oceanApproachFrom(approach: Approach, nm: number): LatLon[] {
  const route = [...OCEAN_APPROACH[approach], INBOUND_LANE[approach][0]!];
  let left = nm;
  for (let i = route.length - 1; i > 0; i--) {
    const a = route[i - 1]!;
    const b = route[i]!;
    const leg = legDistanceNm(a, b);
    if (left <= leg) {
      const f = left / leg;
      return [p(b.lon + (a.lon - b.lon) * f, b.lat + (a.lat - b.lat) * f), ...route.slice(i)];
    }
    left -= leg;
  }
  return route;
}

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
