/**
 * `GET /forecasts/anchorage-queue` (issue 16, docs/forecast.md "Anchorage queue route"): the ships at anchor
 * now and the forecast of the container-ship queue at anchor for the next days, from the read models:
 *
 * - At anchor: `vesselsAt` (the answer of `GET /vessels?status=at_anchor|anchored_outside`) at the request
 *   time, positions the caller may see: in an anchorage zone, or stopped outside every zone (the overflow off
 *   Huntington Beach), since when.
 * - Terminal of a ship at anchor: the newest `vessel_schedule` row of its IMO number at a San Pedro Bay port,
 *   not yet berthed. A ship at anchor without one (tankers, bulk ships, a container ship without a schedule) is
 *   listed but not modelled (`notModelled`).
 * - Moored: schedule rows berthed in the last 7 days and not departed; due: schedule rows not arrived nor
 *   berthed with an ETA from 12 hours ago (late ships) to the end of the horizon; stays: berthing → departure of
 *   the schedule rows that departed in the 21 days before. `vessel_schedule` is community data, one row per call and
 *   sender (migration 0029): each call counts once, by the row stated-schedule.ts chooses (a speaking sender's first).
 * - The model: forecast/anchorage/ (live-queue-input.ts → anchorage-queue.ts); intervals: split conformal,
 *   the shipped residuals per day ahead 1-14 (data-static/forecast/anchorage-queue-calibration.json); `backtest`: that file's accuracy, MAE against persistence.
 */
import type { Kysely } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import type { AnchorageCalibrationFile, AnchorageAccuracy } from '../../forecast/calibration-file.js';
import {
  anchorageQueueForecast,
  queueIntervals,
  type AnchorageInput,
  type QueueInterval,
} from '../../forecast/anchorage/anchorage-queue.js';
import {
  liveAnchorageInput,
  type AnchoredShipFact,
  type CompletedStayFact,
  type DueCallFact,
  type MooredShipFact,
} from '../../forecast/anchorage/live-queue-input.js';
import { berthsOf } from '../../forecast/anchorage/terminal-berths.js';
import type { Geography } from '../../geo/geography.js';
import type { DB } from '../../store/schema.js';
import { vesselsAt } from '../vessels/vessels-at-reader.js';
import { HOUR, DAY } from '../../domain/time-units.js';
import { statedSchedule } from './stated-schedule.js';

const PORTS = ['USLAX', 'USLGB'];
export { DEFAULT_QUEUE_DAYS, MAX_QUEUE_DAYS } from '../../forecast/anchorage/queue-horizon.js';
export const ANCHORAGE_REPORT_ID = 'san-pedro-bay-anchorage-queue';
export const ANCHORAGE_QUEUE_MODEL =
  'first come first served berth queue per terminal (forecast/anchorage/anchorage-queue.ts) over the ships at ' +
  'anchor, moored and due by the carrier schedules, with expected berth stays from recent departures';
const SOURCE =
  'AIS positions (vessel_track, as GET /vessels) and carrier schedules (vessel_schedule); berths per terminal: ' +
  'forecast/anchorage/terminal-berths.ts';
const LEVELS = [0.8, 0.95] as const;
const iso = (ms: number): string => new Date(ms).toISOString();

export interface ShipAtAnchorView {
  readonly mmsi: string;
  readonly imo: string | null;
  readonly name: string | null;
  readonly status: 'at_anchor' | 'anchored_outside';
  readonly anchorage: string | null;
  readonly since: string;
  readonly lat: number;
  readonly lon: number;
  readonly terminal: string | null;
  readonly port: string | null;
  readonly modelled: boolean;
}

export interface QueueDayView {
  readonly dayAhead: number;
  readonly at: string;
  readonly ships: number;
  readonly intervals: QueueInterval[];
}

export interface AnchorageQueueAnswer {
  readonly generatedAt: string;
  /** Newest fact used: a position of a ship at anchor or a schedule statement; null when none. */
  readonly asOf: string | null;
  readonly days: number;
  readonly model: string;
  readonly source: string;
  readonly atAnchor: ShipAtAnchorView[];
  readonly notModelled: number;
  readonly terminals: {
    readonly terminal: string;
    readonly berths: number;
    readonly moored: number;
    readonly atAnchor: number;
    readonly due: number;
  }[];
  readonly forecast: QueueDayView[];
  readonly backtest: { readonly reportId: string; readonly design: string; readonly accuracy: AnchorageAccuracy[] };
}

/** The live queue input of every modelled terminal, and the facts it was built from. */
export interface LiveQueue {
  readonly input: AnchorageInput;
  readonly atAnchor: ShipAtAnchorView[];
  readonly anchored: readonly AnchoredShipFact[];
  readonly due: readonly DueCallFact[];
  readonly asOfMs: number | null;
}

export class AnchorageQueueReader {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly geography: Geography,
    private readonly calibration: AnchorageCalibrationFile,
  ) {}

  /**
   * The live berth queue of every modelled terminal at `now` (the model's input), built only from what the caller
   * may see: the ships at anchor are the positions the caller may see (`vesselsAt`), the schedule is community
   * data, one row per call (stated-schedule.ts). Shared with `GET /forecasts/eta/{callId}` (eta-reader.ts), which cuts one call's queue from it
   * (forecast/anchorage/berth-queue.ts). `asOfMs`: the newest fact used (null: none).
   */
  async liveQueue(days: number, scope: AccessScope, now: Date): Promise<LiveQueue> {
    const originMs = now.getTime();
    const found = await vesselsAt(this.db, this.geography, {
      at: now.toISOString(),
      statuses: ['at_anchor', 'anchored_outside'],
      visibleTo: scope,
    });
    const imos = [...new Set(found.flatMap((v) => (v.static?.imo ? [v.static.imo] : [])))];
    const plans =
      imos.length === 0
        ? []
        : await this.db
            .selectFrom(statedSchedule(this.db, { imos, ports: PORTS }))
            .select(['vessel_imo_number', 'terminal_code', 'un_location_code', 'updated_at'])
            .where('vessel_imo_number', 'in', imos)
            .where('un_location_code', 'in', PORTS)
            .where('atb', 'is', null)
            .where('terminal_code', 'is not', null)
            .orderBy('speaks_for', 'desc')
            .orderBy('updated_at', 'desc')
            .execute();
    const planOf = new Map<string, (typeof plans)[number]>();
    for (const p of plans) if (!planOf.has(p.vessel_imo_number)) planOf.set(p.vessel_imo_number, p);
    const schedule = await this.db
      .selectFrom(statedSchedule(this.db, { ports: PORTS }))
      .select(['vessel_imo_number', 'terminal_code', 'eta', 'ata', 'atb', 'etd', 'atd', 'updated_at'])
      .where('un_location_code', 'in', PORTS)
      .where('terminal_code', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('atb', 'is', null),
            eb('ata', 'is', null),
            eb('eta', '>=', new Date(originMs - 12 * HOUR)),
            eb('eta', '<', new Date(originMs + days * DAY)),
          ]),
          eb.and([eb('atb', '>=', new Date(originMs - 7 * DAY)), eb('atb', '<=', now), eb('atd', 'is', null)]),
          eb.and([eb('atd', '>=', new Date(originMs - 21 * DAY)), eb('atd', '<', now), eb('atb', 'is not', null)]),
        ]),
      )
      .orderBy('updated_at', 'desc')
      .execute();

    const atAnchor: ShipAtAnchorView[] = [];
    const anchored: AnchoredShipFact[] = [];
    const anchoredImos = new Set<string>();
    let newest = Number.NEGATIVE_INFINITY;
    for (const v of found) {
      const imo = v.static?.imo ?? null;
      const plan = imo === null ? undefined : planOf.get(imo);
      const terminal = plan?.terminal_code ?? null;
      const modelled = terminal !== null && berthsOf(terminal) !== undefined;
      newest = Math.max(newest, Date.parse(v.asOf));
      if (plan) newest = Math.max(newest, plan.updated_at.getTime());
      if (modelled) {
        anchored.push({ terminal, imo: imo!, sinceMs: Date.parse(v.since) });
        anchoredImos.add(imo!);
      }
      atAnchor.push({
        mmsi: v.mmsi,
        imo,
        name: v.static?.name ?? null,
        status: v.status === 'anchored_outside' ? 'anchored_outside' : 'at_anchor',
        anchorage: v.zone?.name ?? null,
        since: v.since,
        lat: v.lat,
        lon: v.lon,
        terminal,
        port: plan?.un_location_code ?? null,
        modelled,
      });
    }
    atAnchor.sort((a, b) => a.since.localeCompare(b.since) || a.mmsi.localeCompare(b.mmsi));

    // One statement per vessel and terminal (partners in a vessel sharing agreement state the same call): the newest.
    const seen = new Set<string>();
    const moored: MooredShipFact[] = [];
    const due: DueCallFact[] = [];
    const stays: CompletedStayFact[] = [];
    for (const r of schedule) {
      const terminal = r.terminal_code!;
      const key = `${r.vessel_imo_number}|${terminal}|${r.atd !== null ? `d${r.atd.getTime()}` : 'open'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (r.atd !== null && r.atb !== null) {
        stays.push({ terminal, stayMs: r.atd.getTime() - r.atb.getTime() });
        continue;
      }
      newest = Math.max(newest, r.updated_at.getTime());
      if (r.atb !== null) {
        moored.push({ terminal, berthedMs: r.atb.getTime(), plannedDepartureMs: r.etd?.getTime() ?? null });
      } else if (r.eta !== null && !anchoredImos.has(r.vessel_imo_number)) {
        due.push({ terminal, imo: r.vessel_imo_number, etaMs: r.eta.getTime() });
      }
    }
    const input = liveAnchorageInput({ originMs, anchored, moored, due, stays, berths: berthsOf });
    return { input, atAnchor, anchored, due, asOfMs: Number.isFinite(newest) ? newest : null };
  }

  async queue(days: number, scope: AccessScope, now: Date): Promise<AnchorageQueueAnswer> {
    const { input, atAnchor, anchored, due, asOfMs } = await this.liveQueue(days, scope, now);
    const residuals = this.calibration.residuals;
    const forecast = anchorageQueueForecast(input, days).map((d) => {
      const res = residuals[Math.min(d.dayAhead, residuals.length) - 1] ?? [];
      return {
        dayAhead: d.dayAhead,
        at: iso(d.atMs),
        ships: d.ships,
        intervals: queueIntervals(d.ships, res, LEVELS).map((iv) => ({
          level: iv.level,
          lower: Math.round(iv.lower * 10) / 10,
          upper: Math.round(iv.upper * 10) / 10,
        })),
      };
    });
    const count = <T extends { terminal: string }>(xs: readonly T[], t: string): number =>
      xs.filter((x) => x.terminal === t).length;
    return {
      generatedAt: now.toISOString(),
      asOf: asOfMs === null ? null : iso(asOfMs),
      days,
      model: ANCHORAGE_QUEUE_MODEL,
      source: SOURCE,
      atAnchor,
      notModelled: atAnchor.filter((a) => !a.modelled).length,
      terminals: input.terminals.map((t) => ({
        terminal: t.terminal,
        berths: t.berths,
        moored: t.occupiedUntilMs.length,
        atAnchor: count(anchored, t.terminal),
        due: count(due, t.terminal),
      })),
      forecast,
      backtest: {
        reportId: ANCHORAGE_REPORT_ID,
        design: this.calibration.design,
        accuracy: [...this.calibration.accuracy],
      },
    };
  }
}
