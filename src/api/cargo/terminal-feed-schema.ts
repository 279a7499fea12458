/**
 * Answer shapes of the trucker routes (`/appointments/availability`, `/empty-returns`, `/notices`; docs/truckers.md).
 * Every record carries `asOf` (the time of the newest fact behind it) and `source` (the organisation and the
 * message that stated it); `stale` flags a figure older than the configured age (`OPENPCS_FEED_STALE_MINUTES`).
 */
import { z } from 'zod';
import {
  APPOINTMENT_TRANSACTION_TYPES,
  EMPTY_RETURN_SPEAKERS,
  NOTICE_STATUSES,
  NOTICE_TYPES,
} from '../../domain/cargo-event-codes.js';

export const FeedSourceSchema = z
  .object({
    organisation: z.string().describe('organisation that stated it'),
    inboxId: z.string().nullable().describe('inbox message it came in (GET /inbox/{id} for its sender)'),
    eventId: z.string().describe('the event that holds the statement (GET /events)'),
  })
  .describe('who stated the fact, in which message');

const asOf = z.string().describe('time of the newest fact behind this record (ISO 8601, UTC)');
const stale = z.boolean().describe('the figure is older than the configured age (OPENPCS_FEED_STALE_MINUTES)');

export const NoticeSchema = z
  .object({
    noticeId: z.string(),
    noticeType: z.enum(NOTICE_TYPES),
    status: z.enum(NOTICE_STATUSES),
    terminal: z.string().nullable().describe('SMDG code; null: the whole port'),
    unLocationCode: z.string().nullable(),
    carrierScac: z.string().nullable().describe('EMPTIES_NOT_ACCEPTED for this carrier only; null: all'),
    isoType: z.string().nullable().describe('EMPTIES_NOT_ACCEPTED for this size/type only; null: all'),
    validFrom: z.string(),
    validTo: z.string().nullable().describe('end (exclusive); null: until further notice'),
    text: z.string(),
    activeAt: z.boolean().describe('in force at the instant asked about'),
    asOf,
    source: FeedSourceSchema,
  })
  .describe('A restriction or outage a terminal or the port authority announced');
export type NoticeView = z.infer<typeof NoticeSchema>;

export const SlotSchema = z
  .object({
    terminal: z.string(),
    unLocationCode: z.string().nullable(),
    transactionType: z.enum(APPOINTMENT_TRANSACTION_TYPES),
    slotStart: z.string(),
    slotEnd: z.string(),
    capacity: z.number().int(),
    booked: z.number().int(),
    free: z.number().int(),
    notices: z.array(NoticeSchema).describe('notices of this terminal (or the port) in force during the slot'),
    asOf,
    stale,
    source: FeedSourceSchema.describe('the terminal statement of capacity and booked'),
  })
  .describe('One appointment slot as the terminal last stated it');
export type SlotView = z.infer<typeof SlotSchema>;

export const NextSlotSchema = z.object({
  slotStart: z.string(),
  slotEnd: z.string(),
  free: z.number().int(),
  asOf,
  source: FeedSourceSchema,
});

/** One party's newest word on returning this empty here (docs/truckers.md: both must accept). */
export const ReceivableWordSchema = z
  .object({
    statedBy: z
      .enum(EMPTY_RETURN_SPEAKERS)
      .describe('LOCATION: the terminal (or the port authority for a depot); CARRIER: the carrier of the SCAC'),
    accepting: z.boolean(),
    remainingCapacity: z.number().int().nullable().describe('empties it can still take; null: not stated'),
    asOf,
    stale,
    source: FeedSourceSchema,
  })
  .describe('A receivable statement (`csv-empty-returns`) of one party');

const statedBy = z
  .enum(EMPTY_RETURN_SPEAKERS)
  .describe('whose word the figure (and `source`) is: the location or the carrier');
const statements = z
  .array(ReceivableWordSchema)
  .describe("each party's newest statement: the location's first, then the carrier's; both must accept");

export const ReturnLocationSchema = z
  .object({
    location: z.string().describe('SMDG terminal code or depot code'),
    locationType: z.enum(['TERMINAL', 'DEPOT']),
    name: z.string().nullable(),
    unLocationCode: z.string().nullable(),
    remainingCapacity: z
      .number()
      .int()
      .nullable()
      .describe('empties it can still take: the smaller figure the location and the carrier stated; null: neither'),
    statedBy,
    statements,
    nextSlot: NextSlotSchema.nullable().describe('the next EMPTY_RETURN appointment slot with a free place'),
    notices: z.array(NoticeSchema).describe('notices in force that affect returning this empty here'),
    asOf,
    stale: stale.describe('a statement behind it is older than the configured age (OPENPCS_FEED_STALE_MINUTES)'),
    source: FeedSourceSchema.describe('the receivable statement the figure comes from (`statedBy`)'),
  })
  .describe('A location that receives the empty now');

export const ClosedLocationSchema = z.object({
  location: z.string(),
  reason: z.enum(['NOT_ACCEPTING', 'FULL', 'NOTICE']),
  statedBy: statedBy
    .nullable()
    .describe('whose receivable statement closes it (`source`); null: open by both, closed by a notice'),
  statements,
  notices: z.array(NoticeSchema),
  asOf,
  source: FeedSourceSchema,
});

export const EmptyReturnAnswerSchema = z.object({
  scac: z.string(),
  isoType: z.string(),
  at: z.string().describe('the instant asked about'),
  locations: z.array(ReturnLocationSchema).describe('where it can be returned, most remaining capacity first'),
  closed: z.array(ClosedLocationSchema).describe('locations that stated a receivable for it but do not take it now'),
});
export type EmptyReturnAnswer = z.infer<typeof EmptyReturnAnswerSchema>;
