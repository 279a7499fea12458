/**
 * One green corridor (`#/corridor?id=<corridorId>&from=&to=`): its monthly well-to-wake intensity against the
 * target of its pathway (`GET /corridors/{id}`: `trend`, `pathway`), this year's progress, and its voyages among the
 * calls the caller may see, each linked to its call. The chart is a dashboard panel (as of, source, CSV and PNG).
 */
import { apiGet } from '../api';
import { chartPanel } from '../charts';
import { addDays, isLocalDate, isStaleAggregate, portDayInstants, portToday } from '../dashboard-data';
import { h, replaceChildren, timeElement } from '../dom';
import { portTime } from '../format';
import type { Cleanup, ViewContext } from '../main';
import { asOf, heading, problemMessage } from '../ui';
import { callHref } from '../links';
import { corridorTrendContent, type CorridorDetail } from './green-emissions';

const CORRIDOR_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const round = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : String(Math.round(v * 10 ** digits) / 10 ** digits);

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const id = context.params.get('id') ?? '';
  replaceChildren(
    root,
    heading('Green corridor', 'Monthly well-to-wake intensity of the corridor’s voyages against its target pathway.'),
  );
  if (!CORRIDOR_ID.test(id)) {
    root.append(
      h('p', { class: 'problem', role: 'alert' }, 'No corridor named: open a corridor from the green dashboard.'),
    );
    return () => undefined;
  }
  const today = portToday();
  const to0 = isLocalDate(context.params.get('to')) ? context.params.get('to')! : today;
  const from0 = isLocalDate(context.params.get('from')) ? context.params.get('from')! : addDays(to0, -364);
  const fromInput = h('input', { id: 'corridor-from', name: 'from', type: 'date', value: from0, max: today });
  const toInput = h('input', { id: 'corridor-to', name: 'to', type: 'date', value: to0 });
  const trend = chartPanel(
    'corridor-trend',
    'Monthly WtW intensity against the target pathway',
    () => `corridor-${id}-trend-${fromInput.value}-${toInput.value}`,
  );
  const facts = h('div', { 'data-testid': 'corridor-facts' });
  const voyages = h('section', { 'aria-labelledby': 'corridor-voyages' });
  root.append(
    h(
      'form',
      { class: 'filters', 'aria-label': 'Period' },
      h('div', { class: 'field' }, h('label', { for: 'corridor-from' }, 'From'), fromInput),
      h('div', { class: 'field' }, h('label', { for: 'corridor-to' }, 'To (inclusive)'), toInput),
    ),
    facts,
    h('div', { class: 'dashboard' }, trend.element),
    voyages,
  );

  let stopped = false;
  let generation = 0;
  const load = async () => {
    const mine = ++generation;
    const askedAt = new Date().toISOString();
    const answer = await apiGet<CorridorDetail>(
      `/corridors/${encodeURIComponent(id)}`,
      portDayInstants(fromInput.value, toInput.value),
    );
    if (stopped || mine !== generation) return;
    if (!answer.ok) {
      const message =
        answer.status === 404
          ? h('p', { class: 'empty' }, `No corridor ${id}.`)
          : problemMessage(answer.problem, 'The corridor could not be loaded');
      replaceChildren(facts, message);
      trend.unavailable(message.cloneNode(true));
      replaceChildren(voyages);
      return;
    }
    const c = answer.data;
    const title = root.querySelector('#view-title');
    if (title) title.textContent = c.name;
    const thisYear = c.progress.at(-1);
    replaceChildren(
      facts,
      h(
        'p',
        { class: 'intro' },
        `${c.homePorts.join(', ')} ↔ ${c.partnerPorts.join(', ')}`,
        c.seaDistanceNm === null ? '' : `, ${c.seaDistanceNm} nm`,
        `. ${c.agreement}`,
      ),
      h(
        'div',
        { class: 'summary' },
        figure(String(c.figures.voyages), 'voyages in the period', 'corridor-voyage-count'),
        figure(`${round(c.figures.wtwGCo2ePerMj)}`, 'g CO2e/MJ attained (WtW)'),
        thisYear?.wtwIntensity
          ? figure(
              `${thisYear.wtwIntensity.target}`,
              `g CO2e/MJ target ${thisYear.year} (from the ${thisYear.wtwIntensity.targetFromYear} step)` +
                (thisYear.wtwIntensity.met === null ? '' : thisYear.wtwIntensity.met ? ': met' : ': not met'),
            )
          : null,
        figure(`${round(c.figures.lowZeroCarbonSharePct)}%`, 'voyages on low/zero-carbon fuel'),
      ),
    );
    trend.show({
      ...corridorTrendContent(c, { from: fromInput.value, to: toInput.value }, askedAt),
      stale: isStaleAggregate(c.asOf, toInput.value, new Date()),
    });
    replaceChildren(
      voyages,
      h('h2', { id: 'corridor-voyages' }, 'Voyages ', h('span', { class: 'count' }, `(${c.voyages.length})`)),
      asOf(c.asOf ?? askedAt, c.source),
      c.voyages.length === 0
        ? h('p', { class: 'empty' }, 'No voyage of this corridor among the calls you may see in the period.')
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'data-testid': 'corridor-voyage-list' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['Call', 'Vessel', 'Direction', 'From → to', 'When', 'Fuel', 'g CO2e/MJ', 'g CO2e/TEU-km'].map((l) =>
                    h('th', { scope: 'col' }, l),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                c.voyages.map((v) =>
                  h(
                    'tr',
                    { 'data-call': v.callId },
                    h('td', {}, h('a', { href: callHref(v.callId) }, v.callId)),
                    h('td', {}, v.vesselName ?? (v.imo ? `IMO ${v.imo}` : '—')),
                    h('td', {}, v.direction),
                    h(
                      'td',
                      {},
                      `${v.fromPort ?? '—'} → ${v.toPort ?? '—'}`,
                      v.portFlagged ? h('span', { class: 'sub' }, ` (port from ${v.portSource ?? 'AIS'})`) : null,
                    ),
                    h('td', {}, timeElement(v.at ?? null, portTime)),
                    h('td', {}, `${v.fuel ?? '—'}${v.fuelSource ? ` (${v.fuelSource})` : ''}`),
                    h('td', { class: 'num' }, round(v.wtwGCo2ePerMj)),
                    h('td', { class: 'num' }, round(v.wtwGCo2ePerTeuKm, 2)),
                  ),
                ),
              ),
            ),
          ),
    );
  };
  for (const input of [fromInput, toInput]) {
    input.addEventListener('change', () => {
      if (!isLocalDate(fromInput.value) || !isLocalDate(toInput.value)) return;
      history.replaceState(null, '', `#/corridor?id=${id}&from=${fromInput.value}&to=${toInput.value}`);
      void load();
    });
  }
  void load();
  return () => {
    stopped = true;
    trend.dispose();
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
