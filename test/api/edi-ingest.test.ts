/**
 * EDI over the ingest API, on both engines: X12 envelope errors reject the whole interchange (nothing stored,
 * dead letters name the element and control number), and every X12 message has its 997 at GET /inbox/{id}/ack.
 *
 * Fixture: test/fixtures/x12/315-discharge-release-outgate.edi, written from ASC X12 004010 315 and the X12.5
 * envelope rules: the ISA is 106 characters, every element at its fixed width (ISA06 sender id: 15).
 */
import { readFileSync } from 'node:fs';
import { LOCAL_OPERATOR } from '../../src/access/access-scope.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { build997 } from '../../src/ingest/x12/x12-997-builder.js';
import { parseX12 } from '../../src/ingest/x12/x12-envelope.js';
import { orgWithKey, operatesEveryTerminal } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const x12 = readFileSync(new URL('../fixtures/x12/315-discharge-release-outgate.edi', import.meta.url), 'utf8');
// CODECO D.95B gate-in report: DTM+7:202403010645:203 — format 203 CCYYMMDDHHMM carries no zone (UNTDID 2379),
// at LOC+165 USLAX (a Los Angeles terminal, WBCT).
const codeco = readFileSync(new URL('../fixtures/edifact/codeco-gate-in-out.edi', import.meta.url), 'utf8');

describe.each(ENGINES)('EDI ingest on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 1000 });
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  const post = (authorization: string, format: string, body: string, query = '') =>
    server.app.inject({
      method: 'POST',
      url: `/ingest/${format}${query}`,
      payload: body,
      headers: { 'content-type': 'application/edi-x12', authorization },
    });
  const eventCount = async () => (await platform.events.read('0', 1000, { visibleTo: LOCAL_OPERATOR })).events.length;

  it('should reject an interchange whose ISA is not 106 characters: 422, no event stored, dead letters say why', async () => {
    const maersk = await orgWithKey(platform, 'maeu', 'carrier');
    const short = x12.replace('*02*MAEU           *', '*02*MAEU*'); // ISA06 not padded to 15
    const res = await post(maersk.authorization, 'x12-315', short);
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('PCS_INGEST_REJECTED');
    expect(problem.eventsAppended).toBe(0);
    expect(problem.errors.map((e: { code: string }) => e.code)).toEqual([
      'PCS_X12_ISA_LENGTH',
      'PCS_X12_INTERCHANGE_REJECTED',
    ]);
    expect(problem.errors[0].detail).toMatch(/ISA13 000000101.*ISA06 "MAEU".*must be 15.*TA1 note 006/);
    expect(await eventCount()).toBe(0);
    const letters = await platform.deadLetters.list({ inboxId: problem.inboxId, status: 'open' });
    expect(letters.map((l) => [l.error_code, l.pointer])).toEqual([
      ['PCS_X12_ISA_LENGTH', 'ISA06'],
      ['PCS_X12_INTERCHANGE_REJECTED', 'ISA06'],
    ]);
    expect((await platform.inbox.get(problem.inboxId))?.status).toBe('failed');

    // Its 997 says nothing was accepted.
    const ack = await server.app.inject({
      url: `/inbox/${problem.inboxId}/ack`,
      headers: { authorization: maersk.authorization },
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.body).toContain('AK9*R*3*3*0~');
  });

  it('should reject the interchange when IEA02 does not match ISA13, storing none of its transaction sets', async () => {
    const maersk = await orgWithKey(platform, 'maeu', 'carrier');
    const res = await post(maersk.authorization, 'x12-315', x12.replace('IEA*1*000000101~', 'IEA*1*000000102~'));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({
      code: 'PCS_X12_IEA_CONTROL_MISMATCH',
      pointer: '/body/lines/26/IEA02',
    });
    expect(await eventCount()).toBe(0);
  });

  it('should answer a sound X12 message with a 997 that accepts every set, and refuse a 997 for other formats', async () => {
    const maersk = await orgWithKey(platform, 'maeu', 'carrier');
    const res = await post(maersk.authorization, 'x12-315', x12);
    expect(res.statusCode).toBe(202);
    const ack = await server.app.inject({
      url: `/inbox/${res.json().inboxId}/ack`,
      headers: { authorization: maersk.authorization },
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.headers['content-type']).toMatch(/application\/edi-x12/);
    expect(ack.body).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*OPENPCS {8}\*02\*MAEU {11}\*/);
    expect(ack.body).toContain('AK1*QO*101~');
    expect(ack.body).toContain('AK9*A*3*3*3~');
    const again = await server.app.inject({
      url: `/inbox/${res.json().inboxId}/ack`,
      headers: { authorization: maersk.authorization },
    });
    expect(again.body).toBe(ack.body);

    const csv = await server.app.inject({
      method: 'POST',
      url: '/ingest/csv-vessel-schedule',
      payload: 'vessel_imo,voyage,port,eta\n9321483,V1,USLAX,2026-12-01T06:00:00Z\n',
      headers: { 'content-type': 'text/csv', authorization: maersk.authorization },
    });
    const none = await server.app.inject({
      url: `/inbox/${csv.json().inboxId}/ack`,
      headers: { authorization: maersk.authorization },
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('PCS_INGEST_NO_ACK');
  });

  it('should acknowledge every interchange and group of a message, as the whole-document builder does', async () => {
    const maersk = await orgWithKey(platform, 'maeu', 'carrier');
    const groups = readFileSync(new URL('../fixtures/x12/997-groups.edi', import.meta.url), 'utf8');
    const res = await post(maersk.authorization, 'x12-322', groups);
    expect(res.statusCode).toBe(207); // the first interchange has a GE count error: rejected whole
    const inboxId = String(res.json().inboxId);
    const ack = await server.app.inject({
      url: `/inbox/${inboxId}/ack`,
      headers: { authorization: maersk.authorization },
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.headers['content-type']).toMatch(/application\/edi-x12/);
    const row = await platform.inbox.get(inboxId);
    const base = Number(BigInt(inboxId) % 99_999_999n) * 10;
    const expected = parseX12(groups)
      .interchanges.map((ic, i) =>
        build997(ic, {
          interchangeControlNumber: base + i + 1,
          groupControlNumber: base + i + 1,
          now: row!.processed_at ?? row!.received_at,
          lineBreak: '\n',
        }),
      )
      .join('');
    expect(ack.body).toBe(expected);
    expect(ack.body.match(/^ST\*997\*/gm)).toHaveLength(4);
  });

  describe('per-organisation settings per format', () => {
    const put = (authorization: string, org: string, format: string, body: Record<string, unknown>) =>
      server.app.inject({
        method: 'PUT',
        url: `/admin/organisations/${org}/formats/${format}`,
        payload: body,
        headers: { authorization },
      });
    const postCodeco = (authorization: string, query = '') =>
      server.app.inject({
        method: 'POST',
        url: `/ingest/edifact-codeco${query}`,
        payload: codeco,
        headers: { 'content-type': 'application/edifact', authorization },
      });
    const gateIn = async () =>
      (await platform.events.read('0', 1000, { visibleTo: LOCAL_OPERATOR })).events.find(
        (e) => e.references?.equipmentReference === 'TCLU9988775',
      )?.eventDateTime;

    it("should read a zone-less DTM 203 in the sender's configured zone (UTC), not the port's (Los Angeles)", async () => {
      const wbct = await orgWithKey(platform, 'wbct', 'terminal', ['read', 'ingest', 'admin']);
      await operatesEveryTerminal(platform, 'wbct');
      const set = await put(wbct.authorization, 'wbct', 'edifact-codeco', { timeZone: 'UTC', visibility: 'community' });
      expect(set.statusCode).toBe(200);
      expect(set.json()).toMatchObject({
        orgId: 'wbct',
        format: 'edifact-codeco',
        timeZone: 'UTC',
        visibility: 'community',
      });
      const res = await postCodeco(wbct.authorization);
      expect(res.statusCode).toBe(207); // partly stored: the fixture holds one container with a bad check digit
      expect(await gateIn()).toBe('2024-03-01T06:45:00.000Z');
      const row = await platform.inbox.get(res.json().inboxId);
      expect(row).toMatchObject({ time_zone: 'UTC', time_zone_source: 'organisation', visibility: 'community' });
      // A replay reads it the same way: the zone and where it came from are on the inbox row.
      await platform.pipeline.replay([res.json().inboxId]);
      expect(await gateIn()).toBe('2024-03-01T06:45:00.000Z');
    });

    it('should let an explicit ?timeZone= win over the organisation setting', async () => {
      const wbct = await orgWithKey(platform, 'wbct', 'terminal', ['read', 'ingest', 'admin']);
      await operatesEveryTerminal(platform, 'wbct');
      expect((await put(wbct.authorization, 'wbct', 'edifact-codeco', { timeZone: 'UTC' })).statusCode).toBe(200);
      const res = await postCodeco(wbct.authorization, '?timeZone=Asia/Tokyo');
      expect(res.statusCode).toBe(207);
      expect(await gateIn()).toBe('2024-02-29T21:45:00.000Z'); // 06:45 in Tokyo
      expect(await platform.inbox.get(res.json().inboxId)).toMatchObject({ time_zone_source: 'request' });
    });

    it("should keep the port's local time when nobody stated a zone", async () => {
      const wbct = await orgWithKey(platform, 'wbct', 'terminal', ['read', 'ingest', 'admin']);
      await operatesEveryTerminal(platform, 'wbct');
      await postCodeco(wbct.authorization);
      expect(await gateIn()).toBe('2024-03-01T14:45:00.000Z'); // 06:45 PST
    });

    it("should let only the organisation's admins or the port authority change its settings, validated", async () => {
      const wbct = await orgWithKey(platform, 'wbct', 'terminal', ['read', 'ingest', 'admin']);
      await operatesEveryTerminal(platform, 'wbct');
      const maersk = await orgWithKey(platform, 'maeu', 'carrier', ['read', 'ingest', 'admin']);
      const pola = await orgWithKey(platform, 'pola', 'port_authority', ['read', 'admin']);
      const reader = await orgWithKey(platform, 'wbct', 'terminal', ['read', 'ingest']);
      const forbidden = await put(maersk.authorization, 'wbct', 'edifact-codeco', { timeZone: 'UTC' });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json()).toMatchObject({ code: 'PCS_ADMIN_OTHER_ORG' });
      expect((await put(reader.authorization, 'wbct', 'edifact-codeco', { timeZone: 'UTC' })).statusCode).toBe(403);
      expect((await put(pola.authorization, 'wbct', 'x12-315', { timeZone: 'America/New_York' })).statusCode).toBe(200);
      const badZone = await put(wbct.authorization, 'wbct', 'x12-315', { timeZone: 'Pacific/Atlantis' });
      expect(badZone.statusCode).toBe(400);
      expect(badZone.json()).toMatchObject({ code: 'PCS_ADMIN_BAD_TIMEZONE', errors: [{ pointer: '/body/timeZone' }] });
      const badFormat = await put(wbct.authorization, 'wbct', 'x12-999', { timeZone: 'UTC' });
      expect(badFormat.statusCode).toBe(404);
      expect(badFormat.json()).toMatchObject({
        code: 'PCS_ADMIN_UNKNOWN_FORMAT',
        errors: [{ pointer: '/params/format' }],
      });
      const read = await server.app.inject({
        url: '/admin/organisations/wbct/formats/x12-315',
        headers: { authorization: wbct.authorization },
      });
      expect(read.json()).toMatchObject({
        timeZone: 'America/New_York',
        visibility: null,
        updatedBy: expect.stringMatching(/^pola\//),
      });
    });
  });
});
