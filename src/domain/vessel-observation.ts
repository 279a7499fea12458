/**
 * Payloads of `VESSEL` canonical events: what AIS (NMEA or provider CSV) tells about a vessel.
 * Shared by every AIS source so projections do not care where a position came from.
 *
 * Storage does not grow with the raw message rate: position events use the idempotency key
 * `ais-pos:<mmsi>:<UTC minute>` (see `positionIdempotencyKey`), so the store keeps at most one
 * position per vessel per minute (the first received); later ones in the same minute are duplicates.
 */
import type { BroadcastEta } from './reported-eta.js';

/** `eventTypeCode` of an AIS position report event. */
export const VESSEL_POSITION = 'POSN';
/** `eventTypeCode` of an AIS static-and-voyage-data event (type 5, 19, 24, or provider CSV). */
export const VESSEL_STATIC = 'STAT';

export type VesselPositionPayload = {
  readonly mmsi: string;
  readonly lat: number;
  readonly lon: number;
  readonly sogKn: number | null;
  readonly cogDeg: number | null;
  readonly headingDeg: number | null;
  /** AIS navigational status 0–15 (0 under way, 1 at anchor, 5 moored); null for class B. */
  readonly navStatus: number | null;
  /** AIS message type it came from (1–3, 18, 19, 27), or null for provider CSV. */
  readonly aisType: number | null;
};

export type VesselStaticPayload = {
  readonly mmsi: string;
  /** 7-digit IMO number as text, or null when not broadcast / invalid. */
  readonly imo: string | null;
  readonly callSign: string | null;
  readonly name: string | null;
  /** AIS ship-and-cargo type code (70–79 cargo, 80–89 tanker...). */
  readonly shipType: number | null;
  readonly lengthM: number | null;
  readonly beamM: number | null;
  readonly draughtM: number | null;
  readonly destination: string | null;
  /**
   * The ETA the master entered (AIS type 5 only; reported-eta.ts resolves its year): present, possibly null,
   * in type 5 reports parsed since migration 0023; absent in other reports and in older events.
   */
  readonly eta?: BroadcastEta | null;
};

/** First 16 chars of an ISO instant = `YYYY-MM-DDTHH:MM`, the minute bucket. */
export function positionIdempotencyKey(mmsi: string, eventDateTime: string): string {
  return `ais-pos:${mmsi}:${eventDateTime.slice(0, 16)}`;
}
