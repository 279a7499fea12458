/**
 * PostgreSQL dropping its connections must not take the server down. The real `openpcs serve` runs on a
 * scratch database under concurrent ingest load (sync and async DCSA messages, each with its own event ids, and
 * beside them CSV layout changes and the CSV feeds of the other parties, each with its own marker: a terminal's
 * availability lists and shore power sessions, a carrier's vessel particulars and empty-return receivables for its own
 * SCAC, a trucker's drayage truck registrations); that database's backends are terminated three times mid-load. Afterwards: the process is still up, `/health`
 * and `/ready` answer 200, every request answered 2xx has all its events stored exactly once, every other
 * answer was a 503 problem+json (`PCS_STORE_UNAVAILABLE`, with `Retry-After`, no SQL text) — never a dropped
 * socket or a 500 — and re-sending the 503'd messages stores them once. Every acknowledged feed statement is one
 * event, never two, and its row is in the feed's read model once the projections caught up.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { imoCheckDigit } from '../../src/domain/identifiers/imo-number.js';
import { DATABASE_URL } from '../support/engines.js';
import { CLI, cliBuilt, scratchDatabaseForServer, startServer, firstStartKey } from '../support/server-process.js';
import { until } from '../support/until.js';

const CLIENTS = 6;
const MESSAGES_PER_CLIENT = 40;
const EVENTS_PER_MESSAGE = 5;
const TERMINATIONS = 3;
/** Besides the DCSA load: a layout PUT and one statement of each feed (FEEDS) per round, sent by one more client. */
const SIDE_ROUNDS = 30;
const BOOTSTRAP_ORG = 'port-authority';
const AVAILABILITY_BOX = 'MSKU9070323';
/** The parties of the feeds besides the port authority: their organisation and role. */
const PARTIES = [
  ['wbct', 'terminal'],
  ['maeu', 'carrier'],
  ['sbtl', 'trucker'],
] as const;
type Party = (typeof PARTIES)[number][0] | typeof BOOTSTRAP_ORG;

/** A vessel's IMO number of the round (valid check digit): each round's particulars are another vessel's. */
function imoOf(round: number): string {
  const first6 = `95${String(round).padStart(4, '0')}`;
  return `${first6}${imoCheckDigit(first6)}`;
}

/**
 * The CSV feeds of the load, each sent by the party that may state it: the round's statement (dated `at`, a minute
 * apart per round, so each is its own fact) as a CSV body, its event type code, and the key of the read-model row
 * it makes (`row`) with the query that lists those keys.
 */
interface Feed {
  readonly format: string;
  readonly sender: Party;
  readonly code: string;
  readonly body: (round: number, at: string) => string;
  readonly row: (round: number) => string;
  readonly rows: string;
}
const FEEDS = {
  availability: {
    format: 'csv-availability',
    sender: BOOTSTRAP_ORG,
    code: 'AVLB',
    body: (_round, at) =>
      `container_number,terminal,port,available,stated_at\n${AVAILABILITY_BOX},APMT,USLAX,Y,${at}\n`,
    // One box's availability: the read model keeps its newest statement only (the events are counted instead).
    row: () => AVAILABILITY_BOX,
    rows: `select equipment_reference as key from container_status`,
  },
  particulars: {
    format: 'csv-vessel-particulars',
    sender: 'maeu',
    code: 'VPAR',
    body: (round, at) =>
      'imo,mmsi,vessel_name,ship_type,teu,main_engine_kw,design_speed_kn,fuel,as_of\n' +
      `${imoOf(round)},,FAULT ${round},container,8000,40000,22.5,VLSFO,${at}\n`,
    row: imoOf,
    rows: `select imo as key from vessel_particulars where source_org = 'maeu'`,
  },
  'shore-power': {
    format: 'csv-shore-power',
    sender: 'wbct',
    code: 'SHPC',
    body: (round, at) =>
      'terminal,port,berth,imo,mmsi,connected_at,disconnected_at,energy_kwh,as_of\n' +
      `WBCT,USLAX,B${round},9516442,477776200,${at},,,${at}\n`,
    row: (round) => `B${round}`,
    rows: `select berth as key from shore_power_connection where source_org = 'wbct'`,
  },
  drayage: {
    format: 'csv-drayage-trucks',
    sender: 'sbtl',
    code: 'DTRK',
    body: (round, at) =>
      `truck_id,scac,engine_model_year,fuel,low_nox,registered_at\n7FLT${String(round).padStart(3, '0')},SBTL,2024,battery-electric,,${at}\n`,
    row: (round) => `7FLT${String(round).padStart(3, '0')}`,
    rows: `select truck_id as key from drayage_truck where source_org = 'sbtl'`,
  },
  'empty-return': {
    format: 'csv-empty-returns',
    sender: 'maeu',
    code: 'ERCV',
    body: (round, at) =>
      `location,location_type,port,carrier_scac,iso_type,accepting,remaining_capacity,stated_at\nDF-${round},DEPOT,USLAX,MAEU,45G1,Y,5,${at}\n`,
    row: (round) => `DF-${round}`,
    rows: `select location_code as key from empty_receivable where source_org = 'maeu'`,
  },
} as const satisfies Record<string, Feed>;
type FeedKind = keyof typeof FEEDS;
const FEED_KINDS = Object.keys(FEEDS) as FeedKind[];

if (!DATABASE_URL) {
  console.warn('[openpcs tests] DATABASE_URL is not set: the PostgreSQL fault test (db-fault) is skipped.');
}

interface Message {
  readonly mode: 'sync' | 'async';
  readonly body: string;
  readonly eventIds: readonly string[];
}

type Answer =
  | { readonly kind: 'ok'; readonly status: number }
  | {
      readonly kind: 'refused';
      readonly status: number;
      readonly contentType: string;
      readonly retryAfter: string | null;
      readonly body: string;
    }
  | { readonly kind: 'socket'; readonly error: string };

function message(mode: 'sync' | 'async'): Message {
  const eventIds = Array.from({ length: EVENTS_PER_MESSAGE }, () => randomUUID());
  const events = eventIds.map((eventID, i) => ({
    eventID,
    eventType: 'EQUIPMENT',
    eventCreatedDateTime: '2026-02-15T16:02:10Z',
    eventClassifierCode: 'ACT',
    eventDateTime: `2026-02-15T07:${String(10 + i).padStart(2, '0')}:00-08:00`,
    equipmentEventTypeCode: 'LOAD',
    equipmentReference: 'MSKU9070323',
    ISOEquipmentCode: '42G1',
    emptyIndicatorCode: 'EMPTY',
    transportCall: {
      transportCallID: 'USLAX-APMT-0215',
      carrierServiceCode: 'TP1',
      exportVoyageNumber: '607E',
      UNLocationCode: 'USLAX',
      facilityCode: 'APMT',
      facilityCodeListProvider: 'SMDG',
      facilityTypeCode: 'POTE',
      modeOfTransport: 'VESSEL',
    },
  }));
  return { mode, body: JSON.stringify(events), eventIds };
}

/** A request besides the DCSA load: a layout version or a feed's statement, marked so it can be found after. */
interface SideRequest {
  readonly kind: 'layout' | FeedKind;
  /** Whose key sends it. */
  readonly sender: Party;
  /** The header the layout renames (layout) or the statement's instant, its event's `event_date_time` (feeds). */
  readonly marker: string;
  /** The key of the read-model row the statement makes (feeds). */
  readonly row: string;
  readonly method: 'PUT' | 'POST';
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

function sideRequest(kind: SideRequest['kind'], round: number): SideRequest {
  if (kind === 'layout') {
    const marker = `Unit ${randomUUID()}`;
    return {
      kind,
      sender: BOOTSTRAP_ORG,
      marker,
      row: '',
      method: 'PUT',
      path: `/admin/organisations/${BOOTSTRAP_ORG}/csv-layouts/csv-holds`,
      contentType: 'application/json',
      body: JSON.stringify({ columns: { [marker]: 'container_number' } }),
    };
  }
  // One statement a minute apart per round: each is its own fact (its own idempotency key).
  const feed: Feed = FEEDS[kind];
  const at = new Date(Date.UTC(2026, 1, 15, 8, round)).toISOString();
  return {
    kind,
    sender: feed.sender,
    marker: at,
    row: feed.row(round),
    method: 'POST',
    path: `/ingest/${feed.format}`,
    contentType: 'text/csv',
    body: feed.body(round, at),
  };
}

async function send(baseUrl: string, key: string, m: Message | SideRequest): Promise<Answer> {
  const request =
    'kind' in m
      ? { method: m.method, url: `${baseUrl}${m.path}`, contentType: m.contentType }
      : { method: 'POST', url: `${baseUrl}/ingest/dcsa-events?mode=${m.mode}`, contentType: 'application/json' };
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: { 'content-type': request.contentType, authorization: `Bearer ${key}` },
      body: m.body,
    });
    const body = await res.text();
    if (res.status >= 200 && res.status < 300) return { kind: 'ok', status: res.status };
    return {
      kind: 'refused',
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      retryAfter: res.headers.get('retry-after'),
      body,
    };
  } catch (error) {
    return {
      kind: 'socket',
      error: error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error),
    };
  }
}

/**
 * Terminates every backend of the scratch database and nothing else on the server: the call stands in the
 * select list, so it runs only on rows the filter kept (in the WHERE clause the planner may push it below
 * the `datname` join and run it on every backend of the server).
 */
async function terminateBackends(admin: pg.Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ terminated: boolean }>(
    'select pg_terminate_backend(pid) as terminated from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );
  return rows.filter((r) => r.terminated).length;
}

describe.skipIf(!cliBuilt() || !DATABASE_URL)('database faults (PostgreSQL only; needs `npm run build`)', () => {
  it('should survive terminated backends under ingest load and lose or repeat nothing acknowledged', async () => {
    const scratch = await scratchDatabaseForServer(DATABASE_URL!);
    const database = new URL(scratch.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      const server = await startServer(['--database-url', scratch.url], {
        OPENPCS_RATE_LIMIT_PER_MIN: '100000',
        // A message whose worker lost its connection after another skipped it is left to the sweep.
        OPENPCS_INBOX_SWEEP_S: '5',
      });
      let exited: number | string | null = null;
      void server.exited.then((code) => (exited = code));
      try {
        const key = await firstStartKey(server);
        expect(key, 'serve prints a bootstrap admin key at first start').not.toBe('');
        await until(async () => (await fetch(`${server.baseUrl}/ready`)).status === 200, 'ready before load');
        const keys = new Map<Party, string>([[BOOTSTRAP_ORG, key]]);
        const adminCall = async (method: 'POST' | 'PUT', path: string, body: unknown) => {
          const res = await fetch(`${server.baseUrl}${path}`, {
            method,
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          const text = await res.text();
          expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
          return JSON.parse(text) as Record<string, unknown>;
        };
        for (const [id, role] of PARTIES) {
          await adminCall('POST', '/admin/organisations', { id, name: id, role });
          keys.set(
            id,
            String((await adminCall('POST', `/admin/organisations/${id}/keys`, { scopes: ['ingest'] })).key),
          );
        }
        // The terminal meters its own berths; the carrier states empty returns for its own SCAC only.
        await adminCall('PUT', '/admin/organisations/wbct/terminals', { terminals: ['WBCT'] });
        await adminCall('PUT', '/admin/organisations/maeu/scacs', { scacs: ['MAEU'] });

        const total = CLIENTS * MESSAGES_PER_CLIENT;
        const sent: { message: Message; answer: Answer }[] = [];
        const side: { request: SideRequest; answer: Answer }[] = [];
        // Terminations at about a quarter, a half and three quarters of the load.
        const terminations: number[] = [];
        /** How many requests of each side kind had been answered at each termination. */
        const sideAtTermination: Map<SideRequest['kind'], number>[] = [];
        const sideTotal = (1 + FEED_KINDS.length) * SIDE_ROUNDS;
        const terminator = (async () => {
          for (let round = 1; round <= TERMINATIONS; round++) {
            const share = round / (TERMINATIONS + 1);
            await until(
              () => sent.length >= total * share && side.length >= sideTotal * share,
              `load point ${round}`,
              120_000,
            );
            const answered = new Map<SideRequest['kind'], number>();
            for (const { request } of side) answered.set(request.kind, (answered.get(request.kind) ?? 0) + 1);
            sideAtTermination.push(answered);
            terminations.push(await terminateBackends(admin, database));
          }
        })();
        // One client per side kind, beside the DCSA clients: each kind's requests run through the terminations.
        const sideClient = async (kind: SideRequest['kind']) => {
          for (let round = 0; round < SIDE_ROUNDS; round++) {
            const request = sideRequest(kind, round);
            side.push({ request, answer: await send(server.baseUrl, keys.get(request.sender)!, request) });
          }
        };
        await Promise.all([
          ...Array.from({ length: CLIENTS }, async (_, client) => {
            for (let i = 0; i < MESSAGES_PER_CLIENT; i++) {
              const m = message(client % 2 === 0 ? 'sync' : 'async');
              sent.push({ message: m, answer: await send(server.baseUrl, key, m) });
            }
          }),
          ...(['layout', ...FEED_KINDS] as const).map(sideClient),
        ]);
        await terminator;

        // The process is still up and comes back to ready by itself.
        expect(exited, `server exited:\n${server.output().slice(-4000)}`).toBeNull();
        expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
        await until(async () => (await fetch(`${server.baseUrl}/ready`)).status === 200, 'ready after faults', 30_000);

        // Every answer was a 2xx or a clean 503 problem.
        const acknowledged = sent.filter((s) => s.answer.kind === 'ok');
        const refused = sent.filter((s) => s.answer.kind === 'refused');
        const bad = sent.filter(
          (s) =>
            s.answer.kind === 'socket' ||
            (s.answer.kind === 'refused' &&
              (s.answer.status !== 503 ||
                !s.answer.contentType.startsWith('application/problem+json') ||
                s.answer.retryAfter === null ||
                (JSON.parse(s.answer.body) as { code?: string }).code !== 'PCS_STORE_UNAVAILABLE' ||
                /\b(select|insert|update)\b/i.test(s.answer.body))),
        );
        expect(bad.map((s) => s.answer)).toEqual([]);
        const badSide = side.filter(
          (s) =>
            s.answer.kind === 'socket' ||
            (s.answer.kind === 'refused' &&
              (s.answer.status !== 503 ||
                !s.answer.contentType.startsWith('application/problem+json') ||
                (JSON.parse(s.answer.body) as { code?: string }).code !== 'PCS_STORE_UNAVAILABLE')),
        );
        expect(badSide.map((s) => [s.request.kind, s.answer])).toEqual([]);
        expect(side).toHaveLength(sideTotal);
        // Each side kind was under way at a termination: some of its requests answered before it, some after.
        for (const kind of ['layout', ...FEED_KINDS] as const) {
          const during = sideAtTermination.map((answered) => answered.get(kind) ?? 0);
          expect(
            during.some((n) => n > 0 && n < SIDE_ROUNDS),
            `${kind} requests answered at each termination: ${during.join('/')}`,
          ).toBe(true);
        }

        // The 503'd messages, sent again, are now accepted.
        // (A client that honours Retry-After tries a few times: a pooled connection terminated at the very end
        // of the load may still be handed out once.)
        for (const s of refused) {
          let again = await send(server.baseUrl, key, s.message);
          for (let attempt = 1; attempt < 3 && again.kind === 'refused' && again.status === 503; attempt++) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            again = await send(server.baseUrl, key, s.message);
          }
          expect(again).toMatchObject({ kind: 'ok' });
        }

        // Every event of every stored message is there exactly once (async ones once processed).
        const expected = [...acknowledged, ...refused].flatMap((s) => s.message.eventIds.map((id) => `dcsa:${id}`));
        const store = new pg.Client({ connectionString: scratch.url });
        await store.connect();
        try {
          const countByKey = async () => {
            const { rows } = await store.query<{ key: string; n: string }>(
              `select k as key, (select count(*) from event e where e.idempotency_key = k)::text as n
                 from unnest($1::text[]) as k`,
              [expected],
            );
            return rows;
          };
          await until(
            async () => (await countByKey()).every((r) => r.n !== '0'),
            'events of every stored message',
            60_000,
          );
          const rows = await countByKey();
          const lost = rows.filter((r) => r.n === '0').length;
          const duplicates = rows.filter((r) => Number(r.n) > 1).length;
          const inbox = await store.query<{ n: string }>('select count(*)::text as n from inbox');
          const events = await store.query<{ n: string }>('select count(*)::text as n from event');
          console.info(
            `[db-fault] requests ${sent.length}, acknowledged ${acknowledged.length}, 503 ${refused.length} (re-sent, all accepted), ` +
              `backends terminated ${terminations.join('/')}, events checked ${rows.length}, lost ${lost}, duplicates ${duplicates}`,
          );
          expect(terminations.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
          expect(rows).toHaveLength(total * EVENTS_PER_MESSAGE);
          expect(lost).toBe(0);
          expect(duplicates).toBe(0);
          // Every acknowledged layout version is stored, once.
          const layouts = await store.query<{ layout: { columns: Record<string, string> } }>(
            `select layout from csv_layout where org_id = $1 and format = 'csv-holds'`,
            [BOOTSTRAP_ORG],
          );
          const storedMarkers = layouts.rows.flatMap((r) => Object.keys(r.layout.columns));
          const okSide = side.filter((s) => s.answer.kind === 'ok');
          const okLayouts = okSide.filter((s) => s.request.kind === 'layout').map((s) => s.request.marker);
          for (const marker of okLayouts) {
            expect(
              storedMarkers.filter((m) => m === marker),
              marker,
            ).toHaveLength(1);
          }
          // A 503'd PUT stored nothing, or (answer lost with the connection) its one version: never two.
          expect(new Set(storedMarkers).size).toBe(storedMarkers.length);
          // Every acknowledged feed statement is one event (a 503'd one none, or one when its answer was lost with
          // the connection: never two), and its row is in the feed's read model once the projections caught up.
          let feedEvents = 0;
          const acknowledgedFeeds: string[] = [];
          for (const kind of FEED_KINDS) {
            const feed: Feed = FEEDS[kind];
            const statements = await store.query<{ at: Date; n: string }>(
              `select event_date_time as at, count(*)::text as n from event where event_type_code = $1
                group by event_date_time`,
              [feed.code],
            );
            const statedAt = new Map(statements.rows.map((r) => [new Date(r.at).toISOString(), Number(r.n)]));
            const ok = okSide.filter((s) => s.request.kind === kind);
            for (const { request } of ok) expect(statedAt.get(request.marker), `${kind} ${request.marker}`).toBe(1);
            expect(
              [...statedAt.values()].every((n) => n === 1),
              kind,
            ).toBe(true);
            feedEvents += statements.rows.length;
            const rowKeys = async () => new Set((await store.query<{ key: string }>(feed.rows)).rows.map((r) => r.key));
            await until(
              async () => {
                const held = await rowKeys();
                return ok.every(({ request }) => held.has(request.row));
              },
              `${kind}: the read-model row of every acknowledged statement`,
              60_000,
            );
            const held = await rowKeys();
            expect(
              ok.filter(({ request }) => !held.has(request.row)).map(({ request }) => request.row),
              kind,
            ).toEqual([]);
            expect(ok.length, `${kind}: some statements acknowledged`).toBeGreaterThan(0);
            acknowledgedFeeds.push(`${kind} ${ok.length}`);
          }
          console.info(
            `[db-fault] side requests ${side.length}: layouts acknowledged ${okLayouts.length}, feed statements acknowledged ${acknowledgedFeeds.join(', ')}, 503 ${side.length - okSide.length}`,
          );
          const feedInbox = await store.query<{ n: string }>(
            `select count(*)::text as n from inbox where format = any($1::text[])`,
            [FEED_KINDS.map((kind) => FEEDS[kind].format)],
          );
          expect(Number(inbox.rows[0]!.n) - Number(feedInbox.rows[0]!.n)).toBe(total);
          expect(Number(events.rows[0]!.n)).toBe(total * EVENTS_PER_MESSAGE + feedEvents);
        } finally {
          await store.end();
        }
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      await admin.end();
      await scratch.drop();
    }
  }, 240_000);
});

describe.skipIf(!cliBuilt())('CLI without a reachable database (needs `npm run build`)', () => {
  it('should say the database is unavailable and exit 1, not report an unexpected error', () => {
    // Nothing listens on port 1: the connection is refused at once.
    const run = spawnSync(
      process.execPath,
      [CLI, 'migrate', '--database-url', 'postgres://postgres@127.0.0.1:1/openpcs'],
      {
        env: { ...process.env, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^openpcs: database unavailable \(.*\); run the command again/m);
  });
});
