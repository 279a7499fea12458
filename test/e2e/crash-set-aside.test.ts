/**
 * A message that crashes the process (here: a parser release that kills it, as an out-of-memory or a
 * native fault would) is retried once at the next start, and set aside at the start after that, so
 * recovery goes on with the messages behind it instead of crashing at every start. A plain
 * `openpcs replay` leaves it alone; `openpcs replay --inbox <id>` runs it once the parser is fixed.
 * Real processes, real SIGKILL, on both engines (needs `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../src/store/open-database.js';
import { DATABASE_URL, selectedCases } from '../support/engines.js';
import { CLI, cliBuilt, dataDirForServer, scratchDatabaseForServer } from '../support/server-process.js';
import { SETUP_BUDGET_MS } from '../support/budget.js';

const DIST = fileURLToPath(new URL('../../dist/src/', import.meta.url));

/** One "process start": opens the platform with a parser that kills the process on voyage KILL. */
const CHILD = `
const [dist, storeJson, mode] = process.argv.slice(1);
const { openPlatform } = await import(dist + 'platform.js');
const { ParserRegistry } = await import(dist + 'ingest/parser-registry.js');
const { vesselScheduleParser } = await import(dist + 'ingest/csv/vessel-schedule-parser.js');
const { parseInParts: _streamed, ...oneShot } = vesselScheduleParser;
const killer = {
  ...oneShot,
  version: '0.9.2-kills',
  parse(body, ctx) {
    if (Buffer.from(body).includes('KILL')) process.kill(process.pid, 'SIGKILL');
    return vesselScheduleParser.parse(body, ctx);
  },
};
const platform = await openPlatform({ store: JSON.parse(storeJson), parsers: new ParserRegistry([killer]) });
const message = (voyage, minute) =>
  Buffer.from('vessel_imo,voyage,port,eta\\n9321483,' + voyage + ',USLAX,2026-12-01T00:0' + minute + ':00Z\\n');
if (mode === 'receive') {
  for (const [voyage, minute] of [['V0001', 1], ['KILL', 2], ['V0003', 3], ['V0004', 4]]) {
    await platform.pipeline.receive({ format: 'csv-vessel-schedule', body: message(voyage, minute), channel: 'test', sourceOrg: 'local' });
  }
} else if (mode === 'recover') {
  await platform.pipeline.processPending();
} else if (mode === 'replay-all') {
  await platform.pipeline.replay();
}
const rows = await platform.database.db.selectFrom('inbox').selectAll().orderBy('id').execute();
console.log(JSON.stringify(rows.map((r) => ({ id: r.id, status: r.status, attempts: r.attempts ?? null }))));
await platform.close();
`;

interface Start {
  readonly exit: number | string;
  readonly rows: { id: string; status: string; attempts: number }[];
}

function start(store: StoreConfig, mode: string): Start {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, DIST, JSON.stringify(store), mode], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: SETUP_BUDGET_MS,
  });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  return {
    exit: run.status ?? run.signal ?? 'unknown',
    rows: last.startsWith('[') ? (JSON.parse(last) as Start['rows']) : [],
  };
}

const engines = [
  {
    name: 'pglite',
    async setup() {
      const dir = await dataDirForServer('openpcs-set-aside-');
      const store: StoreConfig = { engine: 'pglite', dataDir: dir };
      return { store, args: ['--data-dir', dir], cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(DATABASE_URL
    ? [
        {
          name: 'postgres',
          async setup() {
            const scratch = await scratchDatabaseForServer(DATABASE_URL!);
            const store: StoreConfig = { engine: 'postgres', url: scratch.url, poolSize: 2 };
            return { store, args: ['--database-url', scratch.url], cleanup: scratch.drop };
          },
        },
      ]
    : []),
];

describe.skipIf(!cliBuilt())('crashing messages are set aside (needs `npm run build`)', () => {
  it.each(selectedCases(engines))(
    'should set aside a message that crashed the process twice and recover the rest on $name',
    async (engine) => {
      const { store, args, cleanup } = await engine.setup();
      try {
        expect(start(store, 'receive').exit).toBe(0);

        // Start 1: the first message is processed, the second kills the process; its attempt was counted.
        const first = start(store, 'recover');
        expect(first.exit).toBe('SIGKILL');
        // Start 2: retried once (it might have been an unrelated crash), and it kills the process again.
        expect(start(store, 'recover').exit).toBe('SIGKILL');
        // Start 3: set aside; recovery goes on with the messages behind it.
        const third = start(store, 'recover');
        expect(third.exit).toBe(0);
        expect(third.rows.map((r) => [r.status, r.attempts])).toEqual([
          ['processed', 1],
          ['set_aside', 2],
          ['processed', 1],
          ['processed', 1],
        ]);
        const setAside = third.rows[1]!.id;

        // A plain replay leaves it alone (it would crash again) ...
        expect(start(store, 'replay-all').rows[1]).toMatchObject({ status: 'set_aside', attempts: 2 });
        // ... the operator sees it as an open dead letter, and replays it explicitly after the fix.
        const letters = spawnSync(process.execPath, [CLI, 'dead-letters', ...args], {
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: '' },
        });
        expect(letters.stdout).toContain('PCS_INGEST_SET_ASIDE');
        const replay = spawnSync(process.execPath, [CLI, 'replay', '--inbox', setAside, ...args], {
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: '' },
        });
        expect(replay.status, replay.stderr).toBe(0);
        expect(replay.stdout).toContain(`inbox ${setAside} (csv-vessel-schedule): processed, 1 new event(s)`);
      } finally {
        await cleanup();
      }
    },
    // Seven process starts; a PGlite start in a data directory takes seconds on a loaded machine.
    SETUP_BUDGET_MS,
  );
});
