/**
 * Berth line-up of one terminal (what a terminal's planner opens first): the ships at its berths now (since
 * when, how long they waited at anchor), the next arrivals (ships in port limits or at anchor: AIS does not say
 * which terminal a ship is waiting for, so these are the port's cargo ships, tankers and passenger ships, for every
 * terminal; tugs and other harbour craft aside) and the ships that left its berths in the last 24 hours. `GET /vessel-calls?terminal=<zone>&from=` and `GET /vessel-calls?from=`,
 * refreshed every minute; the terminal from `#/berths?terminal=<zone>` or the list.
 */
import { apiGet } from '../api';
import type { Terminal, VesselCall, VesselCallPage } from '../api-types';
import { h, replaceChildren, timeElement } from '../dom';
import { boardGroup, duration, mayBerthAtTerminal, newestAsOf, portTime, since, withCodes } from '../format';
import { callHref } from '../links';
import type { Cleanup, ViewContext } from '../main';
import { asOf, every, heading, loading, problemMessage } from '../ui';

const REFRESH_MS = 60_000;
const WINDOW_MS = 24 * 3_600_000;

type Column = readonly [string, (c: VesselCall) => Node | string];

function vessel(c: VesselCall): HTMLElement {
  return h(
    'span',
    {},
    h(
      'a',
      { href: callHref(c.callId), title: `Call ${c.callId}: times, emissions, JIT` },
      c.vessel.name ?? `MMSI ${c.vessel.mmsi}`,
    ),
    c.vessel.imo ? h('span', { class: 'sub' }, ` IMO ${c.vessel.imo}`) : null,
  );
}

function table(label: string, columns: readonly Column[], rows: readonly VesselCall[]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, 'None.');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'aria-label': label },
      h('thead', {}, h('tr', {}, ...columns.map(([name]) => h('th', { scope: 'col' }, name)))),
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
}

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const select = h('select', { id: 'berths-terminal', name: 'terminal' });
  const status = h('div', { 'aria-live': 'polite' }, loading('the terminals and their calls'));
  const body = h('div', { class: 'board' });
  replaceChildren(
    root,
    heading(
      'Berth line-up',
      'One terminal: the ships at its berths, the next arrivals, and what left in the last day.',
    ),
    h(
      'form',
      { class: 'filters', 'aria-label': 'Choose the terminal' },
      h('div', { class: 'field' }, h('label', { for: 'berths-terminal' }, 'Terminal'), select),
    ),
    status,
    body,
  );
  let stopped = false;
  let stop: () => void = () => undefined;
  const names = new Map<string, string>();

  const section = (id: string, title: string, count: number, content: HTMLElement) =>
    h(
      'section',
      { class: 'board-group', 'aria-labelledby': id, 'data-group': id },
      h('h2', { id }, `${title} `, h('span', { class: 'count' }, `(${count})`)),
      content,
    );

  const refresh = async () => {
    const zone = select.value;
    if (!zone) return;
    const from = new Date(Date.now() - WINDOW_MS).toISOString();
    const [mine, port] = await Promise.all([
      apiGet<VesselCallPage>('/vessel-calls', { terminal: zone, from, limit: 1000 }),
      apiGet<VesselCallPage>('/vessel-calls', { from, limit: 1000 }),
    ]);
    if (stopped || zone !== select.value) return;
    if (!mine.ok || !port.ok) {
      const failed = !mine.ok ? mine.problem : !port.ok ? port.problem : null;
      if (failed) replaceChildren(status, problemMessage(failed, 'The line-up could not be loaded'));
      return;
    }
    const now = Date.now();
    const atBerth = mine.data.calls.filter((c) => boardGroup(c) === 'berth');
    const left = mine.data.calls.filter((c) => boardGroup(c) === 'departures').reverse();
    const next = port.data.calls
      .filter((c) => (boardGroup(c) === 'arrivals' || boardGroup(c) === 'anchor') && mayBerthAtTerminal(c))
      .sort((a, b) => Date.parse(a.ataAnchorage ?? a.ata ?? '') - Date.parse(b.ataAnchorage ?? b.ata ?? ''));
    replaceChildren(
      status,
      asOf(
        newestAsOf([...mine.data.calls, ...port.data.calls]),
        `vessel calls detected from AIS (GET /vessel-calls?terminal=${zone})`,
      ),
    );
    replaceChildren(
      body,
      section(
        'berths-at-berth',
        `At berth at ${names.get(zone) ?? zone}`,
        atBerth.length,
        table(
          'At berth',
          [
            ['Vessel', vessel],
            ['Berthed', (c) => timeElement(c.atb, portTime)],
            ['At berth for', (c) => since(c.atb, now)],
            ['Waited at anchor', (c) => (c.timeAtAnchorMin === null ? '—' : duration(c.timeAtAnchorMin * 60_000))],
            ['Draught in', (c) => (c.draughtInM === null ? '—' : `${c.draughtInM} m`)],
          ],
          atBerth,
        ),
      ),
      section(
        'berths-next',
        'Next arrivals (in port or at anchor, all terminals)',
        next.length,
        h(
          'div',
          {},
          h(
            'p',
            { class: 'help' },
            'AIS does not say which terminal a ship is waiting for: these are every ship arrived or at anchor, longest ' +
              'first (cargo ships, tankers, passenger ships and ships of unknown type; not tugs, pilot boats or other ' +
              'harbour craft).',
          ),
          table(
            'Next arrivals',
            [
              ['Vessel', vessel],
              ['Where', (c) => c.anchorage ?? (c.status === 'arrived' ? 'In port limits' : '—')],
              ['Arrived', (c) => timeElement(c.ataAnchorage ?? c.ata, portTime)],
              ['Waiting', (c) => since(c.ataAnchorage ?? c.ata, now)],
            ],
            next,
          ),
        ),
      ),
      section(
        'berths-left',
        'Left the berths (last 24 hours)',
        left.length,
        table(
          'Left the berths',
          [
            ['Vessel', vessel],
            ['Berthed', (c) => timeElement(c.atb, portTime)],
            ['Left berth', (c) => timeElement(c.atd, portTime)],
            ['Draught out', (c) => (c.draughtOutM === null ? '—' : `${c.draughtOutM} m`)],
          ],
          left,
        ),
      ),
    );
  };

  const restart = () => {
    stop();
    stop = every(REFRESH_MS, refresh);
  };
  select.addEventListener('change', restart);

  void (async () => {
    const terminals = await apiGet<{ terminals: readonly Terminal[] }>('/terminals');
    if (stopped) return;
    if (!terminals.ok) {
      replaceChildren(status, problemMessage(terminals.problem, 'The terminals could not be loaded'));
      return;
    }
    // `?terminal=` names the map zone (as GET /vessel-calls does) or the SMDG code.
    const wanted = context.params.get('terminal') ?? '';
    const chosen = terminals.data.terminals.find((t) => t.zoneId === wanted || t.smdgCode === wanted.toUpperCase());
    for (const t of terminals.data.terminals) {
      if (t.zoneId === null || names.has(t.zoneId)) continue;
      names.set(t.zoneId, withCodes(t.name, t.smdgCode));
      select.append(
        h('option', { value: t.zoneId, selected: t.zoneId === chosen?.zoneId }, withCodes(t.name, t.smdgCode)),
      );
    }
    restart();
  })();

  return () => {
    stopped = true;
    stop();
  };
}
