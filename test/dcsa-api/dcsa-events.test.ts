/**
 * `GET /v2/events` (DCSA Track & Trace 2.2): the standard's filters, DCSA JSON bodies, cursor pages with
 * the DCSA page headers, CSV/NDJSON exports, and data ownership on every page.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { gateMove } from './gate-move.js';

describe.each(ENGINES)('DCSA GET /v2/events on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let carrier: string;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 10_000 });
    carrier = (await orgWithKey(platform, 'eglv', 'carrier')).authorization;
    const res = await server.app.inject({
      method: 'POST',
      url: '/ingest/dcsa-events?visibility=community',
      payload: fixture('dcsa/events-page.json'),
      headers: { 'content-type': 'application/json', authorization: carrier },
    });
    expect(res.statusCode).toBe(202);
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  const get = async (url: string, authorization = carrier) => {
    const res = await server.app.inject({ url, headers: { authorization } });
    return res;
  };
  const codes = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    const events: Record<string, string>[] = res.json();
    return events.map((e) => e['equipmentEventTypeCode'] ?? e['transportEventTypeCode'] ?? e['shipmentEventTypeCode']);
  };

  it('should answer DCSA 2.2 JSON events built from the stored facts', async () => {
    const res = await get('/v2/events?eventType=EQUIPMENT');
    expect(res.headers['api-version']).toBe('2.2.0');
    const events = res.json();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      eventType: 'EQUIPMENT',
      eventClassifierCode: 'ACT',
      equipmentEventTypeCode: 'DISC',
      equipmentReference: 'EGHU9345670',
      emptyIndicatorCode: 'LADEN',
      eventCreatedDateTime: '2026-02-10T14:03:11.000Z',
      eventDateTime: '2026-02-10T13:59:27.000Z',
      transportCall: {
        UNLocationCode: 'USLAX',
        exportVoyageNumber: '1042E',
        vessel: { vesselIMONumber: '9893890' },
      },
    });
    expect(events[0].eventID).toMatch(/^[0-9a-f-]{36}$/);
    const shipment = (await get('/v2/events?eventType=SHIPMENT')).json()[0];
    expect(shipment).toMatchObject({
      shipmentEventTypeCode: 'ISSU',
      documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: 'EGLV142600351827' }],
    });
    expect(shipment.transportCall).toBeUndefined();
  });

  it('should apply each DCSA filter, ANDed, with lists ORed', async () => {
    expect(await codes('/v2/events')).toEqual(['ARRI', 'DEPA', 'DISC', 'GTOT', 'ISSU']);
    expect(await codes('/v2/events?eventType=TRANSPORT,SHIPMENT')).toEqual(['ARRI', 'DEPA', 'ISSU']);
    expect(await codes('/v2/events?equipmentEventTypeCode=GTIN,GTOT')).toEqual(['GTOT']);
    expect(await codes('/v2/events?transportEventTypeCode=DEPA')).toEqual(['DEPA']);
    // The standard's own example: no event is a shipment and an equipment event at once.
    expect(await codes('/v2/events?shipmentEventTypeCode=ISSU&equipmentEventTypeCode=GTOT')).toEqual([]);
    expect(await codes('/v2/events?equipmentReference=EGHU9345670')).toEqual(['DISC', 'GTOT']);
    expect(await codes('/v2/events?transportDocumentReference=EGLV142600351827')).toEqual(['DISC', 'ISSU']);
    expect(await codes('/v2/events?vesselIMONumber=9893890&eventType=TRANSPORT')).toEqual(['ARRI', 'DEPA']);
    expect(await codes('/v2/events?carrierVoyageNumber=1042E')).toEqual(['ARRI', 'DEPA', 'DISC']);
    expect(await codes('/v2/events?exportVoyageNumber=1042E')).toEqual(['ARRI', 'DEPA', 'DISC']);
    expect(await codes('/v2/events?importVoyageNumber=1041W')).toEqual(['ARRI', 'DISC']);
    expect(await codes('/v2/events?exportVoyageNumber=1041W')).toEqual([]);
    expect(await codes('/v2/events?carrierServiceCode=TPS')).toEqual(['ARRI', 'DEPA']);
    expect(await codes('/v2/events?UNLocationCode=USLAX&eventType=EQUIPMENT')).toEqual(['DISC', 'GTOT']);
    // 06:12:40-08:00 = 14:12:40Z; DEPA created 14:15:00Z; DISC 14:03:11Z; GTOT 2026-02-12.
    expect(await codes('/v2/events?eventCreatedDateTime:gte=2026-02-10T14:12:40Z')).toEqual(['ARRI', 'DEPA', 'GTOT']);
    expect(await codes('/v2/events?eventCreatedDateTime:gt=2026-02-10T06:12:40-08:00')).toEqual(['DEPA', 'GTOT']);
    expect(
      await codes(
        '/v2/events?eventCreatedDateTime:gte=2026-02-10T00:00:00Z&eventCreatedDateTime:lt=2026-02-10T14:15:00Z',
      ),
    ).toEqual(['ARRI', 'DISC']);
    expect(await codes('/v2/events?eventCreatedDateTime:lte=2026-02-10T14:03:11Z')).toEqual(['DISC', 'ISSU']);
    expect(await codes('/v2/events?eventCreatedDateTime=2026-02-10T14:03:11Z')).toEqual(['DISC']);
    // an unencoded "+" arrives as a space; the offset is still read
    expect(await codes('/v2/events?eventCreatedDateTime:eq=2026-02-10T22:03:11+08:00')).toEqual(['DISC']);
  });

  it('should reject bad filters with problem+json pointers', async () => {
    for (const [url, pointer] of [
      ['/v2/events?eventType=VESSEL', '/query/eventType'],
      ['/v2/events?equipmentEventTypeCode=gtin', '/query/equipmentEventTypeCode'],
      ['/v2/events?eventCreatedDateTime:gte=yesterday', '/query/eventCreatedDateTime:gte'],
      ['/v2/events?vesselIMONumber=12', '/query/vesselIMONumber'],
      ['/v2/events?limit=0', '/query/limit'],
      ['/v2/events?cursor=bm9wZQ', '/query/cursor'],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].pointer, url).toBe(pointer);
    }
  });

  it('should page by cursor in store order with Next-Page, Prev-Page, First-Page and Last-Page', async () => {
    await platform.events.append(
      Array.from({ length: 7 }, (_, i) => gateMove(i)),
      { source: 'test', inboxId: null, sourceOrg: 'eglv', ownerOrgs: ['eglv'], visibility: 'private' },
    );
    const all = (await get('/v2/events?eventType=EQUIPMENT&limit=100'))
      .json()
      .map((e: { eventID: string }) => e.eventID);
    expect(all).toHaveLength(9);
    const seen: string[] = [];
    const pages: string[] = [];
    let res = await get('/v2/events?eventType=EQUIPMENT&limit=4');
    expect(res.headers['prev-page']).toBeUndefined();
    for (;;) {
      seen.push(...res.json().map((e: { eventID: string }) => e.eventID));
      pages.push(res.headers['current-page'] as string);
      const next = res.headers['next-page'] as string | undefined;
      if (!next) break;
      expect(res.headers['next-page-cursor']).toBe(next);
      expect(res.headers['link']).toContain('rel="next"');
      // repeating the same filters beside the cursor is allowed
      res = await get(`/v2/events?cursor=${next}&eventType=EQUIPMENT`);
      expect(res.statusCode).toBe(200);
    }
    expect(seen).toEqual(all);
    expect(pages).toHaveLength(3);
    // Prev-Page of the last page is the middle page; Last-Page is the newest 4; First-Page the first.
    const prev = await get(`/v2/events?cursor=${res.headers['prev-page'] as string}`);
    expect(prev.json().map((e: { eventID: string }) => e.eventID)).toEqual(all.slice(4, 8));
    expect(prev.headers['next-page']).toBeDefined();
    const lastPage = await get(`/v2/events?cursor=${res.headers['last-page'] as string}`);
    expect(lastPage.json().map((e: { eventID: string }) => e.eventID)).toEqual(all.slice(5));
    expect(lastPage.headers['next-page']).toBeUndefined();
    const firstPage = await get(`/v2/events?cursor=${res.headers['first-page'] as string}`);
    expect(firstPage.json().map((e: { eventID: string }) => e.eventID)).toEqual(all.slice(0, 4));
    // a cursor replayed with other filters is refused rather than silently mixed
    const mixed = await get(`/v2/events?cursor=${pages[1]!}&eventType=SHIPMENT`);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().code).toBe('PCS_DCSA_CURSOR_FILTER_MISMATCH');
  });

  it('should never show an organisation another organisation’s private events', async () => {
    await platform.events.append([gateMove(1), gateMove(2, { eventTypeCode: 'GTIN' })], {
      source: 'test',
      inboxId: null,
      sourceOrg: 'eglv',
      ownerOrgs: ['eglv'],
      visibility: 'private',
    });
    const other = (await orgWithKey(platform, 'mscu', 'carrier')).authorization;
    const authority = (await orgWithKey(platform, 'pola', 'port_authority', ['read'])).authorization;
    const count = async (authorization?: string) => {
      const res = await server.app.inject({
        url: '/v2/events?equipmentReference=MSCU1234565',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode).toBe(200);
      return res.json().length as number;
    };
    expect(await count(carrier)).toBe(2);
    expect(await count(authority)).toBe(2);
    expect(await count(other)).toBe(0);
    expect(await count()).toBe(0);
    // community data is for members only
    const community = async (authorization?: string) =>
      (await server.app.inject({ url: '/v2/events', headers: authorization ? { authorization } : {} })).json<
        unknown[]
      >().length;
    expect(await community(other)).toBe(5);
    expect(await community()).toBe(0);
  });

  it('should export the same page as CSV and NDJSON', async () => {
    const csv = await get('/v2/events?format=csv&eventType=EQUIPMENT');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^eventID,eventType,eventTypeCode,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',EQUIPMENT,DISC,ACT,');
    expect(lines[1]).toContain('EGHU9345670');
    const ndjson = await server.app.inject({
      url: '/v2/events?eventType=TRANSPORT',
      headers: { authorization: carrier, accept: 'application/x-ndjson' },
    });
    expect(ndjson.headers['content-type']).toContain('application/x-ndjson');
    const rows = ndjson.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r['transportEventTypeCode'])).toEqual(['ARRI', 'DEPA']);
    expect(ndjson.headers['next-page']).toBeUndefined();
  });
});
