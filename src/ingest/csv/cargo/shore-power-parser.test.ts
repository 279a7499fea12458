import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../../message-parser.js';
import { shorePowerParser } from './shore-power-parser.js';

const ctx: ParseContext = {
  inboxId: 'inbox-shore-1',
  receivedAt: '2026-03-02T22:30:00.000Z',
  sourceOrg: 'lbct',
  timeZone: 'America/Los_Angeles',
};
const HEADER = 'terminal,port,berth,imo,mmsi,connected_at,disconnected_at,energy_kwh,as_of';
const parse = (...rows: string[]) =>
  shorePowerParser.parse(new TextEncoder().encode([HEADER, ...rows].join('\n')), ctx);

describe('csv-shore-power parser', () => {
  it('should turn each row into an SHPC statement at the terminal, dated as_of, zone-less times in the sender zone', () => {
    const r = parse(
      'LBCT,,F10,9516442,477776200,2026-03-02 06:40,2026-03-02 14:10,10500.5,2026-03-02 14:20',
      'LBCT,USLGB,F10,,477776200,2026-03-03T06:40:00-08:00,,,2026-03-03T06:45:00-08:00',
    );
    expect(r.rejected).toEqual([]);
    expect(r.events.map((e) => [e.eventType, e.eventTypeCode, e.location?.facilityCode, e.eventDateTime])).toEqual([
      ['TRANSPORT', 'SHPC', 'LBCT', '2026-03-02T22:20:00.000Z'],
      ['TRANSPORT', 'SHPC', 'LBCT', '2026-03-03T14:45:00.000Z'],
    ]);
    expect(r.events[0]!.location?.unLocationCode).toBe('USLGB');
    expect(r.events[0]!.references).toEqual({ vesselIMONumber: '9516442', vesselMMSI: '477776200' });
    expect(r.events[0]!.payload).toEqual({
      extension: 'openpcs',
      terminal: 'LBCT',
      berth: 'F10',
      imo: '9516442',
      mmsi: '477776200',
      connectedAt: '2026-03-02T14:40:00.000Z',
      disconnectedAt: '2026-03-02T22:10:00.000Z',
      energyKwh: 10_500.5,
      sourceMessage: { format: 'csv-shore-power', line: 2 },
    });
    expect(r.events[1]!.payload).toMatchObject({ imo: null, disconnectedAt: null, energyKwh: null });
  });

  it('should give the same row the same key (redelivery is stored once) and a re-statement a new one', () => {
    const row = 'LBCT,,F10,9516442,477776200,2026-03-02 06:40,,,2026-03-02 06:45';
    const again = parse(`${row.replace('F10', ' F10 ')}`);
    const closed = parse('LBCT,,F10,9516442,477776200,2026-03-02 06:40,2026-03-02 14:10,,2026-03-02 14:20');
    expect(parse(row).events[0]!.idempotencyKey).toBe(again.events[0]!.idempotencyKey);
    expect(closed.events[0]!.idempotencyKey).not.toBe(parse(row).events[0]!.idempotencyKey);
  });

  it('should reject bad rows with the line and column, and keep the good ones', () => {
    const r = parse(
      'LBCT,,F10,9516442,477776200,2026-03-02 06:40,2026-03-02 14:10,,2026-03-02 14:20',
      'LBCT,,F10,,,2026-03-02 06:40,,,2026-03-02 06:45',
      'LBCT,,F10,9516443,,2026-03-02 06:40,,,2026-03-02 06:45',
      'LBCT,,F10,9516442,,2026-03-02 06:40,2026-03-02 06:00,,2026-03-02 06:45',
      'LBCT,,F10,9516442,,2026-03-02 06:40,2026-03-30 06:00,,2026-03-30 06:45',
      'LBCT,,F10,9516442,,2026-03-02 06:40,,-5,2026-03-02 06:45',
      'LBCT,,F10,9516442,,2026-03-02 06:40,,,2026-03-02 06:00',
      'L@,,F10,9516442,,2026-03-02 06:40,,,2026-03-02 06:45',
    );
    expect(r.events).toHaveLength(1);
    expect(r.rejected.map((x) => [x.line, x.code, x.pointer])).toEqual([
      [3, 'PCS_CSV_MISSING_VALUE', 'imo'],
      [4, 'PCS_ID_IMO_CHECK_DIGIT', 'imo'],
      [5, 'PCS_CSV_INCONSISTENT_ROW', 'disconnected_at'],
      [6, 'PCS_CSV_INCONSISTENT_ROW', 'disconnected_at'],
      [7, 'PCS_CSV_BAD_VALUE', 'energy_kwh'],
      [8, 'PCS_CSV_INCONSISTENT_ROW', 'as_of'],
      [9, expect.stringMatching(/^PCS_ID_/), 'terminal'],
    ]);
  });
});
