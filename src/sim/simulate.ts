/** One simulation run: the container port model and the harbour traffic around it. Pure. */
import type { ContainerCall } from './container-call.js';
import { simulateHarbourTraffic, type HarbourTraffic } from './harbour-traffic.js';
import { simulateContainerPort, type PortModelInputs } from './port-model.js';
import type { Scenario } from './scenario.js';
import type { Track } from './track.js';

export interface SimRun {
  readonly scenario: Scenario;
  readonly calls: readonly ContainerCall[];
  /** Every vessel movement, container ships first; one vessel may have several tracks (one per call). */
  readonly tracks: readonly Track[];
  readonly harbour: HarbourTraffic['counts'];
}

export function simulate(scenario: Scenario, inputs: PortModelInputs): SimRun {
  const port = simulateContainerPort(scenario, inputs);
  const harbour = simulateHarbourTraffic(scenario, port.calls);
  return { scenario, calls: port.calls, tracks: [...port.tracks, ...harbour.tracks], harbour: harbour.counts };
}
