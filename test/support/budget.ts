/**
 * How long a slow setup may take before a test gives up on it: a server process starting, a simulator run
 * written, the projections catching up. One generous figure for all of them, instead of 120 s here and 180 s
 * there, which flaked when six test runs shared the 2-core CI machine (load 20+). It is a give-up time, never
 * an assertion: every wait it bounds is on a condition (a "ready" line, a row in a read model), so a healthy
 * run takes as long as its work does and a hung one still fails. `OPENPCS_TEST_BUDGET_S` overrides it.
 */
export const SETUP_BUDGET_MS = budgetMs(process.env['OPENPCS_TEST_BUDGET_S'], 600_000);

function budgetMs(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`OPENPCS_TEST_BUDGET_S: a number of seconds > 0, not "${raw}"`);
  }
  return seconds * 1000;
}
