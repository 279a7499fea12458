/**
 * Scaling out on PostgreSQL: `serve --api-only` replicas answer the API while one full `serve` runs the
 * background work. Events ingested through a replica reach the read models of the full server (its
 * projections poll the store, not only its in-process bus). On the embedded database `--api-only` is
 * refused: nothing else could run the projections.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DATABASE_URL } from '../support/engines.js';
import {
  CLI,
  cliBuilt,
  scratchDatabaseForServer,
  startServer,
  type ServerProcess,
  firstStartKey,
} from '../support/server-process.js';

const SCHEDULE = 'vessel_imo,voyage,port,eta\n9321483,R0001,USLAX,2026-12-01T08:00:00Z\n';

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

describe.skipIf(!cliBuilt())('API replicas (serve --api-only)', () => {
  it('should refuse --api-only on the embedded database with a one-line reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openpcs-replica-'));
    try {
      const run = spawnSync(process.execPath, [CLI, 'serve', '--api-only', '--data-dir', dir, '--port', '0'], {
        env: { ...process.env, DATABASE_URL: '' },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toMatch(/^openpcs: --api-only needs PostgreSQL/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!DATABASE_URL)(
    'should project events ingested through a replica in the full server (PostgreSQL)',
    async () => {
      const scratch = await scratchDatabaseForServer(DATABASE_URL!);
      const full = await startServer(['--database-url', scratch.url]);
      let replica: ServerProcess | undefined;
      try {
        const key = await firstStartKey(full);
        replica = await startServer(['--database-url', scratch.url, '--api-only']);
        expect(replica.output()).toContain('API only');
        const res = await fetch(`${replica.baseUrl}/ingest/csv-vessel-schedule`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
          body: SCHEDULE,
        });
        expect(res.status, await res.clone().text()).toBe(202);
        // The replica's bus is not the full server's: only polling the store brings the event over.
        const client = new pg.Client({ connectionString: scratch.url });
        await client.connect();
        try {
          let rows: unknown[] = [];
          for (let i = 0; i < 100 && rows.length === 0; i++) {
            await new Promise((r) => setTimeout(r, 100));
            rows = (await client.query(`select call_key from vessel_schedule where vessel_imo_number = '9321483'`))
              .rows;
          }
          expect(rows).toHaveLength(1);
        } finally {
          await client.end();
        }
        expect(replica.output()).not.toContain('projections caught up');
        expect(full.output()).toContain('projections caught up');
      } finally {
        if (replica) await stop(replica);
        await stop(full);
        await scratch.drop();
      }
    },
    60_000,
  );
});
