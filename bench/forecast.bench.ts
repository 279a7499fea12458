/**
 * Forecast models (issue 16, docs/forecast.md): speed and accuracy side by side.
 * Speed: fits + forecasts (12 months, 80% and 95% intervals) per second of each model, on the shipped USLAX
 * history (24 months, 2017-2018) and on a 120-month simulated series; and the whole San Pedro Bay backtest
 * (every model, every origin) in seconds. "A full port" is one monthly series per port here: the weekly
 * per-terminal look-ahead is the next increment.
 * Accuracy: one line per scored hold-out of the real-series backtest: `{bench:'forecast-accuracy', series,
 * holdoutYear, unit:'MAPE %', value (chosen model), reference:'seasonal-naive(12)', referenceValue, ratio,
 * coverage80, coverage95}` (empirical coverage of the chosen model's 80% / 95% intervals on the hold-out).
 * Vessel ETA: `eta-forecast` — ETAs per second for a full port (every container ship of a simulated surge
 * fortnight that is approaching or waiting, at noon of each day: the port view as the model sees it, then
 * the forecast); `eta-accuracy` — MAE in minutes per scenario, target and horizon of the ETA backtest
 * (eta-study.ts) beside the schedule and the ship's own ETA. `lookahead-accuracy` — per week ahead, MAE (TEU per
 * terminal, week and flow) and MAPE of the weekly terminal look-ahead on 70 simulated days beside the naive
 * baselines, for the full model and as the route runs it (`model: 'schedule-only'`); `lookahead-forecast` —
 * 3-week look-aheads per second for a full port (all 12 terminals, updated daily over the 70 days, schedule-only
 * with the shipped intervals, inputs built from the run at each origin). `anchorage-accuracy` — per scenario and
 * day ahead, MAE (ships) of the anchorage queue forecast beside persistence, with coverage (anchorage-study.ts);
 * `anchorage-forecast` — 7-day queue forecasts per second for the whole port (input built from the run at each
 * origin, then the forecast); without `--quick`, `dwell-accuracy` and `turn-accuracy` (dwell-turn-study.ts: MAE
 * beside the terminal and port means, coverage) and `dwell-turn-backtest` (seconds; about 650,000 boxes).
 */
import { fitModel } from '../src/forecast/fit-model.js';
import { modelName } from '../src/forecast/forecast-model.js';
import { loadMonthlyTeu } from '../src/forecast/io/teu-data-file.js';
import { monthlySeries } from '../src/forecast/monthly-series.js';
import { BASELINES, CANDIDATES, runTeuBacktestStudy } from '../src/forecast/teu-backtest-study.js';
import { Prng } from '../src/sim/prng.js';
import { loadSimInputs } from '../src/sim/io/load-sim-inputs.js';
import { SURGE_2021 } from '../src/sim/scenario.js';
import { approachGeometry } from '../src/forecast/eta/san-pedro-bay-approach.js';
import { portViewAt } from '../src/sim/forecast/eta-backtest.js';
import { runEtaStudy, simulatedEtaRun } from '../src/sim/forecast/eta-study.js';
import {
  FULL_LOOKAHEAD,
  lookaheadBacktest,
  relativeErrors,
  SCHEDULE_ONLY_LOOKAHEAD,
  scoreLookahead,
} from '../src/sim/forecast/lookahead-backtest.js';
import { loadLookaheadCalibration } from '../src/forecast/io/calibration-files.js';
import { terminalVolumeForecast, type CompletedCall, type ScheduledCall } from '../src/forecast/terminal-lookahead.js';
import { predictEta } from '../src/forecast/eta/vessel-eta.js';
import { anchorageQueueForecast } from '../src/forecast/anchorage/anchorage-queue.js';
import { anchorageInputAt, QUEUE_DAYS } from '../src/sim/forecast/anchorage-backtest.js';
import { runAnchorageStudy } from '../src/sim/forecast/anchorage-study.js';
import { runDwellTurnStudy } from '../src/sim/forecast/dwell-turn-study.js';
import type { BenchSuite } from './bench-record.js';

const suite: BenchSuite = async (emit, { quick }) => {
  const rows = loadMonthlyTeu();
  const real = monthlySeries(rows, ['USLAX'], { year: 2017, month: 1 }, { year: 2018, month: 12 }).values as number[];
  const rng = new Prng('forecast-bench');
  const simulated = Array.from(
    { length: 120 },
    (_, t) => 800_000 + 1_000 * t + 80_000 * Math.sin((2 * Math.PI * t) / 12) + rng.normal(0, 30_000),
  );
  const seconds = quick ? 0.3 : 1;
  for (const [seriesName, history] of [
    ['USLAX 2017-2018 (24 months)', real],
    ['simulated (120 months)', simulated],
  ] as const) {
    for (const spec of [...CANDIDATES, ...BASELINES]) {
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < seconds * 1000) {
        fitModel(spec, history, { year: 2017, month: 1 }).forecast(12, [0.8, 0.95]);
        n++;
      }
      const s = (performance.now() - t0) / 1000;
      emit({
        bench: 'forecast-fit',
        model: modelName(spec),
        series: seriesName,
        unit: 'fits+forecasts/s',
        value: Math.round(n / s),
      });
    }
  }
  const t0 = performance.now();
  const study = runTeuBacktestStudy(rows);
  emit({
    bench: 'forecast-backtest',
    study: 'san-pedro-bay-monthly-teu',
    unit: 's',
    value: Number(((performance.now() - t0) / 1000).toFixed(3)),
  });
  for (const r of study.results) {
    const [model, snaive] = r.scores;
    if (!model || !snaive || model.n === 0) continue;
    emit({
      bench: 'forecast-accuracy',
      series: r.series,
      holdoutYear: r.holdoutYear,
      model: model.model,
      n: model.n,
      unit: 'MAPE %',
      value: Number(model.mape.toFixed(2)),
      reference: snaive.model,
      referenceValue: Number(snaive.mape.toFixed(2)),
      ratio: Number((model.mape / snaive.mape).toFixed(3)),
      goalRatio: 0.8,
      coverage80: Number((model.coverage['0.8'] ?? Number.NaN).toFixed(3)),
      coverage95: Number((model.coverage['0.95'] ?? Number.NaN).toFixed(3)),
    });
  }
  const inputs = loadSimInputs();
  const run = simulatedEtaRun(inputs, 7, SURGE_2021, quick ? 3 : 14);
  const DAY = 86_400_000;
  let etas = 0;
  let maxShips = 0;
  const e0 = performance.now();
  for (let t = run.startMs + DAY / 2; t < run.endMs; t += DAY) {
    const approaching = run.calls
      .map((c, k) => ({ c, k }))
      .filter(({ c, k }) => (run.tracks[k]!.legs[0]?.startMs ?? Infinity) < t && c.berthedMs > t);
    maxShips = Math.max(maxShips, approaching.length);
    for (const { c, k } of approaching) {
      const view = portViewAt(run, inputs.registry, k, t);
      if (predictEta(view.input, view.queue, approachGeometry(c.port)) !== null) etas++;
    }
  }
  const es = (performance.now() - e0) / 1000;
  emit({
    bench: 'eta-forecast',
    scenario: 'surge',
    unit: 'ETAs/s',
    value: Math.round(etas / es),
    etas,
    maxShipsAtOnce: maxShips,
    calls: run.calls.length,
  });
  const s0 = performance.now();
  const eta = runEtaStudy(inputs, quick ? 7 : undefined);
  emit({
    bench: 'forecast-backtest',
    study: 'san-pedro-bay-vessel-eta',
    unit: 's',
    value: Number(((performance.now() - s0) / 1000).toFixed(3)),
  });
  for (const part of eta.parts) {
    for (const sc of part.scores) {
      emit({
        bench: 'eta-accuracy',
        scenario: part.scenario.split(' ')[0],
        target: sc.target,
        horizonH: sc.horizonH,
        n: sc.model.n,
        unit: 'MAE min',
        value: sc.model.maeMin === null ? Number.NaN : Math.round(sc.model.maeMin),
        schedule: sc.schedule.maeMin === null ? null : Math.round(sc.schedule.maeMin),
        ownEta: sc.ownEta.maeMin === null ? null : Math.round(sc.ownEta.maeMin),
        ownEtaN: sc.ownEta.n,
        blend: sc.blend.maeMin === null ? null : Math.round(sc.blend.maeMin),
        coverage80: sc.model.coverage['0.8'] ?? null,
        coverage95: sc.model.coverage['0.95'] ?? null,
      });
    }
  }
  const cal = simulatedEtaRun(inputs, 8, {}, 70);
  const test = simulatedEtaRun(inputs, 7, {}, 70);
  for (const options of [FULL_LOOKAHEAD, SCHEDULE_ONLY_LOOKAHEAD]) {
    const calibration = relativeErrors(lookaheadBacktest(cal.calls, cal.startMs, cal.endMs, options));
    const scores = scoreLookahead(lookaheadBacktest(test.calls, test.startMs, test.endMs, options), calibration);
    for (const sc of scores) {
      emit({
        bench: 'lookahead-accuracy',
        model: options === FULL_LOOKAHEAD ? 'full' : 'schedule-only',
        weekAhead: sc.weekAhead,
        n: sc.n,
        unit: 'MAE TEU',
        value: Math.round(sc.mae),
        naive: Math.round(sc.naiveMae),
        mean4: Math.round(sc.mean4Mae),
        mape: sc.mape === null ? null : Number((sc.mape * 100).toFixed(1)),
        naiveMape: sc.naiveMape === null ? null : Number((sc.naiveMape * 100).toFixed(1)),
        coverage80: sc.coverage80,
        coverage95: sc.coverage95,
      });
    }
  }
  const relErrors = loadLookaheadCalibration().relErrors;
  const terminals = [...new Set(test.calls.map((c) => c.terminal))].sort();
  let lookaheads = 0;
  let origins = 0;
  const l0 = performance.now();
  for (let o = test.startMs + 21 * DAY; o + 21 * DAY <= test.endMs; o += DAY) {
    const history: CompletedCall[] = test.calls
      .filter((c) => c.unberthMs < o)
      .map((c) => ({ terminal: c.terminal, serviceId: '', dischargeTeu: c.dischargeTeu, loadTeu: c.loadTeu }));
    const scheduled: ScheduledCall[] = test.calls
      .filter((c) => c.berthedMs >= o && c.scheduledArrivalMs < o + 21 * DAY)
      .map((c) => ({
        terminal: c.terminal,
        serviceId: '',
        scheduledArrivalMs: Math.max(c.scheduledArrivalMs, o),
        known: null,
      }));
    for (const t of terminals) {
      if (terminalVolumeForecast(t, history, scheduled, o, 3, relErrors, [0.8, 0.95]).length === 3) lookaheads++;
    }
    origins++;
  }
  emit({
    bench: 'lookahead-forecast',
    unit: 'forecasts/s',
    value: Math.round(lookaheads / ((performance.now() - l0) / 1000)),
    forecasts: lookaheads,
    terminals: terminals.length,
    origins,
    calls: test.calls.length,
  });
  for (const part of runAnchorageStudy(inputs)) {
    for (const sc of part.scores) {
      emit({
        bench: 'anchorage-accuracy',
        scenario: part.scenario.split(' ')[0],
        dayAhead: sc.dayAhead,
        n: sc.n,
        unit: 'MAE ships',
        value: Number(sc.modelMae.toFixed(2)),
        persistence: Number(sc.persistenceMae.toFixed(2)),
        meanQueue: Number(sc.meanActual.toFixed(1)),
        coverage80: sc.coverage['0.8'] ?? null,
        coverage95: sc.coverage['0.95'] ?? null,
      });
    }
  }
  const surge = simulatedEtaRun(inputs, 7, SURGE_2021, 28);
  let queues = 0;
  const q0 = performance.now();
  for (let o = surge.startMs; o <= surge.endMs - 8 * DAY; o += DAY / 24) {
    if (anchorageQueueForecast(anchorageInputAt(surge.calls, o), QUEUE_DAYS).length === QUEUE_DAYS) queues++;
  }
  emit({
    bench: 'anchorage-forecast',
    scenario: 'surge',
    unit: 'forecasts/s',
    value: Math.round(queues / ((performance.now() - q0) / 1000)),
    forecasts: queues,
    calls: surge.calls.length,
  });
  if (quick) return;
  const d0 = performance.now();
  const dt = runDwellTurnStudy(inputs);
  emit({ bench: 'dwell-turn-backtest', unit: 's', value: Number(((performance.now() - d0) / 1000).toFixed(1)) });
  for (const d of [{ holds: 'all', ...dt.dwell }, ...dt.dwellByHolds]) {
    emit({
      bench: 'dwell-accuracy',
      holds: d.holds,
      n: d.n,
      unit: 'MAE h',
      value: Number(d.modelMaeH.toFixed(1)),
      terminalMean: Number(d.terminalMeanMaeH.toFixed(1)),
      portMean: Number(d.portMeanMaeH.toFixed(1)),
      coverage80: d.coverage['0.8'] ?? null,
      coverage95: d.coverage['0.95'] ?? null,
    });
  }
  emit({
    bench: 'turn-accuracy',
    n: dt.turn.n,
    unit: 'MAE min',
    value: Number(dt.turn.modelMaeMin.toFixed(1)),
    terminalMean: Number(dt.turn.terminalMeanMaeMin.toFixed(1)),
    portMean: Number(dt.turn.portMeanMaeMin.toFixed(1)),
    coverage80: dt.turn.coverage['0.8'] ?? null,
    coverage95: dt.turn.coverage['0.95'] ?? null,
  });
};

export default suite;
