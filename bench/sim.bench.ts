/**
 * Simulator throughput (issue 12) for a full-port month (January 2018, seed 7; `quick`: 3 days): the
 * model alone (simulated days per wall-clock second for the ship, berth and queue model), and the model
 * plus AIS generation (simulated days per second and AIS lines per second, lines built in memory one hour
 * at a time as `openpcs sim --out` does, without the disk write).
 */
import { AisReporter } from '../src/sim/ais/ais-reporter.js';
import { loadSimInputs } from '../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../src/sim/scenario.js';
import { simulate } from '../src/sim/simulate.js';
import type { BenchSuite } from './bench-record.js';

const HOUR = 3_600_000;

const suite: BenchSuite = async (emit, { quick }) => {
  const days = quick ? 3 : 31;
  const parsed = parseScenario({ seed: 7, days });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const inputs = loadSimInputs();

  let t0 = performance.now();
  const run = simulate(parsed.scenario, inputs);
  const modelS = (performance.now() - t0) / 1000;
  emit({
    bench: 'sim model',
    unit: 'simulated days/s',
    value: Math.round(days / modelS),
    days,
    calls: run.calls.length,
  });

  t0 = performance.now();
  const reporter = new AisReporter(run.tracks);
  let lines = 0;
  let bytes = 0;
  for (let t = parsed.scenario.startMs; t < parsed.scenario.endMs; t += HOUR) {
    const batch = reporter.linesIn(t, Math.min(parsed.scenario.endMs, t + HOUR));
    lines += batch.length;
    for (const l of batch) bytes += l.length + 1;
  }
  const aisS = (performance.now() - t0) / 1000;
  const totalS = modelS + aisS;
  emit({
    bench: 'sim with AIS',
    unit: 'simulated days/s',
    value: Math.round((days / totalS) * 100) / 100,
    days,
    lines,
    bytes,
  });
  emit({ bench: 'sim AIS lines', unit: 'lines/s', value: Math.round(lines / aisS), days, lines });
  await Promise.resolve();
};

export default suite;
