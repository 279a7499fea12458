/**
 * Shore power connections (format `csv-shore-power`, docs/emissions.md "Shore power sessions"): a terminal states
 * when a vessel was plugged into the grid at one of its berths and, once it is unplugged, when — with the energy
 * its meter served when it has one. Each row becomes an openpcs extension TRANSPORT event `SHPC`, classifier
 * `ACT`, dated `as_of` (when the terminal stated it). A session is keyed by sender × terminal × vessel × connection
 * instant: a later statement of the same session (the disconnection, a meter reading) replaces an earlier one.
 * Pure.
 */

/** Event type code of a shore power connection statement (openpcs extension, eventType `TRANSPORT`). */
export const SHORE_POWER_CONNECTION = 'SHPC';

/** What a terminal states of one shore power session (the `SHPC` payload, the parser's row and the emissions' input). */
export type ShorePowerSessionFacts = {
  /** SMDG code of the terminal whose berth served the power. */
  readonly terminal: string;
  readonly berth: string;
  /** At least one of IMO and MMSI. */
  readonly imo: string | null;
  readonly mmsi: string | null;
  readonly connectedAt: string;
  /** Null while the vessel is still connected. */
  readonly disconnectedAt: string | null;
  /** Energy the terminal's meter served to the ship over the session; null when the terminal has no reading. */
  readonly energyKwh: number | null;
};

/** `SHPC` payload. Instants are ISO 8601 UTC. */
export type ShorePowerConnectionPayload = ShorePowerSessionFacts & {
  readonly extension: 'openpcs';
  readonly sourceMessage: { readonly format: string; readonly line: number };
};

/** Longest session a row may state: a container ship stays at berth days, not weeks. */
export const MAX_SESSION_DAYS = 14;
/** Largest metered energy a row may state (a large ship draws ≲ 16 MW; 14 days at that is ~5.4 GWh). */
export const MAX_SESSION_KWH = 10_000_000;
