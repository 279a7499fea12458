/**
 * The operations dashboard's aggregates (`GET /statistics/operations`), read from existing read models only:
 * - TEU per week by terminal: vessel discharges (`DISC`, import) and loads (`LOAD`, export) of
 *   `container_milestone` at the terminal, sized by `container_status.size_teu` (boxes of unknown size are
 *   counted apart, never guessed); weeks are ISO weeks (Monday) in the terminal's zone;
 * - per terminal and local day: dwell, truck turn time and gate moves from `terminal_kpi_daily`;
 * - ships at anchor per local day in the port: vessel calls the caller may see (`visibleTo`) that were at an
 *   anchorage at some time that day (from arrival at the anchorage for `time_at_anchor_min`, or until berthing,
 *   departure or now while still there).
 * Counts, sums and averages only: no container, visit, vessel or organisation is named.
 */
import type { Kysely } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { LocalDates } from '../../domain/free-time/local-date.js';
import { terminalTimeZone } from '../../projections/terminal-kpis/terminal-time-zone.js';
import type { DB } from '../../store/schema.js';

export const PORT_TIME_ZONE = 'America/Los_Angeles';

export interface TeuWeek {
  readonly terminal: string;
  /** Monday of the ISO week, local date in the terminal's zone. */
  readonly weekStart: string;
  readonly importTeu: number;
  readonly exportTeu: number;
  readonly importBoxes: number;
  readonly exportBoxes: number;
  /** Boxes moved whose size is not known (not in the TEU figures). */
  readonly unknownSizeBoxes: number;
}

export interface TerminalDay {
  readonly terminal: string;
  readonly day: string;
  readonly importDwellCount: number;
  readonly importDwellAvgHours: number | null;
  readonly exportDwellCount: number;
  readonly exportDwellAvgHours: number | null;
  readonly truckVisits: number;
  readonly truckTurnAvgMinutes: number | null;
  readonly gateInMoves: number;
  readonly gateOutMoves: number;
}

export interface AnchorDay {
  readonly day: string;
  readonly ships: number;
}

export interface OperationsStatistics {
  readonly teu: { readonly asOf: string | null; readonly weeks: TeuWeek[] };
  readonly terminalDays: { readonly asOf: string | null; readonly days: TerminalDay[] };
  readonly shipsAtAnchor: { readonly asOf: string | null; readonly days: AnchorDay[]; readonly nonPublic: number };
}

/** Monday of the ISO week of a local date. */
export function weekStartOf(day: string): string {
  return LocalDates.addDays(day, 1 - LocalDates.isoWeekday(day));
}

/** Every local date from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = LocalDates.addDays(d, 1)) days.push(d);
  return days;
}

const newest = (a: string | null, b: Date | null): string | null => {
  if (b === null) return a;
  const iso = b.toISOString();
  return a === null || iso > a ? iso : a;
};

export class OperationsStatisticsReader {
  constructor(private readonly db: Kysely<DB>) {}

  async read(
    period: { from: string; to: string; terminal?: string | undefined },
    scope: AccessScope,
    now: Date,
  ): Promise<OperationsStatistics> {
    return {
      teu: await this.teu(period),
      terminalDays: await this.terminalDays(period),
      shipsAtAnchor: await this.anchor(period, scope, now),
    };
  }

  /**
   * Moves of the weeks that touch [from, to]: whole weeks, so the first and last bars are not partial. Also read
   * by the weekly look-ahead of `GET /forecasts/volume` (its terminal's history).
   */
  async teu(period: { from: string; to: string; terminal?: string | undefined }) {
    const firstWeek = weekStartOf(period.from);
    const lastDay = LocalDates.addDays(weekStartOf(period.to), 6);
    // Terminals of one port share its zone; a day of margin either side covers any zone.
    const lo = new Date(LocalDates.startUtc(LocalDates.addDays(firstWeek, -1), 'UTC'));
    const hi = new Date(LocalDates.startUtc(LocalDates.addDays(lastDay, 2), 'UTC'));
    let query = this.db
      .selectFrom('container_milestone as m')
      .leftJoin('container_status as s', 's.equipment_reference', 'm.equipment_reference')
      .select(['m.code', 'm.at', 'm.terminal_code', 's.size_teu'])
      .where('m.code', 'in', ['DISC', 'LOAD'])
      .where('m.terminal_code', 'is not', null)
      .where('m.at', '>=', lo)
      .where('m.at', '<', hi);
    if (period.terminal) query = query.where('m.terminal_code', '=', period.terminal);
    const rows = await query.execute();
    const buckets = new Map<string, { -readonly [K in keyof TeuWeek]: TeuWeek[K] }>();
    let asOf: string | null = null;
    for (const r of rows) {
      const terminal = r.terminal_code!;
      const day = LocalDates.of(r.at, terminalTimeZone(terminal));
      if (day < firstWeek || day > lastDay) continue;
      const weekStart = weekStartOf(day);
      const key = `${terminal}|${weekStart}`;
      let b = buckets.get(key);
      if (!b) {
        b = { terminal, weekStart, importTeu: 0, exportTeu: 0, importBoxes: 0, exportBoxes: 0, unknownSizeBoxes: 0 };
        buckets.set(key, b);
      }
      const teu = r.size_teu;
      if (r.code === 'DISC') b.importBoxes++;
      else b.exportBoxes++;
      if (teu === null || teu === undefined) b.unknownSizeBoxes++;
      else if (r.code === 'DISC') b.importTeu += teu;
      else b.exportTeu += teu;
      asOf = newest(asOf, r.at);
    }
    const weeks = [...buckets.values()].sort(
      (a, b) => a.weekStart.localeCompare(b.weekStart) || a.terminal.localeCompare(b.terminal),
    );
    return { asOf, weeks };
  }

  private async terminalDays(period: { from: string; to: string; terminal?: string | undefined }) {
    let query = this.db
      .selectFrom('terminal_kpi_daily')
      .selectAll()
      .where('day', '>=', period.from)
      .where('day', '<=', period.to);
    if (period.terminal) query = query.where('terminal_code', '=', period.terminal);
    const rows = await query.orderBy('day').orderBy('terminal_code').execute();
    const days: TerminalDay[] = rows.map((r) => ({
      terminal: r.terminal_code,
      day: r.day,
      importDwellCount: r.import_dwell_count,
      importDwellAvgHours: r.import_dwell_avg_hours,
      exportDwellCount: r.export_dwell_count,
      exportDwellAvgHours: r.export_dwell_avg_hours,
      truckVisits: r.truck_visits,
      truckTurnAvgMinutes: r.truck_turn_avg_minutes,
      gateInMoves: r.gate_in_moves,
      gateOutMoves: r.gate_out_moves,
    }));
    // The KPI rows carry no time of their own: the newest source instant they can count is their "as of".
    const terminals = [...new Set(days.map((d) => d.terminal))];
    let asOf: string | null = null;
    if (terminals.length > 0) {
      const hi = new Date(LocalDates.startUtc(LocalDates.addDays(period.to, 2), 'UTC'));
      const gate = await this.db
        .selectFrom('container_milestone')
        .select((eb) => eb.fn.max('at').as('at'))
        .where('terminal_code', 'in', terminals)
        .where('code', 'in', ['GTIN', 'GTOT', 'DISC', 'LOAD'])
        .where('at', '<', hi)
        .executeTakeFirst();
      const visit = await this.db
        .selectFrom('truck_visit')
        .select((eb) => eb.fn.max('gate_out_at').as('at'))
        .where('terminal_code', 'in', terminals)
        .where('gate_out_at', '<', hi)
        .executeTakeFirst();
      asOf = newest(newest(null, toDate(gate?.at)), toDate(visit?.at));
    }
    return { asOf, days };
  }

  private async anchor(period: { from: string; to: string }, scope: AccessScope, now: Date) {
    const lo = new Date(LocalDates.startUtc(period.from, PORT_TIME_ZONE));
    const hi = new Date(LocalDates.startUtc(LocalDates.addDays(period.to, 1), PORT_TIME_ZONE));
    const rows = await this.db
      .selectFrom('vessel_call')
      .select(['call_id', 'ata_anchorage', 'time_at_anchor_min', 'atb', 'atd', 'atd_port', 'visibility'])
      .where('ata_anchorage', 'is not', null)
      .where('ata_anchorage', '<', hi)
      .where(visibleTo(scope, 'vessel_call'))
      .execute();
    const counts = new Map<string, Set<string>>(daysBetween(period.from, period.to).map((d) => [d, new Set()]));
    const nonPublic = new Set<string>();
    for (const r of rows) {
      const start = r.ata_anchorage!;
      const end =
        r.time_at_anchor_min !== null
          ? new Date(start.getTime() + r.time_at_anchor_min * 60_000)
          : (r.atb ?? r.atd_port ?? r.atd ?? now);
      if (end < lo) continue;
      const first = LocalDates.of(start < lo ? lo : start, PORT_TIME_ZONE);
      const last = LocalDates.of(end >= hi ? new Date(hi.getTime() - 1) : end, PORT_TIME_ZONE);
      let counted = false;
      for (let d = first; d <= last; d = LocalDates.addDays(d, 1)) {
        const ships = counts.get(d);
        if (!ships) continue;
        ships.add(r.call_id);
        counted = true;
      }
      if (!counted) continue;
      if (r.visibility !== 'public') nonPublic.add(r.call_id);
    }
    // The calls are as current as the AIS picture they were detected from: its newest report before the period's end
    // that the caller may see. A caller who may see none (the public, where the AIS is community data) still gets a
    // count — of the calls it may see, maybe none — that is as current as the detector's AIS: the newest report of
    // any visibility, a time that names no vessel (the TEU and KPI series date themselves the same way).
    // The ships' latest positions answer at once while the AIS has not passed the period's end; once every ship
    // reported after it (a period that ended, or "today" once the simulator's clock is past the port's midnight)
    // the track (one report a minute) says the newest report before the end, never a later one.
    const newestReport = async (visible: boolean): Promise<Date | null> => {
      const latest = toDate(
        (
          await this.db
            .selectFrom('vessel_position')
            .select((eb) => eb.fn.max('observed_at').as('at'))
            .$if(visible, (q) => q.where(visibleTo(scope, 'vessel_position')))
            .executeTakeFirst()
        )?.at,
      );
      if (latest === null || latest < hi) return latest;
      const before = await this.db
        .selectFrom('vessel_track')
        .select('observed_at')
        .where('minute', '>=', lo)
        .where('minute', '<', hi)
        .where('observed_at', '<', hi)
        .$if(visible, (q) => q.where(visibleTo(scope, 'vessel_track')))
        .orderBy('minute', 'desc')
        .orderBy('observed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return toDate(before?.observed_at);
    };
    const asOf = newest(null, (await newestReport(true)) ?? (await newestReport(false)));
    const days = [...counts.entries()].map(([day, ships]) => ({ day, ships: ships.size }));
    return { asOf, days, nonPublic: nonPublic.size };
  }
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value);
}
