/**
 * Vessel calls board: the calls the caller may see (`GET /vessel-calls`, detected from AIS) still in port
 * during the chosen window, in four groups — arrivals, at anchor (with time waiting), at berth, departures —
 * for one terminal or all, with a search box; the ships that come to terminals' berths by default (cargo ships,
 * tankers, passenger ships and ships of unknown type), or every vessel with the harbour craft (tugs, pilot boats…,
 * which make calls in port limits all day); the CSV export is the API's own (`format=csv`, same filters, every
 * vessel).
 */
import { apiDownload, apiGet } from '../api';
import type { Terminal, VesselCall, VesselCallPage } from '../api-types';
import { h, replaceChildren, timeElement } from '../dom';
import {
  boardGroup,
  callMatches,
  duration,
  mayBerthAtTerminal,
  newestAsOf,
  portTime,
  since,
  withCodes,
  type BoardGroup,
} from '../format';
import { callHref } from '../links';
import type { Cleanup, ViewContext } from '../main';
import { asOf, every, heading, loading, problemMessage } from '../ui';

const WINDOWS = [
  { hours: 24, label: 'last 24 hours' },
  { hours: 72, label: 'last 3 days' },
  { hours: 168, label: 'last 7 days' },
] as const;
/** Pages of 1000 calls followed at most (the board is for the present, not for history). */
const MAX_PAGES = 5;

const GROUPS: readonly { readonly group: BoardGroup; readonly title: string }[] = [
  { group: 'arrivals', title: 'Arrivals' },
  { group: 'anchor', title: 'At anchor' },
  { group: 'berth', title: 'At berth' },
  { group: 'departures', title: 'Departures' },
];

function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  return h('option', { value, selected }, label);
}

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const terminalSelect = h('select', { id: 'calls-terminal', name: 'terminal' }, option('', 'All terminals', true));
  const windowSelect = h(
    'select',
    { id: 'calls-window', name: 'window' },
    WINDOWS.map((w, i) => option(String(w.hours), w.label, i === 0)),
  );
  const vesselsSelect = h(
    'select',
    { id: 'calls-vessels', name: 'vessels' },
    option('ships', 'Ships (cargo, tanker, passenger)', context.params.get('vessels') !== 'all'),
    option('all', 'All, harbour craft too', context.params.get('vessels') === 'all'),
  );
  const search = h('input', {
    id: 'calls-search',
    type: 'search',
    name: 'search',
    placeholder: 'Vessel, IMO, MMSI, terminal…',
    value: context.params.get('q') ?? '',
  });
  const exportButton = h('button', { type: 'button' }, 'Export CSV');
  const exportStatus = h('span', { class: 'help', 'aria-live': 'polite' });
  const status = h('div', { 'aria-live': 'polite' }, loading('the vessel calls'));
  const board = h('div', { class: 'board' });
  replaceChildren(
    root,
    heading('Vessel calls', 'Calls detected from AIS: when each ship arrived, waited at anchor, berthed and left.'),
    h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Filter the calls' },
      h('div', { class: 'field' }, h('label', { for: 'calls-terminal' }, 'Terminal'), terminalSelect),
      h('div', { class: 'field' }, h('label', { for: 'calls-window' }, 'In port during the'), windowSelect),
      h('div', { class: 'field' }, h('label', { for: 'calls-vessels' }, 'Vessels'), vesselsSelect),
      h('div', { class: 'field grow' }, h('label', { for: 'calls-search' }, 'Search'), search),
      h('div', { class: 'field' }, exportButton, exportStatus),
    ),
    status,
    board,
  );

  let calls: VesselCall[] = [];
  let fetchedAt: string | null = null;
  let stopped = false;
  const terminalNames = new Map<string, string>();

  const query = () => ({
    terminal: terminalSelect.value || undefined,
    from: new Date(Date.now() - Number(windowSelect.value) * 3_600_000).toISOString(),
  });

  const terminalName = (zone: string | null, code: string | null) =>
    zone === null ? '—' : `${terminalNames.get(zone) ?? zone}${code && !terminalNames.has(zone) ? ` (${code})` : ''}`;

  type Column = readonly [string, (c: VesselCall) => Node | string];
  const table = (group: BoardGroup, rows: readonly VesselCall[], now: number): HTMLElement => {
    const columns: readonly Column[] = [
      [
        'Vessel',
        (c) =>
          h(
            'span',
            {},
            h(
              'a',
              { href: callHref(c.callId), title: `Call ${c.callId}: times, emissions, JIT` },
              c.vessel.name ?? `MMSI ${c.vessel.mmsi}`,
            ),
            c.vessel.imo ? h('span', { class: 'sub' }, ` IMO ${c.vessel.imo}`) : null,
          ),
      ],
      ['Port', (c) => c.port ?? '—'],
      ...(group === 'arrivals'
        ? ([['Arrived', (c) => timeElement(c.ata, portTime)]] satisfies Column[])
        : group === 'anchor'
          ? ([
              ['Anchorage', (c) => c.anchorage ?? '—'],
              ['At anchor since', (c) => timeElement(c.ataAnchorage, portTime)],
              ['Waiting', (c) => since(c.ataAnchorage, now)],
            ] satisfies Column[])
          : group === 'berth'
            ? ([
                ['Terminal', (c) => terminalName(c.terminal, c.terminalSmdgCode)],
                ['Berthed', (c) => timeElement(c.atb, portTime)],
                ['At berth for', (c) => since(c.atb, now)],
                ['Waited at anchor', (c) => (c.timeAtAnchorMin === null ? '—' : duration(c.timeAtAnchorMin * 60_000))],
              ] satisfies Column[])
            : ([
                ['Terminal', (c) => terminalName(c.terminal, c.terminalSmdgCode)],
                ['Left berth', (c) => timeElement(c.atd, portTime)],
                ['Left port', (c) => timeElement(c.atdPort, portTime)],
              ] satisfies Column[])),
    ];
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { 'data-group': group },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            columns.map(([label]) => h('th', { scope: 'col' }, label)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((c) =>
            h(
              'tr',
              { 'data-call': c.callId },
              columns.map(([, cell]) => h('td', {}, cell(c))),
            ),
          ),
        ),
      ),
    );
  };

  const renderBoard = () => {
    const now = Date.now();
    const shown = calls.filter(
      (c) => (vesselsSelect.value === 'all' || mayBerthAtTerminal(c)) && callMatches(c, search.value),
    );
    replaceChildren(
      board,
      GROUPS.map(({ group, title }) => {
        const rows = shown.filter((c) => boardGroup(c) === group);
        const id = `calls-${group}`;
        return h(
          'section',
          { 'aria-labelledby': id, class: 'board-group' },
          h('h2', { id }, `${title} `, h('span', { class: 'count' }, `(${rows.length})`)),
          rows.length === 0 ? h('p', { class: 'empty' }, 'None.') : table(group, rows, now),
        );
      }),
    );
  };

  const refresh = async () => {
    const collected: VesselCall[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await apiGet<VesselCallPage>('/vessel-calls', { ...query(), limit: 1000, cursor });
      if (stopped) return;
      if (!answer.ok) {
        replaceChildren(status, problemMessage(answer.problem, 'Vessel calls could not be loaded'));
        return;
      }
      collected.push(...answer.data.calls);
      if (answer.data.nextCursor === null) break;
      cursor = answer.data.nextCursor;
    }
    calls = collected;
    fetchedAt = new Date().toISOString();
    replaceChildren(status, asOf(newestAsOf(calls), 'vessel calls detected from AIS (GET /vessel-calls)'));
    renderBoard();
  };

  let stop = every(60_000, refresh);
  const restart = () => {
    stop();
    stop = every(60_000, refresh);
  };
  terminalSelect.addEventListener('change', restart);
  windowSelect.addEventListener('change', restart);
  search.addEventListener('input', renderBoard);
  vesselsSelect.addEventListener('change', renderBoard);
  exportButton.addEventListener('click', () => {
    void (async () => {
      exportStatus.textContent = 'Exporting…';
      const stamp = (fetchedAt ?? new Date().toISOString()).slice(0, 16).replace(':', '');
      const answer = await apiDownload(
        '/vessel-calls',
        { ...query(), format: 'csv', limit: 1000 },
        `vessel-calls-${stamp}.csv`,
      );
      exportStatus.textContent = answer.ok
        ? 'CSV downloaded.'
        : `Export failed: ${answer.problem.detail ?? answer.status}`;
    })();
  });

  void (async () => {
    const terminals = await apiGet<{ terminals: readonly Terminal[] }>('/terminals');
    if (stopped || !terminals.ok) return;
    for (const t of terminals.data.terminals) {
      if (t.zoneId === null) continue;
      terminalNames.set(t.zoneId, withCodes(t.name, t.smdgCode));
      terminalSelect.append(option(t.zoneId, withCodes(t.name, t.smdgCode, t.unLocode), false));
    }
    if (calls.length > 0) renderBoard();
  })();

  return () => {
    stopped = true;
    stop();
  };
}
