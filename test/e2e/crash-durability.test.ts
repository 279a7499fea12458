/**
 * Durability (DESIGN §6): what the server acknowledged survives `kill -9`, and after a restart every
 * acknowledged message is in the inbox and its events in the store exactly once — on both engines.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATABASE_URL, selectedCases } from '../support/engines.js';
import {
  cliBuilt,
  dataDirForServer,
  scratchDatabaseForServer,
  startServer,
  firstStartKey,
} from '../support/server-process.js';
import { SETUP_BUDGET_MS } from '../support/budget.js';

const N = 60;

function message(i: number): string {
  const eta = new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString();
  return `vessel_imo,voyage,port,eta\n9321483,V${String(i).padStart(4, '0')},USLAX,${eta}\n`;
}

/** The admin key `serve` prints at first start. */
let key = '';

async function post(baseUrl: string, i: number): Promise<{ inboxId: string; status: string }> {
  const res = await fetch(`${baseUrl}/ingest/csv-vessel-schedule?mode=async`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
    body: message(i),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { inboxId: string; status: string };
}

async function allEvents(baseUrl: string): Promise<{ idempotencyKey: string; inboxId: string }[]> {
  const res = await fetch(`${baseUrl}/events?limit=1000`, { headers: { authorization: `Bearer ${key}` } });
  return ((await res.json()) as { events: { idempotencyKey: string; inboxId: string }[] }).events;
}

/**
 * Up to 30 s for the restarted server to process what the kill left `received`. Readers stop at the settled
 * horizon, which counts only this database's transactions, so other test files sharing the PostgreSQL server
 * do not hold it back (`test/store/event-store-concurrency.test.ts`).
 */
async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const engines = [
  {
    name: 'pglite',
    async setup() {
      const dir = await dataDirForServer('openpcs-crash-');
      return { args: ['--data-dir', dir], cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
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

describe.skipIf(!cliBuilt())('crash durability (needs `npm run build`)', () => {
  it.each(selectedCases(engines))(
    'should keep every acknowledged message exactly once across kill -9 on $name',
    async (engine) => {
      const { args, cleanup } = await engine.setup();
      try {
        const first = await startServer(args);
        key = await firstStartKey(first);
        const acks: string[] = [];
        // Acknowledge N messages concurrently in waves, then kill without warning.
        for (let wave = 0; wave < N; wave += 20) {
          const batch = await Promise.all(Array.from({ length: 20 }, (_, k) => post(first.baseUrl, wave + k)));
          acks.push(...batch.map((b) => b.inboxId));
        }
        first.child.kill('SIGKILL');
        expect(await first.exited).toBe('SIGKILL');

        const second = await startServer(args);
        try {
          const events = await waitFor(async () => {
            const list = await allEvents(second.baseUrl);
            return list.length >= N ? list : undefined;
          }, `${N} events after restart`);
          expect(new Set(acks).size).toBe(N);
          expect(events).toHaveLength(N);
          expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(N);
          expect(new Set(events.map((e) => e.inboxId))).toEqual(new Set(acks));
          for (const id of acks.slice(0, 5)) {
            const res = await fetch(`${second.baseUrl}/inbox/${id}`, { headers: { authorization: `Bearer ${key}` } });
            const inbox = (await res.json()) as { status: string };
            expect(inbox.status).toBe('processed');
          }
          // Re-delivery after the restart changes nothing.
          const redelivered = await post(second.baseUrl, 7);
          expect(acks).toContain(redelivered.inboxId);
          expect(await allEvents(second.baseUrl)).toHaveLength(N);
        } finally {
          second.child.kill('SIGTERM');
          expect(await second.exited).toBe(0);
        }
      } finally {
        await cleanup();
      }
    },
    SETUP_BUDGET_MS,
  );
});
