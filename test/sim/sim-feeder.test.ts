/**
 * The simulator's parties send as real members do (issue 12 "Output": each simulated party sends as its own
 * organisation with its own API key): registered with the port authority's admin key over the admin API,
 * each message posted over HTTP to `POST /ingest/{format}` with the party's key. The inbox rows carry the
 * party's organisation; a window sent again stores nothing new (the product's idempotency: same bytes from
 * the same sender, docs/architecture.md "Receive"); a busy product (503) delays a message, never loses or
 * doubles it.
 */
import { createServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { SimFeeder } from '../../src/sim/io/http-feeder.js';
import type { Role, Scope } from '../../src/access/roles.js';
import { httpPartyKeys, inProcessPartyKeys } from '../../src/sim/io/party-keys.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { cargoStorySource } from './cargo-story-source.js';

const T0 = Date.parse('2026-03-16T00:00:00Z');
const SIX_HOURS = 6 * 3_600_000;

async function listen(server: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe.each(ENGINES)('simulated parties over HTTP on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let target: string;
  let adminKey: string;

  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    target = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
    const admin = await orgWithKey(platform, 'port-authority', 'port_authority', ['read', 'ingest', 'admin']);
    adminKey = admin.authorization.slice('Bearer '.length);
  });
  afterEach(async () => {
    await server?.app.close();
    await platform?.close();
  });

  const inboxRows = () =>
    platform.database.db
      .selectFrom('inbox')
      .select(['format', 'source_org', 'channel', 'status'])
      .orderBy('id')
      .execute();
  const eventCount = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from event`.execute(platform.database.db)).rows[0]!.n);

  it("should post each party's messages under its own organisation, registered through the admin API", async () => {
    const source = cargoStorySource(T0);
    const keys = httpPartyKeys(target, adminKey);
    const feeder = new SimFeeder({ target, keys });
    await feeder.send(source.messagesIn(T0, T0 + SIX_HOURS));

    expect(feeder.stats).toEqual({ sent: 7, duplicates: 0, withRejections: 0, retries: 0 });
    expect(await inboxRows()).toEqual([
      { format: 'dcsa-events', source_org: 'sim-eglv', channel: 'http', status: 'processed' },
      { format: 'csv-holds', source_org: 'sim-hcb', channel: 'http', status: 'processed' },
      { format: 'edifact-coarri', source_org: 'sim-yusen', channel: 'http', status: 'processed' },
      { format: 'csv-holds', source_org: 'sim-hcb', channel: 'http', status: 'processed' },
      { format: 'csv-truck-appointments', source_org: 'sim-sbtl', channel: 'http', status: 'processed' },
      { format: 'edifact-codeco', source_org: 'sim-yusen', channel: 'http', status: 'processed' },
      { format: 'csv-gate-transactions', source_org: 'sim-sbtl', channel: 'http', status: 'processed' },
    ]);
    const orgs = await platform.database.db
      .selectFrom('organisation')
      .select(['id', 'role'])
      .where('id', 'like', 'sim-%')
      .orderBy('id')
      .execute();
    expect(orgs).toEqual([
      { id: 'sim-eglv', role: 'carrier' },
      { id: 'sim-hcb', role: 'customs_broker' },
      { id: 'sim-sbtl', role: 'trucker' },
      { id: 'sim-yusen', role: 'terminal' },
    ]);
    // One key per party, each of its own organisation; registered by the port authority (audited).
    const keysRows = await platform.database.db
      .selectFrom('api_key')
      .select(['org_id', 'scopes'])
      .where('org_id', 'like', 'sim-%')
      .orderBy('org_id')
      .execute();
    expect(keysRows.map((k) => [k.org_id, k.scopes])).toEqual(orgs.map((o) => [o.id, ['read', 'ingest']]));
    const audited = await platform.database.db
      .selectFrom('audit_log')
      .select(['org_id', 'action'])
      .where('action', 'in', ['organisation.create', 'api-key.create'])
      .execute();
    expect(audited).toHaveLength(8);
    expect(audited.every((a) => a.org_id === 'port-authority')).toBe(true);
    // The carrier speaks for its own SCAC (it states its own empty returns), linked by the port authority.
    expect((await platform.carrierScacs.list('sim-eglv')).map((l) => l.scac)).toEqual(['EGLV']);
    expect(await platform.carrierScacs.list('sim-yusen')).toEqual([]);
    // The story the parties told is the product's: the box gated out with every hold released.
    await platform.projections.catchUpAll();
    const box = await platform.database.db
      .selectFrom('container_status')
      .select(['status', 'holds_open', 'owner_orgs'])
      .where('equipment_reference', '=', 'EGHU8300218')
      .executeTakeFirstOrThrow();
    expect(box.status).toBe('GATED_OUT');
    expect(box.holds_open).toEqual([]);
  }, 180_000);

  it('should store nothing new when the same window is sent again (a re-run of the window)', async () => {
    const source = cargoStorySource(T0);
    const keys = httpPartyKeys(target, adminKey);
    await new SimFeeder({ target, keys }).send(source.messagesIn(T0, T0 + SIX_HOURS));
    const inboxBefore = await inboxRows();
    const eventsBefore = await eventCount();
    expect(eventsBefore).toBeGreaterThan(0);

    // A second run of the same window (a restarted simulator: same organisations, new keys).
    const again = new SimFeeder({ target, keys: httpPartyKeys(target, adminKey) });
    await again.send(source.messagesIn(T0, T0 + SIX_HOURS));
    expect(again.stats).toEqual({ sent: 7, duplicates: 7, withRejections: 0, retries: 0 });
    expect(await inboxRows()).toEqual(inboxBefore);
    expect(await eventCount()).toBe(eventsBefore);
    // The restart revoked the keys the first run left: one active key per party, not one per restart.
    const simKeys = await platform.database.db
      .selectFrom('api_key')
      .select(['org_id', 'label', 'revoked_at'])
      .where('org_id', 'like', 'sim-%')
      .execute();
    const orgs = [...new Set(simKeys.map((k) => k.org_id))].sort();
    expect(orgs).toEqual(['sim-eglv', 'sim-hcb', 'sim-sbtl', 'sim-yusen']);
    for (const org of orgs) {
      const mine = simKeys.filter((k) => k.org_id === org);
      expect(mine.map((k) => k.label)).toEqual(['openpcs sim', 'openpcs sim']);
      expect(
        mine.filter((k) => k.revoked_at === null),
        org,
      ).toHaveLength(1);
    }
    // A key another admin gave the organisation (another label) is left alone.
    const own = await platform.organisations.createKey('sim-eglv', ['read'], 'carrier integration');
    await new SimFeeder({ target, keys: httpPartyKeys(target, adminKey) }).send(source.messagesIn(T0, T0 + SIX_HOURS));
    expect((await platform.organisations.getKey(own.keyId))?.revoked_at).toBeNull();
    const active = await platform.database.db
      .selectFrom('api_key')
      .select(['org_id'])
      .where('org_id', 'like', 'sim-%')
      .where('label', '=', 'openpcs sim')
      .where('revoked_at', 'is', null)
      .execute();
    expect(active.map((k) => k.org_id).sort()).toEqual(orgs);
  }, 180_000);

  it('should reuse the organisations and revoke the earlier keys when provisioned in-process (serve)', async () => {
    const administration = {
      get: (id: string) => platform.organisations.get(id),
      create: (id: string, name: string, role: Role) => platform.organisations.create(id, name, role),
      createKey: (id: string, scopes: readonly Scope[], label: string | null) =>
        platform.organisations.createKey(id, scopes, label),
      listKeys: (id: string) => platform.organisations.listKeys(id),
      revokeKey: (keyId: string) => platform.organisations.revokeKey(keyId),
      operatedTerminals: async (id: string) => (await platform.operatedTerminals.list(id)).map((l) => l.terminalCode),
      setOperatedTerminals: (id: string, codes: readonly string[]) =>
        platform.operatedTerminals.replace(id, codes, 'local'),
      carrierScacs: async (id: string) => (await platform.carrierScacs.list(id)).map((l) => l.scac),
      setCarrierScacs: async (id: string, scacs: readonly string[]) => {
        const links = await platform.carrierScacs.replace(id, scacs, 'local');
        return { taken: 'taken' in links ? links.taken.map((t) => t.scac) : [] };
      },
    };
    const party = { code: 'YUSEN', name: 'Yusen Terminals', role: 'terminal' } as const;
    const keys: string[] = [];
    // Three starts of `npm start` on one data directory.
    for (let start = 0; start < 3; start++) keys.push(await inProcessPartyKeys(administration).keyFor(party));
    expect(new Set(keys).size).toBe(3);
    const rows = await platform.organisations.listKeys('sim-yusen');
    expect(rows).toHaveLength(3);
    expect(rows.filter((k) => k.revoked_at === null)).toHaveLength(1);
    expect((await platform.organisations.authenticate(keys[2]!))?.organisation.id).toBe('sim-yusen');
    expect(await platform.organisations.authenticate(keys[0]!)).toBeUndefined();
    expect(await platform.organisations.list().then((o) => o.filter((x) => x.id === 'sim-yusen'))).toHaveLength(1);
    // A carrier party is linked to its own SCAC once, however often it starts.
    const carrier = { code: 'EGLV', name: 'Evergreen', role: 'carrier' } as const;
    for (let start = 0; start < 2; start++) await inProcessPartyKeys(administration).keyFor(carrier);
    expect((await platform.carrierScacs.list('sim-eglv')).map((l) => l.scac)).toEqual(['EGLV']);
    expect(await platform.carrierScacs.list('sim-yusen')).toEqual([]);
  }, 180_000);

  it('should retry a message the busy product answered 503 to, and store each message once', async () => {
    // A proxy in front of the real server that answers every other ingest request 503 (Retry-After: 0), as
    // the product does while its store is away.
    let ingestRequests = 0;
    let refused = 0;
    const upstream = new URL(target);
    const proxy = createServer((req, res) => {
      const ingest = req.url?.startsWith('/ingest/') ?? false;
      if (ingest && ingestRequests++ % 2 === 0) {
        refused += 1;
        req.resume();
        res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/problem+json' }).end('{}');
        return;
      }
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forward);
    });
    const viaProxy = await listen(proxy);
    try {
      const feeder = new SimFeeder({ target: viaProxy, keys: httpPartyKeys(viaProxy, adminKey) });
      await feeder.send(cargoStorySource(T0).messagesIn(T0, T0 + SIX_HOURS));
      expect(refused).toBe(7);
      expect(feeder.stats).toEqual({ sent: 7, duplicates: 0, withRejections: 0, retries: 7 });
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
    const rows = await inboxRows();
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['processed']));
  }, 180_000);
});
