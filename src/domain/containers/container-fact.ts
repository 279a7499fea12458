/**
 * One fact about one container (or about a bill of lading / vessel departure that applies to containers),
 * normalised from a stored canonical event whatever its source format. A container's state is a function
 * of the SET of its facts (see `container-state.ts`), so facts are kept as they are, never merged.
 */
import type { EventClassifier } from '../../domain/canonical-event.js';

export interface ContainerFact {
  /** Idempotency key of the source event: the fact's identity. */
  readonly key: string;
  /** Store position of the source event (reported as `last_event_seq`; never used for ordering). */
  readonly seq: string;
  /** Event code: LOAD, DISC, GTIN, GTOT, DEPA (vessel departure), HOLD, RELS, MSTR, … */
  readonly code: string;
  readonly classifier: EventClassifier;
  /** eventDateTime, ISO UTC. */
  readonly at: string;
  /** eventCreatedDateTime, ISO UTC. */
  readonly createdAt: string;
  readonly unLocationCode: string | null;
  /** SMDG terminal code when the event names a San Pedro Bay terminal (or any SMDG facility). */
  readonly terminalCode: string | null;
  /** VESSEL, RAIL, TRUCK, BARGE when known. */
  readonly mode: string | null;
  /** EMPTY / LADEN when known. */
  readonly empty: string | null;
  readonly isoEquipmentCode: string | null;
  readonly vesselIMONumber: string | null;
  readonly vesselName: string | null;
  readonly carrierVoyageNumber: string | null;
  readonly carrierCode: string | null;
  readonly transportDocumentReference: string | null;
  readonly carrierBookingReference: string | null;
  /** CUSTOMS, FREIGHT, TERMINAL, USDA, OTHER for HOLD/RELS. */
  readonly holdType: string | null;
  readonly locationName: string | null;
  readonly ownerOrgs: readonly string[];
  readonly source: string;
  /** A terminal's availability statement (`AVLB`, format `csv-availability`); absent on other facts. */
  readonly statement?: AvailabilityStatementFact | undefined;
}

export interface AvailabilityStatementFact {
  readonly lastFreeDay: string | null;
  readonly available: boolean;
  readonly holds: readonly string[];
  /** The organisation that sent it. */
  readonly statedBy: string;
  /** The inbox message it came in, and the line in it. */
  readonly inboxId: string | null;
  readonly line: number | null;
}
