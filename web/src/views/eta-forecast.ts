/**
 * The call page's arrival forecast (`GET /forecasts/eta/{callId}`; docs/forecast.md "ETA"): the model's ETA at the
 * pilot boarding area and at the berth with its 80% interval, the wait behind the terminal's berth queue (ships
 * ahead, berths and when they free up, with the queue's own as-of), who stated the schedule used and as of when, and the forecast with the ship's own ETA blended
 * in. The labels and values as the API gives them (times in the port's zone); pure.
 */
import { portTime } from '../format';

/** A prediction interval: the instants between which the arrival falls with probability `level`. */
export interface EtaInterval {
  readonly level: number;
  readonly lower: string;
  readonly upper: string;
}

/** `GET /forecasts/eta/{callId}` */
export interface EtaForecastAnswer {
  readonly callId: string;
  readonly status: string;
  readonly asOf: string | null;
  readonly source: string;
  readonly forecast: {
    readonly method: string;
    readonly pilotBoardingArea: { readonly eta: string; readonly intervals: readonly EtaInterval[] };
    readonly berth: { readonly eta: string; readonly intervals: readonly EtaInterval[] };
    readonly toPilotNm: number | null;
    readonly queue: {
      readonly terminal: string;
      readonly berths: number;
      readonly occupiedUntil: readonly string[];
      readonly shipsAhead: readonly { readonly readyAt: string; readonly stayH: number }[];
      readonly asOf: string | null;
    } | null;
    readonly queueWaitH: number;
    readonly terminal: string | null;
    /** Who stated the schedule row the forecast used, as of when (absent from API versions before it). */
    readonly schedule?: {
      readonly statedBy: string;
      readonly asOf: string;
      readonly speaksForCall: boolean;
    } | null;
    readonly withOwnEta: {
      readonly pilotBoardingArea: string;
      readonly berth: string;
      readonly weight: number;
      /** The blend's own intervals (absent from API versions that answer the blend as a point forecast). */
      readonly pilotIntervals?: readonly EtaInterval[];
      readonly berthIntervals?: readonly EtaInterval[];
    } | null;
  } | null;
  readonly reason: string | null;
  readonly ownEta: { readonly at: string; readonly reportedAt: string } | null;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** "Dec 3, 08:20 PST (80%: Dec 3, 08:05 PST – Dec 3, 08:41 PST)", or the time alone without an 80% interval. */
export function etaWithInterval(
  eta: string,
  intervals: readonly EtaInterval[] | undefined,
  time: (iso: string) => string = portTime,
): string {
  const i80 = intervals?.find((i) => i.level === 0.8);
  return i80 ? `${time(eta)} (80%: ${time(i80.lower)} – ${time(i80.upper)})` : time(eta);
}

/**
 * "waits ~6 h for a berth (2 ships ahead; 2 berths at ITS, 1 occupied until Dec 3, 20:00 PST; as of …)"; "no wait
 * for a berth (…)" when the queue adds nothing; null when the queue is not modelled.
 */
export function queueLine(
  forecast: NonNullable<EtaForecastAnswer['forecast']>,
  time: (iso: string) => string = portTime,
): string | null {
  const q = forecast.queue;
  if (q === null) return null;
  const ahead = q.shipsAhead.length === 1 ? '1 ship ahead' : `${q.shipsAhead.length} ships ahead`;
  const latest = [...q.occupiedUntil].sort().at(-1);
  const occupied =
    q.occupiedUntil.length === 0 || latest === undefined
      ? 'none occupied'
      : `${q.occupiedUntil.length} occupied until ${time(latest)} at the latest`;
  const when = q.asOf === null ? 'no ship at anchor or schedule seen' : `as of ${time(q.asOf)}`;
  const detail = `${ahead}; ${q.berths} berth${q.berths === 1 ? '' : 's'} at ${q.terminal}, ${occupied}; ${when}`;
  return forecast.queueWaitH > 0
    ? `waits ~${round(forecast.queueWaitH)} h for a berth (${detail})`
    : `no wait for a berth (${detail})`;
}

/** Label and value of each line; the reason for no forecast as the only line when there is none. */
export function etaLines(
  a: EtaForecastAnswer,
  time: (iso: string) => string = portTime,
): (readonly [string, string])[] {
  const f = a.forecast;
  if (f === null) return [['No forecast', a.reason ?? 'none given']];
  const lines: (readonly [string, string])[] = [
    ['At the pilot boarding area', etaWithInterval(f.pilotBoardingArea.eta, f.pilotBoardingArea.intervals, time)],
    ['At the berth', etaWithInterval(f.berth.eta, f.berth.intervals, time)],
    [
      'Berth queue',
      queueLine(f, time) ?? 'not modelled (no scheduled terminal with a berth count): the berth ETA assumes no wait',
    ],
  ];
  if (f.schedule) {
    lines.push([
      'Schedule',
      `stated by ${f.schedule.statedBy} as of ${time(f.schedule.asOf)}` +
        (f.schedule.speaksForCall
          ? ''
          : ' (not the call’s carrier or terminal: no one who speaks for the call stated it)'),
    ]);
  }
  if (f.withOwnEta !== null && a.ownEta !== null) {
    lines.push([
      'With the ship’s own ETA',
      `at the berth ${etaWithInterval(f.withOwnEta.berth, f.withOwnEta.berthIntervals, time)}; own ETA ` +
        `${time(a.ownEta.at)} (reported ${time(a.ownEta.reportedAt)}), weight ${Math.round(f.withOwnEta.weight * 100)}%`,
    ]);
  }
  return lines;
}
