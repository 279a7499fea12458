/**
 * Berths for large container ships at each container terminal of the registry (data-static/terminals/), the
 * berth capacity of the anchorage queue model. Not in the SMDG Terminal Code List (its "berths" are berth
 * numbers, e.g. 401-406): an estimate from each terminal's container quay length, one berth per ~400 m of quay,
 * rounded. The simulator's terminals have the same berths (sim/terminal-capacity.ts reads this table), so the
 * backtests score the model with the berth counts the route uses. Pure data.
 */
export const TERMINAL_BERTHS: Readonly<Record<string, number>> = Object.freeze({
  APMT: 4,
  ETS: 2,
  EAGLE: 3,
  TRAP: 2,
  WBCT: 3,
  YUSEN: 2,
  ITS: 2,
  LBCT: 3,
  SSAPCT: 3,
  SSATA: 2,
  MATU: 1,
  TTI: 3,
});

/** The berth count of a terminal; undefined for one not in the table. */
export function berthsOf(smdgCode: string): number | undefined {
  return TERMINAL_BERTHS[smdgCode];
}
