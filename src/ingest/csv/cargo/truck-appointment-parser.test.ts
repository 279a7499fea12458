import { describe, expect, it } from 'vitest';
import { payloadFields } from '../../../domain/canonical-event.js';
import { fixture } from '../../../../test/support/fixtures.js';
import { parserUnderTest } from '../../../../test/support/parser-under-test.js';
import { truckAppointmentParser } from './truck-appointment-parser.js';

const { parse, parseFixture } = parserUnderTest(truckAppointmentParser, {
  receivedAt: '2026-02-11T20:00:00.000Z',
  sourceOrg: 'terminal-ets',
});

describe('csv-truck-appointments parser', () => {
  const good = parseFixture('csv-cargo/truck-appointments.csv');

  it('should turn each appointment (one or two transaction rows) into one APPT transport event', () => {
    expect(good.rejected).toEqual([]);
    expect(good.events.map((e) => [e.eventType, e.eventTypeCode, e.eventClassifierCode, e.eventDateTime])).toEqual([
      ['TRANSPORT', 'APPT', 'PLN', '2026-02-12T16:00:00.000Z'],
      ['TRANSPORT', 'APPT', 'PLN', '2026-02-12T18:00:00.000Z'],
      ['TRANSPORT', 'APPT', 'REQ', '2026-02-12T21:00:00.000Z'],
      ['TRANSPORT', 'APPT', 'PLN', '2026-02-12T23:30:00.000Z'],
    ]);
  });

  it('should carry the slot, trucker, status and transactions in the payload', () => {
    expect(good.events[1]!.payload).toEqual({
      extension: 'openpcs',
      modeOfTransport: 'TRUCK',
      appointmentId: 'APT-TRP-260212-0002',
      appointmentStatus: 'BOOKED',
      truckingCompany: 'HRZD',
      truckPlate: '8XYZ456',
      slotStart: '2026-02-12T18:00:00.000Z',
      slotEnd: '2026-02-12T19:00:00.000Z',
      transactions: [
        { move: 'DROPOFF', equipmentReference: 'ONEU0123450', bookingReference: 'ONEYLAXE12345000' },
        { move: 'PICKUP', equipmentReference: 'TCLU5544330' },
      ],
      sourceMessage: { format: 'csv-truck-appointments', lines: [3, 4] },
    });
    expect(payloadFields(good.events[3]!)['appointmentStatus']).toBe('CANCELLED');
  });

  it('should reference the terminal, the trucker and a single container or booking', () => {
    expect(good.events[0]!.location).toEqual({
      unLocationCode: 'USLAX',
      facilityCode: 'ETS',
      facilityCodeListProvider: 'SMDG',
      facilityTypeCode: 'POTE',
      locationName: 'Everport Container Terminal',
    });
    expect(good.events[0]!.references).toEqual({
      carrierCode: 'SBTL',
      equipmentReference: 'EGHU9345670',
      carrierBookingReference: 'EGLV142600351',
    });
    // Two containers: no single equipmentReference; the one booking is still referenced.
    expect(good.events[1]!.references).toEqual({ carrierCode: 'HRZD', carrierBookingReference: 'ONEYLAXE12345000' });
    expect(good.events[2]!.location?.unLocationCode).toBe('USLGB');
  });

  it('should reject every bad row with its line, column and code, and the rest of a tainted appointment', () => {
    const bad = parseFixture('csv-cargo/truck-appointments-bad.csv');
    expect(bad.events.map((e) => payloadFields(e)['appointmentId'])).toEqual(['APT-1']);
    expect(bad.rejected.map((r) => [r.line, r.code, r.pointer])).toEqual([
      [3, 'PCS_ID_CONTAINER_CHECK_DIGIT', 'container_number'],
      [4, 'PCS_CSV_GROUP_REJECTED', 'appointment_id'],
      [5, 'PCS_CSV_INCONSISTENT_ROW', 'slot_end'],
      [6, 'PCS_CSV_BAD_VALUE', 'move'],
      [7, 'PCS_CSV_MISSING_VALUE', 'status'],
      [8, 'PCS_ID_SCAC_FORMAT', 'trucking_company_scac'],
      [9, 'PCS_CSV_GROUP_REJECTED', 'appointment_id'],
      [10, 'PCS_CSV_GROUP_CONFLICT', 'truck_plate'],
      [11, 'PCS_CSV_BAD_DATETIME', 'slot_start'],
      [12, 'PCS_CSV_MISSING_VALUE', 'container_number'],
    ]);
    expect(bad.rejected[0]!.message).toBe(
      'container_number "MSCU1234565": check digit of MSCU1234565 is 5, ISO 6346 Annex A gives 6',
    );
    expect(bad.rejected[3]!.message).toBe('move "SWAP" is not one of PICKUP, DROPOFF');
  });

  it('should reject the whole file once when a required column is missing', () => {
    const result = parse(
      'appointment_id,terminal,slot_start,slot_end,move,status\nA,ETS,2026-02-12 08:00,2026-02-12 09:00,PICKUP,BOOKED\n',
    );
    expect(result.events).toEqual([]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({
      code: 'PCS_CSV_MISSING_COLUMN',
      line: 1,
      pointer: 'trucking_company_scac',
    });
  });

  it('should reject a header-only file and a file that is not UTF-8', () => {
    const header = fixture('csv-cargo/truck-appointments.csv').toString('utf8').split('\n')[0]!;
    expect(parse(`${header}\n`).rejected.map((r) => r.code)).toEqual(['PCS_CSV_NO_ROWS']);
    expect(parse(new Uint8Array([0x61, 0xff, 0x0a])).rejected.map((r) => r.code)).toEqual(['PCS_CSV_UNREADABLE']);
  });

  it('should read a semicolon-delimited export with BOM and CRLF exactly like the comma one', () => {
    const text = fixture('csv-cargo/truck-appointments.csv').toString('utf8');
    const variant = '\uFEFF' + text.replace(/,/g, ';').replace(/\n/g, '\r\n');
    const result = parse(variant);
    expect(result.rejected).toEqual([]);
    expect(result.events).toEqual(good.events);
  });

  it('should give the same keys for the same bytes, and a new key only to the appointment whose row changed', () => {
    const text = fixture('csv-cargo/truck-appointments.csv').toString('utf8');
    const keys = (t: string) => parse(t).events.map((e) => e.idempotencyKey);
    expect(keys(text)).toEqual(good.events.map((e) => e.idempotencyKey));
    const changed = keys(text.replace('2026-02-12 13:00,2026-02-12 14:00', '2026-02-12 13:30,2026-02-12 14:30'));
    expect(changed.filter((k, i) => k !== keys(text)[i])).toHaveLength(1);
    expect(changed[2]).not.toBe(keys(text)[2]);
    expect(changed[2]).toMatch(/^csv-truck-appointments:LBCT:APT-LBCT-260212-0003:[0-9a-f]{64}$/);
  });
});
