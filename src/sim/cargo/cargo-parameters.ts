/**
 * Levels of the cargo flows, calibrated on the observed San Pedro Bay KPIs in
 * ../shared/reference/forecast-and-scale.md Table 7 (PMSA dwell: truck-bound 2.50–2.81 d, rail-bound
 * 4.55–7.02 d; HTA truck visit time, queue + in-terminal: 71–98 min, 25% of visits ≥ 2 h in Oct 2015;
 * PierPass in-terminal turn 39–48 min) and on the free-time practice of src/domain/free-time (4 business
 * days for imports). Durations in hours unless named otherwise.
 */
export const CARGO = Object.freeze({
  /** Import boxes leaving by on-dock rail (the rest leave by truck). */
  importRailShare: 0.25,
  /** Reefer share of import and of full export boxes. */
  importReeferShare: 0.08,
  exportReeferShare: 0.15,
  /** Full share of the boxes loaded (the rest are empties repositioned to Asia). */
  exportFullShare: 0.4,
  /** Full export boxes arriving by rail (the rest by truck). */
  exportRailShare: 0.15,
  /** Import boxes with a CBP hold (manifest or exam) and with a carrier freight hold. */
  customsHoldShare: 0.05,
  freightHoldShare: 0.12,
  /** Yard settle time from discharge to a stated yard position, hours (uniform). */
  settleHours: [1, 3] as const,
  /** Truck-bound pick-up target after discharge: log-normal, median and shape (days). */
  truckPickupDays: { median: 2.45, sigma: 0.5 },
  /** Rail-bound: ready for a train after discharge (days), then the next departure of the terminal's trains. */
  railReadyDays: { median: 4.6, sigma: 0.35 },
  /** On-dock rail departures, local hours. */
  trainHours: [9, 21] as const,
  /** Loading a train takes this many hours before its departure. */
  trainLoadHours: 5,
  /** Gates open from 07:00 to 03:00 local (day shift and the PierPass off-peak shifts). */
  gateOpenHour: 7,
  gateCloseHour: 3,
  /** Truck visit: queue before the in-gate, and in-terminal (in-gate → out-gate), minutes, log-normal. */
  queueMinutes: { median: 26, sigma: 0.75 },
  inTerminalMinutes: { median: 45, sigma: 0.4 },
  /** Drop-off only (export or empty return): shorter in-terminal time. */
  dropOffMinutes: { median: 35, sigma: 0.4 },
  /** Full exports gate in this many days before their vessel's crane work (uniform). */
  exportGateInDays: [3, 5] as const,
  /** Empty import boxes come back after this street time (days, log-normal). */
  streetDays: { median: 4, sigma: 0.4 },
  /** Customs hold released after discharge (days, uniform); freight hold (days, log-normal). */
  customsReleaseDays: [0.8, 3.5] as const,
  freightReleaseDays: { median: 0.6, sigma: 0.7 },
});
