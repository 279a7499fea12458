/**
 * The message sources of a run besides AIS and telemetry, the one list both the live feeder (`sim --live`, the
 * simulator in `serve`) and the file output (`messages.jsonl`) send: each party's messages go to `POST
 * /ingest/{format}` under its own organisation. The cargo flows of `src/sim/cargo/` (the cargo source is passed in
 * by a caller that also wants its statistics), the terminals' shore power sessions and the truckers' drayage truck
 * registrations, the carriers' vessel particulars; a new source is one more entry here. Pure.
 */
import { cargoMessageSource } from './cargo/cargo-message-source.js';
import { shorePowerSource } from './cargo/shore-power-source.js';
import { vesselParticularsSource } from './cargo/vessel-particulars-source.js';
import { drayageTruckSource } from './equipment/drayage-truck-source.js';
import { mergeSources } from './merge-sources.js';
import type { SimMessageSource } from './sim-message.js';
import type { SimRun } from './simulate.js';

export function messageSourcesOf(
  run: SimRun,
  cargo: SimMessageSource = cargoMessageSource(run),
): readonly SimMessageSource[] {
  return [cargo, shorePowerSource(run), drayageTruckSource(run), vesselParticularsSource(run)];
}

/** Every source of the run as one time-ordered source. */
export function messageSourceOf(run: SimRun, cargo?: SimMessageSource): SimMessageSource {
  return mergeSources(messageSourcesOf(run, cargo));
}
