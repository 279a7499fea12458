/**
 * The cargo story (test/cargo/container-story.test.ts) told by four organisations, each sending its own
 * messages as private data, read back through the cargo API: the port authority sees the whole story, the
 * carrier only its own facts (no customs hold of someone else), an outsider nothing, and everyone the KPIs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionReport, SEED_VESSELS } from '../../bench/portal-seed.js';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const BOX = 'EGHU8300218';
const SENDERS = [
  ['eglv', 'carrier', 'dcsa-events', 'cargo-story/carrier-dcsa-events.json'],
  ['yti', 'terminal', 'edifact-codeco', 'cargo-story/terminal-codeco-gate-out.edi'],
  ['yti', 'terminal', 'edifact-coarri', 'cargo-story/terminal-coarri-discharge.edi'],
  ['cbp-broker', 'customs_broker', 'csv-holds', 'cargo-story/customs-holds.csv'],
  ['cbp-broker', 'customs_broker', 'csv-holds', 'cargo-story/customs-releases.csv'],
  ['sbtl', 'trucker', 'csv-gate-transactions', 'cargo-story/trucker-gate-transactions.csv'],
  ['sbtl', 'trucker', 'csv-truck-appointments', 'cargo-story/trucker-appointment.csv'],
] as const;

describe.each(ENGINES)('cargo API over the container story on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const get = (url: string, org?: string, accept?: string) =>
    server.app.inject({
      method: 'GET',
      url,
      headers: { ...(org ? { authorization: keys.get(org)! } : {}), ...(accept ? { accept } : {}) },
    });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['eglv', 'carrier'],
      ['yti', 'terminal'],
      ['cbp-broker', 'customs_broker'],
      ['sbtl', 'trucker'],
      ['other-carrier', 'carrier'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role)).authorization);
    }
    await operates(platform, 'yti', ['YUSEN']); // Yusen Terminals operates its terminal
    for (const [org, , format, path] of SENDERS) {
      await platform.pipeline.ingest({
        format,
        body: fixture(path),
        channel: 'test',
        sourceOrg: org,
        ownerOrgs: [org],
        visibility: 'private',
        timeZone: 'America/Los_Angeles',
      });
    }
    // The carrier's own gate-out of a second box (after EGHU8300218 in container-number order), so that a
    // carrier's page of one under status=GATED_OUT starts on a row the carrier's partial view drops.
    await platform.pipeline.ingest({
      format: 'csv-gate-transactions',
      body: Buffer.from(
        'transaction_id,visit_id,terminal,lane,direction,timestamp,trucking_company_scac,truck_plate,container_number,size_type,empty_full,seal,bill_of_lading,appointment_id\n' +
          'GT-YUS-5601,V-YUS-7801,YUSEN,OUT-01,OUT,2026-03-19 10:00:00,SBTL,7XYZ789,TGHU1234567,45G1,F,,,\n',
      ),
      channel: 'test',
      sourceOrg: 'eglv',
      ownerOrgs: ['eglv'],
      visibility: 'private',
      timeZone: 'America/Los_Angeles',
    });
    await platform.projections.catchUpAll();
  });
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should give the port authority the whole story: holds, availability, LFD, dwell and history', async () => {
    const res = await get(`/containers/${BOX}`, 'pa');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      equipmentReference: BOX,
      status: 'GATED_OUT',
      direction: 'IMPORT',
      holdsOpen: [],
      terminalCode: 'YUSEN',
      vessel: { imoNumber: '9893890', name: 'EVER ACE' },
      carrierVoyageNumber: '1043E',
      dischargedAt: '2026-03-16T14:40:00.000Z',
      gatedOutAt: '2026-03-18T16:03:00.000Z',
      lastFreeDay: '2026-03-20',
      demurrageStarts: '2026-03-21',
      partialView: false,
    });
    expect(body.holds.map((h: { holdType: string }) => h.holdType)).toEqual(['CUSTOMS', 'FREIGHT']);
    const times = body.history.map((h: { eventDateTime: string }) => h.eventDateTime);
    expect(times).toEqual([...times].sort());
    expect(new Set(body.history.map((h: { source: string }) => h.source))).toEqual(
      new Set(['dcsa-events', 'edifact-codeco', 'edifact-coarri', 'csv-holds', 'csv-gate-transactions']),
    );
  });

  it('should show the carrier only its own facts: no customs hold, no terminal gate-out', async () => {
    const res = await get(`/containers/${BOX}`, 'eglv');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.partialView).toBe(true);
    expect(body.holds).toEqual([]);
    expect(body.gatedOutAt).toBeNull();
    expect(body.status).toBe('AVAILABLE');
    expect(new Set(body.history.map((h: { source: string }) => h.source))).toEqual(new Set(['dcsa-events']));
    const audit = await platform.audit.list({ orgId: 'eglv', action: 'read' });
    expect(audit[0]).toMatchObject({ resource: `/containers/${BOX}`, detail: { partialView: true } });
  });

  it('should list the boxes on one bill of lading, and refuse a misspelt filter', async () => {
    const onBl = await get('/containers?transportDocumentReference=EGLV142600999001', 'pa');
    expect(onBl.statusCode).toBe(200);
    // Both boxes of the carrier's booking are on EGLV142600999001 (carrier-dcsa-events.json).
    expect(onBl.json().containers.map((c: { equipmentReference: string }) => c.equipmentReference)).toEqual([
      BOX,
      'TCNU5512345',
    ]);
    const other = await get('/containers?transportDocumentReference=EGLV142600999002', 'pa');
    expect(other.json().containers).toEqual([]);
    const misspelt = await get('/containers?billOfLadingNumber=EGLV142600999001', 'pa');
    expect(misspelt.statusCode).toBe(400);
    expect(misspelt.json()).toMatchObject({
      code: 'PCS_API_UNKNOWN_PARAMETER',
      errors: [{ pointer: '/query/billOfLadingNumber' }],
    });
  });

  it('should take billOfLading as another name for transportDocumentReference, and refuse two different numbers', async () => {
    const byAlias = await get('/containers?billOfLading=EGLV142600999001', 'pa');
    expect(byAlias.statusCode).toBe(200);
    expect(byAlias.json().containers.map((c: { equipmentReference: string }) => c.equipmentReference)).toEqual([
      BOX,
      'TCNU5512345',
    ]);
    expect((await get('/containers?billOfLading=EGLV142600999002', 'pa')).json().containers).toEqual([]);
    // The carrier sees the same boxes under either name.
    const carrierAlias = await get('/containers?billOfLading=EGLV142600999001', 'eglv');
    const carrierDcsa = await get('/containers?transportDocumentReference=EGLV142600999001', 'eglv');
    expect(carrierAlias.json()).toEqual(carrierDcsa.json());
    const same = await get(
      '/containers?billOfLading=EGLV142600999001&transportDocumentReference=EGLV142600999001',
      'pa',
    );
    expect(same.json()).toEqual(byAlias.json());
    const both = await get(
      '/containers?billOfLading=EGLV142600999002&transportDocumentReference=EGLV142600999001',
      'pa',
    );
    expect(both.statusCode).toBe(400);
    expect(both.headers['content-type']).toContain('application/problem+json');
    expect(both.json()).toMatchObject({ code: 'PCS_API_VALIDATION', errors: [{ pointer: '/query/billOfLading' }] });
    const malformed = await get('/containers?billOfLading=EGLV%2F1426', 'pa');
    expect(malformed.statusCode).toBe(400);
  });

  it('should page through every box a caller sees, one at a time, even where a partial view fails the filter', async () => {
    // The carrier sees EGHU8300218 as AVAILABLE (it may not see the terminal's gate-out), so under
    // status=GATED_OUT the stored row matches and the carrier's view does not: a page of one must not end there.
    for (const org of ['pa', 'eglv', 'sbtl'] as const) {
      for (const query of ['', 'status=GATED_OUT', 'status=AVAILABLE', 'transportDocumentReference=EGLV142600999001']) {
        const whole = (await get(`/containers?${query}&limit=100`, org)).json();
        expect(whole.nextCursor).toBeNull();
        const paged: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 20; page++) {
          const res = await get(`/containers?${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, org);
          expect(res.statusCode).toBe(200);
          const body = res.json();
          paged.push(...body.containers.map((c: { equipmentReference: string }) => c.equipmentReference));
          cursor = body.nextCursor;
          if (cursor === null) break;
        }
        expect({ org, query, paged }).toEqual({
          org,
          query,
          paged: whole.containers.map((c: { equipmentReference: string }) => c.equipmentReference),
        });
      }
    }
  });

  it('should answer a box the caller may not see exactly like one that does not exist', async () => {
    const hidden = await get(`/containers/${BOX}`, 'other-carrier');
    const absent = await get('/containers/CSQU3054383', 'other-carrier');
    expect([hidden.statusCode, absent.statusCode]).toEqual([404, 404]);
    const shape = (b: Record<string, unknown>) => ({ ...b, detail: undefined, instance: undefined });
    expect(shape(hidden.json())).toEqual(shape(absent.json()));
    expect((await get('/containers', 'other-carrier')).json().containers).toEqual([]);
    expect((await get('/truck-visits', 'other-carrier')).json().visits).toEqual([]);
  });

  it('should reject a bad ISO 6346 check digit with a pointer to the reference', async () => {
    const res = await get('/containers/EGHU8300219', 'pa');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'PCS_ID_CONTAINER_CHECK_DIGIT',
      errors: [{ pointer: '/params/reference' }],
    });
  });

  it('should give the trucker its visit with turn time and appointment, and hide it from the terminal', async () => {
    const res = await get('/truck-visits/V-YUS-7781', 'sbtl');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      terminalCode: 'YUSEN',
      truckingCompany: 'SBTL',
      gateInAt: '2026-03-18T15:12:30.000Z',
      gateOutAt: '2026-03-18T16:03:10.000Z',
      turnTimeMinutes: 50.7,
      appointmentId: 'APT-YUSEN-260318-0042',
      partialView: false,
    });
    expect((await get('/truck-visits/V-YUS-7781', 'yti')).statusCode).toBe(404);
    const csv = await get(
      '/truck-visits?terminal=yusen&from=2026-03-18T00:00:00Z&to=2026-03-19T00:00:00Z',
      'sbtl',
      'text/csv',
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('V-YUS-7781');
    expect(lines[1]).toContain(BOX);
  });

  it('should export the containers a caller sees as CSV and NDJSON', async () => {
    const csv = await get('/containers?format=csv', 'pa');
    const rows = csv.body.trim().split('\r\n');
    expect(rows[0]!.split(',')[0]).toBe('equipmentReference');
    expect(
      rows
        .slice(1)
        .map((r) => r.split(',')[0])
        .sort(),
    ).toEqual(['EGHU8300218', 'TCNU5512345', 'TGHU1234567']);
    const nd = await get('/containers?status=GATED_OUT', 'pa', 'application/x-ndjson');
    expect(
      nd.body
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { equipmentReference: string }).equipmentReference),
    ).toEqual([BOX, 'TGHU1234567']);
  });

  it('should publish terminal KPIs to every caller, anonymous included', async () => {
    const member = await get('/terminals/YUSEN/kpis?from=2026-03-18&to=2026-03-18', 'other-carrier');
    const anonymous = await get('/terminals/YUSEN/kpis?from=2026-03-18&to=2026-03-18');
    expect(member.statusCode).toBe(200);
    expect(anonymous.json()).toEqual(member.json());
    expect(member.json().days).toEqual([
      expect.objectContaining({
        day: '2026-03-18',
        truckVisits: 1,
        importDwell: expect.objectContaining({ count: 1 }),
      }),
    ]);
  });

  it('should publish the operations statistics (TEU per week, KPIs per day) to every caller, anonymous included', async () => {
    const url = '/statistics/operations?from=2026-03-16&to=2026-03-18&terminal=yusen';
    const member = await get(url, 'other-carrier');
    const anonymous = await get(url);
    expect(member.statusCode).toBe(200);
    const body = member.json();
    const { computedAt: _m, ...memberFigures } = body;
    const { computedAt: _a, ...anonymousFigures } = anonymous.json();
    expect(anonymousFigures).toEqual(memberFigures);
    expect(body).toMatchObject({ from: '2026-03-16', to: '2026-03-18', terminal: 'YUSEN' });
    // Discharged at YUSEN on Monday 2026-03-16: the 45G1 (2 TEU, the terminal's COARRI and the carrier's event,
    // one milestone) and the carrier's 22G1 (1 TEU, 07:52 local): two boxes, 3 TEU, in that ISO week.
    expect(body.teuPerWeek.rows).toEqual([
      {
        terminal: 'YUSEN',
        weekStart: '2026-03-16',
        importTeu: 3,
        exportTeu: 0,
        importBoxes: 2,
        exportBoxes: 0,
        unknownSizeBoxes: 0,
      },
    ]);
    expect(body.teuPerWeek.asOf).toBe('2026-03-16T14:52:00.000Z');
    // The KPI day of the KPIs route, figure for figure.
    interface Kpi {
      day: string;
      truckVisits: number;
      gateOutMoves: number;
      importDwell: { count: number };
    }
    const kpis = (await get('/terminals/YUSEN/kpis?from=2026-03-16&to=2026-03-18')).json<{ days: Kpi[] }>().days;
    expect(body.terminalDays.rows).toEqual(
      kpis.map((k): unknown =>
        expect.objectContaining({
          terminal: 'YUSEN',
          day: k.day,
          truckVisits: k.truckVisits,
          gateOutMoves: k.gateOutMoves,
          importDwellCount: k.importDwell.count,
        }),
      ),
    );
    expect(body.terminalDays.rows.length).toBeGreaterThan(0);
    expect(body.terminalDays.asOf).not.toBeNull();
    // No vessel call in this story: three days, no ship at anchor.
    expect(body.shipsAtAnchor.rows).toEqual([
      { day: '2026-03-16', ships: 0 },
      { day: '2026-03-17', ships: 0 },
      { day: '2026-03-18', ships: 0 },
    ]);
  });

  it('should date the ships at anchor by the AIS the caller may see, else by the newest report of any visibility', async () => {
    // One community AIS report in the period (the public may not see it): the calls the public may see are
    // counted (none), as current as the detector's AIS — so the series is dated, not "as of" nothing.
    const [lon, lat] = SEED_VESSELS[0]!.at;
    const report = async (at: string) => {
      await platform.pipeline.ingest({
        format: 'ais-nmea',
        body: Buffer.from(positionReport(SEED_VESSELS[0]!.mmsi, lon, lat, Date.parse(at))),
        channel: 'test',
        sourceOrg: 'pa',
        ownerOrgs: ['pa'],
        visibility: 'community',
      });
      await platform.projections.catchUpAll();
    };
    await report('2026-03-17T12:00:00Z');
    const url = '/statistics/operations?from=2026-03-16&to=2026-03-18';
    type Anchor = { shipsAtAnchor: { asOf: string | null; rows: { ships: number }[] } };
    const anonymous = (await get(url)).json<Anchor>().shipsAtAnchor;
    const member = (await get(url, 'pa')).json<Anchor>().shipsAtAnchor;
    expect(member.asOf).toBe('2026-03-17T12:00:00.000Z');
    expect(anonymous.asOf).toBe('2026-03-17T12:00:00.000Z');
    expect(anonymous.rows.map((r) => r.ships)).toEqual([0, 0, 0]);
    // Before the period's end only: a later report does not date an earlier period.
    const before = (await get('/statistics/operations?from=2026-03-10&to=2026-03-12')).json<Anchor>().shipsAtAnchor;
    expect(before.asOf).toBeNull();
    // A period the ship reported in and then went on reporting after (every latest position past the period's end:
    // "today" once the simulator's clock passed the port's midnight): dated by its last report inside, not undated.
    await report('2026-03-16T20:00:00Z');
    const day = '/statistics/operations?from=2026-03-16&to=2026-03-16';
    expect((await get(day, 'pa')).json<Anchor>().shipsAtAnchor.asOf).toBe('2026-03-16T20:00:00.000Z');
    expect((await get(day)).json<Anchor>().shipsAtAnchor.asOf).toBe('2026-03-16T20:00:00.000Z');
  });

  it('should refuse a reversed or over-long period and unknown parameters with 400, not 5xx', async () => {
    for (const query of ['from=2026-03-18&to=2026-03-16', 'from=2025-01-01&to=2026-03-18', 'from=2026-02-30', 'x=1']) {
      const res = await get(`/statistics/operations?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/statistics/operations?from=2025-03-18&to=2026-03-18')).statusCode).toBe(200);
  });
});
