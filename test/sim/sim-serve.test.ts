/**
 * `npm start` shows a living port offline (issue 12 "Product wiring"): `openpcs serve` runs the simulator
 * inside, anchored at the wall clock, so `GET /vessels` (now) lists ships at berth and at anchor soon after the
 * start, while the server answers /health throughout. A high OPENPCS_SIM_SPEED keeps the test short; nothing
 * here asserts a wall-clock duration. With the simulator off (as tests and production deployments run) the
 * product stays empty. Equipment telemetry reaches `/equipment` and `/equipment/ze-share` over HTTP from the terminals.
 * Needs `npm run build` (the server runs as an operator starts it).
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATABASE_URL, selectedCases } from '../support/engines.js';
import {
  cliBuilt,
  dataDirForServer,
  firstStartKey,
  scratchDatabaseForServer,
  startServer,
  type ServerProcess,
} from '../support/server-process.js';
import { until } from '../support/until.js';

interface Engine {
  readonly name: string;
  setup(): { args: string[]; cleanup: () => Promise<void> } | Promise<{ args: string[]; cleanup: () => Promise<void> }>;
}

const engines: Engine[] = selectedCases([
  {
    name: 'pglite',
    setup: async () => {
      const dir = await dataDirForServer('openpcs-sim-serve-');
      return {
        args: ['--data-dir', dir],
        cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      };
    },
  },
  ...(DATABASE_URL
    ? [
        {
          name: 'postgres',
          setup: async () => {
            const scratch = await scratchDatabaseForServer(DATABASE_URL!);
            return { args: ['--database-url', scratch.url], cleanup: scratch.drop };
          },
        },
      ]
    : []),
]);

/** What the simulator says once the boxes of the calls in port are generated (before the first cargo message). */
const BOXES_GENERATED = /sim: the boxes of the container calls in port generated/;

async function getJson<T>(server: ServerProcess, path: string, key: string): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/**
 * Each test has one time budget and every wait takes what is left of it: on a loaded machine the start, the
 * backfill and the first ships take longer, and no single step's slice of a fixed timeout should fail a run whose
 * whole still fits. Conditions, not durations, end every wait.
 */
const BUDGET_MS = 1_500_000;
/**
 * Between two polls of the API: the key's rate limit (`OPENPCS_RATE_LIMIT_PER_MIN`, 1,200 a minute) would answer
 * 429 to a 20 ms poll that lasts over a minute, as the telemetry's does while the warm-up boxes are generated.
 */
const HTTP_POLL_MS = 500;
/** Kept for stopping the server and cleaning up after the last wait. */
const STOP_RESERVE_MS = 90_000;

function budget(): () => number {
  const deadline = Date.now() + BUDGET_MS - STOP_RESERVE_MS;
  return () => Math.max(1_000, deadline - Date.now());
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  expect(await server.exited, server.output()).toBe(0);
}

describe.skipIf(!cliBuilt())('serve with the simulator (needs `npm run build`)', () => {
  it.each(engines)(
    'should show simulated ships at berth and at anchor soon after the start on $name',
    async (engine) => {
      const left = budget();
      const { args, cleanup } = await engine.setup();
      try {
        const server = await startServer(
          args,
          { OPENPCS_SIM: 'on', OPENPCS_SIM_SPEED: '600', OPENPCS_SIM_BACKFILL_HOURS: '1' },
          left(),
        );
        try {
          const key = await firstStartKey(server);
          await until(() => server.output().includes('sim: on'), 'the simulator to start', left());
          // What is running is on the console: simulator, speed, parties.
          expect(server.output()).toMatch(/sim: on \(OPENPCS_SIM=off turns it off\).*at ×600.*parties: /);
          // The server answers while the simulator starts: the health check completes while the boxes of the
          // calls in port are still being generated (one call at a time, the event loop running between calls),
          // not once they all are (the line that says so comes later).
          expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
          expect(server.output()).not.toMatch(BOXES_GENERATED);
          let vessels: { mmsi: string; status: string }[] = [];
          await until(
            async () => {
              vessels = (await getJson<{ vessels: typeof vessels }>(server, '/vessels', key)).vessels;
              return vessels.filter((v) => v.status === 'at_berth').length >= 10;
            },
            'ships at berth in /vessels',
            left(),
            HTTP_POLL_MS,
          );
          expect(
            vessels.some((v) => v.status === 'at_anchor' || v.status === 'anchored_outside' || v.status === 'at_berth'),
          ).toBe(true);
          expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
          // Equipment telemetry arrives too (over HTTP from each terminal, no broker configured): units and ZE share.
          expect(server.output()).toMatch(/equipment telemetry over HTTP from each terminal/);
          await until(
            async () =>
              (await getJson<{ port: { units: number } }>(server, '/equipment/ze-share', key)).port.units > 100,
            'equipment units in /equipment/ze-share',
            left(),
            HTTP_POLL_MS,
          );
          const units = await getJson<{ units: { terminal: string; asOf: string }[] }>(
            server,
            '/equipment?limit=5',
            key,
          );
          expect(units.units).toHaveLength(5);
          await until(() => BOXES_GENERATED.test(server.output()), 'the boxes of the calls in port', left());
        } finally {
          await stop(server);
        }
      } finally {
        await cleanup();
      }
    },
    BUDGET_MS,
  );

  it.each(engines)(
    'should leave the product empty with the simulator off on $name',
    async (engine) => {
      const left = budget();
      const { args, cleanup } = await engine.setup();
      try {
        const server = await startServer(args, { OPENPCS_SIM: 'off' }, left());
        try {
          const key = await firstStartKey(server);
          await until(() => server.output().includes('sim: off'), 'the server to settle', left());
          expect(server.output()).not.toContain('sim: on');
          expect((await getJson<{ vessels: unknown[] }>(server, '/vessels', key)).vessels).toEqual([]);
          const orgs = await getJson<{ organisations: { id: string }[] }>(server, '/admin/organisations', key);
          expect(orgs.organisations.filter((o) => o.id.startsWith('sim-'))).toEqual([]);
          expect((await getJson<{ events: unknown[] }>(server, '/events?limit=5', key)).events).toEqual([]);
        } finally {
          await stop(server);
        }
      } finally {
        await cleanup();
      }
    },
    BUDGET_MS,
  );
});
