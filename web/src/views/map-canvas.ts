/**
 * The live map's canvas (MapLibre, its own chunk): the San Pedro Bay basemap drawn offline from the shipped
 * geography (`data-static/geo/san-pedro-bay.geojson`: port limits, anchorages, traffic separation scheme, pilot
 * areas, terminals, berths; no tile server, no glyphs) and a circle per vessel. The map view (`map-view.ts`)
 * loads this chunk while it already fetches the geography and the vessels, so the first frame has both: the
 * vessels are part of the style the map is created with, not a second round through MapLibre's worker after
 * its `load` event.
 */
import * as maplibregl from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { apiGet } from '../api';
import type { Terminal } from '../api-types';
import { h } from '../dom';

maplibregl.setWorkerUrl(workerUrl);

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

function style(geography: Geography, vessels: FeatureCollection): StyleSpecification {
  return {
    version: 8,
    sources: {
      port: {
        type: 'geojson',
        data: geography,
        attribution: 'Port geometry: openpcs data-static/geo (33 CFR 110.214, 167.; port and terminal plans)',
      },
      vessels: { type: 'geojson', data: vessels },
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

export type { Geography };

export interface MapCanvasHandlers {
  /** A vessel's circle was clicked. */
  readonly onSelect: (mmsi: string) => void;
  /** The map went idle after `update` (or after it was created): how many vessel circles it draws. */
  readonly onDrawn: (drawn: number) => void;
}

export interface MapCanvas {
  /** Draws these vessels (the map reports through `onDrawn` once they are on screen). */
  readonly update: (vessels: FeatureCollection) => void;
  readonly remove: () => void;
}

/** Creates the map in `container` with the basemap and `vessels`; throws where WebGL is missing. */
export function createMapCanvas(
  container: HTMLElement,
  geography: Geography,
  vessels: FeatureCollection,
  handlers: MapCanvasHandlers,
): MapCanvas {
  const limits = geography.features.filter((f) => property(f, 'kind') === 'port_limits');
  const map = new maplibregl.Map({
    container,
    style: style(geography, vessels),
    bounds: bounds(limits.length > 0 ? limits : geography.features),
    fitBoundsOptions: { padding: 20 },
    attributionControl: { compact: true },
    maxZoom: 16,
    minZoom: 8,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'nautical' }), 'bottom-left');
  void labelTerminals(map, geography);
  map.on('click', 'vessels', (event) => {
    const mmsi: unknown = event.features?.[0]?.properties['mmsi'];
    if (typeof mmsi === 'string') handlers.onSelect(mmsi);
  });
  map.on('mouseenter', 'vessels', () => {
    map.getCanvas().style.cursor = 'pointer';
  });
  map.on('mouseleave', 'vessels', () => {
    map.getCanvas().style.cursor = '';
  });

  let removed = false;
  let stamp = 0;
  /** The newest picture while the style (and so the vessels source) is not there yet. */
  let pending: FeatureCollection | null = null;
  const report = () => {
    const mine = ++stamp;
    map.once('idle', () => {
      if (mine !== stamp || removed) return;
      handlers.onDrawn(map.queryRenderedFeatures({ layers: ['vessels'] }).length);
    });
  };
  map.on('styledata', () => {
    const source = map.getSource<GeoJSONSource>('vessels');
    if (!pending || removed || !source) return;
    void source.setData(pending);
    pending = null;
  });
  report();
  return {
    update: (next) => {
      if (removed) return;
      const source = map.getSource<GeoJSONSource>('vessels');
      if (source) void source.setData(next);
      else pending = next;
      report();
    },
    remove: () => {
      removed = true;
      map.remove();
    },
  };
}
