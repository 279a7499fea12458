/**
 * Carriers change their own empty-return receivables (issue 13; access/carrier-scacs.ts, migration 0026): the port
 * authority links a carrier organisation to its SCACs (`PUT /admin/organisations/{id}/scacs`); the carrier then
 * sends `csv-empty-returns` rows for its own SCAC, and a row for another carrier's SCAC is rejected to the dead
 * letter (`PCS_INGEST_SCAC_NOT_OWN`) while its own rows are stored. The location's word and the carrier's combine
 * (both must accept; the smaller stated capacity; each party's newer statement replaces only its own), so the
 * trucker's "I have an empty MAEU 45G1: where can I return it now?" follows the carrier's restriction, and an
 * empty-capacity alert fires exactly once per subscriber when the carrier closes and when it reopens.
 *
 * Two terminals (WBCT at USLAX, LBCT at USLGB), two carriers (maeu: MAEU, cmdu: CMDU), three truckers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const RETURNS = 'location,port,carrier_scac,iso_type,accepting,remaining_capacity,stated_at';
const SLOTS = 'terminal,port,transaction_type,slot_start,slot_end,capacity,booked,stated_at';
const AT = '2026-03-02T11:30:00-08:00';

interface Word {
  statedBy: string;
  accepting: boolean;
  remainingCapacity: number | null;
  asOf: string;
  source: { organisation: string };
}
interface EmptyReturns {
  locations: {
    location: string;
    remainingCapacity: number | null;
    statedBy: string;
    statements: Word[];
    nextSlot: { slotStart: string; free: number } | null;
    asOf: string;
    source: { organisation: string };
  }[];
  closed: {
    location: string;
    reason: string;
    statedBy: string | null;
    asOf: string;
    source: { organisation: string };
  }[];
}
interface AlertView {
  kind: string;
  reason: string;
  source: { organisation: string | null };
  details: Record<string, unknown>;
}

describe.each(ENGINES)('carriers state the empty returns of their own SCACs on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const api = (org: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    server.app.inject({
      method,
      url,
      headers: { authorization: keys.get(org)! },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const send = async (org: string, rows: string, format = 'csv-empty-returns', header = RETURNS) => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/${format}`,
      payload: `${header}\n${rows}\n`,
      headers: { authorization: keys.get(org)!, 'content-type': 'text/csv' },
    });
    await platform.projections.catchUpAll();
    return res;
  };
  const returnsFor = async (scac: string, at = AT) => {
    await platform.projections.catchUpAll();
    const res = await api('t1', 'GET', `/empty-returns?scac=${scac}&isoType=45G1&at=${encodeURIComponent(at)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<EmptyReturns>();
  };
  const alertsOf = async (org: string) => {
    const res = await api(org, 'GET', '/alerts');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AlertView[]>();
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', feedStaleMinutes: 600 });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['wbct', 'terminal'],
      ['lbct', 'terminal'],
      ['maeu', 'carrier'],
      ['cmdu', 'carrier'],
      ['t1', 'trucker'],
      ['t2', 'trucker'],
      ['t3', 'trucker'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role, ['read', 'ingest', 'admin'])).authorization);
    }
    await operates(platform, 'wbct', ['WBCT']);
    await operates(platform, 'lbct', ['LBCT']);
    // The terminals take empty MAEU and CMDU 45G1s; WBCT has an empty-return slot free at 12:00.
    expect(
      (
        await send(
          'wbct',
          'WBCT,USLAX,MAEU,45G1,Y,12,2026-03-02T08:00:00-08:00\nWBCT,USLAX,CMDU,45G1,Y,30,2026-03-02T08:00:00-08:00',
        )
      ).statusCode,
    ).toBe(202);
    expect((await send('lbct', 'LBCT,USLGB,MAEU,45G1,Y,4,2026-03-02T08:00:00-08:00')).statusCode).toBe(202);
    expect(
      (
        await send(
          'wbct',
          'WBCT,USLAX,EMPTY_RETURN,2026-03-02T12:00:00-08:00,2026-03-02T13:00:00-08:00,10,7,2026-03-02T08:00:00-08:00',
          'csv-appointment-slots',
          SLOTS,
        )
      ).statusCode,
    ).toBe(202);
    // Two truckers watch WBCT's room for empty MAEU 45G1s; a third watches CMDU's.
    for (const [org, scac] of [
      ['t1', 'MAEU'],
      ['t2', 'MAEU'],
      ['t3', 'CMDU'],
    ] as const) {
      for (const kind of ['empty-capacity-zero', 'empty-capacity-reopened']) {
        const res = await api(org, 'POST', '/alerts/rules', {
          kind,
          parameters: { locationCode: 'WBCT', carrierScac: scac, isoEquipmentCode: '45G1' },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
    }
  }, 180_000);

  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should let only the port authority link SCACs, validate them, keep each SCAC to one carrier, and audit it', async () => {
    const link = (by: string, org: string, scacs: unknown) =>
      api(by, 'PUT', `/admin/organisations/${org}/scacs`, { scacs });
    expect((await link('maeu', 'maeu', ['MAEU'])).json()).toMatchObject({ code: 'PCS_ADMIN_SCACS_PORT_AUTHORITY' });
    expect((await link('maeu', 'maeu', ['MAEU'])).statusCode).toBe(403);
    const bad = await link('pa', 'maeu', ['maeu1']);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('/body/scacs/0');
    const notCarrier = await link('pa', 'wbct', ['WBCT']);
    expect([notCarrier.statusCode, notCarrier.json().code]).toEqual([409, 'PCS_ADMIN_NOT_A_CARRIER']);

    const set = await link('pa', 'maeu', ['MAEU', 'SEAU']);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ orgId: 'maeu', scacs: [{ scac: 'MAEU' }, { scac: 'SEAU' }] });
    expect((await link('pa', 'cmdu', ['CMDU'])).statusCode).toBe(200);
    const taken = await link('pa', 'cmdu', ['CMDU', 'MAEU']);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'PCS_ADMIN_SCAC_TAKEN',
      errors: [{ pointer: '/body/scacs/1', detail: 'MAEU is linked to maeu' }],
    });
    // Nothing changed for cmdu; the carrier's own admin reads its links, another carrier's does not.
    expect((await api('cmdu', 'GET', '/admin/organisations/cmdu/scacs')).json()).toMatchObject({
      scacs: [{ scac: 'CMDU', linkedBy: expect.stringMatching(/^pa\//) }],
    });
    expect((await api('cmdu', 'GET', '/admin/organisations/maeu/scacs')).statusCode).toBe(403);
    const audit = await platform.audit.list({ action: 'organisation.scacs' });
    expect(audit.map((a) => [a.org_id, a.resource, a.detail])).toEqual(
      expect.arrayContaining([['pa', '/admin/organisations/maeu/scacs', { scacs: ['MAEU', 'SEAU'] }]]),
    );
  });

  it("should store a carrier's rows for its own SCAC and dead-letter its row for another carrier's", async () => {
    const res = await send(
      'maeu',
      'WBCT,USLAX,MAEU,45G1,N,0,2026-03-02T10:00:00-08:00\nWBCT,USLAX,CMDU,45G1,N,0,2026-03-02T10:00:00-08:00',
    );
    expect(res.statusCode, res.body).toBe(207);
    expect(res.json()).toMatchObject({
      status: 'partial',
      eventsAppended: 1,
      rejected: 1,
      rejectedByCode: { PCS_INGEST_SCAC_NOT_OWN: 1 },
      errors: [
        {
          code: 'PCS_INGEST_SCAC_NOT_OWN',
          line: 3,
          detail: expect.stringContaining('CMDU 45G1 at WBCT (line 3): organisation maeu speaks for MAEU, SEAU only'),
        },
      ],
    });
    expect(res.json().deadLetters).toMatchObject([
      { code: 'PCS_INGEST_SCAC_NOT_OWN', line: 3, pointer: 'carrier_scac' },
    ]);
    // Nothing of the refused row was applied: CMDU is still received at WBCT on the terminal's word.
    expect((await returnsFor('CMDU')).locations).toMatchObject([
      { location: 'WBCT', remainingCapacity: 30, statedBy: 'LOCATION', source: { organisation: 'wbct' } },
    ]);
    // And no alert for CMDU's watcher.
    expect(await alertsOf('t3')).toEqual([]);
  });

  it("should close WBCT to the trucker's MAEU empty on the carrier's word, though the terminal has room", async () => {
    const answer = await returnsFor('MAEU');
    expect(answer.locations.map((l) => [l.location, l.remainingCapacity, l.statedBy])).toEqual([
      ['LBCT', 4, 'LOCATION'],
    ]);
    expect(answer.closed).toMatchObject([
      {
        location: 'WBCT',
        reason: 'NOT_ACCEPTING',
        statedBy: 'CARRIER',
        asOf: '2026-03-02T18:00:00.000Z',
        source: { organisation: 'maeu' },
        statements: [
          { statedBy: 'LOCATION', accepting: true, remainingCapacity: 12, source: { organisation: 'wbct' } },
          { statedBy: 'CARRIER', accepting: false, remainingCapacity: 0, source: { organisation: 'maeu' } },
        ],
      },
    ]);
  });

  it('should alert each MAEU subscriber exactly once when the carrier closes', async () => {
    for (const org of ['t1', 't2']) {
      const alerts = await alertsOf(org);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        kind: 'empty-capacity-zero',
        reason: 'MAEU 45G1 empties at WBCT: capacity fell to zero (not accepting; stated by carrier MAEU)',
        source: { organisation: 'maeu' },
        details: { accepting: false, statedBy: 'CARRIER' },
      });
    }
    expect(await alertsOf('t3')).toEqual([]);
  });

  it("should keep WBCT closed when the terminal restates its room, since the carrier's word still stands", async () => {
    expect((await send('wbct', 'WBCT,USLAX,MAEU,45G1,Y,20,2026-03-02T10:30:00-08:00')).statusCode).toBe(202);
    const answer = await returnsFor('MAEU');
    expect(answer.closed).toMatchObject([{ location: 'WBCT', statedBy: 'CARRIER' }]);
    expect(answer.closed[0]!.asOf).toBe('2026-03-02T18:30:00.000Z');
    for (const org of ['t1', 't2']) expect(await alertsOf(org)).toHaveLength(1);
  });

  it('should reopen WBCT with the smaller capacity and its next appointment, and alert each subscriber once', async () => {
    expect((await send('maeu', 'WBCT,USLAX,MAEU,45G1,Y,5,2026-03-02T11:00:00-08:00')).statusCode).toBe(202);
    // The same statement again changes nothing.
    expect((await send('maeu', 'WBCT,USLAX,MAEU,45G1,Y,5,2026-03-02T11:00:00-08:00')).statusCode).toBe(202);
    const answer = await returnsFor('MAEU');
    expect(answer.closed).toEqual([]);
    const wbct = answer.locations.find((l) => l.location === 'WBCT')!;
    expect(wbct).toMatchObject({
      remainingCapacity: 5,
      statedBy: 'CARRIER',
      source: { organisation: 'maeu' },
      nextSlot: { slotStart: '2026-03-02T20:00:00.000Z', free: 3 },
      asOf: '2026-03-02T19:00:00.000Z',
      statements: [
        { statedBy: 'LOCATION', remainingCapacity: 20, asOf: '2026-03-02T18:30:00.000Z' },
        { statedBy: 'CARRIER', remainingCapacity: 5, asOf: '2026-03-02T19:00:00.000Z' },
      ],
    });
    for (const org of ['t1', 't2']) {
      const alerts = await alertsOf(org);
      expect(alerts.map((a) => a.kind).sort()).toEqual(['empty-capacity-reopened', 'empty-capacity-zero']);
      expect(alerts.find((a) => a.kind === 'empty-capacity-reopened')).toMatchObject({
        reason: 'MAEU 45G1 empties at WBCT: accepting again (5 places; stated by carrier MAEU)',
        source: { organisation: 'maeu' },
      });
    }
    expect(await alertsOf('t3')).toEqual([]);
  });

  it('should dead-letter every receivable of a carrier the port authority has not linked', async () => {
    expect((await api('pa', 'PUT', '/admin/organisations/cmdu/scacs', { scacs: [] })).statusCode).toBe(200);
    const res = await send('cmdu', 'LBCT,USLGB,CMDU,45G1,N,0,2026-03-02T11:10:00-08:00');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      rejectedByCode: { PCS_INGEST_SCAC_NOT_OWN: 1 },
      errors: [{ detail: expect.stringContaining('organisation cmdu is linked to no SCAC') }],
    });
  });
});
