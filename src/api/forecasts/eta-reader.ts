/**
 * `GET /forecasts/eta/{callId}` (issue 16, docs/forecast.md): builds the ETA model's port view of one call from
 * the read models and runs `predictEta` (src/forecast/eta/vessel-eta.ts).
 *
 * - The call: `vessel_call`, as the caller may see it (the same 404 as `GET /vessel-calls/{callId}`).
 * - Positions: the call's vessel's AIS track (`vessel_track`, one point per minute) in the 6 hours before and
 *   up to its newest point, rows the caller may see. The forecast is made as of that newest position
 *   (`asOf`): the origin is one millisecond after it, so the model sees every position and nothing later.
 * - Schedule: the newest `vessel_schedule` row of the vessel's IMO number at the call's port that has not
 *   berthed yet, of the rows each call's speaking sender stated first (stated-schedule.ts), gives the carrier's ETA
 *   (used when no fresh position exists) and the terminal (its registry position is the berth); without one, the
 *   inner end of the harbour fairway stands for the berth. The answer says who stated it and as of when (`schedule`).
 * - Berth queue: the live queue of the call's terminal as of the origin, from the one reader of it
 *   (`AnchorageQueueReader.liveQueue`, the input of `GET /forecasts/anchorage-queue`, built only from what the
 *   caller may see: positions at anchor the caller may see, community schedules), cut to this call by
 *   forecast/anchorage/berth-queue.ts: the terminal's berths, the expected departures of the ships moored there,
 *   and the ships of the terminal that joined the line before this one (at anchor since earlier, or due earlier by
 *   their schedule), the call's own ship left out. The answer states it (`queue`) and the wait it adds
 *   (`queueWaitH`); `queue: null` when the call has no scheduled terminal with a berth count.
 * - Intervals: 80 % and 95 %, the empirical residual quantiles of the shipped error model
 *   (data-static/forecast/eta-error-model.json: the simulator backtest with the berth queue modelled, as here) for
 *   the target, method and lead (forecast − origin); none when the model has too few residuals for it.
 * - Own broadcast ETA (`ownEta`): the ETA of the vessel's AIS type 5 reports as the registry keeps it
 *   (`vessel.own_eta`, year resolved by domain/reported-eta.ts; migration 0023), from the newest report the caller
 *   may see that stated one, with the time of that report (`reportedAt`); null when none did.
 * - With the own ETA (`forecast.withOwnEta`): the forecast with the ship's own ETA blended in (eta/eta-blend.ts),
 *   the weights of the shipped calibration file (fitted on the same simulator backtest, berth queue modelled), with
 *   80 % and 95 % intervals from the residuals of that blend on the same backtest (`blendGroups`, split conformal as
 *   the model's). Null without an own ETA.
 * A call already at berth (or gone) is answered with its actual times, no forecast.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import type { Terminal, TerminalRegistry } from '../../domain/terminal-registry.js';
import { blendedEta, blendWeight } from '../../forecast/eta/eta-blend.js';
import { etaIntervals, type EtaErrorModel, type EtaTarget } from '../../forecast/eta/eta-intervals.js';
import type { LatLon } from '../../forecast/eta/route-geometry.js';
import { approachGeometry, isApproachPort, type ApproachPort } from '../../forecast/eta/san-pedro-bay-approach.js';
import { berthQueueFor } from '../../forecast/anchorage/berth-queue.js';
import { MAX_QUEUE_DAYS } from '../../forecast/anchorage/queue-horizon.js';
import { berthsOf } from '../../forecast/anchorage/terminal-berths.js';
import {
  predictEta,
  STALE_MS,
  UNKNOWN_QUEUE,
  type AisFix,
  type ApproachGeometry,
  type EtaInput,
  type EtaPrediction,
} from '../../forecast/eta/vessel-eta.js';
import type { DB, VesselScheduleTable } from '../../store/schema.js';
import { VesselCallReader } from '../vessels/vessel-call-reader.js';
import type { AnchorageQueueReader } from './anchorage-queue-reader.js';
import type { VesselCallView } from '../vessels/vessel-call-view.js';
import { statedSchedule } from './stated-schedule.js';
import { MINUTE, HOUR } from '../../domain/time-units.js';

const SOURCE = 'openpcs ETA model (docs/forecast.md) over AIS positions (vessel_track) and vessel_schedule';
const iso = (ms: number): string => new Date(ms).toISOString();

/** A prediction interval of an ETA: the instants between which the arrival falls with probability `level`. */
export interface EtaIntervalView {
  readonly level: number;
  readonly lower: string;
  readonly upper: string;
}
export const ETA_INTERVAL_LEVELS = [0.8, 0.95] as const;

export interface EtaForecastView {
  readonly method: 'track' | 'anchored' | 'harbour' | 'schedule';
  readonly pilotBoardingArea: { readonly eta: string; readonly intervals: EtaIntervalView[] };
  readonly berth: { readonly eta: string; readonly intervals: EtaIntervalView[] };
  readonly toPilotNm: number | null;
  /** The berth queue the forecast saw; null when not modelled (no scheduled terminal with a berth count). */
  readonly queue: EtaQueueView | null;
  readonly queueWaitH: number;
  readonly berthLocation: 'terminal' | 'inner fairway';
  readonly terminal: string | null;
  /** The schedule row the forecast used: its sender, when that sender's newest event of the call was recorded, and
   * whether the sender speaks for the call (stated-schedule.ts); null when no schedule was used. */
  readonly schedule: ScheduleUsedView | null;
  /** The forecast with the ship's own ETA blended in (weight of the own ETA at the pilot area); null without one. */
  readonly withOwnEta: {
    readonly pilotBoardingArea: string;
    readonly berth: string;
    readonly weight: number;
    /** 80% and 95% intervals around the blend, from the blend's own residuals (eta/eta-blend.ts). */
    readonly pilotIntervals: EtaIntervalView[];
    readonly berthIntervals: EtaIntervalView[];
  } | null;
}

export interface ScheduleUsedView {
  readonly statedBy: string;
  readonly asOf: string;
  readonly speaksForCall: boolean;
}

/** The berth queue of the call's terminal as the forecast saw it. */
export interface EtaQueueView {
  readonly terminal: string;
  readonly berths: number;
  /** Expected departure of each ship moored at the terminal. */
  readonly occupiedUntil: string[];
  /** The ships of the terminal ahead of this one: when each could be alongside, and its expected berth time. */
  readonly shipsAhead: { readonly readyAt: string; readonly stayH: number }[];
  /** Newest fact the queue was built from (position of a ship at anchor, schedule statement); null: none. */
  readonly asOf: string | null;
}

export interface EtaAnswer {
  readonly callId: string;
  readonly status: VesselCallView['status'];
  readonly port: string | null;
  /** Time of the newest position used (or of the schedule statement); null when nothing was used. */
  readonly asOf: string | null;
  readonly source: string;
  readonly forecast: EtaForecastView | null;
  /** Why there is no forecast, when there is none. */
  readonly reason: string | null;
  readonly actual: { readonly atb: string | null; readonly atd: string | null; readonly atdPort: string | null } | null;
  /** The ETA the ship itself broadcasts (AIS type 5), with the time of the report that stated it. */
  readonly ownEta: OwnEta | null;
}

export interface OwnEta {
  readonly at: string;
  readonly reportedAt: string;
}

/** What the ETA model saw of a call and what it predicted (no berth queue: `prediction` is unhindered). */
export interface CallApproach {
  /** The call's port, else its schedule's (UN/LOCODE). */
  readonly port: ApproachPort;
  /** The call's vessel's positions the caller may see, oldest first. */
  readonly fixes: readonly AisFix[];
  readonly originMs: number;
  /** The newest schedule statement of the vessel at the port not yet berthed (carrier ETA, planned berthing). */
  readonly schedule: ScheduleRow | undefined;
  readonly terminal: Terminal | undefined;
  readonly input: EtaInput;
  readonly geometry: ApproachGeometry;
  readonly prediction: EtaPrediction;
}

type ScheduleRow = Pick<
  Selectable<VesselScheduleTable>,
  'terminal_code' | 'un_location_code' | 'eta' | 'etb' | 'updated_at' | 'source_org'
> & { readonly speaks_for: boolean };
export const SAN_PEDRO_BAY_PORTS: readonly ApproachPort[] = ['USLAX', 'USLGB'];

/** Whose approach: a call's vessel and port, or a vessel not yet in a call (port null: either San Pedro Bay port). */
export interface ApproachSubject {
  readonly vessel: { readonly mmsi: string; readonly imo: string | null };
  readonly port: string | null;
}

export class EtaReader {
  private readonly calls: VesselCallReader;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly registry: TerminalRegistry,
    private readonly errors: EtaErrorModel & {
      readonly blend: Readonly<Record<string, number>>;
      /** The error model of the blend (residuals of `blendedEta`), for the intervals of `withOwnEta`. */
      readonly blendErrors: EtaErrorModel;
    },
    /** The live berth queues; without it none is modelled. */
    private readonly queues?: AnchorageQueueReader,
  ) {
    this.calls = new VesselCallReader(db);
  }

  /** Undefined when the call does not exist or the caller may not see it. */
  async eta(callId: string, scope: AccessScope): Promise<EtaAnswer | undefined> {
    const call = await this.calls.get(callId, scope);
    if (!call) return undefined;
    const ownEta = await this.ownEta(call.vessel.mmsi, scope);
    const base = { callId, status: call.status, port: call.port, source: SOURCE, ownEta } as const;
    if (call.atb !== null || call.status === 'departed') {
      return {
        ...base,
        asOf: call.atdPort ?? call.atd ?? call.atb,
        forecast: null,
        reason: 'the call has berthed or left: actual times',
        actual: { atb: call.atb, atd: call.atd, atdPort: call.atdPort },
      };
    }
    const none = (reason: string, asOf: string | null = null): EtaAnswer => ({
      ...base,
      asOf,
      forecast: null,
      reason,
      actual: null,
    });
    const approach = await this.approach(call, scope);
    if (typeof approach === 'string') return none(approach);
    const { originMs, schedule, terminal } = approach;
    const queued = await this.queued(approach, call.vessel.imo, scope);
    const prediction = queued?.prediction ?? approach.prediction;
    const asOfMs = prediction.asOfMs ?? (schedule ? schedule.updated_at.getTime() : null);
    const intervals = (target: EtaTarget, etaMs: number, errors: EtaErrorModel = this.errors): EtaIntervalView[] =>
      etaIntervals(errors, target, prediction.method, (etaMs - originMs) / HOUR, ETA_INTERVAL_LEVELS).map((iv) => ({
        level: iv.level,
        lower: iso(etaMs + iv.lowerMin * MINUTE),
        upper: iso(etaMs + iv.upperMin * MINUTE),
      }));
    const ownMs = ownEta === null ? null : Date.parse(ownEta.at);
    const blend = { weights: this.errors.blend };
    const withOwnEta = ((): EtaForecastView['withOwnEta'] => {
      if (ownMs === null) return null;
      const pilotMs = blendedEta(blend, 'pilot', prediction, ownMs, originMs);
      const berthMs = blendedEta(blend, 'berth', prediction, ownMs, originMs);
      return {
        pilotBoardingArea: iso(pilotMs),
        berth: iso(berthMs),
        weight: blendWeight(blend, 'pilot', prediction.method, (prediction.pilotMs - originMs) / HOUR),
        pilotIntervals: intervals('pilot', pilotMs, this.errors.blendErrors),
        berthIntervals: intervals('berth', berthMs, this.errors.blendErrors),
      };
    })();
    return {
      ...base,
      asOf: asOfMs === null ? null : iso(asOfMs),
      forecast: {
        method: prediction.method,
        pilotBoardingArea: { eta: iso(prediction.pilotMs), intervals: intervals('pilot', prediction.pilotMs) },
        berth: { eta: iso(prediction.berthMs), intervals: intervals('berth', prediction.berthMs) },
        toPilotNm: prediction.toPilotNm === null ? null : Math.round(prediction.toPilotNm * 100) / 100,
        queue: queued?.view ?? null,
        queueWaitH: Math.round(prediction.queueWaitH * 100) / 100,
        berthLocation: terminal ? 'terminal' : 'inner fairway',
        terminal: terminal?.smdgCode ?? null,
        schedule: schedule
          ? {
              statedBy: schedule.source_org,
              asOf: iso(schedule.updated_at.getTime()),
              speaksForCall: schedule.speaks_for,
            }
          : null,
        withOwnEta,
      },
      reason: null,
      actual: null,
    };
  }

  /**
   * The ETA model's view of a call not yet at berth: its positions, schedule, berth and the unhindered prediction
   * (no queue); a string says why there is none. Shared with the live just-in-time advice
   * (api/emissions/jit-advice-reader.ts), so both answer from the same position, schedule and geometry. With
   * `at`, only the positions at or before it are used (the vessel as it was then).
   */
  async approach(call: ApproachSubject, scope: AccessScope, at?: Date): Promise<CallApproach | string> {
    const schedule = await this.schedule(call);
    // Inside the port limits but short of a pilot area or berth the detector does not know the port yet; the
    // carrier's schedule of the vessel does.
    const port = call.port ?? schedule?.un_location_code ?? null;
    if (!isApproachPort(port)) return 'no approach geometry for this port (San Pedro Bay ports only)';
    const fixes = await this.track(call.vessel.mmsi, scope, at);
    const last = fixes[fixes.length - 1];
    const originMs = last === undefined ? Date.now() : last.tMs + 1;
    const terminal = schedule?.terminal_code ? this.registry.byCode(schedule.terminal_code) : undefined;
    const geometry = approachGeometry(port);
    const berth: LatLon = terminal
      ? { lat: terminal.lat, lon: terminal.lon }
      : geometry.fairway[geometry.fairway.length - 1]!;
    const prediction = predictEta(
      { originMs, fixes, berth, scheduledArrivalMs: schedule?.eta?.getTime() ?? null },
      UNKNOWN_QUEUE,
      geometry,
    );
    if (prediction === null) return 'no AIS position in the last 6 hours and no scheduled arrival';
    const input = { originMs, fixes, berth, scheduledArrivalMs: schedule?.eta?.getTime() ?? null };
    return { port, fixes, originMs, schedule, terminal, input, geometry, prediction };
  }

  /**
   * The forecast with the live berth queue of the call's terminal as of the origin; undefined when not modelled
   * (no reader, no terminal, a terminal without a berth count). Shared with the live just-in-time advice.
   */
  async queued(
    approach: CallApproach,
    imo: string | null,
    scope: AccessScope,
  ): Promise<{ prediction: EtaPrediction; view: EtaQueueView } | undefined> {
    const { terminal, originMs, prediction } = approach;
    if (!this.queues || !terminal || berthsOf(terminal.smdgCode) === undefined) return undefined;
    const live = await this.queues.liveQueue(MAX_QUEUE_DAYS, scope, new Date(originMs));
    // First come first served: the line is joined when anchoring (the ship at anchor now: since when), else on
    // arrival at the pilot boarding area.
    const anchoredSince =
      prediction.method === 'anchored'
        ? (live.anchored.find((a) => a.imo !== undefined && a.imo === imo)?.sinceMs ?? anchoredSinceOf(approach.fixes))
        : null;
    const queue = berthQueueFor(
      live.input,
      { terminal: terminal.smdgCode, id: imo, arrivalMs: anchoredSince ?? prediction.pilotMs },
      berthsOf,
    );
    if (queue === null) return undefined;
    const queuedPrediction = predictEta(approach.input, queue, approach.geometry) ?? prediction;
    return {
      prediction: queuedPrediction,
      view: {
        terminal: terminal.smdgCode,
        berths: queue.berths,
        occupiedUntil: queue.occupiedUntilMs.map(iso),
        shipsAhead: queue.ahead.map((a) => ({
          readyAt: iso(a.naturalBerthMs),
          stayH: Math.round((a.stayMs / HOUR) * 100) / 100,
        })),
        asOf: live.asOfMs === null ? null : iso(live.asOfMs),
      },
    };
  }

  /** The broadcast ETA of the newest visible registry row of the vessel that holds one. */
  private async ownEta(mmsi: string, scope: AccessScope): Promise<OwnEta | null> {
    const row = await this.db
      .selectFrom('vessel')
      .select(['own_eta', 'own_eta_reported_at'])
      .where('mmsi', '=', mmsi)
      .where('own_eta', 'is not', null)
      .where(visibleTo(scope, 'vessel'))
      .orderBy('own_eta_reported_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row?.own_eta || !row.own_eta_reported_at) return null;
    return { at: iso(new Date(row.own_eta).getTime()), reportedAt: iso(new Date(row.own_eta_reported_at).getTime()) };
  }

  /** The vessel's positions in the STALE_MS before its newest one the caller may see (at or before `at`), oldest first. */
  private async track(mmsi: string, scope: AccessScope, at?: Date): Promise<AisFix[]> {
    let newestQuery = this.db
      .selectFrom('vessel_track')
      .select(sql<Date>`max(observed_at)`.as('t'))
      .where('mmsi', '=', mmsi)
      .where(visibleTo(scope, 'vessel_track'));
    if (at) newestQuery = newestQuery.where('observed_at', '<=', at);
    const newest = await newestQuery.executeTakeFirst();
    const t = newest?.t ?? null;
    if (t === null) return [];
    const newestMs = new Date(t).getTime();
    const rows = await this.db
      .selectFrom('vessel_track')
      .select(['minute', 'observed_at', 'lat', 'lon', 'sog_kn', 'nav_status'])
      .distinctOn(['minute'])
      .where('mmsi', '=', mmsi)
      .where(visibleTo(scope, 'vessel_track'))
      .where('observed_at', '>=', new Date(newestMs - STALE_MS))
      .where('observed_at', '<=', new Date(newestMs))
      .orderBy('minute')
      .orderBy('observed_at')
      .execute();
    return rows.map((r) => ({
      tMs: new Date(r.observed_at).getTime(),
      lat: r.lat,
      lon: r.lon,
      sogKn: r.sog_kn ?? 0,
      navStatus: r.nav_status ?? 15,
    }));
  }

  /** The call's port's newest schedule statement not yet berthed; either San Pedro Bay port while the port is unknown. */
  private async schedule(call: ApproachSubject): Promise<ScheduleRow | undefined> {
    if (call.vessel.imo === null) return undefined;
    return this.db
      .selectFrom(statedSchedule(this.db, { imos: [call.vessel.imo] }))
      .select(['terminal_code', 'un_location_code', 'eta', 'etb', 'updated_at', 'source_org', 'speaks_for'])
      .where('vessel_imo_number', '=', call.vessel.imo)
      .where('un_location_code', 'in', call.port === null ? SAN_PEDRO_BAY_PORTS : [call.port])
      .where('atb', 'is', null)
      .orderBy('speaks_for', 'desc')
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
}

/** Time of the first of the trailing positions at anchor (navigational status 1); null when the newest is not. */
function anchoredSinceOf(fixes: readonly AisFix[]): number | null {
  let since: number | null = null;
  for (let i = fixes.length - 1; i >= 0 && fixes[i]!.navStatus === 1; i--) since = fixes[i]!.tMs;
  return since;
}
