/**
 * `GET /forecasts/turn-time?terminal=` (issue 16, docs/forecast.md "Truck turn time by hour of day"): the pure
 * model of `forecast/turn-time/turn-time-model.ts` fitted on the `truck_visit` rows that gated out in the 14 days
 * before now (`gate_in_at` → `gate_out_at`), by the local hour of the in-gate in the terminal's zone; one
 * forecast per hour 0-23. A published aggregate like the turn times of `GET /statistics/operations`: durations
 * only, nothing names a visit, truck or company. `asOf`: the newest out-gate used. The fitted model (all
 * terminals: the fallback levels need them) is reused for `MODEL_TTL_MS`, then answers at once while a refit runs
 * in the background (`RefittedModel`, up to 10 minutes old; `window.to` is the origin of the model that answered).
 */
import type { Kysely } from 'kysely';
import { localDateAndHour } from '../../domain/alerts/last-free-day-due.js';
import type { TerminalRegistry } from '../../domain/terminal-registry.js';
import {
  fitTurnTimeModel,
  predictTurnTime,
  TURN_TIME_MODEL,
  type TurnFact,
  type TurnTimeModel,
  type TurnTimePrediction,
} from '../../forecast/turn-time/turn-time-model.js';
import { terminalTimeZone } from '../../projections/terminal-kpis/terminal-time-zone.js';
import type { DB } from '../../store/schema.js';
import { MODEL_TTL_MS } from './dwell-reader.js';
import { RefittedModel } from './refitted-model.js';
import { DAY } from '../../domain/time-units.js';

/** Every zone offset in use is a multiple of 15 minutes, so the local hour is constant within a quarter hour. */
const QUARTER = 900_000;

export const TURN_MODEL_NAME =
  'empirical turn times of the truck visits that left in the 14 days before now, by terminal and local hour of in-gate (docs/forecast.md)';
export const TURN_SOURCE = 'truck_visit (gate_in_at, gate_out_at)';

export interface TurnTimeAnswer {
  readonly terminal: string;
  readonly port: string;
  readonly timeZone: string;
  readonly model: string;
  readonly source: string;
  readonly asOf: string | null;
  readonly window: { readonly from: string; readonly to: string; readonly visits: number };
  readonly hours: (Omit<TurnTimePrediction, 'intervals'> & {
    readonly hour: number;
    readonly intervals: { readonly level: number; readonly lowerMin: number; readonly upperMin: number }[];
  })[];
}

/** Local hour of an instant in `zone`, memoised per quarter hour (Intl formatting is slow per call). */
function hourIn(zone: string): (ms: number) => number {
  const memo = new Map<number, number>();
  return (ms) => {
    const q = Math.floor(ms / QUARTER);
    let h = memo.get(q);
    if (h === undefined) {
      h = localDateAndHour(q * QUARTER, zone).hour;
      memo.set(q, h);
    }
    return h;
  };
}

export class TurnTimeReader {
  /** Fitted models by time zone (the hour of day is local), each reused for `MODEL_TTL_MS`. */
  private readonly fitted = new RefittedModel(MODEL_TTL_MS, (timeZone, now: Date) => this.fit(timeZone, now));

  constructor(
    private readonly db: Kysely<DB>,
    private readonly registry: TerminalRegistry,
  ) {}

  /** Resolves when no background refit is running. */
  refitsIdle(): Promise<void> {
    return this.fitted.idle();
  }

  private async fit(timeZone: string, now: Date): Promise<TurnTimeModel> {
    const nowMs = now.getTime();
    const rows = await this.db
      .selectFrom('truck_visit')
      .select(['terminal_code', 'gate_in_at', 'gate_out_at'])
      .where('gate_in_at', 'is not', null)
      .where('gate_out_at', '>=', new Date(nowMs - TURN_TIME_MODEL.windowDays * DAY))
      .where('gate_out_at', '<', now)
      .execute();
    const facts: TurnFact[] = [];
    for (const r of rows) {
      const gateInMs = new Date(r.gate_in_at!).getTime();
      const gateOutMs = new Date(r.gate_out_at!).getTime();
      if (gateOutMs >= gateInMs) facts.push({ terminal: r.terminal_code, gateInMs, gateOutMs });
    }
    return fitTurnTimeModel(facts, nowMs, { ...TURN_TIME_MODEL, hourOf: hourIn(timeZone) });
  }

  /** Null for a terminal not in the registry or when no truck visit left anywhere in the window. */
  async terminal(terminal: string, now: Date): Promise<TurnTimeAnswer | null> {
    const registered = this.registry.byCode(terminal);
    if (registered === undefined) return null;
    const timeZone = terminalTimeZone(terminal);
    const model = await this.fitted.at(timeZone, now);
    if (model.n === 0) return null;
    const hours: TurnTimeAnswer['hours'] = [];
    for (let hour = 0; hour < 24; hour++) {
      const p = predictTurnTime(model, terminal, hour);
      if (p !== null) hours.push({ hour, ...p, intervals: p.intervals.map((iv) => ({ ...iv })) });
    }
    return {
      terminal,
      port: registered.unLocode,
      timeZone,
      model: TURN_MODEL_NAME,
      source: TURN_SOURCE,
      asOf: model.newestGateOutMs === null ? null : new Date(model.newestGateOutMs).toISOString(),
      window: {
        from: new Date(model.originMs - model.options.windowDays * DAY).toISOString(),
        to: new Date(model.originMs).toISOString(),
        visits: model.n,
      },
      hours,
    };
  }
}
