/**
 * Whether a box in the yard may be picked up, as `GET /containers/{id}` shows it (docs/cargo-tracking.md
 * "Available for pick-up"): holds and the terminal's availability statements (`csv-availability`) decide the
 * status together, and the answer says on whose word (`availabilitySource`). Only a terminal or the port authority
 * may state availability: another role's list is refused with 403 and nothing of it is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const BOX = 'EGHU9345670';
/** The story's discharge at YUSEN, USLAX (2026-03-16 07:45 local), of another box. */
const DISCHARGE = fixture('cargo-story/terminal-coarri-discharge.edi').toString('utf8').replaceAll('EGHU8300218', BOX);
const AVAILABILITY = 'container_number,terminal,port,available,customs_hold,freight_hold,other_hold,stated_at';

describe.each(ENGINES)('availability for pick-up on $name', (engine) => {
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
  const box = async () => {
    await platform.projections.catchUpAll();
    const res = await server.app.inject({ url: `/containers/${BOX}`, headers: { authorization: keys.get('pa')! } });
    expect(res.statusCode).toBe(200);
    return res.json<Record<string, unknown>>();
  };
  const inboxCount = async () =>
    Number(
      (
        await platform.database.db
          .selectFrom('inbox')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['yti', 'terminal'],
      ['eglv', 'carrier'],
      ['sbtl', 'trucker'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role, ['read', 'ingest'])).authorization);
    }
    await operates(platform, 'yti', ['YUSEN']); // Yusen Terminals operates its terminal
    expect((await post('yti', 'edifact-coarri', DISCHARGE)).statusCode).toBe(202);
  }, 180_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should refuse an availability list from a carrier or a trucker with 403 and store nothing of it', async () => {
    const before = await inboxCount();
    for (const org of ['eglv', 'sbtl']) {
      const res = await post(org, 'csv-availability', `${AVAILABILITY}\n${BOX},YUSEN,USLAX,Y,N,N,N,2026-03-16 12:00\n`);
      expect(res.statusCode, org).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code: 'PCS_INGEST_SENDER_ROLE',
        errors: [{ pointer: '/params/format' }],
      });
      expect(res.json().detail).toContain('terminal, port_authority');
    }
    expect(await inboxCount()).toBe(before);
    expect(await box()).toMatchObject({ status: 'AVAILABLE', availabilitySource: { kind: 'holds', holdsOpen: [] } });
  });

  it("should make the status follow the terminal's word and the holds, newest first, and say whose word it is", async () => {
    // Discharged, no hold, nobody has said otherwise.
    expect(await box()).toMatchObject({ status: 'AVAILABLE', available: true, holdsOpen: [] });

    // The terminal says not yet available (no hold listed: e.g. not yet grounded).
    const notYet = await post(
      'yti',
      'csv-availability',
      `${AVAILABILITY}\n${BOX},YUSEN,USLAX,N,N,N,N,2026-03-16 12:00\n`,
    );
    expect(notYet.statusCode).toBe(202);
    expect(await box()).toMatchObject({
      status: 'HELD',
      available: false,
      holdsOpen: [],
      availableSince: null,
      availabilitySource: {
        kind: 'terminal',
        terminal: 'YUSEN',
        statedBy: 'yti',
        statedAt: '2026-03-16T19:00:00.000Z',
        inboxId: String(notYet.json().inboxId),
        line: 2,
        holds: [],
      },
    });

    // Customs places a hold after the statement: the open hold blocks, on the holds' word.
    const holds = 'container_number,hold_type,action,timestamp,authority';
    expect((await post('pa', 'csv-holds', `${holds}\n${BOX},CUSTOMS,HOLD,2026-03-16 13:00,CBP\n`)).statusCode).toBe(
      202,
    );
    expect(await box()).toMatchObject({
      status: 'HELD',
      holdsOpen: ['CUSTOMS'],
      availabilitySource: { kind: 'holds', holdsOpen: ['CUSTOMS'] },
    });

    // Released after the terminal's statement: the newer fact wins, the box is available.
    expect((await post('pa', 'csv-holds', `${holds}\n${BOX},CUSTOMS,RELEASE,2026-03-16 15:00,CBP\n`)).statusCode).toBe(
      202,
    );
    expect(await box()).toMatchObject({
      status: 'AVAILABLE',
      available: true,
      availableSince: '2026-03-16T22:00:00.000Z',
      availabilitySource: { kind: 'holds', holdsOpen: [] },
    });

    // The terminal then lists a freight hold it knows of: not available, on the terminal's word.
    const freight = await post(
      'yti',
      'csv-availability',
      `${AVAILABILITY}\n${BOX},YUSEN,USLAX,N,N,HOLD,N,2026-03-16 16:00\n`,
    );
    expect(freight.statusCode).toBe(202);
    expect(await box()).toMatchObject({
      status: 'HELD',
      holdsOpen: [],
      availabilitySource: { kind: 'terminal', statedBy: 'yti', holds: ['FREIGHT'] },
    });

    // The port authority may state availability too; its newer statement stands.
    const cleared = await post(
      'pa',
      'csv-availability',
      `${AVAILABILITY}\n${BOX},YUSEN,USLAX,Y,N,RELEASED,N,2026-03-16 17:00\n`,
    );
    expect(cleared.statusCode).toBe(202);
    expect(await box()).toMatchObject({
      status: 'AVAILABLE',
      available: true,
      availabilitySource: { kind: 'terminal', statedBy: 'pa', statedAt: '2026-03-17T00:00:00.000Z', holds: [] },
    });
  });
});
