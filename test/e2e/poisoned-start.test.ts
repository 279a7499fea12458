/**
 * Start-up survives a poisoned event (DESIGN §7): a store holding a vessel static event whose ship type
 * (70.5) its read-model column cannot hold — appended straight to the store, as an old parser or another
 * writer could have — must not make `openpcs serve` exit. The projection quarantines it, counts it at
 * `/metrics` and the server keeps serving.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewCanonicalEvent } from '../../src/domain/canonical-event.js';
import { VESSEL_STATIC } from '../../src/domain/vessel-observation.js';
import { openPlatform } from '../../src/platform.js';
import type { StoreConfig } from '../../src/store/open-database.js';
import { DATABASE_URL, selectedCases } from '../support/engines.js';
import { cliBuilt, scratchDatabaseForServer, startServer } from '../support/server-process.js';

function staticEvent(mmsi: string, shipType: number): NewCanonicalEvent {
  const at = '2022-01-03T00:00:00.000Z';
  return {
    idempotencyKey: `e2e-static:${mmsi}`,
    eventType: 'VESSEL',
    eventTypeCode: VESSEL_STATIC,
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    references: { vesselMMSI: mmsi },
    payload: {
      mmsi,
      imo: null,
      callSign: null,
      name: `SHIP ${mmsi}`,
      shipType,
      lengthM: 200,
      beamM: 30,
      draughtM: 10,
      destination: null,
    },
  };
}

const engines = [
  {
    name: 'pglite',
    setup() {
      const dir = mkdtempSync(join(tmpdir(), 'openpcs-poison-'));
      const store: StoreConfig = { engine: 'pglite', dataDir: dir };
      return Promise.resolve({
        store,
        args: ['--data-dir', dir],
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      });
    },
  },
  ...(DATABASE_URL
    ? [
        {
          name: 'postgres',
          async setup() {
            const scratch = await scratchDatabaseForServer(DATABASE_URL!);
            const store: StoreConfig = { engine: 'postgres', url: scratch.url };
            return { store, args: ['--database-url', scratch.url], cleanup: scratch.drop };
          },
        },
      ]
    : []),
];

describe.skipIf(!cliBuilt())('start-up over a poisoned event (needs `npm run build`)', () => {
  it.each(selectedCases(engines))('should start, quarantine the event and keep serving on $name', async (engine) => {
    const { store, args, cleanup } = await engine.setup();
    try {
      const platform = await openPlatform({ store, projections: [] });
      await platform.events.append([staticEvent('367000001', 70), staticEvent('367000002', 70.5)], {
        source: 'test',
        inboxId: null,
        sourceOrg: 'local',
        ownerOrgs: ['local'],
        visibility: 'public',
      });
      // /metrics needs an admin key (docs/operations.md).
      await platform.organisations.create('pola', 'Port of Los Angeles', 'port_authority');
      const admin = await platform.organisations.createKey('pola', ['read', 'admin'], 'metrics');
      await platform.close();

      const server = await startServer(args);
      let exitedEarly: number | string | undefined;
      void server.exited.then((code) => (exitedEarly = code));
      try {
        let metrics = '';
        for (let i = 0; i < 300 && exitedEarly === undefined; i++) {
          metrics = await (
            await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${admin.key}` } })
          ).text();
          const counted = metrics.includes(
            'openpcs_projection_events_quarantined_total{projection="vessel-registry"} 1',
          );
          if (counted && server.output().includes('projections caught up')) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(exitedEarly, server.output()).toBeUndefined();
        expect(metrics).toContain('openpcs_projection_events_quarantined_total{projection="vessel-registry"} 1');
        expect(server.output()).toMatch(
          /projection vessel-registry quarantined event \d+ \(invalid input syntax for type integer/,
        );
        expect(server.output()).toContain('projections caught up');
        expect((await fetch(`${server.baseUrl}/ready`)).status).toBe(200);
      } finally {
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
      }
    } finally {
      await cleanup();
    }
  });
});
