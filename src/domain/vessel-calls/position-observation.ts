import type { VesselPositionPayload, VesselStaticPayload } from '../../domain/vessel-observation.js';

/** One AIS position as the projections see it: the `POSN` event's instant and payload. */
export interface PositionObservation {
  /** ISO 8601 UTC instant of the report. */
  readonly eventDateTime: string;
  readonly position: VesselPositionPayload;
  /** Latest static data known for the vessel at that time, if any (`STAT` payload). */
  readonly static?: VesselStaticPayload | null | undefined;
}
