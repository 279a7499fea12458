/**
 * Anchorage queue: ships waiting now (`GET /vessels?status=at_anchor` and `?status=anchored_outside`: ships of
 * 60 m or more stopped for a while outside every anchorage and berth), longest wait first, with since when
 * and where. Refreshed every minute.
 */
import { apiGet } from '../api';
import type { VesselAt, VesselsAtAnswer } from '../api-types';
import { h, replaceChildren, timeElement } from '../dom';
import { duration, isStale, portTime, since } from '../format';
import type { Cleanup, ViewContext } from '../main';
import { asOf, every, heading, loading, problemMessage } from '../ui';

export function render(root: HTMLElement, _context: ViewContext): Cleanup {
  const status = h('div', { 'aria-live': 'polite' }, loading('the ships at anchor'));
  const summary = h('div', { class: 'summary' });
  const body = h('div', {});
  replaceChildren(
    root,
    heading('Anchorage queue', 'Ships waiting at anchor now, in the official anchorages and outside them.'),
    status,
    summary,
    body,
  );
  let stopped = false;

  const refresh = async () => {
    const [inside, outside] = await Promise.all([
      apiGet<VesselsAtAnswer>('/vessels', { status: 'at_anchor' }),
      apiGet<VesselsAtAnswer>('/vessels', { status: 'anchored_outside' }),
    ]);
    if (stopped) return;
    if (!inside.ok || !outside.ok) {
      const failed = !inside.ok ? inside.problem : !outside.ok ? outside.problem : null;
      if (failed) replaceChildren(status, problemMessage(failed, 'The queue could not be loaded'));
      return;
    }
    const at = inside.data.at;
    const now = Date.parse(at);
    const waiting: VesselAt[] = [...inside.data.vessels, ...outside.data.vessels].sort(
      (a, b) => Date.parse(a.since) - Date.parse(b.since),
    );
    const longest = waiting[0];
    replaceChildren(
      status,
      asOf(at, 'AIS positions of the last 30 minutes (GET /vessels); "since" looks back at most 24 h'),
    );
    replaceChildren(
      summary,
      h(
        'div',
        { class: 'figure' },
        h('span', { class: 'figure-value', 'data-testid': 'waiting-count' }, String(waiting.length)),
        h('span', { class: 'figure-label' }, 'ships waiting'),
      ),
      h(
        'div',
        { class: 'figure' },
        h('span', { class: 'figure-value' }, String(outside.data.vessels.length)),
        h('span', { class: 'figure-label' }, 'outside the official anchorages'),
      ),
      h(
        'div',
        { class: 'figure' },
        h('span', { class: 'figure-value' }, longest ? duration(now - Date.parse(longest.since)) : '—'),
        h('span', { class: 'figure-label' }, 'longest wait (within the 24 h look-back)'),
      ),
    );
    replaceChildren(
      body,
      waiting.length === 0
        ? h('p', { class: 'empty' }, 'No ship that you may see is waiting at anchor.')
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'aria-label': 'Ships waiting, longest first' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['#', 'Vessel', 'IMO', 'Where', 'Since', 'Waiting', 'Length', 'Last report'].map((c) =>
                    h('th', { scope: 'col' }, c),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                waiting.map((v, i) =>
                  h(
                    'tr',
                    { 'data-mmsi': v.mmsi, class: v.status === 'anchored_outside' ? 'outside' : null },
                    h('td', {}, String(i + 1)),
                    h('td', {}, v.name ?? `MMSI ${v.mmsi}`),
                    h('td', {}, v.imo ?? '—'),
                    h(
                      'td',
                      {},
                      v.zone
                        ? v.zone.name
                        : h('strong', {}, `Outside the anchorages (${v.lat.toFixed(3)}, ${v.lon.toFixed(3)})`),
                    ),
                    h('td', {}, timeElement(v.since, portTime)),
                    h('td', {}, since(v.since, now)),
                    h('td', {}, v.lengthM === null ? '—' : `${v.lengthM} m`),
                    h(
                      'td',
                      {},
                      timeElement(v.observedAt, portTime),
                      isStale(v.observedAt, now) ? h('span', { class: 'stale' }, ' stale') : null,
                    ),
                  ),
                ),
              ),
            ),
          ),
    );
  };

  const stop = every(60_000, refresh);
  return () => {
    stopped = true;
    stop();
  };
}
