/**
 * Canonical events from EDI facts (ANSI X12 and UN/EDIFACT alike). Idempotency key = `<format>:<sha256>`
 * over the fact itself — sender (ISA05/ISA06, UNB 0004), event type/code/classifier, event time, location,
 * equipment, references, discriminator — and NOT over control numbers (ISA13/GS06/ST02, UNB 0020/UNH 0062):
 * translators assign fresh control numbers when a partner re-sends an interchange, so a key built on them
 * would store the same gate move twice. A corrected message (different time or place) yields a new key and
 * a new fact; the same fact reported twice in one file is stored once.
 */
import { createHash } from 'node:crypto';
import type { EventLocation, EventReferences, NewCanonicalEvent } from '../domain/canonical-event.js';
import type { DcsaEventCode } from '../domain/event-map.js';

export interface EdiFact {
  readonly format: string;
  readonly sender: string;
  readonly eventType: NewCanonicalEvent['eventType'];
  readonly eventTypeCode: DcsaEventCode;
  readonly eventClassifierCode: NewCanonicalEvent['eventClassifierCode'];
  readonly eventDateTime: string;
  readonly eventCreatedDateTime: string;
  readonly location?: EventLocation | undefined;
  readonly references: EventReferences;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Extra discriminator for the key (e.g. hold type), where the fields above are not enough. */
  readonly discriminator?: string | undefined;
}

export function ediFactEvent(fact: EdiFact): NewCanonicalEvent {
  const r = fact.references;
  const keyMaterial = JSON.stringify([
    fact.sender,
    fact.eventType,
    fact.eventTypeCode,
    fact.eventClassifierCode,
    fact.eventDateTime,
    fact.location?.unLocationCode ?? null,
    fact.location?.facilityCode ?? null,
    r.equipmentReference ?? null,
    r.transportDocumentReference ?? null,
    r.carrierBookingReference ?? null,
    r.vesselIMONumber ?? null,
    r.carrierVoyageNumber ?? null,
    fact.discriminator ?? null,
  ]);
  return {
    idempotencyKey: `${fact.format}:${createHash('sha256').update(keyMaterial).digest('hex')}`,
    eventType: fact.eventType,
    eventTypeCode: fact.eventTypeCode,
    eventClassifierCode: fact.eventClassifierCode,
    eventDateTime: fact.eventDateTime,
    eventCreatedDateTime: fact.eventCreatedDateTime,
    location: fact.location,
    references: Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== '')),
    payload: fact.payload,
  };
}
