/**
 * zod schemas of the three DCSA Track & Trace 2.2.0 event types (OpenAPI `TNT_v2.2.0`, components
 * `TransportEvent`, `ShipmentEvent`, `EquipmentEvent`, `TransportCall`, `Vessel`, `Location`,
 * `DocumentReference`, `Reference`, `Seal`), with the enums and maxLengths of the standard.
 *
 * Objects are loose: fields the standard adds later (or a publisher's extensions) pass through into the
 * payload. Optional fields may be `null` (many publishers write `null` for "absent"). Identifier check
 * digits and code lists are checked after the schema, in `dcsa-event-mapper.ts`, so that each failure
 * carries its own `PCS_ID_*` code.
 */
import { SHIPMENT_EVENT_CODES } from '../../domain/cargo-event-codes.js';
import { DCSA_DOCUMENT_TYPE_CODES, DCSA_TRANSPORT_CALL_FACILITY_TYPES } from '../../domain/dcsa-conformance.js';
import { z } from 'zod';

const text = (maxLength?: number) => (maxLength === undefined ? z.string() : z.string().max(maxLength));
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

/** DCSA 2.2 `eventClassifierCode` for T&T events: ACT, PLN, EST (REQ is not used by T&T). */
const classifier = z.enum(['ACT', 'PLN', 'EST']);

export const dcsaLocationSchema = z.looseObject({
  locationName: opt(text(100)),
  latitude: opt(text(10)),
  longitude: opt(text(11)),
  UNLocationCode: opt(text(5)),
  facilityCode: opt(text(6)),
  facilityCodeListProvider: opt(z.enum(['SMDG', 'BIC'])),
  address: opt(z.looseObject({})),
});

export const dcsaVesselSchema = z.looseObject({
  vesselIMONumber: text(7),
  vesselName: opt(text(35)),
  vesselFlag: opt(text(2)),
  vesselCallSignNumber: opt(text(10)),
  vesselOperatorCarrierCode: opt(text(10)),
  vesselOperatorCarrierCodeListProvider: opt(z.enum(['SMDG', 'NMFTA'])),
});

/** `TransportCall.facilityTypeCode` (DCSA 2.2 "facilityTypeCodeTRN"). */

export const dcsaTransportCallSchema = z.looseObject({
  transportCallID: text(100),
  carrierServiceCode: opt(text(5)),
  /** Deprecated in 2.2 in favour of export/import voyage numbers. */
  carrierVoyageNumber: opt(text(50)),
  // The 2.2.0 OpenAPI file gives exportVoyageNumber maxLength 5 with example "FRPAR" (a copy-paste slip);
  // importVoyageNumber and the deprecated carrierVoyageNumber allow 50, which is what we apply.
  exportVoyageNumber: opt(text(50)),
  importVoyageNumber: opt(text(50)),
  transportCallSequenceNumber: opt(z.union([z.string(), z.number()])),
  UNLocationCode: opt(text(5)),
  facilityCode: opt(text(6)),
  facilityCodeListProvider: opt(z.enum(['SMDG', 'BIC'])),
  facilityTypeCode: opt(z.enum(DCSA_TRANSPORT_CALL_FACILITY_TYPES)),
  otherFacility: opt(text(50)),
  modeOfTransport: z.enum(['VESSEL', 'RAIL', 'TRUCK', 'BARGE']),
  location: opt(dcsaLocationSchema),
  vessel: opt(dcsaVesselSchema),
});

export const dcsaDocumentReferenceSchema = z.looseObject({
  documentReferenceType: z.enum(['BKG', 'TRD']),
  documentReferenceValue: z.string().min(1),
});

export const dcsaReferenceSchema = z.looseObject({
  referenceType: z.enum(['FF', 'SI', 'PO', 'CR', 'AAO', 'EQ']),
  referenceValue: text(100),
});

export const dcsaSealSchema = z.looseObject({
  sealNumber: text(15),
  sealSource: opt(z.enum(['CAR', 'SHI', 'PHY', 'VET', 'CUS'])),
  sealType: z.enum(['KLP', 'BLT', 'WIR']),
});

const baseEvent = {
  /** "The unique identifier for the event (the message - not the source)", format uuid. */
  eventID: opt(z.guid()),
  eventCreatedDateTime: z.string(),
  eventClassifierCode: classifier,
  eventDateTime: z.string(),
  eventLocation: opt(dcsaLocationSchema),
  documentReferences: opt(z.array(dcsaDocumentReferenceSchema)),
  references: opt(z.array(dcsaReferenceSchema)),
};

export const DCSA_EQUIPMENT_EVENT_TYPE_CODES = [
  'LOAD',
  'DISC',
  'GTIN',
  'GTOT',
  'STUF',
  'STRP',
  'PICK',
  'DROP',
  'INSP',
  'RSEA',
  'RMVD',
] as const;

export const dcsaEquipmentEventSchema = z.looseObject({
  ...baseEvent,
  eventType: z.literal('EQUIPMENT'),
  equipmentEventTypeCode: z.enum(DCSA_EQUIPMENT_EVENT_TYPE_CODES),
  equipmentReference: opt(text(15)),
  ISOEquipmentCode: opt(text(4)),
  emptyIndicatorCode: z.enum(['EMPTY', 'LADEN']),
  transportCall: opt(dcsaTransportCallSchema),
  seals: opt(z.array(dcsaSealSchema)),
});

export const dcsaTransportEventSchema = z.looseObject({
  ...baseEvent,
  eventType: z.literal('TRANSPORT'),
  transportEventTypeCode: z.enum(['ARRI', 'DEPA']),
  /** SMDG delay reason code. */
  delayReasonCode: opt(text(3)),
  vesselScheduleChangeRemark: opt(text(250)),
  changeRemark: opt(text(250)),
  transportCall: dcsaTransportCallSchema,
});

/** DCSA 2.2 shipmentEventTypeCode: the one list, kept in the domain. */
export const DCSA_SHIPMENT_EVENT_TYPE_CODES = SHIPMENT_EVENT_CODES;

export const dcsaShipmentEventSchema = z.looseObject({
  ...baseEvent,
  eventType: z.literal('SHIPMENT'),
  // 2.2: "Value for eventDateTime must be the same value as eventCreatedDateTime", so a missing one is
  // taken from eventCreatedDateTime instead of rejecting the event.
  eventDateTime: opt(z.string()),
  shipmentEventTypeCode: z.enum(DCSA_SHIPMENT_EVENT_TYPE_CODES),
  documentID: z.string().min(1),
  documentTypeCode: z.enum(DCSA_DOCUMENT_TYPE_CODES),
  reason: opt(z.string()),
});

export type DcsaLocation = z.infer<typeof dcsaLocationSchema>;
export type DcsaTransportCall = z.infer<typeof dcsaTransportCallSchema>;
export type DcsaEquipmentEvent = z.infer<typeof dcsaEquipmentEventSchema>;
export type DcsaTransportEvent = z.infer<typeof dcsaTransportEventSchema>;
export type DcsaShipmentEvent = z.infer<typeof dcsaShipmentEventSchema>;
export type DcsaEvent = DcsaEquipmentEvent | DcsaTransportEvent | DcsaShipmentEvent;

export const DCSA_EVENT_SCHEMAS = {
  EQUIPMENT: dcsaEquipmentEventSchema,
  TRANSPORT: dcsaTransportEventSchema,
  SHIPMENT: dcsaShipmentEventSchema,
} as const;
