/**
 * Rolling-origin ETA backtest on a simulated run (issue 16): for every container call that arrives in the
 * run's window and berths before its end, and for every horizon h, the origin is truth − h (truth = the
 * simulated pilot boarding, or the simulated berthing) and the model is handed only what exists before the
 * origin: the ship's AIS positions (sampled each minute, as MarineCadastre publishes them), its last AIS
 * type 5 ETA, the carrier schedule, and the state of the other ships of its terminal at the last minute before
 * the origin (moored since, anchored since, under way; stays completed before the origin). `portViewAt`
 * is the only function that reads the tracks, and it reads no instant at or after the origin
 * (eta-backtest.test.ts replaces everything after an origin and gets the same forecasts). Pure.
 */
import type { TerminalRegistry } from '../../domain/terminal-registry.js';
import { masterEtaMs } from '../ais/master-eta.js';
import type { ContainerCall } from '../container-call.js';
import { capacityOf } from '../terminal-capacity.js';
import { fixOf, legIndexAt, NAV, type Track } from '../track.js';
import {
  etaIntervals,
  fitEtaErrorModel,
  type EtaErrorModel,
  type EtaResidual,
  type EtaTarget,
} from '../../forecast/eta/eta-intervals.js';
import {
  distanceOverSogEta,
  naturalArrival,
  predictEta,
  UNKNOWN_QUEUE,
  type AisFix,
  type BerthQueue,
  type EtaInput,
  type EtaPrediction,
} from '../../forecast/eta/vessel-eta.js';
import type { LatLon } from '../../forecast/eta/route-geometry.js';
import { approachGeometry } from '../../forecast/eta/san-pedro-bay-approach.js';
import type { AnchorageInput, QueueShip } from '../../forecast/anchorage/anchorage-queue.js';
import { berthQueueFor } from '../../forecast/anchorage/berth-queue.js';
import {
  blendedEta,
  blendResiduals,
  fitEtaBlend,
  type BlendTrainingPoint,
  type EtaBlendWeights,
} from '../../forecast/eta/eta-blend.js';
import { MINUTE, HOUR, DAY } from '../../domain/time-units.js';

const FIX_WINDOW_MS = 30 * MINUTE;
const STATIC_INTERVAL_MS = 6 * MINUTE;
const STAY_HISTORY_MS = 21 * DAY;
/** Crane hours per move before any stay has been observed (about 25 moves per crane-hour, 18 h a day). */
const DEFAULT_CRANE_MS_PER_MOVE = (HOUR / 25) * (24 / 18);
/** Lines, gangway and lashing around the crane work at berth (hours), and the turnaround gap after it. */
const BERTH_OVERHEAD_MS = 2.5 * HOUR;
const BERTH_GAP_MS = HOUR / 2;

export const ETA_HORIZONS_H = [1, 6, 24] as const;
export const ETA_LEVELS = [0.8, 0.95] as const;

/** The simulated run, as the backtest needs it: calls[i] sails tracks[i]. */
export interface EtaRun {
  readonly calls: readonly ContainerCall[];
  readonly tracks: readonly Track[];
  readonly startMs: number;
  readonly endMs: number;
}

function isMoored(track: Track, i: number): boolean {
  const leg = track.legs[i]!;
  return !leg.moving && leg.navStatus === NAV.moored;
}

/** AIS positions of a track on the minute grid within [origin − window, origin). */
export function observeTrack(track: Track, originMs: number, windowMs: number = FIX_WINDOW_MS): AisFix[] {
  const fixes: AisFix[] = [];
  const first = Math.ceil((originMs - windowMs) / MINUTE) * MINUTE;
  for (let t = first; t < originMs; t += MINUTE) {
    const i = legIndexAt(track.legs, t);
    if (i < 0) continue;
    const f = fixOf(track.legs[i]!, t);
    fixes.push({ tMs: t, lat: f.lat, lon: f.lon, sogKn: f.sogKn, navStatus: f.navStatus });
  }
  return fixes;
}

/**
 * The ETA of the latest AIS type 5 report before the origin: the master's ETA (ais/master-eta.ts) for a
 * container call, else the next berthing.
 */
export function broadcastEtaBefore(track: Track, originMs: number): number | null {
  const start = track.legs[0]?.startMs;
  if (start === undefined || start >= originMs) return null;
  const offset = (track.vessel.mmsi % 360) * 1000;
  const t = Math.floor((originMs - 1 - offset) / STATIC_INTERVAL_MS) * STATIC_INTERVAL_MS + offset;
  if (t < start) return null;
  const i = legIndexAt(track.legs, t);
  if (i < 0) return null;
  if (track.masterEta) return masterEtaMs(track.masterEta, t);
  for (let j = i; j < track.legs.length; j++) {
    const l = track.legs[j]!;
    if (isMoored(track, j) && l.startMs >= t) return Math.floor(l.startMs / MINUTE) * MINUTE;
  }
  return null;
}

export interface PortView {
  readonly input: EtaInput;
  readonly queue: BerthQueue;
  readonly broadcastEtaMs: number | null;
}

/** Everything the model may know about call `k` at `originMs`. */
export function portViewAt(run: EtaRun, registry: TerminalRegistry, k: number, originMs: number): PortView {
  const call = run.calls[k]!;
  const geometry = approachGeometry(call.port);
  const terminalAt = (code: string): LatLon => {
    const t = registry.byCode(code);
    if (!t) throw new Error(`terminal ${code} is not in the registry`);
    return { lat: t.lat, lon: t.lon };
  };
  const berth = terminalAt(call.terminal);
  const lastSeen = originMs - 1;
  // Crane time per move (berth stay less overhead, times cranes, over moves) of stays completed before the
  // origin; the moves and cranes of a call are known before it berths (stowage plan, terminal berth plan).
  const stays: number[] = [];
  const portStays: number[] = [];
  const moored: { since: number; call: ContainerCall }[] = [];
  const others: { input: EtaInput; anchoredSince: number | null; call: ContainerCall }[] = [];
  for (let i = 0; i < run.calls.length; i++) {
    const c = run.calls[i]!;
    if (c.port !== call.port) continue;
    const track = run.tracks[i]!;
    for (let j = 0; j < track.legs.length; j++) {
      const l = track.legs[j]!;
      if (isMoored(track, j) && l.endMs <= lastSeen && l.endMs > originMs - STAY_HISTORY_MS) {
        const perMove = ((l.endMs - l.startMs - BERTH_OVERHEAD_MS) * c.cranes) / c.moves;
        portStays.push(perMove);
        if (c.terminal === call.terminal) stays.push(perMove);
      }
    }
    if (i === k || c.terminal !== call.terminal) continue;
    const li = legIndexAt(track.legs, lastSeen);
    const started = (track.legs[0]?.startMs ?? Infinity) <= lastSeen;
    if (started && li < 0) continue; // gone
    if (li >= 0) {
      let departed = false;
      for (let j = 0; j < li; j++) if (isMoored(track, j)) departed = true;
      if (departed) continue;
      const leg = track.legs[li]!;
      if (isMoored(track, li)) {
        moored.push({ since: leg.startMs, call: c });
        continue;
      }
      const anchoredSince = !leg.moving && leg.navStatus === NAV.atAnchor ? leg.startMs : null;
      const input = { originMs, fixes: observeTrack(track, originMs), berth, scheduledArrivalMs: c.scheduledArrivalMs };
      others.push({ input, anchoredSince, call: c });
    } else {
      others.push({
        input: { originMs, fixes: [], berth, scheduledArrivalMs: c.scheduledArrivalMs },
        anchoredSince: null,
        call: c,
      });
    }
  }
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const perMove = stays.length > 0 ? mean(stays) : portStays.length > 0 ? mean(portStays) : DEFAULT_CRANE_MS_PER_MOVE;
  const stayOf = (c: ContainerCall): number => BERTH_OVERHEAD_MS + (perMove * c.moves) / c.cranes + BERTH_GAP_MS;
  const track = run.tracks[k]!;
  const input: EtaInput = {
    originMs,
    fixes: observeTrack(track, originMs),
    berth,
    scheduledArrivalMs: call.scheduledArrivalMs,
  };
  // First come, first served: order by arrival off the port (anchored: when it anchored; else its natural
  // arrival at the pilot area).
  const own = naturalArrival(input, geometry);
  const ownAnchorLeg = track.legs[legIndexAt(track.legs, lastSeen)];
  const orderKey = (n: ReturnType<typeof naturalArrival>, anchoredSince: number | null): number =>
    anchoredSince ?? (n === null ? Infinity : n.method === 'harbour' ? -Infinity : n.pilotMs);
  const ownKey = orderKey(
    own,
    ownAnchorLeg !== undefined && !ownAnchorLeg.moving && ownAnchorLeg.navStatus === NAV.atAnchor
      ? ownAnchorLeg.startMs
      : null,
  );
  // The terminal's queue as the anchorage queue model holds it, cut to this call by the function the route uses.
  const ships: QueueShip[] = [];
  for (const o of others) {
    const n = naturalArrival(o.input, geometry);
    if (n === null) continue;
    const arrivalMs = orderKey(n, o.anchoredSince);
    ships.push({ terminal: call.terminal, id: o.call.id, arrivalMs, readyMs: n.berthMs, stayMs: stayOf(o.call) });
  }
  const terminalQueue: AnchorageInput = {
    originMs,
    terminals: [
      {
        terminal: call.terminal,
        berths: capacityOf(call.terminal).berths,
        occupiedUntilMs: moored.map((m) => m.since + stayOf(m.call)),
      },
    ],
    ships,
    anchorToBerthMs: 0,
  };
  const queue = berthQueueFor(terminalQueue, { terminal: call.terminal, id: call.id, arrivalMs: ownKey }, () => 1)!;
  return { input, queue, broadcastEtaMs: broadcastEtaBefore(track, originMs) };
}

export interface EtaBacktestPoint {
  readonly callId: string;
  readonly target: EtaTarget;
  readonly horizonH: number;
  readonly actualMs: number;
  readonly model: EtaPrediction | null;
  readonly ownEtaMs: number | null;
  readonly distanceOverSogMs: number | null;
  readonly scheduleMs: number | null;
}

/** Calls that arrive in the window and berth before its end. */
export function scoredCalls(run: EtaRun): number[] {
  const out: number[] = [];
  run.calls.forEach((c, i) => {
    if (c.arrivalMs >= run.startMs && c.berthedMs < run.endMs) out.push(i);
  });
  return out;
}

/**
 * @param queue `modelled`: the model sees the berth queue of its terminal (`portViewAt`), as
 *   `GET /forecasts/eta/{callId}` does, whose intervals are calibrated this way; `unknown`: it does not
 *   (`UNKNOWN_QUEUE`), as the route for a terminal without a berth count.
 */
export function runEtaBacktest(
  run: EtaRun,
  registry: TerminalRegistry,
  queue: 'modelled' | 'unknown' = 'modelled',
): EtaBacktestPoint[] {
  const points: EtaBacktestPoint[] = [];
  for (const k of scoredCalls(run)) {
    const call = run.calls[k]!;
    const geometry = approachGeometry(call.port);
    for (const target of ['pilot', 'berth'] as const) {
      const actualMs = target === 'pilot' ? call.pilotOnMs : call.berthedMs;
      for (const horizonH of ETA_HORIZONS_H) {
        const originMs = actualMs - horizonH * HOUR;
        const view = portViewAt(run, registry, k, originMs);
        const model = predictEta(view.input, queue === 'modelled' ? view.queue : UNKNOWN_QUEUE, geometry);
        const sog = distanceOverSogEta(view.input, geometry);
        const schedule = naturalArrival({ ...view.input, fixes: [] }, geometry);
        const pick = (x: { pilotMs: number; berthMs: number } | null): number | null =>
          x === null ? null : target === 'pilot' ? x.pilotMs : x.berthMs;
        points.push({
          callId: call.id,
          target,
          horizonH,
          actualMs,
          model,
          ownEtaMs: view.broadcastEtaMs,
          distanceOverSogMs: pick(sog),
          scheduleMs: pick(schedule),
        });
      }
    }
  }
  return points;
}

export function residualsOf(points: readonly EtaBacktestPoint[]): EtaResidual[] {
  const out: EtaResidual[] = [];
  for (const p of points) {
    if (p.model === null) continue;
    const forecast = p.target === 'pilot' ? p.model.pilotMs : p.model.berthMs;
    out.push({
      target: p.target,
      method: p.model.method,
      leadH: (forecast - (p.actualMs - p.horizonH * HOUR)) / HOUR,
      errorMin: (p.actualMs - forecast) / MINUTE,
    });
  }
  return out;
}

export interface EtaScore {
  readonly n: number;
  /** Mean absolute error, minutes (null: no forecast). */
  readonly maeMin: number | null;
}

export interface EtaHorizonScore {
  readonly target: EtaTarget;
  readonly horizonH: number;
  readonly model: EtaScore & {
    readonly coverage: Readonly<Record<string, number>>;
    readonly coverageN: number;
    readonly methods: Readonly<Record<string, number>>;
  };
  readonly ownEta: EtaScore;
  /** The model with the own ETA blended in (weights fitted on another run), the model alone where none;
   * coverage of the blend's own intervals over the forecasts with an own ETA. */
  readonly blend: EtaScore & { readonly coverage: Readonly<Record<string, number>>; readonly coverageN: number };
  readonly distanceOverSog: EtaScore;
  readonly schedule: EtaScore;
}

function score(pairs: readonly (readonly [number, number | null])[]): EtaScore {
  const ok = pairs.filter((p): p is readonly [number, number] => p[1] !== null);
  if (ok.length === 0) return { n: 0, maeMin: null };
  return { n: ok.length, maeMin: ok.reduce((s, [a, f]) => s + Math.abs(a - f), 0) / ok.length / MINUTE };
}

/** The points with a model forecast and an own ETA, as training points of the blend. */
export function blendTrainingPoints(points: readonly EtaBacktestPoint[]): BlendTrainingPoint[] {
  const out: BlendTrainingPoint[] = [];
  for (const p of points) {
    if (p.model === null || p.ownEtaMs === null) continue;
    const originMs = p.actualMs - p.horizonH * HOUR;
    out.push({ target: p.target, originMs, model: p.model, ownEtaMs: p.ownEtaMs, actualMs: p.actualMs });
  }
  return out;
}

const NO_BLEND: EtaBlendWeights = { weights: {} };

/**
 * MAE per target and horizon for the model, the blend and the baselines; interval coverage from `errors`.
 * `blend`: weights of the own ETA fitted on another run (without: the blend is the model).
 */
export function scoreEtaBacktest(
  points: readonly EtaBacktestPoint[],
  errors: EtaErrorModel,
  blend: EtaBlendWeights = NO_BLEND,
  blendErrors: EtaErrorModel = { groups: {} },
): EtaHorizonScore[] {
  const out: EtaHorizonScore[] = [];
  for (const target of ['pilot', 'berth'] as const) {
    for (const horizonH of ETA_HORIZONS_H) {
      const ps = points.filter((p) => p.target === target && p.horizonH === horizonH);
      const forecastOf = (m: EtaPrediction): number => (target === 'pilot' ? m.pilotMs : m.berthMs);
      const inside = new Map<number, number>();
      let coverageN = 0;
      const methods: Record<string, number> = {};
      for (const p of ps) {
        if (p.model === null) continue;
        methods[p.model.method] = (methods[p.model.method] ?? 0) + 1;
        const f = forecastOf(p.model);
        const leadH = (f - (p.actualMs - horizonH * HOUR)) / HOUR;
        const ivs = etaIntervals(errors, target, p.model.method, leadH, ETA_LEVELS);
        if (ivs.length === 0) continue;
        coverageN++;
        const e = (p.actualMs - f) / MINUTE;
        for (const iv of ivs) {
          inside.set(iv.level, (inside.get(iv.level) ?? 0) + (e >= iv.lowerMin && e <= iv.upperMin ? 1 : 0));
        }
      }
      const blendInside = new Map<number, number>();
      let blendN = 0;
      for (const p of ps) {
        if (p.model === null || p.ownEtaMs === null) continue;
        const originMs = p.actualMs - horizonH * HOUR;
        const f = blendedEta(blend, target, p.model, p.ownEtaMs, originMs);
        const ivs = etaIntervals(blendErrors, target, p.model.method, (f - originMs) / HOUR, ETA_LEVELS);
        if (ivs.length === 0) continue;
        blendN++;
        const e = (p.actualMs - f) / MINUTE;
        for (const iv of ivs) {
          blendInside.set(iv.level, (blendInside.get(iv.level) ?? 0) + (e >= iv.lowerMin && e <= iv.upperMin ? 1 : 0));
        }
      }
      out.push({
        target,
        horizonH,
        model: {
          ...score(ps.map((p) => [p.actualMs, p.model === null ? null : forecastOf(p.model)] as const)),
          coverage: Object.fromEntries([...inside].map(([l, k]) => [String(l), k / coverageN])),
          coverageN,
          methods,
        },
        ownEta: score(ps.map((p) => [p.actualMs, p.ownEtaMs] as const)),
        blend: {
          ...score(
            ps.map(
              (p) =>
                [
                  p.actualMs,
                  p.model === null
                    ? null
                    : blendedEta(blend, target, p.model, p.ownEtaMs, p.actualMs - horizonH * HOUR),
                ] as const,
            ),
          ),
          coverage: Object.fromEntries([...blendInside].map(([l, k]) => [String(l), k / blendN])),
          coverageN: blendN,
        },
        distanceOverSog: score(ps.map((p) => [p.actualMs, p.distanceOverSogMs] as const)),
        schedule: score(ps.map((p) => [p.actualMs, p.scheduleMs] as const)),
      });
    }
  }
  return out;
}

export interface EtaBacktestStudyPart {
  readonly scenario: string;
  readonly arrivals: number;
  readonly calibrationArrivals: number;
  /** The own ETA's weight per target/method/lead bucket, fitted on the calibration run. */
  readonly blend: EtaBlendWeights;
  readonly scores: readonly EtaHorizonScore[];
}

/**
 * Calibrates the intervals and fits the blend weights on `calibration`, scores on `test` (two runs with
 * different seeds: the blend learns nothing of the run it is scored on).
 */
export function etaStudyPart(
  scenario: string,
  calibration: EtaRun,
  test: EtaRun,
  registry: TerminalRegistry,
): EtaBacktestStudyPart {
  const training = runEtaBacktest(calibration, registry);
  const errors = fitEtaErrorModel(residualsOf(training));
  const blendPoints = blendTrainingPoints(training);
  const blend = fitEtaBlend(blendPoints);
  const blendErrors = fitEtaErrorModel(blendResiduals(blend, blendPoints));
  return {
    scenario,
    arrivals: scoredCalls(test).length,
    calibrationArrivals: scoredCalls(calibration).length,
    blend,
    scores: scoreEtaBacktest(runEtaBacktest(test, registry), errors, blend, blendErrors),
  };
}
