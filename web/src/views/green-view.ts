/**
 * Green dashboard: the zero-emission share of cargo-handling equipment per terminal and port-wide against the
 * Clean Air Action Plan goal (100% ZE by 2030), and its energy and charging (`GET /equipment/ze-share`, members
 * only); the vessel calls' emissions by mode, terminal and day and their shore power (`GET /emissions/summary`);
 * the green corridors' WtW intensity against their target pathway and their fuel mix (`GET /corridors`); and the
 * fuel and CO2 just-in-time arrival would have saved (`GET /jit/summary`) and the ships still approaching with
 * their live advice (`GET /jit/approaching`, as of now); the ZE share of drayage truck visits
 * against the 2035 goal and the Clean Truck Fund (`GET /drayage/ze-share`, `GET /drayage/clean-truck-fund`). No figure is made up here: a panel
 * whose API answers a problem says so and draws nothing.
 */
import { apiDownload, apiGet } from '../api';
import { chartPanel } from '../charts';
import { addDays, isLocalDate, isStaleAggregate, PERIODS, portDayInstants, portToday } from '../dashboard-data';
import { h, replaceChildren, timeElement } from '../dom';
import { portTime } from '../format';
import { callHref, corridorHref } from '../links';
import type { Cleanup, ViewContext } from '../main';
import { asOf, heading, problemMessage } from '../ui';
import {
  corridorFuelContent,
  corridorIntensityContent,
  emissionsContent,
  jitContent,
  particularsText,
  shorePowerContent,
  connectionRateFigure,
  tonnes,
  kilograms,
  kwh,
  type CallEmissionsRow,
  type Corridors,
  type EmissionsSummary,
  type JitSummary,
} from './green-emissions';
import { drayageContent, type CleanTruckFund, type DrayageZeShare } from './green-drayage';
import { APPROACHING_COLUMNS, approachingRows, approachingSummary, type ApproachingJit } from './live-jit';

interface Share {
  readonly units: number;
  readonly zeUnits: number;
  readonly shareByCount: number | null;
  readonly operatingHours: number;
  readonly zeOperatingHours: number;
  readonly shareByHours: number | null;
  readonly energy: { readonly electricityKwh: number; readonly dieselLitres: number; readonly hydrogenKg: number };
  readonly chargingSessions: { readonly count: number; readonly energyKwh: number };
}

/** `GET /equipment/ze-share` */
export interface ZeShare {
  readonly from: string | null;
  readonly to: string | null;
  readonly asOf: string | null;
  readonly terminals: readonly (Share & { readonly terminal: string })[];
  readonly port: Share;
  readonly target: {
    readonly targetShare: number;
    readonly targetYear: number;
    readonly gap: number | null;
    readonly yearsLeft: number;
    readonly requiredGainPerYear: number | null;
    readonly met: boolean;
  };
}

/** Calls per page of the per-call emissions list. */
const CALLS_PAGE = 20;
const ZE_SOURCE = 'equipment telemetry (status reports and charging sessions), GET /equipment/ze-share';
const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const percent = (share: number | null) => (share === null ? '—' : `${pct(share)}%`);

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const today = portToday();
  const to0 = isLocalDate(context.params.get('to')) ? context.params.get('to')! : today;
  const from0 = isLocalDate(context.params.get('from')) ? context.params.get('from')! : addDays(to0, -27);
  const preset = PERIODS.find((p) => addDays(to0, 1 - p.days) === from0 && to0 === today);
  const periodSelect = h(
    'select',
    { id: 'green-period', name: 'period' },
    PERIODS.map((p) => h('option', { value: String(p.days), selected: p === preset }, p.label)),
    h('option', { value: 'custom', selected: !preset }, 'Custom'),
  );
  const fromInput = h('input', { id: 'green-from', name: 'from', type: 'date', value: from0, max: today });
  const toInput = h('input', { id: 'green-to', name: 'to', type: 'date', value: to0 });
  const fileBase = (chart: string) => () => `${chart}-${fromInput.value}-${toInput.value}`;
  const share = chartPanel('green-ze-share', 'Zero-emission cargo-handling equipment', fileBase('ze-share'));
  const energy = chartPanel('green-energy', 'Equipment energy and charging', fileBase('equipment-energy'));
  const byMode = chartPanel('green-emissions-mode', 'Vessel emissions by mode', fileBase('emissions-by-mode'));
  const byTerminal = chartPanel(
    'green-emissions-terminal',
    'Vessel emissions by terminal',
    fileBase('emissions-by-terminal'),
  );
  const byDay = chartPanel('green-emissions-day', 'Vessel emissions by day', fileBase('emissions-by-day'));
  const shore = chartPanel('green-shore-power', 'Shore power', fileBase('shore-power'));
  const intensity = chartPanel(
    'green-corridor-intensity',
    'Corridor WtW intensity against the target pathway',
    fileBase('corridor-intensity'),
  );
  const fuelMix = chartPanel(
    'green-corridor-fuel',
    'Corridor fuel mix and low/zero-carbon share',
    fileBase('corridor-fuel'),
  );
  const jit = chartPanel('green-jit', 'Just-in-time arrival savings', fileBase('jit-savings'));
  const drayage = chartPanel(
    'green-drayage',
    'Zero-emission drayage trucks and the Clean Truck Fund',
    fileBase('drayage-ze-share'),
  );
  const panels = [share, energy, byMode, byTerminal, byDay, shore, intensity, fuelMix, jit, drayage];
  const summary = h('div', { class: 'summary', 'data-testid': 'ze-summary' });
  const corridorLinks = h('nav', { class: 'corridor-links', 'aria-label': 'Green corridors' });
  const callList = h('section', { 'aria-labelledby': 'green-calls', 'data-testid': 'green-calls' });
  const approachingList = h('section', { 'aria-labelledby': 'green-approaching', 'data-testid': 'green-approaching' });
  const emissionsSummary = h('div', { class: 'summary', 'data-testid': 'emissions-summary' });
  replaceChildren(
    root,
    heading(
      'Green dashboard',
      'Zero-emission equipment against the Clean Air Action Plan, energy and charging, vessel emissions and shore ' +
        'power, green corridors and just-in-time arrival, as the API publishes them.',
    ),
    h(
      'form',
      { class: 'filters', 'aria-label': 'Period' },
      h('div', { class: 'field' }, h('label', { for: 'green-period' }, 'Period'), periodSelect),
      h('div', { class: 'field' }, h('label', { for: 'green-from' }, 'From'), fromInput),
      h('div', { class: 'field' }, h('label', { for: 'green-to' }, 'To (inclusive)'), toInput),
    ),
    summary,
    h('div', { class: 'dashboard' }, share.element, energy.element),
    emissionsSummary,
    h(
      'div',
      { class: 'dashboard' },
      panels.slice(2).map((p) => p.element),
    ),
    approachingList,
    corridorLinks,
    callList,
  );

  let stopped = false;
  let generation = 0;

  const load = async () => {
    const mine = ++generation;
    const from = fromInput.value;
    const to = toInput.value;
    const window = portDayInstants(from, to);
    const [ze, mode, terminal, day, corridors, jitAnswer, drayageZe, fund] = await Promise.all([
      apiGet<ZeShare>('/equipment/ze-share', { from, to }),
      apiGet<EmissionsSummary>('/emissions/summary', { groupBy: 'mode', ...window }),
      apiGet<EmissionsSummary>('/emissions/summary', { groupBy: 'terminal', ...window }),
      apiGet<EmissionsSummary>('/emissions/summary', { groupBy: 'day', ...window }),
      apiGet<Corridors>('/corridors', window),
      apiGet<JitSummary>('/jit/summary', window),
      apiGet<DrayageZeShare>('/drayage/ze-share', window),
      apiGet<CleanTruckFund>('/drayage/clean-truck-fund', window),
    ]);
    if (stopped || mine !== generation) return;
    const now = new Date();
    if (!ze.ok) {
      const message =
        ze.status === 401
          ? h(
              'p',
              { class: 'empty', 'data-testid': 'members-only' },
              'The zero-emission equipment figures are for members of the port community: ',
              h('a', { href: '#/sign-in' }, 'sign in'),
              ' to see them.',
            )
          : problemMessage(ze.problem, 'The equipment figures could not be loaded');
      replaceChildren(summary);
      share.unavailable(message);
      energy.unavailable(message.cloneNode(true));
    } else {
      const data = ze.data;
      const stale = isStaleAggregate(data.asOf, to, now);
      const rows = [...data.terminals.map((t) => ({ name: t.terminal, s: t })), { name: 'Port', s: data.port }];
      replaceChildren(
        summary,
        figure(
          percent(data.port.shareByCount),
          'of the port’s cargo-handling units are zero-emission',
          'ze-port-share',
        ),
        figure(
          data.target.gap === null ? '—' : `${pct(data.target.gap)} points`,
          `to go to ${pct(data.target.targetShare)}% by ${data.target.targetYear} (CAAP)`,
        ),
        figure(
          data.target.requiredGainPerYear === null ? '—' : `${pct(data.target.requiredGainPerYear)} points`,
          `a year needed over ${data.target.yearsLeft} years`,
        ),
      );
      share.show({
        asOf: data.asOf,
        source: ZE_SOURCE,
        stale,
        note:
          'Share by count: the latest powertrain of each unit (ship-to-shore cranes left out); share by hours: ' +
          'operating hours in the period. The line is the CAAP goal of 100% zero-emission equipment by 2030.',
        option: {
          xAxis: { type: 'category', data: rows.map((r) => r.name) },
          yAxis: { type: 'value', name: '%', max: 100 },
          series: [
            {
              type: 'bar',
              name: 'ZE share by count (%)',
              data: rows.map((r) => pct(r.s.shareByCount)),
              markLine: {
                symbol: 'none',
                label: {
                  position: 'insideEndTop',
                  formatter: `CAAP ${data.target.targetYear}: ${pct(data.target.targetShare)}%`,
                },
                data: [{ yAxis: pct(data.target.targetShare) ?? 100 }],
              },
            },
            { type: 'bar', name: 'ZE share by hours (%)', data: rows.map((r) => pct(r.s.shareByHours)) },
          ],
        },
        table: {
          columns: [
            'terminal',
            'units',
            'zeUnits',
            'shareByCountPct',
            'operatingHours',
            'zeOperatingHours',
            'shareByHoursPct',
          ],
          rows: rows.map((r) => [
            r.name,
            r.s.units,
            r.s.zeUnits,
            pct(r.s.shareByCount),
            r.s.operatingHours,
            r.s.zeOperatingHours,
            pct(r.s.shareByHours),
          ]),
        },
      });
      energy.show({
        asOf: data.asOf,
        source: ZE_SOURCE,
        stale,
        note: 'Energy reported by the units in the period; charging sessions that ended in it.',
        option: {
          xAxis: { type: 'category', data: rows.map((r) => r.name) },
          yAxis: [
            { type: 'value', name: 'kWh' },
            { type: 'value', name: 'sessions', splitLine: { show: false }, minInterval: 1 },
          ],
          series: [
            { type: 'bar', name: 'Electricity (kWh)', data: rows.map((r) => r.s.energy.electricityKwh) },
            { type: 'bar', name: 'Charging energy (kWh)', data: rows.map((r) => r.s.chargingSessions.energyKwh) },
            {
              type: 'line',
              name: 'Charging sessions',
              yAxisIndex: 1,
              data: rows.map((r) => r.s.chargingSessions.count),
            },
          ],
        },
        table: {
          columns: [
            'terminal',
            'electricityKwh',
            'dieselLitres',
            'hydrogenKg',
            'chargingSessions',
            'chargingEnergyKwh',
          ],
          rows: rows.map((r) => [
            r.name,
            r.s.energy.electricityKwh,
            r.s.energy.dieselLitres,
            r.s.energy.hydrogenKg,
            r.s.chargingSessions.count,
            r.s.chargingSessions.energyKwh,
          ]),
        },
      });
    }
    const isStale = (asOf: string | null) => isStaleAggregate(asOf, to, now);
    if (mode.ok) byMode.show({ ...emissionsContent(mode.data), stale: isStale(mode.data.asOf) });
    else byMode.unavailable(problemMessage(mode.problem, 'The emissions by mode could not be loaded'));
    if (day.ok) byDay.show({ ...emissionsContent(day.data), stale: isStale(day.data.asOf) });
    else byDay.unavailable(problemMessage(day.problem, 'The emissions by day could not be loaded'));
    if (terminal.ok) {
      const shorePower = shorePowerContent(terminal.data);
      const connectionRate = connectionRateFigure(terminal.data);
      const total = (f: (g: EmissionsSummary['groups'][number]) => number) =>
        terminal.data.groups.reduce((sum, g) => sum + f(g), 0);
      replaceChildren(
        emissionsSummary,
        figure(`${tonnes(total((g) => g.totals.co2G))} t`, 'CO2 of the vessel calls in the period', 'emissions-co2'),
        figure(`${tonnes(total((g) => g.totals.noxG))} t`, 'NOx of the vessel calls', 'emissions-nox'),
        figure(
          kwh(shorePower.port.shorePowerKwh),
          `shore power stated by the terminals, ${tonnes(shorePower.port.avoidedCo2G)} t CO2 avoided`,
          'shore-power-kwh',
        ),
        figure(connectionRate.value, connectionRate.label, 'shore-power-connection-rate'),
        jitAnswer.ok
          ? figure(`${jitAnswer.data.co2SavedT} t`, 'CO2 just-in-time arrival would have saved', 'jit-co2-saved')
          : null,
      );
      byTerminal.show({ ...emissionsContent(terminal.data), stale: isStale(terminal.data.asOf) });
      shore.show({ ...shorePower, stale: isStale(terminal.data.asOf) });
    } else {
      replaceChildren(emissionsSummary);
      byTerminal.unavailable(problemMessage(terminal.problem, 'The emissions by terminal could not be loaded'));
      shore.unavailable(problemMessage(terminal.problem, 'The shore-power figures could not be loaded'));
    }
    if (corridors.ok) {
      replaceChildren(
        corridorLinks,
        h('h2', {}, 'Corridors'),
        h(
          'ul',
          {},
          corridors.data.corridors.map((c) =>
            h(
              'li',
              {},
              h('a', { href: corridorHref(c.id, { from, to }) }, c.name),
              ` — ${c.figures.voyages} voyages: monthly trend against the pathway and the voyage list`,
            ),
          ),
        ),
      );
      intensity.show({ ...corridorIntensityContent(corridors.data), stale: isStale(corridors.data.asOf) });
      fuelMix.show({ ...corridorFuelContent(corridors.data), stale: isStale(corridors.data.asOf) });
    } else {
      intensity.unavailable(problemMessage(corridors.problem, 'The corridors could not be loaded'));
      fuelMix.unavailable(problemMessage(corridors.problem, 'The corridors could not be loaded'));
    }
    void loadCalls(window, undefined, []);
    if (jitAnswer.ok) jit.show({ ...jitContent(jitAnswer.data), stale: isStale(jitAnswer.data.asOf) });
    else jit.unavailable(problemMessage(jitAnswer.problem, 'The just-in-time figures could not be loaded'));
    if (drayageZe.ok) drayage.show({ ...drayageContent(drayageZe.data, fund.ok ? fund.data : null), stale: false });
    else drayage.unavailable(problemMessage(drayageZe.problem, 'The drayage figures could not be loaded'));
  };

  /** `GET /jit/approaching` now: the ships still on the approach with their live advice (not bound to the period). */
  const loadApproaching = async () => {
    const answer = await apiGet<ApproachingJit>('/jit/approaching');
    if (stopped) return;
    const title = h('h2', { id: 'green-approaching' }, 'Ships approaching: just-in-time advice now');
    if (!answer.ok) {
      replaceChildren(
        approachingList,
        title,
        problemMessage(answer.problem, 'The advice for approaching ships could not be loaded'),
      );
      return;
    }
    const listing = answer.data;
    const rows = approachingRows(listing);
    replaceChildren(
      approachingList,
      title,
      asOf(listing.asOf, `${listing.source}, GET /jit/approaching`),
      h('p', { class: 'help', 'data-testid': 'approaching-summary' }, approachingSummary(listing)),
      rows.length === 0
        ? h('p', { class: 'empty' }, `No ship approaching within ${listing.horizonNm} nm that you may see.`)
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'data-testid': 'approaching-list', 'aria-label': 'Ships approaching with just-in-time advice' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  APPROACHING_COLUMNS.map((l) => h('th', { scope: 'col' }, l)),
                ),
              ),
              h(
                'tbody',
                {},
                rows.map((cells, i) =>
                  h(
                    'tr',
                    { 'data-mmsi': listing.vessels[i]!.vessel.mmsi },
                    cells.map((c) => h('td', {}, c)),
                  ),
                ),
              ),
            ),
          ),
    );
  };

  /** One page of `GET /emissions/calls` in the period; `before` holds the cursors of the pages before it. */
  const loadCalls = async (
    window: { from: string; to: string },
    cursor: string | undefined,
    before: readonly (string | undefined)[],
  ) => {
    const mine = generation;
    const page = await apiGet<{ calls: readonly CallEmissionsRow[]; nextCursor: string | null }>('/emissions/calls', {
      ...window,
      limit: CALLS_PAGE,
      cursor,
    });
    if (stopped || mine !== generation) return;
    const title = h('h2', { id: 'green-calls' }, 'Emissions per vessel call');
    if (!page.ok) {
      replaceChildren(callList, title, problemMessage(page.problem, 'The per-call emissions could not be loaded'));
      return;
    }
    const rows = page.data.calls;
    const newest = rows.reduce<string | null>((m, c) => (c.asOf && (!m || c.asOf > m) ? c.asOf : m), null);
    const exportButton = h('button', { type: 'button' }, 'Export CSV');
    const exportStatus = h('span', { class: 'help', 'aria-live': 'polite' });
    exportButton.addEventListener('click', () => {
      void (async () => {
        exportStatus.textContent = 'Exporting…';
        const answer = await apiDownload(
          '/emissions/calls',
          { ...window, format: 'csv', limit: 1000 },
          `call-emissions-${fromInput.value}-${toInput.value}.csv`,
        );
        exportStatus.textContent = answer.ok ? 'CSV downloaded (first 1000 calls).' : `Export failed: ${answer.status}`;
      })();
    });
    const previous = h('button', { type: 'button', disabled: before.length === 0 }, 'Previous page');
    const next = h('button', { type: 'button', disabled: page.data.nextCursor === null }, 'Next page');
    previous.addEventListener('click', () => void loadCalls(window, before.at(-1), before.slice(0, -1)));
    next.addEventListener(
      'click',
      () => void loadCalls(window, page.data.nextCursor ?? undefined, [...before, cursor]),
    );
    replaceChildren(
      callList,
      title,
      asOf(
        newest,
        rows[0]
          ? `per-call emissions (${rows[0].method}) from AIS tracks, GET /emissions/calls`
          : 'GET /emissions/calls',
      ),
      h('div', { class: 'panel-actions' }, exportButton, exportStatus),
      rows.length === 0
        ? h('p', { class: 'empty' }, 'No vessel call in the period.')
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'data-testid': 'green-call-list', 'aria-label': 'Emissions per vessel call' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['Call', 'Terminal', 'Start', 'End', 'Hours', 'CO2 (t)', 'NOx (kg)', 'Particulars', 'As of'].map(
                    (l) => h('th', { scope: 'col' }, l),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                rows.map((c) =>
                  h(
                    'tr',
                    { 'data-call': c.callId },
                    h(
                      'td',
                      {},
                      h('a', { href: callHref(c.callId) }, c.vessel.name ?? `MMSI ${c.vessel.mmsi}`),
                      h('span', { class: 'sub' }, ` ${c.callId}`),
                    ),
                    h('td', {}, c.terminal ?? '—'),
                    h('td', {}, timeElement(c.start, portTime)),
                    h('td', {}, timeElement(c.end, portTime)),
                    h('td', { class: 'num' }, String(Math.round(c.hours * 10) / 10)),
                    h('td', { class: 'num' }, c.status === 'computed' ? String(tonnes(c.totals.co2G)) : '—'),
                    h('td', { class: 'num' }, c.status === 'computed' ? String(kilograms(c.totals.noxG)) : '—'),
                    h('td', {}, c.status === 'computed' ? particularsText(c) : (c.reason ?? 'none')),
                    h('td', {}, timeElement(c.asOf, portTime)),
                  ),
                ),
              ),
            ),
          ),
      h(
        'div',
        { class: 'pager' },
        previous,
        next,
        h('span', { class: 'help' }, `Page ${before.length + 1}, ${rows.length} calls`),
      ),
    );
  };

  const reload = () => {
    history.replaceState(null, '', `#/green?from=${fromInput.value}&to=${toInput.value}`);
    void load();
  };
  periodSelect.addEventListener('change', () => {
    if (periodSelect.value === 'custom') return;
    toInput.value = portToday();
    fromInput.value = addDays(toInput.value, 1 - Number(periodSelect.value));
    reload();
  });
  for (const input of [fromInput, toInput]) {
    input.addEventListener('change', () => {
      if (!isLocalDate(fromInput.value) || !isLocalDate(toInput.value)) return;
      periodSelect.value = 'custom';
      reload();
    });
  }
  void load();
  void loadApproaching();

  return () => {
    stopped = true;
    for (const panel of panels) panel.dispose();
  };
}

function figure(value: string, label: string, testId?: string): HTMLElement {
  return h(
    'div',
    { class: 'figure' },
    h('span', { class: 'figure-value', 'data-testid': testId ?? null }, value),
    h('span', { class: 'figure-label' }, label),
  );
}
