/**
 * A backtest report as `openpcs forecast backtest` writes it and `GET /forecasts/backtests/{id}` serves it: the
 * study (teu-backtest-study.ts) with what it was run on, plus a short markdown rendering for people.
 * Numbers that could not be computed are null (JSON has no NaN).
 */
import type { TeuBacktestStudy } from './teu-backtest-study.js';

export const TEU_BACKTEST_REPORT_ID = 'san-pedro-bay-monthly-teu';

export interface BacktestReport {
  readonly id: string;
  readonly title: string;
  readonly generatedAt: string;
  /** One line: the headline numbers. */
  readonly summary: string;
  readonly dataset: { readonly file: string; readonly rows: number; readonly credit: string };
  readonly study: TeuBacktestStudy;
}

const pct = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : `${v.toFixed(2)}%`;
const ratio = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(2);
const share = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? 'n/a' : `${Math.round(v * 100)}%`;

export function teuBacktestReport(study: TeuBacktestStudy, generatedAt: string, rows: number): BacktestReport {
  const headline = study.results.find((r) => r.series === 'USLAX' && r.holdoutYear === 2018);
  const model = headline?.scores[0];
  const snaive = headline?.scores[1];
  return {
    id: TEU_BACKTEST_REPORT_ID,
    title: 'San Pedro Bay monthly TEU: rolling-origin backtest, hold-out 2018 and 2019',
    generatedAt,
    summary:
      `USLAX 2018, horizons 1-12: ${model?.model ?? 'model'} MAPE ${pct(model?.mape)} vs seasonal naive ` +
      `${pct(snaive?.mape)} (ratio ${headline?.ratioToSeasonalNaive?.toFixed(2) ?? 'n/a'}, goal <= 0.80; ` +
      `selection-set ratio ${study.selection.ratio.toFixed(2)})`,
    dataset: {
      file: 'data-static/teu/monthly_teu.csv',
      rows,
      credit: 'Port of Los Angeles; Port of Long Beach (sources per row in the file)',
    },
    study,
  };
}

/** JSON with NaN written as null. */
export function reportJson(report: object): string {
  return `${JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

export function reportMarkdown(report: BacktestReport): string {
  const { study } = report;
  const lines = [
    `# ${report.title}`,
    '',
    `Generated ${report.generatedAt} by \`openpcs forecast backtest\` from \`${report.dataset.file}\` (${report.dataset.rows} rows; credit: ${report.dataset.credit}).`,
    '',
    study.design,
    '',
    `## Model choice (selection set: ${study.selection.set}, before the hold-out)`,
    '',
    '| model | MAPE | ratio to seasonal naive | one-step ratio | MAE (TEU) | n |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...study.selection.scores.map(
      (s) =>
        `| ${s.model} | ${pct(s.mape)} | ${ratio(s.ratio)} | ${ratio(s.ratioOneStep)} | ${Math.round(s.mae)} | ${s.n} |`,
    ),
    '',
    `Chosen (lowest ratio among the candidates; the baselines are listed for reference): **${study.selection.chosen}**, ` +
      `selection-set ratio ${ratio(study.selection.ratio)}.`,
    '',
    'Split-conformal intervals (half-width as a share of the forecast, from the chosen model’s selection-set residuals):',
    '',
    '| horizons | residuals | 80% | 95% |',
    '| --- | ---: | ---: | ---: |',
    ...study.selection.intervals.map(
      (b, i, all) =>
        `| ${i === 0 ? 1 : all[i - 1]!.maxHorizon + 1}-${b.maxHorizon} | ${b.n} | ${share(b.halfWidth['0.8'])} | ${share(b.halfWidth['0.95'])} |`,
    ),
    '',
    `Lunar New Year effect: y = y* · exp(beta · x), x = share of the window [LNY + ${study.lunarNewYear.fromDays} d, ` +
      `LNY + ${study.lunarNewYear.fromDays + study.lunarNewYear.days} d) in the month; beta ${study.lunarNewYear.estimatedOn} ` +
      `(on all USLAX data: ${study.lunarNewYear.betaAllData === null ? 'n/a' : study.lunarNewYear.betaAllData.toFixed(3)}).`,
    '',
    '## Hold-out',
    '',
    '| series | hold-out | n | model MAPE | seasonal-naive MAPE | naive MAPE | ratio (goal <= 0.80) | 80% / 95% coverage | note |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...study.results.map((r) => {
      const [m, sn, nv] = r.scores;
      return (
        `| ${r.series} | ${r.holdoutYear} | ${m?.n ?? 0} | ${pct(m?.mape)} | ${pct(sn?.mape)} | ${pct(nv?.mape)} | ` +
        `${r.ratioToSeasonalNaive === null ? 'n/a' : r.ratioToSeasonalNaive.toFixed(2)} | ` +
        `${share(m?.coverage['0.8'])} / ${share(m?.coverage['0.95'])} | ${r.note ?? ''} |`
      );
    }),
    '',
  ];
  const headline = study.results.find((r) => r.series === 'USLAX' && r.holdoutYear === 2018);
  if (headline && headline.byHorizon.length > 0) {
    lines.push(
      '## USLAX 2018 by horizon (MAPE)',
      '',
      '| horizon (months) | n | model | seasonal naive |',
      '| ---: | ---: | ---: | ---: |',
      ...headline.byHorizon.map((h) => `| ${h.horizon} | ${h.n} | ${pct(h.model)} | ${pct(h.seasonalNaive)} |`),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
