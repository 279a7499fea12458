/**
 * What each container terminal of the registry can work at once: ship berths for large container ships and
 * ship-to-shore cranes. Estimates from the terminals' quay lengths (one berth per ~400 m of container quay)
 * and published crane counts, rounded; POLA reports 82 ship-to-shore cranes in all (forecast-and-scale.md,
 * Table 8), these terminals hold 68 of them.
 */
export interface TerminalCapacity {
  readonly berths: number;
  readonly cranes: number;
  /** Gross crane productivity, moves per crane-hour, at a normal yard. */
  readonly movesPerCraneHour: number;
}

export const TERMINAL_CAPACITY: Readonly<Record<string, TerminalCapacity>> = Object.freeze({
  APMT: { berths: 4, cranes: 16, movesPerCraneHour: 26 },
  ETS: { berths: 2, cranes: 8, movesPerCraneHour: 24 },
  EAGLE: { berths: 3, cranes: 12, movesPerCraneHour: 25 },
  TRAP: { berths: 2, cranes: 10, movesPerCraneHour: 27 },
  WBCT: { berths: 3, cranes: 12, movesPerCraneHour: 24 },
  YUSEN: { berths: 2, cranes: 10, movesPerCraneHour: 25 },
  ITS: { berths: 2, cranes: 8, movesPerCraneHour: 25 },
  LBCT: { berths: 3, cranes: 14, movesPerCraneHour: 30 },
  SSAPCT: { berths: 3, cranes: 14, movesPerCraneHour: 26 },
  SSATA: { berths: 2, cranes: 6, movesPerCraneHour: 24 },
  MATU: { berths: 1, cranes: 4, movesPerCraneHour: 26 },
  TTI: { berths: 3, cranes: 14, movesPerCraneHour: 27 },
});

export function capacityOf(smdgCode: string): TerminalCapacity {
  const c = TERMINAL_CAPACITY[smdgCode];
  if (!c) throw new Error(`no capacity for terminal ${smdgCode}`);
  return c;
}
