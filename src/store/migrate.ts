/** Versioned migrations, compiled into the build (no file-system scanning), applied in name order. */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as m0001 from './migrations/0001-initial-schema.js';
import * as m0002 from './migrations/0002-projection-versions.js';
import * as m0003 from './migrations/0003-cargo-projections.js';
import * as m0004 from './migrations/0004-vessel-projections.js';
import * as m0005 from './migrations/0005-subscriptions.js';
import * as m0006 from './migrations/0006-event-created-brin.js';
import * as m0007 from './migrations/0007-projection-quarantine.js';
import * as m0008 from './migrations/0008-inbox-attempts.js';
import * as m0009 from './migrations/0009-inbox-rejected-by-code.js';
import * as m0010 from './migrations/0010-sender-scoped-idempotency.js';
import * as m0012 from './migrations/0012-organisation-format-settings.js';
import * as m0013 from './migrations/0013-csv-layouts.js';
import * as m0014 from './migrations/0014-stated-last-free-day.js';
import * as m0015 from './migrations/0015-event-date-time-sort.js';
import * as m0016 from './migrations/0016-container-availability-source.js';
import * as m0017 from './migrations/0017-organisation-terminals.js';
import * as m0019 from './migrations/0019-terminal-feeds.js';
import * as m0020 from './migrations/0020-equipment.js';
import * as m0021 from './migrations/0021-alerts.js';
import * as m0022 from './migrations/0022-call-emissions.js';
import * as m0023 from './migrations/0023-vessel-own-eta.js';
import * as m0024 from './migrations/0024-shore-power.js';
import * as m0025 from './migrations/0025-drayage-trucks.js';
import * as m0026 from './migrations/0026-organisation-scacs.js';
import * as m0027 from './migrations/0027-vessel-particulars.js';
import * as m0028 from './migrations/0028-missed-shore-power.js';
import * as m0029 from './migrations/0029-vessel-schedule-owner.js';
import * as m0031 from './migrations/0031-detector-rebuild-sweep.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial-schema': m0001,
  '0002-projection-versions': m0002,
  '0003-cargo-projections': m0003,
  '0004-vessel-projections': m0004,
  '0005-subscriptions': m0005,
  '0006-event-created-brin': m0006,
  '0007-projection-quarantine': m0007,
  '0008-inbox-attempts': m0008,
  '0009-inbox-rejected-by-code': m0009,
  '0010-sender-scoped-idempotency': m0010,
  '0012-organisation-format-settings': m0012,
  '0013-csv-layouts': m0013,
  '0014-stated-last-free-day': m0014,
  '0015-event-date-time-sort': m0015,
  '0016-container-availability-source': m0016,
  '0017-organisation-terminals': m0017,
  '0019-terminal-feeds': m0019,
  '0020-equipment': m0020,
  '0021-alerts': m0021,
  '0022-call-emissions': m0022,
  '0023-vessel-own-eta': m0023,
  '0024-shore-power': m0024,
  '0025-drayage-trucks': m0025,
  '0026-organisation-scacs': m0026,
  '0027-vessel-particulars': m0027,
  '0028-missed-shore-power': m0028,
  '0029-vessel-schedule-owner': m0029,
  '0031-detector-rebuild-sweep': m0031,
};

export function migrator<T>(db: Kysely<T>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
  });
}

/** Applies pending migrations; throws with the failing migration's name (broken setup, not bad input). */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`migration ${failed} failed: ${reason}`, { cause: result.error });
  }
  return result;
}

/** Names of migrations not yet applied (empty ⇒ schema is current; `/ready` checks this). */
export async function pendingMigrations<T>(db: Kysely<T>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
