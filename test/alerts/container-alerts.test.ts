/**
 * Container alerts (issue 13; docs/alerts.md): a hold set and released on a box raise one alert each for the
 * organisations that may see the box — its owner (the line that sent the holds) and the port authority — and
 * nothing for a trucker that subscribed to a box it does not own. Holds: test/fixtures/csv-cargo/holds.csv layout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { AlertRepository } from '../../src/store/alert-repository.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const HOLDS = 'hold_id,container_number,bill_of_lading,hold_type,action,timestamp,authority,reason,terminal';
const BOX = 'EGHU9345670';

describe.each(ENGINES)('container alerts on $name', (engine) => {
  let platform: Platform;
  let alerts: AlertRepository;
  const holds = async (rows: string) => {
    const outcome = await platform.pipeline.ingest({
      format: 'csv-holds',
      body: Buffer.from(`${HOLDS}\n${rows}\n`),
      channel: 'test',
      sourceOrg: 'eglv',
      timeZone: 'America/Los_Angeles',
    });
    expect(outcome.rejected, JSON.stringify(outcome)).toBe(0);
    await platform.projections.catchUpAll();
  };
  const kindsOf = async (org: string) =>
    (await alerts.alerts(org, 100)).map((a) => `${String(a.payload.kind)}: ${a.reason}`).reverse();

  beforeAll(async () => {
    platform = await testPlatform(engine);
    alerts = new AlertRepository(platform.database.db);
    await orgWithKey(platform, 'eglv', 'carrier', ['read', 'ingest']);
    await orgWithKey(platform, 'dray', 'trucker', ['read']);
    await orgWithKey(platform, 'pa', 'port_authority', ['read']);
    const head = await platform.events.head();
    for (const orgId of ['eglv', 'dray', 'pa']) {
      for (const kind of ['hold-set', 'hold-released'] as const) {
        await alerts.createRule({
          orgId,
          rule: { kind, parameters: { equipmentReference: BOX } },
          callback: null,
          startSeq: head,
        });
      }
    }
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
  });

  it('should raise one alert per hold set and released for the owner and the port authority, none for others', async () => {
    await holds(`H-1001,${BOX},,CUSTOMS,HOLD,2026-02-10 07:12,CBP,Exam,ETS`);
    // The same statement again: no new alert.
    await holds(`H-1001,${BOX},,CUSTOMS,HOLD,2026-02-10 07:12,CBP,Exam,ETS`);
    await holds(`H-1001,${BOX},,CUSTOMS,RELEASE,2026-02-11T15:40:00-08:00,CBP,1C release,ETS`);
    const expected = [`hold-set: CUSTOMS hold set on ${BOX}`, `hold-released: CUSTOMS hold released on ${BOX}`];
    expect(await kindsOf('eglv')).toEqual(expected);
    expect(await kindsOf('pa')).toEqual(expected);
    expect(await kindsOf('dray')).toEqual([]);
  });
});
