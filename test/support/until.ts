/**
 * Polls until `check` holds, every `everyMs` (no wall-clock assertion: only a generous give-up time). A check that
 * calls the API over HTTP polls at most a few times a second: the product limits requests per key per minute.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
  everyMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
