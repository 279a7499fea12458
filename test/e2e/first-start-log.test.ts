/**
 * What a newcomer reads when `openpcs serve` starts (docs/getting-started.md): a start with the embedded MQTT broker
 * (no `OPENPCS_MQTT_URL`) logs no warning or error but the first-start notice, and subscribes its telemetry transport
 * to the broker before anything else runs on the event loop (the simulator, whose first steps hold the loop for
 * seconds, made the subscription's CONNACK time out: "broker unreachable" on a clean start). A start with
 * `OPENPCS_MQTT_URL` at a port where no broker listens still warns, once, and keeps serving.
 */
import { rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SETUP_BUDGET_MS } from '../support/budget.js';
import { DATABASE_URL, selectedCases } from '../support/engines.js';
import {
  cliBuilt,
  dataDirForServer,
  scratchDatabaseForServer,
  startServer,
  type ServerProcess,
} from '../support/server-process.js';

/** A server start on a loaded machine (a cold PGlite, migrations) plus what each test waits for. */
const START_BUDGET_MS = SETUP_BUDGET_MS + 60_000;

const engines = [
  {
    name: 'pglite',
    async setup() {
      const dir = await dataDirForServer('openpcs-first-start-');
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
          async setup() {
            const scratch = await scratchDatabaseForServer(DATABASE_URL!);
            return { args: ['--database-url', scratch.url], cleanup: scratch.drop };
          },
        },
      ]
    : []),
];

interface LogLine {
  readonly level: number;
  readonly msg: string;
}

/** The JSON log lines of the output (the first-start banner and the `sim:` notices are plain text on stderr). */
function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

async function waitFor(server: ServerProcess, what: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!what.test(server.output())) {
    if (Date.now() > deadline) throw new Error(`no ${String(what)} in the server's output:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function stopped(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  expect(await server.exited, server.output()).toBe(0);
}

describe.skipIf(!cliBuilt())('the first-start log (needs `npm run build`)', () => {
  it.each(selectedCases(engines))(
    'should subscribe to the embedded broker before the simulator step and warn about nothing on $name',
    async (engine) => {
      const { args, cleanup } = await engine.setup();
      try {
        // Port 0: any free port, never a local Mosquitto's or another run's broker.
        const server = await startServer(args, { OPENPCS_MQTT_EMBEDDED_PORT: '0' });
        try {
          await waitFor(server, /sim: off/);
          const lines = logLines(server.output());
          const subscribed = lines.findIndex((l) => /^mqtt mqtt:\/\/127\.0\.0\.1:\d+: subscribed to/.test(l.msg));
          const simStep = lines.findIndex((l) => l.msg.startsWith('sim: off'));
          expect(subscribed, server.output()).toBeGreaterThan(-1);
          // The start waits for the subscription before the simulator's step (off here, on for a newcomer).
          expect(subscribed, server.output()).toBeLessThan(simStep);
          const alarming = lines.filter((l) => l.level >= 40 && !l.msg.startsWith('first start:'));
          expect(alarming, server.output()).toEqual([]);
        } finally {
          await stopped(server);
        }
      } finally {
        await cleanup();
      }
    },
    START_BUDGET_MS,
  );

  it.each(selectedCases(engines))(
    'should warn once about a configured broker that is down and keep serving on $name',
    async (engine) => {
      const { args, cleanup } = await engine.setup();
      try {
        const url = `mqtt://127.0.0.1:${await closedPort()}`;
        const server = await startServer(args, { OPENPCS_MQTT_URL: url });
        try {
          await waitFor(server, /broker unreachable/);
          // The client retries every second: a few attempts later there is still one warning, and the API answers.
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          expect((await fetch(`${server.baseUrl}/ready`)).status).toBe(200);
          const warnings = logLines(server.output()).filter((l) => l.level >= 40 && l.msg.startsWith('mqtt '));
          expect(warnings, server.output()).toHaveLength(1);
          expect(warnings[0]!.level).toBe(40);
          expect(warnings[0]!.msg).toMatch(
            new RegExp(`^mqtt ${url}: broker unreachable \\(.*ECONNREFUSED.*\\); retrying every 1 s`),
          );
          expect(server.output()).not.toContain('embedded MQTT broker on');
        } finally {
          await stopped(server);
        }
      } finally {
        await cleanup();
      }
    },
    START_BUDGET_MS,
  );
});
