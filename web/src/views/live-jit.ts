/**
 * The call page's live just-in-time advice (`GET /vessel-calls/{callId}/jit-advice`; docs/emissions.md "Live advice
 * for an approaching vessel"): for a call still approaching, the berth window, where the ship is and how fast it
 * goes, and the speed that meets the window with the fuel and CO2 it saves. The labels and values as the API gives
 * them (times in the port's zone); pure.
 */
import { decimal, portTime } from '../format';

/** `GET /vessel-calls/{callId}/jit-advice` */
export interface LiveJitAdvice {
  readonly callId: string;
  readonly status: string;
  readonly asOf: string | null;
  readonly source: string;
  readonly berthWindow: {
    readonly start: string;
    readonly terminal: string | null;
    readonly pilotBoardingAreaAt: string;
  } | null;
  readonly distanceToPilotNm: number | null;
  readonly currentSpeedKn: number | null;
  readonly advice: {
    readonly advisedSpeedKn: number;
    readonly arrivalAtCurrentSpeed: string;
    readonly advisedArrival: string;
    readonly waitAtCurrentSpeedHours: number;
    readonly lateHours: number;
    readonly fuelSavedT: number;
    readonly co2SavedT: number;
  } | null;
  readonly reason: string | null;
}

/** Label and value of each line; the reason for no advice as the last line when there is none. */
export function liveJitLines(a: LiveJitAdvice): (readonly [string, string])[] {
  const lines: (readonly [string, string])[] = [];
  if (a.berthWindow) {
    const at = a.berthWindow.terminal ? ` at ${a.berthWindow.terminal}` : '';
    lines.push(['Berth window opens', `${portTime(a.berthWindow.start)}${at}`]);
    lines.push(['Needed at the pilot boarding area', portTime(a.berthWindow.pilotBoardingAreaAt)]);
  }
  if (a.distanceToPilotNm !== null) {
    lines.push(['Distance to the pilot boarding area', `${decimal(a.distanceToPilotNm)} nm`]);
  }
  if (a.currentSpeedKn !== null) lines.push(['Current speed', `${decimal(a.currentSpeedKn)} kn`]);
  if (a.advice) {
    const v = a.advice;
    lines.push(['Advised speed', `${decimal(v.advisedSpeedKn)} kn`]);
    lines.push([
      'Arrival at the current speed',
      v.lateHours > 0
        ? `${portTime(v.arrivalAtCurrentSpeed)} (${decimal(v.lateHours)} h late)`
        : `${portTime(v.arrivalAtCurrentSpeed)} (then ${decimal(v.waitAtCurrentSpeedHours)} h at anchor)`,
    ]);
    lines.push(['Arrival at the advised speed', portTime(v.advisedArrival)]);
    lines.push(['Fuel saved', `${decimal(v.fuelSavedT)} t`]);
    lines.push(['CO2 saved', `${decimal(v.co2SavedT)} t`]);
  } else {
    lines.push(['No advice', a.reason ?? 'none given']);
  }
  return lines;
}

/** One vessel of `GET /jit/approaching` (no call yet). */
export interface ApproachingVessel extends Omit<LiveJitAdvice, 'callId' | 'status' | 'berthWindow' | 'advice'> {
  readonly vessel: { readonly mmsi: string; readonly imo: string | null; readonly name: string | null };
  readonly callId: string | null;
  readonly berthWindow: (NonNullable<LiveJitAdvice['berthWindow']> & { readonly basis: string }) | null;
  readonly advice: (NonNullable<LiveJitAdvice['advice']> & { readonly slowDownAt: string | null }) | null;
}

/** `GET /jit/approaching` */
export interface ApproachingJit {
  readonly at: string;
  readonly asOf: string | null;
  readonly source: string;
  readonly horizonNm: number;
  readonly vesselsApproaching: number;
  readonly vesselsAdvised: number;
  readonly vesselsInCall: number;
  readonly truncated: boolean;
  readonly fuelSavedT: number;
  readonly co2SavedT: number;
  readonly vessels: readonly ApproachingVessel[];
}

export const APPROACHING_COLUMNS = [
  'Vessel',
  'Distance to pilots',
  'Speed now',
  'Berth window',
  'Advised speed',
  'Slow down',
  'At the pilots (advised)',
  'Fuel saved',
  'CO2 saved',
  'As of',
] as const;

/** The table cells of each approaching vessel, in `APPROACHING_COLUMNS` order (times in the port's zone). */
export function approachingRows(listing: ApproachingJit): string[][] {
  return listing.vessels.map((v) => {
    const w = v.berthWindow;
    const a = v.advice;
    return [
      v.vessel.name ?? `MMSI ${v.vessel.mmsi}`,
      v.distanceToPilotNm === null ? '—' : `${Math.round(v.distanceToPilotNm)} nm`,
      v.currentSpeedKn === null ? '—' : `${decimal(v.currentSpeedKn)} kn`,
      w ? `${portTime(w.start)}${w.terminal ? ` at ${w.terminal}` : ''} (${w.basis})` : '—',
      a ? `${decimal(a.advisedSpeedKn)} kn` : (v.reason ?? 'no advice'),
      a ? (a.slowDownAt === null ? 'keep speed' : portTime(a.slowDownAt)) : '—',
      a ? portTime(a.advisedArrival) : '—',
      a ? `${decimal(a.fuelSavedT)} t` : '—',
      a ? `${decimal(a.co2SavedT)} t` : '—',
      v.asOf === null ? '—' : portTime(v.asOf),
    ];
  });
}

/** The line above the table: how many ships, advised, what they save, and those counted under their call. */
export function approachingSummary(listing: ApproachingJit): string {
  const inCall =
    listing.vesselsInCall > 0 ? `; ${listing.vesselsInCall} more already in a call (advice on the call page)` : '';
  const more = listing.truncated ? ' (first ones only)' : '';
  const ships = listing.vesselsApproaching === 1 ? 'ship' : 'ships';
  return (
    `${listing.vesselsApproaching} ${ships} approaching within ${listing.horizonNm} nm${more}, ${listing.vesselsAdvised} ` +
    `advised: ${decimal(listing.fuelSavedT)} t fuel and ${decimal(listing.co2SavedT)} t CO2 saved by arriving just in time${inCall}`
  );
}
