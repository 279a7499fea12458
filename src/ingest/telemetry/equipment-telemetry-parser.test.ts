import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../message-parser.js';
import { equipmentTelemetryParser } from './equipment-telemetry-parser.js';

const ctx: ParseContext = {
  inboxId: '1',
  receivedAt: '2018-05-07T10:00:00.000Z',
  sourceOrg: 'wbct',
  timeZone: 'UTC',
};

const status = {
  messageType: 'equipment-status',
  schemaVersion: 1,
  equipmentId: 'WBCT-YT-001',
  terminal: 'WBCT',
  equipmentType: 'yard_tractor',
  powertrain: 'battery_electric',
  observedAt: '2018-05-07T02:15:00-07:00',
  state: 'working',
  socPct: 63.5,
  energy: { electricityKwh: 120.5 },
  engineHours: 10234.25,
};
const start = {
  messageType: 'charging-session',
  schemaVersion: 1,
  phase: 'start',
  sessionId: 'WBCT-YT-001-1',
  chargerId: 'WBCT-CHG-01',
  equipmentId: 'WBCT-YT-001',
  terminal: 'WBCT',
  observedAt: '2018-05-07T09:30:00Z',
  startedAt: '2018-05-07T09:30:00Z',
  socStartPct: 22.1,
};
const stop = {
  ...start,
  phase: 'stop',
  observedAt: '2018-05-07T11:30:00Z',
  endedAt: '2018-05-07T11:30:00Z',
  socEndPct: 95,
  energyKwh: 153.09,
};

const parse = (text: string) => equipmentTelemetryParser.parse(Buffer.from(text), ctx);
const ndjson = (...lines: unknown[]): string =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

describe('equipment-telemetry parser', () => {
  it('should map a status report to an EQST event at its observation time, keyed by unit and instant', () => {
    const r = parse(JSON.stringify(status));
    expect(r.rejected).toEqual([]);
    expect(r.events).toHaveLength(1);
    const e = r.events[0]!;
    expect(e.eventTypeCode).toBe('EQST');
    expect(e.eventType).toBe('EQUIPMENT');
    expect(e.eventDateTime).toBe('2018-05-07T09:15:00.000Z');
    expect(e.idempotencyKey).toBe('telemetry:status:WBCT-YT-001:2018-05-07T09:15:00.000Z');
    expect(e.location).toMatchObject({
      unLocationCode: 'USLAX',
      facilityCode: 'WBCT',
      facilityCodeListProvider: 'SMDG',
    });
    expect(e.payload).toMatchObject({ state: 'working', socPct: 63.5, energy: { electricityKwh: 120.5 } });
    // The same instant of the same unit (an MQTT re-delivery) has the same key; the next report another.
    const again = parse(JSON.stringify({ ...status, observedAt: '2018-05-07T09:15:00Z' })).events[0]!;
    expect(again.idempotencyKey).toBe(e.idempotencyKey);
    const next = parse(JSON.stringify({ ...status, observedAt: '2018-05-07T09:30:00Z' })).events[0]!;
    expect(next.idempotencyKey).not.toBe(e.idempotencyKey);
  });

  it('should read NDJSON line by line, skip blank lines, and a pretty-printed single message whole', () => {
    const r = parse(`${ndjson(status, start)}\n\n${JSON.stringify(stop)}\r\n`);
    expect(r.rejected).toEqual([]);
    expect(r.events.map((e) => e.eventTypeCode)).toEqual(['EQST', 'CHRG', 'CHRG']);
    expect(r.events[2]!.payload).toMatchObject({ phase: 'stop', energyKwh: 153.09, sourceMessage: { line: 4 } });
    const pretty = parse(JSON.stringify(stop, null, 2));
    expect(pretty.rejected).toEqual([]);
    expect(pretty.events).toHaveLength(1);
  });

  it('should reject bad lines with the line and a pointer, and keep the good ones', () => {
    const r = parse(
      ndjson(
        status,
        '{"messageType": "equipment-status", ',
        { ...status, socPct: 140 },
        { ...status, engineHours: '12' },
        { ...status, fuelLevel: 3 },
        { ...status, equipmentId: 'WBCT/YT/1' },
        { ...status, messageType: 'crane-status' },
        { ...status, powertrain: 'diesel' },
        { ...status, powertrain: 'diesel', socPct: null, state: 'charging' },
        { ...stop, energyKwh: undefined },
        { ...start, energyKwh: 3 },
        { ...stop, endedAt: '2018-05-07T08:00:00Z' },
        [status],
        { ...status, observedAt: '2018-05-07 02:15' },
      ),
    );
    expect(r.events).toHaveLength(1);
    const byLine = Object.fromEntries(r.rejected.map((x) => [x.line, [x.code, x.pointer]]));
    expect(byLine).toEqual({
      2: ['PCS_TELEMETRY_NOT_JSON', undefined],
      3: ['PCS_TELEMETRY_SCHEMA', '/socPct'],
      4: ['PCS_TELEMETRY_SCHEMA', '/engineHours'],
      5: ['PCS_TELEMETRY_SCHEMA', '/fuelLevel'],
      6: ['PCS_TELEMETRY_SCHEMA', '/equipmentId'],
      7: ['PCS_TELEMETRY_UNKNOWN_MESSAGE', '/messageType'],
      8: ['PCS_TELEMETRY_INCONSISTENT', '/socPct'],
      9: ['PCS_TELEMETRY_INCONSISTENT', '/state'],
      10: ['PCS_TELEMETRY_INCONSISTENT', '/energyKwh'],
      11: ['PCS_TELEMETRY_INCONSISTENT', '/energyKwh'],
      12: ['PCS_TELEMETRY_INCONSISTENT', '/endedAt'],
      13: ['PCS_TELEMETRY_NOT_JSON', undefined],
      14: ['PCS_TELEMETRY_SCHEMA', '/observedAt'],
    });
  });

  it('should refuse a body that is not UTF-8 or holds nothing', () => {
    expect(equipmentTelemetryParser.parse(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), ctx).rejected[0]?.code).toBe(
      'PCS_TELEMETRY_NOT_JSON',
    );
    expect(parse('  \n ').rejected[0]?.code).toBe('PCS_TELEMETRY_NOT_JSON');
  });

  it('should give the same result in parts as whole (parts of 1,000 lines)', () => {
    const lines = Array.from({ length: 2_500 }, (_, i) => ({
      ...status,
      observedAt: new Date(Date.parse('2018-05-07T00:00:00Z') + i * 60_000).toISOString(),
    }));
    const body = Buffer.from(ndjson(...lines, 'not json'));
    const parts = [...equipmentTelemetryParser.parseInParts!(body, ctx)];
    expect(parts.length).toBe(3);
    expect(parts.flatMap((p) => p.events)).toEqual(equipmentTelemetryParser.parse(body, ctx).events);
    expect(parts.flatMap((p) => p.rejected).map((x) => x.line)).toEqual([2_501]);
  });
});
