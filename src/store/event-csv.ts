/** CSV rendering of canonical events (export), RFC 4180 quoting. */
import type { StoredEvent } from '../domain/canonical-event.js';

const COLUMNS = [
  'seq',
  'eventId',
  'eventType',
  'eventTypeCode',
  'eventClassifierCode',
  'eventDateTime',
  'eventCreatedDateTime',
  'unLocationCode',
  'facilityCode',
  'facilityTypeCode',
  'equipmentReference',
  'transportDocumentReference',
  'carrierBookingReference',
  'vesselIMONumber',
  'vesselMMSI',
  'carrierVoyageNumber',
  'carrierCode',
  'source',
  'inboxId',
  'sourceOrg',
  'visibility',
  'recordedAt',
  'payload',
] as const;

function quote(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function eventCsvHeader(): string {
  return `${COLUMNS.join(',')}\r\n`;
}

export function eventToCsvRow(e: StoredEvent): string {
  const values: Record<(typeof COLUMNS)[number], string | null | undefined> = {
    seq: e.seq,
    eventId: e.eventId,
    eventType: e.eventType,
    eventTypeCode: e.eventTypeCode,
    eventClassifierCode: e.eventClassifierCode,
    eventDateTime: e.eventDateTime,
    eventCreatedDateTime: e.eventCreatedDateTime,
    unLocationCode: e.location?.unLocationCode,
    facilityCode: e.location?.facilityCode,
    facilityTypeCode: e.location?.facilityTypeCode,
    equipmentReference: e.references?.equipmentReference,
    transportDocumentReference: e.references?.transportDocumentReference,
    carrierBookingReference: e.references?.carrierBookingReference,
    vesselIMONumber: e.references?.vesselIMONumber,
    vesselMMSI: e.references?.vesselMMSI,
    carrierVoyageNumber: e.references?.carrierVoyageNumber,
    carrierCode: e.references?.carrierCode,
    source: e.source,
    inboxId: e.inboxId,
    sourceOrg: e.sourceOrg,
    visibility: e.visibility,
    recordedAt: e.recordedAt,
    payload: JSON.stringify(e.payload),
  };
  return `${COLUMNS.map((c) => quote(values[c])).join(',')}\r\n`;
}
