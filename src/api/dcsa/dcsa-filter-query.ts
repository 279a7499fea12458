/**
 * Query parameters of DCSA Track & Trace 2.2 `GET /v2/events` (also used by `GET /v2/stream`), as a zod
 * schema for Fastify, and their translation to a `DcsaEventFilter`.
 *
 * - List parameters (`eventType`, `equipmentEventTypeCode`, `transportEventTypeCode`,
 *   `shipmentEventTypeCode`) are comma-separated, values ORed (TNT 2.1.0 release notes: "array-queryParameters
 *   … is now a comma (,) separated list").
 * - `eventCreatedDateTime` takes the operators `:gte`, `:gt`, `:lte`, `:lt`, `:eq` after the name; without
 *   an operator it means equal (EVENT_DOMAIN `eventCreatedDateTime` parameter).
 * - Codes are DCSA's (e.g. LOAD, DISC, GTIN, GTOT; ARRI, DEPA; RECE … ISSU) plus openpcs extension codes
 *   (HOLD, RELS, APPT, MSTR; see domain/cargo-event-codes.ts), so any 4-character code is accepted.
 */
import { z } from 'zod';
import { DCSA_EVENT_TYPES, type DcsaEventFilter, type DcsaEventType } from '../../store/event-query.js';
import { canonicalFilter, DCSA_REFERENCE_FILTERS } from './dcsa-event-filter.js';
import { QueryInstant } from '../query-instant.js';

const codeList = (example: string) =>
  z
    .string()
    .regex(/^[A-Z0-9]{4}(,[A-Z0-9]{4})*$/, 'a comma-separated list of 4-character codes')
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
  equipmentEventTypeCode: codeList('GTIN,GTOT'),
  transportEventTypeCode: codeList('ARRI,DEPA'),
  shipmentEventTypeCode: codeList('RECE,ISSU'),
  ...DCSA_REFERENCE_FILTERS,
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
    carrierBookingReference: query.carrierBookingReference,
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
