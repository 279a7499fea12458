/**
 * Walks every route of the API description (`/openapi.json` of the built server, plus the hidden ones) with
 * every caller: anonymous, malformed credential headers, a revoked key, and keys of several roles with every
 * combination of scopes. A bypass is a caller the route must refuse that is not refused (401/403); a leak is
 * another organisation's private data (marked LEAKCANARY) in an answer to a caller that may not see it.
 * The expected rule of each route is written here, independently of the routes' own declarations, and a
 * route missing from this table fails the walk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Role, Scope } from '../../src/access/roles.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { MALFORMED_CREDENTIALS } from '../support/malformed-credentials.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

type Rule = 'public' | 'read' | 'readOwn' | 'ingest' | 'admin';

/** What each operation needs; `read` routes answer anonymous callers (public data), `readOwn` need a key. */
const RULES: Readonly<Record<string, Rule>> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /metrics': 'admin',
  'GET /ingest/formats': 'public',
  'POST /ingest/{format}': 'ingest',
  'GET /inbox/{id}': 'read',
  'GET /dead-letters': 'readOwn',
  'GET /events': 'read',
  'GET /v2/events': 'read',
  'GET /v2/stream': 'read',
  'POST /v2/event-subscriptions': 'readOwn',
  'GET /v2/event-subscriptions': 'readOwn',
  'GET /v2/event-subscriptions/{subscriptionID}': 'readOwn',
  'GET /v2/event-subscriptions/{subscriptionID}/deliveries': 'readOwn',
  'PUT /v2/event-subscriptions/{subscriptionID}/secret': 'readOwn',
  'DELETE /v2/event-subscriptions/{subscriptionID}': 'readOwn',
  'GET /admin/organisations': 'admin',
  'POST /admin/organisations': 'admin',
  'POST /admin/organisations/{id}/keys': 'admin',
  'GET /admin/keys': 'admin',
  'DELETE /admin/keys/{keyId}': 'admin',
  'GET /admin/audit-log': 'admin',
  'GET /containers': 'read',
  'GET /containers/{reference}': 'read',
  'GET /fees': 'read',
  'POST /emissions/compute': 'readOwn',
  'GET /emissions/calls': 'read',
  'GET /emissions/calls/{callId}': 'read',
  'GET /emissions/summary': 'read',
  'GET /truck-visits': 'read',
  'GET /truck-visits/{visitId}': 'read',
  'GET /terminals/{code}/kpis': 'read',
  'GET /statistics/operations': 'read',
  'GET /vessels': 'read',
  'GET /vessels/{id}': 'read',
  'GET /vessels/stream': 'read',
  'GET /vessel-calls': 'read',
  'GET /vessel-calls/{callId}': 'read',
  'GET /vessel-calls/{callId}/jit': 'read',
  'GET /vessel-calls/{callId}/jit-advice': 'read',
  'GET /corridors': 'read',
  'GET /corridors/{corridorId}': 'read',
  'GET /jit/summary': 'read',
  'GET /jit/advice': 'read',
  'GET /jit/approaching': 'read',
  'GET /vessels/{mmsi}/jit-advice': 'read',
  'GET /v2/events/{eventID}': 'read',
  'PUT /v2/event-subscriptions/{subscriptionID}': 'readOwn',
  'PATCH /events/{eventId}': 'ingest',
  'PATCH /inbox/{id}': 'ingest',
  'GET /inbox/{id}/ack': 'readOwn',
  'GET /admin/organisations/{id}/formats/{format}': 'admin',
  'PUT /admin/organisations/{id}/formats/{format}': 'admin',
  'PUT /admin/organisations/{id}/csv-layouts/{format}': 'admin',
  'GET /admin/organisations/{id}/csv-layouts/{format}': 'admin',
  'GET /admin/organisations/{id}/csv-layouts': 'admin',
  'GET /admin/organisations/{id}/terminals': 'admin',
  'PUT /admin/organisations/{id}/terminals': 'admin',
  'GET /admin/organisations/{id}/scacs': 'admin',
  'PUT /admin/organisations/{id}/scacs': 'admin',
  'GET /terminals': 'public',
  'GET /terminals/{code}': 'public',
  'GET /appointments/availability': 'read',
  'GET /appointments': 'readOwn',
  'GET /appointments/outcomes': 'readOwn',
  'GET /empty-returns': 'read',
  'GET /notices': 'read',
  'GET /whoami': 'public',
  'GET /forecasts/volume': 'read',
  'GET /forecasts/backtests': 'read',
  'GET /forecasts/backtests/{id}': 'read',
  'GET /forecasts/eta/{callId}': 'read',
  'GET /forecasts/dwell': 'read',
  'GET /forecasts/dwell/{equipmentReference}': 'read',
  'GET /forecasts/turn-time': 'read',
  'GET /forecasts/anchorage-queue': 'read',
  'GET /equipment': 'read',
  'GET /equipment/{equipmentId}': 'read',
  'GET /equipment/charging-sessions': 'read',
  'GET /equipment/ze-share': 'readOwn',
  'GET /drayage/trucks': 'read',
  'GET /drayage/ze-share': 'read',
  'GET /drayage/clean-truck-fund': 'read',
  'POST /alerts/rules': 'readOwn',
  'GET /alerts/rules': 'readOwn',
  'GET /alerts/rules/{ruleId}': 'readOwn',
  'DELETE /alerts/rules/{ruleId}': 'readOwn',
  'GET /alerts': 'readOwn',
  'GET /alerts/stream': 'readOwn',
};
/** Routes hidden from the API description, walked too. */
const HIDDEN: Readonly<Record<string, Rule>> = {
  'GET /openapi.json': 'public',
  'GET /': 'public',
  'GET /docs': 'public',
  'GET /docs/json': 'public',
  'GET /assets/{file}': 'public',
};

const AUTH_CODES = new Set([
  'PCS_AUTH_REQUIRED',
  'PCS_AUTH_FORBIDDEN',
  'PCS_AUTH_INVALID_KEY',
  'PCS_AUTH_MALFORMED_CREDENTIALS',
]);
const ROLES: readonly Role[] = ['port_authority', 'carrier', 'terminal'];
const SCOPE_SETS: readonly Scope[][] = [
  [],
  ['read'],
  ['ingest'],
  ['admin'],
  ['read', 'ingest'],
  ['read', 'admin'],
  ['ingest', 'admin'],
  ['read', 'ingest', 'admin'],
];

interface Caller {
  readonly name: string;
  readonly headers: Record<string, string>;
  /** undefined: must be refused with 401 whatever the route (bad credentials). */
  readonly role?: Role | 'anonymous';
  readonly scopes?: readonly Scope[];
}

/** Expected answer class for a caller on a route. */
function expected(caller: Caller, rule: Rule): 'allowed' | 401 | 403 {
  if (caller.role === undefined) return 401;
  if (rule === 'public') return 'allowed';
  if (caller.role === 'anonymous') return rule === 'read' ? 'allowed' : 401;
  const needs = rule === 'readOwn' ? 'read' : rule;
  return caller.scopes?.includes(needs) ? 'allowed' : 403;
}

describe.each(ENGINES)('route access walk on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const callers: Caller[] = [];
  const params: Record<string, string> = {};
  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({
      platform,
      logLevel: 'silent',
      rateLimitPerMinute: 1_000_000,
      authFailuresPerMinute: 1_000_000,
    });
    // Another organisation's private data, marked so that any answer carrying it is a leak.
    await platform.organisations.create('hidden-co', 'LEAKCANARY Shipping', 'carrier');
    const owner = await platform.organisations.createKey('hidden-co', ['read', 'ingest', 'admin'], 'LEAKCANARY key');
    const auth = { authorization: `Bearer ${owner.key}` };
    const ingested = await server.app.inject({
      method: 'POST',
      url: '/ingest/csv-vessel-schedule',
      payload: 'vessel_imo,voyage,port,eta\n9321483,LEAKCANARY1,USLAX,2026-12-01T06:00:00Z\n',
      headers: { ...auth, 'content-type': 'text/csv' },
    });
    expect(ingested.statusCode).toBe(202);
    const subscription = await server.app.inject({
      method: 'POST',
      url: '/v2/event-subscriptions',
      payload: { callbackUrl: 'http://127.0.0.1:9/LEAKCANARY', secret: Buffer.alloc(32, 7).toString('base64') },
      headers: auth,
    });
    expect(subscription.statusCode).toBe(201);
    // Its alert rule, with a webhook: no other organisation may read or stop it.
    const alertRule = await server.app.inject({
      method: 'POST',
      url: '/alerts/rules',
      payload: {
        kind: 'empty-capacity-zero',
        parameters: { locationCode: 'HIDDEN', carrierScac: 'MAEU', isoEquipmentCode: '45G1' },
        callbackUrl: 'http://127.0.0.1:9/LEAKCANARY',
        secret: Buffer.alloc(32, 7).toString('base64'),
      },
      headers: auth,
    });
    expect(alertRule.statusCode, alertRule.body).toBe(201);
    // Its declared CSV layout for the format the walk names: no other organisation may read it or store a version.
    const layout = await server.app.inject({
      method: 'PUT',
      url: '/admin/organisations/hidden-co/csv-layouts/csv-vessel-schedule',
      payload: { columns: { 'LEAKCANARY Ship': 'vessel_name' } },
      headers: auth,
    });
    expect(layout.statusCode).toBe(200);
    // A terminal's private feed statements (slots, an empty receivable, a notice): community data by default, but
    // sent private here, so only the terminal and the port authority may see them.
    await platform.organisations.create('hidden-terminal', 'LEAKCANARY Terminal', 'terminal');
    const terminalKey = await platform.organisations.createKey('hidden-terminal', ['ingest'], 'LEAKCANARY terminal');
    await operates(platform, 'hidden-terminal', ['HIDDEN']);
    const feeds: [string, string][] = [
      [
        'csv-appointment-slots',
        'terminal,transaction_type,slot_start,slot_end,capacity,booked,stated_at\n' +
          'HIDDEN,EMPTY_RETURN,2026-12-01T16:00:00Z,2026-12-01T17:00:00Z,10,2,2026-12-01T15:00:00Z\n',
      ],
      [
        'csv-empty-returns',
        'location,carrier_scac,iso_type,accepting,remaining_capacity,stated_at\nHIDDEN,MAEU,45G1,Y,5,2026-12-01T15:00:00Z\n',
      ],
      [
        'csv-terminal-notices',
        'notice_id,notice_type,terminal,valid_from,text,stated_at\nN1,WEATHER,HIDDEN,2026-12-01T00:00:00Z,LEAKCANARY fog,2026-12-01T00:00:00Z\n',
      ],
    ];
    for (const [format, payload] of feeds) {
      const sent = await server.app.inject({
        method: 'POST',
        url: `/ingest/${format}?visibility=private`,
        payload,
        headers: { authorization: `Bearer ${terminalKey.key}`, 'content-type': 'text/csv' },
      });
      expect(sent.statusCode, sent.body).toBe(202);
    }
    // The hidden terminal's private equipment telemetry: only it and the port authority see the unit (in the lists;
    // the detail route is not asked for it by id, as a path echoed in a problem's `instance` would hold the canary).
    const telemetry = await server.app.inject({
      method: 'POST',
      url: '/ingest/equipment-telemetry?visibility=private',
      payload:
        JSON.stringify({
          messageType: 'equipment-status',
          schemaVersion: 1,
          equipmentId: 'LEAKCANARY-YT-1',
          terminal: 'HIDDEN',
          equipmentType: 'yard_tractor',
          powertrain: 'diesel',
          observedAt: '2026-12-01T15:00:00Z',
          state: 'working',
          socPct: null,
          energy: { dieselLitres: 10 },
          engineHours: 5,
        }) + '\n',
      headers: { authorization: `Bearer ${terminalKey.key}`, 'content-type': 'application/x-ndjson' },
    });
    expect(telemetry.statusCode, telemetry.body).toBe(202);
    // A trucking company's private drayage truck registration (a VIN holding the canary): only it and the port
    // authority see the truck; the public drayage aggregates name no truck.
    await platform.organisations.create('hidden-trucker', 'LEAKCANARY Trucking', 'trucker');
    const truckerKey = await platform.organisations.createKey('hidden-trucker', ['ingest'], 'LEAKCANARY trucker');
    const registry = await server.app.inject({
      method: 'POST',
      url: '/ingest/csv-drayage-trucks?visibility=private',
      payload:
        'truck_id,scac,engine_model_year,fuel,registered_at\nLEAKCANARY1234567,HDTK,2024,diesel,2026-12-01T00:00:00Z\n',
      headers: { authorization: `Bearer ${truckerKey.key}`, 'content-type': 'text/csv' },
    });
    expect(registry.statusCode, registry.body).toBe(202);
    await platform.projections.catchUpAll();
    params['id'] = String(ingested.json().inboxId);
    params['subscriptionID'] = String(subscription.json().subscriptionID);
    params['ruleId'] = String(alertRule.json().ruleId);

    callers.push({ name: 'anonymous', headers: {}, role: 'anonymous' });
    for (const [i, headers] of MALFORMED_CREDENTIALS.entries()) callers.push({ name: `malformed#${i}`, headers });
    const revoked = await orgWithKey(platform, 'revoked-co', 'carrier', ['read', 'ingest', 'admin']);
    await platform.organisations.revokeKey(revoked.keyId);
    callers.push({ name: 'revoked', headers: { authorization: revoked.authorization } });
    for (const role of ROLES) {
      for (const scopes of SCOPE_SETS) {
        const key = await orgWithKey(platform, `${role.replace('_', '-')}-co`, role, scopes);
        callers.push({
          name: `${role}[${scopes.join(',')}]`,
          headers: { authorization: key.authorization },
          role,
          scopes,
        });
      }
    }
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  /** A concrete URL for an operation; mutations get ids that exist nowhere, so the walk changes nothing it reads. */
  function urlOf(method: string, path: string): string {
    const mutation = method === 'DELETE' || method === 'PUT';
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'keyId') return 'ffffffffffff';
      if ((name === 'subscriptionID' || name === 'ruleId') && mutation) return '00000000-0000-4000-8000-000000000000';
      if (name === 'id' && path.startsWith('/admin')) return 'hidden-co';
      return params[name] ?? (name === 'code' ? 'WBCT' : name === 'format' ? 'csv-vessel-schedule' : '9321483');
    });
    // The stream answers allowed callers 400 for a bad resume id instead of streaming forever.
    if (path === '/vessels/stream') return `${url}?interval=0`;
    if (path === '/v2/stream' || path === '/alerts/stream') return `${url}?lastEventId=not-a-cursor`;
    // The trucker answers are asked about the hidden terminal's private statements.
    if (path === '/empty-returns') return `${url}?scac=MAEU&isoType=45G1&at=2026-12-01T16:30Z`;
    if (path === '/appointments/availability') return `${url}?from=2026-12-01T12:00Z&to=2026-12-01T20:00Z`;
    if (path === '/notices') return `${url}?at=2026-12-01T16:30Z`;
    if (path === '/forecasts/volume') return `${url}?port=USLAX&months=3`;
    if (path === '/forecasts/dwell' || path === '/forecasts/turn-time') return `${url}?terminal=WBCT`;
    return url;
  }

  it('should refuse every caller a route does not allow, and leak no other organisation’s data', async () => {
    const spec = (await server.app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const described = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.filter((op) => !(op in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((op) => !described.includes(op))).toEqual([]);

    const bypasses: string[] = [];
    const leaks: string[] = [];
    const crashes: string[] = [];
    let cells = 0;
    for (const [operation, rule] of Object.entries({ ...RULES, ...HIDDEN })) {
      const [method, path] = operation.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string];
      for (const caller of callers) {
        cells++;
        const res = await server.app.inject({
          method,
          url: urlOf(method, path),
          headers: {
            ...caller.headers,
            ...(method === 'POST' || method === 'PUT' ? { 'content-type': 'application/json' } : {}),
          },
          ...(method === 'POST' || method === 'PUT' ? { payload: '{}' } : {}),
        });
        const code = res.headers['content-type']?.toString().includes('problem+json')
          ? res.json<{ code?: string }>().code
          : undefined;
        const want = expected(caller, rule);
        const cell = `${operation} as ${caller.name}: ${res.statusCode} ${code ?? ''}`;
        if (res.statusCode >= 500) crashes.push(cell);
        if (want === 'allowed') {
          if (res.statusCode === 401 || (code !== undefined && AUTH_CODES.has(code))) bypasses.push(`refused: ${cell}`);
        } else if (res.statusCode !== want || code === undefined || !AUTH_CODES.has(code)) {
          bypasses.push(cell);
        }
        const seesHidden = caller.role === 'port_authority';
        if (!seesHidden && res.body.includes('LEAKCANARY')) leaks.push(cell);
      }
    }
    console.info(
      `[route walk ${engine.name}] ${cells} cells (${Object.keys(RULES).length + Object.keys(HIDDEN).length} routes × ${callers.length} callers), bypasses ${bypasses.length}, leaks ${leaks.length}`,
    );
    expect(bypasses).toEqual([]);
    expect(leaks).toEqual([]);
    expect(crashes).toEqual([]);
  }, 600_000);

  it("should have let no other organisation change hidden-co's CSV layout, and let the port authority read every version", async () => {
    // The walk PUT `{}` as every caller: only port-authority admins may have stored versions after hidden-co's own.
    const versions = await platform.csvLayouts.versions('hidden-co', 'csv-vessel-schedule');
    expect(versions[0]).toMatchObject({ version: 1, createdBy: expect.stringMatching(/^hidden-co/) });
    const others = versions.slice(1).filter((v) => !v.createdBy?.startsWith('port-authority-co'));
    expect(others).toEqual([]);
    const authority = callers.find((c) => c.role === 'port_authority' && c.scopes?.includes('admin'))!;
    const read = await server.app.inject({
      url: '/admin/organisations/hidden-co/csv-layouts/csv-vessel-schedule?version=1',
      headers: authority.headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('LEAKCANARY Ship');
    const list = await server.app.inject({
      url: '/admin/organisations/hidden-co/csv-layouts',
      headers: authority.headers,
    });
    expect(list.json<{ versions: unknown[] }>().versions).toHaveLength(versions.length);
  });
});
