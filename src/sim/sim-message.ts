/**
 * What the simulator emits besides AIS: one message a simulated community member sends to the product, in one
 * of the product's ingest formats, at one simulated instant. Cargo flows (`src/sim/cargo/`) produce them; the
 * file writer and the live feeder (`src/sim/io/`) send them through the real ingestion path
 * (`POST /ingest/{format}` with the party's own API key).
 */

/** A simulated community member: each one is its own organisation with its own API key. */
export interface SimParty {
  /** Organisation code, stable for a seed (e.g. a carrier's SCAC, a terminal's SMDG code). */
  readonly code: string;
  readonly name: string;
  /** Community role (src/access/roles.ts): carrier, terminal, trucker, customs_broker, bco, railroad… */
  readonly role: 'carrier' | 'terminal' | 'trucker' | 'customs_broker' | 'bco' | 'railroad' | 'port_authority';
}

export interface SimMessage {
  /** Simulated instant the party sends it (ms since the epoch, UTC). */
  readonly atMs: number;
  readonly party: SimParty;
  /** Ingest format name as registered in src/ingest/default-parsers.ts (e.g. `dcsa-events`, `x12-322`). */
  readonly format: string;
  /** The message exactly as the party would send it. */
  readonly body: string;
  /**
   * Other parties that own what the message states (`POST /ingest/{format}?owners=`): the beneficial cargo owner
   * of the boxes a terminal's availability or a holds statement names, so the owner sees its own boxes.
   */
  readonly owners?: readonly SimParty[];
}

/**
 * A time-ordered source of messages. Windows are asked for in increasing, adjacent order
 * (`[t0, t1)`, `[t1, t2)`, …), so a source may generate lazily and forget what it has handed out.
 */
export interface SimMessageSource {
  /** The messages with `fromMs <= atMs < toMs`, in time order (ties in a stable order). */
  messagesIn(fromMs: number, toMs: number): readonly SimMessage[];
  /**
   * Does one slice of the work `messagesIn(fromMs, toMs)` needs (the cargo flows: up to 500 slot-ledger steps, or
   * one call's boxes) and says
   * whether it did (false: nothing left to prepare), so a live caller can let its event loop run between slices
   * (`while (source.prepare?.(from, to)) await setImmediate()`). Optional: `messagesIn` does what is left.
   */
  prepare?(fromMs: number, toMs: number): boolean;
}
