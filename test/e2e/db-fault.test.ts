/**
 * PostgreSQL dropping its connections must not take the server down. The real `openpcs serve` runs on a
 * scratch database under concurrent ingest load (sync and async DCSA messages, each with its own event ids);
 * that database's backends are terminated three times mid-load. Afterwards: the process is still up, `/health`
 * and `/ready` answer 200, every request answered 2xx has all its events stored exactly once, every other
 * answer was a 503 problem+json (`PCS_STORE_UNAVAILABLE`, with `Retry-After`, no SQL text) — never a dropped
 * socket or a 500 — and re-sending the 503'd messages stores them once.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createScratchDatabase, DATABASE_URL } from '../support/engines.js';
import { CLI, cliBuilt, startServer } from '../support/server-process.js';
import { until } from '../support/until.js';

const CLIENTS = 6;
const MESSAGES_PER_CLIENT = 40;
const EVENTS_PER_MESSAGE = 5;
const TERMINATIONS = 3;

if (!DATABASE_URL) {
  console.warn('[openpcs tests] DATABASE_URL is not set: the PostgreSQL fault test (db-fault) is skipped.');
}

interface Message {
  readonly mode: 'sync' | 'async';
  readonly body: string;
  readonly eventIds: readonly string[];
}

type Answer =
  | { readonly kind: 'ok'; readonly status: number }
  | {
      readonly kind: 'refused';
      readonly status: number;
      readonly contentType: string;
      readonly retryAfter: string | null;
      readonly body: string;
    }
  | { readonly kind: 'socket'; readonly error: string };

function message(mode: 'sync' | 'async'): Message {
  const eventIds = Array.from({ length: EVENTS_PER_MESSAGE }, () => randomUUID());
  const events = eventIds.map((eventID, i) => ({
    eventID,
    eventType: 'EQUIPMENT',
    eventCreatedDateTime: '2026-02-15T16:02:10Z',
    eventClassifierCode: 'ACT',
    eventDateTime: `2026-02-15T07:${String(10 + i).padStart(2, '0')}:00-08:00`,
    equipmentEventTypeCode: 'LOAD',
    equipmentReference: 'MSKU9070323',
    ISOEquipmentCode: '42G1',
    emptyIndicatorCode: 'EMPTY',
    transportCall: {
      transportCallID: 'USLAX-APMT-0215',
      carrierServiceCode: 'TP1',
      exportVoyageNumber: '607E',
      UNLocationCode: 'USLAX',
      facilityCode: 'APMT',
      facilityCodeListProvider: 'SMDG',
      facilityTypeCode: 'POTE',
      modeOfTransport: 'VESSEL',
    },
  }));
  return { mode, body: JSON.stringify(events), eventIds };
}

async function send(baseUrl: string, key: string, m: Message): Promise<Answer> {
  try {
    const res = await fetch(`${baseUrl}/ingest/dcsa-events?mode=${m.mode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: m.body,
    });
    const body = await res.text();
    if (res.status >= 200 && res.status < 300) return { kind: 'ok', status: res.status };
    return {
      kind: 'refused',
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      retryAfter: res.headers.get('retry-after'),
      body,
    };
  } catch (error) {
    return {
      kind: 'socket',
      error: error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error),
    };
  }
}

/**
 * Terminates every backend of the scratch database and nothing else on the server: the call stands in the
 * select list, so it runs only on rows the filter kept (in the WHERE clause the planner may push it below
 * the `datname` join and run it on every backend of the server).
 */
async function terminateBackends(admin: pg.Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ terminated: boolean }>(
    'select pg_terminate_backend(pid) as terminated from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );
  return rows.filter((r) => r.terminated).length;
}

describe.skipIf(!cliBuilt() || !DATABASE_URL)('database faults (PostgreSQL only; needs `npm run build`)', () => {
  it('should survive terminated backends under ingest load and lose or repeat nothing acknowledged', async () => {
    const scratch = await createScratchDatabase(DATABASE_URL!);
    const database = new URL(scratch.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      const server = await startServer(['--database-url', scratch.url], { OPENPCS_RATE_LIMIT_PER_MIN: '100000' });
      let exited: number | string | null = null;
      void server.exited.then((code) => (exited = code));
      try {
        const key = /opcs_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(server.output())?.[0] ?? '';
        expect(key, 'serve prints a bootstrap admin key at first start').not.toBe('');
        await until(async () => (await fetch(`${server.baseUrl}/ready`)).status === 200, 'ready before load');

        const total = CLIENTS * MESSAGES_PER_CLIENT;
        const sent: { message: Message; answer: Answer }[] = [];
        // Terminations at about a quarter, a half and three quarters of the load.
        const terminations: number[] = [];
        const terminator = (async () => {
          for (let round = 1; round <= TERMINATIONS; round++) {
            await until(() => sent.length >= (total * round) / (TERMINATIONS + 1), `load point ${round}`, 120_000);
            terminations.push(await terminateBackends(admin, database));
          }
        })();
        await Promise.all(
          Array.from({ length: CLIENTS }, async (_, client) => {
            for (let i = 0; i < MESSAGES_PER_CLIENT; i++) {
              const m = message(client % 2 === 0 ? 'sync' : 'async');
              sent.push({ message: m, answer: await send(server.baseUrl, key, m) });
            }
          }),
        );
        await terminator;

        // The process is still up and comes back to ready by itself.
        expect(exited, `server exited:\n${server.output().slice(-4000)}`).toBeNull();
        expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
        await until(async () => (await fetch(`${server.baseUrl}/ready`)).status === 200, 'ready after faults', 30_000);

        // Every answer was a 2xx or a clean 503 problem.
        const acknowledged = sent.filter((s) => s.answer.kind === 'ok');
        const refused = sent.filter((s) => s.answer.kind === 'refused');
        const bad = sent.filter(
          (s) =>
            s.answer.kind === 'socket' ||
            (s.answer.kind === 'refused' &&
              (s.answer.status !== 503 ||
                !s.answer.contentType.startsWith('application/problem+json') ||
                s.answer.retryAfter === null ||
                (JSON.parse(s.answer.body) as { code?: string }).code !== 'PCS_STORE_UNAVAILABLE' ||
                /\b(select|insert|update)\b/i.test(s.answer.body))),
        );
        expect(bad.map((s) => s.answer)).toEqual([]);

        // The 503'd messages, sent again, are now accepted.
        // (A client that honours Retry-After tries a few times: a pooled connection terminated at the very end
        // of the load may still be handed out once.)
        for (const s of refused) {
          let again = await send(server.baseUrl, key, s.message);
          for (let attempt = 1; attempt < 3 && again.kind === 'refused' && again.status === 503; attempt++) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            again = await send(server.baseUrl, key, s.message);
          }
          expect(again).toMatchObject({ kind: 'ok' });
        }

        // Every event of every stored message is there exactly once (async ones once processed).
        const expected = [...acknowledged, ...refused].flatMap((s) => s.message.eventIds.map((id) => `dcsa:${id}`));
        const store = new pg.Client({ connectionString: scratch.url });
        await store.connect();
        try {
          const countByKey = async () => {
            const { rows } = await store.query<{ key: string; n: string }>(
              `select k as key, (select count(*) from event e where e.idempotency_key = k)::text as n
                 from unnest($1::text[]) as k`,
              [expected],
            );
            return rows;
          };
          await until(
            async () => (await countByKey()).every((r) => r.n !== '0'),
            'events of every stored message',
            60_000,
          );
          const rows = await countByKey();
          const lost = rows.filter((r) => r.n === '0').length;
          const duplicates = rows.filter((r) => Number(r.n) > 1).length;
          const inbox = await store.query<{ n: string }>('select count(*)::text as n from inbox');
          const events = await store.query<{ n: string }>('select count(*)::text as n from event');
          console.info(
            `[db-fault] requests ${sent.length}, acknowledged ${acknowledged.length}, 503 ${refused.length} (re-sent, all accepted), ` +
              `backends terminated ${terminations.join('/')}, events checked ${rows.length}, lost ${lost}, duplicates ${duplicates}`,
          );
          expect(terminations.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
          expect(rows).toHaveLength(total * EVENTS_PER_MESSAGE);
          expect(lost).toBe(0);
          expect(duplicates).toBe(0);
          expect(Number(inbox.rows[0]!.n)).toBe(total);
          expect(Number(events.rows[0]!.n)).toBe(total * EVENTS_PER_MESSAGE);
        } finally {
          await store.end();
        }
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      await admin.end();
      await scratch.drop();
    }
  }, 240_000);
});

describe.skipIf(!cliBuilt())('CLI without a reachable database (needs `npm run build`)', () => {
  it('should say the database is unavailable and exit 1, not report an unexpected error', () => {
    // Nothing listens on port 1: the connection is refused at once.
    const run = spawnSync(
      process.execPath,
      [CLI, 'migrate', '--database-url', 'postgres://postgres@127.0.0.1:1/openpcs'],
      {
        env: { ...process.env, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^openpcs: database unavailable \(.*\); run the command again/m);
  });
});
