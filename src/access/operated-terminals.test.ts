import { describe, expect, it } from 'vitest';
import type { NewCanonicalEvent } from '../domain/canonical-event.js';
import { LOCAL_OPERATOR, scopeFor } from './access-scope.js';
import { eventsTheSenderMayState, mayLinkTerminals, mayStateAt, type SenderStanding } from './operated-terminals.js';

const at = (
  location: NewCanonicalEvent['location'],
  sourceMessage: Record<string, unknown> = { format: 'csv-availability', line: 2 },
): NewCanonicalEvent => ({
  idempotencyKey: JSON.stringify(location),
  eventType: 'EQUIPMENT',
  eventTypeCode: 'GTIN',
  eventClassifierCode: 'ACT',
  eventDateTime: '2026-03-16T12:00:00Z',
  eventCreatedDateTime: '2026-03-16T12:00:00Z',
  location,
  references: { equipmentReference: 'EGHU8300218' },
  payload: { equipmentEventTypeCode: 'GTIN', sourceMessage },
});

const terminal = (operates: string[]): SenderStanding => ({ orgId: 'apmt', role: 'terminal', operates });

describe('a terminal states facts only at the terminals it operates', () => {
  const yusen = at({ unLocationCode: 'USLAX', facilityCode: 'YUSEN', facilityCodeListProvider: 'SMDG' });
  const apmt = at({ unLocationCode: 'USLAX', facilityCode: 'APMT', facilityCodeListProvider: 'SMDG' });

  it('should let a linked terminal state at its own terminal and reject the row at another, with line and column', () => {
    const result = eventsTheSenderMayState(terminal(['APMT']), [apmt, yusen]);
    expect(result.events).toEqual([apmt]);
    expect(result.rejected).toEqual([
      {
        code: 'PCS_INGEST_TERMINAL_NOT_OPERATED',
        message: expect.stringContaining(
          'GTIN for EGHU8300218 at terminal YUSEN: organisation apmt operates APMT only',
        ),
        line: 2,
        pointer: 'terminal',
      },
    ]);
  });

  it('should refuse a terminal with no link at all at every terminal, and say the port authority links it', () => {
    const result = eventsTheSenderMayState(terminal([]), [apmt]);
    expect(result.events).toEqual([]);
    expect(result.rejected[0]?.message).toContain('is linked to no terminal');
    expect(result.rejected[0]?.message).toContain('PUT /admin/organisations/apmt/terminals');
  });

  it('should find the terminal as the read models do: an X12 R4 name, an SMDG code without a list provider', () => {
    const byName = at(
      { unLocationCode: 'USLAX', locationName: 'WEST BASIN CONTAINER TERMINAL' },
      {
        format: 'x12-322',
        messageReference: '0001',
      },
    );
    const noProvider = at({ facilityCode: 'wbct' }, { format: 'edifact-codeco', messageReference: 'M1' });
    const result = eventsTheSenderMayState(terminal(['APMT']), [byName, noProvider]);
    expect(result.events).toEqual([]);
    expect(result.rejected.map((r) => [r.pointer, r.line])).toEqual([
      ['R4', undefined],
      ['LOC', undefined],
    ]);
    expect(result.rejected[0]?.message).toContain('at terminal WBCT (message 0001)');
    expect(mayStateAt(terminal(['WBCT']), 'wbct')).toBe(true);
  });

  it('should pass facts at no terminal (a port, a rail ramp, a BIC facility) and facts of other roles', () => {
    const port = at({ unLocationCode: 'USLAX', locationName: 'ICTF RAMP' });
    const bic = at({ facilityCode: 'USLAXAB', facilityCodeListProvider: 'BIC' });
    expect(eventsTheSenderMayState(terminal([]), [port, bic]).rejected).toEqual([]);
    for (const role of ['port_authority', 'system', 'carrier', 'trucker'] as const) {
      expect(eventsTheSenderMayState({ orgId: 'x', role, operates: [] }, [yusen]).rejected, role).toEqual([]);
    }
    // The CLI's `local` sender is no registered organisation.
    expect(eventsTheSenderMayState({ orgId: 'local', role: null, operates: [] }, [yusen]).rejected).toEqual([]);
  });

  it('should let only the port authority and the local operator set the links', () => {
    expect(mayLinkTerminals(LOCAL_OPERATOR)).toBe(true);
    expect(mayLinkTerminals(scopeFor('pa', 'port_authority', ['read', 'admin'], 'k1'))).toBe(true);
    expect(mayLinkTerminals(scopeFor('pa', 'port_authority', ['read', 'ingest'], 'k2'))).toBe(false);
    expect(mayLinkTerminals(scopeFor('apmt', 'terminal', ['read', 'ingest', 'admin'], 'k3'))).toBe(false);
    expect(mayLinkTerminals(scopeFor('eglv', 'carrier', ['admin'], 'k4'))).toBe(false);
  });
});
