/**
 * One vessel as one caller may see it (`GET /vessels/{imoOrMmsi}`): the newest registry row of an audience
 * the caller sees, the MMSIs its IMO number was seen with, and its latest visible position. Read models carry
 * the ownership of the events they come from and are filtered like events (DESIGN §5).
 */
import type { Kysely } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import type { DB } from '../../store/schema.js';
import type { VesselView } from './vessel-schema.js';

interface IdentityRow {
  mmsi: string;
  first_seen_at: Date;
  last_seen_at: Date;
}

export class VesselReader {
  constructor(private readonly db: Kysely<DB>) {}

  /** The vessel with this IMO number (7 digits) or MMSI (9 digits); undefined when the caller sees none. */
  async get(id: string, scope: AccessScope): Promise<VesselView | undefined> {
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
    };
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
