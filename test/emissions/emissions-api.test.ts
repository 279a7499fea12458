/**
 * `POST /emissions/compute` and `openpcs emissions compute`: a member computes each method and gets every
 * intermediate quantity; bad input is a 400 problem with pointers into the body (never a 5xx); anonymous callers
 * get 401; a body over 1 MiB is refused; the CLI prints the same answer for the same request.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { buildProgram, overrideExits } from '../../src/cli/program.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const CII = {
  method: 'cii',
  shipType: 'container',
  dwt: 50_000,
  year: 2024,
  fuelConsumption: [{ fuel: 'HFO', massT: 10_000 }],
  distanceNm: 80_000,
};

const REQUESTS: Record<string, object> = {
  'ghg4-interval': {
    method: 'ghg4-interval',
    ship: {
      shipType: 'container',
      teu: 8_000,
      mainEngineMcrKw: 50_000,
      designSpeedKn: 24,
      mainEngine: 'SSD',
      builtYear: 2010,
      fuel: 'HFO',
    },
    intervals: [
      { hours: 1, speedOverGroundKn: 16.8, distanceToPortNm: 40 },
      { hours: 12, speedOverGroundKn: 0.2, distanceToPortNm: 0.1 },
    ],
  },
  'epa-port-call': {
    method: 'epa-port-call',
    ship: {
      propulsionMcrKw: 50_000,
      maxSpeedKn: 24,
      propulsionEngine: 'SSD',
      keelLaidYear: 2012,
      fuel: 'MGO',
      containerTeu: 8_000,
    },
    modes: [
      { mode: 'transit', hours: 2, speedKn: 12 },
      { mode: 'hotelling', hours: 30 },
    ],
  },
  'shore-power': {
    method: 'shore-power',
    ship: { keelLaidYear: 2012, containerTeu: 8_000 },
    berthHours: 30,
    connectedHours: 26,
  },
  cii: CII,
  fueleu: { method: 'fueleu', year: 2030, fuels: [{ pathway: 'MDO', massT: 5_000 }] },
  'corridor-intensity': {
    method: 'corridor-intensity',
    fuels: [{ pathway: 'HFO', massT: 2_000 }],
    distanceKm: 10_000,
    teuCarried: 6_000,
  },
};

describe.each(ENGINES)('emissions calculator API on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let auth: Record<string, string>;
  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    auth = { authorization: (await orgWithKey(platform, 'calc-co', 'carrier', ['read'])).authorization };
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  const post = (payload: unknown, headers: Record<string, string> = auth) =>
    server.app.inject({
      method: 'POST',
      url: '/emissions/compute',
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      headers: { ...headers, 'content-type': 'application/json' },
    });

  it.each(Object.entries(REQUESTS))('should answer %s with its intermediate quantities', async (method, body) => {
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<Record<string, unknown>>();
    expect(answer['method']).toBe(method);
    expect(JSON.stringify(answer)).not.toMatch(/NaN|Infinity/);
  });

  it('should give the CII rating of the worked example and the GHG4 power and phase per interval', async () => {
    expect((await post(CII)).json()).toMatchObject({ rating: 'B', reductionZPct: 7 });
    const ghg4 = (await post(REQUESTS['ghg4-interval'])).json<{
      intervals: { phase: string; mainEngine: { powerKw: number; load: number }; groups: { fuelG: number }[] }[];
    }>();
    expect(ghg4.intervals.map((i) => i.phase)).toEqual(['slow_steaming', 'berth']);
    expect(ghg4.intervals[0]!.mainEngine.load).toBeCloseTo(0.431425, 5);
  });

  it('should refuse anonymous callers', async () => {
    const res = await post(CII, {});
    expect(res.statusCode).toBe(401);
  });

  it.each<[string, unknown, string, string]>([
    ['an unknown method', { method: 'magic' }, 'PCS_EMISSIONS_INVALID_REQUEST', '/body/method'],
    ['an unknown field', { ...CII, colour: 'red' }, 'PCS_EMISSIONS_INVALID_REQUEST', '/body'],
    ['a wrong type', { ...CII, dwt: '50000' }, 'PCS_EMISSIONS_INVALID_REQUEST', '/body/dwt'],
    ['a negative distance', { ...CII, distanceNm: -1 }, 'PCS_EMISSIONS_INVALID_REQUEST', '/body/distanceNm'],
    ['empty fuels', { ...CII, fuelConsumption: [] }, 'PCS_EMISSIONS_INVALID_REQUEST', '/body/fuelConsumption'],
    ['an array body', [CII], 'PCS_EMISSIONS_INVALID_REQUEST', '/body'],
    [
      'a ship type without default power',
      {
        ...REQUESTS['ghg4-interval'],
        ship: { ...(REQUESTS['ghg4-interval'] as { ship: object }).ship, shipType: 'ferry', teu: undefined },
      },
      'PCS_EMISSIONS_NO_FACTOR',
      '/body/ship/auxKw/sea',
    ],
  ])('should answer %s with a 400 problem pointing at the field', async (_name, body, code, pointer) => {
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const p = res.json<{ code: string; errors: { pointer: string }[] }>();
    expect(p.code).toBe(code);
    expect(p.errors.map((e) => e.pointer)).toContain(pointer);
  });

  it('should refuse malformed JSON and a body over 1 MiB without a 5xx', async () => {
    expect((await post('{"method":')).statusCode).toBe(400);
    const huge = {
      ...REQUESTS['ghg4-interval'],
      intervals: Array.from({ length: 20_000 }, () => ({ hours: 1, speedOverGroundKn: 12, distanceToPortNm: 50 })),
    };
    expect((await post(huge)).statusCode).toBe(413);
  });
});

describe('openpcs emissions compute', () => {
  it('should print the answer of a request file, and refuse a bad one naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openpcs-emissions-'));
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      writeFileSync(join(dir, 'cii.json'), JSON.stringify(CII));
      await overrideExits(buildProgram()).parseAsync(['emissions', 'compute', '--file', join(dir, 'cii.json')], {
        from: 'user',
      });
      expect(JSON.parse(out.join(''))).toMatchObject({ method: 'cii', rating: 'B' });
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...CII, year: 2019 }));
      await expect(
        overrideExits(buildProgram()).parseAsync(['emissions', 'compute', '--file', join(dir, 'bad.json')], {
          from: 'user',
        }),
      ).rejects.toThrow(/\/year: .*PCS_EMISSIONS_INVALID_REQUEST/);
    } finally {
      write.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
