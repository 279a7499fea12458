/**
 * One schema, two engines (DESIGN §2): embedded PGlite (a directory, or in memory for tests) and a real
 * PostgreSQL server. Everything above this file sees only `Database`.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';
import { SettledHorizon } from './settled-horizon.js';

export type StoreConfig =
  | {
      readonly engine: 'pglite';
      /** null ⇒ in memory */ readonly dataDir: string | null;
      /** Start from this dump of a data directory (`dumpDataDir()`), e.g. a migrated template in tests. */
      readonly loadDataDir?: Blob | undefined;
    }
  | { readonly engine: 'postgres'; readonly url: string; readonly poolSize?: number | undefined };

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** The node-postgres pool, for COPY on the server engine; undefined on PGlite. */
  readonly pool: pg.Pool | undefined;
  /** The PGlite instance; undefined on the server engine. */
  readonly pglite: PGlite | undefined;
  /** How far cursor readers of the event log may go (one per database handle: it keeps state). */
  readonly horizon: SettledHorizon;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;
/**
 * How long a statement waits for a connection (a new one, or a free one of a full pool) before it fails as
 * "store unavailable": long enough for a loaded pool, short of the minutes a SYN to an unreachable host takes.
 */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * A connection the server drops (`pg_terminate_backend`, a restart, a network cut) makes its node-postgres
 * client emit `error`. The pool listens only while the client is idle; a client checked out (in a
 * transaction, or between the queries of a request) has no listener then, and an `error` event without one
 * ends the process. So every client gets a listener of its own for its whole life: the statement in flight
 * fails by itself (and is answered 503), the pool discards the broken client on release and connects anew.
 */
export function survivePoolErrors(pool: pg.Pool): void {
  const ignore = () => {
    /* reported by the query that was running, if any; the pool replaces the client */
  };
  pool.on('error', ignore);
  pool.on('connect', (client) => {
    client.on('error', ignore);
  });
}

export async function openDatabase(config: StoreConfig): Promise<Database> {
  if (config.engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      // A server that does not answer fails the request (503) instead of holding it until the OS gives up.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    survivePoolErrors(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      engine: 'postgres',
      db,
      pool,
      pglite: undefined,
      horizon: new SettledHorizon(db),
      close: () => db.destroy(),
    };
  }
  const unlock = config.dataDir === null ? () => {} : lockDataDir(config.dataDir);
  try {
    const client = await PGlite.create({
      ...(config.dataDir === null ? {} : { dataDir: config.dataDir }),
      ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
      parsers: { [INT8_OID]: (value: string) => value, [NUMERIC_OID]: (value: string) => value },
    });
    return pgliteDatabase(client, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Wraps an open PGlite instance (e.g. a `clone()` of a migrated template in tests). */
export function pgliteDatabase(client: PGlite, onClose: () => void = () => {}): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    engine: 'pglite',
    db,
    pool: undefined,
    pglite: client,
    horizon: new SettledHorizon(db),
    close: async () => {
      await db.destroy();
      onClose();
    },
  };
}
