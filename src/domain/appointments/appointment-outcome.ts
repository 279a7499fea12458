/**
 * Whether a truck appointment was kept (issue 13: "no-shows and missed windows measured"). Pure: the slot, the
 * status the appointment system stated, the gate-in instants of the visits that used the appointment, and the
 * instant asked about. The terminal's own verdict wins (`NO_SHOW`, `CANCELLED`); otherwise the first gate-in
 * decides: inside the slot widened by the grace on either side is `kept`, before it `early`, after it `late`;
 * no gate-in by the end of the slot plus the grace is `no-show`. Terminals commonly let a truck in some minutes
 * either side of its window (the grace, `DEFAULT_GRACE_MINUTES`, is a parameter of the measure, not a rule of
 * any one terminal).
 */

export type AppointmentOutcome = 'upcoming' | 'open' | 'kept' | 'early' | 'late' | 'no-show' | 'cancelled';

export const APPOINTMENT_OUTCOMES = [
  'upcoming',
  'open',
  'kept',
  'early',
  'late',
  'no-show',
  'cancelled',
] as const satisfies readonly AppointmentOutcome[];

export const DEFAULT_GRACE_MINUTES = 30;

export interface AppointmentFacts {
  readonly status: string;
  readonly slotStartMs: number;
  readonly slotEndMs: number;
  /** Gate-in instants of the visits that used the appointment (any order). */
  readonly gateInsMs: readonly number[];
}

export interface OutcomeJudgement {
  readonly outcome: AppointmentOutcome;
  /** The first gate-in, when there is one. */
  readonly gateInMs: number | null;
  /** Minutes the first gate-in lay outside the slot (negative early, positive late; 0 inside), else null. */
  readonly minutesOutsideSlot: number | null;
}

export function judgeAppointment(facts: AppointmentFacts, atMs: number, graceMinutes = DEFAULT_GRACE_MINUTES) {
  const graceMs = graceMinutes * 60_000;
  const gateInMs = facts.gateInsMs.length > 0 ? Math.min(...facts.gateInsMs) : null;
  const outside =
    gateInMs === null
      ? null
      : gateInMs < facts.slotStartMs
        ? (gateInMs - facts.slotStartMs) / 60_000
        : gateInMs > facts.slotEndMs
          ? (gateInMs - facts.slotEndMs) / 60_000
          : 0;
  const judged = (outcome: AppointmentOutcome): OutcomeJudgement => ({
    outcome,
    gateInMs,
    minutesOutsideSlot: outside === null ? null : Math.round(outside * 10) / 10,
  });
  if (facts.status === 'CANCELLED') return judged('cancelled');
  if (facts.status === 'NO_SHOW') return judged('no-show');
  if (gateInMs !== null) {
    if (gateInMs < facts.slotStartMs - graceMs) return judged('early');
    if (gateInMs > facts.slotEndMs + graceMs) return judged('late');
    return judged('kept');
  }
  if (atMs < facts.slotStartMs) return judged('upcoming');
  if (atMs <= facts.slotEndMs + graceMs) return judged('open');
  return judged('no-show');
}

export interface OutcomeSummary {
  readonly appointments: number;
  readonly byOutcome: Readonly<Record<AppointmentOutcome, number>>;
  /** No-shows over the appointments whose outcome is settled (kept, early, late, no-show); null when none. */
  readonly noShowRate: number | null;
  /** Kept (inside the slot ± grace) over the settled ones that came (kept, early, late); null when none came. */
  readonly onTimeRate: number | null;
}

export function summariseOutcomes(outcomes: readonly AppointmentOutcome[]): OutcomeSummary {
  const byOutcome = Object.fromEntries(APPOINTMENT_OUTCOMES.map((o) => [o, 0])) as Record<AppointmentOutcome, number>;
  for (const o of outcomes) byOutcome[o]++;
  const came = byOutcome.kept + byOutcome.early + byOutcome.late;
  const settled = came + byOutcome['no-show'];
  const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
  return {
    appointments: outcomes.length,
    byOutcome,
    noShowRate: ratio(byOutcome['no-show'], settled),
    onTimeRate: ratio(byOutcome.kept, came),
  };
}
