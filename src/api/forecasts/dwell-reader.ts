/**
 * `GET /forecasts/dwell?terminal=` and `GET /forecasts/dwell/{equipmentReference}` (issue 16, docs/forecast.md
 * "Expected import dwell"): the pure model of `forecast/dwell/dwell-model.ts` fitted on the import boxes of
 * `container_status` that left (gated out) in the 28 days before now: `discharged_at`, `gated_out_at` and the
 * CUSTOMS / FREIGHT holds of their trip. Other hold types (TERMINAL, USDA, OTHER) are not model features.
 *
 * - Terminal: the dwell of a box discharged now, whatever its holds (the terminal's cohort, else the port's),
 *   and per hold class open at discharge. A published aggregate like `GET /statistics/operations`: durations
 *   only, nothing names a container or organisation.
 * - One box: its total dwell and gate-out given the time already in the yard and the holds open now, from the
 *   box as the caller may see it (`ContainerReader.detail`: a box the caller may not see is null, a partial view
 *   carries only the caller's holds).
 * - `asOf`: the newest gate-out the model used (for one box also the box's own newest fact, if newer).
 * - The fitted model is reused for `MODEL_TTL_MS`; after that the older model (at most 10 minutes old) answers at
 *   once while a refit runs in the background (`RefittedModel`), so only the first request after start (or after 10
 *   idle minutes) waits for a fit: a refit reads the whole 28-day cohort, seconds on a port-sized read model
 *   (bench/forecast-readers.bench.ts). `cohort.to` is the origin of the model that answered.
 */
import type { Kysely } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import type { TerminalRegistry } from '../../domain/terminal-registry.js';
import {
  HOLD_CLASSES,
  holdClassAt,
  type DwellFact,
  type DwellHold,
  type HoldClass,
} from '../../forecast/dwell/dwell-facts.js';
import {
  DWELL_MODEL,
  fitDwellModel,
  predictDwell,
  predictTerminalDwell,
  type DwellModel,
  type DwellPrediction,
} from '../../forecast/dwell/dwell-model.js';
import type { DB } from '../../store/schema.js';
import { ContainerReader } from '../cargo/container-reader.js';
import { RefittedModel } from './refitted-model.js';
import { HOUR, DAY } from '../../domain/time-units.js';

/** How long a fitted model answers before it is refitted (1 minute). */
export const MODEL_TTL_MS = 60_000;

export const DWELL_MODEL_NAME =
  'empirical dwell of the import boxes that left in the 28 days before now, by terminal and open holds (docs/forecast.md)';
export const DWELL_SOURCE = 'container_status (discharged_at, gated_out_at, CUSTOMS/FREIGHT holds) of import boxes';

export interface DwellForecastView {
  readonly level: DwellPrediction['level'];
  readonly medianH: number;
  readonly meanH: number;
  readonly n: number;
  readonly intervals: { readonly level: number; readonly lowerH: number; readonly upperH: number }[];
}

export interface TerminalDwellAnswer {
  readonly terminal: string;
  readonly port: string;
  readonly model: string;
  readonly source: string;
  readonly asOf: string | null;
  readonly cohort: { readonly from: string; readonly to: string; readonly boxes: number };
  readonly forecast: DwellForecastView;
  readonly byHoldsAtDischarge: (DwellForecastView & { readonly holds: HoldClass })[];
}

export interface BoxDwellAnswer {
  readonly equipmentReference: string;
  readonly terminal: string | null;
  readonly model: string;
  readonly source: string;
  readonly asOf: string | null;
  readonly dischargedAt: string | null;
  readonly gatedOutAt: string | null;
  readonly forecast: {
    readonly elapsedH: number;
    readonly holdsOpen: HoldClass;
    readonly gateOut: string;
    readonly dwell: DwellForecastView;
    readonly gateOutIntervals: { readonly level: number; readonly lower: string; readonly upper: string }[];
  } | null;
  readonly reason: string | null;
}

const view = (p: DwellPrediction): DwellForecastView => ({
  level: p.level,
  medianH: p.medianH,
  meanH: p.meanH,
  n: p.n,
  intervals: p.intervals.map((iv) => ({ level: iv.level, lowerH: iv.lowerH, upperH: iv.upperH })),
});

function modelHolds(holds: readonly { holdType: string; placedAt: string | null; releasedAt: string | null }[]) {
  const out: DwellHold[] = [];
  for (const h of holds) {
    if ((h.holdType !== 'CUSTOMS' && h.holdType !== 'FREIGHT') || h.placedAt === null) continue;
    out.push({
      type: h.holdType,
      placedMs: Date.parse(h.placedAt),
      releasedMs: h.releasedAt === null ? null : Date.parse(h.releasedAt),
    });
  }
  return out;
}

export class DwellReader {
  private readonly containers: ContainerReader;
  private readonly fitted = new RefittedModel(MODEL_TTL_MS, (_key, now: Date) => this.fit(now));

  constructor(
    private readonly db: Kysely<DB>,
    private readonly registry: TerminalRegistry,
  ) {
    this.containers = new ContainerReader(db);
  }

  /** The model fitted at most `MODEL_TTL_MS` before `now`, else the last one while it refits (`RefittedModel`). */
  model(now: Date): Promise<DwellModel> {
    return this.fitted.at('', now);
  }

  /** Resolves when no background refit is running. */
  refitsIdle(): Promise<void> {
    return this.fitted.idle();
  }

  /** The model as of `now`, fitted on the import boxes that left in its window. */
  private async fit(now: Date): Promise<DwellModel> {
    const nowMs = now.getTime();
    const rows = await this.db
      .selectFrom('container_status')
      .select(['equipment_reference', 'terminal_code', 'discharged_at', 'gated_out_at', 'holds'])
      .where('direction', '=', 'IMPORT')
      .where('terminal_code', 'is not', null)
      .where('discharged_at', 'is not', null)
      .where('gated_out_at', '>=', new Date(nowMs - DWELL_MODEL.windowDays * DAY))
      .where('gated_out_at', '<', now)
      .execute();
    const facts: DwellFact[] = [];
    for (const r of rows) {
      const dischargedMs = new Date(r.discharged_at!).getTime();
      const leftMs = new Date(r.gated_out_at!).getTime();
      if (!(leftMs >= dischargedMs)) continue;
      facts.push({
        container: r.equipment_reference,
        terminal: r.terminal_code!,
        dischargedMs,
        leftMs,
        holds: modelHolds(r.holds),
      });
    }
    return fitDwellModel(facts, nowMs);
  }

  /** Null for a terminal not in the registry or when no import box left anywhere in the window. */
  async terminal(terminal: string, now: Date): Promise<TerminalDwellAnswer | null> {
    const registered = this.registry.byCode(terminal);
    if (registered === undefined) return null;
    const model = await this.model(now);
    const overall = predictTerminalDwell(model, terminal);
    if (overall === null) return null;
    const byHolds: TerminalDwellAnswer['byHoldsAtDischarge'] = [];
    for (const holds of HOLD_CLASSES) {
      const p = predictDwell(model, { terminal, elapsedH: 0, holds });
      if (p !== null) byHolds.push({ holds, ...view(p) });
    }
    return {
      terminal,
      port: registered.unLocode,
      model: DWELL_MODEL_NAME,
      source: DWELL_SOURCE,
      asOf: model.newestLeftMs === null ? null : new Date(model.newestLeftMs).toISOString(),
      cohort: {
        from: new Date(model.originMs - model.options.windowDays * DAY).toISOString(),
        to: new Date(model.originMs).toISOString(),
        boxes: model.n,
      },
      forecast: view(overall),
      byHoldsAtDischarge: byHolds,
    };
  }

  /** Null when the box does not exist or the caller may not see it (as `GET /containers/{reference}`). */
  async box(ref: string, scope: AccessScope, now: Date): Promise<BoxDwellAnswer | null> {
    const box = await this.containers.detail(ref, scope);
    if (box === null) return null;
    const nowMs = now.getTime();
    const base = {
      equipmentReference: ref,
      terminal: box.terminalCode,
      model: DWELL_MODEL_NAME,
      source: DWELL_SOURCE,
      dischargedAt: box.dischargedAt,
      gatedOutAt: box.gatedOutAt,
    };
    const without = (reason: string): BoxDwellAnswer => ({ ...base, asOf: box.asOf, forecast: null, reason });
    if (box.direction !== 'IMPORT') return without('not an import box: the model forecasts import dwell only');
    if (box.dischargedAt === null) return without('not discharged yet: dwell starts at discharge');
    if (box.gatedOutAt !== null) return without('gated out already: `gatedOutAt` is its actual departure');
    if (box.terminalCode === null) return without('no terminal known for the box');
    const dischargedMs = Date.parse(box.dischargedAt);
    const elapsedH = Math.max(0, (nowMs - dischargedMs) / HOUR);
    const holdsOpen = holdClassAt(modelHolds(box.holds), nowMs);
    const model = await this.model(now);
    const p = predictDwell(model, { terminal: box.terminalCode, elapsedH, holds: holdsOpen });
    const newestModel = model.newestLeftMs === null ? null : new Date(model.newestLeftMs).toISOString();
    const asOf = newestModel !== null && newestModel > box.asOf ? newestModel : box.asOf;
    if (p === null) {
      return { ...base, asOf, forecast: null, reason: 'no import box stayed this long in the last 28 days' };
    }
    const at = (h: number): string => new Date(dischargedMs + h * HOUR).toISOString();
    return {
      ...base,
      asOf,
      forecast: {
        elapsedH,
        holdsOpen,
        gateOut: at(p.medianH),
        dwell: view(p),
        gateOutIntervals: p.intervals.map((iv) => ({ level: iv.level, lower: at(iv.lowerH), upper: at(iv.upperH) })),
      },
      reason: null,
    };
  }
}
