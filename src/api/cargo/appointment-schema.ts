/**
 * Answer shapes of a trucker's own appointments (`GET /appointments`, `GET /appointments/outcomes`;
 * docs/truckers.md): each appointment with the visit that used it and whether it was kept
 * (`domain/appointments/appointment-outcome.ts`), with `asOf` and `source` like every trucker answer.
 */
import { z } from 'zod';
import { APPOINTMENT_OUTCOMES } from '../../domain/appointments/appointment-outcome.js';
import { FeedSourceSchema } from './terminal-feed-schema.js';

export const AppointmentSchema = z
  .object({
    appointmentId: z.string(),
    terminalCode: z.string(),
    unLocationCode: z.string().nullable(),
    status: z
      .string()
      .describe('as the appointment system stated it: REQUESTED, BOOKED, RESCHEDULED, CANCELLED, USED, NO_SHOW'),
    truckingCompany: z.string().describe('SCAC of the trucking company'),
    truckPlate: z.string().nullable(),
    slotStart: z.string(),
    slotEnd: z.string(),
    transactions: z.array(z.record(z.string(), z.unknown())).describe('the container moves booked with it'),
    outcome: z
      .enum(APPOINTMENT_OUTCOMES)
      .describe(
        'upcoming, open (window in progress), kept (gate-in inside the slot ± grace), early, late, no-show, cancelled',
      ),
    gateInAt: z.string().nullable().describe('first gate-in of a visit that used the appointment'),
    visitId: z.string().nullable().describe('that visit (GET /truck-visits/{visitId})'),
    minutesOutsideSlot: z.number().nullable().describe('negative: before the slot; positive: after it; 0 inside'),
    asOf: z.string().describe('time of the newest appointment statement behind this record (ISO 8601, UTC)'),
    source: FeedSourceSchema,
  })
  .describe('a truck appointment the caller may see');
export type Appointment = z.infer<typeof AppointmentSchema>;

export const APPOINTMENT_CSV_COLUMNS = [
  'appointmentId',
  'terminalCode',
  'status',
  'truckingCompany',
  'truckPlate',
  'slotStart',
  'slotEnd',
  'outcome',
  'gateInAt',
  'visitId',
  'minutesOutsideSlot',
  'asOf',
] as const;

export function appointmentCsvRow(a: Appointment): Record<string, unknown> {
  return Object.fromEntries(APPOINTMENT_CSV_COLUMNS.map((c) => [c, a[c]]));
}

const counts = z.object(Object.fromEntries(APPOINTMENT_OUTCOMES.map((o) => [o, z.number().int()])));

export const OutcomeSummarySchema = z.object({
  appointments: z.number().int(),
  byOutcome: counts,
  noShowRate: z.number().nullable().describe('no-shows over settled appointments (kept, early, late, no-show)'),
  onTimeRate: z.number().nullable().describe('kept over those that came (kept, early, late)'),
});

export const AppointmentOutcomesSchema = z.object({
  from: z.string(),
  to: z.string(),
  graceMinutes: z.number().int(),
  total: OutcomeSummarySchema,
  byTerminal: z.array(OutcomeSummarySchema.extend({ terminalCode: z.string() })),
  asOf: z.string().nullable().describe('newest appointment statement counted'),
  truncated: z.boolean().describe('more than 50,000 appointments matched; only the first were counted'),
});
