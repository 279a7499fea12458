/**
 * Alert evaluation latency (issue 13): with 10,000 alert rules stored (2,000 empty-return keys × 5 rules of 100
 * trucker organisations, each with a webhook), one key's capacity falls to zero per iteration; measured from the
 * 2xx of the ingest `POST /ingest/csv-empty-returns` to the receipt, by a real HTTP receiver, of the first and of
 * the last of the alerts that change raises (3 per key: the key's `empty-capacity-zero` rules). The server is
 * built in this process (`buildServer` + `listen`, the same wiring as `serve`: projections following the bus,
 * alert delivery waiting for them), over a scratch store of each engine. Sequential changes; p50/p99 in ms.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../src/api/build-server.js';
import { openPlatform } from '../src/platform.js';
import { AlertRepository } from '../src/store/alert-repository.js';
import { startAlertDelivery } from '../src/subscriptions/alert-delivery-worker.js';
import type { BenchSuite } from './bench-record.js';
import { postgresReachable, scratchStore, type BenchEngine } from './bench-stores.js';

const RULES = 10_000;
const KEYS = 2_000;
const RETURNS = 'location,port,carrier_scac,iso_type,accepting,remaining_capacity,stated_at';
const location = (k: number) => `D${String(k).padStart(4, '0')}`;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(engine: BenchEngine, iterations: number, log: (m: string) => void) {
  const scratch = await scratchStore(engine, 'alerts');
  const platform = await openPlatform({ store: scratch.config, callbackAllowNetworks: ['127.0.0.0/8'] });
  const received = new Map<string, number[]>();
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const at = performance.now();
      const alert = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { details: { locationCode: string } };
      received.set(alert.details.locationCode, [...(received.get(alert.details.locationCode) ?? []), at]);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
  const server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000_000 });
  await platform.projections.start(platform.bus);
  const worker = startAlertDelivery(platform, { pollIntervalMs: 1_000 });
  try {
    await platform.organisations.create('pa', 'Port authority', 'port_authority');
    const key = `Bearer ${(await platform.organisations.createKey('pa', ['ingest', 'read'], 'bench')).key}`;
    const post = async (rows: string) => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/ingest/csv-empty-returns',
        payload: `${RETURNS}\n${rows}\n`,
        headers: { authorization: key, 'content-type': 'text/csv' },
      });
      if (res.statusCode !== 202) throw new Error(`ingest answered ${res.statusCode}: ${res.body}`);
    };
    // Every key open, then the rules (changes after a rule's creation count).
    const open = Array.from({ length: KEYS }, (_, k) => `${location(k)},USLAX,MAEU,45G1,Y,10,2026-03-02T08:00:00Z`);
    await post(open.join('\n'));
    await platform.projections.catchUpAll();
    const alerts = new AlertRepository(platform.database.db);
    for (let t = 0; t < 100; t++) await platform.organisations.create(`trucker-${t}`, `Trucker ${t}`, 'trucker');
    const head = await platform.events.head();
    const secret = Buffer.alloc(32, 5);
    for (let r = 0; r < RULES; r++) {
      const k = Math.floor(r / (RULES / KEYS));
      await alerts.createRule({
        orgId: `trucker-${r % 100}`,
        rule: {
          kind: (r % (RULES / KEYS)) % 2 === 0 ? 'empty-capacity-zero' : 'empty-capacity-reopened',
          parameters: { locationCode: location(k), carrierScac: 'MAEU', isoEquipmentCode: '45G1' },
        },
        callback: { url: hook, secret },
        startSeq: head,
      });
    }
    log(`alerts ${engine}: ${RULES} rules over ${KEYS} keys stored`);
    const perChange = Math.ceil(RULES / KEYS / 2);
    const first: number[] = [];
    const last: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const k = (i * 7) % KEYS;
      await post(`${location(k)},USLAX,MAEU,45G1,N,,2026-03-02T09:${String(i % 60).padStart(2, '0')}:00Z`);
      const acked = performance.now();
      const deadline = Date.now() + 60_000;
      while ((received.get(location(k))?.length ?? 0) < perChange) {
        if (Date.now() > deadline) throw new Error(`no alerts for ${location(k)} after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const times = received.get(location(k))!;
      first.push(times[0]! - acked);
      last.push(times[perChange - 1]! - acked);
    }
    return { first: first.sort((a, b) => a - b), last: last.sort((a, b) => a - b), perChange };
  } finally {
    await worker.stop();
    await server.shutdown();
    await platform.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await scratch.dispose();
  }
}

const suite: BenchSuite = async (emit, { quick }) => {
  const iterations = quick ? 30 : 200;
  const engines: BenchEngine[] = ['pglite'];
  if (await postgresReachable()) engines.push('postgres');
  else process.stderr.write('alerts: no PostgreSQL server answers; PostgreSQL leg skipped\n');
  for (const engine of engines) {
    const { first, last, perChange } = await run(engine, iterations, (m) => process.stderr.write(`${m}\n`));
    const common = { engine, rules: RULES, keys: KEYS, alertsPerChange: perChange, iterations };
    emit({ bench: 'alerts.ack-to-webhook.first.p50', unit: 'ms', value: Math.round(percentile(first, 50)), ...common });
    emit({ bench: 'alerts.ack-to-webhook.first.p99', unit: 'ms', value: Math.round(percentile(first, 99)), ...common });
    emit({ bench: 'alerts.ack-to-webhook.last.p50', unit: 'ms', value: Math.round(percentile(last, 50)), ...common });
    emit({ bench: 'alerts.ack-to-webhook.last.p99', unit: 'ms', value: Math.round(percentile(last, 99)), ...common });
  }
};

export default suite;
