/**
 * `openpcs forecast anchorage-queue [--days N] [--json]`: the answer of `GET /forecasts/anchorage-queue` from
 * the local store, as the local operator (every position), printed as a table or JSON.
 *
 * `openpcs forecast backtest [--out <dir>] [--quick]`: runs the backtests of `src/forecast/` on the shipped data
 * and writes each report as JSON and markdown (default directory `<OPENPCS_DATA_DIR>/forecasts/backtests`, the one
 * `GET /forecasts/backtests` serves). Needs no database. `--quick` leaves out the dwell and turn time study, which
 * takes minutes.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { LOCAL_OPERATOR } from '../access/access-scope.js';
import {
  AnchorageQueueReader,
  DEFAULT_QUEUE_DAYS,
  MAX_QUEUE_DAYS,
  type AnchorageQueueAnswer,
} from '../api/forecasts/anchorage-queue-reader.js';
import { loadAnchorageCalibration } from '../forecast/io/calibration-files.js';
import { loadGeography } from '../geo/load-geography.js';
import type { Platform } from '../platform.js';
import { reportJson, teuBacktestReport } from '../forecast/backtest-report.js';
import { etaBacktestReport, etaReportMarkdown, runEtaStudy } from '../sim/forecast/eta-study.js';
import { backtestReportDir, writeBacktestReport, writeReportFiles } from '../forecast/io/backtest-report-files.js';
import { loadMonthlyTeu } from '../forecast/io/teu-data-file.js';
import { runTeuBacktestStudy } from '../forecast/teu-backtest-study.js';
import { loadSimInputs } from '../sim/io/load-sim-inputs.js';
import { runAnchorageStudy } from '../sim/forecast/anchorage-study.js';
import { runDwellTurnStudy } from '../sim/forecast/dwell-turn-study.js';
import {
  anchorageMarkdown,
  anchorageReport,
  dwellTurnMarkdown,
  dwellTurnReport,
} from '../sim/forecast/new-forecast-reports.js';
import { resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';

/** The anchorage queue as `GET /forecasts/anchorage-queue` answers it, for the local operator (sees every position). */
export function anchorageQueueAnswer(platform: Platform, days: number, now: Date): Promise<AnchorageQueueAnswer> {
  return new AnchorageQueueReader(platform.database.db, loadGeography(), loadAnchorageCalibration()).queue(
    days,
    LOCAL_OPERATOR,
    now,
  );
}

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_QUEUE_DAYS) {
    throw new InvalidArgumentError(`a whole number of days from 1 to ${MAX_QUEUE_DAYS}`);
  }
  return n;
}

function queueText(a: AnchorageQueueAnswer): string {
  const lines = [`Ships at anchor at ${a.generatedAt} (${a.atAnchor.length}; not modelled: ${a.notModelled})`];
  for (const s of a.atAnchor) {
    lines.push(
      `  ${(s.name ?? '?').padEnd(24)} ${s.mmsi}  ${(s.anchorage ?? 'outside the anchorages').padEnd(30)} since ` +
        `${s.since.slice(0, 16).replace('T', ' ')}  ${s.terminal ?? '-'}`,
    );
  }
  lines.push('', 'Container ships at anchor, forecast (80% / 95% interval)');
  for (const d of a.forecast) {
    const iv = d.intervals.map((i) => `${i.lower}-${i.upper}`).join(' / ');
    lines.push(`  +${d.dayAhead} d (${d.at.slice(0, 16).replace('T', ' ')}): ${d.ships}  ${iv}`);
  }
  return lines.join('\n');
}

export function forecastCommand(): Command {
  const backtest = new Command('backtest')
    .description('run the forecast backtests on the shipped data and write the reports (JSON + markdown)')
    .addOption(new Option('--out <dir>', 'report directory (default <data dir>/forecasts/backtests)'))
    .addOption(new Option('--data-dir <dir>', 'data directory (env OPENPCS_DATA_DIR, default ./data)'))
    .addOption(new Option('--quick', 'leave out the dwell and turn time study (minutes of simulated cargo)'))
    .action((flags: { out?: string; dataDir?: string; quick?: boolean }) => {
      const dir = flags.out ?? backtestReportDir(resolveEnv({ dataDir: flags.dataDir }).OPENPCS_DATA_DIR);
      const rows = loadMonthlyTeu();
      const report = teuBacktestReport(runTeuBacktestStudy(rows), new Date().toISOString(), rows.length);
      for (const path of writeBacktestReport(dir, report)) console.log(`wrote ${path}`);
      console.log(report.summary);
      const eta = etaBacktestReport(runEtaStudy(loadSimInputs()), new Date().toISOString());
      for (const path of writeReportFiles(dir, eta.id, reportJson(eta), etaReportMarkdown(eta))) {
        console.log(`wrote ${path}`);
      }
      console.log(eta.summary);
      const anchorage = anchorageReport(runAnchorageStudy(loadSimInputs()), new Date().toISOString());
      for (const path of writeReportFiles(dir, anchorage.id, reportJson(anchorage), anchorageMarkdown(anchorage))) {
        console.log(`wrote ${path}`);
      }
      console.log(anchorage.summary);
      // The slowest study (about 650,000 simulated boxes and a million truck visits): last.
      if (flags.quick === true) return;
      const dwell = dwellTurnReport(runDwellTurnStudy(loadSimInputs()), new Date().toISOString());
      for (const path of writeReportFiles(dir, dwell.id, reportJson(dwell), dwellTurnMarkdown(dwell))) {
        console.log(`wrote ${path}`);
      }
      console.log(dwell.summary);
    });
  const queue = withStoreOptions(
    new Command('anchorage-queue')
      .description('ships at anchor now and the container-ship queue at anchor for the next days')
      .addOption(
        new Option('--days <n>', `days ahead, 1-${MAX_QUEUE_DAYS}`).argParser(parseDays).default(DEFAULT_QUEUE_DAYS),
      )
      .option('--json', 'print JSON instead of text'),
  ).action(async (flags: { days: number; json?: boolean; dataDir?: string; databaseUrl?: string }) => {
    const answer = await withPlatform(resolveEnv(flags), (platform) =>
      anchorageQueueAnswer(platform, flags.days, new Date()),
    );
    console.log(flags.json ? JSON.stringify(answer, null, 2) : queueText(answer));
  });
  return new Command('forecast')
    .description('forecast models and their backtests')
    .addCommand(backtest)
    .addCommand(queue);
}
