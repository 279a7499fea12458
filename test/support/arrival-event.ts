import type { NewCanonicalEvent } from '../../src/domain/canonical-event.js';

/**
 * The `i`-th of a run of actual arrivals (DCSA `ARRI`, `ACT`) of one ship at WBCT, one a minute from 2026-03-16
 * 00:00 UTC, keyed `<key>:<i>`: events a projection reads, for tests of the runner itself.
 */
export function wbctArrival(key: string, i: number): NewCanonicalEvent {
  const at = new Date(Date.UTC(2026, 2, 16, 0, i)).toISOString();
  return {
    idempotencyKey: `${key}:${i}`,
    eventType: 'TRANSPORT',
    eventTypeCode: 'ARRI',
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    location: { unLocationCode: 'USLAX', facilityCode: 'WBCT', facilityTypeCode: 'POTE' },
    references: { vesselIMONumber: '9321483' },
    payload: { transportEventTypeCode: 'ARRI' },
  };
}
