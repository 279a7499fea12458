/**
 * Generated access matrix (DESIGN §5, §6 "role-leak tests"): two organisations of every role; every role
 * that sends data ingests its own PRIVATE gate transactions and holds (its own box, visit, B/L and truck)
 * through `POST /ingest/{format}` with its own key. Then every organisation reads every cargo resource and
 * the event APIs, and no answer may contain an identifier of another organisation's data — while its own
 * data must be there (so an API that answers nothing cannot pass), and the port authority sees all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { createOrgs, ingestOwnData, SENDS_DATA, type Org } from './access-matrix-fixture.js';

describe.each(ENGINES)('cargo access matrix on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const orgs: Org[] = [];

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    orgs.push(...(await createOrgs(platform)));
    for (const org of orgs) if (SENDS_DATA(org.role)) await ingestOwnData(server, org);
    await platform.projections.catchUpAll();
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should leak no organisation’s data to any other, and show the port authority everything', async () => {
    const get = (org: Org, url: string, accept?: string) =>
      server.app.inject({
        method: 'GET',
        url,
        headers: { authorization: org.authorization, ...(accept ? { accept } : {}) },
      });
    let cells = 0;
    const leaks: string[] = [];
    const missing: string[] = [];
    for (const reader of orgs) {
      const sees = reader.role === 'port_authority';
      const resources: [string, string][] = [
        ['container list', (await get(reader, '/containers?limit=1000')).body],
        ['container csv', (await get(reader, '/containers?limit=1000&format=csv')).body],
        ['container ndjson', (await get(reader, '/containers?limit=1000', 'application/x-ndjson')).body],
        ['truck visit list', (await get(reader, '/truck-visits?limit=1000')).body],
        ['truck visit csv', (await get(reader, '/truck-visits?limit=1000', 'text/csv')).body],
        ['events', (await get(reader, '/events?limit=1000')).body],
        ['v2 events', (await get(reader, '/v2/events?limit=1000')).body],
        ['v2 events ndjson', (await get(reader, '/v2/events?limit=1000&format=ndjson')).body],
      ];
      for (const owner of orgs) {
        if (!SENDS_DATA(owner.role)) continue;
        const mine = owner.id === reader.id;
        const detail = await get(reader, `/containers/${owner.box}`);
        const visit = await get(reader, `/truck-visits/${owner.visitId}`);
        const answers: [string, string][] = [
          ...resources,
          // A 404 names what was asked for: that echo is not a leak.
          ['container detail', detail.statusCode === 404 ? detail.body.replaceAll(owner.box, '') : detail.body],
          ['truck visit detail', visit.statusCode === 404 ? visit.body.replaceAll(owner.visitId, '') : visit.body],
        ];
        for (const [resource, body] of answers) {
          cells += 1;
          const found = owner.tokens.filter((t) => body.includes(t));
          if (!mine && !sees && found.length > 0) {
            leaks.push(`${owner.id} → ${reader.id} via ${resource}: ${found.join(' ')}`);
          }
          if (
            (mine || sees) &&
            !body.includes(owner.box) &&
            resource !== 'truck visit detail' &&
            !resource.startsWith('truck visit')
          ) {
            missing.push(`${reader.id} misses ${owner.id}'s box in ${resource}`);
          }
          if ((mine || sees) && resource.startsWith('truck visit') && !body.includes(owner.visitId)) {
            missing.push(`${reader.id} misses ${owner.id}'s visit in ${resource}`);
          }
        }
        expect(detail.statusCode).toBe(mine || sees ? 200 : 404);
        expect(visit.statusCode).toBe(mine || sees ? 200 : 404);
        if (!mine && !sees) expect(detail.json()).toMatchObject({ code: 'PCS_CARGO_CONTAINER_NOT_FOUND' });
      }
    }
    console.info(
      `[access matrix ${engine.name}] ${orgs.length} organisations × resources × owners = ${cells} cells, ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
    expect(missing).toEqual([]);
    expect(cells).toBe(orgs.length * 18 * 10);
  }, 300_000);
});
