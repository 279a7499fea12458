/**
 * Runs a simulation live: at each step it asks the simulated clock (`sim-clock.ts`) what is due, and sends
 * that window — the AIS lines to the TCP server, the parties' messages through the feeder — before the next
 * (the messages on a chain of their own that may trail the AIS by `maxCargoLagMs`).
 * A window is at most `maxWindowMs` long, so a backfill (or `speed: 'max'`) goes out in steps whose pace
 * the product sets (TCP backpressure, HTTP answers). Windows are adjacent and in order: the run sends each
 * line and message once. The only clock read is `now`, given by the caller. Aborting `signal` ends the run
 * quietly (no error): it resolves with the instant of the last window sent whole.
 */
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { HOUR } from '../../domain/time-units.js';
import { AisReporter } from '../ais/ais-reporter.js';
import { nextWindow, simulatedAt, wallMsUntil, type LiveClockPlan } from '../sim-clock.js';
import type { SimMessageSource } from '../sim-message.js';
import type { SimRun } from '../simulate.js';
import type { TelemetrySource } from '../equipment/equipment-telemetry.js';
import type { TelemetryPublisher } from './mqtt-telemetry-publisher.js';
import type { AisTcpServer } from './ais-tcp-server.js';
import type { SimFeeder } from './http-feeder.js';

export interface LiveRunOptions {
  readonly run: SimRun;
  readonly plan: LiveClockPlan;
  /** Where the AIS lines go (omit: no AIS). */
  readonly ais?: AisTcpServer | undefined;
  /** The parties' messages (omit or leave the feeder out: none are sent). */
  readonly messages?: SimMessageSource | undefined;
  readonly feeder?: SimFeeder | undefined;
  /** Equipment and charger telemetry and where it goes (MQTT; omit either: none is sent). */
  readonly telemetry?: TelemetrySource | undefined;
  readonly telemetryPublisher?: TelemetryPublisher | undefined;
  /** Longest window sent in one step (simulated ms; default 5 minutes). */
  readonly maxWindowMs?: number | undefined;
  /**
   * How far (simulated ms) the AIS may run ahead of the parties' messages, which go out on a chain of their own
   * (default 6 hours): the ships do not wait while a window's boxes are prepared.
   */
  readonly maxCargoLagMs?: number | undefined;
  /**
   * Wall ms to pause at least after each slice of a window's preparation, and at least as long as the slice took
   * (default 0: no pause, only let pending callbacks run). A server feeding itself sets it so that its own work
   * (ingesting the AIS, catching its read models up, answering) keeps half of the one event loop while the boxes
   * of the warm-up calls are generated.
   */
  readonly preparePauseMs?: number | undefined;
  /** Longest wait between steps when nothing is due (wall ms; default 1 s). */
  readonly maxIdleMs?: number | undefined;
  readonly now?: (() => number) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Called after each window with the simulated instant reached and whether the backfill is over. */
  readonly onWindow?: ((reachedMs: number, caughtUp: boolean) => void) | undefined;
  /** Called when a window's messages needed slices of preparation (a call's boxes each), with their count. */
  readonly onPrepared?: ((slices: number, window: { fromMs: number; toMs: number }) => void) | undefined;
}

export interface LiveRunResult {
  readonly reachedMs: number;
  readonly aisLines: number;
  readonly messages: number;
  readonly telemetry: number;
}

export async function runLive(options: LiveRunOptions): Promise<LiveRunResult> {
  const { plan, signal } = options;
  const now = options.now ?? Date.now;
  const maxWindowMs = options.maxWindowMs ?? 300_000;
  const maxIdleMs = options.maxIdleMs ?? 1000;
  const maxCargoLagMs = options.maxCargoLagMs ?? 6 * HOUR;
  const preparePauseMs = options.preparePauseMs ?? 0;
  const reporter = new AisReporter(options.run.tracks, { positionEveryS: options.run.scenario.aisPositionEveryS });
  const { ais, feeder, messages: source } = options;
  let cursor = plan.simStartMs;
  let aisLines = 0;
  let messages = 0;
  let telemetry = 0;
  // The parties' messages go out in window order on a chain of their own, behind the AIS by at most
  // maxCargoLagMs: preparing a window's boxes can take minutes of slices (the warm-up calls of a first window),
  // and the ships must not wait for it.
  let cargoChain: Promise<void> = Promise.resolve();
  let cargoReachedMs = plan.simStartMs;
  let cargoFailed = false;
  const sendCargo = async (window: { fromMs: number; toMs: number }): Promise<void> => {
    if (!feeder || !source || signal?.aborted) return;
    // The source's work for the window in slices, the event loop running between them: a server feeding itself
    // (`serve` with the simulator) keeps answering, and the AIS keeps flowing, while the window is built.
    let slices = 0;
    for (;;) {
      const sliceStartMs = performance.now();
      if (!source.prepare?.(window.fromMs, window.toMs) || signal?.aborted) break;
      slices++;
      // At least as long a pause as the slice took: the preparation takes at most half of the event loop.
      const pauseMs = preparePauseMs > 0 ? Math.max(preparePauseMs, performance.now() - sliceStartMs) : 0;
      await (pauseMs > 0 ? sleep(pauseMs) : yieldToLoop());
    }
    if (signal?.aborted) return;
    if (slices > 0) options.onPrepared?.(slices, window);
    const batch = source.messagesIn(window.fromMs, window.toMs);
    messages += batch.length;
    await feeder.send(batch);
    cargoReachedMs = window.toMs;
  };
  const awaitCargo = async (): Promise<void> => {
    try {
      await cargoChain;
    } catch (error) {
      // Stopped while a window was going out (a fetch or a wait cut short): the window counts as not sent.
      if (!signal?.aborted) throw error;
    }
  };
  while (cursor < plan.simEndMs && !signal?.aborted && !cargoFailed) {
    const due = simulatedAt(plan, now());
    const window = nextWindow(cursor, due, maxWindowMs);
    if (!window) {
      const wait = Math.min(maxIdleMs, Math.max(1, wallMsUntil(plan, cursor + 1000, now())));
      try {
        await sleep(wait, undefined, signal ? { signal } : undefined);
      } catch {
        break; // aborted
      }
      continue;
    }
    if (window.fromMs - cargoReachedMs > maxCargoLagMs) await awaitCargo();
    try {
      if (ais) {
        const lines = reporter.linesIn(window.fromMs, window.toMs);
        aisLines += lines.length;
        await ais.publish(lines);
      }
      if (feeder && source) {
        cargoChain = cargoChain.then(() => sendCargo(window));
        cargoChain.catch(() => {
          cargoFailed = true; // surfaced by awaitCargo below; the loop stops sending
        });
      }
      if (options.telemetry && options.telemetryPublisher) {
        const batch = options.telemetry.messagesIn(window.fromMs, window.toMs);
        telemetry += batch.length;
        await options.telemetryPublisher.publish(batch);
      }
    } catch (error) {
      // Stopped while a window was going out (a fetch or a wait cut short): the window counts as not sent.
      if (signal?.aborted) break;
      throw error;
    }
    cursor = window.toMs;
    options.onWindow?.(cursor, cursor >= plan.anchorSimMs);
  }
  await awaitCargo();
  return { reachedMs: feeder && source ? Math.min(cursor, cargoReachedMs) : cursor, aisLines, messages, telemetry };
}
