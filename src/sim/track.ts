/**
 * Where a simulated vessel is, as a list of legs: straight runs at constant speed between two positions
 * (rhumb-line interpolation; legs inside San Pedro Bay are a few miles long) and stays (anchored, moored,
 * waiting). The AIS reporter samples positions from it; the model builds it with `TrackBuilder`.
 */
import { distanceNm } from '../geo/geo-distance.js';
import type { MasterEtaPlan } from './ais/master-eta.js';
import type { SimVessel } from './vessel-particulars.js';
import { HOUR } from '../domain/time-units.js';

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** AIS navigational status (ITU-R M.1371-5 Table 45): the ones the simulator uses. */
export const NAV = Object.freeze({ underWayEngine: 0, atAnchor: 1, restricted: 3, moored: 5 });

export interface Leg {
  readonly startMs: number;
  readonly endMs: number;
  readonly from: LatLon;
  readonly to: LatLon;
  readonly navStatus: number;
  /** Heading while staying (a moored ship lies along its quay); course over ground for runs. */
  readonly headingDeg: number;
  readonly moving: boolean;
  /**
   * Out of range of the shore receivers of San Pedro Bay (the ocean passage): heard by satellite AIS, a few
   * reports an hour. Absent: in range.
   */
  readonly offshore?: true;
  /** Speed over ground the ship reports on an ocean run (its service speed); absent: distance over time. */
  readonly sogKn?: number;
}

export interface Track {
  readonly vessel: SimVessel;
  readonly legs: readonly Leg[];
  /** AIS destination field (UN/LOCODE style, as masters commonly enter it). */
  readonly destination: string;
  /** What the master's ETA in the AIS static data follows (container calls); absent: the next berthing. */
  readonly masterEta?: MasterEtaPlan | undefined;
}

export interface Fix {
  readonly lat: number;
  readonly lon: number;
  readonly sogKn: number;
  readonly cogDeg: number;
  readonly headingDeg: number;
  readonly navStatus: number;
}

/** Longest straight run of an ocean passage, nautical miles. */
const OFFSHORE_RUN_NM = 20;

/** Initial great-circle bearing from a to b, degrees 0–360. */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const r = Math.PI / 180;
  const y = Math.sin((b.lon - a.lon) * r) * Math.cos(b.lat * r);
  const x =
    Math.cos(a.lat * r) * Math.sin(b.lat * r) -
    Math.sin(a.lat * r) * Math.cos(b.lat * r) * Math.cos((b.lon - a.lon) * r);
  return (((Math.atan2(y, x) / r) % 360) + 360) % 360;
}

export function legDistanceNm(a: LatLon, b: LatLon): number {
  return distanceNm(a.lat, a.lon, b.lat, b.lon);
}

/** Hours to sail a polyline at a speed. */
export function passageHours(points: readonly LatLon[], speedKn: number): number {
  let nm = 0;
  for (let i = 1; i < points.length; i++) nm += legDistanceNm(points[i - 1]!, points[i]!);
  return nm / speedKn;
}

/** The fix of a leg at instant t (clamped to the leg). */
export function fixOf(leg: Leg, t: number): Fix {
  if (!leg.moving || leg.endMs <= leg.startMs) {
    return {
      lat: leg.to.lat,
      lon: leg.to.lon,
      sogKn: 0,
      cogDeg: leg.headingDeg,
      headingDeg: leg.headingDeg,
      navStatus: leg.navStatus,
    };
  }
  const f = Math.min(1, Math.max(0, (t - leg.startMs) / (leg.endMs - leg.startMs)));
  const sogKn = leg.sogKn ?? legDistanceNm(leg.from, leg.to) / ((leg.endMs - leg.startMs) / HOUR);
  return {
    lat: leg.from.lat + (leg.to.lat - leg.from.lat) * f,
    lon: leg.from.lon + (leg.to.lon - leg.from.lon) * f,
    sogKn,
    cogDeg: leg.headingDeg,
    headingDeg: Math.round(leg.headingDeg) % 360,
    navStatus: leg.navStatus,
  };
}

/** Index of the leg covering t (legs are contiguous and sorted), or -1 outside the track. */
export function legIndexAt(legs: readonly Leg[], t: number): number {
  let lo = 0;
  let hi = legs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const leg = legs[mid]!;
    if (t < leg.startMs) hi = mid - 1;
    else if (t >= leg.endMs) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Builds a contiguous track: each step starts where and when the previous one ended. */
export class TrackBuilder {
  readonly #legs: Leg[] = [];
  #t: number;
  #at: LatLon;
  #heading = 0;

  constructor(startMs: number, at: LatLon) {
    this.#t = startMs;
    this.#at = at;
  }

  get timeMs(): number {
    return this.#t;
  }

  get position(): LatLon {
    return this.#at;
  }

  /**
   * Sails through the points at a speed (knots), out of range of the shore receivers. Ocean stretches are
   * hundreds of miles: each is cut into runs of at most OFFSHORE_RUN_NM (a course that changes along the
   * way), and the ship reports its service speed as its speed over ground, so that a part of a run reports
   * what the whole run does (the distance over time of a part of a long run in latitude and longitude is
   * not quite that of the whole).
   */
  sailOffshore(points: readonly LatLon[], speedKn: number): this {
    const runs: LatLon[] = [];
    let at = this.#at;
    for (const to of points) {
      const n = Math.max(1, Math.ceil(legDistanceNm(at, to) / OFFSHORE_RUN_NM));
      for (let i = 1; i <= n; i++) {
        runs.push(
          i === n ? to : { lat: at.lat + ((to.lat - at.lat) * i) / n, lon: at.lon + ((to.lon - at.lon) * i) / n },
        );
      }
      at = to;
    }
    return this.#sail(runs, speedKn, NAV.underWayEngine, true);
  }

  /** Sails through the points at a speed (knots). */
  sail(points: readonly LatLon[], speedKn: number, navStatus: number = NAV.underWayEngine): this {
    return this.#sail(points, speedKn, navStatus, false);
  }

  #sail(points: readonly LatLon[], speedKn: number, navStatus: number, offshore: boolean): this {
    for (const to of points) {
      const nm = legDistanceNm(this.#at, to);
      if (nm < 1e-6) continue;
      const endMs = this.#t + Math.round((nm / speedKn) * HOUR);
      this.#heading = bearingDeg(this.#at, to);
      this.#legs.push({
        startMs: this.#t,
        endMs,
        from: this.#at,
        to,
        navStatus,
        headingDeg: this.#heading,
        moving: true,
        ...(offshore ? { offshore: true as const, sogKn: speedKn } : {}),
      });
      this.#t = endMs;
      this.#at = to;
    }
    return this;
  }

  /** Stays where it is until `untilMs` (no-op if that is not later). */
  stay(untilMs: number, navStatus: number, headingDeg: number = this.#heading): this {
    if (untilMs <= this.#t) return this;
    this.#legs.push({
      startMs: this.#t,
      endMs: untilMs,
      from: this.#at,
      to: this.#at,
      navStatus,
      headingDeg,
      moving: false,
    });
    this.#t = untilMs;
    return this;
  }

  build(vessel: SimVessel, destination: string, masterEta?: MasterEtaPlan): Track {
    const legs = Object.freeze([...this.#legs]);
    return Object.freeze(masterEta ? { vessel, legs, destination, masterEta } : { vessel, legs, destination });
  }
}
