/**
 * Operations dashboard (the Port Optimizer view): TEU per week by terminal (with the 3-week look-ahead when
 * `GET /forecasts/volume?terminal=&granularity=week` answers one), import/export dwell, truck turn time, ships at
 * anchor and gate moves per day, over a selectable period and terminal. All from `GET /statistics/operations`
 * (published aggregates: the public sees them too). Every chart has its "as of" and source, is marked stale
 * when its figures are old, and exports as CSV (the figures drawn) and PNG.
 */
import { apiGet } from '../api';
import type { Terminal } from '../api-types';
import { chartPanel, type ChartPanel } from '../charts';
import {
  addDays,
  daysOf,
  isLocalDate,
  isStaleAggregate,
  lookAheadWeeks,
  PERIODS,
  portDays,
  portToday,
  weeksOf,
  type LookAheadWeek,
  type TerminalDayFigures,
} from '../dashboard-data';
import { h, replaceChildren } from '../dom';
import type { Cleanup, ViewContext } from '../main';
import { heading, problemMessage } from '../ui';

interface Series<T> {
  readonly asOf: string | null;
  readonly source: string;
  readonly rows: readonly T[];
}

interface TeuWeek {
  readonly terminal: string;
  readonly weekStart: string;
  readonly importTeu: number;
  readonly exportTeu: number;
  readonly importBoxes: number;
  readonly exportBoxes: number;
  readonly unknownSizeBoxes: number;
}

/** `GET /statistics/operations` */
export interface OperationsStatistics {
  readonly from: string;
  readonly to: string;
  readonly terminal: string | null;
  readonly computedAt: string;
  readonly teuPerWeek: Series<TeuWeek>;
  readonly terminalDays: Series<TerminalDayFigures>;
  readonly shipsAtAnchor: Series<{ readonly day: string; readonly ships: number }>;
}

const FORECAST_SOURCE = 'GET /forecasts/volume (weekly look-ahead)';

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const today = portToday();
  const to0 = isLocalDate(context.params.get('to')) ? context.params.get('to')! : today;
  const from0 = isLocalDate(context.params.get('from')) ? context.params.get('from')! : addDays(to0, -27);
  const preset = PERIODS.find((p) => addDays(to0, 1 - p.days) === from0 && to0 === today);
  const periodSelect = h(
    'select',
    { id: 'ops-period', name: 'period' },
    PERIODS.map((p) => h('option', { value: String(p.days), selected: p === preset }, p.label)),
    h('option', { value: 'custom', selected: !preset }, 'Custom'),
  );
  const fromInput = h('input', { id: 'ops-from', name: 'from', type: 'date', value: from0, max: today });
  const toInput = h('input', { id: 'ops-to', name: 'to', type: 'date', value: to0 });
  const terminalSelect = h(
    'select',
    { id: 'ops-terminal', name: 'terminal' },
    h('option', { value: '' }, 'All terminals'),
  );
  const status = h('div', { 'aria-live': 'polite' });
  const fileBase = (chart: string) => () =>
    `${chart}-${terminalSelect.value || 'all'}-${fromInput.value}-${toInput.value}`;
  const panels = {
    teu: chartPanel('ops-teu', 'TEU per week by terminal', fileBase('teu-per-week')),
    dwell: chartPanel('ops-dwell', 'Import and export dwell', fileBase('dwell')),
    turn: chartPanel('ops-turn', 'Truck turn time', fileBase('truck-turn-time')),
    anchor: chartPanel('ops-anchor', 'Ships at anchor', fileBase('ships-at-anchor')),
    gate: chartPanel('ops-gate', 'Gate moves per day', fileBase('gate-moves')),
  } satisfies Record<string, ChartPanel>;
  replaceChildren(
    root,
    heading(
      'Operations dashboard',
      'Port statistics from the read models: TEU, dwell, truck turn time, ships at anchor and gate moves. Days are ' +
        "the port's local days.",
    ),
    h(
      'form',
      { class: 'filters', 'aria-label': 'Period and terminal' },
      h('div', { class: 'field' }, h('label', { for: 'ops-period' }, 'Period'), periodSelect),
      h('div', { class: 'field' }, h('label', { for: 'ops-from' }, 'From'), fromInput),
      h('div', { class: 'field' }, h('label', { for: 'ops-to' }, 'To (inclusive)'), toInput),
      h('div', { class: 'field' }, h('label', { for: 'ops-terminal' }, 'Terminal'), terminalSelect),
    ),
    status,
    h(
      'div',
      { class: 'dashboard' },
      Object.values(panels).map((p) => p.element),
    ),
  );

  let stopped = false;
  let generation = 0;
  const portOf = new Map<string, string>();

  const load = async () => {
    const mine = ++generation;
    const from = fromInput.value;
    const to = toInput.value;
    const terminal = terminalSelect.value || undefined;
    replaceChildren(status, h('p', { class: 'loading' }, 'Loading the statistics…'));
    const answer = await apiGet<OperationsStatistics>('/statistics/operations', { from, to, terminal });
    const port = terminal ? portOf.get(terminal) : undefined;
    const forecast =
      terminal && port
        ? await apiGet<unknown>('/forecasts/volume', { port, terminal, granularity: 'week' })
        : undefined;
    if (stopped || mine !== generation) return;
    if (!answer.ok) {
      replaceChildren(status, problemMessage(answer.problem, 'The statistics could not be loaded'));
      for (const p of Object.values(panels)) p.unavailable(h('p', { class: 'empty' }, 'No figures.'));
      return;
    }
    replaceChildren(status);
    const stats = answer.data;
    const now = new Date();
    const stale = (s: Series<unknown>) => isStaleAggregate(s.asOf, stats.to, now);
    const lookAhead = forecast?.ok ? lookAheadWeeks(forecast.data) : [];
    const lookAheadNote = !terminal
      ? 'Choose a terminal for its 3-week look-ahead.'
      : forecast && !forecast.ok
        ? `3-week look-ahead not available from the API (HTTP ${forecast.status}${forecast.problem.detail ? `: ${forecast.problem.detail}` : ''}).`
        : lookAhead.length === 0
          ? '3-week look-ahead: the API answered no weekly figures for this terminal.'
          : `3-week look-ahead with its 80% interval: ${FORECAST_SOURCE}.`;
    showTeu(panels.teu, stats, lookAhead, lookAheadNote, stale(stats.teuPerWeek));
    showDays(panels, stats, stale(stats.terminalDays));
    showAnchor(panels.anchor, stats, stale(stats.shipsAtAnchor));
  };

  const reload = () => {
    const params = new URLSearchParams({ from: fromInput.value, to: toInput.value });
    if (terminalSelect.value) params.set('terminal', terminalSelect.value);
    history.replaceState(null, '', `#/operations?${params.toString()}`);
    void load();
  };
  periodSelect.addEventListener('change', () => {
    if (periodSelect.value === 'custom') return;
    const days = Number(periodSelect.value);
    toInput.value = portToday();
    fromInput.value = addDays(toInput.value, 1 - days);
    reload();
  });
  for (const input of [fromInput, toInput]) {
    input.addEventListener('change', () => {
      if (!isLocalDate(fromInput.value) || !isLocalDate(toInput.value)) return;
      periodSelect.value = 'custom';
      reload();
    });
  }
  terminalSelect.addEventListener('change', reload);

  void (async () => {
    const terminals = await apiGet<{ terminals: Terminal[] }>('/terminals');
    if (stopped) return;
    if (terminals.ok) {
      for (const t of terminals.data.terminals) {
        portOf.set(t.smdgCode, t.unLocode);
        terminalSelect.append(h('option', { value: t.smdgCode }, `${t.smdgCode} — ${t.name}`));
      }
      const wanted = context.params.get('terminal')?.toUpperCase();
      if (wanted && portOf.has(wanted)) terminalSelect.value = wanted;
    }
    await load();
  })();

  return () => {
    stopped = true;
    for (const p of Object.values(panels)) p.dispose();
  };
}

function showTeu(
  panel: ChartPanel,
  stats: OperationsStatistics,
  lookAhead: readonly LookAheadWeek[],
  note: string,
  stale: boolean,
): void {
  const rows = stats.teuPerWeek.rows;
  const terminals = [...new Set(rows.map((r) => r.terminal))].sort();
  const weeks = [
    ...new Set([
      ...weeksOf(stats.from, stats.to),
      ...rows.map((r) => r.weekStart),
      ...lookAhead.map((w) => w.weekStart),
    ]),
  ].sort();
  const teuOf = (terminal: string, week: string) => {
    const r = rows.find((x) => x.terminal === terminal && x.weekStart === week);
    return r ? r.importTeu + r.exportTeu : null;
  };
  const ahead = (week: string) => lookAhead.find((w) => w.weekStart === week);
  const unknown = rows.reduce((s, r) => s + r.unknownSizeBoxes, 0);
  panel.show({
    asOf: stats.teuPerWeek.asOf,
    source: stats.teuPerWeek.source,
    stale,
    note: [note, unknown > 0 ? `${unknown} boxes of unknown size are not in the TEU.` : ''].filter(Boolean).join(' '),
    option: {
      xAxis: { type: 'category', data: weeks.map((w) => `w/c ${w}`) },
      yAxis: { type: 'value', name: 'TEU' },
      series: [
        ...terminals.map((t): { type: 'bar'; name: string; stack: string; data: (number | null)[] } => ({
          type: 'bar',
          name: t,
          stack: 'actual',
          data: weeks.map((w) => teuOf(t, w)),
        })),
        ...(lookAhead.length > 0
          ? [
              {
                type: 'line' as const,
                name: 'Look-ahead',
                lineStyle: { type: 'dashed' as const },
                data: weeks.map((w) => ahead(w)?.teu ?? null),
              },
              {
                type: 'line' as const,
                name: '80% interval (low)',
                lineStyle: { type: 'dotted' as const },
                symbol: 'none',
                data: weeks.map((w) => ahead(w)?.lower80 ?? null),
              },
              {
                type: 'line' as const,
                name: '80% interval (high)',
                lineStyle: { type: 'dotted' as const },
                symbol: 'none',
                data: weeks.map((w) => ahead(w)?.upper80 ?? null),
              },
            ]
          : []),
      ],
    },
    table: {
      columns: [
        'weekStart',
        'terminal',
        'kind',
        'importTeu',
        'exportTeu',
        'totalTeu',
        'unknownSizeBoxes',
        'lower80',
        'upper80',
      ],
      rows: [
        ...rows.map((r) => [
          r.weekStart,
          r.terminal,
          'actual',
          r.importTeu,
          r.exportTeu,
          r.importTeu + r.exportTeu,
          r.unknownSizeBoxes,
          null,
          null,
        ]),
        ...lookAhead.map((w) => [
          w.weekStart,
          stats.terminal,
          'look-ahead',
          null,
          null,
          w.teu,
          null,
          w.lower80,
          w.upper80,
        ]),
      ],
    },
  });
}

function showDays(
  panels: { dwell: ChartPanel; turn: ChartPanel; gate: ChartPanel },
  stats: OperationsStatistics,
  stale: boolean,
): void {
  const days = portDays(stats.terminalDays.rows, daysOf(stats.from, stats.to));
  const x = { type: 'category' as const, data: days.map((d) => d.day) };
  const scope = stats.terminal ? `terminal ${stats.terminal}` : 'all terminals (averages weighted by their counts)';
  const common = { asOf: stats.terminalDays.asOf, source: stats.terminalDays.source, stale };
  panels.dwell.show({
    ...common,
    note: `Imports: discharge → gate-out, by the day they left; exports: gate-in → load; ${scope}.`,
    option: {
      xAxis: x,
      yAxis: { type: 'value', name: 'hours' },
      series: [
        {
          type: 'line',
          name: 'Import dwell (avg h)',
          data: days.map((d) => d.importDwellAvgHours),
          connectNulls: false,
          showAllSymbol: true,
        },
        {
          type: 'line',
          name: 'Export dwell (avg h)',
          data: days.map((d) => d.exportDwellAvgHours),
          connectNulls: false,
          showAllSymbol: true,
        },
      ],
    },
    table: {
      columns: ['day', 'importDwellAvgHours', 'importDwellCount', 'exportDwellAvgHours', 'exportDwellCount'],
      rows: days.map((d) => [
        d.day,
        d.importDwellAvgHours,
        d.importDwellCount,
        d.exportDwellAvgHours,
        d.exportDwellCount,
      ]),
    },
  });
  panels.turn.show({
    ...common,
    note: `Gate-in → gate-out of the truck visits that left that day; ${scope}.`,
    option: {
      xAxis: x,
      yAxis: [
        { type: 'value', name: 'minutes' },
        { type: 'value', name: 'visits', splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: 'Truck visits', yAxisIndex: 1, data: days.map((d) => d.truckVisits) },
        {
          type: 'line',
          name: 'Turn time (avg min)',
          showAllSymbol: true,
          data: days.map((d) => d.truckTurnAvgMinutes),
        },
      ],
    },
    table: {
      columns: ['day', 'truckTurnAvgMinutes', 'truckVisits'],
      rows: days.map((d) => [d.day, d.truckTurnAvgMinutes, d.truckVisits]),
    },
  });
  panels.gate.show({
    ...common,
    note: `Gate-in and gate-out moves (container milestones); ${scope}.`,
    option: {
      xAxis: x,
      yAxis: { type: 'value', name: 'moves' },
      series: [
        { type: 'bar', name: 'Gate in', stack: 'gate', data: days.map((d) => d.gateInMoves) },
        { type: 'bar', name: 'Gate out', stack: 'gate', data: days.map((d) => d.gateOutMoves) },
      ],
    },
    table: {
      columns: ['day', 'gateInMoves', 'gateOutMoves'],
      rows: days.map((d) => [d.day, d.gateInMoves, d.gateOutMoves]),
    },
  });
}

function showAnchor(panel: ChartPanel, stats: OperationsStatistics, stale: boolean): void {
  const rows = stats.shipsAtAnchor.rows;
  panel.show({
    asOf: stats.shipsAtAnchor.asOf,
    source: stats.shipsAtAnchor.source,
    stale,
    note: 'Ships at an anchorage at some time that day, port-wide (AIS does not say which terminal a ship waits for); only the calls you may see.',
    option: {
      xAxis: { type: 'category', data: rows.map((r) => r.day) },
      yAxis: { type: 'value', name: 'ships', minInterval: 1 },
      series: [{ type: 'bar', name: 'Ships at anchor', data: rows.map((r) => r.ships) }],
    },
    table: { columns: ['day', 'ships'], rows: rows.map((r) => [r.day, r.ships]) },
  });
}
