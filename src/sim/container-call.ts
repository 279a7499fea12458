/** One container-ship call of the simulated port: the model's ground truth, written as `calls.jsonl`. */
import type { SimPort } from './teu-calibration.js';
import type { SimVessel } from './vessel-particulars.js';

export interface ContainerCall {
  readonly id: string;
  readonly serviceId: string;
  readonly carrierScac: string;
  /** Carrier voyage number (service, week). */
  readonly voyage: string;
  readonly port: SimPort;
  /** SMDG code of the terminal (registry). */
  readonly terminal: string;
  readonly berth: number;
  readonly vessel: SimVessel;
  readonly previousPort: string;
  readonly seaDistanceNm: number;
  readonly seaSpeedKn: number;
  readonly departedPreviousMs: number;
  readonly scheduledArrivalMs: number;
  /** Arrival at the inner end of the TSS lane (the "arrival" of a port-call timestamp). */
  readonly arrivalMs: number;
  /** Anchored waiting for a berth: where (an anchorage zone id, or `outside` the official anchorages) and when. */
  readonly anchorage: { readonly zoneId: string; readonly startMs: number; readonly endMs: number } | null;
  readonly pilotOnMs: number;
  readonly berthedMs: number;
  readonly workStartMs: number;
  readonly workEndMs: number;
  readonly unberthMs: number;
  /** Pilot disembarks at the pilot boarding area, outbound. */
  readonly pilotOffMs: number;
  /** Leaving the TSS lane outbound. */
  readonly departedMs: number;
  readonly dischargeTeu: number;
  readonly loadTeu: number;
  readonly moves: number;
  readonly cranes: number;
  /** Shore power connected at berth (vessel fitted; every terminal of the registry offers AMP). */
  readonly shorePower: boolean;
  /** An unscheduled extra loader (the surge knob), not a weekly service voyage. */
  readonly extraLoader: boolean;
}
