/**
 * The message sources of a run besides AIS, the one list the live feeder (`sim --live`, the simulator in
 * `serve`) sends: each party's messages go to `POST /ingest/{format}` under its own organisation. Today one
 * source: the cargo flows of `src/sim/cargo/`; a new source is one more entry here. Pure.
 */
import { cargoMessageSource } from './cargo/cargo-message-source.js';
import { shorePowerSource } from './cargo/shore-power-source.js';
import { mergeSources } from './merge-sources.js';
import type { SimMessageSource } from './sim-message.js';
import type { SimRun } from './simulate.js';

export function messageSourcesOf(run: SimRun): readonly SimMessageSource[] {
  return [cargoMessageSource(run), shorePowerSource(run)];
}

/** Every source of the run as one time-ordered source. */
export function messageSourceOf(run: SimRun): SimMessageSource {
  return mergeSources(messageSourcesOf(run));
}
