/**
 * What the routes with a period in their query share (`/appointments`, `/appointments/outcomes`,
 * `/appointments/availability`, `/truck-visits`, `/equipment/ze-share`, `/terminals/{code}/kpis`): a local
 * calendar day as a query parameter, the `from`/`to` instants as dates for the readers, and the check of a
 * half-open period [from, to) with its longest length, answered with 400 `PCS_API_VALIDATION` pointing at `to`.
 */
import { z } from 'zod';
import { problem } from './problem.js';

/** A local calendar day `YYYY-MM-DD`: 2026-02-30 would otherwise reach PostgreSQL and fail there. */
export const QueryLocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((text) => {
    const day = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
  }, 'not a calendar date');

/** The optional `from`/`to` instants of a query (QueryInstant text) as dates, for a reader's filter. */
export function periodDates(
  from: string | undefined,
  to: string | undefined,
): { from: Date | undefined; to: Date | undefined } {
  return { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
}

/** How long a period may be, in the unit its answers speak of (`92 days`, `168 hours`). */
export interface PeriodLimit {
  /** What the route calls the span (`period`, `window`). */
  readonly noun: string;
  readonly most: number;
  readonly unit: 'days' | 'hours';
}

const UNIT_MS = { days: 86_400_000, hours: 3_600_000 } as const;

/** Refuses a period [fromMs, toMs) that is empty or longer than `limit`. */
export function checkPeriod(fromMs: number, toMs: number, limit: PeriodLimit): void {
  if (toMs <= fromMs) {
    throw problem('PCS_API_VALIDATION', '`to` is not after `from`', [
      { pointer: '/query/to', detail: 'must be after `from`' },
    ]);
  }
  if (toMs - fromMs > limit.most * UNIT_MS[limit.unit]) {
    throw problem('PCS_API_VALIDATION', `the ${limit.noun} is longer than ${limit.most} ${limit.unit}`, [
      { pointer: '/query/to', detail: `at most ${limit.most} ${limit.unit} after \`from\`` },
    ]);
  }
}
