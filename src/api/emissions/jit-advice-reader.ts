/**
 * Live just-in-time advice for approaching calls (issue 15; docs/emissions.md "Just-in-time arrival"):
 * `GET /vessel-calls/{callId}/jit-advice` and `GET /jit/advice` (every approaching call the caller may see, and the
 * totals). The ETA model's view of the call (`EtaReader.approach`: the AIS track the caller may see, the newest
 * schedule statement, the approach geometry) gives the distance to the pilot boarding area and the harbour transit;
 * the berth window is the later of the schedule's planned berthing (`vessel_schedule.etb`, stated by the carrier or
 * terminal) and the berth the live queue of the scheduled terminal frees for the ship (the queue-aware ETA);
 * the ship's speed is its mean SOG over the last 15 minutes; the particulars are those of the per-call emissions
 * (estimated from the AIS static data the caller may see). The pure rule is `emissions/approach-jit-advice.ts`.
 */
import type { Kysely } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { approachJitAdvice, type ApproachJitAdvice } from '../../emissions/approach-jit-advice.js';
import { estimateParticulars } from '../../emissions/estimated-particulars.js';
import { recentSog } from '../../forecast/eta/vessel-eta.js';
import type { DB } from '../../store/schema.js';
import type { ApproachSubject, CallApproach, EtaReader } from '../forecasts/eta-reader.js';
import { VesselCallReader } from '../vessels/vessel-call-reader.js';
import type { VesselCallView } from '../vessels/vessel-call-view.js';

export const JIT_ADVICE_SOURCE =
  'openpcs just-in-time advice: AIS position and speed (vessel_track), planned berthing (vessel_schedule.etb), live berth queue, ETA model approach geometry, IMO Fourth GHG Study interval method';

/** Below this speed a ship is not making way towards the port: no advice. */
export const MIN_MAKING_WAY_KN = 3;
/** At most this many approaching calls in one `GET /jit/advice` (San Pedro Bay sees a few at a time). */
export const MAX_APPROACHING_CALLS = 500;

const iso = (ms: number): string => new Date(ms).toISOString();
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export interface JitAdviceAnswer {
  readonly callId: string;
  readonly vessel: VesselCallView['vessel'];
  readonly status: VesselCallView['status'];
  readonly port: string | null;
  /** Time of the position the advice is given from; null when none was used. */
  readonly asOf: string | null;
  readonly source: string;
  readonly berthWindow: {
    readonly start: string;
    /** What opens the window: the carrier's planned berthing, or the berth the live queue frees later than that. */
    readonly basis: 'planned berthing' | 'berth queue';
    readonly terminal: string | null;
    /** When the schedule stated it (planned berthing), or the newest fact of the queue (berth queue). */
    readonly statedAt: string;
    /** When the window needs the ship at the pilot boarding area: start − harbour transit. */
    readonly pilotBoardingAreaAt: string;
    /** Hours the live berth queue adds to the ship's arrival; null when not modelled. */
    readonly queueWaitH: number | null;
  } | null;
  readonly distanceToPilotNm: number | null;
  readonly currentSpeedKn: number | null;
  readonly particulars: 'estimated' | null;
  readonly advice: {
    readonly advisedSpeedKn: number;
    readonly arrivalAtCurrentSpeed: string;
    readonly advisedArrival: string;
    /** When to slow down to the advised speed (the advice's position: now); null when it is the current speed. */
    readonly slowDownAt: string | null;
    readonly waitAtCurrentSpeedHours: number;
    readonly remainingWaitHours: number;
    readonly lateHours: number;
    readonly fuelContinuingT: number;
    readonly fuelAdvisedT: number;
    readonly co2ContinuingT: number;
    readonly co2AdvisedT: number;
    readonly fuelSavedT: number;
    readonly co2SavedT: number;
    readonly co2SavedPct: number;
  } | null;
  /** Why there is no advice, when there is none. */
  readonly reason: string | null;
}

/** The advice without the call's or vessel's head. */
export type AdviceBody = Omit<JitAdviceAnswer, 'callId' | 'vessel' | 'status' | 'source'>;

/** An answer without advice: the reason, and what is known (`more`). */
export function noAdvice(reason: string, asOfMs: number | null = null, more: Partial<AdviceBody> = {}): AdviceBody {
  return {
    port: null,
    asOf: asOfMs === null ? null : iso(asOfMs),
    berthWindow: null,
    distanceToPilotNm: null,
    currentSpeedKn: null,
    particulars: null,
    advice: null,
    reason,
    ...more,
  };
}

export class JitAdviceReader {
  private readonly calls: VesselCallReader;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly eta: EtaReader,
  ) {
    this.calls = new VesselCallReader(db);
  }

  /** Undefined when the call does not exist or the caller may not see it. */
  async advice(callId: string, scope: AccessScope): Promise<JitAdviceAnswer | undefined> {
    const call = await this.calls.get(callId, scope);
    return call && this.adviceOf(call, scope);
  }

  /** Every call the caller may see still approaching (in port limits, not anchored nor berthed), and the totals. */
  async approaching(scope: AccessScope) {
    const { calls, more } = await this.calls.list({ status: 'arrived', limit: MAX_APPROACHING_CALLS }, scope);
    const answers: JitAdviceAnswer[] = [];
    for (const call of calls) answers.push(await this.adviceOf(call, scope));
    const advised = answers.flatMap((a) => (a.advice ? [a.advice] : []));
    return {
      asOf: answers.reduce<string | null>((m, a) => (a.asOf && (!m || a.asOf > m) ? a.asOf : m), null),
      source: JIT_ADVICE_SOURCE,
      callsApproaching: answers.length,
      callsAdvised: advised.length,
      truncated: more,
      fuelSavedT: r3(advised.reduce((s, a) => s + a.fuelSavedT, 0)),
      co2SavedT: r3(advised.reduce((s, a) => s + a.co2SavedT, 0)),
      calls: answers,
    };
  }

  private async adviceOf(call: VesselCallView, scope: AccessScope): Promise<JitAdviceAnswer> {
    const head = {
      callId: call.callId,
      vessel: call.vessel,
      status: call.status,
      port: call.port,
      source: JIT_ADVICE_SOURCE,
    };
    const body = await this.callAdvice(call, scope);
    return { ...head, ...body, port: body.port ?? call.port };
  }

  private async callAdvice(call: VesselCallView, scope: AccessScope): Promise<AdviceBody> {
    if (call.status !== 'arrived') {
      return noAdvice(
        call.status === 'at_anchor'
          ? 'at anchor: the ship already waits (GET /vessel-calls/{callId}/jit says what arriving just in time would have saved)'
          : 'the call has berthed or left: GET /vessel-calls/{callId}/jit says what arriving just in time would have saved',
      );
    }
    const approach = await this.eta.approach(call, scope);
    return typeof approach === 'string' ? noAdvice(approach) : this.adviceFrom(call, approach, scope);
  }

  /**
   * The advice from the ETA model's view of the vessel: its newest position and speed, and the berth window: the
   * later of the planned berthing (`vessel_schedule.etb`) and the berth the live queue of the scheduled terminal
   * frees for it (the queue-aware ETA, `EtaReader.queued`).
   */
  async adviceFrom(subject: ApproachSubject, approach: CallApproach, scope: AccessScope): Promise<AdviceBody> {
    const { prediction, schedule, terminal, fixes } = approach;
    const asOfMs = prediction.asOfMs;
    const at = { port: approach.port };
    if (prediction.method !== 'track' || asOfMs === null || prediction.toPilotNm === null) {
      return noAdvice(
        prediction.method === 'harbour'
          ? 'past the pilot boarding area: inside the harbour'
          : prediction.method === 'anchored'
            ? 'at anchor: the ship already waits'
            : 'no AIS position in the last 6 hours',
        asOfMs,
        at,
      );
    }
    const distanceToPilotNm = prediction.toPilotNm;
    const currentSpeedKn = recentSog(fixes);
    const seen = { ...at, distanceToPilotNm: r3(distanceToPilotNm), currentSpeedKn: r3(currentSpeedKn) };
    if (currentSpeedKn < MIN_MAKING_WAY_KN) {
      return noAdvice(`not making way (${r3(currentSpeedKn)} kn over the last 15 minutes)`, asOfMs, seen);
    }
    if (distanceToPilotNm <= 0) return noAdvice('at the pilot boarding area', asOfMs, seen);
    const queued = await this.eta.queued(approach, subject.vessel.imo, scope);
    const etbMs = schedule?.etb ? schedule.etb.getTime() : null;
    // The queue holds the ship only when it adds a wait; its berth time is then when a berth frees for it.
    const queueBerthMs = queued && queued.prediction.queueWaitH > 0 ? queued.prediction.berthMs : null;
    if (etbMs === null && queueBerthMs === null) {
      return noAdvice(
        queued
          ? 'no berth window: the vessel schedule states no planned berthing (etb) and the berth queue ahead frees a berth on arrival'
          : 'no berth window: the vessel schedule states no planned berthing (etb) and the berth queue is not modelled (no scheduled terminal with a berth count)',
        asOfMs,
        seen,
      );
    }
    const byQueue = queueBerthMs !== null && (etbMs === null || queueBerthMs > etbMs);
    const windowMs = byQueue ? queueBerthMs : etbMs!;
    const harbourTransitMs = prediction.berthMs - prediction.pilotMs;
    const berthWindow = {
      start: iso(windowMs),
      basis: byQueue ? ('berth queue' as const) : ('planned berthing' as const),
      terminal: terminal?.smdgCode ?? schedule?.terminal_code ?? null,
      statedAt: byQueue ? (queued!.view.asOf ?? iso(asOfMs)) : iso(new Date(schedule!.updated_at).getTime()),
      pilotBoardingAreaAt: iso(windowMs - harbourTransitMs),
      queueWaitH: queued ? r3(queued.prediction.queueWaitH) : null,
    };
    const vessel = await this.db
      .selectFrom('vessel')
      .select(['ship_type', 'length_m', 'beam_m'])
      .where('mmsi', '=', subject.vessel.mmsi)
      .where(visibleTo(scope, 'vessel'))
      .orderBy('static_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const estimate = estimateParticulars({
      aisShipType: vessel?.ship_type ?? null,
      lengthM: vessel?.length_m ?? null,
      beamM: vessel?.beam_m ?? null,
    });
    if (estimate.kind === 'none') return noAdvice(estimate.reason, asOfMs, { ...seen, berthWindow });
    const a: ApproachJitAdvice = approachJitAdvice({
      ship: estimate.ship,
      distanceNm: distanceToPilotNm,
      currentSpeedKn,
      nowMs: asOfMs,
      pilotStationAtMs: windowMs - harbourTransitMs,
    });
    return {
      asOf: iso(asOfMs),
      berthWindow,
      ...seen,
      particulars: 'estimated',
      advice: {
        advisedSpeedKn: r3(a.advisedSpeedKn),
        arrivalAtCurrentSpeed: iso(Math.round(a.arrivalAtCurrentMs)),
        advisedArrival: iso(Math.round(a.advisedArrivalMs)),
        slowDownAt: a.advisedSpeedKn < currentSpeedKn ? iso(asOfMs) : null,
        waitAtCurrentSpeedHours: r3(a.waitAtCurrentHours),
        remainingWaitHours: r3(a.remainingWaitHours),
        lateHours: r3(a.lateHours),
        fuelContinuingT: r3(a.continuing.fuelT),
        fuelAdvisedT: r3(a.advised.fuelT),
        co2ContinuingT: r3(a.continuing.co2T),
        co2AdvisedT: r3(a.advised.co2T),
        fuelSavedT: r3(a.fuelSavedT),
        co2SavedT: r3(a.co2SavedT),
        co2SavedPct: Math.round(a.co2SavedPct * 10) / 10,
      },
      reason: null,
    };
  }
}
