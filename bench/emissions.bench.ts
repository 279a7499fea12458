/**
 * Emission computations per second (issue 15) over a simulated month of San Pedro Bay container traffic: the
 * simulator's January 2018 month (seed 7; `quick`: 3 days) gives the container calls and their AIS tracks
 * (src/sim). `ghg4-interval`: every track of a container ship sampled each minute (one interval per AIS minute: SOG
 * from the track, distance to port from the harbour's centre, phase derived by GHG4 Table 16), computed through the
 * calculator (`computeEmissions`: schema validation + engine) one call's track per request, and through the engine
 * alone; intervals/s. `epa-port-call`: each call's four modes from its timestamps (transit to and from the pilot
 * station, manoeuvring pilot-on to berth and unberth to pilot-off, hotelling at berth, anchorage), calls/s.
 * `per-call`: what the `call-emissions` projection computes per call (`computeCallEmissions`): the call's track
 * sampled each minute from arrival to departure, cut into modes at the anchorage and berth times, particulars
 * estimated from the AIS static data (type, length), shore power for the calls the simulator connects; calls/s.
 * `per-call (stated particulars)`: the same calls with the particulars the simulator's carriers state
 * (`csv-vessel-particulars`, parsed by the product's parser), merged per call with estimates for the empty fields
 * (`particularsOf`, as the projection does) inside the timed loop; calls/s. The month is simulated once, in the
 * bench (`simulateS`: its wall time), not read from files.
 */
import { computeCallEmissions } from '../src/emissions/call-emissions.js';
import { computeEmissions } from '../src/emissions/compute-emissions.js';
import { estimateParticulars } from '../src/emissions/estimated-particulars.js';
import { particularsOf, type StatedParticulars } from '../src/emissions/stated-particulars.js';
import { VESSEL_PARTICULARS } from '../src/domain/vessel-particulars/vessel-particulars-statement.js';
import { vesselParticularsParser } from '../src/ingest/csv/vessel-particulars/vessel-particulars-parser.js';
import { vesselParticularsSource } from '../src/sim/cargo/vessel-particulars-source.js';
import { callShorePower, type ShorePowerSession } from '../src/emissions/shore-power-sessions.js';
import { shorePowerSession } from '../src/sim/cargo/shore-power-source.js';
import { computeGhg4 } from '../src/emissions/ghg4-interval.js';
import type { Ghg4IntervalRequest } from '../src/emissions/ghg4-interval-schema.js';
import { loadSimInputs } from '../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../src/sim/scenario.js';
import { simulate } from '../src/sim/simulate.js';
import { fixOf, legDistanceNm, type Track } from '../src/sim/track.js';
import type { BenchSuite } from './bench-record.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Centre of the Los Angeles / Long Beach harbour (inner harbour), for the distance-to-port of Table 16. */
const HARBOUR = { lat: 33.74, lon: -118.24 };

function ghg4Request(track: Track): Ghg4IntervalRequest | null {
  const v = track.vessel;
  if (v.kind !== 'container' || v.teu === null) return null;
  const intervals: Ghg4IntervalRequest['intervals'] = [];
  for (const leg of track.legs) {
    for (let t = leg.startMs; t < leg.endMs; t += MINUTE) {
      const fix = fixOf(leg, t);
      intervals.push({
        hours: Math.min(MINUTE, leg.endMs - t) / HOUR,
        speedOverGroundKn: Math.min(60, fix.sogKn),
        draughtM: v.draughtM,
        distanceToPortNm: legDistanceNm(fix, HARBOUR),
      });
    }
  }
  if (intervals.length === 0) return null;
  return {
    method: 'ghg4-interval',
    ship: {
      shipType: 'container',
      teu: v.teu,
      mainEngineMcrKw: v.installedPowerKw,
      designSpeedKn: v.designSpeedKn,
      designDraughtM: v.draughtM,
      mainEngine: 'SSD',
      builtYear: 2012,
      fuel: v.fuel === 'LNG' ? 'LNG' : 'MDO',
      ...(v.fuel === 'LNG' ? { mainEngine: 'LNG-Otto-MS' as const } : {}),
      sulphurPct: v.fuel === 'LNG' ? 0 : 0.1,
    },
    intervals,
  };
}

const suite: BenchSuite = async (emit, { quick }) => {
  const days = quick ? 3 : 31;
  const parsed = parseScenario({ seed: 7, days });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const simT0 = performance.now();
  const run = simulate(parsed.scenario, loadSimInputs());
  const simulateS = (performance.now() - simT0) / 1000;
  emit({
    bench: 'emissions month simulation',
    unit: 's',
    value: Math.round(simulateS * 10) / 10,
    days,
    calls: run.calls.length,
    tracks: run.tracks.length,
  });

  const requests = run.tracks.map(ghg4Request).filter((r): r is Ghg4IntervalRequest => r !== null);
  const intervals = requests.reduce((s, r) => s + r.intervals.length, 0);
  let t0 = performance.now();
  let co2G = 0;
  for (const r of requests) {
    const outcome = computeEmissions(r);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues.slice(0, 3)));
    if (outcome.result.method === 'ghg4-interval') co2G += outcome.result.pollutants.co2G;
  }
  let s = (performance.now() - t0) / 1000;
  emit({
    bench: 'emissions ghg4-interval (validated)',
    unit: 'intervals/s',
    value: Math.round(intervals / s),
    days,
    tracks: requests.length,
    intervals,
    co2T: Math.round(co2G / 1e6),
    input: 'simulator tracks, one interval per AIS minute',
  });
  t0 = performance.now();
  for (const r of requests) computeGhg4(r);
  s = (performance.now() - t0) / 1000;
  emit({ bench: 'emissions ghg4-interval (engine)', unit: 'intervals/s', value: Math.round(intervals / s), intervals });

  const calls = run.calls.map((c) => ({
    method: 'epa-port-call',
    ship: {
      propulsionMcrKw: c.vessel.installedPowerKw,
      serviceSpeedKn: c.vessel.designSpeedKn,
      propulsionEngine: 'SSD',
      keelLaidYear: 2012,
      fuel: 'MGO',
      containerTeu: c.vessel.teu ?? 8_000,
    },
    modes: [
      {
        mode: 'transit',
        hours: (c.pilotOnMs - c.arrivalMs + (c.departedMs - c.pilotOffMs)) / HOUR,
        speedKn: Math.min(60, c.seaSpeedKn),
      },
      { mode: 'maneuvering', hours: (c.berthedMs - c.pilotOnMs + (c.pilotOffMs - c.unberthMs)) / HOUR, speedKn: 6 },
      { mode: 'hotelling', hours: (c.unberthMs - c.berthedMs) / HOUR },
      { mode: 'anchorage', hours: c.anchorage ? (c.anchorage.endMs - c.anchorage.startMs) / HOUR : 0 },
    ],
  }));
  // Per-call emissions as the projection computes them, from each container call's track.
  const tracksByMmsi = new Map<number, Track[]>();
  for (const t of run.tracks) tracksByMmsi.set(t.vessel.mmsi, [...(tracksByMmsi.get(t.vessel.mmsi) ?? []), t]);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const perCall = run.calls.flatMap((c) => {
    const estimate = estimateParticulars({
      aisShipType: c.vessel.aisShipType,
      lengthM: c.vessel.lengthM,
      beamM: c.vessel.beamM,
    });
    if (estimate.kind !== 'estimated') return [];
    const track: { at: string; sogKn: number }[] = [];
    for (const t of tracksByMmsi.get(c.vessel.mmsi) ?? []) {
      for (const leg of t.legs) {
        const from = Math.max(leg.startMs, c.arrivalMs);
        const to = Math.min(leg.endMs, c.departedMs);
        for (let ms = Math.ceil(from / MINUTE) * MINUTE; ms < to; ms += MINUTE) {
          track.push({ at: iso(ms), sogKn: fixOf(leg, ms).sogKn });
        }
      }
    }
    // The terminal's session as the simulator states it (src/sim/cargo/shore-power-source.ts).
    const session = shorePowerSession(parsed.scenario.seed, c);
    const mmsi = String(c.vessel.mmsi).padStart(9, '0');
    const sessions: ShorePowerSession[] = session
      ? [
          {
            terminal: c.terminal,
            berth: String(c.berth),
            imo: c.vessel.imo,
            mmsi,
            connectedAt: iso(session.connectedMs),
            disconnectedAt: iso(session.disconnectedMs),
            energyKwh: session.energyKwh,
            asOf: iso(session.disconnectedMs),
          },
        ]
      : [];
    return [
      {
        ais: { aisShipType: c.vessel.aisShipType, lengthM: c.vessel.lengthM, beamM: c.vessel.beamM },
        ship: estimate.ship,
        window: { from: iso(c.arrivalMs), to: iso(c.departedMs) },
        anchorage: c.anchorage ? { from: iso(c.anchorage.startMs), to: iso(c.anchorage.endMs) } : null,
        berth: { from: iso(c.berthedMs), to: iso(c.unberthMs) },
        track,
        of: { mmsi, imo: c.vessel.imo, terminals: [c.terminal] },
        sessions,
      },
    ];
  });
  const positions = perCall.reduce((n, c) => n + c.track.length, 0);
  t0 = performance.now();
  let callCo2G = 0;
  let shorePowerKwh = 0;
  for (const c of perCall) {
    const shore = callShorePower({ ...c.of, berth: c.berth }, c.sessions);
    const result = computeCallEmissions({
      ...c,
      shorePower: { connectedHours: shore.connectedHours, meteredKwh: shore.meteredKwh, gridLossPct: 5 },
    });
    callCo2G += result.pollutants.co2G;
    shorePowerKwh += result.shorePower.shorePowerKwh;
  }
  s = (performance.now() - t0) / 1000;
  emit({
    bench: 'emissions per-call (projection engine)',
    unit: 'calls/s',
    value: Math.round(perCall.length / s),
    days,
    calls: perCall.length,
    positions,
    positionsPerS: Math.round(positions / s),
    co2T: Math.round(callCo2G / 1e6),
    shorePowerMwh: Math.round(shorePowerKwh / 1e3),
    input: 'simulator container calls and their tracks, one position a minute, particulars estimated from AIS',
  });

  // The carriers' statements as the simulator sends them, through the product's parser.
  const stated = new Map<string, StatedParticulars>();
  for (const m of vesselParticularsSource(run).messagesIn(parsed.scenario.startMs, parsed.scenario.endMs)) {
    const parsedMessage = vesselParticularsParser.parse(new TextEncoder().encode(m.body), {
      inboxId: 'bench',
      receivedAt: iso(m.atMs),
      sourceOrg: m.party.code.toLowerCase(),
      timeZone: 'UTC',
    });
    for (const e of parsedMessage.events) {
      if (e.eventTypeCode !== VESSEL_PARTICULARS) continue;
      stated.set(e.payload.imo, { ...e.payload, sourceOrg: m.party.code.toLowerCase(), asOf: e.eventDateTime });
    }
  }
  t0 = performance.now();
  let statedCo2G = 0;
  let statedCalls = 0;
  for (const c of perCall) {
    const particulars = particularsOf(c.ais, c.of.imo === null ? null : (stated.get(c.of.imo) ?? null));
    if (particulars.kind === 'none') continue;
    if (particulars.kind === 'stated') statedCalls++;
    const shore = callShorePower({ ...c.of, berth: c.berth }, c.sessions);
    const result = computeCallEmissions({
      ...c,
      ship: particulars.ship,
      shorePower: { connectedHours: shore.connectedHours, meteredKwh: shore.meteredKwh, gridLossPct: 5 },
    });
    statedCo2G += result.pollutants.co2G;
  }
  s = (performance.now() - t0) / 1000;
  emit({
    bench: 'emissions per-call (stated particulars)',
    unit: 'calls/s',
    value: Math.round(perCall.length / s),
    days,
    calls: perCall.length,
    statedCalls,
    positionsPerS: Math.round(positions / s),
    co2T: Math.round(statedCo2G / 1e6),
    input: 'the same calls, particulars stated by the simulated carriers (csv-vessel-particulars), gaps estimated',
  });

  // Repeat the month's calls so the timed loop runs long enough to measure.
  const rounds = quick ? 20 : 50;
  t0 = performance.now();
  for (let i = 0; i < rounds; i++) {
    for (const c of calls) {
      const outcome = computeEmissions(c);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues.slice(0, 3)));
    }
  }
  s = (performance.now() - t0) / 1000;
  emit({
    bench: 'emissions epa-port-call (validated)',
    unit: 'calls/s',
    value: Math.round((calls.length * rounds) / s),
    days,
    calls: calls.length,
    rounds,
    input: 'simulator container calls, modes from call timestamps',
  });
};

export default suite;
