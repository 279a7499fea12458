/**
 * The parties' messages prepared in a worker thread (`sim/io/worker-message-source.ts`, what `serve` uses so the
 * slot ledger's warm-up runs on a core of its own): the worker runs the same model from the same scenario, so
 * each window holds exactly the messages the main thread's `messageSourceOf(run)` gives; a worker that cannot run
 * says why through the source, and a window taken before it is ready is an error, not an empty window. The worker
 * is the compiled module (dist/, built by `npm test` and `npm ci`): skipped with a message when it is not built.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HOUR } from '../../src/domain/time-units.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario, type ScenarioInput } from '../../src/sim/scenario.js';
import { messageSourceOf } from '../../src/sim/sim-sources.js';
import { simulate } from '../../src/sim/simulate.js';
import { until } from '../support/until.js';
import type * as WorkerSourceModule from '../../src/sim/io/worker-message-source.js';

const MODULE = new URL('../../dist/src/sim/io/worker-message-source.js', import.meta.url);
const built = existsSync(fileURLToPath(MODULE));
if (!built) console.warn('sim-worker-source: skipped: dist/ is not built (npm run build)');

type WorkerModule = typeof WorkerSourceModule;
const load = async (): Promise<WorkerModule> => (await import(MODULE.href)) as WorkerModule;

/** Polls the source as a live run does until the window is ready. */
async function prepared(source: { prepare?(fromMs: number, toMs: number): boolean }, fromMs: number, toMs: number) {
  for (let polls = 0; source.prepare?.(fromMs, toMs); polls++) {
    if (polls > 12_000) throw new Error('the worker never answered');
    await sleep(10);
  }
}

describe.skipIf(!built)('the parties’ messages prepared in a worker thread', () => {
  it('should hold, window by window, exactly the messages the main thread prepares', async () => {
    const { workerMessageSource } = await load();
    const input: ScenarioInput = { seed: 7, days: 0.25, warmupDays: 1, start: '2018-03-05T06:00:00Z' };
    const parsed = parseScenario(input);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const { startMs, endMs } = parsed.scenario;
    const worker = workerMessageSource({ scenario: input, firstFromMs: startMs });
    try {
      const inThread = messageSourceOf(simulate(parsed.scenario, loadSimInputs()));
      let total = 0;
      const formats = new Set<string>();
      for (let fromMs = startMs; fromMs < endMs; fromMs += HOUR) {
        const toMs = Math.min(endMs, fromMs + HOUR);
        await prepared(worker, fromMs, toMs);
        const expected = inThread.messagesIn(fromMs, toMs);
        expect(worker.messagesIn(fromMs, toMs), `window at ${new Date(fromMs).toISOString()}`).toEqual(expected);
        total += expected.length;
        for (const m of expected) formats.add(m.format);
      }
      // Not an empty comparison: the cargo flows and the other parties' messages of six hours.
      expect(total).toBeGreaterThan(50);
      expect([...formats]).toEqual(expect.arrayContaining(['dcsa-events', 'edifact-codeco', 'csv-gate-transactions']));
      expect(worker.warmMs()).toBeGreaterThan(0);
    } finally {
      await worker.close();
    }
  }, 300_000);

  it('should fail the run with the worker’s reason when it cannot run the scenario', async () => {
    const { workerMessageSource } = await load();
    const worker = workerMessageSource({ scenario: { seed: 7, days: 0.25, start: 'not a date' } });
    let failure: unknown = null;
    try {
      await until(
        () => {
          try {
            worker.prepare(0, HOUR);
            return false;
          } catch (error) {
            failure = error;
            return true;
          }
        },
        'the worker’s failure',
        60_000,
      );
      expect(String(failure)).toMatch(/simulator scenario: .*start/);
      expect(() => worker.messagesIn(0, HOUR)).toThrow(/simulator scenario/);
    } finally {
      await worker.close();
    }
  }, 90_000);

  it('should refuse a window taken before it is prepared', async () => {
    const { workerMessageSource } = await load();
    const input: ScenarioInput = { seed: 7, days: 0.05, warmupDays: 0, start: '2018-03-05T06:00:00Z' };
    const worker = workerMessageSource({ scenario: input });
    try {
      const fromMs = Date.parse('2018-03-05T06:00:00Z');
      expect(() => worker.messagesIn(fromMs, fromMs + HOUR)).toThrow(/taken before it was prepared/);
    } finally {
      await worker.close();
    }
  }, 60_000);
});
