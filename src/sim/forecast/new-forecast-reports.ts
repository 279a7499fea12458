/**
 * The reports of `openpcs forecast backtest` for the dwell, truck turn time and anchorage queue studies
 * (`san-pedro-bay-dwell-turn-time`, `san-pedro-bay-anchorage-queue`): JSON as `GET /forecasts/backtests/{id}`
 * serves it, and markdown tables for people.
 */
import type { AnchorageStudyPart } from './anchorage-study.js';
import { ANCHORAGE_STUDY_DESIGN } from './anchorage-study.js';
import { QUEUE_DAYS } from './anchorage-backtest.js';
import { DWELL_TURN_REPORT_ID, type DwellTurnStudy } from './dwell-turn-study.js';

export const ANCHORAGE_REPORT_ID = 'san-pedro-bay-anchorage-queue';

export interface StudyReport<T> {
  readonly id: string;
  readonly title: string;
  readonly generatedAt: string;
  readonly summary: string;
  readonly design: string;
  readonly study: T;
}

const f1 = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const pc = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? 'n/a' : `${Math.round(v * 100)}%`;

export function dwellTurnReport(study: DwellTurnStudy, generatedAt: string): StudyReport<DwellTurnStudy> {
  return {
    id: DWELL_TURN_REPORT_ID,
    title: 'Import dwell and truck turn time: rolling-origin backtest on simulated cargo',
    generatedAt,
    summary:
      `dwell MAE ${f1(study.dwell.modelMaeH)} h vs terminal mean ${f1(study.dwell.terminalMeanMaeH)} h ` +
      `(n ${study.dwell.n}); turn MAE ${f1(study.turn.modelMaeMin)} min vs terminal mean ` +
      `${f1(study.turn.terminalMeanMaeMin)} min (n ${study.turn.n})`,
    design: study.design,
    study,
  };
}

export function dwellTurnMarkdown(r: StudyReport<DwellTurnStudy>): string {
  const s = r.study;
  return `${[
    `# ${r.title}`,
    '',
    `Generated ${r.generatedAt} by \`openpcs forecast backtest\`.`,
    '',
    r.design,
    '',
    `## Import dwell (${s.origins} origins), MAE in hours`,
    '',
    '| holds open at the origin | n | model (median) | model (mean) | terminal mean | port mean | 80% / 95% coverage |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...[{ holds: 'all', ...s.dwell }, ...s.dwellByHolds].map(
      (d) =>
        `| ${d.holds} | ${d.n} | ${f1(d.modelMaeH)} | ${f1(d.modelMeanMaeH)} | ${f1(d.terminalMeanMaeH)} | ` +
        `${f1(d.portMeanMaeH)} | ${pc(d.coverage['0.8'])} / ${pc(d.coverage['0.95'])} |`,
    ),
    '',
    '## Truck turn time, MAE in minutes',
    '',
    '| n | model (median) | model (mean) | terminal mean | port mean | 80% / 95% coverage |',
    '| ---: | ---: | ---: | ---: | ---: | --- |',
    `| ${s.turn.n} | ${f1(s.turn.modelMaeMin)} | ${f1(s.turn.modelMeanMaeMin)} | ${f1(s.turn.terminalMeanMaeMin)} | ` +
      `${f1(s.turn.portMeanMaeMin)} | ${pc(s.turn.coverage['0.8'])} / ${pc(s.turn.coverage['0.95'])} |`,
    '',
  ].join('\n')}\n`;
}

export function anchorageReport(
  parts: readonly AnchorageStudyPart[],
  generatedAt: string,
): StudyReport<readonly AnchorageStudyPart[]> {
  const surge = parts[1];
  const d1 = surge?.scores[0];
  return {
    id: ANCHORAGE_REPORT_ID,
    title: `Anchorage queue, 1-${QUEUE_DAYS} days ahead: rolling-origin backtest on simulated runs`,
    generatedAt,
    summary:
      `surge, 1 day ahead: MAE ${f1(d1?.modelMae ?? Number.NaN)} ships vs persistence ` +
      `${f1(d1?.persistenceMae ?? Number.NaN)} (mean queue ${f1(d1?.meanActual ?? Number.NaN)})`,
    design: ANCHORAGE_STUDY_DESIGN,
    study: parts,
  };
}

export function anchorageMarkdown(r: StudyReport<readonly AnchorageStudyPart[]>): string {
  const lines = [`# ${r.title}`, '', `Generated ${r.generatedAt} by \`openpcs forecast backtest\`.`, '', r.design, ''];
  for (const p of r.study) {
    lines.push(
      `## ${p.scenario} (${p.origins} origins)`,
      '',
      '| day ahead | n | mean queue | model MAE | persistence MAE | 80% / 95% coverage |',
      '| ---: | ---: | ---: | ---: | ---: | --- |',
      ...p.scores.map(
        (s) =>
          `| ${s.dayAhead} | ${s.n} | ${f1(s.meanActual)} | ${f1(s.modelMae)} | ${f1(s.persistenceMae)} | ` +
          `${pc(s.coverage['0.8'])} / ${pc(s.coverage['0.95'])} |`,
      ),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
