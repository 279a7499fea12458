import type { CanonicalEventOf } from '../../src/domain/canonical-event.js';
import type { DcsaEventCode } from '../../src/domain/event-map.js';

type DcsaEvent = CanonicalEventOf<DcsaEventCode>;

/** A gate move of a container at a San Pedro Bay terminal. */
export function gateMove(n: number, overrides: Partial<DcsaEvent> = {}): DcsaEvent {
  const minute = String(n % 60).padStart(2, '0');
  return {
    idempotencyKey: `test:gate:${n}`,
    eventType: 'EQUIPMENT',
    eventTypeCode: n % 2 === 0 ? 'GTIN' : 'GTOT',
    eventClassifierCode: 'ACT',
    eventDateTime: `2026-03-01T10:${minute}:00.000Z`,
    eventCreatedDateTime: `2026-03-01T10:${minute}:30.000Z`,
    location: { unLocationCode: 'USLGB', facilityCode: 'LBCT', facilityCodeListProvider: 'SMDG' },
    references: { equipmentReference: 'MSCU1234565', carrierVoyageNumber: 'V100' },
    payload: { emptyIndicatorCode: 'LADEN', modeOfTransport: 'TRUCK', sourceMessage: { format: 'test' } },
    ...overrides,
  };
}
