/**
 * Generated access matrix of the vessel resources (DESIGN §5, §6 "role-leak tests"): the community of
 * access-matrix.test.ts (two organisations of every role), where every role that sends data ingests, PRIVATE and
 * with its own key, one complete call of its own vessel (own MMSI, IMO number, name and call sign) — half of them
 * as a MarineCadastre CSV (`POST /ingest/ais-csv-marinecadastre`), half as NMEA lines (`POST /ingest/ais`) — and its
 * own gate transactions and holds (for the terminal KPIs). The projections detect the calls. Then every
 * organisation and an anonymous caller read every vessel resource: who was at anchor / at berth / underway
 * (`GET /vessels?at=`), each vessel by MMSI and by IMO number, the detected calls (list, CSV and NDJSON exports,
 * and each call by id), the AIS and detected events, the calls' emissions (list and each call by id) and the published
 * terminal KPIs. The organisations that may state vessel particulars (carriers, the port authority) each state,
 * PRIVATE, their own vessel's particulars and, dated later, the other such organisations' vessels' particulars: a
 * call's emissions use the statement of its own organisation (`particularsSource`), never a newer one its readers
 * may not see. No answer may contain an identifier of another organisation's data (nor the name of a statement's
 * sender in `particularsSource`), its own data
 * must be there (so an API that answers nothing cannot pass), the port authority sees everything, and a foreign
 * private vessel or call answers 404 exactly like one that does not exist. (There is no track sub-resource:
 * `GET /vessels/{id}` carries the latest position.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import {
  CALL_AT,
  callIdOf,
  callMinute,
  createOrgs,
  ingestOwnData,
  ingestOwnVessel,
  SENDS_DATA,
  vesselOf,
  type Org,
  type OwnVessel,
} from './access-matrix-fixture.js';

/** Someone who reads: an organisation of the matrix, or an anonymous caller (no key). */
interface Reader {
  readonly id: string;
  readonly org: Org | null;
  readonly headers: Record<string, string>;
  /** Sees every organisation's data. */
  readonly sees: boolean;
}

interface Owner {
  readonly org: Org;
  readonly vessel: OwnVessel;
  readonly callId: string;
  /** It stated particulars (its own vessel's and the others'): the roles that may (format-senders.ts). */
  readonly statesParticulars: boolean;
  /** Identifiers that only this organisation's data contains: its vessel's and its cargo's. */
  readonly tokens: readonly string[];
}

/** What a reader that may see an owner's data must find of it in each list resource. */
const MUST_SHOW: Readonly<Record<string, (o: Owner) => readonly string[]>> = {
  'vessels at anchor': (o) => [o.vessel.mmsi, o.vessel.imo, o.vessel.name],
  'vessels at berth': (o) => [o.vessel.mmsi, o.vessel.imo, o.vessel.name],
  'vessels underway': (o) => [o.vessel.mmsi],
  'vessel calls': (o) => [o.callId, o.vessel.imo, o.vessel.name],
  'vessel calls at LBCT, departed': (o) => [o.callId],
  'vessel calls as CSV': (o) => [o.callId, o.vessel.imo, o.vessel.name],
  'vessel calls as NDJSON': (o) => [o.callId, o.vessel.imo, o.vessel.name],
  'AIS events': (o) => [o.vessel.mmsi, o.vessel.imo, o.vessel.name],
  'detected events': (o) => [o.vessel.mmsi, o.vessel.imo, o.vessel.name],
  'v2 transport events': (o) => [o.vessel.imo, o.vessel.name],
  // Published aggregates: they name no one (checked below), so there is nothing of an owner to find.
  'terminal KPIs': () => [],
  'vessel by MMSI': (o) => [o.vessel.mmsi, o.vessel.imo, o.vessel.name, o.vessel.callSign],
  'vessel by IMO': (o) => [o.vessel.mmsi, o.vessel.imo, o.vessel.name, o.vessel.callSign],
  'vessel call by id': (o) => [o.callId, o.vessel.imo, o.vessel.name],
  'call emissions': (o) => [o.callId, o.vessel.imo, ...usedParticulars(o)],
  'call emissions by id': (o) => [o.callId, o.vessel.imo, ...usedParticulars(o)],
};

/** Where a call's emissions name whose particulars they used: the sender's organisation, in `particularsSource`. */
const particularsSourceOf = (orgId: string): string => `"particularsSource":{"sourceOrg":"${orgId}"`;
/** What an owner's call emissions show of the particulars: its own statement, when it made one. */
const usedParticulars = (o: Owner): string[] => (o.statesParticulars ? [particularsSourceOf(o.org.id)] : []);
const STATES_PARTICULARS = (role: string) => role === 'carrier' || role === 'port_authority';

/** A particulars statement (`csv-vessel-particulars`) of a vessel (by IMO number alone), as of `asOf`. */
function particularsCsv(v: OwnVessel, teu: number, asOf: string): string {
  return [
    'imo,ship_type,teu,main_engine_kw,design_speed_kn,as_of',
    `${v.imo},container,${teu},40000,22,${asOf}`,
    '',
  ].join('\n');
}

describe.each(ENGINES)('vessel access matrix on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const readers: Reader[] = [];
  const owners: Owner[] = [];

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    const orgs = await createOrgs(platform);
    readers.push(
      ...orgs.map((org) => ({
        id: org.id,
        org,
        headers: { authorization: org.authorization },
        sees: org.role === 'port_authority',
      })),
      { id: 'anonymous', org: null, headers: {}, sees: false },
    );
    for (const org of orgs) {
      if (!SENDS_DATA(org.role)) continue;
      await ingestOwnVessel(server, org);
      await ingestOwnData(server, org);
      const vessel = vesselOf(org.n);
      const statesParticulars = STATES_PARTICULARS(org.role);
      owners.push({
        org,
        vessel,
        callId: callIdOf(vessel),
        statesParticulars,
        tokens: [
          vessel.mmsi,
          vessel.imo,
          vessel.name,
          vessel.callSign,
          callIdOf(vessel),
          ...org.tokens,
          ...(statesParticulars ? [particularsSourceOf(org.id)] : []),
        ],
      });
    }
    // Each that may state particulars states, PRIVATE, its own vessel's and (a day later: newer) every other such
    // owner's vessel's: the foreign statements are the newest, so a call that took a statement its readers may not
    // see would show it.
    const stating = owners.filter((o) => o.statesParticulars);
    for (const sender of stating) {
      for (const about of stating) {
        const own = about === sender;
        const res = await server.app.inject({
          method: 'POST',
          url: '/ingest/csv-vessel-particulars?visibility=private',
          headers: { authorization: sender.org.authorization, 'content-type': 'text/csv' },
          payload: particularsCsv(
            about.vessel,
            own ? 8000 : 9000 + sender.org.n,
            own ? '2026-03-16T00:00:00Z' : '2026-03-17T00:00:00Z',
          ),
        });
        expect(res.statusCode, res.body).toBe(202);
        expect(res.json()).toMatchObject({ status: 'processed', eventsAppended: 1, deadLetters: [] });
      }
    }
    await platform.projections.catchUpAll();
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  const get = (reader: Reader, url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url, headers: { ...reader.headers, ...headers } });

  it('should leak no organisation’s vessels to any other, and show the port authority everything', async () => {
    let cells = 0;
    const leaks: string[] = [];
    const missing: string[] = [];
    /** Vessel details that did not answer 200 to who may see them, or 404 `PCS_VESSEL_NOT_FOUND` to the rest. */
    const wrongStatus: string[] = [];
    const kpis = new Map<string, { statusCode: number; body: string }>();
    for (const reader of readers) {
      const lists: [string, { statusCode: number; body: string }][] = [
        ['vessels at anchor', await get(reader, `/vessels?at=${callMinute(CALL_AT.anchor)}`)],
        ['vessels at berth', await get(reader, `/vessels?at=${callMinute(CALL_AT.berth)}&port=USLGB`)],
        ['vessels underway', await get(reader, `/vessels?at=${callMinute(CALL_AT.underway)}&status=underway`)],
        ['vessel calls', await get(reader, '/vessel-calls?limit=1000')],
        [
          'vessel calls at LBCT, departed',
          await get(
            reader,
            `/vessel-calls?terminal=polb-lbct&status=departed&from=${callMinute(30)}&to=${callMinute(30)}`,
          ),
        ],
        ['vessel calls as CSV', await get(reader, '/vessel-calls?limit=1000&format=csv')],
        ['vessel calls as NDJSON', await get(reader, '/vessel-calls?limit=1000', { accept: 'application/x-ndjson' })],
        ['AIS events', await get(reader, '/events?eventType=VESSEL&limit=1000')],
        ['detected events', await get(reader, '/events?eventType=TRANSPORT&limit=1000')],
        ['v2 transport events', await get(reader, '/v2/events?eventType=TRANSPORT&limit=1000')],
        ['call emissions', await get(reader, '/emissions/calls?limit=1000')],
        ['terminal KPIs', await get(reader, '/terminals/YUSEN/kpis')],
      ];
      kpis.set(reader.id, lists.find(([name]) => name === 'terminal KPIs')![1]);
      for (const [resource, res] of lists) expect(res.statusCode, `${reader.id}: ${resource}: ${res.body}`).toBe(200);
      for (const owner of owners) {
        const mine = owner.org.id === reader.id;
        const shown = mine || reader.sees;
        const byMmsi = await get(reader, `/vessels/${owner.vessel.mmsi}`);
        const byImo = await get(reader, `/vessels/${owner.vessel.imo}`);
        const call = await get(reader, `/vessel-calls/${owner.callId}`);
        const emissions = await get(reader, `/emissions/calls/${owner.callId}`);
        const answers: [string, string][] = [
          ...lists.map(([resource, res]): [string, string] => [resource, res.body]),
          // A 404 names what was asked for: that echo is not a leak.
          ['vessel by MMSI', byMmsi.statusCode === 404 ? byMmsi.body.replaceAll(owner.vessel.mmsi, '') : byMmsi.body],
          ['vessel by IMO', byImo.statusCode === 404 ? byImo.body.replaceAll(owner.vessel.imo, '') : byImo.body],
          ['vessel call by id', call.statusCode === 404 ? call.body.replaceAll(owner.callId, '') : call.body],
          [
            'call emissions by id',
            emissions.statusCode === 404 ? emissions.body.replaceAll(owner.callId, '') : emissions.body,
          ],
        ];
        for (const [resource, body] of answers) {
          cells += 1;
          // A sender of particulars about another owner's vessel named its IMO number itself (its own statement
          // events show it): that number is not a leak to it.
          const statedIt = reader.org !== null && STATES_PARTICULARS(reader.org.role) && owner.statesParticulars;
          const found = owner.tokens.filter((t) => body.includes(t) && !(statedIt && t === owner.vessel.imo));
          if (!shown && found.length > 0) {
            leaks.push(`${owner.org.id} → ${reader.id} via ${resource}: ${found.join(' ')}`);
          }
          const absent = MUST_SHOW[resource]!(owner).filter((t) => !body.includes(t));
          if (shown && absent.length > 0) {
            missing.push(`${reader.id} misses ${owner.org.id}'s ${absent.join(' ')} in ${resource}`);
          }
        }
        for (const [resource, res, notFound] of [
          ['vessel by MMSI', byMmsi, 'PCS_VESSEL_NOT_FOUND'],
          ['vessel by IMO', byImo, 'PCS_VESSEL_NOT_FOUND'],
          ['vessel call by id', call, 'PCS_VESSEL_CALL_NOT_FOUND'],
          ['call emissions by id', emissions, 'PCS_EMISSIONS_CALL_NOT_FOUND'],
        ] as const) {
          const code = res.json<{ code?: string }>().code ?? '';
          if (res.statusCode !== (shown ? 200 : 404) || (!shown && code !== notFound)) {
            wrongStatus.push(`${owner.org.id} → ${reader.id} via ${resource}: ${res.statusCode} ${code}`);
          }
          if (shown && res.statusCode === 200 && resource.startsWith('vessel by')) {
            expect(res.json(), `${owner.org.id} → ${reader.id} via ${resource}`).toMatchObject({
              ...owner.vessel,
              mmsiHistory: [{ mmsi: owner.vessel.mmsi }],
              // The last report: leaving the port limits.
              position: { observedAt: callMinute(48), lat: 33.55, lon: -118.18, sogKn: 14 },
            });
          }
        }
      }
    }
    console.info(
      `[vessel access matrix ${engine.name}] ${readers.length} readers × resources × ${owners.length} owners = ${cells} cells, ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
    expect(missing).toEqual([]);
    expect(wrongStatus).toEqual([]);
    // 21 readers (20 organisations and an anonymous caller) × 18 owners × (12 lists + 4 details).
    expect(cells).toBe(21 * 18 * 16);

    // The KPIs are published aggregates: the same answer for every caller (anonymous included), counting every
    // organisation's private data, and naming none of it.
    const published = kpis.get('port-authority-a')!.body;
    for (const [id, res] of kpis) expect(res.body, id).toBe(published);
    expect(owners.flatMap((o) => o.tokens.filter((t) => published.includes(t)))).toEqual([]);
    const { days } = JSON.parse(published) as { days: { truckVisits: number; gateOutMoves: number }[] };
    expect(days.reduce((sum, d) => sum + d.truckVisits, 0)).toBe(owners.length);
    expect(days.reduce((sum, d) => sum + d.gateOutMoves, 0)).toBe(owners.length);
  }, 300_000);

  it('should detect one complete call of every organisation’s vessel, whichever AIS format it was sent in', async () => {
    const portAuthority = readers.find((r) => r.sees)!;
    const res = await get(portAuthority, '/vessel-calls?limit=1000');
    const calls = res.json<{ calls: { callId: string; vessel: { mmsi: string } }[] }>().calls;
    expect(calls.map((c) => c.callId).sort()).toEqual(owners.map((o) => o.callId).sort());
    for (const { vessel } of owners) {
      expect(calls.find((c) => c.vessel.mmsi === vessel.mmsi)).toMatchObject({
        vessel: { mmsi: vessel.mmsi, imo: vessel.imo, name: vessel.name },
        status: 'departed',
        port: 'USLGB',
        ata: callMinute(2),
        anchorage: 'anchorage-f',
        ataAnchorage: callMinute(6),
        timeAtAnchorMin: 12,
        terminal: 'polb-lbct',
        atb: callMinute(25),
        atd: callMinute(38),
        atdPort: callMinute(45),
        draughtInM: 14.2,
      });
    }
  });
});
