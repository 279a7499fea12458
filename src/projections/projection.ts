import type { Transaction } from 'kysely';
import type { StoredEvent } from '../domain/canonical-event.js';
import type { EventSelection } from '../store/event-store.js';
import type { DB } from '../store/schema.js';

/**
 * A read model built from events. `apply` runs inside the transaction that also advances the
 * projection's checkpoint, so a page of events is applied exactly once. Projections must be
 * deterministic over the event sequence: rebuilding from zero gives the same tables.
 */
export interface Projection {
  /** Checkpoint key, e.g. `vessel-schedule`. */
  readonly name: string;
  /** Bump when `apply` changes meaning: the runner then rebuilds the projection from zero. */
  readonly version: number;
  /** Tables this projection owns (emptied on rebuild). */
  readonly tables: readonly (keyof DB)[];
  /** Optional prefilter on the events read for it (fewer events to skip). */
  readonly filter?: EventSelection | undefined;
  apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void>;
}
