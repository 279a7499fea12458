/**
 * Chart panels of the dashboards (operations, green): ECharts, imported piece by piece (core, bar and line
 * charts, grid, tooltip, legend, mark line, canvas renderer) so only the dashboards' chunk carries it. A panel is a
 * titled section with its "as of" line and source (stale marked), the chart (canvas; tooltips drawn on the
 * canvas, since the portal's CSP allows no inline style), its figures as a table for screen readers and
 * keyboard users, and two exports: CSV of exactly the figures drawn, and PNG of the chart.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { h, replaceChildren } from './dom';
import { hasFigures, toCsv, type FigureTable } from './dashboard-data';
import { asOf } from './ui';

use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
>;

/** The portal's palette (styles.css), readable on white and told apart without colour by the legend order. */
export const PALETTE = ['#0b4f8a', '#b86e00', '#1b7f3b', '#7b2d8e', '#b3261e', '#00707a', '#5f6368', '#8a6d00'];

export interface PanelContent {
  readonly option: ChartOption;
  readonly table: FigureTable;
  readonly asOf: string | null;
  readonly source: string;
  readonly stale: boolean;
  /** A line under the chart (what is left out, what is not available). */
  readonly note?: string | undefined;
  /** Why the chart is empty when it has no figure other than zero (the default says only that it is). */
  readonly emptyReason?: string | undefined;
}

export interface ChartPanel {
  readonly element: HTMLElement;
  show(content: PanelContent): void;
  /** No chart: the reason instead (not available, members only, the API's problem). */
  unavailable(message: Node): void;
  dispose(): void;
}

function download(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

export function chartPanel(id: string, title: string, fileBase: () => string): ChartPanel {
  const titleId = `${id}-title`;
  // Until the API answers, the panel says it is loading (a slow answer left a blank box with greyed buttons).
  const status = h('div', { class: 'panel-status' }, h('p', { class: 'loading' }, 'Loading the figures…'));
  const canvasBox = h('div', { class: 'chart', role: 'img', 'aria-labelledby': titleId });
  const note = h('p', { class: 'help' });
  const figures = h('details', { class: 'figures' });
  const csvButton = h('button', { type: 'button', 'aria-label': `Export ${title} as CSV` }, 'Export CSV');
  const pngButton = h('button', { type: 'button', 'aria-label': `Export ${title} as PNG` }, 'Export PNG');
  const actions = h('div', { class: 'panel-actions' }, csvButton, pngButton);
  const element = h(
    'section',
    { class: 'chart-panel', 'data-chart': id, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, title),
    status,
    canvasBox,
    note,
    actions,
    figures,
  );
  let chart: EChartsType | undefined;
  let table: FigureTable | undefined;
  let settled = false;
  // The first time the panel has something on screen (its chart drawn, or its reason): bench/portal.bench.ts.
  const markSettled = () => {
    if (settled) return;
    settled = true;
    performance.mark(`openpcs:chart:${id}`);
  };
  const onResize = () => chart?.resize();
  window.addEventListener('resize', onResize);

  csvButton.addEventListener('click', () => {
    if (!table) return;
    const url = URL.createObjectURL(new Blob([toCsv(table)], { type: 'text/csv' }));
    download(url, `${fileBase()}.csv`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  pngButton.addEventListener('click', () => {
    if (!chart) return;
    download(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }), `${fileBase()}.png`);
  });

  const setEnabled = (on: boolean) => {
    csvButton.disabled = !on;
    pngButton.disabled = !on;
  };
  setEnabled(false);

  return {
    element,
    show(content) {
      element.dataset['state'] = 'rendering';
      canvasBox.hidden = false;
      actions.hidden = false;
      figures.hidden = false;
      table = content.table;
      replaceChildren(
        status,
        asOf(content.asOf, content.source),
        content.stale ? h('p', { class: 'stale', 'data-testid': 'stale' }, 'Stale: no newer figures than this.') : null,
        hasFigures(content.table)
          ? null
          : h(
              'p',
              { class: 'empty', 'data-testid': 'no-figures' },
              content.emptyReason ?? 'Nothing to draw: every figure of this period is zero or not reported yet.',
            ),
      );
      replaceChildren(note, content.note ?? '');
      note.hidden = !content.note;
      chart ??= init(canvasBox, null, { renderer: 'canvas' });
      chart.off('finished');
      chart.on('finished', () => {
        element.dataset['state'] = 'rendered';
        markSettled();
      });
      chart.setOption(
        {
          animation: false,
          color: PALETTE,
          textStyle: { fontFamily: 'system-ui, sans-serif' },
          tooltip: { trigger: 'axis', renderMode: 'richText' },
          legend: { top: 0 },
          // A legend of many series (TEU by terminal: twelve) wraps to a second line: the plot starts below it, so the
          // legend does not cover the axis name.
          grid: { left: 56, right: 56, top: seriesCount(content.option) > 8 ? 64 : 40, bottom: 32, containLabel: true },
          ...content.option,
        },
        { notMerge: true },
      );
      replaceChildren(
        figures,
        h('summary', {}, `Figures (${content.table.rows.length} ${content.table.rows.length === 1 ? 'row' : 'rows'})`),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { 'aria-label': `${title}: figures` },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                content.table.columns.map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              content.table.rows.map((r) =>
                h(
                  'tr',
                  {},
                  r.map((v) => h('td', {}, v === null ? '—' : String(v))),
                ),
              ),
            ),
          ),
        ),
      );
      setEnabled(content.table.rows.length > 0);
    },
    unavailable(message) {
      element.dataset['state'] = 'unavailable';
      markSettled();
      table = undefined;
      chart?.dispose();
      chart = undefined;
      canvasBox.hidden = true;
      actions.hidden = true;
      setEnabled(false);
      replaceChildren(status, message);
      replaceChildren(note);
      note.hidden = true;
      replaceChildren(figures);
      figures.hidden = true;
    },
    dispose() {
      window.removeEventListener('resize', onResize);
      chart?.dispose();
      chart = undefined;
    },
  };
}

/** How many series a chart option draws (each one a legend entry). */
function seriesCount(option: ChartOption): number {
  const series = option.series;
  return Array.isArray(series) ? series.length : series ? 1 : 0;
}
