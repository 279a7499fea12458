/**
 * Parameterises storage tests over both engines (DESIGN §2 "one schema, two engines"):
 * PGlite always; PostgreSQL when DATABASE_URL is set (CI sets it). `OPENPCS_TEST_ENGINES` (a comma list of
 * `pglite`, `postgres`) narrows that, so CI's PostgreSQL leg does not rerun the PGlite cases its newcomer leg
 * already ran. Each opened store gets its own fresh database on the server, dropped afterwards, so test files
 * can run in parallel; migrated ones are copied from a template database migrated once per migration set.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate.js';
import { openDatabase, type Database, type StoreConfig } from '../../src/store/open-database.js';

export type EngineName = 'pglite' | 'postgres';

/** The engines this run tests: `OPENPCS_TEST_ENGINES` if set, else PGlite plus PostgreSQL when DATABASE_URL is. */
export const TEST_ENGINES: ReadonlySet<EngineName> = selectEngines(
  process.env['OPENPCS_TEST_ENGINES'],
  process.env['DATABASE_URL'],
);

function selectEngines(list: string | undefined, databaseUrl: string | undefined): ReadonlySet<EngineName> {
  if (list === undefined || list.trim() === '') {
    return new Set<EngineName>(databaseUrl ? ['pglite', 'postgres'] : ['pglite']);
  }
  const names = new Set<EngineName>();
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (name !== 'pglite' && name !== 'postgres') {
      throw new Error(`OPENPCS_TEST_ENGINES: unknown engine "${name}" (expected a comma list of pglite, postgres)`);
    }
    names.add(name);
  }
  if (names.has('postgres') && !databaseUrl) {
    throw new Error('OPENPCS_TEST_ENGINES names postgres, but DATABASE_URL is not set');
  }
  return names;
}

/** Whether this run tests PGlite (the newcomer's engine). */
export const PGLITE_SELECTED = TEST_ENGINES.has('pglite');

/**
 * The PostgreSQL server's URL when this run tests PostgreSQL, else undefined (also when DATABASE_URL is set
 * but `OPENPCS_TEST_ENGINES` leaves PostgreSQL out).
 */
export const DATABASE_URL = TEST_ENGINES.has('postgres') ? process.env['DATABASE_URL'] : undefined;

/** Keeps the cases, named by their engine, that this run tests. */
export function selectedCases<T extends { readonly name: string }>(cases: readonly T[]): T[] {
  const names: ReadonlySet<string> = TEST_ENGINES;
  return cases.filter((c) => names.has(c.name));
}

export interface EngineCase {
  readonly name: EngineName;
  /** A fresh, migrated, empty store. */
  open(): Promise<TestStore>;
}

export interface TestStore extends Database {
  readonly config: StoreConfig;
  /** Closes and drops the store. */
  dispose(): Promise<void>;
}

if (!DATABASE_URL) {
  console.warn(
    process.env['DATABASE_URL']
      ? '[openpcs tests] OPENPCS_TEST_ENGINES leaves PostgreSQL out: the PostgreSQL leg of the storage suite is skipped.'
      : '[openpcs tests] DATABASE_URL is not set: the PostgreSQL leg of the storage suite is skipped.',
  );
}

/**
 * The name of this migration set's template database: a short hash of the migration files and the list that
 * orders them, so a changed or added migration gets a new template rather than a stale one.
 */
function templateName(): string {
  const hash = createHash('sha256');
  const dir = new URL('../../src/store/migrations/', import.meta.url);
  for (const file of readdirSync(dir).sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(new URL(file, dir)))
      .update('\0');
  }
  hash.update(readFileSync(new URL('../../src/store/migrate.ts', import.meta.url)));
  return `openpcs_tpl_${hash.digest('hex').slice(0, 12)}`;
}

const pgCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

async function withAdmin<T>(baseUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Runs a statement that needs a database nobody is connected to, retrying while backends of a pool that was
 * just closed are still exiting (55006, object_in_use).
 */
async function whenUnused(admin: pg.Client, statement: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(statement);
      return;
    } catch (error) {
      if (pgCode(error) !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Creates this migration set's template on the server unless it exists, and returns its name. Parallel test
 * workers (and other checkouts on the same server) serialise on an advisory lock; the template is migrated
 * under a temporary name and renamed only once every migration succeeded, so an existing template is always
 * complete. It accepts no connections: `create database … template` fails while anyone is connected to it.
 */
async function ensureTemplate(baseUrl: string): Promise<string> {
  const name = templateName();
  const building = `${name}_tmp`;
  return withAdmin(baseUrl, async (admin) => {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount) return name;
      // Left over from a run killed while it migrated: only the holder of the lock builds it.
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const url = new URL(baseUrl);
      url.pathname = `/${building}`;
      try {
        const database = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 1 });
        try {
          await migrateToLatest(database.db);
        } finally {
          await database.close();
        }
        await admin.query(`alter database ${building} with allow_connections false`);
        await whenUnused(admin, `alter database ${building} rename to ${name}`);
      } catch (error) {
        await admin.query(`drop database if exists ${building} with (force)`).catch(() => {});
        throw error;
      }
      return name;
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
}

/** One template lookup per server per test worker. */
const templates = new Map<string, Promise<string>>();

export interface ScratchDatabase {
  readonly url: string;
  readonly drop: () => Promise<void>;
}

/**
 * Creates a database on the server and returns its URL: empty, or with `migrated`, a copy of the migration
 * set's template (what opening it and migrating would give, in a fraction of the time).
 */
export async function createScratchDatabase(
  baseUrl: string,
  options: { readonly migrated?: boolean } = {},
): Promise<ScratchDatabase> {
  const name = `openpcs_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(baseUrl, async (admin) => {
    if (!options.migrated) {
      await admin.query(`create database ${name}`);
      return;
    }
    for (let attempt = 0; ; attempt++) {
      let template = templates.get(baseUrl);
      if (!template) {
        template = ensureTemplate(baseUrl);
        templates.set(baseUrl, template);
        // A failed build is not cached: the next store tries again (and reports its own error).
        template.catch(() => templates.delete(baseUrl));
      }
      try {
        await admin.query(`create database ${name} template ${await template}`);
        return;
      } catch (error) {
        // Dropped since this worker looked it up (anyone may drop openpcs_tpl_* databases): build it again.
        if (pgCode(error) !== '3D000' || attempt > 0) throw error;
        templates.delete(baseUrl);
      }
    }
  });
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(baseUrl, async (c) => void (await c.query(`drop database if exists ${name} with (force)`))),
  };
}

/**
 * The migrated PGlite template as a dump of its data directory (`dumpDataDir`), built once per migration set and
 * PGlite version and kept in the OS temp directory, like the PostgreSQL template database: every test file is a
 * fresh process, and a fresh PGlite pays initdb (the bulk of its start) plus every migration, seconds per file
 * on the 2-core CI machine; loading the dump skips both. Written under a temporary name and renamed, so parallel
 * workers never read a half-written one.
 */
let template: Promise<Blob> | undefined;

export function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = join(tmpdir(), `openpcs-pglite-${templateName().slice('openpcs_tpl_'.length)}-${pgliteVersion()}.tar`);
    try {
      return new Blob([await readFile(file)]);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    }
    const database = await openDatabase({ engine: 'pglite', dataDir: null });
    let dump: Blob;
    try {
      await migrateToLatest(database.db);
      dump = await database.pglite!.dumpDataDir('none');
    } finally {
      await database.close();
    }
    const building = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(building, Buffer.from(await dump.arrayBuffer()));
    await rename(building, file);
    return dump;
  })();
  // A failed build is not cached: the next store tries again (and reports its own error).
  template.catch(() => (template = undefined));
  return template;
}

/** The installed PGlite's version: a dump is loaded only by the PostgreSQL build that wrote it. */
function pgliteVersion(): string {
  const manifest = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

const pgliteCase: EngineCase = {
  name: 'pglite',
  async open() {
    const config: StoreConfig = { engine: 'pglite', dataDir: null };
    const database = await openDatabase({ ...config, loadDataDir: await pgliteTemplate() });
    return Object.assign(database, { config, dispose: () => database.close() });
  },
};

const postgresCase = (baseUrl: string): EngineCase => ({
  name: 'postgres',
  async open() {
    const scratch = await createScratchDatabase(baseUrl, { migrated: true });
    const config: StoreConfig = { engine: 'postgres', url: scratch.url, poolSize: 4 };
    const database = await openDatabase(config);
    // One connected client in the pool, as migrating through it left one: a test that starts a request and looks
    // for it in pg_stat_activity inside a transaction (a snapshot taken once) sees it only if it needs no connect.
    await sql`select 1`.execute(database.db);
    return Object.assign(database, {
      config,
      dispose: async () => {
        await database.close();
        await scratch.drop();
      },
    });
  },
});

export const ENGINES: readonly EngineCase[] = selectedCases([
  pgliteCase,
  ...(DATABASE_URL ? [postgresCase(DATABASE_URL)] : []),
]);

/**
 * `describe.each` over the PostgreSQL engine alone, for tests that need a server (dropped connections,
 * concurrent writers). Without DATABASE_URL the suite is still registered, skipped, so a newcomer's run reports
 * it as skipped instead of failing the file with "No test suite found".
 */
export const describeOnPostgres = DATABASE_URL
  ? describe.each(ENGINES.filter((e) => e.name === 'postgres'))
  : describe.skip.each([pgliteCase]);
