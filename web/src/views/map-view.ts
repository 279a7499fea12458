/**
 * Live map: the San Pedro Bay basemap drawn offline from the shipped geography
 * (`data-static/geo/san-pedro-bay.geojson`: port limits, anchorages, traffic separation scheme, pilot areas,
 * terminals, berths; no tile server, no glyphs) and the vessels the API shows the caller
 * (`GET /vessels/stream`, Server-Sent Events read with `fetch`; while the stream is down, `GET /vessels` and
 * `GET /vessels?status=underway` polled every 15 s), coloured by state. A click (or Enter on the list) opens the vessel card: particulars from
 * `GET /vessels/{mmsi}` and the current call from `GET /vessel-calls?mmsi=`.
 */
import * as maplibregl from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import geographyUrl from '../../../data-static/geo/san-pedro-bay.geojson?url';
import { apiGet } from '../api';
import type { Terminal, Vessel, VesselAt, VesselCallPage, VesselsAtAnswer } from '../api-types';
import { definitions, h, replaceChildren, timeElement } from '../dom';
import { activityLabel, isStale, MAP_STATES, mapState, portTime, since } from '../format';
import type { Cleanup, ViewContext } from '../main';
import { openStream } from '../live-stream';
import { asOf, every, heading, problemMessage } from '../ui';

maplibregl.setWorkerUrl(workerUrl);

/** Polling interval while the stream (`GET /vessels/stream`) is down. */
const POLL_MS = 15_000;
/** Performance mark set once per page load when the map first shows every vessel (bench/portal.bench.ts). */
export const LIVE_MAP_MARK = 'openpcs:live-map';

type GeoFeature = Feature;
type Geography = FeatureCollection;

const property = (f: GeoFeature, name: string): string => String(f.properties?.[name] ?? '');

/** Every [lon, lat] pair of a GeoJSON geometry's coordinates. */
function positions(coordinates: unknown): [number, number][] {
  if (!Array.isArray(coordinates)) return [];
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    return [[coordinates[0], coordinates[1]]];
  }
  return coordinates.flatMap((c) => positions(c));
}

function bounds(features: readonly GeoFeature[]): [[number, number], [number, number]] {
  const all = features.flatMap((f) => positions('coordinates' in f.geometry ? f.geometry.coordinates : []));
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  return [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ];
}

const kind = (k: string) => ['==', ['get', 'kind'], k] as const;
const polygon = ['==', ['geometry-type'], 'Polygon'] as const;

function style(geography: Geography): StyleSpecification {
  return {
    version: 8,
    sources: {
      port: {
        type: 'geojson',
        data: geography,
        attribution: 'Port geometry: openpcs data-static/geo (33 CFR 110.214, 167.; port and terminal plans)',
      },
      vessels: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': '#dbe9f4' } },
      {
        id: 'rna',
        type: 'fill',
        source: 'port',
        filter: kind('regulated_navigation_area'),
        paint: { 'fill-color': '#cfe0ee' },
      },
      {
        id: 'port-limits',
        type: 'line',
        source: 'port',
        filter: kind('port_limits'),
        paint: { 'line-color': '#41566b', 'line-width': 1.5, 'line-dasharray': [4, 2] },
      },
      {
        id: 'precautionary',
        type: 'line',
        source: 'port',
        filter: kind('precautionary_area'),
        paint: { 'line-color': '#7d6a2f', 'line-width': 1, 'line-dasharray': [1, 2] },
      },
      {
        id: 'tss-zones',
        type: 'fill',
        source: 'port',
        filter: ['all', kind('traffic_separation_scheme'), polygon],
        paint: { 'fill-color': '#d9b8cb', 'fill-opacity': 0.8 },
      },
      {
        id: 'tss-lanes',
        type: 'line',
        source: 'port',
        filter: ['all', kind('traffic_separation_scheme'), ['==', ['geometry-type'], 'LineString']],
        paint: { 'line-color': '#8e4a70', 'line-width': 1, 'line-dasharray': [3, 3] },
      },
      {
        id: 'pilot-areas',
        type: 'line',
        source: 'port',
        filter: kind('pilot_boarding_area'),
        paint: { 'line-color': '#6a4c93', 'line-width': 1.2 },
      },
      {
        id: 'anchorages',
        type: 'fill',
        source: 'port',
        filter: kind('anchorage'),
        paint: { 'fill-color': '#fff1c2', 'fill-opacity': 0.85 },
      },
      {
        id: 'anchorage-outlines',
        type: 'line',
        source: 'port',
        filter: kind('anchorage'),
        paint: { 'line-color': '#9a6b00', 'line-width': 1 },
      },
      { id: 'terminals', type: 'fill', source: 'port', filter: kind('terminal'), paint: { 'fill-color': '#cdbf9f' } },
      {
        id: 'terminal-outlines',
        type: 'line',
        source: 'port',
        filter: kind('terminal'),
        paint: { 'line-color': '#6f5f3f', 'line-width': 1 },
      },
      { id: 'berths', type: 'fill', source: 'port', filter: kind('berth'), paint: { 'fill-color': '#b9a987' } },
      {
        id: 'entrances',
        type: 'line',
        source: 'port',
        filter: kind('harbour_entrance'),
        paint: { 'line-color': '#1d2b38', 'line-width': 3 },
      },
      {
        id: 'vessel-selected',
        type: 'circle',
        source: 'vessels',
        filter: ['==', ['get', 'selected'], true],
        paint: {
          'circle-radius': 13,
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': '#111',
          'circle-stroke-width': 3,
        },
      },
      {
        id: 'vessels',
        type: 'circle',
        source: 'vessels',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 13, 8],
          'circle-color': ['get', 'colour'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
    ],
  } as StyleSpecification;
}

function centroid(feature: GeoFeature): [number, number] {
  const all = positions('coordinates' in feature.geometry ? feature.geometry.coordinates : []);
  const lon = all.reduce((s, p) => s + p[0], 0) / all.length;
  const lat = all.reduce((s, p) => s + p[1], 0) / all.length;
  return [lon, lat];
}

function vesselName(v: Pick<VesselAt, 'name' | 'mmsi'>): string {
  return v.name?.trim() || `MMSI ${v.mmsi}`;
}

/** Each terminal zone labelled with the SMDG codes of its terminals (`GET /terminals`), the full names as title. */
async function labelTerminals(map: maplibregl.Map, geography: Geography): Promise<void> {
  const answer = await apiGet<{ terminals: readonly Terminal[] }>('/terminals');
  const terminals = answer.ok ? answer.data.terminals : [];
  for (const zone of geography.features.filter((f) => property(f, 'kind') === 'terminal')) {
    const here = terminals.filter((t) => t.zoneId === property(zone, 'id'));
    const text = here.length > 0 ? here.map((t) => t.smdgCode).join(' / ') : property(zone, 'name');
    const label = h(
      'span',
      { class: 'map-label', title: here.map((t) => t.name).join('; ') || property(zone, 'name') },
      text,
    );
    // Above the terminal, not over its berths (where the ships are).
    const [lon] = centroid(zone);
    const top = Math.max(
      ...positions('coordinates' in zone.geometry ? zone.geometry.coordinates : []).map((p) => p[1]),
    );
    new maplibregl.Marker({ element: label, anchor: 'bottom', offset: [0, -2] }).setLngLat([lon, top]).addTo(map);
  }
}

export function render(root: HTMLElement, _context: ViewContext): Cleanup {
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
  let map: maplibregl.Map | undefined;
  let stopped = false;
  let drawnAt = 0;
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

  const draw = () => {
    const source = map?.getSource<GeoJSONSource>('vessels');
    if (!map || !source) return;
    void source.setData(features());
    const count = vessels.length;
    const stamp = ++drawnAt;
    map.once('idle', () => {
      if (stamp !== drawnAt || !map) return;
      const drawn = map.queryRenderedFeatures({ layers: ['vessels'] }).length;
      mapElement.dataset['vesselsDrawn'] = String(drawn);
      mapElement.dataset['vesselsListed'] = String(count);
      // Time to live map (bench/portal.bench.ts): the first frame with every listed vessel drawn.
      if (drawn > 0 && drawn >= count && performance.getEntriesByName(LIVE_MAP_MARK).length === 0) {
        performance.mark(LIVE_MAP_MARK, { detail: { vessels: drawn } });
      }
    });
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
        ? h('li', { class: 'empty' }, 'No vessel that you may see reported a position in the last 30 minutes.')
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
    const [vessel, calls] = await Promise.all([
      apiGet<Vessel>(`/vessels/${mmsi}`),
      apiGet<VesselCallPage>('/vessel-calls', {
        mmsi,
        from: new Date(Date.now() - 6 * 3_600_000).toISOString(),
        limit: 20,
      }),
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
            call.anchorage ? ['Anchorage', call.anchorage] : undefined,
            call.ataAnchorage ? ['At anchor since', timeElement(call.ataAnchorage, portTime)] : undefined,
            call.terminal
              ? ['Terminal', call.terminalSmdgCode ? `${call.terminalSmdgCode} (${call.terminal})` : call.terminal]
              : undefined,
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
    if (stopped) return;
    const limits = geography.features.filter((f) => property(f, 'kind') === 'port_limits');
    try {
      map = new maplibregl.Map({
        container: mapElement,
        style: style(geography),
        bounds: bounds(limits.length > 0 ? limits : geography.features),
        fitBoundsOptions: { padding: 20 },
        attributionControl: { compact: true },
        maxZoom: 16,
        minZoom: 8,
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
      startFeed();
      return;
    }
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'nautical' }), 'bottom-left');
    void labelTerminals(map, geography);
    map.on('click', 'vessels', (event) => {
      const mmsi: unknown = event.features?.[0]?.properties['mmsi'];
      if (typeof mmsi === 'string') void select(mmsi);
    });
    map.on('mouseenter', 'vessels', () => {
      if (map) map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', 'vessels', () => {
      if (map) map.getCanvas().style.cursor = '';
    });
    map.once('load', () => {
      if (!stopped) startFeed();
    });
  })();

  return () => {
    stopped = true;
    stop();
    map?.remove();
  };
}
