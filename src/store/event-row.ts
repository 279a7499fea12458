/** Mapping between canonical events and `event` rows (the only place that knows both shapes). */
import type { EventClassifier, EventType, StoredEvent, Visibility } from '../domain/canonical-event.js';
import type { Selectable } from 'kysely';
import type { EventTable } from './schema.js';

export type EventRow = Selectable<EventTable>;

/** Drops null fields; undefined when nothing is left. */
function defined(value: Record<string, string | null>): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const key in value) {
    const v = value[key];
    if (v !== null && v !== undefined) (out ??= {})[key] = v;
  }
  return out;
}

/**
 * The stored event of a row. Its code and payload are trusted as the parsers wrote them (the one unchecked
 * assertion at the store edge): `domain/event-payload-guard.ts` checks them, but a row that fails the check
 * must then be quarantined by the projection runner rather than stall its page, which is not wired yet.
 */
export function rowToEvent(row: EventRow): StoredEvent {
  const event = {
    seq: row.seq,
    eventId: row.event_id,
    idempotencyKey: row.idempotency_key,
    eventType: row.event_type as EventType,
    eventClassifierCode: row.event_classifier_code as EventClassifier,
    eventDateTime: row.event_date_time.toISOString(),
    eventCreatedDateTime: row.event_created_date_time.toISOString(),
    location: row.location ?? undefined,
    references: defined({
      equipmentReference: row.equipment_reference,
      transportDocumentReference: row.transport_document_reference,
      carrierBookingReference: row.carrier_booking_reference,
      vesselIMONumber: row.vessel_imo_number,
      vesselMMSI: row.vessel_mmsi,
      carrierVoyageNumber: row.carrier_voyage_number,
      carrierCode: row.carrier_code,
    }),
    eventTypeCode: row.event_type_code,
    payload: row.payload,
    source: row.source,
    inboxId: row.inbox_id,
    sourceOrg: row.source_org,
    ownerOrgs: row.owner_orgs,
    visibility: row.visibility as Visibility,
    recordedAt: row.recorded_at.toISOString(),
  };
  return event as StoredEvent;
}
