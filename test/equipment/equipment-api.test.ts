/**
 * The equipment read model and its routes (docs/equipment.md), on both engines. Two terminals report telemetry
 * (hand-made messages, figures chosen so every share and sum is checked by hand):
 * - WBCT: a battery-electric yard tractor (0.75 h and 60 kWh between its two reports, one 30 kWh charging session),
 *   a diesel yard tractor (1 h, 20 L) and a grid-electric ship-to-shore crane (listed, left out of the CHE share);
 * - LBCT: a hybrid RTG (0.5 h, 4 L).
 * So the port's CHE share is 1 of 3 units by count and 0.75 of 2.25 hours by hours (reference §5: ZE CHE share
 * "units and kWh"; CAAP 2017: 100% ZE CHE by 2030). A late, older report changes nothing. A terminal sees the units
 * of the terminals it operates, the port authority all, a carrier none of these private ones; the ZE shares are for
 * members only. Unknown parameters, bad values and unknown units answer 4xx problems.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { equipmentProjections } from '../../src/projections/equipment/equipment-projections.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

type Powertrain = 'diesel' | 'battery_electric' | 'hybrid' | 'grid_electric';
function status(
  id: string,
  terminal: string,
  type: string,
  powertrain: Powertrain,
  observedAt: string,
  engineHours: number,
  energy: Record<string, number>,
  soc: number | null = null,
): string {
  return JSON.stringify({
    messageType: 'equipment-status',
    schemaVersion: 1,
    equipmentId: id,
    terminal,
    equipmentType: type,
    powertrain,
    observedAt,
    state: 'working',
    socPct: soc,
    energy,
    engineHours,
  });
}
const session = (phase: 'start' | 'stop', observedAt: string) =>
  JSON.stringify({
    messageType: 'charging-session',
    schemaVersion: 1,
    phase,
    sessionId: 'WBCT-YT-001-S1',
    chargerId: 'WBCT-CHG-01',
    equipmentId: 'WBCT-YT-001',
    terminal: 'WBCT',
    observedAt,
    startedAt: '2018-05-08T09:10:00.000Z',
    socStartPct: 40,
    ...(phase === 'stop' ? { endedAt: observedAt, socEndPct: 70, energyKwh: 30 } : {}),
  });

const WBCT = [
  status(
    'WBCT-YT-001',
    'WBCT',
    'yard_tractor',
    'battery_electric',
    '2018-05-08T08:00:00Z',
    100,
    { electricityKwh: 1000 },
    80,
  ),
  status('WBCT-YT-002', 'WBCT', 'yard_tractor', 'diesel', '2018-05-08T08:00:00Z', 200, { dieselLitres: 500 }),
  status('WBCT-STS-01', 'WBCT', 'sts_crane', 'grid_electric', '2018-05-08T08:00:00Z', 300, { electricityKwh: 9000 }),
  status(
    'WBCT-YT-001',
    'WBCT',
    'yard_tractor',
    'battery_electric',
    '2018-05-08T09:00:00Z',
    100.75,
    { electricityKwh: 1060 },
    40,
  ),
  status('WBCT-YT-002', 'WBCT', 'yard_tractor', 'diesel', '2018-05-08T09:00:00Z', 201, { dieselLitres: 520 }),
  session('start', '2018-05-08T09:10:00Z'),
  session('stop', '2018-05-08T09:50:00Z'),
];
const LBCT = [
  status('LBCT-RTG-01', 'LBCT', 'rtg', 'hybrid', '2018-05-08T08:00:00Z', 50, { dieselLitres: 100 }),
  status('LBCT-RTG-01', 'LBCT', 'rtg', 'hybrid', '2018-05-08T08:30:00Z', 50.5, { dieselLitres: 104 }),
];
/** Sent after the 09:00 report: older, so it neither overwrites the unit nor adds hours. */
const LATE = status(
  'WBCT-YT-001',
  'WBCT',
  'yard_tractor',
  'battery_electric',
  '2018-05-08T08:30:00Z',
  100.5,
  { electricityKwh: 1030 },
  60,
);

interface Unit {
  equipmentId: string;
  powertrain: string;
  zeroEmission: boolean;
  socPct: number | null;
  operatingHours: number;
  energy: { electricityKwh: number | null; dieselLitres: number | null };
  chargingSessions: { count: number; energyKwh: number };
  asOf: string;
  source: { organisation: string };
}
interface Share {
  units: number;
  zeUnits: number;
  shareByCount: number | null;
  operatingHours: number;
  zeOperatingHours: number;
  shareByHours: number | null;
  energy: { electricityKwh: number; dieselLitres: number };
  chargingSessions: { count: number; energyKwh: number };
}

describe.each(ENGINES)('equipment read model and routes on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const get = async (url: string, org?: string) => {
    await platform.projections.catchUpAll();
    return server.app.inject({ url, headers: org ? { authorization: keys.get(org)! } : {} });
  };
  const ok = async <T>(url: string, org?: string): Promise<T> => {
    const res = await get(url, org);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
    return res.json<T>();
  };
  const post = async (org: string, lines: readonly string[]) => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/ingest/equipment-telemetry',
      payload: `${lines.join('\n')}\n`,
      headers: { authorization: keys.get(org)!, 'content-type': 'application/x-ndjson' },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(202);
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 10_000 });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['wbct', 'terminal'],
      ['lbct', 'terminal'],
      ['maeu', 'carrier'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role)).authorization);
    }
    await operates(platform, 'wbct', ['WBCT']);
    await operates(platform, 'lbct', ['LBCT']);
    await post('wbct', WBCT);
    await post('lbct', LBCT);
    await post('wbct', [LATE]);
  }, 180_000);
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should list each unit with its latest status, counters and charging, to the terminal that operates it', async () => {
    const { units, nextCursor } = await ok<{ units: Unit[]; nextCursor: string | null }>('/equipment', 'wbct');
    expect(nextCursor).toBeNull();
    expect(units.map((u) => u.equipmentId)).toEqual(['WBCT-STS-01', 'WBCT-YT-001', 'WBCT-YT-002']);
    const yt1 = units[1]!;
    expect(yt1).toMatchObject({
      powertrain: 'battery_electric',
      zeroEmission: true,
      socPct: 40,
      operatingHours: 100.75,
      energy: { electricityKwh: 1060, dieselLitres: null },
      chargingSessions: { count: 1, energyKwh: 30 },
      asOf: '2018-05-08T09:00:00.000Z',
      source: { organisation: 'wbct' },
    });
    expect(units[2]).toMatchObject({ zeroEmission: false, energy: { dieselLitres: 520 } });
    const one = await ok<Unit>('/equipment/WBCT-YT-001', 'wbct');
    expect(one).toEqual(yt1);
  });

  it('should show a terminal its own units only, the port authority all, a carrier none of the private ones', async () => {
    const ids = async (org?: string, query = '') =>
      (await ok<{ units: Unit[] }>(`/equipment${query}`, org)).units.map((u) => u.equipmentId);
    expect(await ids('lbct')).toEqual(['LBCT-RTG-01']);
    expect(await ids('pa')).toHaveLength(4);
    expect(await ids('maeu')).toEqual([]);
    expect(await ids()).toEqual([]);
    expect((await get('/equipment/WBCT-YT-001', 'lbct')).statusCode).toBe(404);
    expect((await get('/equipment/NO-SUCH', 'pa')).json<{ code: string }>().code).toBe('PCS_EQUIPMENT_NOT_FOUND');
    expect(await ids('pa', '?powertrain=hybrid')).toEqual(['LBCT-RTG-01']);
    expect(await ids('pa', '?terminal=wbct&type=yard_tractor')).toEqual(['WBCT-YT-001', 'WBCT-YT-002']);
    // Pages by cursor: two units, then the rest.
    const first = await ok<{ units: Unit[]; nextCursor: string }>('/equipment?limit=2', 'pa');
    const second = await ok<{ units: Unit[]; nextCursor: string | null }>(
      `/equipment?limit=2&cursor=${first.nextCursor}`,
      'pa',
    );
    expect([...first.units, ...second.units].map((u) => u.equipmentId)).toEqual([
      'LBCT-RTG-01',
      'WBCT-STS-01',
      'WBCT-YT-001',
      'WBCT-YT-002',
    ]);
    expect(second.nextCursor).toBeNull();
    // Members' reads of these private units are audited.
    const audited = (await platform.audit.list({ orgId: 'lbct', action: 'read', limit: 100 })).map((e) => e.resource);
    expect(audited).toContain('/equipment');
  });

  it('should export the list as CSV and list the charging sessions', async () => {
    const csv = await get('/equipment?format=csv&terminal=WBCT', 'wbct');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]).toContain('equipmentId');
    expect(lines).toHaveLength(4);
    const { sessions } = await ok<{ sessions: { sessionId: string; energyKwh: number; endedAt: string }[] }>(
      '/equipment/charging-sessions?equipmentId=WBCT-YT-001',
      'wbct',
    );
    expect(sessions).toMatchObject([
      { sessionId: 'WBCT-YT-001-S1', energyKwh: 30, endedAt: '2018-05-08T09:50:00.000Z' },
    ]);
    expect((await ok<{ sessions: unknown[] }>('/equipment/charging-sessions', 'lbct')).sessions).toEqual([]);
  });

  it('should give members the ZE share per terminal and port-wide against the 2030 goal', async () => {
    expect((await get('/equipment/ze-share')).statusCode).toBe(401);
    const share = await ok<{ terminals: (Share & { terminal: string })[]; port: Share; target: unknown; asOf: string }>(
      '/equipment/ze-share',
      'maeu',
    );
    expect(share.asOf).toBe('2018-05-08T09:00:00.000Z');
    expect(share.port).toMatchObject({ units: 3, zeUnits: 1, operatingHours: 2.25, zeOperatingHours: 0.75 });
    expect(share.port.shareByCount).toBeCloseTo(1 / 3, 9);
    expect(share.port.shareByHours).toBeCloseTo(1 / 3, 9);
    expect(share.port.energy).toMatchObject({ electricityKwh: 60, dieselLitres: 24 });
    expect(share.port.chargingSessions).toEqual({ count: 1, energyKwh: 30 });
    const wbct = share.terminals.find((t) => t.terminal === 'WBCT')!;
    expect(wbct).toMatchObject({ units: 2, zeUnits: 1, shareByCount: 0.5, operatingHours: 1.75 });
    expect(share.target).toMatchObject({ targetShare: 1, targetYear: 2030, yearsLeft: 12, met: false });
    // Another day: the counts stay (latest powertrain), hours and energy are those of that day (none).
    const other = await ok<{ port: Share }>('/equipment/ze-share?from=2018-05-09&to=2018-05-09', 'wbct');
    expect(other.port).toMatchObject({ units: 3, operatingHours: 0, shareByHours: null });
  });

  it('should rebuild the same tables from zero, two events a page', async () => {
    await platform.projections.catchUpAll();
    const snapshot = async () => {
      const db = platform.database.db;
      return {
        units: await db.selectFrom('equipment_unit').selectAll().orderBy('equipment_id').execute(),
        days: await db
          .selectFrom('equipment_day')
          .selectAll()
          .orderBy('terminal_code')
          .orderBy('day')
          .orderBy('equipment_type')
          .orderBy('powertrain')
          .execute(),
        sessions: await db.selectFrom('charging_session').selectAll().orderBy('session_id').execute(),
      };
    };
    const before = await snapshot();
    const errors: unknown[] = [];
    const rebuilt = new ProjectionRunner(
      platform.database.db,
      platform.events,
      equipmentProjections().map((p) => ({ ...p, version: p.version + 1 })),
      2,
      (error) => errors.push(error),
    );
    await rebuilt.start();
    await rebuilt.stop();
    expect(errors).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('should refuse unknown parameters and bad values with a 400 problem', async () => {
    for (const url of [
      '/equipment?colour=red',
      '/equipment?powertrain=steam',
      '/equipment?type=forklift',
      '/equipment?limit=0',
      '/equipment?cursor=bm9wZQ',
      '/equipment/ze-share?from=2018-02-30',
      '/equipment/ze-share?from=2018-05-09&to=2018-05-01',
      '/equipment/ze-share?terminal=WBCT',
      '/equipment/charging-sessions?equipmentId=a%20b',
      `/equipment/${'x'.repeat(65)}`,
    ]) {
      const res = await get(url, 'pa');
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });
});
