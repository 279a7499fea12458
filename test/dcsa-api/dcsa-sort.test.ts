/**
 * DCSA Track & Trace 2.2 `sort` on `GET /v2/events`: the events come in the order asked for
 * (`eventCreatedDateTime` / `eventDateTime`, ASC or DESC, several fields, ties in store order), across page
 * boundaries forwards (Next-Page) and backwards (Prev-Page) without a duplicate or a gap, with filters; bad
 * sorts are a 400 in the DCSA error body (checked against the official schema).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { dcsaValidators } from '../support/dcsa-official-schema.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const INPUTS = [
  ['dcsa-events', 'dcsa/events-page.json', 'application/json'],
  ['dcsa-events', 'cargo-story/carrier-dcsa-events.json', 'application/json'],
  // Every row of a CSV file has the same eventCreatedDateTime (the time received): ties, broken by seq.
  ['csv-gate-transactions', 'csv-cargo/gate-transactions.csv', 'text/csv'],
  ['csv-holds', 'csv-cargo/holds.csv', 'text/csv'],
] as const;

interface Served {
  readonly eventID: string;
  readonly eventCreatedDateTime: string;
  readonly eventDateTime: string;
  readonly equipmentEventTypeCode?: string;
}

type Field = 'eventCreatedDateTime' | 'eventDateTime';

/** The order the API must give: by the fields, then by store order (the index in `all`). */
function expected(all: readonly Served[], sort: readonly (readonly [Field, 'ASC' | 'DESC'])[]): string[] {
  const index = new Map(all.map((e, i) => [e.eventID, i]));
  return [...all]
    .sort((a, b) => {
      for (const [field, direction] of sort) {
        const d = Date.parse(a[field]) - Date.parse(b[field]);
        if (d !== 0) return direction === 'ASC' ? d : -d;
      }
      return index.get(a.eventID)! - index.get(b.eventID)!;
    })
    .map((e) => e.eventID);
}

describe.each(ENGINES)('DCSA sort on /v2/events on $name', (engine) => {
  const dcsa = dcsaValidators();
  let platform: Platform;
  let server: Server;
  let authorization: string;
  let all: Served[] = [];
  const get = (url: string) => server.app.inject({ url, headers: { authorization } });

  /** Every page from `url` on, following `header` (Next-Page or Prev-Page); the ids and the page count. */
  async function walk(url: string, header: 'next-page' | 'prev-page'): Promise<{ ids: string[]; pages: number }> {
    const pages: string[][] = [];
    let next: string | undefined = url;
    while (next) {
      const res = await get(next);
      expect(res.statusCode, res.body).toBe(200);
      pages.push(res.json<Served[]>().map((e) => e.eventID));
      const cursor: unknown = res.headers[header];
      next = typeof cursor === 'string' ? `/v2/events?cursor=${encodeURIComponent(cursor)}` : undefined;
    }
    const ordered = header === 'next-page' ? pages : pages.reverse();
    return { ids: ordered.flat(), pages: pages.length };
  }

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    authorization = (await orgWithKey(platform, 'pola', 'port_authority', ['read', 'ingest', 'admin'])).authorization;
    for (const [format, file, type] of INPUTS) {
      const res = await server.app.inject({
        method: 'POST',
        url: `/ingest/${format}?timeZone=America/Los_Angeles`,
        payload: fixture(file),
        headers: { 'content-type': type, authorization },
      });
      expect([202, 207], `${file}: ${res.body}`).toContain(res.statusCode);
    }
    const res = await get('/v2/events?limit=1000');
    all = res.json<Served[]>();
  }, 240_000);
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should have a corpus where the sorts differ from store order and from each other', () => {
    expect(all.length).toBeGreaterThan(15);
    const storeOrder = all.map((e) => e.eventID);
    const byEventTime = expected(all, [['eventDateTime', 'ASC']]);
    expect(byEventTime).not.toEqual(storeOrder);
    expect(expected(all, [['eventCreatedDateTime', 'ASC']])).not.toEqual(byEventTime);
    // Ties on eventCreatedDateTime exist, so the tie-break is exercised.
    expect(new Set(all.map((e) => e.eventCreatedDateTime)).size).toBeLessThan(all.length);
  });

  const SORTS: readonly { readonly sort: string; readonly spec: readonly (readonly [Field, 'ASC' | 'DESC'])[] }[] = [
    { sort: 'eventCreatedDateTime:ASC', spec: [['eventCreatedDateTime', 'ASC']] },
    { sort: 'eventCreatedDateTime:DESC', spec: [['eventCreatedDateTime', 'DESC']] },
    { sort: 'eventDateTime', spec: [['eventDateTime', 'ASC']] },
    { sort: 'eventDateTime:desc', spec: [['eventDateTime', 'DESC']] },
    {
      sort: 'eventCreatedDateTime:DESC,eventDateTime:ASC',
      spec: [
        ['eventCreatedDateTime', 'DESC'],
        ['eventDateTime', 'ASC'],
      ],
    },
  ];

  it.each(SORTS)('should page through sort=$sort forwards and backwards in order', async ({ sort, spec }) => {
    const want = expected(all, spec);
    const forwards = await walk(`/v2/events?sort=${sort}&limit=4`, 'next-page');
    expect(forwards.pages).toBeGreaterThan(3);
    expect(forwards.ids).toEqual(want);
    const last = await get(`/v2/events?sort=${sort}&limit=4`);
    const lastCursor = String(last.headers['last-page']);
    const backwards = await walk(`/v2/events?cursor=${encodeURIComponent(lastCursor)}`, 'prev-page');
    expect(backwards.ids).toEqual(want);
  });

  it('should keep the sort with a filter and in CSV exports', async () => {
    const gates = all.filter((e) => e.equipmentEventTypeCode === 'GTIN' || e.equipmentEventTypeCode === 'GTOT');
    expect(gates.length).toBeGreaterThan(3);
    const filtered = await walk(
      '/v2/events?equipmentEventTypeCode=GTIN,GTOT&sort=eventDateTime:DESC&limit=2',
      'next-page',
    );
    expect(filtered.ids).toEqual(expected(gates, [['eventDateTime', 'DESC']]));
    const csv = await get('/v2/events?sort=eventDateTime:DESC&limit=1000&format=csv');
    expect(csv.statusCode).toBe(200);
    const want = expected(all, [['eventDateTime', 'DESC']]);
    const firstId = csv.body.split(/\r?\n/)[1]!;
    expect(firstId).toContain(want[0]!);
  });

  it.each([
    ['eventType:ASC', 'cannot sort by "eventType"'],
    ['eventDateTime:UP', 'ASC or DESC'],
    ['eventDateTime:DESC:ASC', 'ASC or DESC'],
    ['', 'empty sort item'],
    ['eventDateTime,,eventCreatedDateTime', 'empty sort item'],
    ['eventDateTime:ASC,eventDateTime:DESC', 'named twice'],
  ])('should refuse sort=%s with a 400 in the DCSA error body', async (sort, detail) => {
    const res = await get(`/v2/events?sort=${encodeURIComponent(sort)}`);
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; errors: { pointer: string; detail: string }[] }>();
    expect(body.code).toBe('PCS_DCSA_BAD_SORT');
    expect(body.errors[0]).toMatchObject({ pointer: '/query/sort', detail: expect.stringContaining(detail) });
    expect(dcsa.validate('error', body)).toEqual([]);
  });

  it('should refuse a cursor sent with another sort, and accept it with the same one', async () => {
    const first = await get('/v2/events?sort=eventDateTime:DESC&limit=4');
    const next = encodeURIComponent(String(first.headers['next-page']));
    const other = await get(`/v2/events?cursor=${next}&sort=eventDateTime:ASC`);
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({
      code: 'PCS_DCSA_CURSOR_FILTER_MISMATCH',
      errors: [{ pointer: '/query/sort' }],
    });
    const same = await get(`/v2/events?cursor=${next}&sort=eventDateTime:DESC`);
    expect(same.statusCode).toBe(200);
    expect(same.json<Served[]>().map((e) => e.eventID)).toEqual(expected(all, [['eventDateTime', 'DESC']]).slice(4, 8));
  });
});
