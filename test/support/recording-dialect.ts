/**
 * A Kysely dialect that compiles with the PostgreSQL compiler and runs nothing: every query a repository sends
 * is recorded (SQL and parameters) and answered by `respond` (no rows by default). For SQL snapshot tests
 * (STYLE §9): the real code path builds the query, no database is needed. Like kysely's `DummyDriver`, but it
 * keeps what it was sent.
 */
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DB } from '../../src/store/schema.js';

export interface RecordedQuery {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

export type Responder = (query: RecordedQuery) => readonly Record<string, unknown>[];

export function recordingDatabase(respond: Responder = () => []): {
  db: Kysely<DB>;
  recorded: RecordedQuery[];
} {
  const recorded: RecordedQuery[] = [];
  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      const query = { sql: compiled.sql, parameters: compiled.parameters };
      recorded.push(query);
      return { rows: respond(query) as R[] };
    },
    // eslint-disable-next-line require-yield
    async *streamQuery(): AsyncIterableIterator<QueryResult<never>> {
      throw new Error('the recording dialect does not stream');
    },
  };
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      return connection;
    },
    async beginTransaction() {},
    async commitTransaction() {},
    async rollbackTransaction() {},
    async releaseConnection() {},
    async destroy() {},
  };
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
  return { db: new Kysely<DB>({ dialect }), recorded };
}
