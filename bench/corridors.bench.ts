/**
 * Green-corridor voyages and just-in-time advice per second (issue 15) over the simulator's January 2018 month
 * (seed 7; `quick`: 3 days). Each container call becomes `CallFacts` as the reader would build them (previous port
 * with the departure from it, as a carrier schedule states it; AIS length; TEU discharged and loaded) and the shipped
 * corridor file with a particulars register of the simulated fleet's fuels; `corridorVoyagesOf` is timed. Each call
 * that anchored in a congested month (demand × 1.5) gets `jitAdvice` for its approach from the traffic-separation
 * scheme to the anchorage at its sea speed; every call of that month gets the live `approachJitAdvice` from the inner
 * end of its lane (where the port limits open its call) towards a berth window known perfectly.
 */
import { corridorFigures, corridorVoyagesOf, type CallFacts } from '../src/emissions/corridor-voyages.js';
import type { FuelPathway } from '../src/emissions/fueleu-factors.js';
import { estimateContainerShip } from '../src/emissions/container-ship-estimate.js';
import { approachJitAdvice } from '../src/emissions/approach-jit-advice.js';
import { jitAdvice } from '../src/emissions/jit-arrival.js';
import { distanceNm } from '../src/forecast/eta/route-geometry.js';
import { HARBOUR, INBOUND_LANE, type ApproachPort } from '../src/forecast/eta/san-pedro-bay-approach.js';
import { loadGreenCorridors } from '../src/geo/load-green-corridors.js';
import { loadSimInputs } from '../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../src/sim/scenario.js';
import { simulate } from '../src/sim/simulate.js';
import type { BenchSuite } from './bench-record.js';

const HOUR = 3_600_000;
const PATHWAY: Readonly<Record<string, FuelPathway | undefined>> = {
  HFO: 'HFO',
  VLSFO: 'HFO',
  MGO: 'MDO',
  LNG: 'LNG_OTTO_MS',
  methanol: 'E_METHANOL',
};

const suite: BenchSuite = async (emit, { quick }) => {
  const days = quick ? 3 : 31;
  const parsed = parseScenario({ seed: 7, days });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const run = simulate(parsed.scenario, loadSimInputs());
  const shipped = loadGreenCorridors();
  const vessels = new Map<string, { imo: string; fuel: FuelPathway; teu?: number; source: string }>();
  for (const c of run.calls) {
    const fuel = PATHWAY[c.vessel.fuel];
    if (c.vessel.imo && fuel) {
      vessels.set(c.vessel.imo, {
        imo: c.vessel.imo,
        fuel,
        ...(c.vessel.teu ? { teu: c.vessel.teu } : {}),
        source: 'simulator fleet',
      });
    }
  }
  const config = { ...shipped, vessels: [...vessels.values()] };
  const facts: CallFacts[] = run.calls.map((c) => ({
    callId: c.id,
    imo: c.vessel.imo,
    vesselName: c.vessel.name,
    port: c.port,
    arrivedAt: new Date(c.arrivalMs).toISOString(),
    departedAt: new Date(c.departedMs).toISOString(),
    previousPort: {
      unLocode: c.previousPort,
      source: 'carrier-schedule',
      at: new Date(c.departedPreviousMs).toISOString(),
    },
    nextPort: null,
    lengthM: c.vessel.lengthM,
    teuDischarged: c.dischargeTeu,
    teuLoaded: c.loadTeu,
  }));
  const rounds = quick ? 5 : 10;
  let t0 = performance.now();
  let voyages = corridorVoyagesOf(config, facts[0]!);
  for (let i = 0; i < rounds; i++) voyages = facts.flatMap((f) => corridorVoyagesOf(config, f));
  let s = (performance.now() - t0) / 1000;
  const figures = corridorFigures(voyages);
  emit({
    bench: 'corridors voyages',
    unit: 'calls/s',
    value: Math.round((facts.length * rounds) / s),
    days,
    calls: facts.length,
    voyages: voyages.length,
    lowZeroCarbonSharePct: Number((figures.lowZeroCarbonSharePct ?? 0).toFixed(2)),
    wtwGCo2ePerMj: Number((figures.wtwGCo2ePerMj ?? 0).toFixed(2)),
    wtwGCo2ePerTeuKm: Number((figures.wtwGCo2ePerTeuKm ?? 0).toFixed(2)),
    input: 'simulator container calls, previous port and departure as a carrier schedule states them',
  });

  // January 2018 has no anchorage queue; the advice is timed over a congested month (demand × 1.5, like 2021).
  const congested = parseScenario({ seed: 7, days, demandFactor: 1.5 });
  if (!congested.ok) throw new Error(congested.errors.join('; '));
  const queued = simulate(congested.scenario, loadSimInputs());
  const waited = queued.calls.filter((c) => c.anchorage && c.anchorage.endMs > c.anchorage.startMs);
  t0 = performance.now();
  let fuelSavedT = 0;
  let co2SavedT = 0;
  for (let i = 0; i < rounds; i++) {
    fuelSavedT = 0;
    co2SavedT = 0;
    for (const c of waited) {
      const approachHours = Math.max(0.25, (c.anchorage!.startMs - c.arrivalMs) / HOUR);
      const { ship } = estimateContainerShip({
        lengthM: c.vessel.lengthM,
        teu: c.vessel.teu,
        mainEngineMcrKw: c.vessel.installedPowerKw,
        designSpeedKn: c.vessel.designSpeedKn,
        fuel: PATHWAY[c.vessel.fuel] ?? 'HFO',
      });
      const speed = Math.min(c.seaSpeedKn, c.vessel.designSpeedKn);
      const a = jitAdvice({
        ship,
        approachNm: speed * approachHours,
        approachHours,
        waitingHours: (c.anchorage!.endMs - c.anchorage!.startMs) / HOUR,
      });
      fuelSavedT += a.fuelSavedT;
      co2SavedT += a.co2SavedT;
    }
  }
  s = (performance.now() - t0) / 1000;
  emit({
    bench: 'corridors jit-advice',
    unit: 'calls/s',
    value: Math.round((waited.length * rounds) / s),
    days,
    callsWaited: waited.length,
    fuelSavedT: Math.round(fuelSavedT),
    co2SavedT: Math.round(co2SavedT),
    input: 'simulator calls that anchored (demand x 1.5): approach from the TSS at sea speed, wait = time at anchor',
  });

  // Live advice (`approachJitAdvice`), as `GET /vessel-calls/{callId}/jit-advice` gives it when the call opens: every
  // call of the congested month at the inner end of its lane, sailing at its sea speed, with the berth window known
  // perfectly (the ship is needed at the pilot boarding area when the pilot actually boarded).
  const all = queued.calls.filter((c) => c.arrivalMs < c.pilotOnMs);
  t0 = performance.now();
  let liveFuelT = 0;
  let liveCo2T = 0;
  let liveAdvised = 0;
  for (let i = 0; i < rounds; i++) {
    liveFuelT = 0;
    liveCo2T = 0;
    liveAdvised = 0;
    for (const c of all) {
      const { ship } = estimateContainerShip({
        lengthM: c.vessel.lengthM,
        teu: c.vessel.teu,
        mainEngineMcrKw: c.vessel.installedPowerKw,
        designSpeedKn: c.vessel.designSpeedKn,
        fuel: PATHWAY[c.vessel.fuel] ?? 'HFO',
      });
      const a = approachJitAdvice({
        ship,
        distanceNm: laneEndToPilotNm(c.port),
        currentSpeedKn: Math.min(c.seaSpeedKn, c.vessel.designSpeedKn),
        nowMs: c.arrivalMs,
        pilotStationAtMs: c.pilotOnMs,
      });
      if (a.fuelSavedT > 0) liveAdvised++;
      liveFuelT += a.fuelSavedT;
      liveCo2T += a.co2SavedT;
    }
  }
  s = (performance.now() - t0) / 1000;
  emit({
    bench: 'corridors live jit-advice',
    unit: 'calls/s',
    value: Math.round((all.length * rounds) / s),
    days,
    calls: all.length,
    callsSaving: liveAdvised,
    fuelSavedT: Math.round(liveFuelT * 10) / 10,
    co2SavedT: Math.round(liveCo2T * 10) / 10,
    input:
      'simulator calls (demand x 1.5) at the lane end, still at sea speed, window = actual pilot boarding (upper bound: the simulated ships slow to 10 kn there anyway)',
  });
};

/** Mean distance from the inner ends of both inbound lanes to the port's pilot boarding area, nautical miles. */
function laneEndToPilotNm(port: ApproachPort): number {
  const pilot = HARBOUR[port].pilot;
  const ends = Object.values(INBOUND_LANE).map((lane) => lane[lane.length - 1]!);
  return ends.reduce((sum, e) => sum + distanceNm(e.lat, e.lon, pilot.lat, pilot.lon), 0) / ends.length;
}

export default suite;
