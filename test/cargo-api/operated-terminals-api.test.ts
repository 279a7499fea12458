/**
 * A terminal speaks only for the terminals it operates (access/operated-terminals.ts, migration 0017): the port
 * authority links each terminal organisation to its SMDG codes (`PUT /admin/organisations/{id}/terminals`), and a
 * fact a terminal states at another terminal — an availability row, a stated last free day, a discharge, an X12
 * ramp move — is rejected row by row to the dead letter (`PCS_INGEST_TERMINAL_NOT_OPERATED`) while the rest of
 * the message is stored. Terminal A is Yusen (YUSEN, organisation `yti`), terminal B is APM Terminals (APMT,
 * organisation `apmt`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const BOX = 'EGHU8300218';
const APMT_BOX = 'EGHU9345670';
/** The story's discharge of BOX at YUSEN, USLAX (2026-03-16 07:45 local). */
const DISCHARGE = fixture('cargo-story/terminal-coarri-discharge.edi').toString('utf8');
const AVAILABILITY =
  'container_number,terminal,port,available,customs_hold,freight_hold,other_hold,last_free_day,stated_at';
/** The first interchange of the X12 322 fixture: a gate-in at WEST BASIN CONTAINER TERMINAL, a ramp move at ICTF. */
const RAMP_322 = fixture('x12/322-terminal-ramp.edi')
  .toString('utf8')
  .split(/(?<=IEA\*1\*000000055~)/)[0]!;

describe.each(ENGINES)('terminals speak only for the terminals they operate on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const post = (org: string, format: string, body: string) =>
    server.app.inject({
      method: 'POST',
      url: `/ingest/${format}?timeZone=America/Los_Angeles`,
      payload: body,
      headers: { authorization: keys.get(org)!, 'content-type': 'text/plain' },
    });
  const link = (by: string, orgId: string, body: unknown, query = '') =>
    server.app.inject({
      method: 'PUT',
      url: `/admin/organisations/${orgId}/terminals${query}`,
      payload: body as Record<string, unknown>,
      headers: { authorization: keys.get(by)! },
    });
  const linked = (by: string, orgId: string) =>
    server.app.inject({ url: `/admin/organisations/${orgId}/terminals`, headers: { authorization: keys.get(by)! } });
  const box = async (reference: string) => {
    await platform.projections.catchUpAll();
    const res = await server.app.inject({
      url: `/containers/${reference}`,
      headers: { authorization: keys.get('pa')! },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Record<string, unknown>>();
  };
  const availability = (rows: readonly string[]) => [AVAILABILITY, ...rows, ''].join('\n');

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['yti', 'terminal'],
      ['apmt', 'terminal'],
      ['newterm', 'terminal'],
      ['eglv', 'carrier'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role, ['read', 'ingest', 'admin'])).authorization);
    }
    // The port authority links each terminal organisation to the terminal it operates, over the admin API.
    for (const [org, code] of [
      ['yti', 'YUSEN'],
      ['apmt', 'APMT'],
    ] as const) {
      const res = await link('pa', org, { terminals: [code] });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await post('yti', 'edifact-coarri', DISCHARGE)).statusCode).toBe(202);
  }, 180_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should answer the links with the registry names, and audit who set them', async () => {
    const res = await linked('pa', 'yti');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      orgId: 'yti',
      terminals: [
        {
          code: 'YUSEN',
          name: expect.stringContaining('Yusen'),
          port: 'USLAX',
          linkedBy: expect.stringMatching(/^pa\//),
        },
      ],
    });
    // The terminal's own admin may read its links.
    expect((await linked('apmt', 'apmt')).json()).toMatchObject({ terminals: [{ code: 'APMT' }] });
    const audit = await platform.audit.list({ action: 'organisation.terminals' });
    expect(audit.map((a) => [a.org_id, a.resource, a.detail])).toEqual(
      expect.arrayContaining([
        ['pa', '/admin/organisations/yti/terminals', { terminals: ['YUSEN'] }],
        ['pa', '/admin/organisations/apmt/terminals', { terminals: ['APMT'] }],
      ]),
    );
  });

  it("should reject terminal B's availability row for terminal A's box, store B's own row, and keep A's statement", async () => {
    const stated = await post(
      'yti',
      'csv-availability',
      availability([`${BOX},YUSEN,USLAX,N,HOLD,N,N,2026-03-19,2026-03-16 12:00`]),
    );
    expect(stated.statusCode).toBe(202);
    expect(stated.json()).toMatchObject({ status: 'processed', eventsAppended: 1 });

    // B, later, says A's box is available with a later last free day: that row is refused, B's own row stored.
    const b = await post(
      'apmt',
      'csv-availability',
      availability([
        `${APMT_BOX},APMT,USLAX,Y,N,N,N,2026-03-21,2026-03-16 14:00`,
        `${BOX},YUSEN,USLAX,Y,N,N,N,2026-03-30,2026-03-16 14:00`,
      ]),
    );
    expect(b.statusCode, b.body).toBe(207);
    expect(b.json()).toMatchObject({
      status: 'partial',
      eventsAppended: 1,
      rejected: 1,
      rejectedByCode: { PCS_INGEST_TERMINAL_NOT_OPERATED: 1 },
      errors: [
        {
          code: 'PCS_INGEST_TERMINAL_NOT_OPERATED',
          pointer: '/body/lines/3/terminal',
          line: 3,
          detail: expect.stringContaining(`AVLB for ${BOX} at terminal YUSEN: organisation apmt operates APMT only`),
        },
      ],
    });
    expect(b.json().deadLetters).toMatchObject([
      { code: 'PCS_INGEST_TERMINAL_NOT_OPERATED', line: 3, pointer: 'terminal' },
    ]);

    // A's statement stands: not available, A's last free day, on A's word.
    expect(await box(BOX)).toMatchObject({
      available: false,
      lastFreeDay: '2026-03-19',
      lastFreeDaySource: { kind: 'terminal', terminal: 'YUSEN', statedBy: 'yti' },
      availabilitySource: { kind: 'terminal', terminal: 'YUSEN', statedBy: 'yti' },
    });
    // B's own statement about its own box was stored.
    const events = await server.app.inject({
      url: `/events?equipmentReference=${APMT_BOX}`,
      headers: { authorization: keys.get('apmt')! },
    });
    expect(events.json<{ events: { eventTypeCode: string; sourceOrg: string }[] }>().events).toEqual([
      expect.objectContaining({ eventTypeCode: 'AVLB', sourceOrg: 'apmt' }),
    ]);
  });

  it("should reject B's discharge at A's terminal (EDIFACT) and B's ramp move named by A's terminal name (X12 322)", async () => {
    const coarri = await post('apmt', 'edifact-coarri', DISCHARGE.replaceAll('YTI0316001', 'APM0316001'));
    expect(coarri.statusCode, coarri.body).toBe(422);
    expect(coarri.json()).toMatchObject({
      code: 'PCS_INGEST_REJECTED',
      rejectedByCode: { PCS_INGEST_TERMINAL_NOT_OPERATED: 1 },
      errors: [{ pointer: '/body/LOC', detail: expect.stringContaining('DISC for EGHU8300218 at terminal YUSEN') }],
    });
    // X12 R4 names the terminal by name only (WEST BASIN CONTAINER TERMINAL = WBCT); the ICTF ramp is no terminal.
    const x12 = await post('apmt', 'x12-322', RAMP_322);
    expect(x12.statusCode, x12.body).toBe(207);
    expect(x12.json()).toMatchObject({
      status: 'partial',
      rejected: 1,
      rejectedByCode: { PCS_INGEST_TERMINAL_NOT_OPERATED: 1 },
      errors: [{ pointer: '/body/R4', detail: expect.stringContaining('at terminal WBCT (message 0001)') }],
    });
  });

  it('should let the port authority state for any terminal', async () => {
    const res = await post(
      'pa',
      'csv-availability',
      availability([
        `${APMT_BOX},APMT,USLAX,Y,N,N,N,2026-03-22,2026-03-16 15:00`,
        `${BOX},YUSEN,USLAX,N,HOLD,N,N,2026-03-20,2026-03-16 15:00`,
      ]),
    );
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'processed', eventsAppended: 2, rejected: 0 });
    expect(await box(BOX)).toMatchObject({ lastFreeDay: '2026-03-20', lastFreeDaySource: { statedBy: 'pa' } });
  });

  it('should refuse every terminal fact of a terminal organisation with no link, with a hint to have it linked', async () => {
    const res = await post(
      'newterm',
      'csv-availability',
      availability([`${BOX},YUSEN,USLAX,Y,N,N,N,2026-03-30,2026-03-16 16:00`]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({
      code: 'PCS_INGEST_TERMINAL_NOT_OPERATED',
      detail: expect.stringContaining('is linked to no terminal'),
    });
    expect(res.json().errors[0].detail).toContain('PUT /admin/organisations/newterm/terminals');
  });

  it('should apply a link change from the next message on', async () => {
    const row = (at: string) => availability([`${BOX},YUSEN,USLAX,Y,N,N,N,2026-03-25,${at}`]);
    expect((await post('apmt', 'csv-availability', row('2026-03-16 17:00'))).statusCode).toBe(422);

    // YUSEN changes hands: the port authority links apmt to it as well.
    const res = await link('pa', 'apmt', { terminals: ['APMT', 'YUSEN'] });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ terminals: { code: string }[] }>().terminals.map((t) => t.code)).toEqual(['APMT', 'YUSEN']);
    const now = await post('apmt', 'csv-availability', row('2026-03-16 18:00'));
    expect(now.statusCode, now.body).toBe(202);
    expect(await box(BOX)).toMatchObject({
      available: true,
      lastFreeDay: '2026-03-25',
      lastFreeDaySource: { kind: 'terminal', statedBy: 'apmt', terminal: 'YUSEN' },
    });

    // And unlinks it again: the next message is refused.
    expect((await link('pa', 'apmt', { terminals: ['APMT'] })).statusCode).toBe(200);
    expect((await post('apmt', 'csv-availability', row('2026-03-16 19:00'))).statusCode).toBe(422);
  });

  it("should refuse an admin of another organisation (a terminal linking itself to another's code: 403)", async () => {
    for (const org of ['apmt', 'eglv']) {
      const res = await link(org, 'apmt', { terminals: ['APMT', 'YUSEN'] });
      expect(res.statusCode, org).toBe(403);
      expect(res.json()).toMatchObject({ code: 'PCS_ADMIN_TERMINALS_PORT_AUTHORITY' });
    }
    // Another organisation's links are not the caller's to read, whether or not the organisation exists.
    for (const target of ['yti', 'no-such-org']) {
      const res = await linked('apmt', target);
      expect(res.statusCode, target).toBe(403);
      expect(res.json()).toMatchObject({ code: 'PCS_ADMIN_OTHER_ORG', errors: [{ pointer: '/params/id' }] });
    }
    expect((await linked('pa', 'apmt')).json<{ terminals: { code: string }[] }>().terminals.map((t) => t.code)).toEqual(
      ['APMT'],
    );
  });

  it('should answer bad links with 4xx and a pointer, never store them', async () => {
    const cases: [string, unknown, number, string, string][] = [
      ['apmt', { terminals: ['APMT', 'NOPE'] }, 400, 'PCS_ADMIN_UNKNOWN_TERMINAL', '/body/terminals/1'],
      ['apmt', { terminals: 'APMT' }, 400, 'PCS_API_VALIDATION', '/body/terminals'],
      ['apmt', { terminals: ['apmt'] }, 400, 'PCS_API_VALIDATION', '/body/terminals/0'],
      ['apmt', { terminals: ['APMT'], extra: true }, 400, 'PCS_API_UNKNOWN_PARAMETER', '/body/extra'],
      ['eglv', { terminals: ['APMT'] }, 409, 'PCS_ADMIN_NOT_A_TERMINAL', '/params/id'],
      ['no-such-org', { terminals: ['APMT'] }, 404, 'PCS_ADMIN_ORG_NOT_FOUND', '/params/id'],
    ];
    for (const [org, body, status, code, pointer] of cases) {
      const res = await link('pa', org, body);
      expect(res.statusCode, `${org} ${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.json(), JSON.stringify(body)).toMatchObject({
        code,
        errors: expect.arrayContaining([expect.objectContaining({ pointer })]),
      });
    }
    const unknownParameter = await link('pa', 'apmt', { terminals: ['APMT'] }, '?force=1');
    expect(unknownParameter.statusCode).toBe(400);
    expect((await linked('pa', 'apmt')).json<{ terminals: { code: string }[] }>().terminals.map((t) => t.code)).toEqual(
      ['APMT'],
    );
    // An empty list clears the links (of any organisation).
    expect((await link('pa', 'eglv', { terminals: [] })).statusCode).toBe(200);
  });
});
