/**
 * Seed data for the portal's browser tests (test/portal/) and benchmark (portal.bench.ts), sent through the real ingest API of a running
 * server: AIS of four vessels reporting over the last 20 minutes (one at berth, one in an official
 * anchorage, one anchored outside every anchorage, one underway), and containers discharged by a terminal
 * on behalf of one cargo owner each, with the terminal's availability statement.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/geo/geo-data-path.js';
import { checksum, positionASentences, staticVoyageSentences } from '../src/sim/ais/ais-encoder.js';

interface Feature {
  readonly properties: { readonly id: string; readonly kind: string };
  readonly geometry: { readonly type: string; readonly coordinates: unknown };
}

type Ring = readonly (readonly [number, number])[];

const GEOGRAPHY = JSON.parse(
  readFileSync(join(packageRoot(), 'data-static', 'geo', 'san-pedro-bay.geojson'), 'utf8'),
) as { features: readonly Feature[] };

function ringsOf(feature: Feature): Ring[] {
  return feature.geometry.type === 'Polygon' ? (feature.geometry.coordinates as Ring[]) : [];
}

function inside([x, y]: readonly [number, number], feature: Feature): boolean {
  const [outer, ...holes] = ringsOf(feature);
  const inRing = (ring: Ring) => {
    let odd = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
    return odd;
  };
  return outer !== undefined && inRing(outer) && !holes.some(inRing);
}

/** A point well inside `within` (grid search, the inside point nearest the centre) and outside every `avoid`. */
function pointIn(within: Feature, avoid: readonly Feature[]): [number, number] {
  const ring = ringsOf(within)[0]!;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const centre = [(minX + maxX) / 2, (minY + maxY) / 2] as const;
  let best: [number, number] | undefined;
  let bestDistance = Infinity;
  for (let i = 1; i < 40; i++) {
    for (let j = 1; j < 40; j++) {
      const p: [number, number] = [minX + ((maxX - minX) * i) / 40, minY + ((maxY - minY) * j) / 40];
      if (!inside(p, within) || avoid.some((f) => inside(p, f))) continue;
      const d = Math.hypot(p[0] - centre[0], p[1] - centre[1]);
      if (d < bestDistance) [best, bestDistance] = [p, d];
    }
  }
  if (!best) throw new Error(`no free point in ${within.properties.id}`);
  return best;
}

const feature = (id: string) => GEOGRAPHY.features.find((f) => f.properties.id === id)!;
const polygons = GEOGRAPHY.features.filter((f) => f.geometry.type === 'Polygon');

export interface SeedVessel {
  readonly mmsi: number;
  readonly imo: number;
  readonly name: string;
  readonly navStatus: number;
  readonly sog: number;
  readonly at: readonly [number, number];
}

export const SEED_VESSELS: readonly SeedVessel[] = [
  {
    mmsi: 366000001,
    imo: 9321483,
    name: 'PORTAL BERTHED',
    navStatus: 5,
    sog: 0,
    at: pointIn(feature('polb-lbct'), []),
  },
  {
    mmsi: 366000002,
    imo: 9338266,
    name: 'PORTAL ANCHORED',
    navStatus: 1,
    sog: 0,
    at: pointIn(feature('anchorage-f'), []),
  },
  {
    mmsi: 366000003,
    imo: 9454450,
    name: 'PORTAL OUTSIDE',
    navStatus: 1,
    sog: 0,
    at: pointIn(
      feature('port-limits-san-pedro-bay'),
      polygons.filter((f) => f.properties.kind !== 'port_limits' && f.properties.kind !== 'regulated_navigation_area'),
    ),
  },
  {
    mmsi: 366000004,
    imo: 9500001,
    name: 'PORTAL UNDERWAY',
    navStatus: 0,
    sog: 8,
    at: pointIn(
      feature('precautionary-area-la-lb'),
      polygons.filter((f) => f.properties.kind === 'anchorage'),
    ),
  },
];

function tagged(unixS: number, sentences: readonly string[]): string[] {
  const tag = `s:PORTALTEST,c:${unixS}`;
  return sentences.map((s) => `\\${tag}*${checksum(tag)}\\${s}`);
}

/** AIS NMEA: static data, then a report every 3 minutes from 20 minutes before `nowMs` to 1 minute before. */
export function seedAis(nowMs: number): string {
  const lines: string[] = [];
  const start = Math.floor(nowMs / 1000) - 20 * 60;
  for (const [n, v] of SEED_VESSELS.entries()) {
    lines.push(
      ...tagged(
        start,
        staticVoyageSentences(
          {
            type: 5,
            repeat: 0,
            mmsi: v.mmsi,
            aisVersion: 0,
            imo: v.imo,
            callsign: `PT${n}`,
            name: v.name,
            shipType: 70,
            toBow: 200,
            toStern: 100,
            toPort: 20,
            toStarboard: 20,
            epfd: 1,
            etaMonth: null,
            etaDay: null,
            etaHour: null,
            etaMinute: null,
            draught: 12.5,
            destination: 'USLGB',
            dte: false,
          },
          'A',
          n,
        ),
      ),
    );
  }
  for (let t = start; t <= start + 19 * 60; t += 180) {
    for (const v of SEED_VESSELS) {
      const moved = v.sog > 0 ? ((t - start) / 3600) * (v.sog / 60) : 0;
      lines.push(
        ...tagged(
          t,
          positionASentences(
            {
              type: 1,
              repeat: 0,
              mmsi: v.mmsi,
              navStatus: v.navStatus,
              turn: null,
              sog: v.sog,
              accuracy: true,
              lon: v.at[0],
              lat: v.at[1] + moved,
              cog: v.sog > 0 ? 0 : null,
              heading: null,
              second: t % 60,
              maneuver: 0,
              raim: false,
              radio: 0,
            },
            'A',
          ),
        ),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One AIS position report (type 1) of `mmsi` at `at`, tagged with its time (NMEA 4.10 tag block). */
export function positionReport(mmsi: number, lon: number, lat: number, atMs: number, sog = 0, navStatus = 5): string {
  const tag = `s:PORTALTEST,c:${Math.floor(atMs / 1000)}`;
  const sentences = positionASentences(
    {
      type: 1,
      repeat: 0,
      mmsi,
      navStatus,
      turn: null,
      sog,
      accuracy: true,
      lon,
      lat,
      cog: sog > 0 ? 0 : null,
      heading: null,
      second: Math.floor(atMs / 1000) % 60,
      maneuver: 0,
      raim: false,
      radio: 0,
    },
    'A',
  );
  return `${sentences.map((s) => `\\${tag}*${checksum(tag)}\\${s}`).join('\r\n')}\r\n`;
}

/** The cargo story's discharge at YUSEN (USLAX, 2026-03-16 07:45 local), for another box. */
export function dischargeOf(box: string): string {
  return readFileSync(
    join(packageRoot(), 'test', 'fixtures', 'cargo-story', 'terminal-coarri-discharge.edi'),
    'utf8',
  ).replaceAll('EGHU8300218', box);
}

export const AVAILABILITY_HEADER =
  'container_number,terminal,port,available,customs_hold,freight_hold,other_hold,stated_at';
