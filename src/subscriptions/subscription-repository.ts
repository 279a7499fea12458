/**
 * Event subscriptions and their outbox state (migration 0005). A subscription's `position` is the `seq` of
 * the last event delivered; it advances only in the transaction that records a successful delivery, so a
 * crash or restart neither loses nor repeats an acknowledged batch. A worker leases a subscription
 * (`lease_owner`, `lease_until`) instead of holding a row lock over an HTTP call: the lease is a plain
 * UPDATE, so no transaction stays open while the callback is called (PGlite has a single connection).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { createdAfter } from '../store/created-order.js';
import type { DB, EventSubscriptionDeliveryTable, EventSubscriptionTable } from '../store/schema.js';

export type SubscriptionRow = Selectable<EventSubscriptionTable>;
export type DeliveryRow = Selectable<EventSubscriptionDeliveryTable>;

export interface NewSubscription {
  readonly orgId: string;
  readonly callbackUrl: string;
  readonly secret: Uint8Array;
  readonly filter: Record<string, unknown>;
  readonly position: string;
}

export interface DeliveryOutcome {
  readonly attempt: number;
  readonly firstSeq: string;
  readonly lastSeq: string;
  readonly eventCount: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

const ms = (value: number) => sql<Date>`now() + make_interval(secs => ${value / 1000})`;

export class SubscriptionRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(subscription: NewSubscription): Promise<SubscriptionRow> {
    return this.db
      .insertInto('event_subscription')
      .values({
        org_id: subscription.orgId,
        callback_url: subscription.callbackUrl,
        secret: subscription.secret,
        filter: JSON.stringify(subscription.filter),
        position: subscription.position,
        next_attempt_at: new Date(),
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** An active subscription; when `orgId` is given, only if that organisation owns it. */
  async get(id: string, orgId?: string): Promise<SubscriptionRow | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
    let query = this.db
      .selectFrom('event_subscription')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null);
    if (orgId !== undefined) query = query.where('org_id', '=', orgId);
    return query.executeTakeFirst();
  }

  /** Active subscriptions in creation order, after the one with id `afterId`. */
  async list(orgId: string | undefined, limit: number, afterId?: string): Promise<SubscriptionRow[]> {
    let query = this.db
      .selectFrom('event_subscription')
      .selectAll()
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit);
    if (orgId !== undefined) query = query.where('org_id', '=', orgId);
    if (afterId !== undefined) {
      const after = await this.get(afterId, orgId);
      if (!after) return [];
      query = query.where(createdAfter(after));
    }
    return query.execute();
  }

  /** Stops a subscription (kept, with its delivery log, for the record). */
  async delete(id: string): Promise<void> {
    await this.db
      .updateTable('event_subscription')
      .set({ deleted_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  /** Replaces the callback and the filters (DCSA `PUT /v2/event-subscriptions/{id}`); the position stays. */
  async update(id: string, callbackUrl: string, filter: Record<string, unknown>): Promise<SubscriptionRow | undefined> {
    return this.db
      .updateTable('event_subscription')
      .set({ callback_url: callbackUrl, filter: JSON.stringify(filter), updated_at: new Date() })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  }

  async setSecret(id: string, secret: Uint8Array): Promise<void> {
    await this.db
      .updateTable('event_subscription')
      .set({ secret, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  /** Ids of subscriptions due for a delivery attempt and not leased by a live worker. */
  async due(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('event_subscription')
      .select('id')
      .where('deleted_at', 'is', null)
      .where('next_attempt_at', '<=', sql<Date>`now()`)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
      .orderBy('next_attempt_at')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Milliseconds until the next retry falls due (null when none is waiting). */
  async msUntilNextRetry(): Promise<number | null> {
    const row = await this.db
      .selectFrom('event_subscription')
      .select(sql<string | null>`extract(epoch from (min(next_attempt_at) - now())) * 1000`.as('wait'))
      .where('deleted_at', 'is', null)
      .where('failed_attempts', '>', 0)
      .executeTakeFirst();
    return row?.wait == null ? null : Math.max(0, Math.ceil(Number(row.wait)));
  }

  /** Takes the lease if the subscription is due and free; the row as leased, or undefined. */
  async claim(id: string, owner: string, leaseMs: number): Promise<SubscriptionRow | undefined> {
    return this.db
      .updateTable('event_subscription')
      .set({ lease_owner: owner, lease_until: ms(leaseMs) })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .where('next_attempt_at', '<=', sql<Date>`now()`)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
      .returningAll()
      .executeTakeFirst();
  }

  async release(id: string, owner: string): Promise<void> {
    await this.db
      .updateTable('event_subscription')
      .set({ lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  /**
   * Records a delivered batch and advances the position in one transaction, provided the lease is still
   * ours and nobody moved the position meanwhile; false (nothing recorded) otherwise.
   */
  async recordSuccess(id: string, owner: string, outcome: DeliveryOutcome, leaseMs: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('event_subscription')
        .set({
          position: outcome.lastSeq,
          failed_attempts: 0,
          last_error: null,
          next_attempt_at: sql<Date>`now()`,
          lease_until: ms(leaseMs),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('position', '<', outcome.firstSeq)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return false;
      await trx
        .insertInto('event_subscription_delivery')
        .values(deliveryRow(id, outcome, true))
        .execute();
      return true;
    });
  }

  /** Records a failed attempt, schedules the next one and gives the lease back. */
  async recordFailure(id: string, owner: string, outcome: DeliveryOutcome, retryInMs: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('event_subscription')
        .set({
          failed_attempts: outcome.attempt,
          last_error: outcome.error ?? `HTTP ${outcome.statusCode ?? '?'}`,
          next_attempt_at: ms(retryInMs),
          lease_owner: null,
          lease_until: null,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return;
      await trx
        .insertInto('event_subscription_delivery')
        .values(deliveryRow(id, outcome, false))
        .execute();
    });
  }

  /** Moves the position over events that do not match the subscription (no delivery needed). */
  async skipTo(id: string, owner: string, from: string, to: string): Promise<void> {
    await this.db
      .updateTable('event_subscription')
      .set({ position: to })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('position', '=', from)
      .execute();
  }

  /** The newest delivery attempts first. */
  async deliveries(id: string, limit: number): Promise<DeliveryRow[]> {
    return this.db
      .selectFrom('event_subscription_delivery')
      .selectAll()
      .where('subscription_id', '=', id)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async roleOf(orgId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('organisation').select('role').where('id', '=', orgId).executeTakeFirst();
    return row?.role;
  }
}

function deliveryRow(id: string, outcome: DeliveryOutcome, delivered: boolean) {
  return {
    subscription_id: id,
    attempt: outcome.attempt,
    first_seq: outcome.firstSeq,
    last_seq: outcome.lastSeq,
    event_count: outcome.eventCount,
    delivered,
    status_code: outcome.statusCode,
    error: outcome.error,
    duration_ms: outcome.durationMs,
  };
}
