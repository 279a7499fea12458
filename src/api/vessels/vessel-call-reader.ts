/**
 * Detected vessel calls as one caller may see them (`GET /vessel-calls`, `GET /vessel-calls/{callId}`). Each
 * audience keeps its own row of a call (migration 0010); a caller gets one row per call however many of
 * those audiences it sees. Calls are ordered by their start (arrival in port limits, else at the anchorage,
 * else at the berth), then call id: the keyset of the list cursor.
 */
import { sql, type Kysely } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import type { VesselCallStatus } from '../../domain/vessel-calls/vessel-call-status.js';
import type { DB } from '../../store/schema.js';
import { vesselCallView, type VesselCallView } from './vessel-call-view.js';

/** Where a call sits in the list order. */
export interface VesselCallKey {
  readonly start: Date;
  readonly callId: string;
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
  readonly after?: VesselCallKey | undefined;
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
    return { calls: rows.slice(0, limit).map(vesselCallView), more: rows.length > limit };
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
    return row ? vesselCallView(row) : undefined;
  }
}
