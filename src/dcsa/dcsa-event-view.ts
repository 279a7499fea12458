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
import { payloadFields, type StoredEvent } from '../domain/canonical-event.js';
import {
  DCSA_MODES_OF_TRANSPORT,
  DCSA_TRANSPORT_CALL_FACILITY_TYPES,
  dcsaSeals,
  derivedTransportCallId,
} from '../domain/dcsa-conformance.js';
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

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * The DCSA `transportCall` of an event, or undefined when none can be stated conformantly: DCSA 2.2 requires
 * `transportCallID` and `modeOfTransport` (see dcsa-conformance.ts). A call with a vessel is a `VESSEL` call
 * unless the source says otherwise; `vessel` appears only with its (required) IMO number; `facilityTypeCode`
 * is one of the transport-call types (`POTE` for a terminal named by its SMDG code), the finer place of the
 * event (berth, pilot boarding place, gate…) is in `eventLocation`.
 */
function transportCall(event: StoredEvent): Json | undefined {
  const given = payloadFields(event)['transportCall'];
  const fromPayload = isObject(given) ? { ...given } : {};
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
  const hasImo = str(vessel['vesselIMONumber']) !== undefined;
  const hasVoyage =
    fromPayload['exportVoyageNumber'] != null ||
    fromPayload['carrierVoyageNumber'] != null ||
    fromPayload['importVoyageNumber'] != null;
  const statedMode = str(fromPayload['modeOfTransport']);
  const payloadMode = str(payloadFields(event)['modeOfTransport']);
  const mode = statedMode ?? (hasImo || hasVoyage ? 'VESSEL' : payloadMode);
  const visitId = str(payloadFields(event)['visitId']);
  const id =
    str(fromPayload['transportCallID']) ??
    derivedTransportCallId({
      UNLocationCode: loc?.unLocationCode,
      facilityCode: loc?.facilityCode,
      vesselIMONumber: refs?.vesselIMONumber,
      voyage: refs?.carrierVoyageNumber,
      modeOfTransport: payloadMode,
      visitId,
    });
  if (!id || !mode || !DCSA_MODES_OF_TRANSPORT.has(mode)) return undefined;
  const facilityType = str(fromPayload['facilityTypeCode']) ?? loc?.facilityTypeCode;
  const sequence = fromPayload['transportCallSequenceNumber'];
  delete fromPayload['facilityTypeCode'];
  delete fromPayload['transportCallSequenceNumber'];
  const call = defined({
    transportCallID: id,
    UNLocationCode: loc?.unLocationCode,
    facilityCode: loc?.facilityCode,
    facilityCodeListProvider: loc?.facilityCode ? loc.facilityCodeListProvider : undefined,
    ...(hasVoyage ? {} : { carrierVoyageNumber: refs?.carrierVoyageNumber }),
    ...fromPayload,
    modeOfTransport: mode,
    facilityTypeCode:
      facilityType && (DCSA_TRANSPORT_CALL_FACILITY_TYPES as readonly string[]).includes(facilityType)
        ? facilityType
        : loc?.facilityCode && loc.facilityCodeListProvider === 'SMDG'
          ? 'POTE'
          : undefined,
    transportCallSequenceNumber: transportCallSequence(sequence),
    vessel: hasImo ? vessel : undefined,
  });
  return call;
}

/** `transportCallSequenceNumber` is an integer in DCSA 2.2; a numeric string from a source is read as one. */
function transportCallSequence(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  return undefined;
}

/** Where the event happened, with openpcs' finer facility type (an extension member of DCSA `location`). */
function eventLocation(event: StoredEvent): Json | undefined {
  const loc = event.location;
  if (!loc) return undefined;
  const out = defined({
    UNLocationCode: loc.unLocationCode,
    facilityCode: loc.facilityCode,
    facilityCodeListProvider: loc.facilityCode ? loc.facilityCodeListProvider : undefined,
    facilityTypeCode: loc.facilityTypeCode,
  });
  return isEmpty(out) ? undefined : out;
}

/** DCSA `documentID` / `documentTypeCode` of a shipment event: as given, else its transport document or booking. */
function shipmentDocument(event: StoredEvent): Json {
  const given = defined({
    documentID: str(payloadFields(event)['documentID']),
    documentTypeCode: str(payloadFields(event)['documentTypeCode']),
  });
  if (given['documentID'] && given['documentTypeCode']) return given;
  const document = event.references?.transportDocumentReference;
  if (document) return { documentID: document, documentTypeCode: 'TRD' };
  const booking = event.references?.carrierBookingReference;
  if (booking) return { documentID: booking, documentTypeCode: 'BKG' };
  return given;
}

function documentReferences(event: StoredEvent): Json[] | undefined {
  const given = payloadFields(event)['documentReferences'];
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
  const payload = payloadFields(event);
  for (const key in payload) {
    const value = payload[key];
    if (value !== undefined && value !== null && !INTERNAL_KEYS.has(key)) body[key] = value;
  }
  const codeField = CODE_FIELD[event.eventType];
  if (codeField) body[codeField] = event.eventTypeCode;
  delete body['transportCall'];
  if (event.eventType === 'EQUIPMENT') {
    if (event.references?.equipmentReference) body['equipmentReference'] = event.references.equipmentReference;
    const place = eventLocation(event);
    if (place && !isObject(body['eventLocation'])) body['eventLocation'] = place;
    const { seals, sealNumbers } = dcsaSeals(payload['seals']);
    if (seals.length > 0) body['seals'] = seals;
    else delete body['seals'];
    if (sealNumbers.length > 0) body['sealNumbers'] = sealNumbers;
  }
  if (event.eventType === 'TRANSPORT') {
    const place = eventLocation(event);
    if (place) body['eventLocation'] = place;
  }
  if (event.eventType !== 'SHIPMENT') {
    const call = transportCall(event);
    if (call) body['transportCall'] = call;
  } else {
    Object.assign(body, shipmentDocument(event));
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
