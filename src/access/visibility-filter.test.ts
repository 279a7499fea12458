/**
 * No reader defaults to "sees everything": the caller's scope is a required argument, so leaving it out is
 * a compile error (checked by `npm run typecheck`; each `@ts-expect-error` fails the build if the argument
 * ever becomes optional again), and the one rule compiles to the same condition for every owned table.
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EventStore } from '../store/event-store.js';
import type { DB } from '../store/schema.js';
import { vesselsAt } from '../api/vessels/vessels-at-reader.js';
import { ANONYMOUS, LOCAL_OPERATOR, scopeFor } from './access-scope.js';
import { seesRow, visibleTo, type OwnedTable } from './visibility-filter.js';

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** The tables of the schema whose rows carry the ownership columns. */
type OwnedInSchema = {
  [T in keyof DB]: DB[T] extends { owner_orgs: string[]; visibility: unknown } ? T : never;
}[keyof DB];

describe('visibleTo', () => {
  it('should name exactly the tables of the schema that carry owner_orgs and visibility', () => {
    expectTypeOf<OwnedTable>().toEqualTypeOf<OwnedInSchema>();
  });

  it('should apply one rule to any owned table: all, public, community for members, owners', () => {
    const compiled = (scope: Parameters<typeof visibleTo>[0], table: Parameters<typeof visibleTo>[1]) =>
      db.selectFrom(table).select('visibility').where(visibleTo(scope, table)).compile();
    const carrier = compiled(scopeFor('maeu', 'carrier', ['read'], 'k'), 'vessel_call');
    expect(carrier.sql).toContain(
      `("vessel_call"."visibility" = 'public' or $1 = any("vessel_call"."owner_orgs") or "vessel_call"."visibility" = 'community')`,
    );
    expect(carrier.parameters).toEqual(['maeu']);
    expect(compiled(ANONYMOUS, 'event').sql).not.toContain('community');
    expect(compiled(LOCAL_OPERATOR, 'event').sql).toMatch(/where true$/);
  });

  it('should not compile a read without the caller', () => {
    const typeOnly = (events: EventStore) => {
      // @ts-expect-error the caller's scope is required
      void events.read('0', 10);
      // @ts-expect-error the caller's scope is required, also with other filters
      void events.read('0', 10, { source: 'x' });
      // @ts-expect-error the caller's scope is required
      void vesselsAt(db, { zones: [] } as never, { at: '2026-01-01T00:00:00Z' });
    };
    expect(typeof typeOnly).toBe('function');
  });
});

describe('seesRow', () => {
  const carrier = scopeFor('maeu', 'carrier', ['read'], 'k');
  it('should apply the rule of visibleTo to a row in memory: all, public, community for members, owners', () => {
    expect(seesRow(carrier, { visibility: 'private', ownerOrgs: ['cmdu'] })).toBe(false);
    expect(seesRow(carrier, { visibility: 'private', ownerOrgs: ['maeu'] })).toBe(true);
    expect(seesRow(carrier, { visibility: 'community', ownerOrgs: [] })).toBe(true);
    expect(seesRow(ANONYMOUS, { visibility: 'community', ownerOrgs: [] })).toBe(false);
    expect(seesRow(ANONYMOUS, { visibility: 'public', ownerOrgs: [] })).toBe(true);
    expect(seesRow(LOCAL_OPERATOR, { visibility: 'private', ownerOrgs: ['cmdu'] })).toBe(true);
  });
});
