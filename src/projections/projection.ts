import type { Transaction } from 'kysely';
import type { StoredEvent } from '../domain/canonical-event.js';
import type { EventTypeCode } from '../domain/event-map.js';
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
  /**
   * The event type codes it reads (its source codes; codes of the event map, so a misspelt or retired code does
   * not compile): the runner hands it only events of these codes, and moves its checkpoint over the others. A
   * change of visibility of events of these codes rebuilds it when it `copiesVisibility` (`projections-fed-by.ts`).
   */
  readonly sources: readonly EventTypeCode[];
  /**
   * Its rows hold a copy of their events' visibility and owners, or are kept per audience (the vessel models, the
   * terminal feeds, equipment, drayage trucks, per-call emissions): a change of visibility must rebuild it. False
   * when its readers join `event` for visibility (containers, truck visits) and so follow a change at once.
   */
  readonly copiesVisibility: boolean;
  /**
   * Tables of other projections it reads while it applies (per-call emissions read the calls, tracks and static
   * data of the vessel models). The runner never applies it past the checkpoints of their owners, so it never
   * takes an event before the rows that event makes in them exist: a read model that followed the bus ahead of
   * them computed a call's emissions from a track that lacked the page's positions, and never again. The owners
   * come before it in the runner's order.
   */
  readonly reads?: readonly (keyof DB)[] | undefined;
  /** Codes of the events it appends itself (the vessel-call detector's ARRI/DEPA): read by the projections after it. */
  readonly emits?: readonly EventTypeCode[] | undefined;
  /**
   * Finishes a rebuild, in the transaction of the page that reaches the head (the rebuild's last page, or the next
   * catch-up's when the rebuild was interrupted): the vessel-call detector narrows to `private` the events it appended
   * and did not derive again (`access/derived-visibility.ts`). Until then its events keep their visibility, so a
   * reader never loses sight of one the rebuild derives again alike.
   */
  readonly settle?: ((trx: Transaction<DB>) => Promise<void>) | undefined;
  apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void>;
}
