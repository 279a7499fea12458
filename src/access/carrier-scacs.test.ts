import { describe, expect, it } from 'vitest';
import type { NewCanonicalEvent } from '../domain/canonical-event.js';
import { LOCAL_OPERATOR, scopeFor } from './access-scope.js';
import { mayLinkScacs, receivablesTheSenderMayState, type CarrierStanding } from './carrier-scacs.js';

const receivable = (carrierScac: string, line: number, statedBy?: 'LOCATION' | 'CARRIER'): NewCanonicalEvent => ({
  idempotencyKey: `${carrierScac}-${line}`,
  eventType: 'EQUIPMENT',
  eventTypeCode: 'ERCV',
  eventClassifierCode: 'ACT',
  eventDateTime: '2026-03-02T18:00:00Z',
  eventCreatedDateTime: '2026-03-02T18:00:00Z',
  location: { unLocationCode: 'USLAX', facilityCode: 'WBCT', facilityCodeListProvider: 'SMDG' },
  references: { carrierCode: carrierScac },
  payload: {
    extension: 'openpcs',
    locationType: 'TERMINAL',
    locationCode: 'WBCT',
    carrierScac,
    isoEquipmentCode: '45G1',
    accepting: false,
    remainingCapacity: 0,
    ...(statedBy ? { statedBy } : {}),
    sourceMessage: { format: 'csv-empty-returns', line },
  },
});
const statedBy = (e: NewCanonicalEvent) => (e.eventTypeCode === 'ERCV' ? e.payload.statedBy : undefined);
const carrier = (scacs: string[]): CarrierStanding => ({ orgId: 'maeu', role: 'carrier', scacs });

describe('a carrier states empty-return receivables for its own SCACs only', () => {
  it("should keep the carrier's own rows as its word and reject another SCAC's row with line and column", () => {
    const result = receivablesTheSenderMayState(carrier(['MAEU', 'SEAU']), [
      receivable('MAEU', 2),
      receivable('CMDU', 3),
    ]);
    expect(result.events.map(statedBy)).toEqual(['CARRIER']);
    expect(result.rejected).toEqual([
      {
        code: 'PCS_INGEST_SCAC_NOT_OWN',
        message: expect.stringContaining('CMDU 45G1 at WBCT (line 3): organisation maeu speaks for MAEU, SEAU only'),
        line: 3,
        pointer: 'carrier_scac',
      },
    ]);
  });

  it('should reject every receivable of a carrier linked to no SCAC', () => {
    const result = receivablesTheSenderMayState(carrier([]), [receivable('MAEU', 2)]);
    expect(result.events).toEqual([]);
    expect(result.rejected[0]!.message).toContain('is linked to no SCAC');
  });

  it("should make every other sender's receivable the location's word, whatever the event claimed", () => {
    for (const role of ['terminal', 'port_authority', 'system', null] as const) {
      const result = receivablesTheSenderMayState({ orgId: 'x', role, scacs: [] }, [receivable('CMDU', 2, 'CARRIER')]);
      expect(result.rejected, String(role)).toEqual([]);
      expect(result.events.map(statedBy), String(role)).toEqual(['LOCATION']);
    }
  });

  it('should let only the port authority admin and the local operator link SCACs', () => {
    expect(mayLinkScacs(LOCAL_OPERATOR)).toBe(true);
    expect(mayLinkScacs(scopeFor('pa', 'port_authority', ['read', 'admin'], 'k1'))).toBe(true);
    expect(mayLinkScacs(scopeFor('maeu', 'carrier', ['read', 'ingest', 'admin'], 'k2'))).toBe(false);
  });
});
