/**
 * The one data-ownership rule (DESIGN §5), as an SQL condition for any table that carries `owner_orgs` and
 * `visibility` (the event store, and every read model built from events): a caller sees a row when it sees
 * all (port authority, local operator), or the row is public, or it is community data and the caller is an
 * authenticated member, or the caller's organisation is among its owners. Every reader takes the caller's
 * scope and applies this; there is no second copy of the rule.
 *
 * @example db.selectFrom('vessel_call').selectAll().where(visibleTo(scope, 'vessel_call'))
 */
import { sql, type RawBuilder } from 'kysely';
import type { AccessScope } from './access-scope.js';

/**
 * Tables (and read models) whose rows carry the ownership columns `owner_orgs` and `visibility`. Named here
 * rather than derived from the store's schema, so the rule does not depend on the store; the type test in
 * `visibility-filter.test.ts` fails when the schema gains or loses an owned table and this list does not follow.
 */
export const OWNED_TABLES = [
  'event',
  'inbox',
  'vessel',
  'vessel_position',
  'vessel_track',
  'vessel_call',
  'appointment_slot',
  'empty_receivable',
  'terminal_notice',
  'equipment_unit',
  'charging_session',
  'vessel_call_emissions',
  'drayage_truck',
  'shore_power_connection',
  'vessel_particulars',
] as const;
export type OwnedTable = (typeof OWNED_TABLES)[number];

export function visibleTo(scope: AccessScope, table: OwnedTable): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`true`;
  const visibility = sql.ref(`${table}.visibility`);
  const owners = sql.ref(`${table}.owner_orgs`);
  const community = scope.member ? sql`or ${visibility} = 'community'` : sql``;
  return sql<boolean>`(${visibility} = 'public' or ${scope.orgId} = any(${owners}) ${community})`;
}

/**
 * Rows of a table that names a terminal (`terminal_code`): visible by the rule above, or — for an organisation
 * that operates the row's terminal (`organisation_terminal`, set by the port authority; operated-terminals.ts) —
 * visible as its own, whoever sent them. A terminal sees its own equipment even when the operator's MQTT transport
 * stored the telemetry under another sender.
 */
export function visibleToOrOperator(scope: AccessScope, table: OwnedTable): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`true`;
  const terminal = sql.ref(`${table}.terminal_code`);
  return sql<boolean>`(${visibleTo(scope, table)} or exists (select 1 from organisation_terminal ot
    where ot.org_id = ${scope.orgId} and ot.terminal_code = ${terminal}))`;
}

/**
 * The same rule for one row already in memory (the alert projection judges each change for each rule's
 * organisation without a query per pair). `visibility-filter.test.ts` checks it against `visibleTo`.
 */
export function seesRow(
  scope: Pick<AccessScope, 'all' | 'member' | 'orgId'>,
  row: { readonly visibility: string; readonly ownerOrgs: readonly string[] },
): boolean {
  if (scope.all) return true;
  return (
    row.visibility === 'public' ||
    row.ownerOrgs.includes(scope.orgId) ||
    (scope.member && row.visibility === 'community')
  );
}
