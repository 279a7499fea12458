/**
 * What each container terminal of the registry can work at once: ship berths for large container ships and
 * ship-to-shore cranes. Berths: the anchorage queue model's table (forecast/anchorage/terminal-berths.ts:
 * one berth per ~400 m of container quay), so the simulated port has the berths the model assumes; cranes:
 * published crane counts, rounded; POLA reports 82 ship-to-shore cranes in all (forecast-and-scale.md,
 * Table 8), these terminals hold 68 of them.
 */
import { TERMINAL_BERTHS } from '../forecast/anchorage/terminal-berths.js';

export interface TerminalCapacity {
  readonly berths: number;
  readonly cranes: number;
  /** Gross crane productivity, moves per crane-hour, at a normal yard. */
  readonly movesPerCraneHour: number;
}

function berths(smdgCode: string): number {
  const n = TERMINAL_BERTHS[smdgCode];
  if (n === undefined) throw new Error(`no berth count for terminal ${smdgCode}`);
  return n;
}

export const TERMINAL_CAPACITY: Readonly<Record<string, TerminalCapacity>> = Object.freeze({
  APMT: { berths: berths('APMT'), cranes: 16, movesPerCraneHour: 26 },
  ETS: { berths: berths('ETS'), cranes: 8, movesPerCraneHour: 24 },
  EAGLE: { berths: berths('EAGLE'), cranes: 12, movesPerCraneHour: 25 },
  TRAP: { berths: berths('TRAP'), cranes: 10, movesPerCraneHour: 27 },
  WBCT: { berths: berths('WBCT'), cranes: 12, movesPerCraneHour: 24 },
  YUSEN: { berths: berths('YUSEN'), cranes: 10, movesPerCraneHour: 25 },
  ITS: { berths: berths('ITS'), cranes: 8, movesPerCraneHour: 25 },
  LBCT: { berths: berths('LBCT'), cranes: 14, movesPerCraneHour: 30 },
  SSAPCT: { berths: berths('SSAPCT'), cranes: 14, movesPerCraneHour: 26 },
  SSATA: { berths: berths('SSATA'), cranes: 6, movesPerCraneHour: 24 },
  MATU: { berths: berths('MATU'), cranes: 4, movesPerCraneHour: 26 },
  TTI: { berths: berths('TTI'), cranes: 14, movesPerCraneHour: 27 },
});

export function capacityOf(smdgCode: string): TerminalCapacity {
  const c = TERMINAL_CAPACITY[smdgCode];
  if (!c) throw new Error(`no capacity for terminal ${smdgCode}`);
  return c;
}
