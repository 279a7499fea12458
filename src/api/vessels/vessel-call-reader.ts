/**
 * Detected vessel calls as one caller may see them (`GET /vessel-calls`, `GET /vessel-calls/{callId}`). Each
 * audience keeps its own row of a call (migration 0010); a caller gets one row per call however many of
 * those audiences it sees. Calls are ordered by their start (arrival in port limits, else at the anchorage,
 * else at the berth), then call id: the keyset of the list cursor.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import type { VesselCallStatus } from '../../domain/vessel-calls/vessel-call-status.js';
import { audienceKey } from '../../projections/vessels/audience.js';
import { VESSEL_CALL_DETECTOR_SOURCE } from '../../projections/vessels/vessel-call-detector-projection.js';
import type { DB, VesselCallTable } from '../../store/schema.js';
import type { CallListKey } from './vessel-call-id.js';
import { vesselCallView, type CallProvenance, type VesselCallView } from './vessel-call-view.js';

type CallRow = Selectable<VesselCallTable>;

/** A detection the vessel-call detector appended (ARRI/DEPA), as the provenance of a call needs it. */
interface Detection {
  readonly mmsi: string | null;
  readonly at: Date;
  readonly seq: bigint;
  readonly audience: string;
  readonly eventId: string;
  readonly sourceOrg: string;
}

const firstOf = (r: CallRow): Date => (r.ata ?? r.ata_anchorage ?? r.atb)!;
const lastOf = (r: CallRow): Date | null => r.atd_port ?? r.atd;
const instant = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

/**
 * The newest of a call's detections (by time, the later stored one on a tie): those of the shown row's audience
 * from the call's start to its end (or on, while it is open). Without any — the detections purged — the newest
 * milestone of the row, with no source.
 */
export function callProvenance(row: CallRow, detections: readonly Detection[]): CallProvenance {
  const from = firstOf(row).getTime();
  const to = lastOf(row)?.getTime() ?? Number.POSITIVE_INFINITY;
  let newest: Detection | null = null;
  for (const d of detections) {
    const at = d.at.getTime();
    if (d.mmsi !== row.mmsi || d.audience !== row.audience || at < from || at > to) continue;
    if (newest === null || at > newest.at.getTime() || (at === newest.at.getTime() && d.seq > newest.seq)) {
      newest = d;
    }
  }
  if (newest !== null) {
    return {
      asOf: newest.at.toISOString(),
      source: { organisation: newest.sourceOrg, inboxId: null, eventId: newest.eventId },
    };
  }
  const milestones = [row.ata, row.ata_anchorage, row.atb, row.atd, row.atd_port].filter((d): d is Date => d !== null);
  return { asOf: new Date(Math.max(...milestones.map((d) => d.getTime()))).toISOString(), source: null };
}

export interface VesselCallFilter {
  /** Terminal or berth zone id. */
  readonly terminal?: string | undefined;
  readonly status?: VesselCallStatus | undefined;
  readonly mmsi?: string | undefined;
  readonly imo?: string | undefined;
  /** Calls still in port at or after this instant. */
  readonly from?: Date | undefined;
  /** Calls that started at or before this instant. */
  readonly to?: Date | undefined;
  /** Calls after this one in the list order. */
  readonly after?: CallListKey | undefined;
  readonly limit: number;
}

/** Where a call starts in the list order. */
export function callStart(call: VesselCallView): string {
  return (call.ata ?? call.ataAnchorage ?? call.atb)!;
}

export class VesselCallReader {
  constructor(private readonly db: Kysely<DB>) {}

  async list(filter: VesselCallFilter, scope: AccessScope): Promise<{ calls: VesselCallView[]; more: boolean }> {
    const start = sql<Date>`coalesce(vessel_call.ata, vessel_call.ata_anchorage, vessel_call.atb)`;
    const end = sql<Date | null>`coalesce(vessel_call.atd_port, vessel_call.atd)`;
    let query = this.db
      .selectFrom('vessel_call')
      .selectAll()
      .distinctOn([start, 'call_id'])
      .where(visibleTo(scope, 'vessel_call'));
    const { terminal, status, mmsi, imo, from, to, after, limit } = filter;
    if (terminal) query = query.where('berth', '=', terminal);
    if (status) query = query.where('status', '=', status);
    if (mmsi) query = query.where('mmsi', '=', mmsi);
    if (imo) query = query.where('imo', '=', imo);
    if (to) query = query.where(sql<boolean>`${start} <= ${to}`);
    if (from) query = query.where(sql<boolean>`(${end} is null or ${end} >= ${from})`);
    if (after) query = query.where(sql<boolean>`(${start}, vessel_call.call_id) > (${after.start}, ${after.callId})`);
    const rows = await query
      .orderBy(start)
      .orderBy('call_id')
      .orderBy('audience')
      .limit(limit + 1)
      .execute();
    return { calls: await this.views(rows.slice(0, limit), scope), more: rows.length > limit };
  }

  /** One call by id; undefined when it does not exist or the caller may not see it (the same 404). */
  async get(callId: string, scope: AccessScope): Promise<VesselCallView | undefined> {
    const row = await this.db
      .selectFrom('vessel_call')
      .selectAll()
      .where('call_id', '=', callId)
      .where(visibleTo(scope, 'vessel_call'))
      .orderBy('audience')
      .limit(1)
      .executeTakeFirst();
    return row ? (await this.views([row], scope))[0] : undefined;
  }

  /**
   * The rows as the API shows them, each with the provenance of its newest detection and the ship type of the
   * vessel's newest static data the caller may see.
   */
  private async views(rows: readonly CallRow[], scope: AccessScope): Promise<VesselCallView[]> {
    if (rows.length === 0) return [];
    const mmsis = [...new Set(rows.map((r) => r.mmsi))];
    const statics = await this.db
      .selectFrom('vessel')
      .select(['mmsi', 'ship_type'])
      .distinctOn('mmsi')
      .where('mmsi', 'in', mmsis)
      .where(visibleTo(scope, 'vessel'))
      .orderBy('mmsi')
      .orderBy('static_at', 'desc')
      .execute();
    const shipType = new Map(statics.map((v) => [v.mmsi, v.ship_type]));
    const since = new Date(Math.min(...rows.map((r) => firstOf(r).getTime())));
    const found = await this.db
      .selectFrom('event')
      .select(['seq', 'event_id', 'source_org', 'vessel_mmsi', 'event_date_time', 'visibility', 'owner_orgs'])
      .where('source', '=', VESSEL_CALL_DETECTOR_SOURCE)
      .where('vessel_mmsi', 'in', mmsis)
      .where('event_date_time', '>=', since)
      .execute();
    const detections: Detection[] = found.map((e) => ({
      mmsi: e.vessel_mmsi,
      at: instant(e.event_date_time),
      seq: BigInt(e.seq),
      audience: audienceKey(e.visibility, e.owner_orgs),
      eventId: e.event_id,
      sourceOrg: e.source_org,
    }));
    return rows.map((r) => vesselCallView(r, callProvenance(r, detections), shipType.get(r.mmsi) ?? null));
  }
}
