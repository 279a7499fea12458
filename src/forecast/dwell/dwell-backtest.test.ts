import { describe, expect, it } from 'vitest';
import { Prng } from '../../sim/prng.js';
import { dwellFactsAt, holdClassAt, type DwellFact } from './dwell-facts.js';
import { dwellBacktest, dwellForecastsAt, scoreDwell } from './dwell-backtest.js';
import { fitDwellModel, predictDwell } from './dwell-model.js';
import { HOUR, DAY } from '../../domain/time-units.js';

const T0 = Date.UTC(2018, 2, 5);

/**
 * A known truth: boxes discharged evenly over `days` at two terminals whose median dwell differs (2 d and 3 d,
 * log-normal), 10% held by customs on discharge until 1-4 days after it; a held box leaves at the later of its
 * own pick-up and 6-30 h after the release.
 */
function yard(seed: string, days = 70, perDay = 80): DwellFact[] {
  const rng = new Prng(seed);
  const facts: DwellFact[] = [];
  for (let i = 0; i < days * perDay; i++) {
    const terminal = i % 2 === 0 ? 'AAA' : 'BBB';
    const dischargedMs = T0 + Math.round((i / perDay) * DAY + rng.uniform(0, DAY / perDay));
    let leftMs = dischargedMs + rng.logNormal(terminal === 'AAA' ? 2 : 3, 0.4) * DAY;
    const holds = [];
    if (rng.chance(0.1)) {
      const releasedMs = dischargedMs + rng.uniform(1, 4) * DAY;
      holds.push({ type: 'CUSTOMS' as const, placedMs: dischargedMs - 5 * HOUR, releasedMs });
      leftMs = Math.max(leftMs, releasedMs + rng.uniform(6, 30) * HOUR);
    }
    facts.push({ container: `BOXU${String(i).padStart(7, '0')}`, terminal, dischargedMs, leftMs, holds });
  }
  return facts;
}

const origins = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, k) => T0 + (from + k) * DAY);

describe('dwell forecast: no look-ahead', () => {
  it('an origin sees only boxes discharged before it, with no departure, hold or release at or after it', () => {
    const o = T0 + 30 * DAY;
    const known = dwellFactsAt(yard('seen'), o);
    expect(Object.isFrozen(known)).toBe(true);
    expect(known.length).toBeGreaterThan(0);
    for (const f of known) {
      expect(f.dischargedMs).toBeLessThan(o);
      expect(f.leftMs === null || f.leftMs < o).toBe(true);
      for (const h of f.holds) {
        expect(h.placedMs).toBeLessThan(o);
        expect(h.releasedMs === null || h.releasedMs < o).toBe(true);
      }
    }
  });

  it('rewriting everything at or after the origin changes no forecast', () => {
    const facts = yard('future');
    const rng = new Prng('rewrite');
    for (const o of origins(20, 40).filter((_, k) => k % 5 === 0)) {
      const rewritten: DwellFact[] = facts.map((f) => ({
        ...f,
        leftMs: f.leftMs !== null && f.leftMs >= o ? o + rng.uniform(0, 30) * DAY : f.leftMs,
        holds: f.holds.map((h) => ({
          ...h,
          releasedMs: h.releasedMs !== null && h.releasedMs >= o ? null : h.releasedMs,
        })),
      }));
      // Boxes discharged later, with a dwell no model could have guessed.
      rewritten.push({ container: 'LATE0000001', terminal: 'AAA', dischargedMs: o, leftMs: o + HOUR, holds: [] });
      expect(dwellForecastsAt(dwellFactsAt(rewritten, o), o)).toEqual(dwellForecastsAt(dwellFactsAt(facts, o), o));
    }
  });
});

describe('dwell model', () => {
  it('reads the holds open at an instant', () => {
    const holds = [
      { type: 'CUSTOMS' as const, placedMs: 0, releasedMs: 10 },
      { type: 'FREIGHT' as const, placedMs: 5, releasedMs: null },
    ];
    expect(holdClassAt(holds, 2)).toBe('customs');
    expect(holdClassAt(holds, 7)).toBe('customs+freight');
    expect(holdClassAt(holds, 10)).toBe('freight');
    expect(holdClassAt([], 10)).toBe('none');
  });

  it('learns each terminal, lengthens the dwell of a held box and of one already long in the yard', () => {
    const o = T0 + 40 * DAY;
    const model = fitDwellModel(dwellFactsAt(yard('levels'), o), o);
    const a = predictDwell(model, { terminal: 'AAA', elapsedH: 0, holds: 'none' })!;
    const b = predictDwell(model, { terminal: 'BBB', elapsedH: 0, holds: 'none' })!;
    const held = predictDwell(model, { terminal: 'AAA', elapsedH: 0, holds: 'customs' })!;
    const late = predictDwell(model, { terminal: 'AAA', elapsedH: 96, holds: 'none' })!;
    // Medians of the truth: 48 h and 72 h.
    expect(a.medianH).toBeGreaterThan(40);
    expect(a.medianH).toBeLessThan(56);
    expect(b.medianH).toBeGreaterThan(62);
    expect(b.medianH).toBeLessThan(82);
    expect(a.level).toBe('terminal+holds');
    expect(held.medianH).toBeGreaterThan(a.medianH + 12);
    expect(late.medianH).toBeGreaterThan(96);
    expect(a.intervals[0]!.lowerH).toBeLessThan(a.medianH);
    expect(a.intervals[1]!.upperH).toBeGreaterThan(a.intervals[0]!.upperH);
  });

  it('falls back to the port when a terminal has no history, and answers null with no departure at all', () => {
    const o = T0 + 40 * DAY;
    const model = fitDwellModel(dwellFactsAt(yard('fallback'), o), o);
    expect(predictDwell(model, { terminal: 'NEW', elapsedH: 0, holds: 'none' })!.level).toBe('port+holds');
    expect(predictDwell(fitDwellModel([], o), { terminal: 'AAA', elapsedH: 0, holds: 'none' })).toBeNull();
  });

  it('beats the terminal and port means on a known truth and its intervals cover as promised', () => {
    const score = scoreDwell(dwellBacktest(yard('backtest'), origins(30, 55)));
    expect(score.n).toBeGreaterThan(5000);
    expect(score.modelMaeH).toBeLessThan(score.terminalMeanMaeH);
    expect(score.terminalMeanMaeH).toBeLessThan(score.portMeanMaeH);
    expect(score.coverage['0.8']).toBeGreaterThan(0.75);
    expect(score.coverage['0.8']).toBeLessThan(0.85);
    expect(score.coverage['0.95']).toBeGreaterThan(0.92);
    expect(score.coverage['0.95']).toBeLessThan(0.98);
  });
});
