/**
 * The data-ownership rule of `access/event-visibility.ts`, for vessel read-model rows (which carry the
 * `visibility` and `owner_orgs` of the events they come from): a caller sees a row when it sees all, or
 * the row is public, or it is community data and the caller is a member, or the caller owns it.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';

export function rowVisibleTo(scope: AccessScope, table: string): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`true`;
  const visibility = sql.ref(`${table}.visibility`);
  const owners = sql.ref(`${table}.owner_orgs`);
  const community = scope.member ? sql`or ${visibility} = 'community'` : sql``;
  return sql<boolean>`(${visibility} = 'public' or ${scope.orgId} = any(${owners}) ${community})`;
}
