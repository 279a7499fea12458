/**
 * Query parameters of DCSA Track & Trace 2.2 `GET /v2/events` (also used by `GET /v2/stream`), as a zod
 * schema for Fastify, and their translation to a `DcsaEventFilter`.
 *
 * - List parameters (`eventType`, `equipmentEventTypeCode`, `transportEventTypeCode`,
 *   `shipmentEventTypeCode`) are comma-separated, values ORed (TNT 2.1.0 release notes: "array-queryParameters
 *   … is now a comma (,) separated list").
 * - `eventCreatedDateTime` takes the operators `:gte`, `:gt`, `:lte`, `:lt`, `:eq` after the name; without
 *   an operator it means equal (EVENT_DOMAIN `eventCreatedDateTime` parameter).
 * - Codes are DCSA 2.2's enums only (LOAD … RMVD; ARRI, DEPA; RECE … RELS): openpcs extension codes (APPT,
 *   MSTR) are never served on `/v2/*` (domain/dcsa-conformance.ts), so asking for one is a 400.
 */
import { z } from 'zod';
import { DCSA_EVENT_TYPES, type DcsaEventFilter, type DcsaEventType } from '../../store/event-query.js';
import { DCSA_CODES, DCSA_DOCUMENT_TYPE_CODES } from '../../domain/dcsa-conformance.js';
import { canonicalFilter, DCSA_REFERENCE_FILTERS } from '../../dcsa/dcsa-event-filter.js';
import { QueryInstant } from '../query-instant.js';

const listOf = (codes: readonly string[], example: string) =>
  z
    .string()
    .regex(
      new RegExp(`^(${codes.join('|')})(,(${codes.join('|')}))*$`),
      `a comma-separated list of ${codes.join(', ')}`,
    )
    .optional()
    .describe(`comma-separated list, values ORed; e.g. ${example}`);

/** The shared instant type (seconds optional; a `+` sent unencoded, read as a space, is taken as `+`). */
const instant = QueryInstant.optional();

const EVENT_TYPE_LIST = new RegExp(`^(${DCSA_EVENT_TYPES.join('|')})(,(${DCSA_EVENT_TYPES.join('|')}))*$`);

export const DcsaFilterQueryShape = {
  eventType: z
    .string()
    .regex(EVENT_TYPE_LIST, `a comma-separated list of ${DCSA_EVENT_TYPES.join(', ')}`)
    .optional()
    .describe('comma-separated: SHIPMENT, TRANSPORT, EQUIPMENT (default: all three)'),
  equipmentEventTypeCode: listOf(DCSA_CODES.EQUIPMENT, 'GTIN,GTOT'),
  transportEventTypeCode: listOf(DCSA_CODES.TRANSPORT, 'ARRI,DEPA'),
  shipmentEventTypeCode: listOf(DCSA_CODES.SHIPMENT, 'RECE,ISSU'),
  documentTypeCode: listOf(DCSA_DOCUMENT_TYPE_CODES, 'TRD,BKG').describe(
    'comma-separated documentTypeCode of shipment events (CBR, BKG, SHI, SRM, TRD, ARN, VGM, CAS, CUS, DGD, OOG)',
  ),
  ...DCSA_REFERENCE_FILTERS,
  bookingReference: DCSA_REFERENCE_FILTERS.carrierBookingReference.describe('deprecated: carrierBookingReference'),
  equipmentReference: DCSA_REFERENCE_FILTERS.equipmentReference.describe('ISO 6346 container number'),
  eventCreatedDateTime: instant.describe('equal to this instant (same as :eq)'),
  'eventCreatedDateTime:eq': instant,
  'eventCreatedDateTime:gt': instant,
  'eventCreatedDateTime:gte': instant.describe('created at or after, e.g. 2026-02-10T00:00:00Z'),
  'eventCreatedDateTime:lt': instant,
  'eventCreatedDateTime:lte': instant,
};

export type DcsaFilterQuery = z.infer<z.ZodObject<typeof DcsaFilterQueryShape>>;

const split = (list: string | undefined): string[] | undefined => list?.split(',');

/** The (canonical) filter that the query parameters describe. */
export function filterFromQuery(query: DcsaFilterQuery): DcsaEventFilter {
  return canonicalFilter({
    eventTypes: split(query.eventType) as DcsaEventType[] | undefined,
    equipmentEventTypeCodes: split(query.equipmentEventTypeCode),
    transportEventTypeCodes: split(query.transportEventTypeCode),
    shipmentEventTypeCodes: split(query.shipmentEventTypeCode),
    equipmentReference: query.equipmentReference,
    transportDocumentReference: query.transportDocumentReference,
    carrierBookingReference: query.carrierBookingReference ?? query.bookingReference,
    documentTypeCodes: split(query.documentTypeCode),
    transportCallID: query.transportCallID,
    transportDocumentID: query.transportDocumentID,
    vesselIMONumber: query.vesselIMONumber,
    carrierVoyageNumber: query.carrierVoyageNumber,
    exportVoyageNumber: query.exportVoyageNumber,
    importVoyageNumber: query.importVoyageNumber,
    carrierServiceCode: query.carrierServiceCode,
    UNLocationCode: query.UNLocationCode,
    eventCreatedDateTime: {
      eq: query['eventCreatedDateTime:eq'] ?? query.eventCreatedDateTime,
      gt: query['eventCreatedDateTime:gt'],
      gte: query['eventCreatedDateTime:gte'],
      lt: query['eventCreatedDateTime:lt'],
      lte: query['eventCreatedDateTime:lte'],
    },
  });
}

/** Whether the query names any filter at all. */
export function hasFilterParameters(query: Record<string, unknown>): boolean {
  return Object.keys(DcsaFilterQueryShape).some((key) => query[key] !== undefined);
}
