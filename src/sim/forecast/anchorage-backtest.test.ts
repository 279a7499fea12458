import { beforeAll, describe, expect, it } from 'vitest';
import { loadSimInputs } from '../io/load-sim-inputs.js';
import type { ContainerCall } from '../container-call.js';
import type { PortModelInputs } from '../port-model.js';
import { SURGE_2021 } from '../scenario.js';
import { anchorageInputAt } from './anchorage-backtest.js';
import { runAnchorageStudy } from './anchorage-study.js';
import { simulatedEtaRun } from './eta-study.js';
import { DAY } from '../../domain/time-units.js';

let inputs: PortModelInputs;
beforeAll(() => {
  inputs = loadSimInputs();
});

/** Every instant of a call at or after the origin moved 3 days later (the schedule, known before, stays). */
function rewriteFuture(c: ContainerCall, o: number): ContainerCall {
  const f = (t: number): number => (t >= o ? t + 3 * DAY : t);
  return {
    ...c,
    arrivalMs: f(c.arrivalMs),
    anchorage: c.anchorage && { ...c.anchorage, startMs: f(c.anchorage.startMs), endMs: f(c.anchorage.endMs) },
    pilotOnMs: f(c.pilotOnMs),
    berthedMs: f(c.berthedMs),
    workStartMs: f(c.workStartMs),
    workEndMs: f(c.workEndMs),
    unberthMs: f(c.unberthMs),
    pilotOffMs: f(c.pilotOffMs),
    departedMs: f(c.departedMs),
  };
}

describe('anchorage queue backtest on simulated runs', () => {
  it('gives the model only what is known at the origin: rewriting the future changes none of its input', () => {
    const run = simulatedEtaRun(inputs, 7, SURGE_2021, 21);
    for (const o of [run.startMs + 3 * DAY, run.startMs + 10 * DAY]) {
      const moved = run.calls.map((c) => rewriteFuture(c, o));
      expect(anchorageInputAt(moved, o)).toEqual(anchorageInputAt(run.calls, o));
    }
  });

  it('beats persistence in the surge at every day ahead and finds no queue in normal traffic', () => {
    const [normal, surge] = runAnchorageStudy(inputs);
    for (const s of normal!.scores) {
      expect(s.meanActual).toBeLessThan(1);
      expect(s.modelMae).toBeLessThanOrEqual(s.persistenceMae + 0.5);
    }
    for (const s of surge!.scores) {
      expect(s.meanActual).toBeGreaterThan(10);
      expect(s.modelMae).toBeLessThan(s.persistenceMae);
    }
    const pooled =
      surge!.scores.reduce((a, s) => a + s.coverage['0.8']! * s.n, 0) / surge!.scores.reduce((a, s) => a + s.n, 0);
    expect(pooled).toBeGreaterThan(0.5);
  });
});
