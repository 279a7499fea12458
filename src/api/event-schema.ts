/** Response schema of a stored canonical event (DCSA-aligned envelope + openpcs provenance). */
import { z } from 'zod';
import { EVENT_CLASSIFIERS, EVENT_TYPES, VISIBILITIES, type StoredEvent } from '../domain/canonical-event.js';

export const EventSchema = z
  .object({
    seq: z.string().describe('global position in the event store'),
    eventId: z.string().uuid(),
    idempotencyKey: z.string(),
    eventType: z.enum(EVENT_TYPES),
    eventTypeCode: z.string().describe('DCSA code, e.g. ARRI, DEPA, LOAD, DISC, GTIN, GTOT'),
    eventClassifierCode: z.enum(EVENT_CLASSIFIERS),
    eventDateTime: z.string().datetime(),
    eventCreatedDateTime: z.string().datetime(),
    location: z
      .object({
        unLocationCode: z.string().optional(),
        facilityCode: z.string().optional(),
        facilityCodeListProvider: z.enum(['SMDG', 'BIC']).optional(),
        facilityTypeCode: z.string().optional(),
        locationName: z.string().optional(),
        latitude: z.number().optional(),
        longitude: z.number().optional(),
      })
      .optional(),
    references: z
      .object({
        equipmentReference: z.string().optional(),
        transportDocumentReference: z.string().optional(),
        carrierBookingReference: z.string().optional(),
        vesselIMONumber: z.string().optional(),
        vesselMMSI: z.string().optional(),
        carrierVoyageNumber: z.string().optional(),
        carrierCode: z.string().optional(),
      })
      .optional(),
    payload: z.record(z.string(), z.unknown()),
    source: z.string().describe('format id of the parser that produced it'),
    inboxId: z.string().nullable(),
    sourceOrg: z.string(),
    ownerOrgs: z.array(z.string()),
    visibility: z.enum(VISIBILITIES),
    recordedAt: z.string().datetime(),
  })
  .describe('Canonical event');

export type EventView = z.infer<typeof EventSchema>;

/** The API's view of a stored event. */
export function toEventView(event: StoredEvent): EventView {
  return { ...event, ownerOrgs: [...event.ownerOrgs] };
}
