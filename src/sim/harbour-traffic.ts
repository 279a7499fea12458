/**
 * The rest of the bay: tankers at the liquid-bulk berths, cruise ships at the Los Angeles and Long Beach
 * cruise terminals, the Catalina ferries (San Pedro – Avalon), and the service craft that work the
 * container calls (two tugs per berthing and unberthing, a pilot boat per boarding and landing). Positions
 * of berths and bases are named below; the lanes are those of approach-routes.ts. Pure and deterministic.
 */
import { HARBOUR, INBOUND_LANE, OUTBOUND_LANE } from './approach-routes.js';
import type { ContainerCall } from './container-call.js';
import type { Approach } from './ocean-services.js';
import { Prng } from './prng.js';
import type { Scenario } from './scenario.js';
import type { SimPort } from './teu-calibration.js';
import { NAV, passageHours, TrackBuilder, type LatLon, type Track } from './track.js';
import { harbourCraft, type SimVessel } from './vessel-particulars.js';
import { HOUR, DAY } from '../domain/time-units.js';

const p = (lat: number, lon: number): LatLon => Object.freeze({ lat, lon });

/** Liquid-bulk berths: centres of the AIS-derived berth boxes of the product geography (`berth-obs-*`). */
const TANKER_BERTHS: readonly { port: SimPort; at: LatLon }[] = [
  { port: 'USLAX', at: p(33.71404, -118.274555) }, // berth-obs-south-main-channel
  { port: 'USLAX', at: p(33.725555, -118.25996) }, // berth-obs-south-terminal-island
  { port: 'USLGB', at: p(33.744055, -118.226685) }, // berth-obs-pier-t-south
  { port: 'USLGB', at: p(33.74344, -118.20102) }, // berth-obs-pier-g-west
];
/** World Cruise Center (LA, berths 91–93) and the Long Beach Cruise Terminal (by the Queen Mary). */
const CRUISE_BERTH: Readonly<Record<SimPort, LatLon>> = { USLAX: p(33.7445, -118.2776), USLGB: p(33.7513, -118.1898) };
const FERRY_SAN_PEDRO = p(33.7516, -118.278);
const FERRY_AVALON = p(33.3455, -118.326);
const CRAFT_BASE: Readonly<Record<SimPort, LatLon>> = { USLAX: p(33.7275, -118.27), USLGB: p(33.762, -118.2155) };
const CRUISE_NAMES = ['NAVIGATOR', 'SERENADE', 'RHAPSODY', 'VISION', 'SPLENDOR', 'RADIANCE', 'EXPLORER', 'VOYAGER'];
/** Pacific Standard Time offset: cruise and ferry timetables are local. */
const PST = -8 * HOUR;

export interface HarbourTraffic {
  readonly tracks: readonly Track[];
  /** What happened within [start, end) (the warm-up is simulated but not counted). */
  readonly counts: Readonly<Record<'tankerCalls' | 'cruiseCalls' | 'ferryTrips' | 'tugJobs' | 'pilotJobs', number>>;
}

function approachOf(rng: Prng): Approach {
  return rng.chance(0.5) ? 'western' : 'southern';
}

/** A ship call on its own berth: lane in, pilot, berth, lane out. */
function callTrack(
  vessel: SimVessel,
  port: SimPort,
  approach: Approach,
  berthAt: LatLon,
  berthedMs: number,
  leaveMs: number,
): Track {
  const h = HARBOUR[port];
  const lane = INBOUND_LANE[approach];
  const inner = [h.pilot, h.entrance, h.inner, berthAt];
  const startMs = Math.round(
    berthedMs - (passageHours(lane, 14) + passageHours([lane[lane.length - 1]!, ...inner], 8)) * HOUR,
  );
  const t = new TrackBuilder(startMs, lane[0]!)
    .sail(lane.slice(1), 14)
    .sail([h.pilot], 10)
    .sail(inner.slice(1), 8, NAV.restricted);
  t.stay(leaveMs, NAV.moored);
  t.sail([h.inner, h.entrance, h.pilot], 8, NAV.restricted).sail(OUTBOUND_LANE[approach], 14);
  return t.build(vessel, port === 'USLAX' ? 'US LAX' : 'US LGB');
}

interface CraftJob {
  readonly port: SimPort;
  /** When the craft must be at `meet`. */
  readonly atMs: number;
  readonly meet: LatLon;
  /** Points it then follows, at `speedKn`, before going home. */
  readonly escort: readonly LatLon[];
  readonly speedKn: number;
}

/** Runs a pool of craft through their jobs: the earliest-free craft(s) of the port take each job. */
function craftTracks(
  rng: Prng,
  kind: 'tug' | 'pilot',
  perPort: number,
  jobs: readonly CraftJob[],
  perJob: number,
  fromMs: number,
  toMs: number,
  uid0: number,
): Track[] {
  const tracks: Track[] = [];
  for (const port of ['USLAX', 'USLGB'] as const) {
    const base = CRAFT_BASE[port];
    const pool = Array.from({ length: perPort }, (_, i) => {
      const name =
        kind === 'tug'
          ? `${port === 'USLAX' ? 'SAN PEDRO' : 'LONG BEACH'} TUG ${i + 1}`
          : `${port === 'USLAX' ? 'LA' : 'LB'} PILOT ${i + 1}`;
      const vessel = harbourCraft(rng.derive(kind, port, i), {
        kind,
        uid: uid0 + (port === 'USLAX' ? 0 : 50) + i,
        name,
      });
      return { vessel, track: new TrackBuilder(fromMs, base) };
    });
    for (const job of jobs.filter((j) => j.port === port).sort((a, b) => a.atMs - b.atMs)) {
      const chosen = [...pool].sort((a, b) => a.track.timeMs - b.track.timeMs).slice(0, perJob);
      for (const craft of chosen) {
        const outMs = Math.round(job.atMs - passageHours([base, job.meet], 10) * HOUR);
        craft.track.stay(outMs, NAV.moored);
        craft.track
          .sail([job.meet], 10)
          .stay(job.atMs, NAV.underWayEngine)
          .sail(job.escort, job.speedKn)
          .sail([base], 10);
      }
    }
    for (const craft of pool) {
      craft.track.stay(toMs, NAV.moored);
      tracks.push(craft.track.build(craft.vessel, port === 'USLAX' ? 'SAN PEDRO' : 'LONG BEACH'));
    }
  }
  return tracks;
}

export function simulateHarbourTraffic(scenario: Scenario, calls: readonly ContainerCall[]): HarbourTraffic {
  const root = Prng.ofSeed(scenario.seed).derive('harbour');
  const fromMs = scenario.startMs - scenario.warmupDays * DAY;
  const toMs = scenario.endMs;
  const tracks: Track[] = [];
  let uid = 20_000;
  let tankerCalls = 0;
  const firstDay = Math.floor(fromMs / DAY);
  const lastDay = Math.ceil(toMs / DAY);
  for (let d = firstDay; d < lastDay; d++) {
    const rng = root.derive('tanker', d);
    const n = Math.floor(scenario.tankerCallsPerDay) + (rng.chance(scenario.tankerCallsPerDay % 1) ? 1 : 0);
    for (let j = 0; j < n; j++) {
      const berth = TANKER_BERTHS[(d * 3 + j) % TANKER_BERTHS.length]!;
      const berthedMs = Math.round(d * DAY + rng.uniform(0, DAY));
      const vessel = harbourCraft(rng.derive(j), {
        kind: 'tanker',
        uid: uid++,
        name: `PACIFIC ${rng.pick(['STAR', 'DAWN', 'SPIRIT', 'RIVER', 'GRACE'])} ${(d % 97) + j}`,
      });
      tracks.push(
        callTrack(
          vessel,
          berth.port,
          approachOf(rng),
          berth.at,
          berthedMs,
          berthedMs + Math.round(rng.uniform(24, 40) * HOUR),
        ),
      );
      if (berthedMs >= scenario.startMs) tankerCalls++;
    }
  }
  let cruiseCalls = 0;
  const slots = Math.round(scenario.cruiseCallsPerWeek);
  const cruiseShips = Array.from({ length: slots }, (_, j) =>
    harbourCraft(root.derive('cruise-ship', j), {
      kind: 'passenger',
      uid: 30_000 + j,
      name: `${CRUISE_NAMES[j % CRUISE_NAMES.length]!} OF THE SEAS`,
    }),
  );
  for (let w = Math.floor(fromMs / (7 * DAY)) - 1; w <= Math.ceil(toMs / (7 * DAY)); w++) {
    for (let j = 0; j < slots; j++) {
      const port: SimPort = j % 2 === 0 ? 'USLAX' : 'USLGB';
      const day = w * 7 + Math.floor((j * 7) / slots);
      const berthedMs = day * DAY + 6 * HOUR - PST;
      if (berthedMs < fromMs || berthedMs >= toMs) continue;
      tracks.push(
        callTrack(
          cruiseShips[j]!,
          port,
          j % 3 === 0 ? 'western' : 'southern',
          CRUISE_BERTH[port],
          berthedMs,
          berthedMs + Math.round(10.5 * HOUR),
        ),
      );
      if (berthedMs >= scenario.startMs) cruiseCalls++;
    }
  }
  let ferryTrips = 0;
  for (let f = 0; f < scenario.ferryRoundTripsPerDay; f++) {
    const vessel = harbourCraft(root.derive('ferry', f), {
      kind: 'ferry',
      uid: 31_000 + f,
      name: `CATALINA EXPRESS ${f + 1}`,
    });
    const t = new TrackBuilder(fromMs, FERRY_SAN_PEDRO);
    const route = [HARBOUR.USLAX.inner, HARBOUR.USLAX.entrance, FERRY_AVALON];
    for (let d = firstDay; d < lastDay; d++) {
      const leave = d * DAY - PST + Math.round((6 + (f * 12) / scenario.ferryRoundTripsPerDay) * HOUR);
      if (leave < t.timeMs) continue;
      t.stay(leave, NAV.moored)
        .sail(route, 28)
        .stay(t.timeMs + HOUR, NAV.moored)
        .sail([...route].reverse().slice(1).concat(FERRY_SAN_PEDRO), 28);
      if (leave >= scenario.startMs) ferryTrips++;
    }
    t.stay(toMs, NAV.moored);
    tracks.push(t.build(vessel, 'AVALON'));
  }
  const tugJobs: CraftJob[] = [];
  const pilotJobs: CraftJob[] = [];
  for (const c of calls) {
    const h = HARBOUR[c.port];
    const atEntrance = Math.round(c.pilotOnMs + passageHours([h.pilot, h.entrance], 7) * HOUR);
    tugJobs.push({ port: c.port, atMs: atEntrance, meet: h.entrance, escort: [h.inner], speedKn: 7 });
    tugJobs.push({ port: c.port, atMs: c.unberthMs, meet: h.inner, escort: [h.entrance], speedKn: 7 });
    pilotJobs.push({ port: c.port, atMs: c.pilotOnMs, meet: h.pilot, escort: [], speedKn: 18 });
    pilotJobs.push({ port: c.port, atMs: c.pilotOffMs, meet: h.pilot, escort: [], speedKn: 18 });
  }
  const inWindow = (j: CraftJob): boolean => j.atMs >= fromMs + 2 * HOUR && j.atMs < toMs;
  tracks.push(
    ...craftTracks(root, 'tug', Math.ceil(scenario.tugs / 2), tugJobs.filter(inWindow), 2, fromMs, toMs, 40_000),
  );
  tracks.push(...craftTracks(root, 'pilot', 2, pilotJobs.filter(inWindow), 1, fromMs, toMs, 41_000));
  return {
    tracks,
    counts: {
      tankerCalls,
      cruiseCalls,
      ferryTrips,
      tugJobs: tugJobs.filter((j) => j.atMs >= scenario.startMs && j.atMs < toMs).length,
      pilotJobs: pilotJobs.filter((j) => j.atMs >= scenario.startMs && j.atMs < toMs).length,
    },
  };
}
