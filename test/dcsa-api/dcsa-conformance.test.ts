/**
 * Conformance of `/v2/*` with DCSA Track & Trace 2.2.0, judged by DCSA's own schemas (see
 * test/support/dcsa-official-schema.ts): every event built from every format the product ingests — DCSA JSON,
 * ANSI X12 315/322, UN/EDIFACT COARRI/CODECO/IFTSTA/BAPLIE and the CSV formats — must validate as the
 * `equipmentEvent`, `transportEvent` or `shipmentEvent` of the standard when it is served on `GET /v2/events`
 * and `GET /v2/events/{eventID}`; errors on `/v2/*` must validate as the standard's `error` body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { dcsaValidators, type DcsaSchemaName } from '../support/dcsa-official-schema.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const INPUTS: readonly { format: string; file: string; type: string }[] = [
  { format: 'dcsa-events', file: 'dcsa/events-page.json', type: 'application/json' },
  { format: 'dcsa-events', file: 'cargo-story/carrier-dcsa-events.json', type: 'application/json' },
  { format: 'x12-315', file: 'x12/315-discharge-release-outgate.edi', type: 'text/plain' },
  { format: 'x12-322', file: 'x12/322-terminal-ramp.edi', type: 'text/plain' },
  { format: 'edifact-coarri', file: 'edifact/coarri-discharge-load.edi', type: 'text/plain' },
  { format: 'edifact-codeco', file: 'edifact/codeco-gate-in-out.edi', type: 'text/plain' },
  { format: 'edifact-iftsta', file: 'edifact/iftsta-status.edi', type: 'text/plain' },
  { format: 'edifact-baplie', file: 'edifact/baplie-ever-given.edi', type: 'text/plain' },
  { format: 'csv-gate-transactions', file: 'csv-cargo/gate-transactions.csv', type: 'text/csv' },
  { format: 'csv-holds', file: 'csv-cargo/holds.csv', type: 'text/csv' },
  { format: 'csv-truck-appointments', file: 'csv-cargo/truck-appointments.csv', type: 'text/csv' },
  { format: 'csv-container-master', file: 'csv-cargo/container-master.csv', type: 'text/csv' },
  { format: 'csv-availability', file: 'csv-cargo/availability.csv', type: 'text/csv' },
  { format: 'csv-vessel-schedule', file: 'csv-vessel-schedule/schedule-good.csv', type: 'text/csv' },
];

const SCHEMA_OF: Record<string, DcsaSchemaName> = {
  EQUIPMENT: 'equipmentEvent',
  TRANSPORT: 'transportEvent',
  SHIPMENT: 'shipmentEvent',
};

type Json = Record<string, unknown>;

describe('DCSA fixtures of this repository', () => {
  const dcsa = dcsaValidators();
  it.each([
    'dcsa/events-page.json',
    'dcsa/single-event.json',
    'dcsa/callback-body.json',
    'cargo-story/carrier-dcsa-events.json',
  ])('%s should validate against the official DCSA schema', (file) => {
    const parsed: unknown = JSON.parse(fixture(file).toString('utf8'));
    const events = (Array.isArray(parsed) ? parsed : [parsed]) as Json[];
    // A subscription callback may omit eventID (DCSA 2.2 callback example); everything else is as served.
    const failures = events.flatMap((e, i) =>
      dcsa.validate(SCHEMA_OF[String(e['eventType'])] ?? 'equipmentEvent', e).map((m) => `[${i}] ${m}`),
    );
    expect(failures).toEqual([]);
  });
});

describe.each(ENGINES)('DCSA T&T 2.2 conformance of /v2 on $name', (engine) => {
  const dcsa = dcsaValidators();
  let platform: Platform;
  let server: Server;
  let authorization: string;
  let served: Json[] = [];

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    authorization = (await orgWithKey(platform, 'pola', 'port_authority', ['read', 'ingest', 'admin'])).authorization;
    for (const input of INPUTS) {
      const res = await server.app.inject({
        method: 'POST',
        url: `/ingest/${input.format}?timeZone=America/Los_Angeles`,
        payload: fixture(input.file),
        headers: { 'content-type': input.type, authorization },
      });
      // Some fixtures carry a deliberately bad row (e.g. a wrong check digit): a partial answer is fine here.
      expect([200, 202, 207, 422], `${input.file}: ${res.body}`).toContain(res.statusCode);
    }
    served = [];
    let url: string | undefined = '/v2/events?limit=100';
    while (url) {
      const res = await server.app.inject({ url, headers: { authorization } });
      expect(res.statusCode, res.body).toBe(200);
      served.push(...res.json<Json[]>());
      const next: unknown = res.headers['next-page'];
      url = typeof next === 'string' && next.length > 0 ? `/v2/events?cursor=${encodeURIComponent(next)}` : undefined;
    }
  }, 300_000);
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should serve events from every ingested format', () => {
    expect(served.length).toBeGreaterThan(40);
    const types = new Set(served.map((e) => e['eventType']));
    expect([...types].sort()).toEqual(['EQUIPMENT', 'SHIPMENT', 'TRANSPORT']);
  });

  it('should serve only events that validate against the official DCSA schema', () => {
    const failures = new Map<string, number>();
    for (const event of served) {
      const schema = SCHEMA_OF[String(event['eventType'])];
      const errors = schema ? dcsa.validate(schema, event) : [`/eventType not a DCSA event type`];
      for (const error of errors) {
        const code =
          event['equipmentEventTypeCode'] ?? event['transportEventTypeCode'] ?? event['shipmentEventTypeCode'];
        const key = `${String(event['eventType'])} ${String(code)}: ${error}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
    }
    expect([...failures].map(([k, n]) => `${n} × ${k}`).sort()).toEqual([]);
  });

  it('should serve one event by eventID in the same shape', async () => {
    const first = served[0]!;
    const res = await server.app.inject({ url: `/v2/events/${String(first['eventID'])}`, headers: { authorization } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(first);
  });

  it('should serve openpcs extension facts on /events only, and refuse extension codes as /v2 filters', async () => {
    const all = await server.app.inject({ url: '/events?limit=1000', headers: { authorization } });
    expect(all.statusCode, all.body).toBe(200);
    const codes = new Set(all.json<{ events: Json[] }>().events.map((e) => String(e['eventTypeCode'])));
    expect(codes.has('APPT') && codes.has('MSTR') && codes.has('AVLB')).toBe(true);
    const servedCodes = new Set(
      served.map((e) =>
        String(e['equipmentEventTypeCode'] ?? e['transportEventTypeCode'] ?? e['shipmentEventTypeCode']),
      ),
    );
    expect(servedCodes.has('APPT') || servedCodes.has('MSTR') || servedCodes.has('AVLB')).toBe(false);
    for (const url of [
      '/v2/events?equipmentEventTypeCode=MSTR',
      '/v2/events?equipmentEventTypeCode=AVLB',
      '/v2/events?transportEventTypeCode=APPT',
    ]) {
      const res = await server.app.inject({ url, headers: { authorization } });
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('should filter by transportCallID, documentTypeCode, bookingReference and transportDocumentID', async () => {
    const get = async (query: string): Promise<Json[]> => {
      const res = await server.app.inject({ url: `/v2/events?limit=1000&${query}`, headers: { authorization } });
      expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
      return res.json<Json[]>();
    };
    // Every served transport call has an id, and asking for it returns exactly the events that carry it.
    const callIds = new Map<string, number>();
    for (const e of served) {
      const id = (e['transportCall'] as Json | undefined)?.['transportCallID'];
      if (typeof id === 'string') callIds.set(id, (callIds.get(id) ?? 0) + 1);
    }
    expect(callIds.size).toBeGreaterThan(3);
    for (const [id, count] of callIds) {
      const hits = await get(`transportCallID=${encodeURIComponent(id)}`);
      expect(
        hits.map((e) => (e['transportCall'] as Json)['transportCallID']),
        id,
      ).toEqual(Array(count).fill(id));
    }
    // The same vessel call reported in EDI and DCSA JSON shares one derived id (UNLOCODE/terminal/IMO/voyage).
    expect([...callIds.keys()].filter((id) => /^USLAX\/[A-Z]+\/\d{7}\//.test(id)).length).toBeGreaterThan(0);
    const byType = (type: string) => served.filter((e) => e['documentTypeCode'] === type).length;
    expect((await get('documentTypeCode=TRD')).length).toBe(byType('TRD'));
    expect((await get('documentTypeCode=BKG,TRD')).length).toBe(byType('BKG') + byType('TRD'));
    const booking = served
      .map((e) => e['documentReferences'] as Json[] | undefined)
      .flat()
      .find((d) => d?.['documentReferenceType'] === 'BKG');
    if (booking) {
      const value = encodeURIComponent(String(booking['documentReferenceValue']));
      expect(await get(`bookingReference=${value}`)).toEqual(await get(`carrierBookingReference=${value}`));
    }
    expect(await get('transportDocumentID=00000000-0000-4000-8000-000000000000')).toEqual([]);
  });

  it('should alter a subscription with PUT and keep its secret', async () => {
    const secret = Buffer.alloc(32, 7).toString('base64');
    const created = await server.app.inject({
      method: 'POST',
      url: '/v2/event-subscriptions',
      headers: { authorization },
      payload: { callbackUrl: 'https://receiver.example.com/cb', secret, equipmentEventTypeCode: ['GTIN'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = String(created.json<Json>()['subscriptionID']);
    const put = await server.app.inject({
      method: 'PUT',
      url: `/v2/event-subscriptions/${id}`,
      headers: { authorization },
      payload: { subscriptionID: id, callbackUrl: 'https://receiver.example.com/other', documentTypeCode: ['TRD'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ callbackUrl: 'https://receiver.example.com/other', documentTypeCode: ['TRD'] });
    expect(put.json<Json>()['equipmentEventTypeCode']).toBeUndefined();
    expect(dcsa.validate('subscription', put.json())).toEqual([]);
    const withSecret = await server.app.inject({
      method: 'PUT',
      url: `/v2/event-subscriptions/${id}`,
      headers: { authorization },
      payload: { callbackUrl: 'https://receiver.example.com/cb', secret },
    });
    expect(withSecret.statusCode).toBe(400);
    expect(dcsa.validate('error', withSecret.json())).toEqual([]);
  });

  it('should answer errors on /v2 with the DCSA error body', async () => {
    for (const url of [
      '/v2/events?limit=0',
      '/v2/events?equipmentEventTypeCode=XX',
      '/v2/events?cursor=nonsense',
      '/v2/events/not-a-uuid',
    ]) {
      const res = await server.app.inject({ url, headers: { authorization } });
      expect(res.statusCode, url).toBe(400);
      expect(dcsa.validate('error', res.json()), `${url}: ${res.body}`).toEqual([]);
    }
    const missing = await server.app.inject({
      url: '/v2/events/00000000-0000-4000-8000-000000000000',
      headers: { authorization },
    });
    expect(missing.statusCode).toBe(404);
    expect(dcsa.validate('error', missing.json())).toEqual([]);
  });
});
