/**
 * Alert rules and alerts (migration 0021; domain/alerts/). Rules belong to one organisation: every read and
 * delete takes the owner, so another organisation's rule is "not found", never "forbidden". Alerts are written by
 * the alert projection (`projections/alerts/`) and delivered by `subscriptions/alert-delivery-worker.ts`, which
 * leases an alert (a plain UPDATE, no transaction held over the HTTP call, as for subscriptions).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { createdAfter } from './created-order.js';
import type { AlertRule } from '../domain/alerts/alert-rule.js';
import { watchKeyOfRule } from '../domain/alerts/alert-rule.js';
import type { AlertRuleTable, AlertTable, DB } from './schema.js';

export type AlertRuleRow = Selectable<AlertRuleTable>;
export type AlertRow = Selectable<AlertTable>;

export interface NewAlertRule {
  readonly orgId: string;
  readonly rule: AlertRule;
  /** Null: live stream only. */
  readonly callback: { readonly url: string; readonly secret: Uint8Array } | null;
  readonly startSeq: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const inMs = (value: number) => sql<Date>`now() + make_interval(secs => ${value / 1000})`;

/** What a subscriber gets for one alert, on the webhook, the live stream and `GET /alerts`. */
export interface AlertMessage {
  readonly alertId: string;
  readonly ruleId: string;
  readonly createdDateTime: string;
  readonly deliveryState: AlertRow['delivery_state'];
  readonly [field: string]: unknown;
}

export function alertMessage(row: AlertRow): AlertMessage {
  return {
    alertId: row.id,
    ruleId: row.rule_id,
    ...row.payload,
    createdDateTime: row.created_at.toISOString(),
    deliveryState: row.delivery_state,
  };
}

export class AlertRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async createRule(rule: NewAlertRule): Promise<AlertRuleRow> {
    return this.db
      .insertInto('alert_rule')
      .values({
        org_id: rule.orgId,
        kind: rule.rule.kind,
        parameters: JSON.stringify(rule.rule.parameters),
        watch_key: watchKeyOfRule(rule.rule),
        callback_url: rule.callback?.url ?? null,
        secret: rule.callback?.secret ?? null,
        start_seq: rule.startSeq,
        deleted_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** An active rule of `orgId` (undefined for anyone else's, or a malformed id). */
  async rule(id: string, orgId: string): Promise<AlertRuleRow | undefined> {
    if (!UUID.test(id)) return undefined;
    return this.db
      .selectFrom('alert_rule')
      .selectAll()
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .where('active', '=', true)
      .executeTakeFirst();
  }

  /** Active rules of `orgId` in creation order, after the rule `afterId`. */
  async rules(orgId: string, limit: number, afterId?: string): Promise<AlertRuleRow[]> {
    let query = this.db
      .selectFrom('alert_rule')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('active', '=', true)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit);
    if (afterId !== undefined) {
      const after = await this.rule(afterId, orgId);
      if (!after) return [];
      query = query.where(createdAfter(after));
    }
    return query.execute();
  }

  /** Stops a rule (kept, with its alerts, for the record); false when `orgId` has no such active rule. */
  async deleteRule(id: string, orgId: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const result = await this.db
      .updateTable('alert_rule')
      .set({ active: false, deleted_at: new Date() })
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .where('active', '=', true)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The organisation's alerts, newest first, before the alert `beforeId`; `afterId` for a stream (oldest first). */
  async alerts(orgId: string, limit: number, page: { beforeId?: string; afterId?: string } = {}): Promise<AlertRow[]> {
    let query = this.db.selectFrom('alert').selectAll().where('org_id', '=', orgId).limit(limit);
    if (page.afterId !== undefined) return query.where('id', '>', page.afterId).orderBy('id', 'asc').execute();
    if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
    return query.orderBy('id', 'desc').execute();
  }

  /** The newest alert id of an organisation ('0' when none): where a live stream starts. */
  async newestAlertId(orgId: string): Promise<string> {
    const row = await this.db
      .selectFrom('alert')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    return row?.id == null ? '0' : String(row.id);
  }

  /** Ids of alerts waiting for a webhook delivery that is due and not leased. */
  async due(limit = 500): Promise<string[]> {
    const rows = await this.db
      .selectFrom('alert')
      .select('id')
      .where('delivery_state', '=', 'pending')
      .where('next_attempt_at', '<=', sql<Date>`now()`)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async msUntilNextRetry(): Promise<number | null> {
    const row = await this.db
      .selectFrom('alert')
      .select(sql<string | null>`extract(epoch from (min(next_attempt_at) - now())) * 1000`.as('wait'))
      .where('delivery_state', '=', 'pending')
      .where('attempts', '>', 0)
      .executeTakeFirst();
    return row?.wait == null ? null : Math.max(0, Math.ceil(Number(row.wait)));
  }

  /** Leases a due alert; the alert with its rule's callback, or undefined when another worker has it. */
  async claim(
    id: string,
    owner: string,
    leaseMs: number,
  ): Promise<{ alert: AlertRow; callbackUrl: string | null; secret: Uint8Array | null } | undefined> {
    const alert = await this.db
      .updateTable('alert')
      .set({ lease_owner: owner, lease_until: inMs(leaseMs) })
      .where('id', '=', id)
      .where('delivery_state', '=', 'pending')
      .where('next_attempt_at', '<=', sql<Date>`now()`)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
      .returningAll()
      .executeTakeFirst();
    if (!alert) return undefined;
    const rule = await this.db
      .selectFrom('alert_rule')
      .select(['callback_url', 'secret'])
      .where('id', '=', alert.rule_id)
      .executeTakeFirstOrThrow();
    return { alert, callbackUrl: rule.callback_url, secret: rule.secret };
  }

  async recordDelivered(id: string, owner: string): Promise<void> {
    await this.db
      .updateTable('alert')
      .set({
        delivery_state: 'delivered',
        delivered_at: new Date(),
        last_error: null,
        lease_owner: null,
        lease_until: null,
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  async recordFailure(id: string, owner: string, attempt: number, error: string, retryInMs: number): Promise<void> {
    await this.db
      .updateTable('alert')
      .set({
        attempts: attempt,
        last_error: error,
        next_attempt_at: inMs(retryInMs),
        lease_owner: null,
        lease_until: null,
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  async roleOf(orgId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('organisation').select('role').where('id', '=', orgId).executeTakeFirst();
    return row?.role;
  }
}
