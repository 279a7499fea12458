/**
 * Stores for benchmark runs: an on-disk PGlite in a temporary directory, and a scratch database on the
 * PostgreSQL server (DATABASE_URL, else the local server) that is dropped afterwards. The PostgreSQL leg is
 * skipped with a note on stderr when no server answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type StoreConfig } from '../src/store/open-database.js';

export type BenchEngine = 'pglite' | 'postgres';

export interface ScratchStore {
  readonly config: StoreConfig;
  dispose(): Promise<void>;
}

export function benchPostgresUrl(): string {
  return process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
}

export async function postgresReachable(url = benchPostgresUrl()): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

let scratchCount = 0;

/** A fresh, empty store of the given engine; `dispose` removes it. */
export async function scratchStore(engine: BenchEngine, label: string): Promise<ScratchStore> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `openpcs-${label}-`));
    return { config: { engine, dataDir: dir }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = benchPostgresUrl();
  const name = `openpcs_bench_${label.replaceAll('-', '_')}_${process.pid}_${scratchCount++}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    config: { engine, url: url.toString(), poolSize: 8 },
    dispose: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs `work` on an opened scratch store of each engine (PostgreSQL only when a server answers). */
export async function onEachEngine(
  label: string,
  work: (engine: BenchEngine, database: Database) => Promise<void>,
): Promise<void> {
  for (const engine of ['pglite', 'postgres'] as const) {
    if (engine === 'postgres' && !(await postgresReachable())) {
      process.stderr.write(`${label}: PostgreSQL not reachable at ${benchPostgresUrl()}; PostgreSQL leg skipped\n`);
      continue;
    }
    const store = await scratchStore(engine, label);
    try {
      const database = await openDatabase(store.config);
      try {
        await work(engine, database);
      } finally {
        await database.close();
      }
    } finally {
      await store.dispose();
    }
  }
}
