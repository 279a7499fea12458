/** Response schema of one DCSA Track & Trace 2.2 event (see dcsa-event-view.ts); extra DCSA fields pass. */
import { z } from 'zod';
import { EVENT_CLASSIFIERS } from '../domain/canonical-event.js';
import { DCSA_EVENT_TYPES } from '../store/event-query.js';

export const DcsaEventSchema = z
  .looseObject({
    eventID: z.string().uuid().describe('openpcs event id (one per stored fact)'),
    eventType: z.enum(DCSA_EVENT_TYPES),
    eventClassifierCode: z.enum(EVENT_CLASSIFIERS),
    eventDateTime: z.string().datetime(),
    eventCreatedDateTime: z.string().datetime(),
    equipmentEventTypeCode: z.string().optional(),
    transportEventTypeCode: z.string().optional(),
    shipmentEventTypeCode: z.string().optional(),
    equipmentReference: z.string().optional(),
    emptyIndicatorCode: z.string().optional(),
    ISOEquipmentCode: z.string().optional(),
    transportCall: z
      .looseObject({
        UNLocationCode: z.string().optional(),
        facilityCode: z.string().optional(),
        facilityCodeListProvider: z.string().optional(),
        facilityTypeCode: z.string().optional(),
        modeOfTransport: z.string().optional(),
        carrierVoyageNumber: z.string().optional(),
        exportVoyageNumber: z.string().optional(),
        importVoyageNumber: z.string().optional(),
        vessel: z
          .looseObject({
            vesselIMONumber: z.string().optional(),
            vesselName: z.string().optional(),
            vesselOperatorCarrierCode: z.string().optional(),
          })
          .optional(),
      })
      .optional(),
    documentReferences: z
      .array(z.looseObject({ documentReferenceType: z.string(), documentReferenceValue: z.string() }))
      .optional(),
  })
  .describe('DCSA Track & Trace 2.2 event (shipmentEvent, transportEvent or equipmentEvent)');
