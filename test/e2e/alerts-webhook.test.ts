/**
 * Alerts end to end (issue 13): the built `openpcs serve` in its own process, a real HTTP webhook receiver in this
 * test. A trucker subscribes over the API to WBCT's room for empty MAEU 45G1s; the terminal posts its feed; the
 * capacity falls to zero, then reopens: the receiver gets exactly one signed alert per change (the signature
 * checked with the trucker's secret), and `GET /alerts` lists them as delivered.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyNotification } from '../../src/subscriptions/notification-signature.js';
import { cliBuilt, dataDirForServer, firstStartKey, startServer } from '../support/server-process.js';
import { until } from '../support/until.js';
import { startReceiver } from '../subscriptions/callback-receiver.js';
import { SETUP_BUDGET_MS } from '../support/budget.js';

const RETURNS = 'location,port,carrier_scac,iso_type,accepting,remaining_capacity,stated_at';
const SECRET = Buffer.alloc(48, 9).toString('base64');

describe.skipIf(!cliBuilt())('alerts from a real server to a real webhook receiver', () => {
  it(
    'should deliver one signed alert per change to the receiver',
    async () => {
      const dir = await dataDirForServer('openpcs-alerts-');
      const receiver = await startReceiver();
      const server = await startServer(['--data-dir', dir], { OPENPCS_CALLBACK_ALLOW_NETWORKS: '127.0.0.0/8' });
      try {
        const admin = `Bearer ${await firstStartKey(server)}`;
        const call = async (auth: string, method: string, path: string, body?: unknown, type = 'application/json') => {
          const res = await fetch(`${server.baseUrl}${path}`, {
            method,
            headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': type }) },
            ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
          });
          const text = await res.text();
          return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
        };
        const keyOf = async (id: string, role: string) => {
          expect((await call(admin, 'POST', '/admin/organisations', { id, name: id, role })).status).toBe(201);
          const key = await call(admin, 'POST', `/admin/organisations/${id}/keys`, { scopes: ['read', 'ingest'] });
          expect(key.status, key.text).toBe(201);
          return `Bearer ${String(key.json().key)}`;
        };
        const wbct = await keyOf('wbct', 'terminal');
        const trucker = await keyOf('dray-one', 'trucker');
        expect((await call(admin, 'PUT', '/admin/organisations/wbct/terminals', { terminals: ['WBCT'] })).status).toBe(
          200,
        );
        const feed = async (rows: string) => {
          const res = await call(wbct, 'POST', '/ingest/csv-empty-returns', `${RETURNS}\n${rows}\n`, 'text/csv');
          expect(res.status, res.text).toBe(202);
        };
        await feed('WBCT,USLAX,MAEU,45G1,Y,12,2026-03-02T08:00:00-08:00');
        for (const kind of ['empty-capacity-zero', 'empty-capacity-reopened']) {
          const rule = await call(trucker, 'POST', '/alerts/rules', {
            kind,
            parameters: { locationCode: 'WBCT', carrierScac: 'MAEU', isoEquipmentCode: '45G1' },
            callbackUrl: receiver.url,
            secret: SECRET,
          });
          expect(rule.status, rule.text).toBe(201);
        }
        await feed('WBCT,USLAX,MAEU,45G1,N,,2026-03-02T09:00:00-08:00');
        await until(() => receiver.calls.length >= 1, 'the first alert', 30_000);
        await feed('WBCT,USLAX,MAEU,45G1,N,,2026-03-02T09:30:00-08:00');
        await feed('WBCT,USLAX,MAEU,45G1,Y,3,2026-03-02T10:00:00-08:00');
        await until(() => receiver.calls.length >= 2, 'the second alert', 30_000);
        await until(
          async () => {
            const listed = (await call(trucker, 'GET', '/alerts')).json() as unknown as { deliveryState: string }[];
            return listed.length === 2 && listed.every((a) => a.deliveryState === 'delivered');
          },
          'both recorded as delivered',
          30_000,
        );
        expect(receiver.calls).toHaveLength(2);
        for (const c of receiver.calls) {
          expect(
            verifyNotification(Buffer.from(SECRET, 'base64'), c.body, c.headers['notification-signature'] as string),
          ).toBe(true);
          expect(verifyNotification(Buffer.alloc(48, 8), c.body, c.headers['notification-signature'] as string)).toBe(
            false,
          );
        }
        expect(receiver.calls.map((c) => (JSON.parse(c.body) as { reason: string }).reason)).toEqual([
          'MAEU 45G1 empties at WBCT: capacity fell to zero (not accepting)',
          'MAEU 45G1 empties at WBCT: accepting again (3 places)',
        ]);
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
        await receiver.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SETUP_BUDGET_MS,
  );
});
