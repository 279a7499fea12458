/**
 * Vessel particulars statements (format `csv-vessel-particulars`, docs/emissions.md "Vessel particulars feed"): a
 * carrier (for the vessels it operates) or the port authority (for any vessel, e.g. from a ship register) states
 * what AIS does not carry — installed main and auxiliary power, design speed, maximum draught, size (TEU, DWT, GT),
 * main engine type and stroke, fuel, build year and whether the vessel can take shore power or is zero-emission
 * capable at berth. Each row becomes an openpcs extension VESSEL event `VPAR`, classifier `ACT`, dated `as_of`.
 * A statement is keyed by sender × IMO number: a later statement of the same sender replaces its earlier one; the
 * statements of different senders are kept side by side with their provenance. Every field but the IMO number and
 * `as_of` may be empty (the sender does not know it): per-call emissions estimate each empty field. Pure.
 */

/** Event type code of a vessel particulars statement (openpcs extension, eventType `VESSEL`). */
export const VESSEL_PARTICULARS = 'VPAR';

/** `VPAR` payload. Units are in the field names; null = not stated. */
export type VesselParticularsPayload = {
  readonly extension: 'openpcs';
  /** IMO ship identification number (7 digits, check digit valid): the key. */
  readonly imo: string;
  readonly mmsi: string | null;
  readonly vesselName: string | null;
  /** A GHG4 ship type (`emissions/ghg4-factors.ts` `GHG4_SHIP_TYPES`), e.g. `container`. */
  readonly shipType: string | null;
  readonly teu: number | null;
  readonly dwt: number | null;
  readonly gt: number | null;
  /** Installed main-engine power (MCR), kW. */
  readonly mainEngineKw: number | null;
  /** Installed auxiliary-engine power (sum of the generator sets), kW. */
  readonly auxEngineKw: number | null;
  readonly designSpeedKn: number | null;
  /** Maximum (summer load line) draught, m. */
  readonly maxDraughtM: number | null;
  /** A GHG4 main-engine type (`GHG4_ENGINES`): SSD, MSD, HSD, LNG-Otto-MS, LBSI, GT, ST. */
  readonly mainEngine: string | null;
  /** Main-engine stroke: 2 or 4. */
  readonly engineStroke: 2 | 4 | null;
  /** A method fuel (`emissions/fuels.ts` `FUELS`): HFO, LFO, MDO, LNG, METHANOL. */
  readonly fuel: string | null;
  readonly sulphurPct: number | null;
  readonly builtYear: number | null;
  /** Fitted to take shore power (AMP / OPS). */
  readonly shorePowerCapable: boolean | null;
  /** Able to stay at berth with no emissions on board (batteries, fuel cells). */
  readonly zeroEmissionCapable: boolean | null;
  readonly sourceMessage: { readonly format: string; readonly line: number };
};

/** Bounds of a plausible statement (the largest ships afloat are ~24,000 TEU, ~240,000 GT, ~80 MW, 24 m draught). */
export const PARTICULARS_LIMITS = {
  teu: 40_000,
  dwt: 600_000,
  gt: 300_000,
  mainEngineKw: 200_000,
  auxEngineKw: 100_000,
  designSpeedKn: 60,
  maxDraughtM: 30,
  sulphurPct: 5,
} as const;
