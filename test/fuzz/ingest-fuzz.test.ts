/**
 * Ingest fuzzing through HTTP, on both engines: every format gets mutated fixtures and random bytes
 * (`fuzz-inputs.ts`), posted with `app.inject` in sync and async mode, a few at a time; `fuzz-harness.ts` says
 * what must hold whatever the bytes (no 5xx, nothing stuck `received`, every acknowledged message settled,
 * every failed one with an open dead letter, `/health` up).
 *
 * `FUZZ_RUNS` inputs per format (default 8, so this file stays well under a minute in `npm test`);
 * `FUZZ_SEED` picks another deterministic sequence. The large campaign (≥20k per format, one JSON line per
 * format and engine) is `npm run fuzz` (`fuzz-campaign.ts`, `docs/fuzzing.md`).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey, operatesEveryTerminal } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { checkInbox, healthy, postAll } from './fuzz-harness.js';
import { FUZZ_CARRIER_SCAC, fuzzLabel, inputs, TARGETS } from './fuzz-inputs.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 8);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const CONCURRENCY = 4;

describe.each(ENGINES)('ingest fuzzing on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let auth: { authorization: string };
  let truckerAuth: { authorization: string };
  let carrierAuth: { authorization: string };
  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 1e9 });
    auth = await orgWithKey(platform, 'fuzzer', 'terminal');
    await operatesEveryTerminal(platform, 'fuzzer');
    truckerAuth = await orgWithKey(platform, 'fuzzing-trucker', 'trucker');
    carrierAuth = await orgWithKey(platform, 'fuzzing-carrier', 'carrier');
    await platform.carrierScacs.replace('fuzzing-carrier', [FUZZ_CARRIER_SCAC], 'test');
  });
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it.each(TARGETS.map((t) => ({ ...t, label: fuzzLabel(t) })))(
    'should answer every mutated or random $label message without a 5xx and leave none unprocessed',
    async ({ format, seeds, sender, label }) => {
      const samples = fc.sample(inputs(seeds), { numRuns: RUNS, seed: SEED + label.length });
      const tally = await postAll(
        server,
        sender === 'trucker' ? truckerAuth : sender === 'carrier' ? carrierAuth : auth,
        format,
        samples,
        CONCURRENCY,
        `seed ${SEED} `,
      );
      await platform.pipeline.drain();
      const check = await checkInbox(platform.database.db, format, tally.acknowledged);
      console.log(
        JSON.stringify({
          fuzz: label,
          engine: engine.name,
          inputs: tally.inputs,
          '2xx': tally.accepted,
          '207': tally.partial,
          '4xx': tally.client,
          '5xx': tally.server,
          stuck: check.stuck,
          rssPeakMiB: Math.round(tally.rssPeak / 2 ** 20),
        }),
      );

      expect(tally.inputs).toBe(samples.length);
      expect(tally.serverErrors).toEqual([]);
      expect(tally.ackWithoutId, 'acknowledged without an inbox id').toEqual([]);
      expect(check.stuck).toBe(0);
      expect(check.unsettled).toEqual([]);
      expect(check.failedWithoutLetter).toBe(0);
      expect(await healthy(server)).toBe(true);
    },
    // Up to ~250 ms an input on a loaded 2-core machine (large duplicated X12 messages are the slowest).
    Math.max(60_000, RUNS * 500),
  );
});
