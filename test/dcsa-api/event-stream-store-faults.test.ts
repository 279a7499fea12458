/**
 * `GET /v2/stream` outlives a dropped database connection: the stream stays open, reads again once the
 * pool has reconnected, and delivers what was appended meanwhile. PostgreSQL only.
 */
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { connectSse, type SseClient } from '../support/sse-client.js';
import { describeOnPostgres } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../support/until.js';
import { gateMove } from './gate-move.js';

describeOnPostgres('DCSA live stream when $name drops connections', (engine) => {
  let platform: Platform;
  let server: Server;
  let admin: pg.Client;
  let client: SseClient | undefined;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    const config = (platform.database as { config?: { url?: string } }).config;
    admin = new pg.Client({ connectionString: config?.url });
    await admin.connect();
  });
  afterEach(async () => {
    client?.close();
    await admin.end();
    await server.shutdown();
    await platform.close();
  });

  it('should keep the stream open through a terminated backend and deliver later events', async () => {
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const carrier = (await orgWithKey(platform, 'mscu', 'carrier')).authorization;
    client = await connectSse(`${base}/v2/stream`, { authorization: carrier });
    expect(client.response.statusCode).toBe(200);
    let ended = false;
    client.response.once('end', () => (ended = true));

    const database = (await admin.query<{ name: string }>('select current_database() as name')).rows[0]!.name;
    // The stream's next read waits for this lock (on the test's own scratch database only).
    await admin.query('begin');
    await admin.query('lock table event in access exclusive mode');
    platform.bus.publish([]);
    await until(async () => {
      const { rows } = await admin.query(
        `select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        [database],
      );
      return rows.length > 0;
    }, 'the stream to wait for the lock');
    await admin.query(
      'select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    await admin.query('rollback');
    await until(() => platform.database.pool!.totalCount === 0, 'the pool to drop its dead connections');

    await platform.events.append([gateMove(1)], {
      source: 'test',
      inboxId: null,
      sourceOrg: 'mscu',
      ownerOrgs: ['mscu'],
      visibility: 'private',
    });
    await until(() => client!.messages.length >= 1 || ended, 'the event on the same stream');
    expect(ended).toBe(false);
    expect(client.messages.map((m) => m.data['equipmentEventTypeCode'])).toEqual(['GTOT']);
  });
});
