/** Flat CSV rendering of DCSA events for `GET /v2/events?format=csv` (RFC 4180 quoting, CRLF). */
import type { DcsaEventJson } from '../../dcsa/dcsa-event-view.js';

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});

const COLUMNS: readonly (readonly [string, (e: DcsaEventJson) => unknown])[] = [
  ['eventID', (e) => e.eventID],
  ['eventType', (e) => e.eventType],
  ['eventTypeCode', (e) => e['equipmentEventTypeCode'] ?? e['transportEventTypeCode'] ?? e['shipmentEventTypeCode']],
  ['eventClassifierCode', (e) => e.eventClassifierCode],
  ['eventDateTime', (e) => e.eventDateTime],
  ['eventCreatedDateTime', (e) => e.eventCreatedDateTime],
  ['equipmentReference', (e) => e['equipmentReference']],
  ['emptyIndicatorCode', (e) => e['emptyIndicatorCode']],
  ['ISOEquipmentCode', (e) => e['ISOEquipmentCode']],
  ['carrierBookingReference', (e) => docRef(e, 'BKG')],
  ['transportDocumentReference', (e) => docRef(e, 'TRD')],
  ['UNLocationCode', (e) => obj(e['transportCall'])['UNLocationCode']],
  ['facilityCode', (e) => obj(e['transportCall'])['facilityCode']],
  ['facilityTypeCode', (e) => obj(e['transportCall'])['facilityTypeCode']],
  ['modeOfTransport', (e) => obj(e['transportCall'])['modeOfTransport']],
  [
    'carrierVoyageNumber',
    (e) => obj(e['transportCall'])['exportVoyageNumber'] ?? obj(e['transportCall'])['carrierVoyageNumber'],
  ],
  ['importVoyageNumber', (e) => obj(e['transportCall'])['importVoyageNumber']],
  ['vesselIMONumber', (e) => obj(obj(e['transportCall'])['vessel'])['vesselIMONumber']],
  ['vesselName', (e) => obj(obj(e['transportCall'])['vessel'])['vesselName']],
];

function docRef(event: DcsaEventJson, type: string): unknown {
  const refs = event['documentReferences'];
  if (!Array.isArray(refs)) return undefined;
  return (refs as Json[]).find((r) => r['documentReferenceType'] === type)?.['documentReferenceValue'];
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function dcsaEventsCsv(events: readonly DcsaEventJson[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const event of events) lines.push(COLUMNS.map(([, get]) => cell(get(event))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
