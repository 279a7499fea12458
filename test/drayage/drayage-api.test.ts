/**
 * The port drayage truck registry and its aggregates (docs/drayage.md), on both engines. Two trucking companies
 * register their trucks (`csv-drayage-trucks`, private): SBTL a battery-electric, a fuel-cell, a low-NOx natural-gas
 * and a diesel truck (and one bad row), HRZD a diesel and a battery-electric truck. The terminal YUSEN reports seven
 * truck visits in March 2026, WBCT three, and YUSEN one more in May. Figures by hand:
 *
 * - ZE share, March, YUSEN: 7 visits, 6 by registered trucks (UNREG99 is not), ZE: 7ZE0001, 7ZE0002, 8ZE0002 →
 *   3 / 7 = 0.4286. WBCT has 3 visits (< 5): withheld, and the port figures are YUSEN's alone.
 * - Clean Truck Fund, March, YUSEN: loaded boxes 45G1 (ZE, 2 TEU), 22G1 (fuel cell, 1), 42G1 (low-NOx before the
 *   2027 sunset, 2), 22G1 (diesel, 1), 42G1 (unregistered, 2) = 8 TEU; the empty 45G1 does not count. Charged:
 *   diesel 1 + unregistered 2 = 3 TEU = USD 30; exempt 5 TEU.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const REGISTRY = 'truck_id,scac,engine_model_year,fuel,low_nox,registered_at';
const SBTL_TRUCKS = [
  '7ZE0001,SBTL,2024,battery-electric,,2026-01-10T08:00:00Z',
  '7ZE0002,SBTL,2023,hydrogen-fuel-cell,N,2026-01-10T08:00:00Z',
  '7NOX003,SBTL,2021,natural-gas,Y,2026-01-10T08:00:00Z',
  '7DSL004,SBTL,2019,diesel,N,2026-01-10T08:00:00Z',
];
const BAD_ROW = '7BAD005,SBTL,1975,steam,N,2026-01-10T08:00:00Z';
const HRZD_TRUCKS = ['8DSL001,HRZD,2018,diesel,N,2026-01-11T08:00:00Z', '8ZE0002,HRZD,2025,BEV,,2026-01-11T08:00:00Z'];

const GATE_HEADER =
  'transaction_id,visit_id,terminal,lane,direction,timestamp,trucking_company_scac,truck_plate,container_number,size_type,empty_full,seal,bill_of_lading,appointment_id';
const gate = (visit: string, terminal: string, at: string, scac: string, plate: string, box = ',,') =>
  `GT-${visit},${visit},${terminal},IN-01,IN,${at},${scac},${plate},${box},,,`;
const GATES = [
  gate('V-Y1', 'YUSEN', '2026-03-10 08:00:00', 'SBTL', '7ZE0001', 'MSKU7000013,45G1,F'),
  gate('V-Y2', 'YUSEN', '2026-03-10 09:00:00', 'SBTL', '7ZE0002', 'MSKU7000029,22G1,F'),
  gate('V-Y3', 'YUSEN', '2026-03-11 08:00:00', 'SBTL', '7NOX003', 'MSKU7000034,42G1,F'),
  gate('V-Y4', 'YUSEN', '2026-03-12 08:00:00', 'SBTL', '7DSL004', 'MSKU7000055,22G1,F'),
  gate('V-Y5', 'YUSEN', '2026-03-13 08:00:00', 'HRZD', '8DSL001', 'MSKU7000076,45G1,E'),
  gate('V-Y6', 'YUSEN', '2026-03-14 08:00:00', 'ABCD', 'UNREG99', 'MSKU7000081,42G1,F'),
  gate('V-Y7', 'YUSEN', '2026-03-15 08:00:00', 'HRZD', '8ZE0002'),
  gate('V-W1', 'WBCT', '2026-03-10 08:00:00', 'SBTL', '7ZE0001'),
  gate('V-W2', 'WBCT', '2026-03-11 08:00:00', 'SBTL', '7ZE0002'),
  gate('V-W3', 'WBCT', '2026-03-12 08:00:00', 'HRZD', '8DSL001'),
  gate('V-Y8', 'YUSEN', '2026-05-01 08:00:00', 'SBTL', '7DSL004', 'MSKU7000097,45G1,F'),
];
const MARCH = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';

interface Truck {
  truckId: string;
  operatorScac: string;
  fuel: string;
  zeroEmission: boolean;
  lowNox: boolean;
  source: { organisation: string };
}

describe.each(ENGINES)('drayage trucks on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const call = (url: string, org?: string, init: { method?: 'GET' | 'POST'; payload?: string } = {}) =>
    server.app.inject({
      method: init.method ?? 'GET',
      url,
      payload: init.payload,
      headers: {
        ...(org ? { authorization: keys.get(org)! } : {}),
        ...(init.payload ? { 'content-type': 'text/csv' } : {}),
      },
    });
  const register = (org: string, rows: readonly string[]) =>
    call('/ingest/csv-drayage-trucks', org, { method: 'POST', payload: `${REGISTRY}\n${rows.join('\n')}\n` });
  const trucks = async (org?: string) => {
    const res = await call('/drayage/trucks', org);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ trucks: Truck[] }>().trucks;
  };
  const storedRegistrations = async () =>
    (
      await platform.database.db
        .selectFrom('event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('event_type_code', '=', 'DTRK')
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['yti', 'terminal'],
      ['sbtl', 'trucker'],
      ['hrzd', 'trucker'],
      ['eglv', 'carrier'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role, ['read', 'ingest'])).authorization);
    }
    await operates(platform, 'yti', ['YUSEN', 'WBCT']);
    const gates = await platform.pipeline.ingest({
      format: 'csv-gate-transactions',
      body: Buffer.from(`${GATE_HEADER}\n${GATES.join('\n')}\n`),
      channel: 'test',
      sourceOrg: 'yti',
      ownerOrgs: ['yti'],
      visibility: 'private',
      timeZone: 'America/Los_Angeles',
    });
    expect(gates.rejected, JSON.stringify(gates)).toBe(0);
  }, 240_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should ingest a registry, derive the ZE flag from the fuel and dead-letter a bad row', async () => {
    const sent = await register('sbtl', [...SBTL_TRUCKS, BAD_ROW]);
    expect(sent.statusCode, sent.body).toBe(207);
    const errors = sent.json<{ errors: { code: string; pointer: string }[] }>().errors;
    expect(errors.map((e) => e.code).sort()).toEqual(['PCS_CSV_BAD_NUMBER', 'PCS_CSV_BAD_VALUE']);
    expect(errors.map((e) => e.pointer).join(' ')).toMatch(/engine_model_year.*fuel|fuel.*engine_model_year/);
    const dead = await platform.database.db
      .selectFrom('dead_letter')
      .select(['error_code', 'line'])
      .where('format', '=', 'csv-drayage-trucks')
      .execute();
    expect(dead.map((d) => d.line)).toEqual(dead.map(() => 6));
    expect(dead.length).toBeGreaterThan(0);
    expect((await register('hrzd', HRZD_TRUCKS)).statusCode).toBe(202);
    await platform.projections.catchUpAll();
    const own = await trucks('sbtl');
    expect(own.map((t) => [t.truckId, t.fuel, t.zeroEmission, t.lowNox])).toEqual([
      ['7DSL004', 'diesel', false, false],
      ['7NOX003', 'natural_gas', false, true],
      ['7ZE0001', 'battery_electric', true, false],
      ['7ZE0002', 'fuel_cell', true, false],
    ]);
  });

  it('should store a redelivered registry once', async () => {
    const before = await storedRegistrations();
    expect((await register('sbtl', SBTL_TRUCKS)).statusCode).toBe(202);
    await platform.projections.catchUpAll();
    expect(await storedRegistrations()).toBe(before);
    expect(await trucks('sbtl')).toHaveLength(4);
  });

  it("should show a trucker its own trucks only, the port authority all, and refuse a carrier's registry", async () => {
    expect((await trucks('sbtl')).every((t) => t.operatorScac === 'SBTL' && t.source.organisation === 'sbtl')).toBe(
      true,
    );
    expect((await trucks('hrzd')).map((t) => t.truckId)).toEqual(['8DSL001', '8ZE0002']);
    expect((await trucks('pa')).map((t) => t.truckId)).toEqual([
      '7DSL004',
      '7NOX003',
      '7ZE0001',
      '7ZE0002',
      '8DSL001',
      '8ZE0002',
    ]);
    expect(await trucks('eglv')).toEqual([]);
    expect((await call('/drayage/trucks')).json()).toEqual({ trucks: [], nextCursor: null });
    expect((await register('eglv', HRZD_TRUCKS)).statusCode).toBe(403);
    // Paged and exported: a cursor walks on from the last truck; the CSV carries the provenance columns.
    const first = (await call('/drayage/trucks?limit=4', 'pa')).json<{ trucks: Truck[]; nextCursor: string }>();
    const rest = (await call(`/drayage/trucks?limit=4&cursor=${first.nextCursor}`, 'pa')).json<{ trucks: Truck[] }>();
    expect(rest.trucks.map((t) => t.truckId)).toEqual(['8DSL001', '8ZE0002']);
    const csv = await call('/drayage/trucks?format=csv', 'hrzd');
    const [head, ...rows] = csv.body.trim().split('\r\n');
    expect(head).toBe(
      'truckId,operatorScac,engineModelYear,fuel,zeroEmission,lowNox,registeredAt,asOf,sourceOrganisation,sourceInboxId,sourceEventId',
    );
    expect(rows.map((r) => r.split(',').slice(0, 4).join(','))).toEqual([
      '8DSL001,HRZD,2018,diesel',
      '8ZE0002,HRZD,2025,battery_electric',
    ]);
    expect((await call('/drayage/trucks?owner=sbtl', 'hrzd')).statusCode).toBe(400);
  });

  it('should publish the ZE share of visits per terminal, withholding a terminal under five visits', async () => {
    const res = await call(`/drayage/ze-share?${MARCH}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      // The newest gate event counted: V-Y7's gate-in, 2026-03-15 08:00 PDT (WBCT is withheld, its times too).
      asOf: '2026-03-15T15:00:00.000Z',
      minVisits: 5,
      suppressedTerminals: 1,
      terminals: [{ terminalCode: 'YUSEN', visits: 7, registeredVisits: 6, zeVisits: 3, zeShare: 0.4286 }],
      port: { visits: 7, registeredVisits: 6, zeVisits: 3, zeShare: 0.4286 },
      target: { share: 1, year: 2035 },
    });
    // The May visit counts without a period: YUSEN has 8 visits, one more diesel.
    const all = (await call('/drayage/ze-share', 'sbtl')).json<{
      asOf: string | null;
      port: { visits: number; zeVisits: number };
    }>();
    expect(all.port).toMatchObject({ visits: 8, zeVisits: 3 });
    expect(all.asOf).toBe('2026-05-01T15:00:00.000Z');
    // Every terminal withheld (YUSEN 2 visits, WBCT 1 on 10 March): nothing counted, so no "as of" either.
    const few = (await call('/drayage/ze-share?from=2026-03-10T07:00:00Z&to=2026-03-11T07:00:00Z')).json<{
      asOf: string | null;
      suppressedTerminals: number;
    }>();
    expect(few).toMatchObject({ asOf: null, suppressedTerminals: 2 });
  });

  it('should give the Clean Truck Fund rate and what it comes to per terminal', async () => {
    const res = await call(`/drayage/clean-truck-fund?${MARCH}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      rateUsdPerTeu: 10,
      currency: 'USD',
      lowNoxExemptUntil: '2027-12-31',
      asOf: '2026-03-15T15:00:00.000Z',
      suppressedTerminals: 1,
      terminals: [{ terminalCode: 'YUSEN', visits: 7, loadedTeu: 8, exemptTeu: 5, chargedTeu: 3, chargeUsd: 30 }],
      port: { visits: 7, loadedTeu: 8, exemptTeu: 5, chargedTeu: 3, chargeUsd: 30 },
    });
    const backwards = await call('/drayage/clean-truck-fund?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z');
    expect(backwards.statusCode).toBe(400);
  });
});
