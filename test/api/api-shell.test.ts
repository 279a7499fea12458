import { validate } from '@readme/openapi-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { orgWithKey, operatesEveryTerminal } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const good = fixture('csv-vessel-schedule/schedule-good.csv');
const badRows = fixture('csv-vessel-schedule/schedule-bad-rows.csv');

describe.each(ENGINES)('HTTP API shell on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let terminal: { authorization: string };
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    terminal = await orgWithKey(platform, 'wbct', 'terminal');
    await operatesEveryTerminal(platform, 'wbct');
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  const post = (url: string, body: Buffer | string, contentType = 'text/csv') =>
    server.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': contentType, authorization: terminal.authorization },
    });
  const get = (url: string) => server.app.inject({ url, headers: { authorization: terminal.authorization } });

  it('should answer health and readiness with the engine in use', async () => {
    expect((await server.app.inject('/health')).json()).toMatchObject({ status: 'ok' });
    const ready = await server.app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', engine: engine.name });
  });

  it('should accept a CSV schedule with 202 and the inbox id, and store its events', async () => {
    const res = await post('/ingest/csv-vessel-schedule', good);
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({
      format: 'csv-vessel-schedule',
      status: 'processed',
      eventsAppended: 12,
      duplicateMessage: false,
    });
    expect(body.inboxId).toMatch(/^\d+$/);
    const again = await post('/ingest/csv-vessel-schedule', good);
    expect(again.json()).toMatchObject({ inboxId: body.inboxId, duplicateMessage: true, eventsAppended: 12 });
    expect(await platform.events.count()).toBe(12);
  });

  it('should take a JSON content type as raw bytes for the parser to judge', async () => {
    const res = await post('/ingest/csv-vessel-schedule', 'ship,when\nEVER ACE,tomorrow\n', 'application/json');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ code: 'PCS_CSV_MISSING_COLUMN' });
  });

  it('should answer a partly stored message with 207 listing each bad cell, keeping good rows and dead letters', async () => {
    const res = await post('/ingest/csv-vessel-schedule', badRows);
    expect(res.statusCode).toBe(207);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'partial',
      eventsAppended: 3,
      rejected: 3,
      rejectedByCode: { PCS_CSV_BAD_DATETIME: 1, PCS_CSV_BAD_IDENTIFIER: 1, PCS_CSV_MISSING_VALUE: 1 },
    });
    expect(body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/lines/3/vessel_imo',
      '/body/lines/4/eta',
      '/body/lines/5/voyage',
    ]);
    expect(body.errors[0].detail).toMatch(/check digit/i);
    expect(body.deadLetters).toHaveLength(3);
    const letters = await get('/dead-letters');
    expect(letters.json().deadLetters).toHaveLength(3);
    const inbox = await get(`/inbox/${body.inboxId}`);
    expect(inbox.json()).toMatchObject({ status: 'partial', eventsAppended: 3, rejected: 3 });
  });

  it('should answer 422 problem+json only when nothing was stored and every part was rejected', async () => {
    const allBad = 'vessel_imo,voyage,port,eta\n1234568,X,USLAX,soon\n9839179,,USLGB,2026-12-03 05:30\n';
    const res = await post('/ingest/csv-vessel-schedule', allBad);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem).toMatchObject({ status: 422, code: 'PCS_INGEST_REJECTED', eventsAppended: 0, rejected: 3 });
    expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/lines/2/vessel_imo',
      '/body/lines/2/eta',
      '/body/lines/3/voyage',
    ]);
    expect(await platform.events.count()).toBe(0);
  });

  it('should answer an unknown format, an empty body and a bad query with problem+json pointers', async () => {
    const unknown = await post('/ingest/edifact-nonsense', 'x');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      code: 'PCS_INGEST_UNKNOWN_FORMAT',
      errors: [{ pointer: '/params/format' }],
    });
    const empty = await post('/ingest/csv-vessel-schedule', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'PCS_INGEST_EMPTY_BODY', errors: [{ pointer: '/body' }] });
    const badLimit = await get('/events?limit=0');
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.headers['content-type']).toContain('application/problem+json');
    expect(badLimit.json().errors[0].pointer).toBe('/query/limit');
    const badCursor = await get('/events?cursor=bm9wZQ');
    expect(badCursor.json()).toMatchObject({
      status: 400,
      code: 'PCS_API_BAD_CURSOR',
      errors: [{ pointer: '/query/cursor' }],
    });
    const noRoute = await server.app.inject('/no/such/thing');
    expect(noRoute.statusCode).toBe(404);
    expect(noRoute.json().code).toBe('PCS_API_NOT_FOUND');
    // The router's own refusals are problems from the catalogue too, not Fastify's plain JSON.
    const longParam = await get(`/vessels/${'9'.repeat(150)}`);
    expect(longParam.statusCode).toBe(414);
    expect(longParam.headers['content-type']).toContain('application/problem+json');
    expect(longParam.json()).toMatchObject({ status: 414, code: 'PCS_API_PATH_TOO_LONG' });
    expect(longParam.body).not.toContain('FST_');
    const badUrl = await get('/containers/%E0%A4%A');
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers['content-type']).toContain('application/problem+json');
    expect(badUrl.json()).toMatchObject({ status: 400, code: 'PCS_API_BAD_URL' });
  });

  it('should acknowledge async ingestion once stored, and process it in the background', async () => {
    const res = await post('/ingest/csv-vessel-schedule?mode=async', good);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'received' });
    await platform.pipeline.drain();
    const inbox = await get(`/inbox/${res.json().inboxId}`);
    expect(inbox.json()).toMatchObject({ status: 'processed', eventsAppended: 12 });
  });

  it('should page through events by cursor with next links and filters', async () => {
    await post('/ingest/csv-vessel-schedule', good);
    const keys: string[] = [];
    let url = '/events?limit=5';
    for (let pages = 0; pages < 10; pages++) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      keys.push(...body.events.map((e: { idempotencyKey: string }) => e.idempotencyKey));
      expect(res.headers['link']).toContain('rel="next"');
      if (!body.hasMore) break;
      url = `/events?limit=5&cursor=${body.nextCursor}`;
    }
    expect(keys).toHaveLength(12);
    expect(new Set(keys).size).toBe(12);
    const byVessel = await get('/events?vesselIMONumber=9811000&eventTypeCode=ARRI');
    expect(
      byVessel.json().events.map((e: { location: { facilityTypeCode: string } }) => e.location.facilityTypeCode),
    ).toEqual(['PBPL', 'BRTH']);
  });

  it('should count ingestion and dead letters in Prometheus metrics', async () => {
    await post('/ingest/csv-vessel-schedule', good);
    await post('/ingest/csv-vessel-schedule', badRows);
    const operator = await orgWithKey(platform, 'pola', 'port_authority', ['admin']);
    const text = (await server.app.inject({ url: '/metrics', headers: { authorization: operator.authorization } }))
      .body;
    expect(text).toMatch(/openpcs_ingest_messages_received_total\{format="csv-vessel-schedule",duplicate="false"\} 2/);
    expect(text).toMatch(/openpcs_events_appended_total\{format="csv-vessel-schedule"\} 12/);
    expect(text).toMatch(/openpcs_events_duplicate_total\{format="csv-vessel-schedule"\} 3/);
    expect(text).toMatch(/openpcs_dead_letters_total\{format="csv-vessel-schedule",code="PCS_CSV_BAD_DATETIME"\} 1/);
    expect(text).toMatch(/openpcs_dead_letters_open 3/);
  });

  it('should publish a valid OpenAPI 3.1 document with schemas for every route, and offline docs', async () => {
    const doc = (await server.app.inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
    for (const [path, item] of Object.entries<Record<string, { responses?: Record<string, unknown> }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(Object.keys(operation.responses ?? {}), `${method} ${path}`).not.toHaveLength(0);
      }
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/ingest/{format}', '/events', '/health', '/ready', '/metrics']),
    );
    const docs = await server.app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
    expect(docs.body).not.toMatch(/https?:\/\/(unpkg|cdn)/);
  });
});
