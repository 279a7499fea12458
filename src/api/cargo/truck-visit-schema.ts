/** Response schemas of the truck-visit routes (zod → OpenAPI). */
import { z } from 'zod';
import { FeedSourceSchema } from './terminal-feed-schema.js';

export const VisitTransactionSchema = z.object({
  transactionId: z.string(),
  move: z.enum(['DROPOFF', 'PICKUP']),
  equipmentReference: z.string(),
  emptyIndicatorCode: z.string().nullable(),
  isoEquipmentCode: z.string().nullable(),
  at: z.string(),
  appointmentId: z.string().nullable(),
});

export const TruckVisitSchema = z.object({
  visitId: z.string(),
  terminalCode: z.string().describe('SMDG terminal code'),
  unLocationCode: z.string().nullable(),
  truckingCompany: z.string().nullable().describe('SCAC of the trucking company'),
  truckPlate: z.string().nullable(),
  gateInAt: z.string().nullable(),
  gateOutAt: z.string().nullable(),
  turnTimeMinutes: z.number().nullable().describe('gate-in → gate-out, 0.1 min'),
  appointmentId: z.string().nullable(),
  appointmentIds: z.array(z.string()),
  appointmentStatus: z.string().nullable(),
  slotStart: z.string().nullable(),
  slotEnd: z.string().nullable(),
  transactions: z.array(VisitTransactionSchema),
  partialView: z
    .boolean()
    .describe('true when other organisations reported part of this visit: only your reports are shown'),
  asOf: z
    .string()
    .nullable()
    .describe(
      'time of the newest gate event (ARRI, DEPA, GTIN, GTOT) of this visit that you may see (its eventDateTime, ' +
        'ISO 8601 UTC); null only when the events behind the visit are no longer stored',
    ),
  source: FeedSourceSchema.nullable().describe('who stated that newest gate event, in which message'),
  stale: z
    .boolean()
    .describe(
      'an open visit (no gate-out you may see) whose newest gate event is older than the terminal-feed age ' +
        '(OPENPCS_FEED_STALE_MINUTES) at the request: the truck may have left without the gate-out being reported',
    ),
});

export type TruckVisit = z.infer<typeof TruckVisitSchema>;
export type VisitTransactionView = z.infer<typeof VisitTransactionSchema>;

export const TRUCK_VISIT_CSV_COLUMNS = [
  'visitId',
  'terminalCode',
  'unLocationCode',
  'truckingCompany',
  'truckPlate',
  'gateInAt',
  'gateOutAt',
  'turnTimeMinutes',
  'appointmentId',
  'appointmentStatus',
  'slotStart',
  'slotEnd',
  'dropoffs',
  'pickups',
  'partialView',
  'asOf',
  'stale',
  'sourceOrganisation',
  'sourceInboxId',
  'sourceEventId',
] as const;

export function truckVisitCsvRow(v: TruckVisit): Record<string, unknown> {
  const refs = (move: string) => v.transactions.filter((t) => t.move === move).map((t) => t.equipmentReference);
  return {
    ...v,
    dropoffs: refs('DROPOFF'),
    pickups: refs('PICKUP'),
    sourceOrganisation: v.source?.organisation ?? null,
    sourceInboxId: v.source?.inboxId ?? null,
    sourceEventId: v.source?.eventId ?? null,
  };
}
