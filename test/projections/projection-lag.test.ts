/**
 * How far the read models trail the event log, for the operator (`openpcs_projection_lag_positions` and
 * `openpcs_projection_lag_seconds` at `/metrics`). The month replay saw the alerts and terminal KPIs trail the ingest
 * by up to 740,000 positions under sustained load with nothing that said so; an operator alarms on these gauges.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { wbctArrival } from '../support/arrival-event.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const arrival = (i: number) => wbctArrival('lag', i);

/** The value of `name{projection="…"}` in a Prometheus text exposition, or undefined. */
const gauge = (body: string, name: string, projection: string): number | undefined => {
  const line = body.split('\n').find((l) => l.startsWith(`${name}{projection="${projection}"} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe.each(ENGINES)('how far the read models trail the event log on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should give each read model its positions behind the head and the age of its oldest unapplied event', async () => {
    await platform.projections.catchUpAll();
    const names = platform.projections.projections.map((p) => p.name);
    const atHead = await platform.projections.lag();
    expect([...atHead.keys()].sort()).toEqual([...names].sort());
    expect([...atHead.values()].every((l) => l.positions === 0 && l.seconds === 0)).toBe(true);

    await platform.events.append(
      Array.from({ length: 5 }, (_, i) => arrival(i)),
      { source: 'test', inboxId: null, sourceOrg: 'local', ownerOrgs: ['local'], visibility: 'community' },
    );
    // Read a minute after the append: the oldest unapplied event has waited that long.
    const later = new Date(Date.now() + 60_000);
    const behind = await platform.projections.lag(later);
    for (const name of names) {
      expect(behind.get(name)!.positions, name).toBe(5);
      expect(behind.get(name)!.seconds, name).toBeGreaterThanOrEqual(59);
      expect(behind.get(name)!.seconds, name).toBeLessThan(120);
    }

    // Count the store reads: one scrape reads the lag once for both gauges.
    let reads = 0;
    const lag = platform.projections.lag.bind(platform.projections);
    platform.projections.lag = (at?: Date) => {
      reads += 1;
      return lag(at);
    };
    const server = await buildServer({ platform, logLevel: 'silent' });
    try {
      const admin = await orgWithKey(platform, 'pola', 'port_authority', ['read', 'admin']);
      const scrape = async () =>
        (await server.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: admin.authorization } }))
          .body;
      const before = await scrape();
      expect(reads).toBe(1);
      expect(gauge(before, 'openpcs_projection_lag_positions', 'vessel-calls')).toBe(5);
      expect(gauge(before, 'openpcs_projection_lag_seconds', 'vessel-calls')).toBeGreaterThanOrEqual(0);
      expect(before).toContain('# HELP openpcs_projection_lag_seconds');

      await platform.projections.catchUpAll();
      const after = await scrape();
      for (const name of names) {
        expect(gauge(after, 'openpcs_projection_lag_positions', name), name).toBe(0);
        expect(gauge(after, 'openpcs_projection_lag_seconds', name), name).toBe(0);
      }
    } finally {
      await server.app.close();
    }
  });
});
