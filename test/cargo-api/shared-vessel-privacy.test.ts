/**
 * Two organisations reporting the SAME vessel: one organisation's private static data (name, IMO, call
 * sign, MMSI pairing) must not reach others through the registry, the MMSI history or detected calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey, operatesEveryTerminal } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { aisCsvOf, vesselOf } from './access-matrix-fixture.js';

/** The same track with every static column blanked (positions only). */
function positionsOnly(csv: string): string {
  const [header, ...rows] = csv.trim().split('\n');
  const blanked = rows.map((row) => {
    const f = row.split(',');
    for (const i of [7, 8, 9, 10, 12, 13, 14, 15]) f[i] = '';
    return f.join(',');
  });
  return [header, ...blanked, ''].join('\n');
}

describe.each(ENGINES)('one vessel, several reporters, on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const auth: Record<string, string> = {};
  const secret = { ...vesselOf(60), name: 'SECRET SIXTY', callSign: 'SX60' };
  const twinMmsi = '366900061'; // b reports the secret IMO under another MMSI

  const ingest = async (org: string, csv: string, visibility: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/ais-csv-marinecadastre?visibility=${visibility}`,
      headers: { authorization: auth[org]!, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(202);
  };
  const get = (org: string, url: string) => server.app.inject({ url, headers: { authorization: auth[org]! } });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    auth['a'] = (await orgWithKey(platform, 'carrier-a', 'carrier')).authorization;
    auth['b'] = (await orgWithKey(platform, 'terminal-b', 'terminal')).authorization;
    await operatesEveryTerminal(platform, 'terminal-b');
    auth['c'] = (await orgWithKey(platform, 'bco-c', 'bco')).authorization;
    // a's private static report comes from far out at sea, before the call: it names the vessel only.
    const farOut = aisCsvOf(secret).trim().split('\n').slice(0, 2);
    farOut[1] = farOut[1]!.replace(/^(\d+),[^,]+,[^,]+,[^,]+,/, `$1,2026-03-17T06:00:00,30.0,-125.0,`);
    await ingest('a', [...farOut, ''].join('\n'), 'private');
    await ingest('b', positionsOnly(aisCsvOf(secret)), 'community');
    await ingest('b', aisCsvOf({ ...secret, mmsi: twinMmsi, name: 'TWIN', callSign: 'TW61' }), 'private');
    await platform.projections.catchUpAll();
  }, 60_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should keep a private MMSI out of another organisation’s MMSI history', async () => {
    const res = await get('b', `/vessels/${twinMmsi}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(secret.mmsi);
    expect((await get('a', `/vessels/${secret.mmsi}`)).body).not.toContain(twinMmsi);
  });

  it('should detect the call from community positions without the private name, IMO or call sign', async () => {
    const calls = await get('c', '/vessel-calls?limit=100');
    expect(calls.statusCode, calls.body).toBe(200);
    expect(calls.body).toContain(secret.mmsi); // b's community call is there…
    for (const token of [secret.name, secret.imo, secret.callSign]) expect(calls.body).not.toContain(token);
    const events = await get('c', '/events?eventType=TRANSPORT&limit=1000');
    for (const token of [secret.name, secret.imo, secret.callSign]) expect(events.body).not.toContain(token);
  });

  it('should start the registry row afresh when a newer report is for another audience', async () => {
    const newer = [
      'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass',
      `${secret.mmsi},2026-04-01T00:00:00,33.5,-118.5,0.0,0.0,511,PUBLIC NAME,,,,0,,,,,A`,
      '',
    ].join('\n');
    await ingest('b', newer, 'community');
    await platform.projections.catchUpAll();
    const seen = await get('c', `/vessels/${secret.mmsi}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ name: 'PUBLIC NAME', imo: null, callSign: null });
    const byImo = await get('c', `/vessels/${secret.imo}`);
    expect(byImo.statusCode, byImo.body).toBe(404);
  });
});
