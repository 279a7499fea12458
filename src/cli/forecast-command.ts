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
import { DEFAULT_QUEUE_DAYS, MAX_QUEUE_DAYS } from '../forecast/anchorage/queue-horizon.js';
import { resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_QUEUE_DAYS) {
    throw new InvalidArgumentError(`a whole number of days from 1 to ${MAX_QUEUE_DAYS}`);
  }
  return n;
}

export function forecastCommand(): Command {
  const backtest = new Command('backtest')
    .description('run the forecast backtests on the shipped data and write the reports (JSON + markdown)')
    .addOption(new Option('--out <dir>', 'report directory (default <data dir>/forecasts/backtests)'))
    .addOption(new Option('--data-dir <dir>', 'data directory (env OPENPCS_DATA_DIR, default ./data)'))
    .addOption(new Option('--quick', 'leave out the dwell and turn time study (minutes of simulated cargo)'))
    .action(async (flags: { out?: string; dataDir?: string; quick?: boolean }) => {
      // The studies load when the command runs, not when the command tree is built (`--help`).
      const [
        { reportJson, teuBacktestReport },
        { etaBacktestReport, etaReportMarkdown, runEtaStudy },
        { backtestReportDir, writeBacktestReport, writeReportFiles },
        { loadMonthlyTeu },
        { runTeuBacktestStudy },
        { loadSimInputs },
        { runAnchorageStudy },
        { runDwellTurnStudy },
        { anchorageMarkdown, anchorageReport, dwellTurnMarkdown, dwellTurnReport },
      ] = await Promise.all([
        import('../forecast/backtest-report.js'),
        import('../sim/forecast/eta-study.js'),
        import('../forecast/io/backtest-report-files.js'),
        import('../forecast/io/teu-data-file.js'),
        import('../forecast/teu-backtest-study.js'),
        import('../sim/io/load-sim-inputs.js'),
        import('../sim/forecast/anchorage-study.js'),
        import('../sim/forecast/dwell-turn-study.js'),
        import('../sim/forecast/new-forecast-reports.js'),
      ]);
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
    // The reader, geography and calibration load when the command runs, not when the command tree is built.
    const { anchorageQueueAnswer, queueText } = await import('./anchorage-queue-answer.js');
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
