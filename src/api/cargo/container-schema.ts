/** Response schemas of the container routes (zod → OpenAPI). Dates are local `YYYY-MM-DD`, instants ISO UTC. */
import { z } from 'zod';
import { FeedSourceSchema } from './terminal-feed-schema.js';

export const HoldSchema = z.object({
  holdType: z.string().describe('CUSTOMS, FREIGHT, TERMINAL, USDA or OTHER'),
  placedAt: z.string().nullable(),
  releasedAt: z.string().nullable().describe('null while the hold is open'),
});

/** Where a figure came from when a terminal stated it (`csv-availability`): the statement's provenance. */
const terminalStatement = (statedAt: string) => ({
  kind: z.literal('terminal'),
  terminal: z.string().nullable().describe('SMDG code of the terminal that stated it'),
  statedAt: z.string().describe(statedAt),
  statedBy: z.string().describe('organisation that sent the statement'),
  inboxId: z.string().nullable().describe('inbox message the statement came in'),
  line: z.number().nullable().describe('line of the statement in that message'),
});
const terminalHolds = z.array(z.string()).describe('holds the terminal listed: CUSTOMS, FREIGHT, OTHER');

export const LastFreeDaySourceSchema = z.discriminatedUnion('kind', [
  z.object({
    ...terminalStatement('when the terminal stated it (the newest statement wins)'),
    available: z.boolean().describe('available for pick-up, as the terminal stated'),
    holds: terminalHolds,
  }),
  z.object({ kind: z.literal('rule'), rule: z.string().describe('the free-time rule (tariff item or default)') }),
]);

export const AvailabilitySourceSchema = z.discriminatedUnion('kind', [
  z.object({
    ...terminalStatement('when the terminal stated it (its newest statement for this trip)'),
    holds: terminalHolds,
  }),
  z.object({
    kind: z.literal('holds'),
    holdsOpen: z.array(z.string()).describe('open holds that block pick-up; empty: none is open'),
  }),
]);

export const ContainerHistoryEntrySchema = z.object({
  eventId: z.string(),
  eventType: z.string(),
  eventTypeCode: z.string().describe('LOAD, DEPA, DISC, GTIN, GTOT, HOLD, RELS, …'),
  eventClassifierCode: z.string(),
  eventDateTime: z.string(),
  eventCreatedDateTime: z.string(),
  unLocationCode: z.string().nullable(),
  terminalCode: z.string().nullable(),
  modeOfTransport: z.string().nullable(),
  emptyIndicatorCode: z.string().nullable(),
  holdType: z.string().nullable(),
  vesselIMONumber: z.string().nullable(),
  carrierVoyageNumber: z.string().nullable(),
  transportDocumentReference: z.string().nullable(),
  appliesVia: z.enum(['container', 'bill_of_lading', 'vessel_departure']).describe('how the event reaches the box'),
  source: z.string().describe('format of the producing parser'),
});

export const ContainerSummarySchema = z.object({
  equipmentReference: z.string(),
  isoEquipmentCode: z.string().nullable(),
  sizeTeu: z.number().nullable(),
  direction: z.string().nullable().describe('IMPORT or EXPORT'),
  status: z.string().describe('BOOKED, LOADED, ON_WATER, HELD, AVAILABLE, GATED_OUT, EMPTY_RETURNED, …'),
  holdsOpen: z.array(z.string()),
  holds: z.array(HoldSchema).describe('holds of the current trip, open and released'),
  available: z
    .boolean()
    .describe(
      "discharged here, not yet gated out, and available for pick-up: no hold open, and the terminal's newest statement (unless a hold changed after it) does not say otherwise",
    ),
  availableSince: z.string().nullable(),
  availabilitySource: AvailabilitySourceSchema.nullable().describe(
    "while the box is in the yard: on whose word it is AVAILABLE or HELD (an open hold, the terminal's statement, or no hold open); null otherwise",
  ),
  lastFreeDay: z
    .string()
    .nullable()
    .describe("last free day, local date in the terminal zone: the terminal's stated one wins over the computed one"),
  lastFreeDaySource: LastFreeDaySourceSchema.nullable().describe('where lastFreeDay comes from; null when none'),
  computedLastFreeDay: z
    .string()
    .nullable()
    .describe('last free day computed from the free-time rule, for comparison with a stated one'),
  demurrageStarts: z.string().nullable().describe('the day after lastFreeDay'),
  freeTimeSource: z.string().nullable().describe('the free-time rule behind computedLastFreeDay'),
  vessel: z.object({ imoNumber: z.string().nullable(), name: z.string().nullable() }),
  carrierVoyageNumber: z.string().nullable(),
  unLocationCode: z.string().nullable(),
  terminalCode: z.string().nullable(),
  loadPort: z.string().nullable(),
  loadedAt: z.string().nullable(),
  departedAt: z.string().nullable(),
  dischargedAt: z.string().nullable(),
  emptyPickedUpAt: z.string().nullable(),
  gatedInAt: z.string().nullable(),
  gatedOutAt: z.string().nullable(),
  outMode: z.string().nullable(),
  emptyReturnedAt: z.string().nullable(),
  dwellHours: z.number().nullable(),
  carrierCodes: z.array(z.string()),
  transportDocumentReferences: z.array(z.string()),
  carrierBookingReferences: z.array(z.string()),
  partialView: z
    .boolean()
    .describe('true when some of the facts about this box belong to others: the state is computed from yours only'),
  asOf: z
    .string()
    .describe('time of the newest fact behind this record that you may see (its eventDateTime, ISO 8601 UTC)'),
  source: FeedSourceSchema.describe('who stated that newest fact, in which message'),
});

export const ContainerDetailSchema = ContainerSummarySchema.extend({
  history: z.array(ContainerHistoryEntrySchema).describe('the events you may see, in event-time order'),
});

export type ContainerSummary = z.infer<typeof ContainerSummarySchema>;
export type ContainerHistoryEntry = z.infer<typeof ContainerHistoryEntrySchema>;

/** CSV columns of `GET /containers?format=csv` (the summary, flattened). */
export const CONTAINER_CSV_COLUMNS = [
  'equipmentReference',
  'isoEquipmentCode',
  'sizeTeu',
  'direction',
  'status',
  'holdsOpen',
  'available',
  'availableSince',
  'availabilitySourceKind',
  'lastFreeDay',
  'lastFreeDaySourceKind',
  'computedLastFreeDay',
  'demurrageStarts',
  'vesselIMONumber',
  'vesselName',
  'carrierVoyageNumber',
  'unLocationCode',
  'terminalCode',
  'loadPort',
  'dischargedAt',
  'gatedInAt',
  'gatedOutAt',
  'outMode',
  'emptyReturnedAt',
  'dwellHours',
  'carrierCodes',
  'transportDocumentReferences',
  'partialView',
  'asOf',
  'sourceOrganisation',
  'sourceInboxId',
  'sourceEventId',
] as const;

export function containerCsvRow(c: ContainerSummary): Record<string, unknown> {
  return {
    ...c,
    sourceOrganisation: c.source.organisation,
    sourceInboxId: c.source.inboxId,
    sourceEventId: c.source.eventId,
    vesselIMONumber: c.vessel.imoNumber,
    vesselName: c.vessel.name,
    lastFreeDaySourceKind: c.lastFreeDaySource?.kind ?? null,
    availabilitySourceKind: c.availabilitySource?.kind ?? null,
  };
}
