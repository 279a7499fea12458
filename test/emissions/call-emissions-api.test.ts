import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { coscoSpainCallEvents, type AisEvent } from '../vessels/cosco-spain-call.js';

const COMMUNITY_CALL = '477776200:2022-01-03T00:09';
const PRIVATE_CALL = '477000002:2022-01-03T00:09';

/** The same call under another MMSI. */
function renamed(mmsi: string): AisEvent[] {
  return coscoSpainCallEvents().map((e): AisEvent => {
    const refs = { idempotencyKey: e.idempotencyKey.replace('477776200', mmsi), references: { vesselMMSI: mmsi } };
    return e.eventTypeCode === 'STAT'
      ? { ...e, ...refs, payload: { ...e.payload, mmsi, imo: null, name: 'PRIVATE CALLER' } }
      : { ...e, ...refs, payload: { ...e.payload, mmsi } };
  });
}

describe.each(ENGINES)('per-call emissions API on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let member: { authorization: string };
  let owner: { authorization: string };
  const get = (url: string, headers: Record<string, string> = member) =>
    server.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', gridCo2GPerKwh: 300 });
    member = await orgWithKey(platform, 'wbct', 'terminal');
    owner = await orgWithKey(platform, 'acme', 'carrier');
    await platform.events.append(coscoSpainCallEvents(), {
      source: 'test-ais',
      inboxId: null,
      sourceOrg: 'local',
      ownerOrgs: ['local'],
      visibility: 'community',
    });
    await platform.events.append(renamed('477000002'), {
      source: 'test-ais',
      inboxId: null,
      sourceOrg: 'acme',
      ownerOrgs: ['acme'],
      visibility: 'private',
    });
    await platform.projections.catchUpAll();
  }, 180_000);
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('lists the calls the caller may see, with totals, asOf and source; exports CSV', async () => {
    const res = await get('/emissions/calls');
    expect(res.statusCode).toBe(200);
    const { calls, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(calls.map((c: { callId: string }) => c.callId)).toEqual([COMMUNITY_CALL]);
    expect(calls[0]).toMatchObject({
      terminal: 'polb-lbct',
      status: 'computed',
      particulars: 'estimated',
      method: 'ghg4-interval',
      asOf: '2022-01-03T13:21:00.000Z',
      shorePower: { shorePowerKwh: 0, gridCo2GPerKwh: 300 },
      source: { method: 'ghg4-interval' },
    });
    expect(calls[0].totals.co2G).toBeGreaterThan(0);

    const mine = (await get('/emissions/calls', owner)).json();
    expect(mine.calls.map((c: { callId: string }) => c.callId).sort()).toEqual([PRIVATE_CALL, COMMUNITY_CALL]);
    expect((await get('/emissions/calls', {})).json().calls).toEqual([]); // community data: not for anonymous callers

    const csv = await get('/emissions/calls?format=csv');
    expect(csv.statusCode).toBe(200);
    const [header, row, ...rest] = csv.body.trim().split(/\r?\n/);
    expect(header!.split(',').slice(0, 3)).toEqual(['callId', 'mmsi', 'imo']);
    expect(row).toContain(COMMUNITY_CALL);
    expect(rest).toEqual([]);
  });

  it('filters by terminal and vessel, pages with a cursor', async () => {
    expect((await get('/emissions/calls?terminal=polb-lbct')).json().calls).toHaveLength(1);
    expect((await get('/emissions/calls?terminal=wbct')).json().calls).toHaveLength(0);
    expect((await get('/emissions/calls?mmsi=477000002', owner)).json().calls).toHaveLength(1);
    expect((await get('/emissions/calls?to=2022-01-02T00:00Z')).json().calls).toHaveLength(0);
    const first = (await get('/emissions/calls?limit=1', owner)).json();
    expect(first.calls).toHaveLength(1);
    const second = (await get(`/emissions/calls?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`, owner)).json();
    expect(second.calls).toHaveLength(1);
    expect(second.calls[0].callId).not.toBe(first.calls[0].callId);
    expect(second.nextCursor).toBeNull();
  });

  it('answers one call with every quantity per mode and what was assumed; 404 when unseen, 400 when malformed', async () => {
    const res = await get(`/emissions/calls/${COMMUNITY_CALL}`);
    expect(res.statusCode).toBe(200);
    const call = res.json();
    expect(call.modes.map((m: { mode: string }) => m.mode)).toEqual([
      'transit',
      'manoeuvring',
      'anchorage',
      'hotelling',
    ]);
    const hotel = call.modes.find((m: { mode: string }) => m.mode === 'hotelling');
    expect(hotel.hours).toBeCloseTo(10, 9);
    expect(hotel.energyKwh.auxiliary).toBeCloseTo(13_000, 6);
    const sum = call.modes.reduce((s: number, m: { pollutants: { co2G: number } }) => s + m.pollutants.co2G, 0);
    expect(sum).toBeCloseTo(call.totals.co2G, 3);
    expect(call.ship).toMatchObject({ shipType: 'container', teu: 14_000 });
    expect(call.assumptions.length).toBeGreaterThan(3);

    const hidden = await get(`/emissions/calls/${PRIVATE_CALL}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('PCS_EMISSIONS_CALL_NOT_FOUND');
    expect((await get(`/emissions/calls/${PRIVATE_CALL}`, owner)).statusCode).toBe(200);
    expect((await get('/emissions/calls/366998410:2030-01-01T00:00')).statusCode).toBe(404);
    expect((await get('/emissions/calls/not-a-call')).statusCode).toBe(400);
  });

  it('totals per terminal, day and mode over the visible calls, with the configured grid factor', async () => {
    const list = (await get('/emissions/calls')).json().calls[0];
    const terminal = (await get('/emissions/summary?groupBy=terminal')).json();
    expect(terminal.groups).toHaveLength(1);
    expect(terminal.groups[0]).toMatchObject({ key: 'polb-lbct', calls: 1, computedCalls: 1 });
    expect(terminal.groups[0].totals.co2G).toBeCloseTo(list.totals.co2G, 3);
    expect(terminal.groups[0].shorePower).toMatchObject({ shorePowerKwh: 0, gridCo2GPerKwh: 300, gridCo2G: 0 });
    expect(terminal.asOf).toBe('2022-01-03T13:21:00.000Z');

    const day = (await get('/emissions/summary?groupBy=day', owner)).json();
    expect(day.groups).toEqual([expect.objectContaining({ key: '2022-01-03', calls: 2 })]);
    expect(day.groups[0].totals.co2G).toBeCloseTo(2 * list.totals.co2G, 2);

    const mode = (await get('/emissions/summary?groupBy=mode')).json();
    expect(mode.groups.map((g: { key: string }) => g.key).sort()).toEqual([
      'anchorage',
      'hotelling',
      'manoeuvring',
      'transit',
    ]);
    const co2 = mode.groups.reduce((s: number, g: { totals: { co2G: number } }) => s + g.totals.co2G, 0);
    expect(co2).toBeCloseTo(list.totals.co2G, 3);
    expect(mode.groups.find((g: { key: string }) => g.key === 'hotelling').hours).toBeCloseTo(10, 9);
  });

  it('takes the configured grid factor in the shore-power calculator when the request gives none', async () => {
    const compute = (grid: Record<string, number>) =>
      server.app.inject({
        method: 'POST',
        url: '/emissions/compute',
        headers: member,
        payload: {
          method: 'shore-power',
          ship: { keelLaidYear: 2012, containerTeu: 8_000 },
          berthHours: 20,
          connectedHours: 18,
          grid,
        },
      });
    const configured = (await compute({})).json();
    expect(configured.gridCo2GPerKwh).toBe(300);
    expect(configured.grid.co2G).toBeCloseTo(configured.gridKwh * 300, 6);
    expect((await compute({ co2GPerKwh: 90 })).json().gridCo2GPerKwh).toBe(90);
  });

  it('refuses unknown parameters and bad values with a 400 problem', async () => {
    for (const url of [
      '/emissions/calls?vessel=1',
      '/emissions/calls?mmsi=12',
      '/emissions/calls?cursor=garbage',
      '/emissions/summary',
      '/emissions/summary?groupBy=port',
      '/emissions/summary?groupBy=day&limit=3',
      '/emissions/calls/477776200:2022-01-03T00:09?x=1',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('takes a terminal’s shore power session from its feed: kWh source, sessions, terminal code, summary kWh', async () => {
    const lbct = await orgWithKey(platform, 'lbct', 'terminal');
    await operates(platform, 'lbct', ['LBCT']);
    const body = [
      'terminal,port,berth,imo,mmsi,connected_at,disconnected_at,energy_kwh,as_of',
      'LBCT,USLGB,F10,9516442,477776200,2022-01-03T03:40:00Z,2022-01-03T12:10:00Z,10500,2022-01-03T12:20:00Z',
    ].join('\n');
    const ingest = (headers: Record<string, string>) =>
      server.app.inject({
        method: 'POST',
        url: '/ingest/csv-shore-power',
        payload: body,
        headers: { ...headers, 'content-type': 'text/csv' },
      });
    // Only a terminal may state it, and only at a terminal it operates (wbct does not operate LBCT).
    expect((await ingest(owner)).statusCode).toBe(403);
    const elsewhere = (await ingest(member)).json();
    expect(elsewhere.eventsAppended).toBe(0);
    const sent = await ingest(lbct);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toMatchObject({ rejected: 0, eventsAppended: 1, deadLetters: [] });
    expect((await ingest(lbct)).json()).toMatchObject({ duplicateMessage: true }); // redelivery: stored once
    await platform.projections.catchUpAll();
    expect(await platform.database.db.selectFrom('shore_power_connection').selectAll().execute()).toHaveLength(1);

    const call = (await get(`/emissions/calls/${COMMUNITY_CALL}`)).json();
    expect(call).toMatchObject({
      terminalSmdgCode: 'LBCT',
      shorePowerKwhSource: 'feed',
      shorePower: { connectedHours: 8.5, shorePowerKwh: 10_500, gridKwh: 10_500 / 0.95 },
      shorePowerSessions: [
        {
          terminal: 'LBCT',
          berth: 'F10',
          connectedAt: '2022-01-03T03:40:00.000Z',
          disconnectedAt: '2022-01-03T12:10:00.000Z',
          connectedHours: 8.5,
          energyKwh: 10_500,
        },
      ],
    });
    expect(call.shorePower.gridCo2G).toBeCloseTo((10_500 / 0.95) * 300, 6);
    expect(call.shorePower.avoidedCo2G).toBeGreaterThan(0);
    // the acme carrier's private call of another vessel is untouched
    expect((await get(`/emissions/calls/${PRIVATE_CALL}`, owner)).json().shorePowerKwhSource).toBe('none');
    // connected: no missed connection, whatever the particulars say
    expect(call.shorePower).toMatchObject({ berthEquipped: true, connected: true, missed: false });
    const terminal = (await get('/emissions/summary?groupBy=terminal')).json();
    expect(terminal.groups[0].shorePower).toMatchObject({
      shorePowerKwh: 10_500,
      connectedHours: 8.5,
      connectedCalls: 1,
      missedCalls: 0,
      connectionRatePct: 100,
    });
    const csv = (await get('/emissions/calls?format=csv')).body.trim().split(/\r?\n/);
    const header = csv[0]!.split(',');
    const row = csv[1]!.split(',');
    expect(row[header.indexOf('terminalSmdgCode')]).toBe('LBCT');
    expect(row[header.indexOf('shorePowerKwhSource')]).toBe('feed');

    // The terminal makes its message private: the community call no longer uses the session (rebuilt at once).
    const patched = await server.app.inject({
      method: 'PATCH',
      url: `/inbox/${sent.json().inboxId}`,
      payload: { visibility: 'private' },
      headers: lbct,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = (await get(`/emissions/calls/${COMMUNITY_CALL}`)).json();
    expect(after).toMatchObject({ shorePowerKwhSource: 'none', shorePowerSessions: [] });
    expect(after.totals.co2G).toBeGreaterThan(call.totals.co2G);
  });

  it('takes a carrier’s vessel particulars statement: the call turns from estimated to stated, bad rows are dead letters', async () => {
    const estimated = (await get(`/emissions/calls/${COMMUNITY_CALL}`)).json();
    expect(estimated).toMatchObject({ particulars: 'estimated', particularsSource: null });
    expect(estimated.estimatedFields).toContain('mainEngineMcrKw');
    const body = [
      'imo,mmsi,vessel_name,ship_type,teu,dwt,gt,main_engine_kw,aux_engine_kw,design_speed_kn,max_draught_m,main_engine,engine_stroke,fuel,sulphur_pct,built_year,shore_power,zero_emission,as_of',
      '9516442,477776200,COSCO SPAIN,container,13386,,,68640,,24.5,15.5,SSD,2,MDO,0.1,2011,Y,N,2022-01-04T00:00:00Z',
      '9516442,477776200,COSCO SPAIN,container,-1,,,,,,,,,,,,,,2022-01-04T00:00:00Z',
    ].join('\n');
    const ingest = (headers: Record<string, string>) =>
      server.app.inject({
        method: 'POST',
        url: '/ingest/csv-vessel-particulars',
        payload: body,
        headers: { ...headers, 'content-type': 'text/csv' },
      });
    // A terminal may not state a vessel's particulars (format-senders.ts); a carrier may.
    expect((await ingest(member)).statusCode).toBe(403);
    const sent = await ingest(owner);
    expect(sent.statusCode, sent.body).toBe(207);
    expect(sent.json().errors.map((e: { code: string; pointer: string }) => [e.code, e.pointer])).toEqual([
      ['PCS_CSV_BAD_VALUE', '/body/lines/3/teu'],
    ]);
    const dead = await platform.database.db
      .selectFrom('dead_letter')
      .select(['error_code', 'line'])
      .where('format', '=', 'csv-vessel-particulars')
      .execute();
    expect(dead).toEqual([{ error_code: 'PCS_CSV_BAD_VALUE', line: 3 }]);
    await platform.projections.catchUpAll();

    const stated = (await get(`/emissions/calls/${COMMUNITY_CALL}`)).json();
    expect(stated).toMatchObject({
      particulars: 'stated',
      particularsSource: { sourceOrg: 'acme', asOf: '2022-01-04T00:00:00.000Z' },
      estimatedFields: [],
      ship: { teu: 13_386, mainEngineMcrKw: 68_640, designSpeedKn: 24.5, builtYear: 2011, designDraughtM: 15.5 },
    });
    expect(stated.totals.co2G).not.toBe(estimated.totals.co2G);
    // Stated fitted for shore power (Y), berthed at LBCT (which offers it), left without connecting (the session is
    // private now): a missed connection, worth the 10 h of hotelling auxiliary power (Table 17 1,300 kW, 13,000 kWh)
    // at 185 g/kWh MDO × 3.206 = 7,710,430 g CO2, less the grid's 13,000 / 0.95 × 300 g/kWh.
    expect(stated.shorePower).toMatchObject({ capable: true, berthEquipped: true, connected: false, missed: true });
    expect(stated.shorePower.missedShorePowerKwh).toBeCloseTo(13_000, 6);
    expect(stated.shorePower.missedAvoidableCo2G).toBeCloseTo(13_000 * 185 * 3.206, 3);
    expect(stated.shorePower.missedNetCo2ReductionG).toBeCloseTo(13_000 * 185 * 3.206 - (13_000 / 0.95) * 300, 3);
    for (const groupBy of ['terminal', 'day']) {
      const summary = (await get(`/emissions/summary?groupBy=${groupBy}`)).json();
      expect(summary.groups[0].shorePower).toMatchObject({ connectedCalls: 0, missedCalls: 1, connectionRatePct: 0 });
      expect(summary.groups[0].shorePower.missedAvoidableCo2G).toBeCloseTo(13_000 * 185 * 3.206, 3);
    }
    const byMode = (await get('/emissions/summary?groupBy=mode')).json().groups;
    const missedOf = (mode: string) =>
      byMode.find((g: { key: string }) => g.key === mode).shorePower.missedCalls as number;
    expect([missedOf('hotelling'), missedOf('transit')]).toEqual([1, 0]);
    // The CSV export says whose particulars each call used and which fields were still estimated.
    const csv = (await get('/emissions/calls?format=csv')).body.trim().split(/\r?\n/);
    const header = csv[0]!.split(',');
    const row = csv.find((line) => line.startsWith(COMMUNITY_CALL))!.split(',');
    expect(row[header.indexOf('particulars')]).toBe('stated');
    expect(row[header.indexOf('particularsSourceOrg')]).toBe('acme');
    expect(row[header.indexOf('particularsAsOf')]).toBe('2022-01-04T00:00:00.000Z');
    expect(row[header.indexOf('estimatedFields')]).toBe('');
    expect(row[header.indexOf('shorePowerCapable')]).toBe('true');
    expect(row[header.indexOf('missedShorePower')]).toBe('true');
    // the carrier's private call of another vessel (no IMO) stays estimated
    expect((await get(`/emissions/calls/${PRIVATE_CALL}`, owner)).json().particulars).toBe('estimated');
  });
});
