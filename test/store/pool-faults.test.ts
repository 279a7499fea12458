/**
 * A PostgreSQL server that drops its connections (`pg_terminate_backend`, a restart) must not end the process:
 * neither for an idle pooled client nor for one checked out (inside a transaction). The statement that ran
 * fails as "store unavailable", and the pool connects anew by itself. PostgreSQL only (PGlite has no
 * connection to lose).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { isStoreUnavailable } from '../../src/store/store-unavailable.js';
import { createScratchDatabase, DATABASE_URL } from '../support/engines.js';
import { until } from '../support/until.js';

/** Terminates the backends of `database` only (the call is in the select list: it runs on filtered rows only). */
async function terminateBackends(baseUrl: string, database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ terminated: boolean }>(
      'select pg_terminate_backend(pid) as terminated from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return rows.filter((r) => r.terminated).length;
  } finally {
    await admin.end();
  }
}

describe.skipIf(!DATABASE_URL)('node-postgres pool under dropped connections (PostgreSQL only)', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let name: string;
  let database: Database;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeEach(async () => {
    scratch = await createScratchDatabase(DATABASE_URL!);
    name = new URL(scratch.url).pathname.slice(1);
    database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 2 });
    uncaught.length = 0;
    process.on('uncaughtException', onUncaught);
  });
  afterEach(async () => {
    process.off('uncaughtException', onUncaught);
    await database.close();
    await scratch.drop();
  });

  it('should not throw when an idle pooled client loses its connection, and should reconnect', async () => {
    await sql`select 1`.execute(database.db);
    const pool = database.pool!;
    expect(pool.idleCount).toBe(1);
    expect(await terminateBackends(DATABASE_URL!, name)).toBe(1);
    // The pool drops the broken client when its error event arrives.
    await until(() => pool.totalCount === 0, 'the pool to drop the broken idle client');
    expect(uncaught).toEqual([]);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('should fail only the statement of a checked-out client whose connection is dropped, and reconnect', async () => {
    const failure = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        // The client is checked out (the transaction holds it) and idle between two statements.
        expect(await terminateBackends(DATABASE_URL!, name)).toBe(1);
        // Give the connection's end a moment to arrive while nothing runs on it (an `error` event without a
        // listener would end the process here); either way the next statement meets the dead connection.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql`select 1`.execute(trx);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).not.toBeNull();
    expect(isStoreUnavailable(failure)).toBe(true);
    expect(uncaught).toEqual([]);
    await until(() => database.pool!.totalCount === 0, 'the pool to drop the broken client');
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
