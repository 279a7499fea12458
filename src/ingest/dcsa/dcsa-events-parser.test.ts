import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadFields } from '../../domain/canonical-event.js';
import { fixture } from '../../../test/support/fixtures.js';
import { parserUnderTest } from '../../../test/support/parser-under-test.js';
import { IDENTIFIER_ERRORS } from '../../domain/errors/identifier-errors.js';
import { DCSA_MESSAGE_ERRORS } from '../../domain/errors/dcsa-message-errors.js';
import { dcsaEventsParser } from './dcsa-events-parser.js';

const { parse, parseFixture } = parserUnderTest(dcsaEventsParser, {
  receivedAt: '2026-02-10T14:05:00.000Z',
  sourceOrg: 'eglv',
});

type Json = Record<string, unknown>;
const readJson = (path: string): unknown => JSON.parse(fixture(path).toString('utf8'));
const obj = (value: unknown): Json => value as Json;

const KNOWN_CODES = new Set([...Object.keys(DCSA_MESSAGE_ERRORS), ...Object.keys(IDENTIFIER_ERRORS)]);

describe('DCSA T&T 2.2 parser: GET /v2/events page', () => {
  const result = parseFixture('dcsa/events-page.json');

  it('should turn every valid event of the page into a canonical event, in order', () => {
    expect(result.rejected).toEqual([]);
    expect(result.events.map((e) => [e.eventType, e.eventTypeCode, e.eventClassifierCode])).toEqual([
      ['TRANSPORT', 'ARRI', 'ACT'],
      ['TRANSPORT', 'DEPA', 'EST'],
      ['EQUIPMENT', 'DISC', 'ACT'],
      ['EQUIPMENT', 'GTOT', 'ACT'],
      ['SHIPMENT', 'ISSU', 'ACT'],
    ]);
  });

  it('should convert event and creation times with their offsets to UTC instants', () => {
    expect(result.events.map((e) => e.eventDateTime)).toEqual([
      '2026-02-10T13:48:00.000Z',
      '2026-02-14T06:00:00.000Z',
      '2026-02-10T13:59:27.000Z',
      '2026-02-12T18:20:41.000Z',
      '2026-02-03T01:30:00.000Z',
    ]);
    expect(result.events[0]!.eventCreatedDateTime).toBe('2026-02-10T14:12:40.000Z');
  });

  it('should key each event by its DCSA eventID', () => {
    expect(result.events.map((e) => e.idempotencyKey)).toEqual([
      'dcsa:5e51e72c-d872-11ea-811c-0242ac130003',
      'dcsa:84db923d-2a19-4eb0-beb5-446c1ec57d34',
      'dcsa:3cecb101-7a1a-43a4-9d62-e88a131651e2',
      'dcsa:b7c1f0a4-6f2e-4d6b-9a3a-0c6d2f1e9b10',
      'dcsa:e0b9d6a2-2b7c-4c1f-8f3e-5a2d9c7b1e44',
    ]);
  });

  it('should expose vessel, voyage (export voyage first), carrier and terminal for a vessel arrival', () => {
    const arrival = result.events[0]!;
    expect(arrival.references).toEqual({
      vesselIMONumber: '9893890',
      carrierVoyageNumber: '1042E',
      carrierCode: 'EGLV',
    });
    expect(arrival.location).toEqual({
      unLocationCode: 'USLAX',
      facilityCode: 'ETS',
      facilityCodeListProvider: 'SMDG',
      facilityTypeCode: 'POTE',
    });
  });

  it('should expose container, booking and bill of lading of a discharge and keep the DCSA body as payload', () => {
    const disc = result.events[2]!;
    expect(disc.references).toEqual({
      equipmentReference: 'EGHU9345670',
      carrierBookingReference: 'EGLV142600351',
      transportDocumentReference: 'EGLV142600351827',
      vesselIMONumber: '9893890',
      carrierVoyageNumber: '1042E',
      carrierCode: 'EGLV',
    });
    expect(payloadFields(disc)['seals']).toEqual([{ sealNumber: 'EMC5512093', sealSource: 'CAR', sealType: 'BLT' }]);
    expect(payloadFields(disc)['ISOEquipmentCode']).toBe('45G1');
    expect(payloadFields(disc)['eventDateTime']).toBe('2026-02-10T05:59:27-08:00');
  });

  it('should prefer the eventLocation (with coordinates) over the transport call for a gate-out', () => {
    expect(result.events[3]!.location).toEqual({
      unLocationCode: 'USLAX',
      facilityCode: 'ETS',
      facilityCodeListProvider: 'SMDG',
      facilityTypeCode: 'POTE',
      locationName: 'Everport Container Terminal, Berths 226-236',
      latitude: 33.7547,
      longitude: -118.2573,
    });
  });

  it('should reference the bill of lading of a shipment event through its documentID', () => {
    expect(result.events[4]!.references).toEqual({ transportDocumentReference: 'EGLV142600351827' });
    expect(result.events[4]!.location).toBeUndefined();
  });
});

describe('DCSA T&T 2.2 parser: other body shapes', () => {
  it('should accept a single event object (GET /v2/events/{eventID})', () => {
    const { events, rejected } = parseFixture('dcsa/single-event.json');
    expect(rejected).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      idempotencyKey: 'dcsa:0f7cd2a1-93b8-4ab0-a7f4-6c5bd1a08e2f',
      eventType: 'EQUIPMENT',
      eventTypeCode: 'LOAD',
      eventDateTime: '2026-02-15T15:55:00.000Z',
      references: { equipmentReference: 'MSKU9070323', vesselIMONumber: '9321483', carrierCode: 'MAEU' },
    });
  });

  it('should accept a subscription callback body and take a missing shipment eventDateTime from eventCreatedDateTime', () => {
    // The fixture is valid DCSA 2.2 (test/dcsa-api/dcsa-conformance.test.ts); senders that leave out the
    // shipment event's eventDateTime (which the standard says equals eventCreatedDateTime) are accepted.
    const body = JSON.parse(fixture('dcsa/callback-body.json').toString('utf8')) as Record<string, unknown>[];
    delete body[1]!['eventDateTime'];
    const { events, rejected } = parse(JSON.stringify(body));
    expect(rejected).toEqual([]);
    expect(events.map((e) => [e.eventTypeCode, e.eventDateTime])).toEqual([
      ['ARRI', '2026-07-05T13:00:00.000Z'],
      ['CONF', '2026-07-04T03:12:00.000Z'],
    ]);
    expect(events[1]!.references).toEqual({ carrierBookingReference: 'CMDU0LGB2607831' });
    // No eventID: keyed by a content hash.
    expect(events[1]!.idempotencyKey).toMatch(/^dcsa:[0-9a-f]{64}$/);
  });

  it('should read a zone-less date-time in the sender time zone', () => {
    const event = JSON.parse(fixture('dcsa/single-event.json').toString('utf8')) as Record<string, unknown>;
    event['eventDateTime'] = '2026-07-01T08:00:00';
    const { events } = parse(JSON.stringify(event));
    expect(events[0]!.eventDateTime).toBe('2026-07-01T15:00:00.000Z');
  });

  it('should accept an empty page as no events and no rejections', () => {
    expect(parse('[]')).toEqual({ events: [], rejected: [] });
  });

  it('should tolerate a UTF-8 byte order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('dcsa/single-event.json')]);
    expect(parse(body).events).toHaveLength(1);
  });
});

describe('DCSA T&T 2.2 parser: rejections', () => {
  const result = parseFixture('dcsa/events-with-errors.json');

  it('should still turn the valid events of a page with bad ones into events', () => {
    expect(result.events.map((e) => e.references?.equipmentReference)).toEqual(['TGHU8712349', 'FCIU3322119']);
  });

  it('should reject each bad event with a code and a JSON pointer into the array', () => {
    expect(result.rejected.map((r) => [r.code, r.pointer])).toEqual([
      ['PCS_ID_CONTAINER_CHECK_DIGIT', '/1/equipmentReference'],
      ['PCS_DCSA_SCHEMA', '/2/emptyIndicatorCode'],
      ['PCS_DCSA_UNKNOWN_EVENT_TYPE', '/3/eventType'],
      ['PCS_DCSA_NOT_AN_EVENT', '/4'],
      ['PCS_DCSA_BAD_DATETIME', '/5/eventDateTime'],
      ['PCS_ID_IMO_CHECK_DIGIT', '/5/transportCall/vessel/vesselIMONumber'],
    ]);
    expect(result.rejected[0]!.message).toBe(
      'equipmentReference "MSCU1234565": check digit of MSCU1234565 is 5, ISO 6346 Annex A gives 6',
    );
    expect(result.rejected[2]!.message).toContain('"OPERATIONS"');
  });

  it('should reject a body that is not JSON, and JSON that is not events', () => {
    expect(parse('{"eventType": ').rejected.map((r) => r.code)).toEqual(['PCS_DCSA_NOT_JSON']);
    expect(parse(new Uint8Array([0x5b, 0xff, 0x5d])).rejected.map((r) => r.code)).toEqual(['PCS_DCSA_NOT_JSON']);
    expect(parse('42').rejected).toEqual([
      {
        code: 'PCS_DCSA_NOT_EVENTS',
        message: 'expected an event object or an array of events, got number',
        pointer: '',
      },
    ]);
  });

  it('should reject values outside the DCSA enums and over their maxLength, naming the field', () => {
    const event = obj(readJson('dcsa/single-event.json'));
    event['equipmentEventTypeCode'] = 'LOADED';
    obj(event['transportCall'])['carrierServiceCode'] = 'TP1-LONG';
    const { events, rejected } = parse(JSON.stringify([event]));
    expect(events).toEqual([]);
    expect(rejected.map((r) => [r.code, r.pointer])).toEqual([
      ['PCS_DCSA_SCHEMA', '/0/equipmentEventTypeCode'],
      ['PCS_DCSA_SCHEMA', '/0/transportCall/carrierServiceCode'],
    ]);
  });

  it('should reject a bad UN/LOCODE, SMDG terminal code, size/type code, SCAC and coordinates with their codes', () => {
    const event = obj((readJson('dcsa/events-page.json') as unknown[])[3]);
    const place = obj(event['eventLocation']);
    event['ISOEquipmentCode'] = '99X9';
    place['UNLocationCode'] = 'QQLAX';
    place['facilityCode'] = 'E-TS';
    place['latitude'] = '133.75';
    obj(event['transportCall'])['vessel'] = {
      vesselIMONumber: '9893890',
      vesselOperatorCarrierCode: 'EG1V',
      vesselOperatorCarrierCodeListProvider: 'NMFTA',
    };
    const { rejected } = parse(JSON.stringify(event));
    expect(rejected.map((r) => [r.code, r.pointer])).toEqual([
      ['PCS_ID_SIZE_TYPE_UNKNOWN', '/ISOEquipmentCode'],
      ['PCS_ID_SCAC_FORMAT', '/transportCall/vessel/vesselOperatorCarrierCode'],
      ['PCS_ID_UNLOCODE_COUNTRY', '/eventLocation/UNLocationCode'],
      ['PCS_ID_SMDG_TERMINAL_FORMAT', '/eventLocation/facilityCode'],
      ['PCS_DCSA_SCHEMA', '/eventLocation/latitude'],
    ]);
  });

  it('should reject a second event reusing an eventID with different content, and keep an exact repeat once', () => {
    const events = (readJson('dcsa/events-page.json') as unknown[]).map(obj);
    const changed = { ...events[2], equipmentEventTypeCode: 'LOAD' };
    const result2 = parse(JSON.stringify([events[2], events[2], changed]));
    expect(result2.events).toHaveLength(1);
    expect(result2.rejected.map((r) => [r.code, r.pointer])).toEqual([['PCS_DCSA_DUPLICATE_EVENT_ID', '/2/eventID']]);
  });
});

describe('DCSA T&T 2.2 parser: idempotency', () => {
  const page = fixture('dcsa/events-page.json');

  it('should give the same keys when the same bytes are delivered twice', () => {
    expect(parse(page).events.map((e) => e.idempotencyKey)).toEqual(parse(page).events.map((e) => e.idempotencyKey));
  });

  it('should key events without eventID by content: key order and whitespace do not matter, a changed field does', () => {
    const base = {
      eventType: 'SHIPMENT',
      eventCreatedDateTime: '2026-07-04T03:12:00Z',
      eventClassifierCode: 'ACT',
      shipmentEventTypeCode: 'CONF',
      documentTypeCode: 'BKG',
      documentID: 'CMDU0LGB2607831',
    };
    const reordered = Object.fromEntries(Object.entries(base).reverse());
    const key = (e: object, space?: number) => parse(JSON.stringify(e, null, space)).events[0]!.idempotencyKey;
    expect(key(base)).toBe(key(reordered, 2));
    expect(key({ ...base, shipmentEventTypeCode: 'APPR' })).not.toBe(key(base));
  });
});

describe('DCSA T&T 2.2 parser: robustness', () => {
  const knownShape = (result: ReturnType<typeof parse>, items: number) => {
    for (const r of result.rejected) expect(KNOWN_CODES.has(r.code)).toBe(true);
    expect(result.events.length).toBeLessThanOrEqual(Math.max(items, 1));
  };

  it('should never throw on arbitrary bytes and always end in events or coded rejections', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = parse(bytes);
        knownShape(result, 1);
        // Arbitrary bytes are never silently accepted as nothing, except a JSON empty array.
        const text = new TextDecoder()
          .decode(bytes)
          .replace(/^\uFEFF/, '')
          .replace(/\s/g, '');
        if (text !== '[]') expect(result.events.length + result.rejected.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('should never throw on arbitrary JSON, and account for every array element', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), (items) => {
        const result = parse(JSON.stringify(items));
        knownShape(result, items.length);
        const pointers = new Set(result.rejected.map((r) => r.pointer!.split('/')[1]));
        expect(result.events.length + pointers.size).toBe(items.length);
      }),
      { numRuns: 300 },
    );
  });

  it('should never throw on mutated real events, and account for every one of them', () => {
    const page = JSON.parse(fixture('dcsa/events-page.json').toString('utf8')) as Record<string, unknown>[];
    const mutation = fc.record({
      index: fc.nat({ max: page.length - 1 }),
      field: fc.constantFrom(
        'eventType',
        'eventDateTime',
        'eventCreatedDateTime',
        'equipmentReference',
        'transportCall',
        'eventClassifierCode',
        'documentReferences',
        'eventID',
      ),
      value: fc.jsonValue(),
    });
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 4 }), (mutations) => {
        const copy = page.map((e) => ({ ...e }));
        for (const m of mutations) copy[m.index]![m.field] = m.value;
        const result = parse(JSON.stringify(copy));
        knownShape(result, page.length);
        const pointers = new Set(result.rejected.map((r) => r.pointer!.split('/')[1]));
        // Every element is either an event, a rejection, or an exact duplicate of an earlier element.
        expect(result.events.length + pointers.size).toBeLessThanOrEqual(page.length);
        expect(result.events.length + pointers.size).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
