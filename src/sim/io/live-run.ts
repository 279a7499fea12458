/**
 * Runs a simulation live: at each step it asks the simulated clock (`sim-clock.ts`) what is due, and sends
 * that window — the AIS lines to the TCP server, the parties' messages through the feeder — before the next.
 * A window is at most `maxWindowMs` long, so a backfill (or `speed: 'max'`) goes out in steps whose pace
 * the product sets (TCP backpressure, HTTP answers). Windows are adjacent and in order: the run sends each
 * line and message once. The only clock read is `now`, given by the caller. Aborting `signal` ends the run
 * quietly (no error): it resolves with the instant of the last window sent whole.
 */
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
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
  const reporter = new AisReporter(options.run.tracks, { positionEveryS: options.run.scenario.aisPositionEveryS });
  const { ais, feeder, messages: source } = options;
  let cursor = plan.simStartMs;
  let aisLines = 0;
  let messages = 0;
  let telemetry = 0;
  while (cursor < plan.simEndMs && !signal?.aborted) {
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
    try {
      if (ais) {
        const lines = reporter.linesIn(window.fromMs, window.toMs);
        aisLines += lines.length;
        await ais.publish(lines);
      }
      if (feeder && source) {
        // The source's work for the window in slices (a call's boxes each), the event loop running between them:
        // a server feeding itself (`serve` with the simulator) keeps answering while the first window is built.
        let slices = 0;
        while (source.prepare?.(window.fromMs, window.toMs) && !signal?.aborted) {
          slices++;
          await yieldToLoop();
        }
        if (slices > 0) options.onPrepared?.(slices, window);
        const batch = source.messagesIn(window.fromMs, window.toMs);
        messages += batch.length;
        await feeder.send(batch);
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
  return { reachedMs: cursor, aisLines, messages, telemetry };
}
