/**
 * The trucker answers over the terminal feeds (docs/truckers.md): two terminals (WBCT at USLAX, LBCT at USLGB), two
 * carriers (MAEU, CMDU). An empty-return location that runs out of room for a carrier and size/type is no longer
 * offered for it (and stays offered to the other carrier); a notice in force shows on every answer it affects;
 * every record's `asOf` is its newest contributing fact and `source` names the statement; an older statement that
 * arrives late does not overwrite a newer one; the feeds come from terminals and the port authority only (403
 * otherwise, nothing stored); undeclared query parameters and bad values are 400s with a pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const SLOTS = 'terminal,port,transaction_type,slot_start,slot_end,capacity,booked,stated_at';
const RETURNS = 'location,port,carrier_scac,iso_type,accepting,remaining_capacity,stated_at';
const NOTICES = 'notice_id,notice_type,terminal,port,carrier_scac,iso_type,valid_from,valid_to,status,text,stated_at';

interface Location {
  location: string;
  remainingCapacity: number | null;
  asOf: string;
  stale: boolean;
  source: { organisation: string; inboxId: string | null; eventId: string };
  nextSlot: { slotStart: string; free: number; asOf: string; source: { organisation: string } } | null;
  notices: { noticeId: string; noticeType: string; asOf: string }[];
}
interface EmptyReturns {
  locations: Location[];
  closed: { location: string; reason: string; asOf: string }[];
}

describe.each(ENGINES)('trucker answers over terminal feeds on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const inbox = new Map<string, string>();
  const post = async (org: string, format: string, body: string, label?: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/${format}`,
      payload: body,
      headers: { authorization: keys.get(org)!, 'content-type': 'text/csv' },
    });
    if (label && res.statusCode === 202) inbox.set(label, String(res.json().inboxId));
    return res;
  };
  const get = async <T>(url: string, org = 'sbtl') => {
    await platform.projections.catchUpAll();
    const res = await server.app.inject({ url, headers: { authorization: keys.get(org)! } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const returnsFor = (scac: string, iso: string, at = '2026-03-02T09:30:00-08:00') =>
    get<EmptyReturns>(`/empty-returns?scac=${scac}&isoType=${iso}&at=${encodeURIComponent(at)}`);

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', feedStaleMinutes: 60 });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['wbct', 'terminal'],
      ['lbct', 'terminal'],
      ['maeu', 'carrier'],
      ['sbtl', 'trucker'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role, ['read', 'ingest'])).authorization);
    }
    await operates(platform, 'wbct', ['WBCT']);
    await operates(platform, 'lbct', ['LBCT']);
    const slots = (t: string, port: string, stated: string, rows: [string, string, number, number][]) =>
      `${SLOTS}\n${rows.map(([type, start, cap, booked]) => `${t},${port},${type},2026-03-02T${start}:00-08:00,2026-03-02T${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}:00:00-08:00,${cap},${booked},2026-03-02T${stated}-08:00`).join('\n')}\n`;
    expect(
      (
        await post(
          'wbct',
          'csv-appointment-slots',
          slots('WBCT', 'USLAX', '08:05:00', [
            ['EMPTY_RETURN', '09', 10, 10],
            ['EMPTY_RETURN', '10', 10, 7],
            ['IMPORT_PICKUP', '10', 30, 12],
          ]),
          'wbct-slots',
        )
      ).statusCode,
    ).toBe(202);
    expect(
      (
        await post(
          'lbct',
          'csv-appointment-slots',
          slots('LBCT', 'USLGB', '08:10:00', [['EMPTY_RETURN', '11', 20, 5]]),
          'lbct-slots',
        )
      ).statusCode,
    ).toBe(202);
    expect(
      (
        await post(
          'wbct',
          'csv-empty-returns',
          `${RETURNS}\nWBCT,USLAX,MAEU,45G1,Y,12,2026-03-02T08:00:00-08:00\nWBCT,USLAX,CMDU,45G1,Y,30,2026-03-02T08:00:00-08:00\n`,
          'wbct-returns-1',
        )
      ).statusCode,
    ).toBe(202);
    expect(
      (
        await post(
          'lbct',
          'csv-empty-returns',
          `${RETURNS}\nLBCT,USLGB,MAEU,45G1,Y,4,2026-03-02T07:50:00-08:00\nLBCT,USLGB,CMDU,22G1,Y,9,2026-03-02T07:50:00-08:00\n`,
          'lbct-returns',
        )
      ).statusCode,
    ).toBe(202);
  }, 180_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should list every location taking an empty MAEU 45G1, with its next free empty-return slot, asOf and source', async () => {
    const answer = await returnsFor('MAEU', '45G1', '2026-03-02T08:30:00-08:00');
    expect(answer.locations.map((l) => [l.location, l.remainingCapacity])).toEqual([
      ['WBCT', 12],
      ['LBCT', 4],
    ]);
    const [wbct, lbct] = answer.locations as [Location, Location];
    // WBCT's 09:00 empty-return slot is full: the next with a free place is 10:00.
    expect(wbct.nextSlot).toMatchObject({ slotStart: '2026-03-02T18:00:00.000Z', free: 3 });
    expect(wbct.nextSlot?.source.organisation).toBe('wbct');
    // The newest fact behind WBCT: the slots statement (08:05) is newer than the receivable (08:00).
    expect(wbct.asOf).toBe('2026-03-02T16:05:00.000Z');
    expect(wbct.source).toMatchObject({ organisation: 'wbct', inboxId: inbox.get('wbct-returns-1') });
    expect(wbct.stale).toBe(false);
    expect(lbct.nextSlot).toMatchObject({ slotStart: '2026-03-02T19:00:00.000Z', free: 15 });
    expect(lbct.asOf).toBe('2026-03-02T16:10:00.000Z');
    expect(answer.closed).toEqual([]);
    // Asked two hours later, LBCT's receivable (07:50) is older than the configured 60 minutes.
    const later = await returnsFor('MAEU', '45G1', '2026-03-02T10:30:00-08:00');
    expect(later.locations.find((l) => l.location === 'LBCT')?.stale).toBe(true);
  });

  it('should stop offering a location for a carrier and size/type once its capacity falls to zero', async () => {
    const full = `${RETURNS}\nWBCT,USLAX,MAEU,45G1,Y,0,2026-03-02T09:15:00-08:00\n`;
    expect((await post('wbct', 'csv-empty-returns', full, 'wbct-returns-full')).statusCode).toBe(202);
    const maeu = await returnsFor('MAEU', '45G1');
    expect(maeu.locations.map((l) => l.location)).toEqual(['LBCT']);
    expect(maeu.closed).toMatchObject([{ location: 'WBCT', reason: 'FULL', asOf: '2026-03-02T17:15:00.000Z' }]);
    // The other carrier's empties of the same size still go to WBCT.
    const cmdu = await returnsFor('CMDU', '45G1');
    expect(cmdu.locations.map((l) => [l.location, l.remainingCapacity])).toEqual([['WBCT', 30]]);
    // A statement made earlier but delivered now (07:00) does not reopen it.
    const old = `${RETURNS}\nWBCT,USLAX,MAEU,45G1,Y,50,2026-03-02T07:00:00-08:00\n`;
    expect((await post('wbct', 'csv-empty-returns', old)).statusCode).toBe(202);
    expect((await returnsFor('MAEU', '45G1')).locations.map((l) => l.location)).toEqual(['LBCT']);
  });

  it('should show a notice on the answers it affects and close a location it closes', async () => {
    const body =
      `${NOTICES}\n` +
      `FOG-1,WEATHER,,USLGB,,,2026-03-02T06:00:00-08:00,2026-03-02T12:00:00-08:00,ACTIVE,Dense fog,2026-03-02T09:20:00-08:00\n` +
      `LB-NO-CMDU,EMPTIES_NOT_ACCEPTED,LBCT,USLGB,CMDU,,2026-03-02T09:00:00-08:00,,ACTIVE,No CMDU empties,2026-03-02T08:55:00-08:00\n`;
    expect((await post('pa', 'csv-terminal-notices', body, 'notices')).statusCode).toBe(202);
    const maeu = await returnsFor('MAEU', '45G1');
    const lbct = maeu.locations.find((l) => l.location === 'LBCT')!;
    expect(lbct.notices.map((n) => n.noticeId)).toEqual(['FOG-1']);
    // The fog advisory (09:20) is now the newest fact behind the LBCT answer.
    expect(lbct.asOf).toBe('2026-03-02T17:20:00.000Z');
    const cmdu = await returnsFor('CMDU', '22G1');
    expect(cmdu.locations).toEqual([]);
    expect(cmdu.closed).toMatchObject([{ location: 'LBCT', reason: 'NOTICE' }]);
    // The slots of LBCT during the fog carry it; WBCT's (USLAX) do not.
    const slots = await get<{ slots: { terminal: string; notices: { noticeId: string }[]; asOf: string }[] }>(
      `/appointments/availability?type=EMPTY_RETURN&from=${encodeURIComponent('2026-03-02T08:00:00-08:00')}&to=${encodeURIComponent('2026-03-02T14:00:00-08:00')}`,
    );
    const lbctSlot = slots.slots.find((s) => s.terminal === 'LBCT')!;
    expect(lbctSlot.notices.map((n) => n.noticeId).sort()).toEqual(['FOG-1', 'LB-NO-CMDU']);
    expect(lbctSlot.asOf).toBe('2026-03-02T17:20:00.000Z');
    expect(slots.slots.filter((s) => s.terminal === 'WBCT').every((s) => s.notices.length === 0)).toBe(true);
    const active = await get<{ notices: { noticeId: string; activeAt: boolean }[] }>(
      `/notices?terminal=LBCT&active=true&at=${encodeURIComponent('2026-03-02T13:00:00-08:00')}`,
    );
    expect(active.notices.map((n) => n.noticeId)).toEqual(['LB-NO-CMDU']);
  });

  it('should answer appointment availability with capacity, booked and free per slot', async () => {
    const answer = await get<{
      slots: { terminal: string; transactionType: string; capacity: number; booked: number; free: number }[];
    }>(
      `/appointments/availability?terminal=wbct&from=${encodeURIComponent('2026-03-02T09:00:00-08:00')}&to=${encodeURIComponent('2026-03-02T11:00:00-08:00')}`,
    );
    expect(answer.slots.map((s) => [s.transactionType, s.capacity, s.booked, s.free])).toEqual([
      ['EMPTY_RETURN', 10, 10, 0],
      ['EMPTY_RETURN', 10, 7, 3],
      ['IMPORT_PICKUP', 30, 12, 18],
    ]);
  });

  it('should refuse terminal feeds from a carrier or a trucker with 403 and store nothing', async () => {
    const before = await platform.database.db
      .selectFrom('inbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [org, format, body] of [
      ['sbtl', 'csv-empty-returns', `${RETURNS}\nWBCT,USLAX,MAEU,45G1,N,0,2026-03-02T09:40:00-08:00\n`],
      [
        'sbtl',
        'csv-appointment-slots',
        `${SLOTS}\nWBCT,USLAX,DUAL,2026-03-02T12:00:00Z,2026-03-02T13:00:00Z,5,0,2026-03-02T09:00:00Z\n`,
      ],
      [
        'maeu',
        'csv-terminal-notices',
        `${NOTICES}\nX,OTHER,WBCT,,,,2026-03-02T09:00:00Z,,ACTIVE,x,2026-03-02T09:00:00Z\n`,
      ],
    ] as const) {
      const res = await post(org, format, body);
      expect(res.statusCode, `${org} ${format}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'PCS_INGEST_SENDER_ROLE', errors: [{ pointer: '/params/format' }] });
    }
    const after = await platform.database.db
      .selectFrom('inbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('should reject bad rows with their line and column, and store the good ones', async () => {
    const res = await post(
      'wbct',
      'csv-appointment-slots',
      `${SLOTS}\nWBCT,USLAX,EMPTY_RETURN,2026-03-03T09:00:00-08:00,2026-03-03T10:00:00-08:00,5,6,2026-03-02T09:00:00-08:00\n` +
        `WBCT,USLAX,TELEPORT,2026-03-03T09:00:00-08:00,2026-03-03T10:00:00-08:00,5,1,2026-03-02T09:00:00-08:00\n` +
        `WBCT,USLAX,DUAL,2026-03-03T09:00:00-08:00,2026-03-03T10:00:00-08:00,5,1,2026-03-02T09:00:00-08:00\n`,
    );
    expect(res.statusCode).toBe(207);
    expect(res.json().errors).toMatchObject([
      { code: 'PCS_CSV_INCONSISTENT_ROW', pointer: expect.stringContaining('booked') },
      { code: 'PCS_CSV_BAD_VALUE', pointer: expect.stringContaining('transaction_type') },
    ]);
  });

  it('should refuse unknown parameters and bad values with 400 and a pointer, never 5xx', async () => {
    for (const [url, pointer] of [
      ['/empty-returns?scac=MAEU&isoType=45G1&colour=red', 'colour'],
      ['/empty-returns?scac=MAEU', 'isoType'],
      ['/empty-returns?scac=MAEU&isoType=99ZZ', 'isoType'],
      ['/empty-returns?scac=M4EU&isoType=45G1', 'scac'],
      ['/empty-returns?scac=MAEU&isoType=45G1&at=yesterday', 'at'],
      ['/appointments/availability?type=TELEPORT', 'type'],
      ['/appointments/availability?from=2026-03-02T10:00Z&to=2026-03-02T09:00Z', 'to'],
      ['/appointments/availability?from=2026-03-01T00:00Z&to=2026-03-20T00:00Z', 'to'],
      ['/appointments/availability?terminal=WBCT&limit=5', 'limit'],
      ['/notices?active=maybe', 'active'],
      ['/notices?terminal=WB%20CT', 'terminal'],
    ] as const) {
      const res = await server.app.inject({ url, headers: { authorization: keys.get('sbtl')! } });
      expect(res.statusCode, url).toBe(400);
      expect(JSON.stringify(res.json().errors), url).toContain(pointer);
    }
  });

  it('should show community feeds to members, and nothing to anonymous callers', async () => {
    const res = await server.app.inject({ url: '/empty-returns?scac=CMDU&isoType=45G1&at=2026-03-02T17:30Z' });
    expect(res.statusCode).toBe(200);
    expect(res.json<EmptyReturns>().locations).toEqual([]);
    const member = await returnsFor('CMDU', '45G1');
    expect(member.locations.map((l) => l.location)).toEqual(['WBCT']);
  });
});
