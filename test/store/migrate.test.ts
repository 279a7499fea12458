import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { pendingMigrations } from '../../src/store/migrate.js';
import { ENGINES } from '../support/engines.js';

describe.each(ENGINES)('schema on $name', (engine) => {
  it('should leave no pending migration and create every table the platform needs', async () => {
    const store = await engine.open();
    try {
      expect(await pendingMigrations(store.db)).toEqual([]);
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
        store.db,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'api_key',
          'audit_log',
          'dead_letter',
          'event',
          'inbox',
          'organisation',
          'projection_checkpoint',
        ]),
      );
      const r = await sql<{ a: string[]; n: string }>`select ${['x', 'y']}::text[] as a, 5::bigint as n`.execute(
        store.db,
      );
      expect(r.rows[0]).toEqual({ a: ['x', 'y'], n: '5' });
    } finally {
      await store.dispose();
    }
  });
});
