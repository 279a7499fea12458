import { beforeAll, describe, expect, it } from 'vitest';
import { loadSimInputs } from '../io/load-sim-inputs.js';
import { SURGE_2021 } from '../scenario.js';
import type { PortModelInputs } from '../port-model.js';
import { NAV, type Leg, type Track } from '../track.js';
import { approachGeometry } from '../../forecast/eta/san-pedro-bay-approach.js';
import { etaStudyPart, portViewAt, scoredCalls, type EtaRun } from './eta-backtest.js';
import { simulatedEtaRun } from './eta-study.js';
import { predictEta } from '../../forecast/eta/vessel-eta.js';
import { HOUR } from '../../domain/time-units.js';

let inputs: PortModelInputs;
beforeAll(() => {
  inputs = loadSimInputs();
});

/** The track as it was known at `originMs`, then a made-up future: moored far away from the origin on. */
function rewriteFuture(track: Track, originMs: number): Track {
  const legs: Leg[] = [];
  for (const leg of track.legs) {
    if (leg.startMs >= originMs) break;
    if (leg.endMs <= originMs) {
      legs.push(leg);
      continue;
    }
    const f = (originMs - leg.startMs) / (leg.endMs - leg.startMs);
    const to = leg.moving
      ? { lat: leg.from.lat + (leg.to.lat - leg.from.lat) * f, lon: leg.from.lon + (leg.to.lon - leg.from.lon) * f }
      : leg.to;
    legs.push({ ...leg, endMs: originMs, to });
  }
  const junk = { lat: 10, lon: -150 };
  const at = legs[legs.length - 1]?.to ?? junk;
  legs.push({
    startMs: originMs,
    endMs: originMs + 500 * HOUR,
    from: at,
    to: junk,
    navStatus: NAV.underWayEngine,
    headingDeg: 0,
    moving: true,
  });
  legs.push({
    startMs: originMs + 500 * HOUR,
    endMs: originMs + 900 * HOUR,
    from: junk,
    to: junk,
    navStatus: NAV.moored,
    headingDeg: 0,
    moving: false,
  });
  return { ...track, legs: track.legs[0] !== undefined && track.legs[0].startMs >= originMs ? legs.slice(-2) : legs };
}

describe('ETA backtest on simulated tracks', () => {
  it('no leakage: rewriting every track after the origin does not change a forecast', () => {
    const run = simulatedEtaRun(inputs, 7, SURGE_2021, 7);
    const calls = scoredCalls(run).slice(0, 12);
    expect(calls.length).toBe(12);
    let compared = 0;
    for (const k of calls) {
      const call = run.calls[k]!;
      for (const originMs of [call.pilotOnMs - HOUR, call.berthedMs - 6 * HOUR, call.berthedMs - 24 * HOUR]) {
        const rewritten: EtaRun = { ...run, tracks: run.tracks.map((t) => rewriteFuture(t, originMs)) };
        const a = portViewAt(run, inputs.registry, k, originMs);
        const b = portViewAt(rewritten, inputs.registry, k, originMs);
        const geometry = approachGeometry(call.port);
        const pa = predictEta(a.input, a.queue, geometry);
        const pb = predictEta(b.input, b.queue, geometry);
        expect(pa).not.toBeNull();
        expect(pb!.method).toBe(pa!.method);
        // The split leg reproduces the same positions up to floating-point rounding (well under a second).
        expect(Math.abs(pb!.pilotMs - pa!.pilotMs)).toBeLessThan(1000);
        expect(Math.abs(pb!.berthMs - pa!.berthMs)).toBeLessThan(1000);
        compared++;
      }
    }
    expect(compared).toBe(36);
  });

  it('beats the schedule on both scenarios and its intervals cover about as promised', () => {
    const normal = etaStudyPart(
      'normal',
      simulatedEtaRun(inputs, 8, {}, 7),
      simulatedEtaRun(inputs, 7, {}, 7),
      inputs.registry,
    );
    const surge = etaStudyPart(
      'surge',
      simulatedEtaRun(inputs, 8, SURGE_2021, 7),
      simulatedEtaRun(inputs, 7, SURGE_2021, 7),
      inputs.registry,
    );
    expect(normal.arrivals).toBeGreaterThan(30);
    expect(surge.arrivals).toBeGreaterThan(30);
    for (const part of [normal, surge]) {
      for (const s of part.scores) {
        expect(s.model.n).toBe(part.arrivals);
        expect(s.model.maeMin!).toBeLessThan(s.schedule.maeMin!);
      }
    }
    // One hour out, on the lane at constant speed, the track model is exact where no queue is in the way.
    const pilot1 = normal.scores.find((s) => s.target === 'pilot' && s.horizonH === 1)!;
    expect(pilot1.model.maeMin!).toBeLessThan(pilot1.distanceOverSog.maeMin!);
    // In the surge the queue model is what matters: a day out it is far better than the schedule.
    const surge24 = surge.scores.find((s) => s.target === 'pilot' && s.horizonH === 24)!;
    expect(surge24.model.maeMin!).toBeLessThan(surge24.schedule.maeMin! / 3);
    // The ship's own ETA blended in, with weights fitted on the seed-8 run only, beats the model a day out
    // (where the master's booked pilot time and passage plan are better than the track) on the seed-7 run.
    for (const part of [normal, surge]) {
      const s24 = part.scores.find((s) => s.target === 'pilot' && s.horizonH === 24)!;
      expect(s24.blend.n).toBe(part.arrivals);
      expect(s24.blend.maeMin!).toBeLessThan(s24.model.maeMin!);
    }
    const all = [...normal.scores, ...surge.scores];
    const mean = (level: string): number => all.reduce((a, s) => a + (s.model.coverage[level] ?? 0), 0) / all.length;
    expect(mean('0.8')).toBeGreaterThan(0.65);
    expect(mean('0.8')).toBeLessThan(0.92);
    expect(mean('0.95')).toBeGreaterThan(0.82);
  });
});
