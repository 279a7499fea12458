import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { audienceKey } from '../../src/projections/vessels/audience.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const MMSI = '477000001';
const IMO = '9811000';
const CALL = `${MMSI}:2026-03-10T12:00`;
const AT = (iso: string): Date => new Date(iso);

/**
 * The read models as the projections leave them for one container ship: AIS call (arrived 12:00, anchored 14:00,
 * waited 10 h, berthed, left 2 days later), its static data and the 2 h track before anchoring (30 nm straight
 * south-east at 15 kn), and the carrier's schedule naming its previous call at Shanghai. A private call of another
 * organisation must stay out of the member's figures.
 */
async function seed(platform: Platform): Promise<void> {
  const db = platform.database.db;
  const community = { visibility: 'community', owner_orgs: ['local'], audience: audienceKey('community', ['local']) };
  const call = {
    mmsi: MMSI,
    imo: IMO,
    vessel_name: 'TEST SHIP',
    port: 'USLAX',
    status: 'departed',
    ata: AT('2026-03-10T12:00:00Z'),
    ata_anchorage: AT('2026-03-10T14:00:00Z'),
    anchorage: 'lalb-anchorage',
    time_at_anchor_min: 600,
    berth: 'pola-wbct',
    atb: AT('2026-03-11T01:00:00Z'),
    atd: AT('2026-03-12T10:00:00Z'),
    atd_port: AT('2026-03-12T12:00:00Z'),
    draught_in_m: 14,
    draught_out_m: 13,
  };
  await db
    .insertInto('vessel_call')
    .values([
      { ...call, ...community, call_id: CALL },
      {
        ...call,
        call_id: '477000002:2026-03-11T12:00',
        mmsi: '477000002',
        imo: '9811001',
        visibility: 'private',
        owner_orgs: ['other'],
        audience: audienceKey('private', ['other']),
      },
    ])
    .execute();
  await db
    .insertInto('vessel')
    .values({
      mmsi: MMSI,
      ...community,
      imo: IMO,
      name: 'TEST SHIP',
      call_sign: null,
      ship_type: 71,
      length_m: 349,
      beam_m: 45,
      draught_m: 14,
      destination: 'SE GOT',
      static_at: AT('2026-03-12T12:00:00Z'),
      last_event_seq: '1',
    })
    .execute();
  // 2 h at 15 kn before anchoring, one point every 10 minutes: 2.5 nm (2.5 / 60 degrees of latitude) apart.
  const points = Array.from({ length: 13 }, (_, i) => {
    const t = new Date(Date.parse('2026-03-10T12:00:00Z') + i * 600_000);
    return {
      mmsi: MMSI,
      ...community,
      minute: t,
      observed_at: t,
      lat: 33.9 - (i * 2.5) / 60,
      lon: -118.5,
      sog_kn: 15,
      cog_deg: 180,
      heading_deg: 180,
      nav_status: 0,
    };
  });
  await db.insertInto('vessel_track').values(points).execute();
  await db
    .insertInto('vessel_schedule')
    .values({
      call_key: `${IMO}:V1:CNSHA`,
      source_org: 'maersk',
      vessel_imo_number: IMO,
      vessel_name: 'TEST SHIP',
      carrier_code: 'MAEU',
      carrier_voyage_number: 'V1',
      un_location_code: 'CNSHA',
      terminal_code: null,
      eta: null,
      etb: null,
      etd: null,
      ata: AT('2026-02-20T00:00:00Z'),
      atb: null,
      // 5,700 nm to 2026-03-10T12:00Z at 16 kn = 356.25 h earlier.
      atd: AT('2026-02-23T15:45:00Z'),
      last_event_seq: '1',
      updated_at: AT('2026-02-23T16:00:00Z'),
    })
    .execute();
}

describe.each(ENGINES)('green corridors and just-in-time API on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let member: { authorization: string };
  const get = (url: string, headers: Record<string, string> = member) =>
    server.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    member = await orgWithKey(platform, 'carrier', 'carrier');
    await seed(platform);
  });
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should list the seven corridors with the voyages of the calls the caller may see', async () => {
    const res = await get('/corridors');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.source).toContain('green-corridor');
    expect(body.asOf).toBe('2026-03-12T12:00:00.000Z');
    const byId = new Map(body.corridors.map((c: { id: string }) => [c.id, c]));
    expect([...byId.keys()]).toHaveLength(7);
    // Inbound from Shanghai (carrier schedule); outbound to Gothenburg (AIS destination "SE GOT", latest call).
    expect(byId.get('lalb-shanghai')).toMatchObject({ figures: { voyages: 1, inbound: 1, lowZeroCarbonSharePct: 0 } });
    expect(byId.get('lalb-gothenburg')).toMatchObject({ figures: { voyages: 1, outbound: 1 } });
    expect(byId.get('lalb-tokyo')).toMatchObject({ figures: { voyages: 0, wtwGCo2ePerMj: null } });
    // Anonymous callers see public calls only: none here.
    const anonymous = (await get('/corridors', {})).json();
    expect(anonymous.corridors.every((c: { figures: { voyages: number } }) => c.figures.voyages === 0)).toBe(true);
  });

  it('should detail a corridor: voyages with their sources, monthly trend and progress', async () => {
    const res = await get('/corridors/lalb-shanghai?from=2026-03-01T00:00Z&to=2026-03-31T00:00Z');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.voyages).toHaveLength(1);
    const [voyage] = body.voyages;
    expect(voyage).toMatchObject({
      callId: CALL,
      direction: 'inbound',
      fromPort: 'CNSHA',
      toPort: 'USLAX',
      portSource: 'carrier-schedule',
      portFlagged: false,
      speedSource: 'schedule',
      distanceSource: 'sea-route',
      fuel: 'HFO',
      fuelSource: 'assumed',
      teuSource: 'capacity-70pct',
    });
    expect(voyage.speedKn).toBeCloseTo(16, 6);
    expect(voyage.wtwGCo2ePerMj).toBeCloseTo(91.744, 2);
    expect(body.trend.map((t: { month: string }) => t.month)).toEqual(['2026-03']);
    const y2026 = body.progress.find((p: { year: number }) => p.year === 2026);
    expect(y2026.wtwIntensity).toMatchObject({ target: 89.34, met: false });
    // Outside the window: no voyage.
    expect((await get('/corridors/lalb-shanghai?from=2026-04-01T00:00Z')).json().voyages).toEqual([]);
  });

  it('should advise the just-in-time speed of a call that waited and total the savings', async () => {
    const res = await get(`/vessel-calls/${CALL}/jit`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.reason).toBeNull();
    expect(body.asOf).toBe('2026-03-10T14:00:00.000Z');
    expect(body.particulars).toMatchObject({ teu: 10_000, source: 'estimated', fuel: 'HFO' });
    // 30 nm in 2 h (15 kn), then 10 h at anchor: 30 / 12 = 2.5 kn, held at the 10 kn floor → 3 h, 9 h still waiting.
    expect(body.advice.approachNm).toBeCloseTo(30, 1);
    expect(body.advice.actualSpeedKn).toBeCloseTo(15, 1);
    expect(body.advice.advisedSpeedKn).toBe(10);
    expect(body.advice.remainingWaitHours).toBeCloseTo(9, 1);
    expect(body.advice.fuelSavedT).toBeGreaterThan(0);
    expect(body.advice.co2SavedT).toBeCloseTo(body.advice.fuelSavedT * 3.114, 6);

    const summary = (await get('/jit/summary')).json();
    expect(summary).toMatchObject({ callsWaited: 1, callsAdvised: 1 });
    expect(summary.fuelSavedT).toBeCloseTo(body.advice.fuelSavedT, 9);
  });

  it('should answer 404 for an unknown corridor or a call the caller may not see, 400 for bad input', async () => {
    const unknown = await get('/corridors/lalb-rotterdam');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('PCS_CORRIDOR_NOT_FOUND');
    expect((await get('/vessel-calls/477000002:2026-03-11T12:00/jit')).statusCode).toBe(404);
    expect((await get('/corridors?year=2026')).statusCode).toBe(400);
    const reversed = await get('/jit/summary?from=2026-03-02T00:00Z&to=2026-03-01T00:00Z');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].pointer).toBe('/query/to');
  });
});
