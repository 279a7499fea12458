/**
 * Headless Chromium for the portal's browser tests (test/portal/) and benchmark (portal.bench.ts): Debian's `/usr/bin/chromium` (`.ci/run`
 * installs the `chromium` package) driven by `playwright-core`, which downloads no browser of its own.
 * `OPENPCS_CHROMIUM` names another binary. Without one the browser tests skip and say why.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['OPENPCS_CHROMIUM'] ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set OPENPCS_CHROMIUM): portal browser tests skipped`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}
