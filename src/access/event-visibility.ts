/**
 * The data-ownership rule for events (DESIGN §5) as a Kysely filter: a caller sees an event when it
 * sees all (port authority), or the event is public, or it is community data and the caller is an
 * authenticated member, or the caller's organisation is among its owners.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../store/schema.js';
import type { AccessScope } from './access-scope.js';

export function eventVisibleTo(scope: AccessScope) {
  return (eb: ExpressionBuilder<DB, 'event'>) => {
    if (scope.all) return eb.lit(true);
    const ors = [
      eb('event.visibility', '=', 'public'),
      eb(sql<boolean>`${scope.orgId} = any(event.owner_orgs)`, '=', true),
    ];
    if (scope.member) ors.push(eb('event.visibility', '=', 'community'));
    return eb.or(ors);
  };
}
