/**
 * One vessel as one caller may see it (`GET /vessels/{imoOrMmsi}`): the newest registry row of an audience
 * the caller sees, the MMSIs its IMO number was seen with, and its latest visible position. Read models carry
 * the ownership of the events they come from and are filtered like events (DESIGN §5).
 */
import type { Kysely, Selectable } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { VESSEL_STATIC } from '../../domain/vessel-observation.js';
import { audienceKey } from '../../projections/vessels/audience.js';
import type { DB, VesselTable } from '../../store/schema.js';
import { eventSource } from '../event-source.js';
import type { VesselView } from './vessel-schema.js';

/** The event behind a read-model row (`last_event_seq` / `event_seq`), as `source` shows it. */
interface SourceRow {
  seq: string;
  event_id: string;
  source_org: string;
  inbox_id: string | number | bigint | null;
}

interface IdentityRow {
  mmsi: string;
  first_seen_at: Date;
  last_seen_at: Date;
}

export class VesselReader {
  /** `staleAfterMs`: a vessel whose newest report is older than this at the request is flagged `stale`. */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly staleAfterMs: number,
  ) {}

  /**
   * The vessel with this IMO number (7 digits) or MMSI (9 digits); undefined when the caller sees none. `asOf` and
   * `source` are those of the newer of the shown static report and position (the static report on a tie); `stale`
   * compares `asOf` with `now`.
   */
  async get(id: string, scope: AccessScope, now: Date = new Date()): Promise<VesselView | undefined> {
    let mmsi = id;
    let history: IdentityRow[] = [];
    if (id.length === 7) {
      history = await this.mmsiHistory(id, scope);
      if (history[0]) mmsi = history[0].mmsi;
    }
    // Each audience keeps its own rows of a vessel (migration 0010): the newest the caller may see is shown.
    const vessel = await this.db
      .selectFrom('vessel')
      .selectAll()
      .where('mmsi', '=', mmsi)
      .where(visibleTo(scope, 'vessel'))
      .orderBy('static_at', 'desc')
      .orderBy('last_event_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const position = await this.db
      .selectFrom('vessel_position')
      .selectAll()
      .where('mmsi', '=', mmsi)
      .where(visibleTo(scope, 'vessel_position'))
      .orderBy('observed_at', 'desc')
      .orderBy('event_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!vessel && (id.length === 7 || !position)) return undefined;
    if (vessel?.imo && id.length === 9) history = await this.mmsiHistory(vessel.imo, scope);
    const usePosition = position !== undefined && (!vessel || position.observed_at > vessel.static_at);
    const asOf = usePosition ? position.observed_at : vessel!.static_at;
    const stated = usePosition ? await this.eventAt(String(position.event_seq)) : await this.staticReport(vessel!);
    return {
      mmsi,
      imo: vessel?.imo ?? null,
      name: vessel?.name ?? null,
      callSign: vessel?.call_sign ?? null,
      shipType: vessel?.ship_type ?? null,
      lengthM: vessel?.length_m ?? null,
      beamM: vessel?.beam_m ?? null,
      draughtM: vessel?.draught_m ?? null,
      destination: vessel?.destination ?? null,
      staticAt: vessel ? vessel.static_at.toISOString() : null,
      mmsiHistory: history.map((h) => ({
        mmsi: h.mmsi,
        firstSeenAt: h.first_seen_at.toISOString(),
        lastSeenAt: h.last_seen_at.toISOString(),
      })),
      position: position
        ? {
            observedAt: position.observed_at.toISOString(),
            lat: position.lat,
            lon: position.lon,
            sogKn: position.sog_kn,
            cogDeg: position.cog_deg,
            headingDeg: position.heading_deg,
            navStatus: position.nav_status,
          }
        : null,
      asOf: asOf.toISOString(),
      stale: now.getTime() - asOf.getTime() > this.staleAfterMs,
      source: eventSource(stated),
    };
  }

  /** The stored event of a position row (`event_seq`; the row's own audience, so the caller sees it). */
  private eventAt(seq: string): Promise<SourceRow> {
    return this.db
      .selectFrom('event')
      .select(['seq', 'event_id', 'source_org', 'inbox_id'])
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow();
  }

  /**
   * The static report a registry row is dated by: of the row's audience, at `static_at` (the later stored one on a
   * tie). `last_event_seq` is the last report applied, which may be an older one that arrived late.
   */
  private async staticReport(row: Selectable<VesselTable>): Promise<SourceRow> {
    const candidates = await this.db
      .selectFrom('event')
      .select(['seq', 'event_id', 'source_org', 'inbox_id', 'visibility', 'owner_orgs'])
      .where('event_type_code', '=', VESSEL_STATIC)
      .where('vessel_mmsi', '=', row.mmsi)
      .where('event_date_time', '=', row.static_at)
      .where('visibility', '=', row.visibility)
      .orderBy('seq', 'desc')
      .execute();
    const own = candidates.find((e) => audienceKey(e.visibility, e.owner_orgs) === row.audience);
    return own ?? this.eventAt(String(row.last_event_seq));
  }

  /**
   * The MMSIs an IMO number was seen with, newest first. Identity rows carry no owners: a pairing is shown
   * only where the caller sees the registry row that makes it (same MMSI and IMO), so a private report's
   * MMSI never reaches another organisation.
   */
  private mmsiHistory(imo: string, scope: AccessScope): Promise<IdentityRow[]> {
    return this.db
      .selectFrom('vessel_identity')
      .innerJoin('vessel', (join) =>
        join.onRef('vessel.mmsi', '=', 'vessel_identity.mmsi').onRef('vessel.imo', '=', 'vessel_identity.imo'),
      )
      .select(['vessel_identity.mmsi', 'vessel_identity.first_seen_at', 'vessel_identity.last_seen_at'])
      .distinct() // one pairing, however many audiences' rows the caller sees make it
      .where('vessel_identity.imo', '=', imo)
      .where(visibleTo(scope, 'vessel'))
      .orderBy('vessel_identity.last_seen_at', 'desc')
      .execute();
  }
}
