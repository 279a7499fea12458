/**
 * `src/store/schema.ts` is written by hand beside the migrations: this test migrates a fresh database and holds the
 * `DB` interface against `information_schema`, both ways (every table and column of one is in the other), for
 * nullability (a column that may be NULL has `null` in its selected type, and only such a column has) and for the
 * kind of value a query returns (text → string, int8 → string, timestamptz → Date, arrays, bytea…; jsonb is any).
 * The interface is read with the TypeScript compiler API, so what is compared is what Kysely types the queries with.
 */
import { sql } from 'kysely';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';

const SCHEMA = fileURLToPath(new URL('../../src/store/schema.ts', import.meta.url));
/** Kysely's own bookkeeping tables, not part of `DB`. */
const MIGRATOR_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/** What a query returns for a column of this SQL type on both engines (int8 and numeric as text: open-database.ts). */
const VALUE_KIND: Readonly<Record<string, string>> = {
  text: 'string',
  'character varying': 'string',
  uuid: 'string',
  bigint: 'string',
  numeric: 'string',
  integer: 'number',
  smallint: 'number',
  real: 'number',
  'double precision': 'number',
  boolean: 'boolean',
  'timestamp with time zone': 'Date',
  bytea: 'Uint8Array',
  ARRAY: 'array',
};

interface DeclaredColumn {
  readonly nullable: boolean;
  /** `string`, `number`, `boolean`, `Date`, `Uint8Array`, `array`, or the type's text when it is none of them. */
  readonly kind: string;
}

const members = (type: ts.Type): readonly ts.Type[] => (type.isUnion() ? type.types : [type]);

function kindOf(checker: ts.TypeChecker, parts: readonly ts.Type[]): string {
  const kinds = new Set(
    parts.map((t) => {
      if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return 'string';
      if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return 'number';
      if (t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean';
      if (checker.isArrayType(t)) return 'array';
      const name = t.getSymbol()?.name;
      return name === 'Date' || name === 'Uint8Array' ? name : checker.typeToString(t);
    }),
  );
  return kinds.size === 1 ? [...kinds][0]! : [...kinds].join(' | ');
}

/** `table.column` → nullability and value kind of the selected type, for every table of the `DB` interface. */
function declaredColumns(): Map<string, DeclaredColumn> {
  // Only schema.ts and the kysely types it imports: no @types packages, the one lib the types need.
  const program = ts.createProgram([SCHEMA], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(SCHEMA)!;
  const db = file.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB',
  );
  if (!db) throw new Error('schema.ts has no DB interface');
  const columns = new Map<string, DeclaredColumn>();
  for (const table of checker.getTypeAtLocation(db).getProperties()) {
    const row = checker.getTypeOfSymbolAtLocation(table, db);
    for (const column of row.getProperties()) {
      // ColumnType<Select, Insert, Update> (and Generated, JSONColumnType), alone or in a union with null: the
      // row a query returns holds Select.
      const parts = members(checker.getTypeOfSymbolAtLocation(column, db)).flatMap((t) => {
        const select = t.getProperty('__select__');
        return select ? members(checker.getTypeOfSymbolAtLocation(select, db)) : [t];
      });
      const values = parts.filter((t) => !(t.flags & ts.TypeFlags.Null));
      const booleans = values.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
      columns.set(`${table.name}.${column.name}`, {
        nullable: values.length < parts.length,
        kind: booleans.length === values.length && booleans.length > 0 ? 'boolean' : kindOf(checker, values),
      });
    }
  }
  return columns;
}

describe.each(ENGINES)('schema.ts against the migrated database on $name', (engine) => {
  it('should declare every table and column the migrations create, no other, with their nullability and kind', async () => {
    const declared = declaredColumns();
    // The reading of schema.ts itself: a nullable, a not-null and a ColumnType column come out as declared.
    expect([declared.get('inbox.processed_at'), declared.get('inbox.format'), declared.get('event.seq')]).toEqual([
      { nullable: true, kind: 'Date' },
      { nullable: false, kind: 'string' },
      { nullable: false, kind: 'string' },
    ]);
    const store = await engine.open();
    try {
      const { rows } = await sql<{
        table_name: string;
        column_name: string;
        is_nullable: 'YES' | 'NO';
        data_type: string;
      }>`
        select c.table_name, c.column_name, c.is_nullable, c.data_type
          from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
         order by c.table_name, c.ordinal_position`.execute(store.db);
      const migrated = new Map(
        rows.filter((r) => !MIGRATOR_TABLES.has(r.table_name)).map((r) => [`${r.table_name}.${r.column_name}`, r]),
      );
      expect(migrated.size).toBeGreaterThan(100);
      const mismatches: string[] = [];
      for (const [column, r] of migrated) {
        const d = declared.get(column);
        if (!d) {
          mismatches.push(`${column}: created by the migrations, missing from schema.ts`);
          continue;
        }
        const nullable = r.is_nullable === 'YES';
        if (d.nullable !== nullable) {
          mismatches.push(`${column}: ${nullable ? 'nullable' : 'not null'} in the database, not in schema.ts`);
        }
        const kind = VALUE_KIND[r.data_type];
        if (r.data_type !== 'jsonb' && kind !== d.kind) {
          mismatches.push(`${column}: ${r.data_type} (${kind ?? '?'}) in the database, ${d.kind} in schema.ts`);
        }
      }
      for (const column of declared.keys()) {
        if (!migrated.has(column)) mismatches.push(`${column}: in schema.ts, created by no migration`);
      }
      expect(mismatches).toEqual([]);
    } finally {
      await store.dispose();
    }
  }, 300_000);
});
