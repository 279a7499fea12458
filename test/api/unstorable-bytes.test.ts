/**
 * Bytes the database cannot store as text (NUL, invalid UTF-8, unpaired surrogates) never give a 500 and
 * never leave a message stuck in the inbox: the raw bytes are kept (bytea), dead-letter texts are made
 * storable, events holding such text are rejected one by one, and request text is refused with a 400.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { orgWithKey, operatesEveryTerminal } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const dcsaEvent = JSON.parse(fixture('dcsa/single-event.json').toString('utf8')) as Record<string, unknown>;
const vessel = (name: string) => ({
  ...dcsaEvent,
  eventID: crypto.randomUUID(),
  transportCall: {
    ...(dcsaEvent['transportCall'] as Record<string, unknown>),
    vessel: { vesselIMONumber: '9321483', vesselName: name, vesselOperatorCarrierCode: 'MAEU' },
  },
});

describe.each(ENGINES)('unstorable bytes on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let auth: { authorization: string };
  let admin: { authorization: string };
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    auth = await orgWithKey(platform, 'wbct', 'terminal');
    await operatesEveryTerminal(platform, 'wbct');
    admin = await orgWithKey(platform, 'pola', 'port_authority', ['read', 'ingest', 'admin']);
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  const post = (format: string, body: Buffer | string, contentType = 'application/octet-stream') =>
    server.app.inject({
      method: 'POST',
      url: `/ingest/${format}`,
      payload: body,
      headers: { 'content-type': contentType, ...auth },
    });

  it('should dead-letter NUL and binary garbage in EDI messages with 422, keep the raw bytes and mark the message failed', async () => {
    const cases: [string, Buffer][] = [
      ['x12-315', Buffer.from('A\0B')],
      ['x12-322', Buffer.from('ISA*00*\0\0*00*')],
      ['edifact-iftsta', Buffer.from('A\0B')],
      ['edifact-coarri', Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x80, 0x27, 0xc3, 0x28, 0xed, 0xa0, 0x80])],
      ['csv-vessel-schedule', Buffer.from('vessel_imo,voyage,port,eta\n9839179,00\u000021E,USLGB,2026-12-03 05:30\n')],
    ];
    for (const [format, body] of cases) {
      const res = await post(format, body);
      expect(res.statusCode, `${format}: ${res.body}`).toBe(422);
      const problem = res.json<{ inboxId: string; inboxStatus: string; errors: { detail: string }[] }>();
      expect(problem.inboxStatus).toBe('failed');
      const row = await platform.inbox.get(problem.inboxId);
      expect(row?.status).toBe('failed');
      expect(Buffer.from(row!.body).equals(body), `${format}: raw bytes kept as they came`).toBe(true);
      const letters = await platform.deadLetters.list({ inboxId: problem.inboxId });
      expect(letters.length).toBeGreaterThan(0);
      for (const letter of letters) expect(letter.message).not.toContain('\u0000');
    }
    // A quoted NUL stays visible to the reader, escaped.
    const [x12] = await platform.deadLetters.list({ format: 'x12-315' });
    expect(x12!.message).toContain('A\\u0000B');
    expect((await platform.inbox.countByStatus()).received).toBe(0);
  });

  it('should reject only the DCSA events whose strings hold \\u0000 or an unpaired surrogate, and store the others', async () => {
    const body = `[${JSON.stringify(vessel('EMMA MAERSK'))},${JSON.stringify(vessel('EMMA\u0000MAERSK'))},${JSON.stringify(
      vessel('EMMA MAERSK II'),
    ).replace('EMMA MAERSK II', 'EMMA \\ud800MAERSK')}]`;
    const res = await post('dcsa-events', body, 'application/json');
    // Partly stored: a 207 with the rejected parts (docs/api.md).
    expect(res.statusCode, res.body).toBe(207);
    const problem = res.json<{
      inboxId: string;
      status: string;
      eventsAppended: number;
      errors: { code: string }[];
    }>();
    expect(problem).toMatchObject({ status: 'partial', eventsAppended: 1 });
    expect(problem.errors.map((e) => e.code)).toEqual(['PCS_INGEST_UNSTORABLE_TEXT', 'PCS_INGEST_UNSTORABLE_TEXT']);
    const letters = await platform.deadLetters.list({ inboxId: problem.inboxId });
    expect(letters.map((l) => l.pointer)).toEqual([
      expect.stringMatching(/^events\/1\/.*vesselName$/),
      expect.stringMatching(/^events\/2\/.*vesselName$/),
    ]);
    expect(await platform.events.count()).toBe(1);
  });

  it('should answer %00 in query strings and path parameters with 400 problem+json, never 500 or SQL text', async () => {
    const urls = [
      '/dead-letters?format=%00',
      '/events?equipmentReference=AB%00C',
      '/v2/events?equipmentReference=%00',
      '/v2/events?vesselIMONumber=%00',
      '/vessels/%00',
      '/containers/MSKU%00',
      '/ingest/formats?x=%00',
    ];
    for (const url of urls) {
      const res = await server.app.inject({ url, headers: admin });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).not.toMatch(/select|insert|invalid byte sequence|0x00/i);
    }
    const res = await server.app.inject({ url: '/dead-letters?format=%00', headers: admin });
    expect(res.json()).toMatchObject({ code: 'PCS_API_BAD_TEXT', errors: [{ pointer: '/query/format' }] });
  });

  it('should answer NUL in headers and JSON bodies with 400, and keep a NUL-bearing ingest body', async () => {
    const header = await server.app.inject({ url: '/events', headers: { ...auth, 'x-api-key': 'opcs_\0' } });
    expect(header.statusCode, header.body).toBe(400);
    // A credential with NUL is a malformed credential: 401, like any key that is not `Bearer opcs_…`.
    const key = await server.app.inject({ url: '/events', headers: { authorization: 'Bearer opcs_ab\0cd_x' } });
    expect(key.statusCode, key.body).toBe(401);
    const org = await server.app.inject({
      method: 'POST',
      url: '/admin/organisations',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'acme', name: 'ACME\u0000', role: 'trucker' }),
    });
    expect(org.statusCode, org.body).toBe(400);
    expect(org.json()).toMatchObject({ code: 'PCS_API_BAD_TEXT', errors: [{ pointer: '/body/name' }] });
    // The sender's user agent goes into the inbox metadata (jsonb): made storable, the message is kept.
    const ingest = await server.app.inject({
      method: 'POST',
      url: '/ingest/x12-315',
      payload: 'A\0B',
      headers: { ...auth, 'content-type': 'application/edi-x12', 'user-agent': 'edi\u00ffbot' },
    });
    expect(ingest.statusCode, ingest.body).toBe(422);
  });
});
