import { describe, expect, it } from 'vitest';
import { Prng } from '../../sim/prng.js';
import { scoreTurnTime, turnTimeBacktest } from './turn-time-backtest.js';
import { fitTurnTimeModel, predictTurnTime, turnFactsAt, type TurnFact } from './turn-time-model.js';
import { MINUTE, HOUR, DAY } from '../../domain/time-units.js';

const T0 = Date.UTC(2018, 2, 5);

/** Known truth: median turn 40 min, 75 min for in-gates 07:00-09:59 UTC (the morning rush), +15 min at BBB. */
function gate(seed: string, days = 40, perDay = 300): TurnFact[] {
  const rng = new Prng(seed);
  const out: TurnFact[] = [];
  for (let i = 0; i < days * perDay; i++) {
    const terminal = i % 3 === 0 ? 'BBB' : 'AAA';
    const gateInMs = T0 + Math.round((i / perDay) * DAY + rng.uniform(0, DAY / perDay));
    const h = new Date(gateInMs).getUTCHours();
    const median = (h >= 7 && h < 10 ? 75 : 40) + (terminal === 'BBB' ? 15 : 0);
    out.push({ terminal, gateInMs, gateOutMs: gateInMs + rng.logNormal(median, 0.3) * MINUTE });
  }
  return out;
}
const days = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, k) => T0 + (from + k) * DAY);

describe('truck turn time forecast', () => {
  it('sees nothing at or after its origin: rewriting the future changes no forecast', () => {
    const facts = gate('future');
    const o = T0 + 20 * DAY;
    const known = turnFactsAt(facts, o);
    expect(known.every((f) => f.gateInMs < o && (f.gateOutMs === null || f.gateOutMs < o))).toBe(true);
    const rng = new Prng('rewrite');
    const rewritten = facts.map((f) =>
      f.gateOutMs !== null && f.gateOutMs >= o ? { ...f, gateOutMs: o + rng.uniform(0, 9) * HOUR } : f,
    );
    rewritten.push({ terminal: 'AAA', gateInMs: o, gateOutMs: o + 5 * HOUR });
    const a = fitTurnTimeModel(turnFactsAt(rewritten, o), o);
    const b = fitTurnTimeModel(known, o);
    for (const h of [0, 8, 15]) expect(predictTurnTime(a, 'AAA', h)).toEqual(predictTurnTime(b, 'AAA', h));
    // The backtest scores the rewritten future, but forecasts it the same way.
    const pa = turnTimeBacktest(rewritten, [o]).map((p) => p.modelMin);
    const pb = turnTimeBacktest(facts, [o]).map((p) => p.modelMin);
    expect(pa.slice(0, pb.length)).toEqual(pb);
  });

  it('learns the morning rush per terminal and falls back to the port for a terminal it has not seen', () => {
    const o = T0 + 20 * DAY;
    const model = fitTurnTimeModel(turnFactsAt(gate('levels'), o), o);
    const rush = predictTurnTime(model, 'AAA', 8)!;
    const quiet = predictTurnTime(model, 'AAA', 14)!;
    expect(rush.level).toBe('terminal+hour');
    expect(rush.medianMin).toBeGreaterThan(68);
    expect(rush.medianMin).toBeLessThan(82);
    expect(quiet.medianMin).toBeGreaterThan(36);
    expect(quiet.medianMin).toBeLessThan(44);
    expect(predictTurnTime(model, 'BBB', 14)!.medianMin).toBeGreaterThan(quiet.medianMin + 10);
    expect(predictTurnTime(model, 'NEW', 8)!.level).toBe('port+hour');
    expect(predictTurnTime(fitTurnTimeModel([], o), 'AAA', 8)).toBeNull();
  });

  it('beats the terminal and port means on a known truth, with intervals that cover as promised', () => {
    const s = scoreTurnTime(turnTimeBacktest(gate('backtest'), days(15, 38)));
    expect(s.n).toBeGreaterThan(5000);
    expect(s.modelMaeMin).toBeLessThan(0.9 * s.terminalMeanMaeMin);
    expect(s.terminalMeanMaeMin).toBeLessThan(s.portMeanMaeMin);
    expect(s.coverage['0.8']).toBeGreaterThan(0.76);
    expect(s.coverage['0.8']).toBeLessThan(0.84);
    expect(s.coverage['0.95']).toBeGreaterThan(0.92);
    expect(s.coverage['0.95']).toBeLessThan(0.98);
  });
});
