/**
 * Live just-in-time advice for vessels still on the approach, before the vessel-call detector opens a call at the
 * port limits (issue 15; docs/emissions.md "Advice before the call"): `GET /jit/approaching` (every vessel the
 * caller may see approaching San Pedro Bay, and the totals) and `GET /vessels/{mmsi}/jit-advice` (one vessel).
 *
 * A vessel is approaching at an instant `at` (now by default) when:
 * - its carrier's schedule has a call at a San Pedro Bay port not yet berthed (`vessel_schedule`, `atb` unset), the
 *   vessel known by that IMO number in the AIS static data the caller may see (`vessel`);
 * - its newest AIS position the caller may see at or before `at` (`vessel_track`) is at most 6 hours old, under
 *   way (not at anchor, not in the harbour), making way (≥ 3 kn over the last 15 minutes) and closing on the pilot
 *   boarding area (nearer to it at the newest position than 15 minutes before);
 * - it is within `APPROACH_HORIZON_NM` of the pilot boarding area (by the inbound lane when on one);
 * - the caller sees no open call of it (status other than `departed`): a vessel in a call is answered by
 *   `GET /jit/advice` and is not listed twice; `GET /vessels/{mmsi}/jit-advice` still answers it, with its `callId`.
 * The advice itself is `JitAdviceReader.adviceFrom`: the same berth window (planned berthing or the berth the live
 * queue frees later), particulars and engine as for a call. A vessel whose positions the caller may not see is
 * not answered at all.
 */
import type { Kysely } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { distanceNm } from '../../forecast/eta/route-geometry.js';
import { recentSog, STALE_MS } from '../../forecast/eta/vessel-eta.js';
import { MINUTE } from '../../domain/time-units.js';
import type { DB } from '../../store/schema.js';
import { SAN_PEDRO_BAY_PORTS, type EtaReader } from '../forecasts/eta-reader.js';
import {
  JIT_ADVICE_SOURCE,
  MIN_MAKING_WAY_KN,
  noAdvice,
  type AdviceBody,
  type JitAdviceReader,
} from './jit-advice-reader.js';

/** Advice is given from this many nautical miles of the pilot boarding area in (about 11 h at 18 kn). */
export const APPROACH_HORIZON_NM = 200;
/** At most this many vessels in one `GET /jit/approaching`. */
export const MAX_APPROACHING_VESSELS = 200;
/** Closing on the pilot boarding area is judged over the positions of this window. */
const CLOSING_WINDOW_MS = 15 * MINUTE;

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export interface VesselJitAdvice extends AdviceBody {
  readonly vessel: { readonly mmsi: string; readonly imo: string | null; readonly name: string | null };
  /** The vessel's open call the caller may see (then `GET /jit/advice` lists it); null: none yet. */
  readonly callId: string | null;
  readonly source: string;
}

interface Judged {
  readonly answer: VesselJitAdvice;
  /** Approaching as defined above (a vessel in a call aside). */
  readonly approaching: boolean;
}

export class ApproachingJitReader {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly eta: EtaReader,
    private readonly advice: JitAdviceReader,
  ) {}

  /** Undefined when the caller may see no position of the vessel (at or before `at`). */
  async vessel(mmsi: string, scope: AccessScope, at: Date): Promise<VesselJitAdvice | undefined> {
    const seen = await this.db
      .selectFrom('vessel_track')
      .select('mmsi')
      .where('mmsi', '=', mmsi)
      .where('observed_at', '<=', at)
      .where(visibleTo(scope, 'vessel_track'))
      .limit(1)
      .executeTakeFirst();
    if (!seen) return undefined;
    const statics = await this.db
      .selectFrom('vessel')
      .select(['imo', 'name'])
      .where('mmsi', '=', mmsi)
      .where(visibleTo(scope, 'vessel'))
      .orderBy('static_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return (await this.judge({ mmsi, imo: statics?.imo ?? null, name: statics?.name ?? null }, scope, at)).answer;
  }

  /** Every vessel the caller may see approaching at `at`, nearest first, and the totals. */
  async approaching(scope: AccessScope, at: Date) {
    const scheduled = await this.db
      .selectFrom('vessel_schedule')
      .select('vessel_imo_number')
      .distinct()
      .where('un_location_code', 'in', SAN_PEDRO_BAY_PORTS)
      .where('atb', 'is', null)
      .execute();
    const imos = scheduled.map((s) => s.vessel_imo_number);
    const statics =
      imos.length === 0
        ? []
        : await this.db
            .selectFrom('vessel')
            .select(['mmsi', 'imo', 'name', 'static_at'])
            .where('imo', 'in', imos)
            .where(visibleTo(scope, 'vessel'))
            .orderBy('static_at', 'desc')
            .execute();
    const byMmsi = new Map<string, { mmsi: string; imo: string | null; name: string | null }>();
    for (const v of statics) if (!byMmsi.has(v.mmsi)) byMmsi.set(v.mmsi, { mmsi: v.mmsi, imo: v.imo, name: v.name });
    const recent =
      byMmsi.size === 0
        ? []
        : await this.db
            .selectFrom('vessel_track')
            .select('mmsi')
            .distinct()
            .where('mmsi', 'in', [...byMmsi.keys()])
            .where('observed_at', '>', new Date(at.getTime() - STALE_MS))
            .where('observed_at', '<=', at)
            .where(visibleTo(scope, 'vessel_track'))
            .orderBy('mmsi')
            .limit(MAX_APPROACHING_VESSELS + 1)
            .execute();
    const truncated = recent.length > MAX_APPROACHING_VESSELS;
    const vessels: VesselJitAdvice[] = [];
    let inCall = 0;
    for (const { mmsi } of recent.slice(0, MAX_APPROACHING_VESSELS)) {
      const { answer, approaching } = await this.judge(byMmsi.get(mmsi)!, scope, at);
      if (!approaching) continue;
      if (answer.callId !== null) inCall++;
      else vessels.push(answer);
    }
    vessels.sort((a, b) => (a.distanceToPilotNm ?? 0) - (b.distanceToPilotNm ?? 0));
    const advised = vessels.flatMap((v) => (v.advice ? [v.advice] : []));
    return {
      at: at.toISOString(),
      asOf: vessels.reduce<string | null>((m, v) => (v.asOf && (!m || v.asOf > m) ? v.asOf : m), null),
      source: JIT_ADVICE_SOURCE,
      horizonNm: APPROACH_HORIZON_NM,
      vesselsApproaching: vessels.length,
      vesselsAdvised: advised.length,
      vesselsInCall: inCall,
      truncated,
      fuelSavedT: r3(advised.reduce((s, a) => s + a.fuelSavedT, 0)),
      co2SavedT: r3(advised.reduce((s, a) => s + a.co2SavedT, 0)),
      vessels,
    };
  }

  private async judge(
    vessel: { mmsi: string; imo: string | null; name: string | null },
    scope: AccessScope,
    at: Date,
  ): Promise<Judged> {
    const call = await this.db
      .selectFrom('vessel_call')
      .select(['call_id', 'port'])
      .where('mmsi', '=', vessel.mmsi)
      .where('status', '<>', 'departed')
      .where(visibleTo(scope, 'vessel_call'))
      .orderBy('call_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const head = { vessel, callId: call?.call_id ?? null, source: JIT_ADVICE_SOURCE };
    const none = (reason: string, more: Partial<AdviceBody> = {}): Judged => ({
      answer: { ...head, ...noAdvice(reason, null, more) },
      approaching: false,
    });
    const subject = { vessel: { mmsi: vessel.mmsi, imo: vessel.imo }, port: call?.port ?? null };
    const approach = await this.eta.approach(subject, scope, at);
    if (typeof approach === 'string') return none(approach);
    const { prediction, fixes, geometry } = approach;
    const last = fixes[fixes.length - 1];
    if (last === undefined || at.getTime() - last.tMs > STALE_MS) {
      return none(`no AIS position in the 6 hours before ${at.toISOString()}`, {
        asOf: last ? new Date(last.tMs).toISOString() : null,
      });
    }
    const asOf = new Date(last.tMs).toISOString();
    if (prediction.method === 'track' && prediction.toPilotNm !== null) {
      const seen = { port: approach.port, asOf, distanceToPilotNm: r3(prediction.toPilotNm) };
      if (prediction.toPilotNm > APPROACH_HORIZON_NM) {
        return none(
          `beyond the horizon: ${Math.round(prediction.toPilotNm)} nm from the pilot boarding area (advice within ${APPROACH_HORIZON_NM} nm)`,
          seen,
        );
      }
      const pilot = geometry.pilot;
      const toPilot = (f: { lat: number; lon: number }): number => distanceNm(f.lat, f.lon, pilot.lat, pilot.lon);
      const before = fixes.find((f) => f.tMs >= last.tMs - CLOSING_WINDOW_MS)!;
      if (before !== last && toPilot(last) >= toPilot(before)) {
        return none('not heading for the pilot boarding area (not nearer to it than 15 minutes before)', seen);
      }
    }
    const body = await this.advice.adviceFrom(subject, approach, scope);
    const approaching =
      prediction.method === 'track' &&
      prediction.toPilotNm !== null &&
      prediction.toPilotNm > 0 &&
      recentSog(fixes) >= MIN_MAKING_WAY_KN;
    return { answer: { ...head, ...body, port: body.port ?? call?.port ?? null }, approaching };
  }
}
