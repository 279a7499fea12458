/**
 * The fuzz campaign (`npm run fuzz`, `docs/fuzzing.md`): `FUZZ_RUNS` inputs per format (default 20,000) through
 * HTTP on each engine, with one server and one store per engine for the whole campaign. Formats take turns in
 * rounds of `FUZZ_BATCH` inputs, so a campaign stopped early (`FUZZ_UNTIL`, an ISO time) has covered every
 * format about equally. After each round the format's inbox is checked once (`fuzz-harness.ts`) and one JSON
 * line per (format, engine) with the totals so far is appended to `FUZZ_OUT` (when set); the final lines go to
 * stdout. The test fails at the end if any input got a 5xx, any message is stuck or unsettled, or `/health`
 * went down.
 *
 * PGlite runs on a temporary data directory (not in memory), so the process RSS measures the server, not the
 * stored data. PostgreSQL (`DATABASE_URL`) gets a scratch database, dropped afterwards.
 * `FUZZ_ENGINE=pglite|postgres` runs one engine (two processes can run the engines side by side);
 * `FUZZ_FORMATS=a,b` picks formats; `FUZZ_CONCURRENCY` requests in flight (default 8); `FUZZ_SEED`.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/build-server.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { openDatabase, type StoreConfig } from '../../src/store/open-database.js';
import { ENGINES, type EngineCase } from '../support/engines.js';
import { orgWithKey, operatesEveryTerminal } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { checkInbox, healthy, postAll } from './fuzz-harness.js';
import { FUZZ_CARRIER_SCAC, fuzzLabel, inputs, TARGETS } from './fuzz-inputs.js';

const env = process.env;
const RUNS = Number(env['FUZZ_RUNS'] ?? 20_000);
const BATCH = Number(env['FUZZ_BATCH'] ?? 250);
const CONCURRENCY = Number(env['FUZZ_CONCURRENCY'] ?? 8);
const SEED = Number(env['FUZZ_SEED'] ?? 20261203);
const UNTIL = env['FUZZ_UNTIL'] ? Date.parse(env['FUZZ_UNTIL']) : Infinity;
const OUT = env['FUZZ_OUT'];
const FORMATS = env['FUZZ_FORMATS']?.split(',').filter(Boolean);
const ONLY_ENGINE = env['FUZZ_ENGINE'];

/** PGlite in a temporary directory, so stored messages do not count in the process RSS. */
const pgliteOnDisk: EngineCase = {
  name: 'pglite',
  async open() {
    const dataDir = mkdtempSync(join(tmpdir(), 'openpcs-fuzz-'));
    const config: StoreConfig = { engine: 'pglite', dataDir };
    const database = await openDatabase(config);
    await migrateToLatest(database.db);
    return Object.assign(database, {
      config,
      dispose: async () => {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    });
  },
};

const engines = [pgliteOnDisk, ...ENGINES.filter((e) => e.name === 'postgres')].filter(
  (e) => ONLY_ENGINE === undefined || e.name === ONLY_ENGINE,
);
const targets = TARGETS.filter((t) => FORMATS === undefined || FORMATS.includes(t.format));

/** A seed per (format, round), so every round of every format is a different, reproducible sequence. */
function seedFor(format: string, round: number): number {
  let h = SEED;
  for (const ch of format) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (h + Math.imul(round, 0x9e3779b1)) | 0;
}

interface Totals {
  fuzz: string;
  engine: string;
  inputs: number;
  '2xx': number;
  '207': number;
  '4xx': number;
  '5xx': number;
  stuck: number;
  unsettled: number;
  failedWithoutLetter: number;
  openDeadLetters: number;
  storedMessages: number;
  healthDown: number;
  rssPeakMiB: number;
  inputsPerS: number;
  seconds: number;
}

describe.each(engines)('fuzz campaign on $name', (engine) => {
  it(`should take ${RUNS} inputs per format without a 5xx, a stuck message or a fall`, async () => {
    const platform = await testPlatform(engine);
    const server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 1e9 });
    try {
      const auth = await orgWithKey(platform, 'fuzzer', 'terminal');
      await operatesEveryTerminal(platform, 'fuzzer');
      const truckerAuth = await orgWithKey(platform, 'fuzzing-trucker', 'trucker');
      const carrierAuth = await orgWithKey(platform, 'fuzzing-carrier', 'carrier');
      await platform.carrierScacs.replace('fuzzing-carrier', [FUZZ_CARRIER_SCAC], 'test');
      const totals = new Map<string, Totals>();
      const busyMs = new Map<string, number>();
      const serverErrors: string[] = [];
      const problems: string[] = [];
      for (const target of targets) {
        totals.set(fuzzLabel(target), {
          fuzz: fuzzLabel(target),
          engine: engine.name,
          inputs: 0,
          '2xx': 0,
          '207': 0,
          '4xx': 0,
          '5xx': 0,
          stuck: 0,
          unsettled: 0,
          failedWithoutLetter: 0,
          openDeadLetters: 0,
          storedMessages: 0,
          healthDown: 0,
          rssPeakMiB: 0,
          inputsPerS: 0,
          seconds: 0,
        });
      }
      for (let round = 0; round * BATCH < RUNS && Date.now() < UNTIL; round++) {
        for (const target of targets) {
          const { format, seeds, sender } = target;
          const label = fuzzLabel(target);
          if (Date.now() >= UNTIL) break;
          const count = Math.min(BATCH, RUNS - round * BATCH);
          const samples = fc.sample(inputs(seeds), { numRuns: count, seed: seedFor(label, round) });
          const started = performance.now();
          const tally = await postAll(
            server,
            sender === 'trucker' ? truckerAuth : sender === 'carrier' ? carrierAuth : auth,
            format,
            samples,
            CONCURRENCY,
            `round ${round} `,
          );
          await platform.pipeline.drain();
          const check = await checkInbox(platform.database.db, format, tally.acknowledged);
          const up = await healthy(server);
          busyMs.set(label, (busyMs.get(label) ?? 0) + performance.now() - started);
          const t = totals.get(label)!;
          t.inputs += tally.inputs;
          t['2xx'] += tally.accepted;
          t['207'] += tally.partial;
          t['4xx'] += tally.client;
          t['5xx'] += tally.server;
          t.stuck = check.stuck;
          t.unsettled += check.unsettled.length;
          t.failedWithoutLetter = check.failedWithoutLetter;
          t.openDeadLetters = check.openDeadLetters;
          t.storedMessages = check.stored;
          t.healthDown += up ? 0 : 1;
          t.rssPeakMiB = Math.max(t.rssPeakMiB, Math.round(tally.rssPeak / 2 ** 20));
          t.seconds = Math.round(busyMs.get(label)! / 1000);
          t.inputsPerS = Math.round((t.inputs / (busyMs.get(label)! / 1000)) * 10) / 10;
          serverErrors.push(...tally.serverErrors.map((e) => `${label} ${e}`));
          if (tally.ackWithoutId.length > 0) problems.push(`${label} round ${round}: ack without inbox id`);
          if (check.unsettled.length > 0) {
            problems.push(`${label} round ${round}: unsettled ${check.unsettled.join(' ')}`);
          }
          if (OUT !== undefined) {
            appendFileSync(OUT, JSON.stringify({ round, at: new Date().toISOString(), ...t }) + '\n');
            if (tally.serverErrors.length > 0) appendFileSync(`${OUT}.5xx`, tally.serverErrors.join('\n') + '\n');
          }
        }
      }
      for (const t of totals.values()) console.log(JSON.stringify(t));

      expect(serverErrors.slice(0, 20)).toEqual([]);
      expect(problems.slice(0, 20)).toEqual([]);
      for (const t of totals.values()) {
        expect(t, t.fuzz).toMatchObject({ '5xx': 0, stuck: 0, unsettled: 0, failedWithoutLetter: 0, healthDown: 0 });
      }
    } finally {
      await server.shutdown();
      await platform.close();
    }
  });
});
