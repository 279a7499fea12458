/**
 * The call page's live just-in-time advice (`GET /vessel-calls/{callId}/jit-advice`; docs/emissions.md "Live advice
 * for an approaching vessel"): for a call still approaching, the berth window, where the ship is and how fast it
 * goes, and the speed that meets the window with the fuel and CO2 it saves. The labels and values as the API gives
 * them (times in the port's zone); pure.
 */
import { portTime } from '../format';

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
  if (a.distanceToPilotNm !== null) lines.push(['Distance to the pilot boarding area', `${a.distanceToPilotNm} nm`]);
  if (a.currentSpeedKn !== null) lines.push(['Current speed', `${a.currentSpeedKn} kn`]);
  if (a.advice) {
    const v = a.advice;
    lines.push(['Advised speed', `${v.advisedSpeedKn} kn`]);
    lines.push([
      'Arrival at the current speed',
      v.lateHours > 0
        ? `${portTime(v.arrivalAtCurrentSpeed)} (${v.lateHours} h late)`
        : `${portTime(v.arrivalAtCurrentSpeed)} (then ${v.waitAtCurrentSpeedHours} h at anchor)`,
    ]);
    lines.push(['Arrival at the advised speed', portTime(v.advisedArrival)]);
    lines.push(['Fuel saved', `${v.fuelSavedT} t`]);
    lines.push(['CO2 saved', `${v.co2SavedT} t`]);
  } else {
    lines.push(['No advice', a.reason ?? 'none given']);
  }
  return lines;
}
