/**
 * SQL snapshots of the hot queries (STYLE §9, as kysely's and immich's tests keep them): each case runs the real
 * reader against a dialect that records what it is sent (test/support/recording-dialect.ts) and compares the SQL
 * and parameters with the checked-in file under test/store/sql/. A change of a query's shape (a filter, a join,
 * the visibility rule, an order) shows up here as a diff to review. After an intended change:
 * `UPDATE_SNAPSHOTS=1 npx vitest run test/store/sql-snapshots.test.ts`, then review and commit the .sql files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCAL_OPERATOR, scopeFor, type AccessScope } from '../../src/access/access-scope.js';
import { ContainerReader } from '../../src/api/cargo/container-reader.js';
import { loadGeography } from '../../src/geo/load-geography.js';
import { vesselsAt } from '../../src/api/vessels/vessels-at-reader.js';
import { EventQuery, type DcsaEventFilter } from '../../src/store/event-query.js';
import { InboxRepository } from '../../src/store/inbox-repository.js';
import { SettledHorizon } from '../../src/store/settled-horizon.js';
import { recordingDatabase, type RecordedQuery, type Responder } from '../support/recording-dialect.js';

const DIR = fileURLToPath(new URL('./sql/', import.meta.url));
const UPDATE = process.env['UPDATE_SNAPSHOTS'] === '1';

const CARRIER: AccessScope = scopeFor('maersk', 'carrier', ['read'], 'key-1');

/** The recorded queries as the .sql file holds them: each statement, then its parameters as a comment. */
function render(queries: readonly RecordedQuery[]): string {
  return queries
    .map(
      (q, i) =>
        `-- query ${i + 1}\n${q.sql};\n-- parameters: ${JSON.stringify(q.parameters, (_k, v: unknown) =>
          typeof v === 'bigint' ? v.toString() : v,
        )}\n`,
    )
    .join('\n');
}

function matchSnapshot(name: string, queries: readonly RecordedQuery[]): void {
  const file = join(DIR, `${name}.sql`);
  const actual = render(queries);
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`no snapshot ${file}: run with UPDATE_SNAPSHOTS=1, review and commit it`);
  expect(actual, `${name}.sql differs: after an intended change, run with UPDATE_SNAPSHOTS=1`).toBe(
    readFileSync(file, 'utf8'),
  );
}

async function record(run: (db: ReturnType<typeof recordingDatabase>['db']) => Promise<unknown>, respond?: Responder) {
  const { db, recorded } = recordingDatabase(respond);
  await run(db);
  return recorded;
}

const cursorRead = (filter: DcsaEventFilter, scope: AccessScope) =>
  record((db) => new EventQuery(db, new SettledHorizon(db)).after(filter, scope, '1200', 100, '5000'));

const EVERY_DCSA_FILTER: DcsaEventFilter = {
  eventTypes: ['TRANSPORT', 'EQUIPMENT'],
  equipmentEventTypeCodes: ['LOAD', 'DISC'],
  transportEventTypeCodes: ['ARRI'],
  equipmentReference: 'MSKU7349015',
  transportDocumentReference: 'MAEU123456789',
  carrierBookingReference: 'BKG123',
  vesselIMONumber: '9321483',
  carrierVoyageNumber: '401W',
  exportVoyageNumber: '401W',
  importVoyageNumber: '400E',
  carrierServiceCode: 'TP6',
  UNLocationCode: 'USLAX',
  transportCallID: 'USLAX/APM/9321483/401W',
  eventCreatedDateTime: { gte: '2026-03-01T00:00:00Z', lt: '2026-03-02T00:00:00Z' },
};

describe('SQL of the hot queries', () => {
  it('should read the event cursor of a member with no filter (GET /v2/events, subscriptions, SSE)', async () => {
    matchSnapshot('event-cursor-member', await cursorRead({}, CARRIER));
  });

  it('should read the event cursor of the port authority without the visibility rule', async () => {
    matchSnapshot('event-cursor-sees-all', await cursorRead({ eventTypes: ['TRANSPORT'] }, LOCAL_OPERATOR));
  });

  it('should compile every DCSA filter into the cursor read', async () => {
    matchSnapshot('event-cursor-dcsa-filter', await cursorRead(EVERY_DCSA_FILTER, CARRIER));
  });

  it('should compile a shipment document filter and the event by id', async () => {
    const queries = await record(async (db) => {
      const events = new EventQuery(db, new SettledHorizon(db));
      await events.after({ documentTypeCodes: ['TRD', 'BKG'], transportDocumentID: 'TD-1' }, CARRIER, '0', 20, '9');
      await events.byId('5f2a7a1e-0000-4000-8000-000000000001', CARRIER);
    });
    matchSnapshot('event-shipment-documents-and-by-id', queries);
  });

  it('should list containers for a member with every filter (GET /containers)', async () => {
    const queries = await record((db) =>
      new ContainerReader(db).list(
        {
          status: 'AVAILABLE',
          terminal: 'APMT',
          transportDocumentReference: 'MAEU123',
          after: 'CSQU3054383',
          limit: 50,
        },
        CARRIER,
      ),
    );
    matchSnapshot('container-list-member', queries);
  });

  it('should list the vessels at an instant: track window, registry, look-back, sources (GET /vessels)', async () => {
    const geography = loadGeography();
    const track: Responder = (q) =>
      q.sql.includes('from "vessel_track"')
        ? [
            {
              mmsi: '366999000',
              observed_at: new Date('2026-03-01T11:58:00Z'),
              lat: 33.74,
              lon: -118.26,
              sog_kn: 0,
              cog_deg: 0,
              heading_deg: 90,
              nav_status: 5,
            },
          ]
        : [];
    const queries = await record(
      (db) => vesselsAt(db, geography, { at: '2026-03-01T12:00:00Z', visibleTo: CARRIER }),
      track,
    );
    // Track window, registry, look-back, and the events the items are dated by (asOf/source).
    expect(queries.length).toBe(4);
    matchSnapshot('vessel-list-member', queries);
  });

  it('should scan the inbox for messages left behind by a crash, by keyset (recovery at start-up)', async () => {
    matchSnapshot('inbox-recovery-scan', await record((db) => new InboxRepository(db).pendingIds(1000, '4711')));
  });
});

describe('SQL snapshot check', () => {
  it('should fail when a query differs from its snapshot', async () => {
    const queries = await cursorRead({ vesselIMONumber: '9321483' }, CARRIER);
    if (UPDATE) return;
    expect(() => matchSnapshot('event-cursor-member', queries)).toThrow(/event-cursor-member\.sql differs/);
  });
});
