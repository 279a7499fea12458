/**
 * While the database cannot be reached, the API answers 503 problem+json `PCS_STORE_UNAVAILABLE` with
 * `Retry-After` (never a 500, never the driver's text), `/ready` says not ready, `/health` stays up; once the
 * database answers again, so does the API, with no restart.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { openPlatform, type Platform } from '../../src/platform.js';
import { describeOnPostgres } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../support/until.js';

const DCSA_EVENT = JSON.stringify([
  {
    eventID: '0f7cd2a1-93b8-4ab0-a7f4-6c5bd1a08e2f',
    eventType: 'EQUIPMENT',
    eventCreatedDateTime: '2026-02-15T16:02:10Z',
    eventClassifierCode: 'ACT',
    eventDateTime: '2026-02-15T07:55:00-08:00',
    equipmentEventTypeCode: 'LOAD',
    equipmentReference: 'MSKU9070323',
    emptyIndicatorCode: 'EMPTY',
    transportCall: { UNLocationCode: 'USLAX', facilityTypeCode: 'POTE', modeOfTransport: 'VESSEL' },
  },
]);

function expectStoreUnavailable(res: { statusCode: number; headers: Record<string, unknown>; body: string }): void {
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe('2');
  expect(JSON.parse(res.body)).toMatchObject({ status: 503, code: 'PCS_STORE_UNAVAILABLE' });
  // Nothing of the driver's message: no SQL, no address.
  expect(res.body).not.toMatch(/select|insert|ECONN|127\.0\.0\.1|terminat/i);
}

describe('API while the database refuses connections', () => {
  let platform: Platform;
  let server: Server;
  beforeEach(async () => {
    // Nothing listens on port 1: every connection attempt is refused at once.
    platform = await openPlatform({
      store: { engine: 'postgres', url: 'postgres://postgres@127.0.0.1:1/openpcs' },
      migrate: false,
    });
    server = await buildServer({ platform, logLevel: 'silent' });
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should answer reads and ingests with 503 PCS_STORE_UNAVAILABLE and Retry-After', async () => {
    expectStoreUnavailable(await server.app.inject('/v2/events'));
    expectStoreUnavailable(
      await server.app.inject({
        method: 'POST',
        url: '/ingest/dcsa-events',
        payload: DCSA_EVENT,
        headers: { 'content-type': 'application/json', authorization: `Bearer opcs_0123456789ab_${'a'.repeat(43)}` },
      }),
    );
  });

  it('should answer the forecast and advice reads that fit a model or read a track with 503 too', async () => {
    for (const url of [
      '/forecasts/dwell?terminal=YUSEN',
      '/forecasts/turn-time?terminal=YUSEN',
      '/forecasts/anchorage-queue?days=2',
      '/jit/advice',
      '/jit/approaching',
      '/vessels/477000031/jit-advice',
    ]) {
      expectStoreUnavailable(await server.app.inject(url));
    }
  });

  it('should stay alive on /health and say not ready on /ready without the driver text', async () => {
    expect((await server.app.inject('/health')).statusCode).toBe(200);
    const ready = await server.app.inject('/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ code: 'PCS_NOT_READY', detail: 'store unreachable' });
    expect(ready.body).not.toMatch(/ECONN|127\.0\.0\.1/);
  });
});

describeOnPostgres('API when $name drops a connection mid-request', (engine) => {
  let platform: Platform;
  let server: Server;
  let admin: pg.Client;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    const config = (platform.database as { config?: { engine: string; url?: string } }).config;
    admin = new pg.Client({ connectionString: config?.url });
    await admin.connect();
  });
  afterEach(async () => {
    await admin.end();
    await server.shutdown();
    await platform.close();
  });

  it('should answer the request whose backend was terminated with 503, and the next one normally', async () => {
    const database = (await admin.query<{ name: string }>('select current_database() as name')).rows[0]!.name;
    // Hold the request inside the database: it waits for this lock (on the test's own scratch database only).
    await admin.query('begin');
    await admin.query('lock table event in access exclusive mode');
    const answer = server.app.inject('/v2/events');
    await until(async () => {
      const { rows } = await admin.query(
        `select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        [database],
      );
      return rows.length > 0;
    }, 'the request to wait for the lock');
    // Every other backend of this scratch database goes, the waiting request's among them.
    // (The call waits until each backend is gone, so no idle connection of the pool outlives this statement.)
    await admin.query(
      'select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    await admin.query('rollback');
    expectStoreUnavailable(await answer);

    // The pool drops its dead connections and connects anew by itself.
    await until(() => platform.database.pool!.totalCount === 0, 'the pool to drop its dead connections');
    const again = await server.app.inject('/v2/events');
    expect(again.statusCode).toBe(200);
    expect((await server.app.inject('/ready')).statusCode).toBe(200);
  });
});
