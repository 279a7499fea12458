/**
 * The state of one watched read-model key as alerts see it, and where a statement of it came from. The alert
 * projection keeps the last state it saw per key (`alert_watch_state`), so an evaluation always has the state
 * before and after a change, whatever order the read models were caught up in.
 */

import type { EmptyReturnSpeaker } from '../cargo-event-codes.js';

/** Where the fact behind a change came from: the `asOf` and `source` of the alert (like the trucker answers). */
export interface FactSource {
  /** When the fact was stated (the statement's eventDateTime), ISO 8601. */
  readonly asOf: string;
  /** The organisation that stated it (null when the read model merges several). */
  readonly sourceOrg: string | null;
  readonly eventId: string | null;
  /** Position of the (newest) event behind the state: makes the change key unique and stable across replays. */
  readonly seq: string;
}

/** An empty-return receivable (`ERCV`, docs/formats-terminal-feeds.md). */
export interface EmptyCapacityState {
  readonly accepting: boolean;
  /** Empties it can still take; null when the location does not say. */
  readonly remainingCapacity: number | null;
}

/** One appointment slot (`SLOT`): places still free = capacity − booked. */
export interface SlotState {
  readonly capacity: number;
  readonly booked: number;
}

/** One container's pick-up state (`container_status`). */
export interface ContainerWatchState {
  readonly available: boolean;
  /** Hold types in force. */
  readonly holdsOpen: readonly string[];
  /** Local date `YYYY-MM-DD` in the terminal's zone. */
  readonly lastFreeDay: string | null;
}

export type WatchedChange =
  | {
      readonly kind: 'empty';
      readonly locationCode: string;
      readonly carrierScac: string;
      readonly isoEquipmentCode: string;
      /**
       * The location's and the carrier's words combined (`terminal-feeds/receivable-words.ts`: both must accept);
       * a change is the combined state moving.
       */
      readonly before: EmptyCapacityState | null;
      readonly after: EmptyCapacityState;
      /** Whose statement made the change (the fact's); absent = the location's. */
      readonly statedBy?: EmptyReturnSpeaker | undefined;
      readonly fact: FactSource;
    }
  | {
      readonly kind: 'slot';
      readonly terminal: string;
      readonly transactionType: string;
      readonly slotStart: string;
      readonly slotEnd: string;
      readonly before: SlotState | null;
      readonly after: SlotState;
      readonly fact: FactSource;
    }
  | {
      readonly kind: 'container';
      readonly equipmentReference: string;
      readonly before: ContainerWatchState | null;
      readonly after: ContainerWatchState;
      readonly fact: FactSource;
    };

/**
 * Whether a location takes empties of the key: it accepts, and has places left or does not say how many
 * (docs/truckers.md: `remainingCapacity` null = not stated).
 */
export const hasEmptyCapacity = (s: EmptyCapacityState): boolean =>
  s.accepting && (s.remainingCapacity === null || s.remainingCapacity > 0);

export const freePlaces = (s: SlotState): number => Math.max(0, s.capacity - s.booked);
