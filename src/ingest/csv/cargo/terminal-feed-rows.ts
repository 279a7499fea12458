/**
 * What the three terminal feed CSVs share (`csv-appointment-slots`, `csv-empty-returns`, `csv-terminal-notices`;
 * docs/formats-terminal-feeds.md): yes/no cells, and the event frame of a stated fact (classifier `ACT`, dated when
 * it was stated, idempotency key over the normalised row so the same statement re-sent is stored once per sender).
 */
export const YES_NO = { Y: 'Y', YES: 'Y', TRUE: 'Y', '1': 'Y', N: 'N', NO: 'N', FALSE: 'N', '0': 'N' } as const;

/** A slot, a receivable or a notice longer than this is a typo (a wrong date), not a statement. */
export const MAX_WINDOW_DAYS = 62;
/** A terminal states slots for the next days, not for next year: a slot this far from the statement is a typo. */
export const MAX_SLOT_AHEAD_DAYS = 31;
/** Largest capacity or count a feed row may state (a gate hour, a depot's empty stack). */
export const MAX_FEED_COUNT = 100_000;

export const DAY_MS = 86_400_000;
