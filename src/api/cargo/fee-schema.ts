/** Response schema of `GET /fees` (zod → OpenAPI): demurrage and detention estimates per container. */
import { z } from 'zod';

const ChargedDaySchema = z.object({
  date: z.string().describe('local date in the port zone'),
  dayNumber: z.number().int().describe('ordinal among the charged days; tiers count these'),
  rate: z.number().describe('rate charged for that day'),
});

export const FeeEstimateSchema = z.object({
  kind: z.enum(['DEMURRAGE', 'DETENTION']),
  currency: z.string().describe('ISO 4217'),
  length: z.enum(['20', '40', '45']).describe('length class of the box, from its ISO 6346 size code'),
  tariffSource: z.string().describe('the tariff the rates come from'),
  clockStartedAt: z.string().describe('discharge or full gate-in (demurrage); gate-out or empty pick-up (detention)'),
  lastFreeDay: z.string().describe('last free day, local date'),
  lastFreeDayFrom: z.string().describe("where the last free day comes from (the terminal's statement wins)"),
  chargesFrom: z.string().describe('first day that can be charged: the day after the last free day'),
  clockStoppedAt: z.string().nullable().describe('gate-out, loading, empty return or full gate-in; null while running'),
  chargedDays: z.number().int(),
  amountSoFar: z.number().describe('sum of the charged days through the clock stop, or through the as-of day'),
  tomorrowsCharge: z.number().describe('what one more day adds while the clock runs; 0 when stopped or free'),
  days: z.array(ChargedDaySchema),
});

export const FeeOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ESTIMATED'), estimate: FeeEstimateSchema }),
  z.object({
    status: z.enum(['NOT_STARTED', 'NOT_APPLICABLE', 'NO_TARIFF', 'UNKNOWN']),
    reason: z.string(),
  }),
]);

export const ContainerFeesSchema = z.object({
  equipmentReference: z.string(),
  status: z.string().describe('container status, as GET /containers/{reference} gives it'),
  terminalCode: z.string().nullable(),
  demurrage: FeeOutcomeSchema,
  detention: FeeOutcomeSchema,
});

export const FeesResponseSchema = z.object({
  asOf: z.string().describe('the instant the estimates are computed for (`at`, default now)'),
  containers: z.array(ContainerFeesSchema),
  notFound: z.array(z.string()).describe('numbers asked for that do not exist or that you may not see'),
});
