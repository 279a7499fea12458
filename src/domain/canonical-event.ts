/**
 * The canonical event: one fact about the port, aligned with DCSA Track & Trace 2.2
 * (eventType + eventTypeCode + eventClassifierCode, eventDateTime / eventCreatedDateTime).
 *
 * Every parser, whatever its source format, produces `NewCanonicalEvent`s; the event store adds the
 * global position (`seq`), the event id and the recording time. Events are facts: append-only.
 */

import type { DcsaEventCode, EventPayloadMap, EventTypeCode, OpenpcsEventCode } from './event-map.js';

/** DCSA event families, plus `VESSEL` for AIS-derived observations that DCSA does not cover. */
export const EVENT_TYPES = ['TRANSPORT', 'EQUIPMENT', 'SHIPMENT', 'VESSEL'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** DCSA classifier: planned, estimated, requested, actual. */
export const EVENT_CLASSIFIERS = ['PLN', 'EST', 'REQ', 'ACT'] as const;
export type EventClassifier = (typeof EVENT_CLASSIFIERS)[number];

/** Who may see a fact (DESIGN §5). `owners` always may; `community` = every authenticated member. */
export const VISIBILITIES = ['private', 'community', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface EventLocation {
  /** UN/LOCODE, e.g. `USLAX`. */
  readonly unLocationCode?: string | undefined;
  /** Facility code, e.g. an SMDG terminal code such as `USLAXTRP`... see `facilityCodeListProvider`. */
  readonly facilityCode?: string | undefined;
  /** `SMDG` or `BIC` as in DCSA. */
  readonly facilityCodeListProvider?: 'SMDG' | 'BIC' | undefined;
  /** DCSA facility type: BRTH (berth), ANCH (anchorage), PBPL (pilot boarding place), COYA, GATE, RAMP... */
  readonly facilityTypeCode?: string | undefined;
  readonly locationName?: string | undefined;
  readonly latitude?: number | undefined;
  readonly longitude?: number | undefined;
}

/** Searchable references, kept as columns so the community API can filter on them. */
export interface EventReferences {
  readonly equipmentReference?: string | undefined;
  readonly transportDocumentReference?: string | undefined;
  readonly carrierBookingReference?: string | undefined;
  readonly vesselIMONumber?: string | undefined;
  readonly vesselMMSI?: string | undefined;
  readonly carrierVoyageNumber?: string | undefined;
  readonly carrierCode?: string | undefined;
}

interface CanonicalEventFields {
  /** Stable key derived from the source: same source message ⇒ same key ⇒ stored once. */
  readonly idempotencyKey: string;
  readonly eventType: EventType;
  readonly eventClassifierCode: EventClassifier;
  /** When the fact happens/happened (ISO 8601 instant, UTC). */
  readonly eventDateTime: string;
  /** When the source created the message (ISO 8601 instant, UTC). */
  readonly eventCreatedDateTime: string;
  readonly location?: EventLocation | undefined;
  readonly references?: EventReferences | undefined;
}

/** The event of one type code: its payload is the one the event map gives for the code. */
export type CanonicalEventOf<C extends EventTypeCode> = CanonicalEventFields & {
  /** DCSA code: ARRI/DEPA (transport), LOAD/DISC/GTIN/GTOT... (equipment), RECE/ISSU... (shipment), or an openpcs one. */
  readonly eventTypeCode: C;
  /** Typed by the event map (`event-map.ts`); stored as JSON. */
  readonly payload: EventPayloadMap[C];
};

/**
 * Any canonical event: a union discriminated by `eventTypeCode`, so a test of the code narrows the payload.
 * The DCSA codes share one member (their payloads have one type); each openpcs code is a member of its own.
 */
export type NewCanonicalEvent =
  CanonicalEventOf<DcsaEventCode> | { [C in OpenpcsEventCode]: CanonicalEventOf<C> }[OpenpcsEventCode];

/** A payload read field by field, whatever the code (every payload type is a record of JSON values). */
export function payloadFields(event: NewCanonicalEvent): Readonly<Record<string, unknown>> {
  return event.payload;
}

/** Provenance and ownership stamped on every stored event (DESIGN §2, "ownership from the first migration"). */
export interface EventProvenance {
  /** Format id of the parser that produced it, e.g. `csv-vessel-schedule`. */
  readonly source: string;
  readonly inboxId: string | null;
  readonly sourceOrg: string;
  readonly ownerOrgs: readonly string[];
  readonly visibility: Visibility;
}

/** What the store adds to every event. */
export interface StoreStamp extends EventProvenance {
  /** Global, gap-free-in-commit-order position; the cursor of `GET /events`. */
  readonly seq: string;
  readonly eventId: string;
  readonly recordedAt: string;
}

export type StoredEvent = NewCanonicalEvent & StoreStamp;
export type StoredEventOf<C extends EventTypeCode> = CanonicalEventOf<C> & StoreStamp;
