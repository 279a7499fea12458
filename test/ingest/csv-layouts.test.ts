/**
 * Declared CSV layouts (docs/csv-layouts.md), on both engines: the worked examples of the docs page (the page is the
 * fixture) become the same events as the same facts in our columns; a layout change is version 2 and the next
 * message (and a replay) uses it; bad layouts are 400 with pointers; another organisation can neither read nor set
 * a layout; `openpcs ingest --dry-run` stores nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Command } from 'commander';
import { ingestCommand } from '../../src/cli/ingest-command.js';
import { orgsCommand } from '../../src/cli/orgs-command.js';
import type { NewCanonicalEvent } from '../../src/domain/canonical-event.js';
import { gateTransactionParser } from '../../src/ingest/csv/cargo/gate-transaction-parser.js';
import { holdParser } from '../../src/ingest/csv/cargo/hold-parser.js';
import { compileCsvLayout, validateCsvLayout } from '../../src/ingest/csv/csv-layout.js';
import type { ParseContext } from '../../src/ingest/message-parser.js';
import { openPlatform, type Platform } from '../../src/platform.js';
import { createScratchDatabase, DATABASE_URL, ENGINES } from '../support/engines.js';
import { orgWithKey, operatesEveryTerminal } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const DOC = readFileSync(fileURLToPath(new URL('../../docs/csv-layouts.md', import.meta.url)), 'utf8');
const BLOCKS = [...DOC.matchAll(/```(csv|json)\n([\s\S]*?)```/g)].map((m) => m[2]!);
const [GATE_EXPORT, GATE_LAYOUT, GATE_OURS, HOLD_EXPORT, HOLD_LAYOUT, HOLD_OURS] = BLOCKS as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const GATES = 'csv-gate-transactions';
const HOLDS = 'csv-holds';
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const context = (csvLayout?: ParseContext['csvLayout']): ParseContext => ({
  inboxId: '1',
  receivedAt: '2026-02-13T00:00:00.000Z',
  sourceOrg: 'ets',
  timeZone: 'UTC',
  csvLayout,
});

/** An event without where it came from in its file (line numbers differ: one visit row is two of ours). */
function fact(event: NewCanonicalEvent): unknown {
  const payload: Record<string, unknown> = { ...event.payload };
  delete payload['sourceMessage'];
  return { ...event, payload };
}

describe('worked examples of docs/csv-layouts.md (pure)', () => {
  it.each([
    ['gate visit report', GATES, GATE_EXPORT, GATE_LAYOUT, GATE_OURS, 9],
    ['hold report', HOLDS, HOLD_EXPORT, HOLD_LAYOUT, HOLD_OURS, 5],
  ])('should read the %s into the same events as our columns', (_, format, theirs, layoutJson, ours, count) => {
    expect(BLOCKS).toHaveLength(6);
    const valid = validateCsvLayout(format, JSON.parse(layoutJson));
    expect(valid.ok).toBe(true);
    if (!valid.ok) return;
    const parser = format === GATES ? gateTransactionParser : holdParser;
    const laidOut = parser.parse(bytes(theirs), context(compileCsvLayout(format, valid.layout, 1)));
    const canonical = parser.parse(bytes(ours), context());
    expect(laidOut.rejected).toEqual([]);
    expect(canonical.rejected).toEqual([]);
    expect(laidOut.events).toHaveLength(count);
    const sort = (events: NewCanonicalEvent[]) =>
      events.map(fact).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(sort(laidOut.events)).toEqual(sort(canonical.events));
  });
});

describe.each(ENGINES)('declared CSV layouts on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let etsAdmin: { authorization: string };
  let etsReader: { authorization: string };
  let otherAdmin: { authorization: string };
  let portAuthority: { authorization: string };
  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    etsAdmin = await orgWithKey(platform, 'ets', 'terminal', ['read', 'ingest', 'admin']);
    await operatesEveryTerminal(platform, 'ets');
    etsReader = await orgWithKey(platform, 'ets', 'terminal', ['read', 'ingest']);
    otherAdmin = await orgWithKey(platform, 'trap', 'terminal', ['read', 'ingest', 'admin']);
    await operatesEveryTerminal(platform, 'trap');
    portAuthority = await orgWithKey(platform, 'pola', 'port_authority', ['read', 'admin']);
  }, 180_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  const put = (org: string, format: string, layout: unknown, headers: { authorization: string }) =>
    server.app.inject({
      method: 'PUT',
      url: `/admin/organisations/${org}/csv-layouts/${format}`,
      payload: layout as Record<string, unknown>,
      headers,
    });
  const get = (url: string, headers: { authorization: string }) => server.app.inject({ method: 'GET', url, headers });
  const ingest = (format: string, body: string) =>
    platform.pipeline.ingest({ format, body: bytes(body), channel: 'test', sourceOrg: 'ets' });

  it('should store the worked gate layout and ingest the export into the events of our columns (the same idempotency keys)', async () => {
    const stored = await put('ets', GATES, JSON.parse(GATE_LAYOUT), etsAdmin);
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toMatchObject({ orgId: 'ets', format: GATES, version: 1 });

    const theirs = await ingest(GATES, GATE_EXPORT);
    expect(theirs).toMatchObject({ status: 'processed', appended: 9, rejected: 0, csvLayoutVersion: 1 });
    expect((await platform.inbox.get(theirs.inboxId))?.csv_layout_version).toBe(1);
    // The same facts in our columns, from the same sender: the same idempotency keys, nothing new.
    const ours = await platform.pipeline.ingest({
      format: GATES,
      body: bytes(GATE_OURS),
      channel: 'test',
      sourceOrg: 'trap',
    });
    expect(ours).toMatchObject({ status: 'processed', appended: 9 });
    const keys = async (inboxId: string) =>
      (
        await platform.database.db
          .selectFrom('event')
          .select('idempotency_key')
          .where('inbox_id', '=', inboxId)
          .execute()
      )
        .map((r) => r.idempotency_key)
        .sort();
    expect(await keys(theirs.inboxId)).toEqual(await keys(ours.inboxId));
  });

  it('should make a layout change version 2, keep version 1 readable, and read the next message and a replay with it', async () => {
    const v1 = JSON.parse(HOLD_LAYOUT) as { values: Record<string, Record<string, string>> };
    expect((await put('ets', HOLDS, v1, etsAdmin)).json()).toMatchObject({ version: 1 });
    const withPending = `${HOLD_EXPORT.trimEnd()}\nTCLU5544330,,LINE,PENDING,02/12/2026 09:30,EGLV,Awaiting payment,ETS\n`;
    const first = await ingest(HOLDS, withPending);
    expect(first).toMatchObject({ status: 'partial', appended: 5, rejected: 1, csvLayoutVersion: 1 });
    expect(first.deadLetters).toHaveLength(1);
    const letter = first.deadLetters[0]!;
    expect(letter).toMatchObject({ error_code: 'PCS_CSV_BAD_VALUE', line: 7, pointer: 'action' });
    expect(letter.message).toContain('"PENDING"');
    expect(letter.message).toContain('their column "status"');
    expect(letter.parser_version).toBe('1.0.0+layout.1');

    const v2 = { ...v1, values: { ...v1.values, action: { ...v1.values['action'], PENDING: 'HOLD' } } };
    const changed = await put('ets', HOLDS, v2, etsAdmin);
    expect(changed.json()).toMatchObject({ version: 2 });

    const old = await get(`/admin/organisations/ets/csv-layouts/${HOLDS}?version=1`, etsAdmin);
    expect(old.statusCode).toBe(200);
    expect(old.json().layout.values.action).toEqual({ SET: 'HOLD', RELEASED: 'RELEASE' });
    const current = await get(`/admin/organisations/ets/csv-layouts/${HOLDS}`, etsAdmin);
    expect(current.json()).toMatchObject({ version: 2, layout: { values: { action: { PENDING: 'HOLD' } } } });
    const list = await get(`/admin/organisations/ets/csv-layouts?format=${HOLDS}`, etsAdmin);
    expect(list.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const [replayed] = await platform.pipeline.replay([first.inboxId]);
    expect(replayed).toMatchObject({ status: 'processed', appended: 1, duplicates: 5, csvLayoutVersion: 2 });
    const next = await server.app.inject({
      method: 'POST',
      url: `/ingest/${HOLDS}`,
      payload: withPending.replace('TCLU5544330', 'CMAU7654327'),
      headers: { ...etsReader, 'content-type': 'text/csv' },
    });
    expect(next.statusCode).toBe(202);
    expect(next.json()).toMatchObject({
      status: 'processed',
      eventsAppended: 1,
      eventsDuplicate: 5,
      csvLayoutVersion: 2,
    });
    expect((await platform.inbox.get(String(next.json().inboxId)))?.csv_layout_version).toBe(2);
  });

  it('should refuse bad layouts with 400 and a pointer per problem', async () => {
    const bad = await put(
      'ets',
      GATES,
      {
        columns: { 'Gate Time': 'gate_time', Trucker: 'trucking_company_scac', Carrier: 'trucking_company_scac' },
        constants: { transaction_id: '{visit}-IN' },
        dateTimes: { timestamp: 'MM/DD/YYYY HH:MI' },
        timeZone: 'Mars/Olympus_Mons',
      },
      etsAdmin,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('PCS_ADMIN_BAD_CSV_LAYOUT');
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual([
      '/body/columns/Carrier',
      '/body/columns/Gate Time',
      '/body/constants/transaction_id',
      '/body/dateTimes/timestamp',
      '/body/timeZone',
    ]);
    const shape = await put('ets', GATES, { columns: { A: 'visit_id' }, colums: {} }, etsAdmin);
    expect(shape.statusCode).toBe(400);
    expect(JSON.stringify(shape.json().errors)).toContain('/body');
    const notCsv = await put('ets', 'x12-315', { columns: {} }, etsAdmin);
    expect(notCsv.statusCode).toBe(400);
    expect(notCsv.json().errors[0].pointer).toBe('/params/format');
    const unknownQuery = await get(`/admin/organisations/ets/csv-layouts/${GATES}?verison=1`, etsAdmin);
    expect(unknownQuery.statusCode).toBe(400);
    expect(unknownQuery.json().code).toBe('PCS_API_UNKNOWN_PARAMETER');
    // Nothing of it was stored: the current gate layout is still version 1.
    expect((await get(`/admin/organisations/ets/csv-layouts/${GATES}`, etsAdmin)).json().version).toBe(1);
  });

  describe('per-column zones, value-map catch-alls and layouts stored under older rules', () => {
    let lbct: { authorization: string };
    beforeAll(async () => {
      lbct = await orgWithKey(platform, 'lbct', 'terminal', ['read', 'ingest', 'admin']);
      await operatesEveryTerminal(platform, 'lbct');
    });
    const post = (format: string, body: string, query = '') =>
      server.app.inject({
        method: 'POST',
        url: `/ingest/${format}${query}`,
        payload: body,
        headers: { ...lbct, 'content-type': 'text/csv' },
      });
    const times = async (inboxId: string) =>
      (
        await platform.database.db
          .selectFrom('event')
          .select('event_date_time')
          .where('inbox_id', '=', inboxId)
          .orderBy('seq')
          .execute()
      ).map((e) => new Date(e.event_date_time).toISOString());

    it("should read a date-time column in its own zone over the layout's, and in a request's stated zone over both", async () => {
      // The gate system writes its times in its head office's zone (New York); the layout's zone is the port's.
      const layout = {
        columns: { 'Unit Nbr': 'container_number', In: 'timestamp', Facility: 'terminal', Visit: 'visit_id' },
        dateTimes: { timestamp: { pattern: 'MM/DD/YYYY HH:mm', timeZone: 'America/New_York' } },
        timeZone: 'America/Los_Angeles',
        constants: { direction: 'IN', transaction_id: '{visit_id}-IN', trucking_company_scac: 'SBTL', empty_full: 'E' },
      };
      const stored = await put('lbct', GATES, layout, lbct);
      expect(stored.statusCode).toBe(200);
      expect(stored.json()).toMatchObject({ version: 1, problems: [], layout: { dateTimes: layout.dateTimes } });
      const csv = 'Visit,Facility,Unit Nbr,In\nV-1,LBCT,EGHU9345670,02/12/2026 08:14\n';
      const own = await post(GATES, csv);
      expect(own.statusCode, own.body).toBe(202);
      // 08:14 New York (UTC−5), not Los Angeles (16:14Z): the truck visit's and the box's gate-in event.
      expect(await times(String(own.json().inboxId))).toEqual(['2026-02-12T13:14:00.000Z', '2026-02-12T13:14:00.000Z']);
      const stated = await post(GATES, csv.replace('V-1', 'V-2'), '?timeZone=UTC');
      expect(stated.statusCode).toBe(202);
      expect(await times(String(stated.json().inboxId))).toEqual([
        '2026-02-12T08:14:00.000Z',
        '2026-02-12T08:14:00.000Z',
      ]);
    });

    it('should give an unlisted value the "*" value of a value map, and reject it without one', async () => {
      const layout = {
        columns: { Unit: 'container_number', Hold: 'hold_type', Status: 'action', At: 'timestamp' },
        values: {
          hold_type: { 'CUSTOMS EXAM': 'CUSTOMS', '*': 'OTHER' },
          action: { SET: 'HOLD', RELEASED: 'RELEASE' },
        },
        dateTimes: { timestamp: 'MM/DD/YYYY HH:mm' },
        timeZone: 'America/Los_Angeles',
      };
      expect((await put('lbct', HOLDS, layout, lbct)).statusCode).toBe(200);
      const csv =
        'Unit,Hold,Status,At\nEGHU9345670,CUSTOMS EXAM,SET,02/10/2026 07:12\nEGHU9345670,TERMINAL SECURITY,SET,02/10/2026 07:15\nEGHU9345670,LINE,PENDING,02/10/2026 07:20\n';
      const answer = await post(HOLDS, csv);
      // The unlisted hold name is OTHER; the unlisted status (no "*" for action) still rejects its row, naming it.
      expect(answer.statusCode).toBe(207);
      expect(answer.json()).toMatchObject({ eventsAppended: 2, rejected: 1 });
      expect(answer.json().errors).toEqual([
        expect.objectContaining({ code: 'PCS_CSV_BAD_VALUE', pointer: '/body/lines/4/action', line: 4 }),
      ]);
      expect(answer.json().errors[0].detail).toContain('action "PENDING" (their column "status")');
      const rows = await platform.database.db
        .selectFrom('event')
        .select('payload')
        .where('inbox_id', '=', String(answer.json().inboxId))
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => (r.payload as { holdType?: string }).holdType)).toEqual(['CUSTOMS', 'OTHER']);
    });

    it('should answer a stored layout that no longer validates with its problems (never 5xx) and reject messages under it with a 4xx naming its version', async () => {
      // As if stored before the rules were tightened: the repository keeps what it is given.
      const old = { columns: { Unit: 'container_number' }, dateTimes: { timestamp: 'MM/DD/YYYY HH:MI' } };
      const stored = await platform.csvLayouts.add('lbct', GATES, old, 'before-upgrade');
      const current = await get(`/admin/organisations/lbct/csv-layouts/${GATES}`, lbct);
      expect(current.statusCode).toBe(200);
      expect(current.json()).toMatchObject({ version: stored.version, layout: old });
      expect(current.json().problems).toEqual([
        { pointer: '/dateTimes/timestamp', detail: expect.stringContaining('"MM/DD/YYYY HH:MI"') },
      ]);
      const byVersion = await get(`/admin/organisations/lbct/csv-layouts/${GATES}?version=${stored.version}`, lbct);
      expect(byVersion.statusCode).toBe(200);
      expect((await get(`/admin/organisations/lbct/csv-layouts/${GATES}?version=1`, lbct)).json().problems).toEqual([]);
      expect((await get(`/admin/organisations/lbct/csv-layouts`, lbct)).statusCode).toBe(200);

      const refused = await post(GATES, 'Visit,Facility,Unit,In\nV-3,LBCT,EGHU9345670,02/12/2026 08:14\n');
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors[0].code).toBe('PCS_CSV_LAYOUT_INVALID');
      expect(refused.json().errors[0].detail).toContain(`layout version ${stored.version} of lbct for ${GATES}`);
    });
  });

  it("should let neither another organisation nor a key without admin read or set an organisation's layout", async () => {
    const layout = JSON.parse(GATE_LAYOUT) as unknown;
    for (const [method, url] of [
      ['PUT', `/admin/organisations/ets/csv-layouts/${GATES}`],
      ['GET', `/admin/organisations/ets/csv-layouts/${GATES}`],
      ['GET', `/admin/organisations/ets/csv-layouts`],
    ] as const) {
      const payload = method === 'PUT' ? (layout as Record<string, unknown>) : undefined;
      const other = await server.app.inject({ method, url, payload, headers: otherAdmin });
      expect(other.statusCode, `${method} ${url}`).toBe(403);
      expect(other.json().code).toBe('PCS_ADMIN_OTHER_ORG');
      expect(other.body).not.toContain('Visit Nbr');
      const reader = await server.app.inject({ method, url, payload, headers: etsReader });
      expect(reader.statusCode).toBe(403);
      const anonymous = await server.app.inject({ method, url, payload });
      expect(anonymous.statusCode).toBe(401);
    }
    // The port authority administers every organisation; an unknown one is 404 to it.
    expect((await get(`/admin/organisations/ets/csv-layouts/${GATES}`, portAuthority)).statusCode).toBe(200);
    expect((await get(`/admin/organisations/nobody/csv-layouts/${GATES}`, portAuthority)).statusCode).toBe(404);
    // Another organisation's PUT changed nothing.
    expect((await get(`/admin/organisations/ets/csv-layouts?format=${GATES}`, etsAdmin)).json().versions).toHaveLength(
      1,
    );
  });
});

describe.each(ENGINES)('openpcs ingest --dry-run on $name', (engine) => {
  let dir: string;
  let store: { args: string[]; drop: () => Promise<void> };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openpcs-dry-run-'));
    if (engine.name === 'postgres' && DATABASE_URL) {
      const scratch = await createScratchDatabase(DATABASE_URL);
      store = { args: ['--database-url', scratch.url], drop: scratch.drop };
    } else store = { args: ['--data-dir', join(dir, 'data')], drop: async () => {} };
  });
  afterAll(async () => {
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(
    args: string[],
    command: () => Command = ingestCommand,
  ): Promise<{ out: string; err: string; error: unknown; exitCode: unknown }> {
    let out = '';
    let err = '';
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (err += `${parts.join(' ')}\n`));
    let error: unknown;
    try {
      await command().parseAsync([...args, ...store.args], { from: 'user' });
    } catch (e) {
      error = e;
    } finally {
      vi.restoreAllMocks();
    }
    const exitCode = process.exitCode;
    process.exitCode = undefined;
    return { out, err, error, exitCode };
  }

  async function counts(): Promise<{ inbox: number; events: number; letters: number }> {
    const platform = await openPlatform({
      store:
        store.args[0] === '--database-url'
          ? { engine: 'postgres', url: store.args[1]! }
          : { engine: 'pglite', dataDir: store.args[1]! },
    });
    try {
      const db = platform.database.db;
      const n = async (table: 'inbox' | 'event' | 'dead_letter') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      if (!(await platform.organisations.get('ets'))) {
        await platform.organisations.create('ets', 'ETS', 'terminal');
        await operatesEveryTerminal(platform, 'ets');
        await platform.csvLayouts.add('ets', HOLDS, JSON.parse(HOLD_LAYOUT) as Record<string, unknown>, 'test');
      }
      return { inbox: await n('inbox'), events: await n('event'), letters: await n('dead_letter') };
    } finally {
      await platform.close();
    }
  }

  it("should print the events a file would become under the org's layout or a layout file, and store nothing", async () => {
    const before = await counts();
    const file = join(dir, 'holds.csv');
    writeFileSync(file, `${HOLD_EXPORT.trimEnd()}\nTCLU5544330,,LINE,PENDING,02/12/2026 09:30,EGLV,Awaiting,ETS\n`);
    const underOrg = await run(['--dry-run', '-f', HOLDS, '--org', 'ets', file]);
    expect(underOrg.error).toBeUndefined();
    expect(underOrg.exitCode).toBe(3);
    const events = underOrg.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as NewCanonicalEvent);
    expect(events.map((e) => e.eventTypeCode)).toEqual(['HOLD', 'HOLD', 'RELS', 'RELS', 'HOLD']);
    expect(events[0]?.eventDateTime).toBe('2026-02-10T15:12:00.000Z');
    expect(underOrg.err).toContain('line 7 action: PCS_CSV_BAD_VALUE action "PENDING"');
    expect(underOrg.err).toContain("ets's layout version 1");

    const layoutFile = join(dir, 'holds.layout.json');
    const v2 = JSON.parse(HOLD_LAYOUT) as { values: Record<string, Record<string, string>> };
    v2.values['action'] = { ...v2.values['action'], PENDING: 'HOLD' };
    writeFileSync(layoutFile, JSON.stringify(v2));
    const underFile = await run(['--dry-run', '-f', HOLDS, '--layout', layoutFile, file]);
    expect(underFile.error).toBeUndefined();
    expect(underFile.exitCode).toBeUndefined();
    expect(underFile.out.trim().split('\n')).toHaveLength(6);

    const badLayout = join(dir, 'bad.layout.json');
    writeFileSync(badLayout, JSON.stringify({ dateTimes: { timestamp: 'MM/DD/YYYY HH:MI' } }));
    const refused = await run(['--dry-run', '-f', HOLDS, '--layout', badLayout, file]);
    expect(String(refused.error)).toContain('/dateTimes/timestamp');

    // Stored with the CLI, the file's layout is version 2, and a dry run under the organisation now reads every row.
    const set = await run(['set-layout', 'ets', HOLDS, '--file', layoutFile], orgsCommand);
    expect(set.error).toBeUndefined();
    expect(set.out).toContain('layout version 2 stored');
    const underV2 = await run(['--dry-run', '-f', HOLDS, '--org', 'ets', file]);
    expect(underV2.exitCode).toBeUndefined();
    expect(underV2.err).toContain("(ets's layout version 2): 6 event(s), 0 rejected; nothing stored");
    const dropped = await run(['set-layout', 'ets', HOLDS, '--file', badLayout], orgsCommand);
    expect(String(dropped.error)).toContain('/dateTimes/timestamp');

    // Nothing was ingested by the dry runs (the one layout version stored is not a message).
    expect(await counts()).toEqual(before);
  }, 180_000);
});
