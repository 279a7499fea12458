/**
 * Alerts over the API (issue 13; docs/alerts.md), with two terminals (WBCT, LBCT), two carriers (MAEU, CMDU) and
 * three truckers. Trucker 1 and 2 watch WBCT's room for empty MAEU 45G1s with a signed webhook each, trucker 3
 * watches LBCT's on the live stream only. WBCT's capacity falls to zero → exactly one signed alert per subscriber
 * of that key, none for LBCT's or for CMDU's; the same statement again → nothing more; it reopens → one alert
 * each. A rebuild of the alert projection (a replay) raises nothing twice. Organisations never see each other's
 * rules or alerts (404); bad input is a 400 with a pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { verifyNotification } from '../../src/subscriptions/notification-signature.js';
import { startAlertDelivery, type AlertDeliveryWorker } from '../../src/subscriptions/alert-delivery-worker.js';
import { ENGINES } from '../support/engines.js';
import { connectSse, type SseClient } from '../support/sse-client.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { startReceiver, until, type CallbackReceiver } from '../subscriptions/callback-receiver.js';

const RETURNS = 'location,port,carrier_scac,iso_type,accepting,remaining_capacity,stated_at';
const FAST = { retry: { baseDelayMs: 20, maxDelayMs: 200 }, pollIntervalMs: 100, requestTimeoutMs: 2_000 };
const WAIT_MS = 30_000;
const SECRETS: Record<string, string> = {
  t1: Buffer.alloc(32, 1).toString('base64'),
  t2: Buffer.alloc(32, 2).toString('base64'),
};

interface AlertView {
  alertId: string;
  ruleId: string;
  kind: string;
  reason: string;
  asOf: string;
  source: { organisation: string | null; eventId: string | null };
  details: Record<string, unknown>;
  deliveryState: string;
}

describe.each(ENGINES)('alerts on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let worker: AlertDeliveryWorker;
  let stream: SseClient;
  const keys = new Map<string, string>();
  const receivers = new Map<string, CallbackReceiver>();
  const rules = new Map<string, string>();

  const api = (org: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    server.app.inject({
      method,
      url,
      headers: { authorization: keys.get(org)! },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const returns = async (org: string, rows: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/ingest/csv-empty-returns',
      payload: `${RETURNS}\n${rows}\n`,
      headers: { authorization: keys.get(org)!, 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(202);
    await platform.projections.catchUpAll();
  };
  const alertsOf = async (org: string) => {
    const res = await api(org, 'GET', '/alerts');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AlertView[]>();
  };
  const delivered = (org: string) =>
    receivers
      .get(org)!
      .calls.filter((c) => c.status === 204)
      .map((c) => JSON.parse(c.body) as AlertView);

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    for (const [org, role] of [
      ['wbct', 'terminal'],
      ['lbct', 'terminal'],
      ['maeu', 'carrier'],
      ['cmdu', 'carrier'],
      ['t1', 'trucker'],
      ['t2', 'trucker'],
      ['t3', 'trucker'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role, ['read', 'ingest'])).authorization);
    }
    await operates(platform, 'wbct', ['WBCT']);
    await operates(platform, 'lbct', ['LBCT']);
    // Baseline: both terminals take empty MAEU 45G1s, WBCT takes CMDU's too.
    await returns(
      'wbct',
      'WBCT,USLAX,MAEU,45G1,Y,12,2026-03-02T08:00:00-08:00\nWBCT,USLAX,CMDU,45G1,Y,30,2026-03-02T08:00:00-08:00',
    );
    await returns('lbct', 'LBCT,USLGB,MAEU,45G1,Y,4,2026-03-02T08:00:00-08:00');

    for (const org of ['t1', 't2']) {
      const receiver = await startReceiver();
      receivers.set(org, receiver);
      for (const kind of ['empty-capacity-zero', 'empty-capacity-reopened']) {
        const res = await api(org, 'POST', '/alerts/rules', {
          kind,
          parameters: { locationCode: 'WBCT', carrierScac: 'MAEU', isoEquipmentCode: '45G1' },
          callbackUrl: receiver.url,
          secret: SECRETS[org],
        });
        expect(res.statusCode, res.body).toBe(201);
        rules.set(`${org}:${kind}`, res.json<{ ruleId: string }>().ruleId);
      }
    }
    const t3 = await api('t3', 'POST', '/alerts/rules', {
      kind: 'empty-capacity-zero',
      parameters: { locationCode: 'LBCT', carrierScac: 'MAEU', isoEquipmentCode: '45G1' },
    });
    expect(t3.statusCode, t3.body).toBe(201);
    rules.set('t3:empty-capacity-zero', t3.json<{ ruleId: string }>().ruleId);
    stream = await connectSse(`${base}/alerts/stream`, { authorization: keys.get('t3')! });
    worker = startAlertDelivery(platform, FAST);
  }, 180_000);

  afterAll(async () => {
    stream?.close();
    await worker?.stop();
    for (const receiver of receivers.values()) await receiver.close();
    await server?.shutdown();
    await platform?.close();
  });

  it('should send exactly one signed alert per subscriber when capacity falls to zero', async () => {
    await returns('wbct', 'WBCT,USLAX,MAEU,45G1,N,,2026-03-02T09:00:00-08:00');
    for (const org of ['t1', 't2']) {
      await until(() => delivered(org).length >= 1, `${org}'s webhook`, WAIT_MS);
      const call = receivers.get(org)!.calls[0]!;
      expect(
        verifyNotification(
          Buffer.from(SECRETS[org]!, 'base64'),
          call.body,
          call.headers['notification-signature'] as string,
        ),
      ).toBe(true);
      expect(call.headers['alert-rule-id']).toBe(rules.get(`${org}:empty-capacity-zero`));
      const [alert] = delivered(org);
      expect(alert).toMatchObject({
        kind: 'empty-capacity-zero',
        reason: 'MAEU 45G1 empties at WBCT: capacity fell to zero (not accepting)',
        asOf: '2026-03-02T17:00:00.000Z',
        source: { organisation: 'wbct' },
        details: { accepting: false, locationCode: 'WBCT' },
      });
      expect(await alertsOf(org)).toHaveLength(1);
    }
    // Trucker 3 watches LBCT, which did not change.
    expect(await alertsOf('t3')).toEqual([]);
  });

  it('should raise nothing for a repeated identical statement or for another carrier', async () => {
    await returns(
      'wbct',
      'WBCT,USLAX,MAEU,45G1,N,,2026-03-02T09:10:00-08:00\nWBCT,USLAX,CMDU,45G1,Y,25,2026-03-02T09:10:00-08:00',
    );
    await worker.idle();
    worker.wake();
    await worker.idle();
    for (const org of ['t1', 't2']) {
      expect((await alertsOf(org)).map((a) => a.kind)).toEqual(['empty-capacity-zero']);
      expect(delivered(org)).toHaveLength(1);
    }
  });

  it('should send one alert per subscriber when the location reopens', async () => {
    await returns('wbct', 'WBCT,USLAX,MAEU,45G1,Y,5,2026-03-02T10:00:00-08:00');
    for (const org of ['t1', 't2']) {
      await until(() => delivered(org).length >= 2, `${org}'s second webhook`, WAIT_MS);
      expect(delivered(org).map((a) => a.reason)).toEqual([
        'MAEU 45G1 empties at WBCT: capacity fell to zero (not accepting)',
        'MAEU 45G1 empties at WBCT: accepting again (5 places)',
      ]);
      // The receiver answered; the delivery is recorded right after.
      await until(async () => (await alertsOf(org)).every((a) => a.deliveryState === 'delivered'), 'recorded', WAIT_MS);
      expect((await alertsOf(org)).map((a) => a.kind)).toEqual(['empty-capacity-reopened', 'empty-capacity-zero']);
    }
  });

  it('should push a stream-only alert on the live stream, once', async () => {
    await returns('lbct', 'LBCT,USLGB,MAEU,45G1,Y,0,2026-03-02T10:05:00-08:00');
    await until(() => stream.messages.some((m) => m.event === 'alert'), "t3's live stream", WAIT_MS);
    const alerts = stream.messages.filter((m) => m.event === 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.data).toMatchObject({
      kind: 'empty-capacity-zero',
      reason: 'MAEU 45G1 empties at LBCT: capacity fell to zero (no places left)',
      deliveryState: 'stream-only',
    });
    expect((await alertsOf('t3')).map((a) => a.ruleId)).toEqual([rules.get('t3:empty-capacity-zero')]);
  });

  it('should raise nothing twice when the alert projection is replayed from zero', async () => {
    const before = await Promise.all(['t1', 't2', 't3'].map(async (o) => (await alertsOf(o)).length));
    await platform.projections.rebuild('alerts');
    await platform.projections.catchUpAll();
    const after = await Promise.all(['t1', 't2', 't3'].map(async (o) => (await alertsOf(o)).length));
    expect(after).toEqual(before);
  });

  it("should never show one organisation another's rules or alerts (404)", async () => {
    const t1Rule = rules.get('t1:empty-capacity-zero')!;
    expect((await api('t2', 'GET', `/alerts/rules/${t1Rule}`)).statusCode).toBe(404);
    const del = await api('t2', 'DELETE', `/alerts/rules/${t1Rule}`);
    expect(del.statusCode).toBe(404);
    expect(del.json()).toMatchObject({ code: 'PCS_ALERT_RULE_NOT_FOUND' });
    expect((await api('t1', 'GET', `/alerts/rules/${t1Rule}`)).statusCode).toBe(200);
    const listed = (await api('t2', 'GET', '/alerts/rules')).json<{ ruleId: string }[]>();
    expect(listed.map((r) => r.ruleId).sort()).toEqual(
      [rules.get('t2:empty-capacity-zero'), rules.get('t2:empty-capacity-reopened')].sort(),
    );
    expect((await alertsOf('t2')).some((a) => a.ruleId === t1Rule)).toBe(false);
    expect((await server.app.inject({ url: '/alerts' })).statusCode).toBe(401);
  });

  it('should stop a deleted rule and keep its alerts listed', async () => {
    const id = rules.get('t2:empty-capacity-zero')!;
    expect((await api('t2', 'DELETE', `/alerts/rules/${id}`)).statusCode).toBe(204);
    expect((await api('t2', 'GET', `/alerts/rules/${id}`)).statusCode).toBe(404);
    await returns('wbct', 'WBCT,USLAX,MAEU,45G1,N,,2026-03-02T11:00:00-08:00');
    expect((await alertsOf('t2')).filter((a) => a.kind === 'empty-capacity-zero')).toHaveLength(1);
    expect((await alertsOf('t1')).filter((a) => a.kind === 'empty-capacity-zero')).toHaveLength(2);
  });

  it('should page alerts newest first with a cursor', async () => {
    const first = await api('t1', 'GET', '/alerts?limit=1');
    expect(first.statusCode).toBe(200);
    const next = first.headers['next-page'] as string;
    expect(next).toBeTruthy();
    const second = await api('t1', 'GET', `/alerts?limit=1&cursor=${next}`);
    expect(Number(second.json<AlertView[]>()[0]!.alertId)).toBeLessThan(Number(first.json<AlertView[]>()[0]!.alertId));
  });

  it('should refuse bad input with a 400 and a pointer, never a 5xx', async () => {
    const bad = async (url: string, payload?: unknown, method: 'GET' | 'POST' = payload ? 'POST' : 'GET') => {
      const res = await api('t1', method, url, payload);
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ code: string }>();
    };
    await bad('/alerts?since=yesterday');
    await bad('/alerts/rules?verbose=1');
    await bad('/alerts?cursor=not-a-cursor');
    await bad('/alerts?limit=0');
    await bad('/alerts/rules', { kind: 'capacity-changed', parameters: {} });
    await bad('/alerts/rules', { kind: 'hold-set', parameters: { equipmentReference: 'not a box' } });
    await bad('/alerts/rules', { kind: 'hold-set', parameters: { equipmentReference: 'MSCU1234565', extra: 1 } });
    await bad('/alerts/rules', { kind: 'hold-set', parameters: { equipmentReference: 42 } });
    await bad('/alerts/rules', []);
    await bad('/alerts/rules', { kind: 'hold-set' });
    expect(
      await bad('/alerts/rules', {
        kind: 'hold-set',
        parameters: { equipmentReference: 'MSCU1234565' },
        callbackUrl: 'https://example.com/hook',
      }),
    ).toMatchObject({ code: 'PCS_ALERT_RULE_INVALID' });
    expect(
      await bad('/alerts/rules', {
        kind: 'appointment-slots-free',
        parameters: {
          terminal: 'WBCT',
          transactionType: 'IMPORT_PICKUP',
          from: '2026-03-03T00:00:00Z',
          to: '2026-03-02T00:00:00Z',
        },
      }),
    ).toMatchObject({ code: 'PCS_ALERT_RULE_INVALID' });
    expect((await api('t1', 'GET', '/alerts/rules/not-a-uuid')).statusCode).toBe(404);
  });
});
