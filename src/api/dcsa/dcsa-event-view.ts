/**
 * A stored canonical event rendered as a DCSA Track & Trace 2.2 event (EVENT_DOMAIN 1.0.4 `shipmentEvent`,
 * `transportEvent`, `equipmentEvent`).
 *
 * The payload already holds DCSA-named fields (the DCSA parser keeps the source event; the EDI and CSV
 * parsers fill `equipmentEventTypeCode`, `emptyIndicatorCode`, `transportCall`…); the envelope supplies what
 * the payload may lack: the typed event code, `equipmentReference`, `documentReferences` (BKG/TRD) and the
 * `transportCall` location, voyage and vessel. Envelope values win for the event's identity and times:
 * `eventID` is the openpcs event id (one per stored fact), instants are UTC.
 * Parser bookkeeping (`sourceMessage`, `sourceLine`, `sourceColumn`) is not part of the DCSA body.
 */
import type { z } from 'zod';
import type { StoredEvent } from '../../domain/canonical-event.js';
import type { DcsaEventSchema } from './dcsa-event-schema.js';

export type DcsaEventJson = z.infer<typeof DcsaEventSchema>;

const INTERNAL_KEYS: ReadonlySet<string> = new Set(['sourceMessage', 'sourceLine', 'sourceColumn']);

const CODE_FIELD: Record<string, string> = {
  EQUIPMENT: 'equipmentEventTypeCode',
  TRANSPORT: 'transportEventTypeCode',
  SHIPMENT: 'shipmentEventTypeCode',
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Copies the defined, non-null members (a plain loop: this runs for every event of every page). */
function defined(value: Json): Json {
  const out: Json = {};
  for (const key in value) {
    const v = value[key];
    if (v !== undefined && v !== null) out[key] = v;
  }
  return out;
}

function isEmpty(value: Json): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

function transportCall(event: StoredEvent): Json | undefined {
  const fromPayload = isObject(event.payload['transportCall']) ? { ...event.payload['transportCall'] } : {};
  const loc = event.location;
  const refs = event.references;
  // EDI parsers put the vessel's identity on the transport call itself; DCSA nests it in `vessel`.
  const flatVessel = defined({
    vesselIMONumber: fromPayload['vesselIMONumber'],
    vesselName: fromPayload['vesselName'],
  });
  delete fromPayload['vesselIMONumber'];
  delete fromPayload['vesselName'];
  const vessel = defined({
    vesselIMONumber: refs?.vesselIMONumber,
    vesselOperatorCarrierCode: refs?.carrierCode,
    ...flatVessel,
    ...(isObject(fromPayload['vessel']) ? fromPayload['vessel'] : {}),
  });
  const hasVoyage =
    fromPayload['exportVoyageNumber'] != null ||
    fromPayload['carrierVoyageNumber'] != null ||
    fromPayload['importVoyageNumber'] != null;
  const call = defined({
    UNLocationCode: loc?.unLocationCode,
    facilityCode: loc?.facilityCode,
    facilityCodeListProvider: loc?.facilityCode ? loc.facilityCodeListProvider : undefined,
    facilityTypeCode: loc?.facilityTypeCode,
    modeOfTransport: event.payload['modeOfTransport'],
    ...(hasVoyage ? {} : { carrierVoyageNumber: refs?.carrierVoyageNumber }),
    ...fromPayload,
    vessel: isEmpty(vessel) ? undefined : vessel,
  });
  return isEmpty(call) ? undefined : call;
}

function documentReferences(event: StoredEvent): Json[] | undefined {
  const given = event.payload['documentReferences'];
  if (Array.isArray(given) && given.length > 0) return given as Json[];
  const refs: Json[] = [];
  const booking = event.references?.carrierBookingReference;
  const document = event.references?.transportDocumentReference;
  if (booking) refs.push({ documentReferenceType: 'BKG', documentReferenceValue: booking });
  if (document) refs.push({ documentReferenceType: 'TRD', documentReferenceValue: document });
  return refs.length > 0 ? refs : undefined;
}

export function toDcsaEvent(event: StoredEvent): DcsaEventJson {
  const body: Json = {};
  const payload = event.payload;
  for (const key in payload) {
    const value = payload[key];
    if (value !== undefined && value !== null && !INTERNAL_KEYS.has(key)) body[key] = value;
  }
  const codeField = CODE_FIELD[event.eventType];
  if (codeField) body[codeField] = event.eventTypeCode;
  if (event.eventType === 'EQUIPMENT' && event.references?.equipmentReference) {
    body['equipmentReference'] = event.references.equipmentReference;
  }
  if (event.eventType !== 'SHIPMENT') {
    const call = transportCall(event);
    if (call) body['transportCall'] = call;
  }
  const docs = documentReferences(event);
  if (docs) body['documentReferences'] = docs;
  else delete body['documentReferences'];
  body['eventID'] = event.eventId;
  body['eventType'] = event.eventType;
  body['eventClassifierCode'] = event.eventClassifierCode;
  body['eventDateTime'] = event.eventDateTime;
  body['eventCreatedDateTime'] = event.eventCreatedDateTime;
  return body as DcsaEventJson;
}
