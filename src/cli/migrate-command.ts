import { Command } from 'commander';
import { describeStore, resolveEnv, withStoreOptions } from './cli-context.js';

export function migrateCommand(): Command {
  return withStoreOptions(new Command('migrate').description('apply pending database migrations and exit')).action(
    async (flags: { dataDir?: string; databaseUrl?: string }) => {
      const env = resolveEnv(flags);
      // The store's modules load when the command runs, not when the command tree is built (`--help`).
      const [{ migrateToLatest }, { openDatabase }, { storeConfigFrom }] = await Promise.all([
        import('../store/migrate.js'),
        import('../store/open-database.js'),
        import('../platform.js'),
      ]);
      const database = await openDatabase(storeConfigFrom(env));
      try {
        const result = await migrateToLatest(database.db);
        const applied = (result.results ?? []).map((r) => r.migrationName);
        console.log(
          applied.length === 0
            ? `schema is up to date (${describeStore(env)})`
            : `applied ${applied.join(', ')} (${describeStore(env)})`,
        );
      } finally {
        await database.close();
      }
    },
  );
}
