/**
 * Live map: the San Pedro Bay basemap (`map-canvas.ts`, MapLibre, drawn offline from the shipped geography) and
 * the vessels the API shows the caller (`GET /vessels/stream`, Server-Sent Events read with `fetch`; while the
 * stream is down, `GET /vessels` and `GET /vessels?status=underway` polled every 15 s), coloured by state. A click
 * (or Enter on the list) opens the vessel card: particulars from `GET /vessels/{mmsi}` and the current call from
 * `GET /vessel-calls?mmsi=`.
 *
 * Time to live map: the view starts the stream, the geography and the MapLibre chunk at once (they used to run one
 * after the other: chunk, then geography, then the map's `load`, then the stream, then a second round of the
 * vessels through MapLibre's worker). The list and its "as of" show as soon as the first picture arrives; the map
 * is created with the vessels already in its style.
 */
import type { FeatureCollection } from 'geojson';
import geographyUrl from '../../../data-static/geo/san-pedro-bay.geojson?url';
import { apiGet } from '../api';
import type { Vessel, VesselAt, VesselCallPage, VesselsAtAnswer } from '../api-types';
import { definitions, h, replaceChildren, timeElement } from '../dom';
import { activityLabel, isStale, MAP_STATES, mapState, portTime, since, withCodes } from '../format';
import { zoneName, zoneNames } from '../zone-names';
import type { Cleanup, ViewContext } from '../main';
import { openStream } from '../live-stream';
import { asOf, every, heading, problemMessage } from '../ui';
import type { Geography, MapCanvas } from './map-canvas';

/** Polling interval while the stream (`GET /vessels/stream`) is down. */
const POLL_MS = 15_000;
/** Performance mark set once per page load when the map first shows every vessel (bench/portal.bench.ts). */
export const LIVE_MAP_MARK = 'openpcs:live-map';
/** Performance mark set once per page load when the list first shows the vessels and their "as of". */
export const VESSEL_LIST_MARK = 'openpcs:vessel-list';

function vesselName(v: Pick<VesselAt, 'name' | 'mmsi'>): string {
  return v.name?.trim() || `MMSI ${v.mmsi}`;
}

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const mapElement = h('div', {
    id: 'map',
    class: 'map',
    role: 'region',
    'aria-label': 'Map of San Pedro Bay with the vessels; the list beside it has the same vessels',
    'data-vessels-drawn': '0',
  });
  const status = h('div', { class: 'map-status', 'aria-live': 'polite' });
  const legend = h('ul', { class: 'legend', 'aria-label': 'Vessel states' });
  const list = h('ul', { class: 'vessel-list', 'aria-label': 'Vessels' });
  const card = h('section', { class: 'vessel-card card', 'aria-labelledby': 'vessel-card-title', hidden: true });
  replaceChildren(
    root,
    heading('Live map'),
    h(
      'div',
      { class: 'map-layout' },
      h('div', { class: 'map-column' }, mapElement, status),
      h('aside', { class: 'map-side', 'aria-label': 'Vessels on the map' }, card, h('h2', {}, 'Vessels'), legend, list),
    ),
  );

  let vessels: VesselAt[] = [];
  let selected: string | null = null;
  let canvas: MapCanvas | undefined;
  let stopped = false;
  let stop: () => void = () => undefined;

  const features = (): FeatureCollection => ({
    type: 'FeatureCollection',
    features: vessels.map((v) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
      properties: {
        mmsi: v.mmsi,
        colour: MAP_STATES.find((s) => s.state === mapState(v.status))?.colour ?? '#5f6368',
        selected: v.mmsi === selected,
      },
    })),
  });

  /** How many vessels the last picture handed to the map has. */
  let listed = 0;
  const draw = () => {
    listed = vessels.length;
    canvas?.update(features());
  };
  const drawn = (count: number) => {
    mapElement.dataset['vesselsDrawn'] = String(count);
    mapElement.dataset['vesselsListed'] = String(listed);
    // Time to live map (bench/portal.bench.ts): the first frame with every listed vessel drawn.
    if (count > 0 && count >= listed && performance.getEntriesByName(LIVE_MAP_MARK).length === 0) {
      performance.mark(LIVE_MAP_MARK, { detail: { vessels: count } });
    }
  };

  const renderList = (at: string) => {
    const now = Date.parse(at);
    replaceChildren(
      legend,
      MAP_STATES.map((s) => {
        const n = vessels.filter((v) => mapState(v.status) === s.state).length;
        return n === 0 && s.state === 'other'
          ? null
          : h('li', {}, h('span', { class: `dot state-${s.state}`, 'aria-hidden': 'true' }), `${s.label}: ${n}`);
      }),
    );
    const sorted = [...vessels].sort(
      (a, b) =>
        MAP_STATES.findIndex((s) => s.state === mapState(a.status)) -
          MAP_STATES.findIndex((s) => s.state === mapState(b.status)) || vesselName(a).localeCompare(vesselName(b)),
    );
    replaceChildren(
      list,
      sorted.length === 0
        ? h(
            'li',
            { class: 'empty', 'data-testid': 'no-vessels' },
            'No vessel that you may see reported a position in the last 30 minutes.',
            // The public sees only AIS published openly; members' feeds and the simulator's are community data, so a
            // newcomer's first look at `npm start` was an empty map with no word on why.
            context.session.key
              ? null
              : [
                  ' Most AIS is shared with members only (the simulator’s too): ',
                  h('a', { href: '#/sign-in' }, "sign in with your organisation's API key"),
                  ' to see it.',
                ],
          )
        : sorted.map((v) => {
            const button = h(
              'button',
              {
                type: 'button',
                class: 'vessel-item',
                'aria-pressed': v.mmsi === selected ? 'true' : 'false',
                'data-mmsi': v.mmsi,
              },
              h('span', { class: `dot state-${mapState(v.status)}`, 'aria-hidden': 'true' }),
              h('span', { class: 'vessel-item-name' }, vesselName(v)),
              h(
                'span',
                { class: 'vessel-item-where' },
                `${activityLabel(v.status)}${v.zone ? ` · ${v.zone.name}` : ''}`,
                isStale(v.observedAt, now) ? h('span', { class: 'stale' }, ' · stale') : null,
              ),
            );
            button.addEventListener('click', () => void select(v.mmsi));
            return h('li', {}, button);
          }),
    );
  };

  const refresh = async () => {
    const [berthAnchor, underway] = await Promise.all([
      apiGet<VesselsAtAnswer>('/vessels'),
      apiGet<VesselsAtAnswer>('/vessels', { status: 'underway' }),
    ]);
    if (stopped) return;
    if (!berthAnchor.ok || !underway.ok) {
      const failed = !berthAnchor.ok ? berthAnchor.problem : !underway.ok ? underway.problem : null;
      if (failed) replaceChildren(status, problemMessage(failed, 'Vessels could not be loaded'));
      return;
    }
    show(
      { at: berthAnchor.data.at, vessels: [...berthAnchor.data.vessels, ...underway.data.vessels] },
      `AIS positions of the last 30 minutes, polled every ${POLL_MS / 1000} s (GET /vessels)`,
    );
  };

  const show = (picture: VesselsAtAnswer, source: string) => {
    vessels = [...picture.vessels];
    replaceChildren(status, asOf(picture.at, source));
    renderList(picture.at);
    if (performance.getEntriesByName(VESSEL_LIST_MARK).length === 0) {
      performance.mark(VESSEL_LIST_MARK, { detail: { vessels: vessels.length } });
    }
    draw();
  };

  /** The stream when it is up; polling while it is not (a proxy that buffers, a server without it). */
  const startFeed = () => {
    let polling: (() => void) | null = null;
    const closeStream = openStream<VesselsAtAnswer>(
      '/vessels/stream',
      {},
      {
        onMessage: (event, picture) => {
          if (event !== 'vessels' || stopped) return;
          show(picture, 'AIS positions of the last 30 minutes, live (GET /vessels/stream)');
        },
        onState: (live) => {
          mapElement.dataset['feed'] = live ? 'stream' : 'poll';
          if (live) {
            polling?.();
            polling = null;
          } else if (!polling) {
            polling = every(POLL_MS, refresh);
          }
        },
      },
    );
    stop = () => {
      closeStream();
      polling?.();
    };
  };

  const select = async (mmsi: string) => {
    selected = mmsi;
    draw();
    for (const item of list.querySelectorAll<HTMLButtonElement>('.vessel-item')) {
      item.setAttribute('aria-pressed', item.dataset['mmsi'] === mmsi ? 'true' : 'false');
    }
    const at = vessels.find((v) => v.mmsi === mmsi);
    card.hidden = false;
    replaceChildren(
      card,
      h('h2', { id: 'vessel-card-title', tabindex: '-1' }, at ? vesselName(at) : `MMSI ${mmsi}`),
      h('p', {}, 'Loading…'),
    );
    const [vessel, calls, zones] = await Promise.all([
      apiGet<Vessel>(`/vessels/${mmsi}`),
      apiGet<VesselCallPage>('/vessel-calls', {
        mmsi,
        from: new Date(Date.now() - 6 * 3_600_000).toISOString(),
        limit: 20,
      }),
      zoneNames(),
    ]);
    if (stopped || selected !== mmsi) return;
    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close the vessel card' }, '×');
    close.addEventListener('click', () => {
      selected = null;
      card.hidden = true;
      draw();
    });
    const title = h(
      'h2',
      { id: 'vessel-card-title', tabindex: '-1' },
      vessel.ok ? vesselName(vessel.data) : at ? vesselName(at) : `MMSI ${mmsi}`,
    );
    const call = calls.ok ? calls.data.calls.at(-1) : undefined;
    const now = Date.now();
    replaceChildren(
      card,
      close,
      title,
      vessel.ok
        ? definitions([
            ['MMSI', vessel.data.mmsi],
            ['IMO', vessel.data.imo],
            ['Call sign', vessel.data.callSign],
            ['Type', at?.shipCategory ?? (vessel.data.shipType === null ? null : `AIS type ${vessel.data.shipType}`)],
            ['Length', vessel.data.lengthM === null ? null : `${vessel.data.lengthM} m`],
            ['Beam', vessel.data.beamM === null ? null : `${vessel.data.beamM} m`],
            ['Draught', vessel.data.draughtM === null ? null : `${vessel.data.draughtM} m`],
            ['Destination', vessel.data.destination],
            at
              ? ['Now', `${activityLabel(at.status)}${at.zone ? `, ${at.zone.name}` : ''} for ${since(at.since, now)}`]
              : undefined,
            ['Speed', at?.sogKn == null ? null : `${at.sogKn.toFixed(1)} kn`],
            ['Last report', vessel.data.position ? timeElement(vessel.data.position.observedAt, portTime) : null],
          ])
        : problemMessage(vessel.problem, 'Particulars could not be loaded'),
      h('h3', {}, 'Current call'),
      call
        ? definitions([
            ['Status', call.status.replaceAll('_', ' ')],
            ['Port', call.port],
            ['Arrived', timeElement(call.ata, portTime)],
            // The call names the anchorage and the berth by zone id; the card says the zones' names.
            call.anchorage ? ['Anchorage', zoneName(zones, call.anchorage)] : undefined,
            call.ataAnchorage ? ['At anchor since', timeElement(call.ataAnchorage, portTime)] : undefined,
            call.terminal ? ['Terminal', withCodes(zoneName(zones, call.terminal), call.terminalSmdgCode)] : undefined,
            call.atb ? ['Berthed', timeElement(call.atb, portTime)] : undefined,
            call.atd ? ['Left berth', timeElement(call.atd, portTime)] : undefined,
          ])
        : calls.ok
          ? h('p', {}, 'No call in the last 6 hours that you may see.')
          : problemMessage(calls.problem, 'Calls could not be loaded'),
      h(
        'p',
        { class: 'as-of', 'data-testid': 'card-as-of' },
        'As of ',
        timeElement(vessel.ok ? (vessel.data.position?.observedAt ?? null) : (at?.observedAt ?? null), portTime),
        ' · Source: AIS static and position reports; calls detected from AIS (GET /vessels/{id}, GET /vessel-calls)',
        at && isStale(at.observedAt, now) ? h('span', { class: 'stale' }, ' · stale (no report for 15 minutes)') : null,
      ),
    );
    title.focus();
  };

  // The feed, the geography and the MapLibre chunk at once; the map is created when the last of the two arrives.
  startFeed();
  const canvasChunk = import('./map-canvas');
  void (async () => {
    let geography: Geography;
    try {
      const response = await fetch(geographyUrl);
      geography = (await response.json()) as Geography;
    } catch (error) {
      replaceChildren(
        status,
        h('p', { class: 'problem', role: 'alert' }, `The basemap could not be loaded: ${String(error)}`),
      );
      return;
    }
    try {
      const { createMapCanvas } = await canvasChunk;
      if (stopped) return;
      listed = vessels.length;
      canvas = createMapCanvas(mapElement, geography, features(), {
        onSelect: (mmsi) => void select(mmsi),
        onDrawn: drawn,
      });
    } catch (error) {
      replaceChildren(
        status,
        h(
          'p',
          { class: 'problem', role: 'alert' },
          `The map cannot be drawn in this browser (${String(error)}); the list has every vessel.`,
        ),
      );
    }
  })();

  return () => {
    stopped = true;
    stop();
    canvas?.remove();
  };
}
