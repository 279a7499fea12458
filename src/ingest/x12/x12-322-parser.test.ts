import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../message-parser.js';
import { x12322Parser } from './x12-322-parser.js';

const body = readFileSync(new URL('../../../test/fixtures/x12/322-terminal-ramp.edi', import.meta.url));
const ctx: ParseContext = { inboxId: 'i', receivedAt: '2024-03-02T12:00:00Z', sourceOrg: 'wbct', timeZone: 'UTC' };

describe('x12-322 parser', () => {
  const result = x12322Parser.parse(body, ctx);
  const byContainer = (id: string) => result.events.find((e) => e.references?.equipmentReference === id);

  it('should read both interchanges in the file', () => {
    expect(result.events.map((e) => e.eventTypeCode)).toEqual(['GTIN', 'LOAD', 'DISC', 'LOAD']);
  });

  it('should read an in-gate at West Basin in Los Angeles local time (LT) even when the sender zone is UTC', () => {
    expect(byContainer('TCLU9988775')).toMatchObject({
      eventType: 'EQUIPMENT',
      eventTypeCode: 'GTIN',
      eventDateTime: '2024-03-01T14:45:00.000Z',
      location: { unLocationCode: 'USLAX', locationName: 'WEST BASIN CONTAINER TERMINAL' },
      references: { carrierBookingReference: 'ONEYBKG555', carrierCode: 'ONEY' },
      payload: { modeOfTransport: 'TRUCK', ISOEquipmentCode: '45G1', seals: ['WB123456', 'WB123457'] },
    });
  });

  it('should map ramp activity to rail LOAD/DISC and skip the rail car itself', () => {
    expect(byContainer('HLXU1122330')).toMatchObject({
      eventTypeCode: 'LOAD',
      eventDateTime: '2024-03-01T18:15:00.000Z', // 10:15 PT
      payload: { modeOfTransport: 'RAIL' },
    });
    expect(byContainer('MAEU1234567')).toMatchObject({
      eventTypeCode: 'DISC',
      eventDateTime: '2024-03-01T23:00:00.000Z', // UT
      payload: { modeOfTransport: 'RAIL', ISOEquipmentCode: '45R1' },
    });
    expect(result.events.some((e) => e.references?.equipmentReference?.startsWith('TTGX'))).toBe(false);
  });

  it('should load CSQU3054383 on EVER GIVEN and reject only the N7 with a bad check digit', () => {
    expect(byContainer('CSQU3054383')).toMatchObject({
      eventDateTime: '2024-03-02T11:30:00.000Z',
      references: { vesselIMONumber: '9811000', carrierVoyageNumber: '047E' },
      payload: { modeOfTransport: 'VESSEL', transportCall: { vesselName: 'EVER GIVEN', UNLocationCode: 'USLGB' } },
    });
    expect(result.rejected).toEqual([expect.objectContaining({ code: 'PCS_ID_CONTAINER_CHECK_DIGIT', line: 32 })]);
  });

  it('should reject a 315 sent to the 322 parser instead of dropping it', () => {
    const wrong = readFileSync(
      new URL('../../../test/fixtures/x12/315-discharge-release-outgate.edi', import.meta.url),
    );
    const r = x12322Parser.parse(wrong, ctx);
    expect(r.events).toEqual([]);
    expect(r.rejected.map((x) => x.code)).toEqual(Array(3).fill('PCS_X12_UNEXPECTED_TRANSACTION_SET'));
  });
});
