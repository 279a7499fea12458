/**
 * A message acknowledged in async mode (durable in the inbox) whose background processing meets a dropped
 * database connection is processed once the connection is back, without a restart, and its events are
 * stored once; one that a worker skipped while another held it, and that the other then gave up, is processed
 * by the periodic inbox sweep. PostgreSQL only (PGlite has no connection to lose, nor a second connection).
 */
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { startInboxSweeper } from '../../src/ingest/inbox-sweeper.js';
import { describeOnPostgres } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../support/until.js';

const good = fixture('csv-vessel-schedule/schedule-good.csv');

describeOnPostgres('background ingest when $name drops connections', (engine) => {
  let platform: Platform;
  let admin: pg.Client;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    const config = (platform.database as { config?: { url?: string } }).config;
    admin = new pg.Client({ connectionString: config?.url });
    await admin.connect();
  });
  afterEach(async () => {
    await admin.end();
    await platform.close();
  });

  it('should process an acknowledged message after its processing lost the connection', async () => {
    const database = (await admin.query<{ name: string }>('select current_database() as name')).rows[0]!.name;
    // Processing waits for this lock (on the test's own scratch database only) while appending.
    await admin.query('begin');
    await admin.query('lock table event in access exclusive mode');
    const received = await platform.pipeline.enqueue({
      format: 'csv-vessel-schedule',
      body: good,
      channel: 'test',
      sourceOrg: 'local',
    });
    expect(received).toMatchObject({ status: 'received', duplicate: false });
    await until(async () => {
      const { rows } = await admin.query(
        `select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        [database],
      );
      return rows.length > 0;
    }, 'processing to wait for the lock');
    await admin.query(
      'select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    await admin.query('rollback');

    await platform.pipeline.drain();
    // The attempt the dropped connection ended is taken back: an outage is not a crash of the process.
    expect(await platform.inbox.get(received.inboxId)).toMatchObject({
      status: 'processed',
      events_appended: 12,
      attempts: 1,
    });
    expect(await platform.events.count()).toBe(12);
  });

  it('should process, at the next inbox sweep, a message whose worker skipped it while another held it and gave up', async () => {
    const received = await platform.pipeline.receive({
      format: 'csv-vessel-schedule',
      body: good,
      channel: 'test',
      sourceOrg: 'local',
    });
    // Another worker holds the row (as start-up recovery did under load); this one skips it, as it must.
    const config = (platform.database as { config?: { url?: string } }).config;
    const other = new pg.Client({ connectionString: config?.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select id from inbox where id = $1 for update', [received.inboxId]);
      expect(await platform.pipeline.process(received.inboxId)).toMatchObject({ status: 'received' });
      // …and then the other worker loses its connection: nothing is left to process the message but the sweep.
      await other.query('rollback');
    } finally {
      await other.end();
    }
    expect(await platform.inbox.get(received.inboxId)).toMatchObject({ status: 'received' });
    const sweeper = startInboxSweeper(platform.pipeline, 100, (error) => {
      throw error;
    });
    try {
      await until(
        async () => (await platform.inbox.get(received.inboxId))?.status === 'processed',
        'the sweep to process the message',
      );
    } finally {
      await sweeper.stop();
    }
    expect(await platform.events.count()).toBe(12);
  });
  it("should take back the attempt of a worker that found the message held by another process's worker", async () => {
    const received = await platform.pipeline.receive({
      format: 'csv-vessel-schedule',
      body: good,
      channel: 'test',
      sourceOrg: 'local',
    });
    const config = (platform.database as { config?: { url?: string } }).config;
    const other = new pg.Client({ connectionString: config?.url });
    await other.connect();
    try {
      // Right after this worker counted its attempt, another process's worker takes the row (and holds it a while).
      const count = platform.inbox.beginAttempt.bind(platform.inbox);
      platform.inbox.beginAttempt = async (id, onlyIfReceived) => {
        const attempts = await count(id, onlyIfReceived);
        await other.query('begin');
        await other.query('select id from inbox where id = $1 for update', [id]);
        setTimeout(() => void other.query('rollback'), 200);
        return attempts;
      };
      expect(await platform.pipeline.process(received.inboxId)).toMatchObject({ status: 'received' });
    } finally {
      await other.end();
    }
    // It made no attempt: nothing is counted against the message.
    expect(await platform.inbox.get(received.inboxId)).toMatchObject({ status: 'received', attempts: 0 });
  });
});
