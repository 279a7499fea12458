/**
 * Pure helpers of the dashboards (no DOM, no ECharts): periods of local days, the figures of each chart as a
 * table (what the chart draws, the CSV export and the screen-reader table are the same rows), and CSV text.
 */
export type Cell = string | number | null;

export interface FigureTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** RFC 4180 CSV: a header line, then one line per row; empty for null; quoted when needed. */
export function toCsv(table: FigureTable): string {
  const cell = (v: Cell) => {
    if (v === null) return '';
    const text = String(v);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [table.columns, ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Whether a chart's figures hold anything to see: some number other than zero (text cells are labels: days, weeks,
 * terminals). A panel of only zeros and gaps draws bare axes, so it says why instead of leaving the reader to guess.
 */
export function hasFigures(table: FigureTable): boolean {
  return table.rows.some((row) => row.some((cell) => typeof cell === 'number' && cell !== 0));
}

export const PORT_ZONE = 'America/Los_Angeles';

/** Today's local date in the port's zone. */
export function portToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PORT_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now)
    .slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Every local date from `from` to `to`, inclusive. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Monday of the ISO week of a local date. */
export function weekStartOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
  return addDays(day, 1 - weekday);
}

/** The Mondays of the ISO weeks that `from`..`to` touches. */
export function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let w = weekStartOf(from); w <= to; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

export const PERIODS = [
  { days: 7, label: 'Last 7 days' },
  { days: 28, label: 'Last 4 weeks' },
  { days: 91, label: 'Last 13 weeks' },
  { days: 365, label: 'Last 52 weeks' },
] as const;

export function isLocalDate(text: string | null | undefined): text is string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return addDays(text, 0) === text;
}

/**
 * Figures whose newest source instant is older than `hours` are stale when the period reaches today (a past
 * period is complete, not stale); a period without any figure is not called stale either.
 */
export function isStaleAggregate(asOf: string | null, to: string, now: Date, hours = 24): boolean {
  if (asOf === null || to < portToday(now)) return false;
  return now.getTime() - Date.parse(asOf) > hours * 3_600_000;
}

/** Average of averages weighted by their counts; null when nothing was counted. */
export function weightedAverage(
  parts: readonly { readonly avg: number | null; readonly count: number }[],
): number | null {
  let sum = 0;
  let count = 0;
  for (const p of parts) {
    if (p.avg === null || p.count === 0) continue;
    sum += p.avg * p.count;
    count += p.count;
  }
  return count === 0 ? null : Math.round((sum / count) * 10) / 10;
}

export interface TerminalDayFigures {
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

/**
 * The days of the selected terminals added up: dwell and turn averages weighted by their counts, moves summed;
 * with `days`, one entry for each of them (a day without a KPI row had no move: zero counts, no average).
 */
export function portDays(
  rows: readonly TerminalDayFigures[],
  days: readonly string[] = [...new Set(rows.map((r) => r.day))].sort(),
): {
  day: string;
  importDwellAvgHours: number | null;
  importDwellCount: number;
  exportDwellAvgHours: number | null;
  exportDwellCount: number;
  truckTurnAvgMinutes: number | null;
  truckVisits: number;
  gateInMoves: number;
  gateOutMoves: number;
}[] {
  return days.map((day) => {
    const of = rows.filter((r) => r.day === day);
    const sum = (f: (r: TerminalDayFigures) => number) => of.reduce((s, r) => s + f(r), 0);
    return {
      day,
      importDwellAvgHours: weightedAverage(of.map((r) => ({ avg: r.importDwellAvgHours, count: r.importDwellCount }))),
      importDwellCount: sum((r) => r.importDwellCount),
      exportDwellAvgHours: weightedAverage(of.map((r) => ({ avg: r.exportDwellAvgHours, count: r.exportDwellCount }))),
      exportDwellCount: sum((r) => r.exportDwellCount),
      truckTurnAvgMinutes: weightedAverage(of.map((r) => ({ avg: r.truckTurnAvgMinutes, count: r.truckVisits }))),
      truckVisits: sum((r) => r.truckVisits),
      gateInMoves: sum((r) => r.gateInMoves),
      gateOutMoves: sum((r) => r.gateOutMoves),
    };
  });
}

export interface LookAheadWeek {
  readonly weekStart: string;
  readonly teu: number;
  readonly lower80: number | null;
  readonly upper80: number | null;
}

/**
 * The weekly look-ahead from `GET /forecasts/volume?terminal=&granularity=week`, read defensively: weeks under
 * `weeks` (or `periods`), each with a start (`weekStart`, `week` or `start`), `teu` and `intervals` of
 * `{ level, lower, upper }`. Anything else gives no weeks: the chart shows the actuals only and says so.
 */
export function lookAheadWeeks(answer: unknown): LookAheadWeek[] {
  if (typeof answer !== 'object' || answer === null) return [];
  const record = answer as Record<string, unknown>;
  const list = Array.isArray(record['weeks'])
    ? record['weeks']
    : Array.isArray(record['periods'])
      ? record['periods']
      : [];
  const weeks: LookAheadWeek[] = [];
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const w = item as Record<string, unknown>;
    const start = [w['weekStart'], w['week'], w['start']].find((v): v is string => typeof v === 'string');
    const teu = w['teu'];
    if (!start || typeof teu !== 'number') continue;
    const intervals = Array.isArray(w['intervals']) ? (w['intervals'] as Record<string, unknown>[]) : [];
    const i80 = intervals.find((i) => i['level'] === 0.8 || i['level'] === 80);
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    weeks.push({ weekStart: start.slice(0, 10), teu, lower80: num(i80?.['lower']), upper80: num(i80?.['upper']) });
  }
  return weeks;
}

/** The UTC offset of the port's zone at an instant, as `-08:00` / `-07:00`. */
function portOffset(at: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: PORT_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : 'Z';
}

/**
 * A period of local days as the instants the API's `from`/`to` take: the start of `from` and the last second of
 * `to` in the port's zone (e.g. `2026-11-01T00:00:00-07:00`, `2026-12-04T23:59:59-08:00`).
 */
export function portDayInstants(from: string, to: string): { from: string; to: string } {
  // The offset in force at that local time read as standard time: right on the days clocks change (at 02:00).
  const at = (day: string, time: string) => `${day}T${time}${portOffset(new Date(`${day}T${time}-08:00`))}`;
  return { from: at(from, '00:00:00'), to: at(to, '23:59:59') };
}
