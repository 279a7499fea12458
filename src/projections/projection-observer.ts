import type { ProjectionFailure } from './projection-failure.js';

/** Hooks for metrics: called after the transaction that quarantined or released an event has committed. */
export interface ProjectionObserver {
  quarantined(projection: string, eventSeq: string, failure: ProjectionFailure): void;
}
