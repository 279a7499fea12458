/**
 * The cargo source prepared in slices (`prepare`, what a live run does so that `serve` keeps answering while the
 * boxes of the calls in port are generated: a call's boxes, or at most 500 steps of the slot ledger's bookings) hands out exactly the messages it hands out unprepared, window by
 * window: slicing changes when the work is done, never what is sent.
 */
import { describe, expect, it } from 'vitest';
import { cargoMessageSource } from '../../src/sim/cargo/cargo-message-source.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { simulate } from '../../src/sim/simulate.js';

const HOUR = 3_600_000;

describe('cargo messages prepared in slices', () => {
  it('should hand out the same messages as without slices, whatever the slices', () => {
    const parsed = parseScenario({ seed: 7, days: 0.25, warmupDays: 3, start: '2018-03-05T06:00:00Z' });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const run = simulate(parsed.scenario, loadSimInputs());
    const plain = cargoMessageSource(run);
    const sliced = cargoMessageSource(run);
    let slices = 0;
    let windows = 0;
    for (let from = parsed.scenario.startMs; from < parsed.scenario.endMs; from += HOUR) {
      const to = from + HOUR;
      let inWindow = 0;
      while (sliced.prepare?.(from, to)) inWindow++;
      if (windows === 0) expect(inWindow, 'the first window generates the calls in port').toBeGreaterThan(3);
      expect(sliced.prepare?.(from, to), 'nothing left once prepared').toBe(false);
      slices += inWindow;
      expect(sliced.messagesIn(from, to)).toEqual(plain.messagesIn(from, to));
      windows++;
    }
    // A slice is a call generated or at most 500 slot-ledger steps (the bookings the warm-up calls need first): the
    // first window alone takes more slices than there are calls.
    expect(sliced.stats()).toEqual(plain.stats());
    expect(slices).toBeGreaterThan(run.calls.length);
  }, 300_000);
});
