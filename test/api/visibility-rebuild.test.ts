/**
 * A sender hides (and shows again) what it sent after it was ingested: every read model fed by the message's event
 * codes follows in the answer of the PATCH itself (`projections/projections-fed-by.ts`), not only the vessel models.
 * The terminal feeds (appointment slots, empty-return receivables, notices) copy visibility into their rows like the
 * vessel models do; before each projection declared its source codes, they kept serving a hidden statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { aisCsvOf, vesselOf } from '../cargo-api/access-matrix-fixture.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const SLOTS = 'terminal,port,transaction_type,slot_start,slot_end,capacity,booked,stated_at';
const RETURNS = 'location,port,carrier_scac,iso_type,accepting,remaining_capacity,stated_at';
const NOTICES = 'notice_id,notice_type,terminal,port,carrier_scac,iso_type,valid_from,valid_to,status,text,stated_at';
const AT = encodeURIComponent('2026-03-02T09:30:00-08:00');

interface EmptyReturns {
  locations: { location: string; nextSlot: { slotStart: string } | null; notices: { noticeId: string }[] }[];
}

describe.each(ENGINES)('read models follow a change of visibility on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const auth: Record<string, string> = {};
  const inbox: Record<string, string> = {};

  const post = async (org: string, format: string, body: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/${format}`,
      payload: body,
      headers: { authorization: auth[org]!, 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(202);
    return String(res.json<{ inboxId: string }>().inboxId);
  };
  const get = (org: string, url: string) => server.app.inject({ url, headers: { authorization: auth[org]! } });
  const setVisibility = async (org: string, label: string, visibility: string) => {
    const res = await server.app.inject({
      method: 'PATCH',
      url: `/inbox/${inbox[label]!}`,
      headers: { authorization: auth[org]!, 'content-type': 'application/json' },
      payload: { visibility },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** What the trucker is told about empty MAEU 45G1 returns (read without catching up: the PATCH rebuilt). */
  const returns = async () => {
    const res = await get('sbtl', `/empty-returns?scac=MAEU&isoType=45G1&at=${AT}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<EmptyReturns>().locations;
  };
  const slots = async () => {
    const res = await get('sbtl', `/appointments/availability?terminal=WBCT&from=${AT}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ slots: { slotStart: string }[] }>().slots;
  };
  const notices = async () => {
    const res = await get('sbtl', '/notices?terminal=WBCT');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ notices: { noticeId: string }[] }>().notices.map((n) => n.noticeId);
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    for (const [org, role] of [
      ['wbct', 'terminal'],
      ['carrier-a', 'carrier'],
      ['sbtl', 'trucker'],
      ['bco-c', 'bco'],
    ] as const) {
      auth[org] = (await orgWithKey(platform, org, role, ['read', 'ingest'])).authorization;
    }
    await operates(platform, 'wbct', ['WBCT']);
    // The feeds default to community visibility (format-senders.ts): every member sees them.
    inbox['slots'] = await post(
      'wbct',
      'csv-appointment-slots',
      `${SLOTS}\nWBCT,USLAX,EMPTY_RETURN,2026-03-02T10:00:00-08:00,2026-03-02T11:00:00-08:00,10,4,2026-03-02T08:05:00-08:00\n`,
    );
    inbox['returns'] = await post(
      'wbct',
      'csv-empty-returns',
      `${RETURNS}\nWBCT,USLAX,MAEU,45G1,Y,12,2026-03-02T08:00:00-08:00\n`,
    );
    inbox['notices'] = await post(
      'wbct',
      'csv-terminal-notices',
      `${NOTICES}\nWB-GATE,RESTRICTION,WBCT,USLAX,,,2026-03-02T06:00:00-08:00,2026-03-02T20:00:00-08:00,ACTIVE,Lane 3 closed,2026-03-02T05:50:00-08:00\n`,
    );
    inbox['ais'] = await post('carrier-a', 'ais-csv-marinecadastre', aisCsvOf(vesselOf(41)));
    await setVisibility('carrier-a', 'ais', 'community');
    await platform.projections.catchUpAll();
  }, 180_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should show the trucker the terminal feeds while they are community data', async () => {
    expect(await returns()).toMatchObject([
      { location: 'WBCT', nextSlot: { slotStart: '2026-03-02T18:00:00.000Z' }, notices: [{ noticeId: 'WB-GATE' }] },
    ]);
    expect(await slots()).toHaveLength(1);
    expect(await notices()).toEqual(['WB-GATE']);
  });

  it('should take a hidden slots message out of the trucker answers at once, and put it back when shown again', async () => {
    await setVisibility('wbct', 'slots', 'private');
    expect(await slots()).toEqual([]);
    expect((await returns())[0]).toMatchObject({ location: 'WBCT', nextSlot: null });
    // The terminal still sees its own statement.
    const own = await get('wbct', `/appointments/availability?terminal=WBCT&from=${AT}`);
    expect(own.json<{ slots: unknown[] }>().slots).toHaveLength(1);

    await setVisibility('wbct', 'slots', 'community');
    expect(await slots()).toHaveLength(1);
    expect((await returns())[0]).toMatchObject({ nextSlot: { slotStart: '2026-03-02T18:00:00.000Z' } });
  });

  it('should take a hidden empty-return statement and a hidden notice out of the trucker answers, and back', async () => {
    await setVisibility('wbct', 'returns', 'private');
    await setVisibility('wbct', 'notices', 'private');
    expect(await returns()).toEqual([]);
    expect(await notices()).toEqual([]);

    await setVisibility('wbct', 'returns', 'community');
    await setVisibility('wbct', 'notices', 'community');
    expect(await returns()).toMatchObject([{ location: 'WBCT', notices: [{ noticeId: 'WB-GATE' }] }]);
    expect(await notices()).toEqual(['WB-GATE']);
  });

  it('should take a hidden AIS file out of the vessel answers of another member, and back', async () => {
    const vessel = vesselOf(41);
    const seen = async () => {
      const res = await get('bco-c', `/vessels/${vessel.mmsi}`);
      return res.statusCode === 200 ? res.json<{ name: string; position: unknown }>() : res.statusCode;
    };
    expect(await seen()).toMatchObject({ name: vessel.name, position: { lat: expect.any(Number) } });

    await setVisibility('carrier-a', 'ais', 'private');
    expect(await seen()).toBe(404);
    expect((await get('carrier-a', `/vessels/${vessel.mmsi}`)).statusCode).toBe(200);

    await setVisibility('carrier-a', 'ais', 'community');
    expect(await seen()).toMatchObject({ name: vessel.name, position: { lat: expect.any(Number) } });
  });
});
