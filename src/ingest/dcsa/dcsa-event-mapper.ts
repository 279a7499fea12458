/**
 * One DCSA Track & Trace 2.2 event (already known to be a JSON object) → one canonical event, or the
 * rejections that explain why not. The DCSA body itself is kept, unchanged, as the payload.
 *
 * Mapping (DCSA 2.2 field → canonical):
 * - eventType, eventClassifierCode: as is; eventTypeCode ← equipment/transport/shipmentEventTypeCode.
 * - eventDateTime, eventCreatedDateTime → UTC instants (SHIPMENT: a missing eventDateTime is
 *   eventCreatedDateTime, which the standard says it must equal).
 * - location ← eventLocation, else the transportCall's UN/LOCODE and facility.
 * - references: equipmentReference; documentReferences BKG → carrierBookingReference, TRD →
 *   transportDocumentReference (and, for SHIPMENT events, documentID when documentTypeCode is BKG/TRD);
 *   transportCall.vessel.vesselIMONumber; carrierVoyageNumber ← exportVoyageNumber, else the deprecated
 *   carrierVoyageNumber ("in case there are multiple voyages the export voyage is chosen"), else
 *   importVoyageNumber; carrierCode ← vessel.vesselOperatorCarrierCode.
 * - idempotencyKey: `dcsa:<eventID>` (lower-case uuid), else `dcsa:<sha256 of the canonical JSON>`.
 */
import type { EventLocation, EventReferences, NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { IdentifierErrorCode } from '../../domain/errors/identifier-errors.js';
import type { IdentifierResult } from '../../domain/identifiers/identifier-result.js';
import { validateImoNumber } from '../../domain/identifiers/imo-number.js';
import { validateContainerNumber } from '../../domain/identifiers/iso6346.js';
import { validateSizeTypeCode } from '../../domain/identifiers/iso6346-size-type.js';
import { validateScac } from '../../domain/identifiers/scac.js';
import { validateSmdgTerminalCode } from '../../domain/identifiers/smdg-terminal-code.js';
import { validateUnLocode } from '../../domain/identifiers/un-locode.js';
import type { ParseContext, Rejection } from '../message-parser.js';
import { canonicalJsonHash } from './canonical-json-hash.js';
import { parseDcsaDateTime } from './dcsa-date-time.js';
import type { DcsaErrorCode } from '../../domain/errors/dcsa-message-errors.js';
import { DCSA_EVENT_SCHEMAS, type DcsaEvent, type DcsaLocation, type DcsaTransportCall } from './dcsa-event-schema.js';
import { jsonPointer } from './json-pointer.js';

export type DcsaMapResult =
  { readonly ok: true; readonly event: NewCanonicalEvent } | { readonly ok: false; readonly rejected: Rejection[] };

type Path = readonly (string | number)[];

const reject = (code: DcsaErrorCode | IdentifierErrorCode, message: string, path: Path): Rejection => ({
  code,
  message,
  pointer: jsonPointer(path),
});

export function mapDcsaEvent(raw: Record<string, unknown>, path: Path, ctx: ParseContext): DcsaMapResult {
  const eventType = raw['eventType'];
  if (eventType !== 'EQUIPMENT' && eventType !== 'TRANSPORT' && eventType !== 'SHIPMENT') {
    const shown = eventType === undefined ? 'missing' : JSON.stringify(eventType);
    return {
      ok: false,
      rejected: [
        reject('PCS_DCSA_UNKNOWN_EVENT_TYPE', `eventType is ${shown}; expected EQUIPMENT, TRANSPORT or SHIPMENT`, [
          ...path,
          'eventType',
        ]),
      ],
    };
  }
  const parsed = DCSA_EVENT_SCHEMAS[eventType].safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      rejected: parsed.error.issues.map((issue) => {
        const at = [...path, ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))];
        return reject('PCS_DCSA_SCHEMA', `${jsonPointer(at) || '/'}: ${issue.message}`, at);
      }),
    };
  }
  const event: DcsaEvent = parsed.data;
  const rejected: Rejection[] = [];

  const created = parseDcsaDateTime(event.eventCreatedDateTime, ctx.timeZone);
  if (created === null) {
    rejected.push(badDateTime('eventCreatedDateTime', event.eventCreatedDateTime, path));
  }
  const happenedText = event.eventDateTime ?? event.eventCreatedDateTime;
  const happened = parseDcsaDateTime(happenedText, ctx.timeZone);
  if (happened === null && event.eventDateTime != null) {
    rejected.push(badDateTime('eventDateTime', event.eventDateTime, path));
  }

  const references = collectReferences(event, path, rejected);
  const location = collectLocation(event, path, rejected);
  if (rejected.length > 0 || created === null || happened === null) return { ok: false, rejected };

  const eventTypeCode =
    event.eventType === 'EQUIPMENT'
      ? event.equipmentEventTypeCode
      : event.eventType === 'TRANSPORT'
        ? event.transportEventTypeCode
        : event.shipmentEventTypeCode;
  return {
    ok: true,
    event: {
      idempotencyKey: event.eventID ? `dcsa:${event.eventID.toLowerCase()}` : `dcsa:${canonicalJsonHash(raw)}`,
      eventType: event.eventType,
      eventTypeCode,
      eventClassifierCode: event.eventClassifierCode,
      eventDateTime: happened,
      eventCreatedDateTime: created,
      location,
      references,
      payload: raw,
    },
  };
}

function badDateTime(field: string, text: string, path: Path): Rejection {
  return reject(
    'PCS_DCSA_BAD_DATETIME',
    `${field} "${text}" is not an ISO 8601 date-time (e.g. 2024-03-01T14:12:56-08:00)`,
    [...path, field],
  );
}

/** Runs an identifier validator on an optional field; a failure becomes a rejection with the `PCS_ID_*` code. */
function checkId<T extends string>(
  value: string | null | undefined,
  validate: (input: string) => IdentifierResult<T>,
  at: Path,
  field: string,
  rejected: Rejection[],
): T | undefined {
  if (value == null || value === '') return undefined;
  const result = validate(value);
  if (result.ok) return result.value;
  rejected.push({ code: result.code, message: `${field} "${value}": ${result.reason}`, pointer: jsonPointer(at) });
  return undefined;
}

function collectReferences(event: DcsaEvent, path: Path, rejected: Rejection[]): EventReferences {
  let equipmentReference: string | undefined;
  if (event.eventType === 'EQUIPMENT') {
    equipmentReference = checkId(
      event.equipmentReference,
      validateContainerNumber,
      [...path, 'equipmentReference'],
      'equipmentReference',
      rejected,
    );
    checkId(event.ISOEquipmentCode, validateSizeTypeCode, [...path, 'ISOEquipmentCode'], 'ISOEquipmentCode', rejected);
  }
  let carrierBookingReference = event.documentReferences?.find(
    (d) => d.documentReferenceType === 'BKG',
  )?.documentReferenceValue;
  let transportDocumentReference = event.documentReferences?.find(
    (d) => d.documentReferenceType === 'TRD',
  )?.documentReferenceValue;
  if (event.eventType === 'SHIPMENT') {
    if (event.documentTypeCode === 'BKG') carrierBookingReference ??= event.documentID;
    if (event.documentTypeCode === 'TRD') transportDocumentReference ??= event.documentID;
  }
  const call: DcsaTransportCall | null | undefined = event.eventType === 'SHIPMENT' ? undefined : event.transportCall;
  const vessel = call?.vessel;
  const vesselPath = [...path, 'transportCall', 'vessel'];
  const vesselIMONumber = checkId(
    vessel?.vesselIMONumber,
    validateImoNumber,
    [...vesselPath, 'vesselIMONumber'],
    'vesselIMONumber',
    rejected,
  );
  let carrierCode = vessel?.vesselOperatorCarrierCode ?? undefined;
  if (vessel?.vesselOperatorCarrierCodeListProvider === 'NMFTA') {
    carrierCode = checkId(
      carrierCode,
      validateScac,
      [...vesselPath, 'vesselOperatorCarrierCode'],
      'vesselOperatorCarrierCode',
      rejected,
    );
  }
  const carrierVoyageNumber = call?.exportVoyageNumber ?? call?.carrierVoyageNumber ?? call?.importVoyageNumber;
  return prune({
    equipmentReference,
    transportDocumentReference,
    carrierBookingReference,
    vesselIMONumber,
    carrierVoyageNumber: carrierVoyageNumber ?? undefined,
    carrierCode,
  });
}

function collectLocation(event: DcsaEvent, path: Path, rejected: Rejection[]): EventLocation | undefined {
  const call: DcsaTransportCall | null | undefined = event.eventType === 'SHIPMENT' ? undefined : event.transportCall;
  const place: DcsaLocation | undefined = event.eventLocation ?? undefined;
  const checkPlace = (loc: DcsaLocation | null | undefined, at: Path): void => {
    if (!loc) return;
    checkId(loc.UNLocationCode, validateUnLocode, [...at, 'UNLocationCode'], 'UNLocationCode', rejected);
    if (loc.facilityCodeListProvider === 'SMDG') {
      checkId(loc.facilityCode, validateSmdgTerminalCode, [...at, 'facilityCode'], 'facilityCode', rejected);
    }
    if ('latitude' in loc || 'longitude' in loc) {
      for (const [field, limit] of [
        ['latitude', 90],
        ['longitude', 180],
      ] as const) {
        const value = loc[field];
        if (value != null && coordinate(value, limit) === undefined) {
          rejected.push(
            reject('PCS_DCSA_SCHEMA', `${field} "${value}" is not a decimal degree within ±${limit}`, [...at, field]),
          );
        }
      }
    }
  };
  checkPlace(place, [...path, 'eventLocation']);
  checkPlace(call, [...path, 'transportCall']);
  checkPlace(call?.location, [...path, 'transportCall', 'location']);

  // The facility code and its list provider travel together, from the same object.
  const facilitySource = place?.facilityCode ? place : call?.facilityCode ? call : call?.location;
  const geo = place?.latitude != null ? place : call?.location;
  const latitude = coordinate(geo?.latitude, 90);
  const longitude = coordinate(geo?.longitude, 180);
  const location = prune({
    unLocationCode: upper(place?.UNLocationCode ?? call?.UNLocationCode ?? call?.location?.UNLocationCode),
    facilityCode: upper(facilitySource?.facilityCode),
    facilityCodeListProvider: facilitySource?.facilityCode
      ? (facilitySource.facilityCodeListProvider ?? undefined)
      : undefined,
    facilityTypeCode: call?.facilityTypeCode ?? undefined,
    locationName: place?.locationName ?? call?.location?.locationName ?? undefined,
    latitude: latitude !== undefined && longitude !== undefined ? latitude : undefined,
    longitude: latitude !== undefined && longitude !== undefined ? longitude : undefined,
  });
  return Object.keys(location).length > 0 ? location : undefined;
}

function upper(value: string | null | undefined): string | undefined {
  return value ? value.trim().toUpperCase().replace(/\s+/g, '') : undefined;
}

function coordinate(text: string | null | undefined, limit: number): number | undefined {
  if (text == null || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}
