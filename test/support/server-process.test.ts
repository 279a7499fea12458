import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pendingMigrations } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open-database.js';
import { builtMigrationsMatchSource, dataDirForServer } from './server-process.js';

describe('data directory for a server process', () => {
  // A stale build would refuse the template's newer migrations: the helper then hands out an empty directory.
  it.skipIf(!builtMigrationsMatchSource())(
    'should hold a migrated store that opens with no migration pending',
    async () => {
      const dir = await dataDirForServer('openpcs-seeded-');
      try {
        const database = await openDatabase({ engine: 'pglite', dataDir: dir });
        try {
          expect(await pendingMigrations(database.db)).toEqual([]);
        } finally {
          await database.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
