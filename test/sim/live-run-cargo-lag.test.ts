/**
 * The ships do not wait for the boxes (`sim/io/live-run.ts`): the parties' messages go out on a chain of their own
 * that may trail the AIS by `maxCargoLagMs`, so a window whose messages take long to prepare (the warm-up calls'
 * boxes of `serve`'s first window: minutes of slices) does not hold back the AIS of the windows after it — and the
 * AIS runs ahead no further than that bound.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/domain/time-units.js';
import { AisTcpServer } from '../../src/sim/io/ais-tcp-server.js';
import { SimFeeder } from '../../src/sim/io/http-feeder.js';
import { runLive } from '../../src/sim/io/live-run.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { httpPartyKeys } from '../../src/sim/io/party-keys.js';
import { parseScenario } from '../../src/sim/scenario.js';
import type { SimMessageSource } from '../../src/sim/sim-message.js';
import { simulate } from '../../src/sim/simulate.js';

const parsed = parseScenario({ seed: 7, start: '2018-01-10T00:00:00Z', days: 1 / 24 });
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const scenario = parsed.scenario;
const run = simulate(scenario, loadSimInputs());

/** A source whose first window needs `slices` slices of preparation; it records the AIS lines sent at each slice. */
function slowFirstWindow(ais: AisTcpServer, slices: number): { source: SimMessageSource; seen: number[] } {
  const seen: number[] = [];
  let left = slices;
  return {
    seen,
    source: {
      prepare: () => {
        seen.push(ais.linesSent);
        return left-- > 0;
      },
      messagesIn: () => [],
    },
  };
}

async function live(
  maxCargoLagMs: number | undefined,
): Promise<{ seen: number[]; aisLines: number; reachedMs: number }> {
  // No client: publishing counts the lines and returns at once. No message is sent: the feeder is never called.
  const ais = new AisTcpServer();
  const { source, seen } = slowFirstWindow(ais, 40);
  const target = 'http://127.0.0.1:9';
  const result = await runLive({
    run,
    plan: {
      simStartMs: scenario.startMs,
      simEndMs: scenario.endMs,
      anchorSimMs: scenario.startMs,
      wallStartMs: 0,
      speed: 'max',
    },
    ais,
    messages: source,
    feeder: new SimFeeder({ target, keys: httpPartyKeys(target, 'not used') }),
    maxWindowMs: 5 * MINUTE,
    maxCargoLagMs,
  });
  return { seen, aisLines: result.aisLines, reachedMs: result.reachedMs };
}

describe('a live run whose first window takes long to prepare', () => {
  it('should send the AIS of the windows after it meanwhile, and reach the end', async () => {
    const { seen, aisLines, reachedMs } = await live(undefined);
    expect(aisLines).toBeGreaterThan(100);
    // By the last slice of the first window's preparation, the whole hour's AIS is out (12 windows of 5 minutes).
    expect(seen.length).toBeGreaterThan(40);
    expect(seen[40]).toBe(aisLines);
    expect(reachedMs).toBe(scenario.endMs);
  });

  it('should let the AIS run ahead of the messages by no more than maxCargoLagMs', async () => {
    const { seen, aisLines, reachedMs } = await live(10 * MINUTE);
    // With a 10-minute bound the AIS waits for the first window's messages after at most three windows.
    expect(Math.max(...seen.slice(0, 41))).toBeLessThan(aisLines);
    expect(seen[0]).toBeGreaterThan(0);
    expect(reachedMs).toBe(scenario.endMs);
  });
});
