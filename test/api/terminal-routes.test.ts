/** `GET /terminals` and `GET /terminals/{code}`: the terminal registry, public, listed in the OpenAPI document. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';

describe.each(ENGINES)('terminal registry API on $name', (engine) => {
  let platform: Platform;
  let server: Server;

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
  });
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should list the San Pedro Bay container terminals to anyone, without a key', async () => {
    const res = await server.app.inject('/terminals');
    expect(res.statusCode).toBe(200);
    const { terminals } = res.json<{ terminals: { smdgCode: string; unLocode: string; zoneId: string | null }[] }>();
    expect(terminals.map((t) => `${t.unLocode}:${t.smdgCode}`)).toEqual([
      'USLAX:APMT',
      'USLAX:EAGLE',
      'USLAX:ETS',
      'USLAX:TRAP',
      'USLAX:WBCT',
      'USLAX:YUSEN',
      'USLGB:ITS',
      'USLGB:LBCT',
      'USLGB:MATU',
      'USLGB:SSAPCT',
      'USLGB:SSATA',
      'USLGB:TTI',
    ]);
  });

  it('should show one terminal by SMDG code with operator, berths, zone and source; 404 / 400 otherwise', async () => {
    const wbct = await server.app.inject('/terminals/WBCT');
    expect(wbct.statusCode).toBe(200);
    expect(wbct.json()).toMatchObject({
      smdgCode: 'WBCT',
      unLocode: 'USLAX',
      name: 'West Basin Container Terminal (WBCT)',
      operator: 'West Basin Container Terminal LLC',
      berths: '97-109, 121-131',
      zoneId: 'pola-west-basin',
      source: { url: 'https://github.com/smdg-org/Terminal-Code-List' },
    });
    const missing = await server.app.inject('/terminals/NOPE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PCS_TERMINAL_NOT_FOUND', errors: [{ pointer: '/params/code' }] });
    expect((await server.app.inject('/terminals/wb-ct')).json().errors[0].pointer).toBe('/params/code');
    // The KPI route under the same prefix still answers.
    expect((await server.app.inject('/terminals/WBCT/kpis')).statusCode).toBe(200);
  });

  it('should document both routes in the OpenAPI document as public', async () => {
    const spec = (await server.app.inject('/openapi.json')).json<{
      paths: Record<string, { get?: { security?: unknown[] } }>;
    }>();
    expect(spec.paths['/terminals']?.get?.security).toEqual([]);
    expect(spec.paths['/terminals/{code}']?.get?.security).toEqual([]);
  });
});
