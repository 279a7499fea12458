/**
 * Community API latency (issue "Community API"): `GET /v2/events` filtered by equipment reference and by
 * vessel, p50/p99 latency and requests/s, against a running `openpcs serve` (child process) on PostgreSQL
 * with 1M and 10M events (quick: 100k). Load comes from autocannon in this process, so server and load
 * generator do not share an event loop. Events are generated server-side (generate_series) in 1M-row chunks.
 * The measured server runs `serve --api-only`: the API in steady state, as an API replica runs it. A full
 * `serve` would first spend minutes projecting the freshly loaded millions of events into the read models
 * (work that happens once, as events arrive, in a running port) on the same two cores as the requests.
 * Sizes can be overridden: OPENPCS_BENCH_API_EVENTS=1000000,10000000.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { imoCheckDigit } from '../src/domain/identifiers/imo-number.js';
import type { BenchSuite } from './bench-record.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const CONTAINERS = 2_000_000;
const VESSELS = 3_000;

function imoWithCheckDigit(six: number): string {
  const digits = String(six).padStart(6, '0');
  return `${digits}${imoCheckDigit(digits)}`;
}

const VESSEL_IMOS = Array.from({ length: VESSELS }, (_, i) => imoWithCheckDigit(900_000 + i));
const container = (n: number) => `MSCU${String(n % CONTAINERS).padStart(7, '0')}`;

async function load(url: string, total: number, log: (m: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let from = 1; from <= total; from += 1_000_000) {
      const to = Math.min(total, from + 999_999);
      await client.query(
        `insert into event (idempotency_key, event_type, event_type_code, event_classifier_code, event_date_time,
           event_created_date_time, un_location_code, facility_code, facility_type_code, location, equipment_reference,
           transport_document_reference, vessel_imo_number, carrier_voyage_number, carrier_code, payload, source,
           source_org, owner_orgs, visibility)
         select 'bench:' || g, 'EQUIPMENT', (array['LOAD','DISC','GTIN','GTOT'])[1 + g % 4], 'ACT',
           timestamptz '2025-01-01' + g * interval '3 seconds', timestamptz '2025-01-01' + g * interval '3 seconds',
           'USLAX', 'WBCT', 'POTE', '{"unLocationCode":"USLAX","facilityCode":"WBCT","facilityTypeCode":"POTE"}'::jsonb,
           'MSCU' || lpad((g % ${CONTAINERS})::text, 7, '0'), 'MEDU' || (g % 500000),
           ($3::text[])[1 + g % ${VESSELS}], 'V' || (g % 700), 'MSCU',
           jsonb_build_object('equipmentEventTypeCode', (array['LOAD','DISC','GTIN','GTOT'])[1 + g % 4],
             'emptyIndicatorCode', 'LADEN', 'ISOEquipmentCode', '45G1'),
           'bench', 'local', array['local'], 'community'
         from generate_series($1::bigint, $2::bigint) g`,
        [from, to, VESSEL_IMOS],
      );
      log(`events-api: loaded ${to} / ${total} events`);
    }
    await client.query('analyze event');
  } finally {
    await client.end();
  }
}

async function startServer(
  url: string,
  knownKey?: string,
  extraArgs: readonly string[] = [],
): Promise<{ baseUrl: string; key: string; stop: () => Promise<void> }> {
  const args = [CLI, 'serve', '--database-url', url, '--port', '0', '--host', '127.0.0.1', ...extraArgs];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      OPENPCS_PG_POOL_SIZE: '10',
      OPENPCS_RATE_LIMIT_PER_MIN: '100000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ baseUrl: string; key: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const key = knownKey ?? /opcs_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(output)?.[0];
      const port = /ready on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (key && port) {
        clearTimeout(timer);
        resolve({ baseUrl: `http://127.0.0.1:${port}`, key });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  return {
    ...ready,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function measure(baseUrl: string, key: string, pathOf: () => string, seconds: number) {
  const result = await autocannon({
    url: baseUrl,
    connections: 8,
    duration: seconds,
    headers: { authorization: `Bearer ${key}` },
    requests: [{ setupRequest: (req) => ({ ...req, path: pathOf() }) }],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
  };
}

const suite: BenchSuite = async (emit, { quick }) => {
  const base = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const sizes = (process.env['OPENPCS_BENCH_API_EVENTS'] ?? (quick ? '100000' : '1000000,10000000'))
    .split(',')
    .map(Number);
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    process.stderr.write(`events-api: PostgreSQL not reachable at ${base}; skipped\n`);
    return;
  }
  const log = (m: string) => process.stderr.write(`${m}\n`);
  try {
    for (const total of sizes) {
      const name = `openpcs_bench_api_${process.pid}_${total}`;
      await admin.query(`create database ${name}`);
      const url = new URL(base);
      url.pathname = `/${name}`;
      try {
        // Migrate by starting the server once, then load, then restart so it serves warm statistics.
        const first = await startServer(url.toString());
        await first.stop();
        await load(url.toString(), total, log);
        const server = await startServer(url.toString(), first.key, ['--api-only']);
        try {
          let n = 0;
          const cases = [
            {
              name: 'by-equipment',
              path: () => `/v2/events?equipmentReference=${container((n = (n * 7919 + 13) % total))}&limit=20`,
            },
            {
              name: 'by-vessel',
              path: () => `/v2/events?vesselIMONumber=${VESSEL_IMOS[(n = (n + 7) % VESSELS)]}&limit=20`,
            },
          ];
          for (const c of cases) {
            await measure(server.baseUrl, server.key, c.path, 2); // warm-up
            const r = await measure(server.baseUrl, server.key, c.path, quick ? 5 : 10);
            const common = {
              engine: 'postgres',
              events: total,
              connections: 8,
              errors: r.errors,
              target: 'p99 <= 50 ms at 10M events',
            };
            emit({ bench: `events-api.v2-events.${c.name}.p50`, unit: 'ms', value: r.p50, ...common });
            emit({ bench: `events-api.v2-events.${c.name}.p99`, unit: 'ms', value: r.p99, ...common });
            emit({
              bench: `events-api.v2-events.${c.name}.throughput`,
              unit: 'requests/s',
              value: Math.round(r.rps),
              ...common,
            });
          }
        } finally {
          await server.stop();
        }
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
      }
    }
  } finally {
    await admin.end();
  }
};

export default suite;
