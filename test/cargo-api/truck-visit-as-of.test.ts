/**
 * "As of and source on every record" for truck visits (issue 13): each visit of `GET /truck-visits` and `GET
 * /truck-visits/{visitId}` carries `asOf` — the event time of the newest gate event of the visit the caller may see —
 * and `source`, the organisation, inbox message and event that stated it. Story: the trucker SBTL reports its gate-in
 * (08:12:30) and gate-out (09:03:10) of V-YUS-7781 at YUSEN; the terminal then reports, as private data, a later
 * gate-out of the same visit (09:20:00). The port authority's asOf is the terminal's; the trucker, which may not see
 * the terminal's report, keeps its own gate-out. An open visit (gate-in, no gate-out) is `stale` once its newest gate
 * event is older than the terminal-feed age (`OPENPCS_FEED_STALE_MINUTES`, the server's `feedStaleMinutes`); a closed
 * one never is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const VISIT = 'V-YUS-7781';
const HEADER =
  'transaction_id,visit_id,terminal,lane,direction,timestamp,trucking_company_scac,truck_plate,container_number,size_type,empty_full,seal,bill_of_lading,appointment_id';
const TERMINAL_GATE_OUT = `${HEADER}\nYT-GATE-9001,${VISIT},YUSEN,OUT-05,OUT,2026-03-18 09:20:00,SBTL,7XYZ789,TCNU5512345,45G1,F,,,\n`;

interface Visit {
  visitId: string;
  partialView: boolean;
  gateOutAt: string | null;
  asOf: string | null;
  stale: boolean;
  source: { organisation: string; inboxId: string | null; eventId: string } | null;
}

describe.each(ENGINES)('truck visit asOf and source on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let strict: Server;
  const keys = new Map<string, string>();
  const inboxes = new Map<string, string>();
  const get = async <T>(url: string, org: string, accept?: string) => {
    const res = await server.app.inject({
      url,
      headers: { authorization: keys.get(org)!, ...(accept ? { accept } : {}) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return accept ? (res.body as T) : res.json<T>();
  };
  const ingest = async (org: string, body: Buffer) => {
    const outcome = await platform.pipeline.ingest({
      format: 'csv-gate-transactions',
      body,
      channel: 'test',
      sourceOrg: org,
      ownerOrgs: [org],
      visibility: 'private',
      timeZone: 'America/Los_Angeles',
    });
    expect(outcome.rejected, JSON.stringify(outcome)).toBe(0);
    inboxes.set(org, String(outcome.inboxId));
    await platform.projections.catchUpAll();
  };
  /** The stored event behind a `source`: its time, sender and visit. */
  const eventOf = async (eventId: string) => {
    const row = await platform.database.db
      .selectFrom('event')
      .select(['event_date_time', 'source_org', 'inbox_id', 'payload'])
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    return {
      at: new Date(row.event_date_time).toISOString(),
      org: row.source_org,
      inboxId: row.inbox_id === null ? null : String(row.inbox_id),
      visitId: row.payload['visitId'],
    };
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    strict = await buildServer({ platform, logLevel: 'silent', feedStaleMinutes: 5 });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['yti', 'terminal'],
      ['sbtl', 'trucker'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role)).authorization);
    }
    await operates(platform, 'yti', ['YUSEN']);
    await ingest('sbtl', fixture('cargo-story/trucker-gate-transactions.csv'));
  }, 240_000);
  afterAll(async () => {
    await server?.shutdown();
    await strict?.shutdown();
    await platform?.close();
  });

  it('should date a visit by its newest gate event, and name who stated it in which message', async () => {
    for (const org of ['sbtl', 'pa']) {
      const visit = await get<Visit>(`/truck-visits/${VISIT}`, org);
      // Gate-in 08:12:30, gate-out 09:03:10 (America/Los_Angeles, PDT): the gate-out is the newer fact.
      expect(visit.asOf, org).toBe('2026-03-18T16:03:10.000Z');
      expect(visit.source?.organisation, org).toBe('sbtl');
      expect(visit.source?.inboxId, org).toBe(inboxes.get('sbtl'));
      expect(await eventOf(visit.source!.eventId)).toEqual({
        at: visit.asOf,
        org: 'sbtl',
        inboxId: inboxes.get('sbtl'),
        visitId: VISIT,
      });
      const listed = await get<{ visits: Visit[] }>('/truck-visits?limit=100', org);
      expect(
        listed.visits.find((v) => v.visitId === VISIT),
        org,
      ).toMatchObject({
        asOf: visit.asOf,
        source: visit.source,
      });
    }
  });

  it("should move asOf to a newer fact only for those who may see it: another organisation's private report stays out", async () => {
    await ingest('yti', Buffer.from(TERMINAL_GATE_OUT));
    const authority = await get<Visit>(`/truck-visits/${VISIT}`, 'pa');
    expect(authority.asOf).toBe('2026-03-18T16:20:00.000Z');
    expect(authority.source).toMatchObject({ organisation: 'yti', inboxId: inboxes.get('yti') });
    expect((await eventOf(authority.source!.eventId)).org).toBe('yti');

    const trucker = await get<Visit>(`/truck-visits/${VISIT}`, 'sbtl');
    expect(trucker.partialView).toBe(true);
    expect(trucker.asOf).toBe('2026-03-18T16:03:10.000Z');
    expect(trucker.source).toMatchObject({ organisation: 'sbtl', inboxId: inboxes.get('sbtl') });

    const terminal = await get<Visit>(`/truck-visits/${VISIT}`, 'yti');
    expect(terminal).toMatchObject({ partialView: true, asOf: authority.asOf, source: authority.source });

    // The CSV export carries the same provenance.
    const csv = await get<string>('/truck-visits?limit=100', 'sbtl', 'text/csv');
    const [head, row] = csv.trim().split('\r\n');
    const cells = Object.fromEntries(head!.split(',').map((name, i) => [name, row!.split(',')[i]]));
    expect(cells).toMatchObject({
      asOf: trucker.asOf,
      sourceOrganisation: 'sbtl',
      sourceEventId: trucker.source!.eventId,
    });
  });

  it('should flag an open visit stale once its newest gate event is older than the feed age, never a closed one', async () => {
    /** A gate-in of SBTL at YUSEN, `minutesAgo` before now, as the terminal's local time the feed carries. */
    const gateIn = (visitId: string, minutesAgo: number) => {
      const local = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'America/Los_Angeles',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(Date.now() - minutesAgo * 60_000));
      return `GT-${visitId},${visitId},YUSEN,IN-01,IN,${local},SBTL,7XYZ700,,,,,,`;
    };
    await ingest('sbtl', Buffer.from(`${HEADER}\n${gateIn('V-YUS-OPEN1', 10)}\n${gateIn('V-YUS-OPEN2', 90)}\n`));
    const visit = (via: Server, id: string) =>
      via.app
        .inject({ url: `/truck-visits/${id}`, headers: { authorization: keys.get('sbtl')! } })
        .then((res) => res.json<Visit>());
    // 10 minutes old: fresh under the default 60, stale under 5. 90 minutes old: stale under both.
    expect(await visit(server, 'V-YUS-OPEN1')).toMatchObject({ gateOutAt: null, stale: false });
    expect((await visit(strict, 'V-YUS-OPEN1')).stale).toBe(true);
    expect((await visit(server, 'V-YUS-OPEN2')).stale).toBe(true);
    // Closed (gate-out 2026-03-18), however old: final, not stale.
    const closed = await visit(strict, VISIT);
    expect(closed.gateOutAt).not.toBeNull();
    expect(closed.stale).toBe(false);
    const listed = await get<{ visits: Visit[] }>('/truck-visits?limit=100', 'sbtl');
    expect(Object.fromEntries(listed.visits.map((v) => [v.visitId, v.stale]))).toEqual({
      [VISIT]: false,
      'V-YUS-OPEN1': false,
      'V-YUS-OPEN2': true,
    });
  });
});
