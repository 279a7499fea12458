/**
 * Event append throughput (events/s) by batch size (1, 100, 1000) on PGlite (the embedded default,
 * on disk) and on PostgreSQL (DATABASE_URL, or the local server if it answers), side by side with
 * COPY of the same rows into a scratch table of the same structure (same unique idempotency index and
 * secondary indexes) in the same run; `ratio` = append / COPY.
 *
 * One appender calls `append` batch after batch (`writers: 1`). On PostgreSQL the same batches are also
 * appended by 4 concurrent appenders (`…writers-4`), as concurrent ingest requests and feeds do: appends
 * take no global lock, so they use both the server's cores. PGlite has one connection, so only one writer.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { EventProvenance, NewCanonicalEvent } from '../src/domain/canonical-event.js';
import { EventStore } from '../src/store/event-store.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { Database } from '../src/store/open-database.js';
import { onEachEngine } from './bench-stores.js';
import type { BenchSuite, Emit } from './bench-record.js';

const PROVENANCE: EventProvenance = {
  source: 'bench',
  inboxId: null,
  sourceOrg: 'local',
  ownerOrgs: ['local'],
  visibility: 'community',
};

const CONTAINER_OWNERS = ['MSCU', 'MAEU', 'CMAU', 'HLXU', 'OOLU', 'TGHU'];

/** A realistic DCSA equipment event (gate-out of a laden import box), ~600 bytes of payload. */
function makeEvent(run: string, i: number): NewCanonicalEvent {
  const container = `${CONTAINER_OWNERS[i % CONTAINER_OWNERS.length]}${String(i % 1_000_000).padStart(7, '0')}`;
  const at = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
  return {
    idempotencyKey: `bench:${run}:${i}`,
    eventType: 'EQUIPMENT',
    eventTypeCode: i % 2 === 0 ? 'GTOT' : 'DISC',
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    location: {
      unLocationCode: 'USLAX',
      facilityCode: 'WBCT',
      facilityCodeListProvider: 'SMDG',
      facilityTypeCode: 'POTE',
    },
    references: {
      equipmentReference: container,
      transportDocumentReference: `MEDU${(i * 7919) % 10_000_000}`,
      vesselIMONumber: '9321483',
      carrierVoyageNumber: '2247W',
      carrierCode: 'MAEU',
    },
    payload: {
      equipmentEventTypeCode: i % 2 === 0 ? 'GTOT' : 'DISC',
      emptyIndicatorCode: 'LADEN',
      ISOEquipmentCode: '45G1',
      seals: [{ sealNumber: `SL${i}`, sealSource: 'CAR', sealType: 'BLT' }],
      transportCall: {
        transportCallID: `TC-${i % 500}`,
        carrierServiceCode: 'TP6',
        exportVoyageNumber: '2247W',
        UNLocationCode: 'USLAX',
        facilityTypeCode: 'POTE',
        modeOfTransport: 'VESSEL',
        vessel: {
          vesselIMONumber: '9321483',
          vesselName: 'EMMA MAERSK',
          vesselFlag: 'DK',
          vesselCallSignNumber: 'OYGR2',
        },
      },
    },
  };
}

function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `"${value.replaceAll('"', '""')}"`;
}

const COPY_COLUMNS =
  'idempotency_key, event_type, event_type_code, event_classifier_code, event_date_time, event_created_date_time, un_location_code, facility_code, facility_type_code, location, equipment_reference, transport_document_reference, carrier_booking_reference, vessel_imo_number, vessel_mmsi, carrier_voyage_number, carrier_code, payload, source, inbox_id, source_org, owner_orgs, visibility';

/** The same rows the append writes, as CSV for COPY. */
function toCsv(events: readonly NewCanonicalEvent[]): string {
  return events
    .map((e) =>
      [
        e.idempotencyKey,
        e.eventType,
        e.eventTypeCode,
        e.eventClassifierCode,
        e.eventDateTime,
        e.eventCreatedDateTime,
        e.location?.unLocationCode,
        e.location?.facilityCode,
        e.location?.facilityTypeCode,
        e.location ? JSON.stringify(e.location) : null,
        e.references?.equipmentReference,
        e.references?.transportDocumentReference,
        e.references?.carrierBookingReference,
        e.references?.vesselIMONumber,
        e.references?.vesselMMSI,
        e.references?.carrierVoyageNumber,
        e.references?.carrierCode,
        JSON.stringify(e.payload),
        PROVENANCE.source,
        null,
        PROVENANCE.sourceOrg,
        `{${PROVENANCE.ownerOrgs.join(',')}}`,
        PROVENANCE.visibility,
      ]
        .map(csvField)
        .join(','),
    )
    .join('\n')
    .concat('\n');
}

async function measureAppend(
  database: Database,
  batchSize: number,
  total: number,
  writers: number,
  run: string,
): Promise<number> {
  const store = new EventStore(database);
  const events = Array.from({ length: total }, (_, i) => makeEvent(run, i));
  let next = 0;
  const appender = async () => {
    for (let i = next; i < total; i = next) {
      next += batchSize;
      const result = await store.append(events.slice(i, i + batchSize), PROVENANCE);
      if (result.duplicates > 0) throw new Error(`unexpected duplicates: ${result.duplicates}`);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: writers }, appender));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if ((await store.count({ source: PROVENANCE.source })) < total) throw new Error('events missing after the run');
  return total / seconds;
}

async function measureCopy(database: Database, total: number, run: string): Promise<number> {
  const events = Array.from({ length: total }, (_, i) => makeEvent(`${run}-copy`, i));
  const csv = toCsv(events);
  await sql`drop table if exists event_copy_scratch`.execute(database.db);
  await sql`create table event_copy_scratch (like event including all)`.execute(database.db);
  const started = process.hrtime.bigint();
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      await pipeline(
        Readable.from([csv]),
        client.query(copyFrom(`copy event_copy_scratch (${COPY_COLUMNS}) from stdin with (format csv)`)),
      );
    } finally {
      client.release();
    }
  } else {
    await database.pglite!.query(`copy event_copy_scratch (${COPY_COLUMNS}) from '/dev/blob' with (format csv)`, [], {
      blob: new Blob([csv]),
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await sql`drop table event_copy_scratch`.execute(database.db);
  return total / seconds;
}

/**
 * Each measurement starts right after a checkpoint (PostgreSQL), so neither side pays for the other's
 * full-page writes. Needs the right to CHECKPOINT (superuser or pg_checkpoint); without it, runs without.
 */
async function checkpoint(database: Database): Promise<void> {
  if (database.engine !== 'postgres') return;
  try {
    await sql`checkpoint`.execute(database.db);
  } catch {
    /* not allowed: measure without */
  }
}

async function benchEngine(emit: Emit, engine: string, database: Database, quick: boolean): Promise<void> {
  await migrateToLatest(database.db);
  const scale = quick ? 10 : 1;
  const plan = [
    { batch: 1, total: 2_000, writers: 1 },
    { batch: 100, total: 50_000, writers: 1 },
    { batch: 1000, total: 100_000, writers: 1 },
    ...(engine === 'postgres'
      ? [
          { batch: 100, total: 50_000, writers: 4 },
          { batch: 1000, total: 100_000, writers: 4 },
        ]
      : []),
  ];
  for (const { batch, writers, ...rest } of plan) {
    const total = Math.max(batch, rest.total / scale);
    const label = `${engine}-${batch}-${writers}`;
    await checkpoint(database);
    const copyRate = await measureCopy(database, total, label);
    await checkpoint(database);
    const rate = await measureAppend(database, batch, total, writers, label);
    emit({
      bench: `event-append.${engine}.batch-${batch}${writers > 1 ? `.writers-${writers}` : ''}`,
      unit: 'events/s',
      value: Math.round(rate),
      reference: `COPY into a table of the same structure (${engine})`,
      referenceValue: Math.round(copyRate),
      ratio: Number((rate / copyRate).toFixed(3)),
      engine,
      batchSize: batch,
      writers,
      events: total,
    });
  }
}

const suite: BenchSuite = async (emit, { quick }) => {
  await onEachEngine('event-append', (engine, database) => benchEngine(emit, engine, database, quick));
};

export default suite;
