/**
 * `GET /appointments` and `GET /appointments/outcomes` (issue 13: a trucker's own appointments, no-shows and missed
 * windows measured) with two terminals and three truckers: each trucker sees only the appointments it stated, each
 * with the visit the terminal's gate reported for it and whether it was kept; the outcome counts and rates match
 * the hand count; bad or unknown parameters are 400, anonymous callers 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const HEADER =
  'appointment_id,terminal,trucking_company_scac,truck_plate,slot_start,slot_end,move,container_number,booking_reference,status';
// Slots on Thu 2026-02-12 (UTC), long past: every outcome is settled.
const APPOINTMENTS = {
  sbtl: [
    'APT-1,ETS,SBTL,7ABC123,2026-02-12T08:00:00Z,2026-02-12T09:00:00Z,PICKUP,EGHU9345670,,BOOKED', // gate-in 08:14 → kept
    'APT-2,ETS,SBTL,7ABC123,2026-02-12T10:00:00Z,2026-02-12T11:00:00Z,PICKUP,TCLU5544330,,BOOKED', // no visit → no-show
    'APT-3,TRAP,SBTL,7ABC124,2026-02-12T13:00:00Z,2026-02-12T14:00:00Z,DROPOFF,ONEU0123450,,BOOKED', // 15:10 → late
  ],
  hrzd: ['APT-4,TRAP,HRZD,8XYZ456,2026-02-12T10:00:00Z,2026-02-12T11:00:00Z,DROPOFF,MSKU9070323,,BOOKED'], // 10:05 → kept
  qctr: ['APT-5,ETS,QCTR,9QQQ111,2026-02-12T15:30:00Z,2026-02-12T16:30:00Z,PICKUP,MSCU1234566,,CANCELLED'],
} as const;
const GATE_HEADER =
  'transaction_id,visit_id,terminal,lane,direction,timestamp,trucking_company_scac,truck_plate,container_number,size_type,empty_full,seal,booking_reference,appointment_id';
const GATES = {
  ets: [
    'GT-1,V-ETS-1,ETS,IN-07,IN,2026-02-12T08:14:05Z,SBTL,7ABC123,,,,,,APT-1',
    'GT-2,V-ETS-1,ETS,OUT-03,OUT,2026-02-12T08:52:40Z,SBTL,7ABC123,EGHU9345670,45G1,F,,,APT-1',
  ],
  trap: [
    'GT-3,V-TRP-1,TRAP,IN-02,IN,2026-02-12T10:05:12Z,HRZD,8XYZ456,MSKU9070323,45G1,F,,,APT-4',
    'GT-4,V-TRP-2,TRAP,IN-02,IN,2026-02-12T15:10:00Z,SBTL,7ABC124,ONEU0123450,45G1,F,,,APT-3',
  ],
} as const;

interface Appointment {
  appointmentId: string;
  terminalCode: string;
  truckingCompany: string;
  outcome: string;
  gateInAt: string | null;
  visitId: string | null;
  minutesOutsideSlot: number | null;
  asOf: string;
  source: { organisation: string };
}

describe.each(ENGINES)('trucker appointments on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const get = (url: string, org?: string) =>
    server.app.inject({ method: 'GET', url, headers: org ? { authorization: keys.get(org)! } : {} });
  const mine = async (org: string, query = '') => {
    const res = await get(`/appointments${query}`, org);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ appointments: Appointment[] }>().appointments;
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['sbtl', 'trucker'],
      ['hrzd', 'trucker'],
      ['qctr', 'trucker'],
      ['ets', 'terminal'],
      ['trap', 'terminal'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role)).authorization);
    }
    await operates(platform, 'ets', ['ETS']);
    await operates(platform, 'trap', ['TRAP']);
    const send = (org: string, format: string, rows: readonly string[], header: string) =>
      platform.pipeline.ingest({
        format,
        body: Buffer.from(`${header}\n${rows.join('\n')}\n`),
        channel: 'test',
        sourceOrg: org,
        ownerOrgs: [org],
        visibility: 'private',
      });
    for (const [org, rows] of Object.entries(APPOINTMENTS)) {
      expect((await send(org, 'csv-truck-appointments', rows, HEADER)).status).toBe('processed');
    }
    for (const [org, rows] of Object.entries(GATES)) {
      expect((await send(org, 'csv-gate-transactions', rows, GATE_HEADER)).status).toBe('processed');
    }
    await platform.projections.catchUpAll();
  }, 240_000);
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should show a trucker only its own appointments, each with the visit that used it and whether it was kept', async () => {
    const sbtl = await mine('sbtl');
    expect(sbtl.map((a) => [a.terminalCode, a.appointmentId, a.outcome, a.gateInAt, a.visitId])).toEqual([
      ['ETS', 'APT-1', 'kept', '2026-02-12T08:14:05.000Z', 'V-ETS-1'],
      ['ETS', 'APT-2', 'no-show', null, null],
      ['TRAP', 'APT-3', 'late', '2026-02-12T15:10:00.000Z', 'V-TRP-2'],
    ]);
    expect(sbtl.find((a) => a.appointmentId === 'APT-3')?.minutesOutsideSlot).toBe(70);
    for (const a of sbtl) {
      expect(a.source.organisation).toBe('sbtl');
      expect(Date.parse(a.asOf)).not.toBeNaN();
    }
    expect((await mine('hrzd')).map((a) => [a.appointmentId, a.outcome])).toEqual([['APT-4', 'kept']]);
    expect((await mine('qctr')).map((a) => [a.appointmentId, a.outcome])).toEqual([['APT-5', 'cancelled']]);
    // A trucker never sees another's, even when it asks for that trucker or terminal.
    expect(await mine('hrzd', '?truckingCompany=SBTL')).toEqual([]);
    expect((await mine('hrzd', '?terminal=ETS')).map((a) => a.appointmentId)).toEqual([]);
    // The port authority sees all five; a terminal none it did not state.
    expect((await mine('pa')).map((a) => a.appointmentId)).toEqual(['APT-1', 'APT-2', 'APT-5', 'APT-3', 'APT-4']);
    expect(await mine('ets')).toEqual([]);
  });

  it('should filter by outcome and export CSV', async () => {
    expect((await mine('sbtl', '?outcome=no-show')).map((a) => a.appointmentId)).toEqual(['APT-2']);
    const csv = await get('/appointments?format=csv', 'sbtl');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]).toContain('appointmentId');
    expect(lines).toHaveLength(4);
  });

  it('should count outcomes with the no-show and on-time rates, per terminal', async () => {
    const res = await get('/appointments/outcomes?from=2026-02-12T00:00Z&to=2026-02-13T00:00Z', 'sbtl');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      total: { appointments: number; byOutcome: Record<string, number>; noShowRate: number; onTimeRate: number };
      byTerminal: { terminalCode: string; appointments: number; noShowRate: number | null }[];
    }>();
    // Kept 1, late 1, no-show 1: no-shows 1 of 3 settled; on time 1 of the 2 that came.
    expect(body.total).toMatchObject({ appointments: 3, noShowRate: 0.333, onTimeRate: 0.5 });
    expect(body.total.byOutcome).toMatchObject({ kept: 1, late: 1, 'no-show': 1, early: 0 });
    expect(body.byTerminal.map((t) => [t.terminalCode, t.appointments, t.noShowRate])).toEqual([
      ['ETS', 2, 0.5],
      ['TRAP', 1, 0],
    ]);
    const other = await get('/appointments/outcomes?from=2026-02-12T00:00Z&to=2026-02-13T00:00Z', 'hrzd');
    expect(other.json()).toMatchObject({ total: { appointments: 1, noShowRate: 0, onTimeRate: 1 } });
  });

  it('should judge with the configured grace (OPENPCS_APPOINTMENT_GRACE_MINUTES)', async () => {
    // APT-3's truck came 70 minutes after its slot: late with the default 30 and with none, kept with 75; APT-1's
    // came inside its slot, kept whatever the grace. The outcome figures say which grace they used.
    const wide = await buildServer({ platform, logLevel: 'silent', appointmentGraceMinutes: 75 });
    const none = await buildServer({ platform, logLevel: 'silent', appointmentGraceMinutes: 0 });
    try {
      const outcomesOf = async (s: Server) => {
        const res = await s.app.inject({ url: '/appointments', headers: { authorization: keys.get('sbtl')! } });
        return res.json<{ appointments: Appointment[] }>().appointments.map((a) => [a.appointmentId, a.outcome]);
      };
      expect(await outcomesOf(wide)).toEqual([
        ['APT-1', 'kept'],
        ['APT-2', 'no-show'],
        ['APT-3', 'kept'],
      ]);
      expect(await outcomesOf(none)).toEqual([
        ['APT-1', 'kept'],
        ['APT-2', 'no-show'],
        ['APT-3', 'late'],
      ]);
      const summary = await wide.app.inject({
        url: '/appointments/outcomes?from=2026-02-12T00:00Z&to=2026-02-13T00:00Z',
        headers: { authorization: keys.get('sbtl')! },
      });
      expect(summary.json()).toMatchObject({
        graceMinutes: 75,
        total: { byOutcome: { kept: 2, late: 0 }, onTimeRate: 1 },
      });
      expect((await get('/appointments/outcomes', 'sbtl')).json()).toMatchObject({ graceMinutes: 30 });
    } finally {
      await wide.shutdown();
      await none.shutdown();
    }
  });

  it('should refuse anonymous callers, unknown parameters and a reversed or overlong period', async () => {
    expect((await get('/appointments')).statusCode).toBe(401);
    expect((await get('/appointments/outcomes')).statusCode).toBe(401);
    const unknown = await get('/appointments?trucker=SBTL', 'sbtl');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const reversed = await get('/appointments/outcomes?from=2026-02-13T00:00Z&to=2026-02-12T00:00Z', 'sbtl');
    expect(reversed.json()).toMatchObject({ status: 400, errors: [{ pointer: '/query/to' }] });
    const long = await get('/appointments/outcomes?from=2026-01-01T00:00Z&to=2026-06-01T00:00Z', 'sbtl');
    expect(long.statusCode).toBe(400);
    expect((await get('/appointments?outcome=maybe', 'sbtl')).statusCode).toBe(400);
  });
});
