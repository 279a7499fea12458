/**
 * Which vessels were at anchor / at berth (or anywhere) at one instant, from the stored AIS track and the
 * registry: the answer of `openpcs vessels --at` and `GET /vessels?at=`. Each vessel's last report in
 * `(at - staleAfterMin, at]` is classified by `vesselStatusAt`; `since` is the start of its unbroken run
 * in the same status and zone, looking back at most `lookBackHours`.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { shipCategoryOf, type ShipCategory } from '../../domain/ais-ship-type.js';
import {
  VESSEL_POSITION,
  VESSEL_STATIC,
  type VesselPositionPayload,
  type VesselStaticPayload,
} from '../../domain/vessel-observation.js';
import type { Geography } from '../../geo/geography.js';
import type { DB, VesselTrackTable } from '../../store/schema.js';
import { eventSource, type EventSource } from '../event-source.js';
import type { PositionObservation } from '../../domain/vessel-calls/position-observation.js';
import {
  DEFAULT_STALE_AFTER_MIN,
  vesselStatusAt,
  type VesselActivity,
  type VesselStatus,
} from '../../domain/vessel-calls/vessel-status-at.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { stationarySince } from '../../domain/vessel-calls/stationary-since.js';

export interface VesselsAtQuery {
  readonly at: string;
  readonly statuses?: readonly VesselActivity[] | undefined;
  readonly port?: string | undefined;
  /** Only ships of this category (from the AIS ship type of the registry). */
  readonly shipCategory?: ShipCategory | undefined;
  /** Only the vessel whose registry entry has this IMO number. */
  readonly imo?: string | undefined;
  readonly staleAfterMin?: number | undefined;
  readonly lookBackHours?: number | undefined;
  /** A vessel whose newest report behind the answer is older than this at `at` is flagged `stale` (default 30). */
  readonly flagStaleAfterMin?: number | undefined;
  /** The caller (required; the CLI passes `LOCAL_OPERATOR`). */
  readonly visibleTo: AccessScope;
}

export interface VesselAt extends VesselStatus {
  /** First report of the unbroken run in this status and zone (within the look-back). */
  readonly since: string;
  /**
   * Time of the newest report behind the item that the caller may see: the shown position, or the registry's static
   * report when that is newer (as `GET /vessels/{id}`).
   */
  readonly asOf: string;
  /** `asOf` is older than `flagStaleAfterMin` at `at`. */
  readonly stale: boolean;
  /** Who stated that report, in which message; null only if its event is not visible or no longer stored. */
  readonly source: EventSource | null;
}

/** The track columns a status is computed from (`TRACK_COLUMNS`). */
type TrackRow = Pick<Selectable<VesselTrackTable>, (typeof TRACK_COLUMNS)[number]>;

function observation(row: TrackRow, stat: VesselStaticPayload | null): PositionObservation {
  const position: VesselPositionPayload = {
    mmsi: row.mmsi,
    lat: row.lat,
    lon: row.lon,
    sogKn: row.sog_kn,
    cogDeg: row.cog_deg,
    headingDeg: row.heading_deg,
    navStatus: row.nav_status,
    aisType: null,
  };
  return { eventDateTime: row.observed_at.toISOString(), position, static: stat };
}

const TRACK_COLUMNS = ['mmsi', 'observed_at', 'lat', 'lon', 'sog_kn', 'cog_deg', 'heading_deg', 'nav_status'] as const;

export async function vesselsAt(db: Kysely<DB>, geography: Geography, query: VesselsAtQuery): Promise<VesselAt[]> {
  const atMs = Date.parse(query.at);
  if (Number.isNaN(atMs)) throw new RangeError(`"${query.at}" is not an instant`);
  const at = new Date(atMs);
  const scope = query.visibleTo;
  const staleAfterMin = query.staleAfterMin ?? DEFAULT_STALE_AFTER_MIN;
  const from = new Date(atMs - staleAfterMin * 60_000);
  const recent = await db
    .selectFrom('vessel_track')
    .select(TRACK_COLUMNS)
    // `minute` is indexed; a report in the window has its minute at most one minute before `from`.
    .where('minute', '>=', new Date(from.getTime() - 60_000))
    .where('observed_at', '>', from)
    .where('observed_at', '<=', at)
    .where(visibleTo(scope, 'vessel_track'))
    .execute();
  const mmsis = [...new Set(recent.map((r) => r.mmsi))];
  const statics = new Map<string, VesselStaticPayload>();
  const staticAt = new Map<string, Date>();
  if (mmsis.length > 0) {
    const vessels = await db
      .selectFrom('vessel')
      .selectAll()
      .where('mmsi', 'in', mmsis)
      .where(visibleTo(scope, 'vessel'))
      .orderBy('static_at') // several audiences' rows of one vessel: the newest wins below
      .orderBy('last_event_seq')
      .execute();
    for (const v of vessels) {
      staticAt.set(v.mmsi, v.static_at);
      statics.set(v.mmsi, {
        mmsi: v.mmsi,
        imo: v.imo,
        callSign: v.call_sign,
        name: v.name,
        shipType: v.ship_type,
        lengthM: v.length_m,
        beamM: v.beam_m,
        draughtM: v.draught_m,
        destination: v.destination,
      });
    }
  }
  const statuses = vesselStatusAt(
    geography,
    recent.map((r) => observation(r, statics.get(r.mmsi) ?? null)),
    at.toISOString(),
    { staleAfterMin },
  ).filter(
    (s) =>
      (!query.statuses || query.statuses.includes(s.status)) &&
      (!query.port || s.zone?.port === query.port) &&
      (!query.imo || s.static?.imo === query.imo) &&
      (!query.shipCategory || shipCategoryOf(s.static?.shipType) === query.shipCategory),
  );
  if (statuses.length === 0) return [];
  const lookBackFrom = new Date(atMs - (query.lookBackHours ?? 24) * 3_600_000);
  const history = await db
    .selectFrom('vessel_track')
    .select(TRACK_COLUMNS)
    .where(
      'mmsi',
      'in',
      statuses.map((s) => s.mmsi),
    )
    .where('minute', '>=', lookBackFrom)
    .where('observed_at', '<=', at)
    .where(visibleTo(scope, 'vessel_track'))
    .orderBy('observed_at', 'desc')
    .execute();
  const byVessel = new Map<string, PositionObservation[]>();
  for (const row of history) {
    const list = byVessel.get(row.mmsi) ?? [];
    // With the registry data: whether a stopped vessel is a ship (anchored outside) depends on its length.
    list.push(observation(row, statics.get(row.mmsi) ?? null));
    byVessel.set(row.mmsi, list);
  }
  // asOf: the newer of the shown position and the static report (the static report on a tie, as GET /vessels/{id}).
  const dated = statuses.map((s) => {
    const position = new Date(s.observedAt);
    const stat = staticAt.get(s.mmsi);
    const byStatic = stat !== undefined && stat >= position;
    return { status: s, asOf: byStatic ? stat : position, code: byStatic ? VESSEL_STATIC : VESSEL_POSITION };
  });
  const sources = await reportSources(db, scope, dated);
  const flagStaleMs = (query.flagStaleAfterMin ?? DEFAULT_STALE_AFTER_MIN) * 60_000;
  return dated.map(({ status: s, asOf, code }) => ({
    ...s,
    since:
      stationarySince(geography, byVessel.get(s.mmsi) ?? [], s.status, s.zone?.id ?? null, staleAfterMin) ??
      s.observedAt,
    asOf: asOf.toISOString(),
    stale: atMs - asOf.getTime() > flagStaleMs,
    source: sources.get(`${code}|${s.mmsi}|${asOf.toISOString()}`) ?? null,
  }));
}

/**
 * The events that stated the reports the items are dated by, among those the caller may see, in one query: by type,
 * MMSI and report time (the event store indexes `event_date_time`). Where several visible audiences stored the same
 * report, the first stored names it. Keyed `<code>|<mmsi>|<time>`.
 */
async function reportSources(
  db: Kysely<DB>,
  scope: AccessScope,
  dated: readonly { status: VesselStatus; asOf: Date; code: string }[],
): Promise<Map<string, EventSource>> {
  const found = new Map<string, EventSource>();
  if (dated.length === 0) return found;
  const times = [...new Map(dated.map((d) => [d.asOf.getTime(), d.asOf])).values()];
  const rows = await db
    .selectFrom('event')
    .select(['event_type_code', 'vessel_mmsi', 'event_date_time', 'event_id', 'source_org', 'inbox_id'])
    .where('event_type_code', 'in', [VESSEL_POSITION, VESSEL_STATIC])
    .where('event_date_time', 'in', times)
    .where(
      'vessel_mmsi',
      'in',
      dated.map((d) => d.status.mmsi),
    )
    .where(visibleTo(scope, 'event'))
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const key = `${row.event_type_code}|${row.vessel_mmsi}|${row.event_date_time.toISOString()}`;
    if (found.has(key)) continue;
    found.set(key, eventSource(row));
  }
  return found;
}
