/**
 * The end of a vessel-call detector rebuild (`settle`, migration 0031): it narrows to `private` the detected events
 * the rebuild did not derive again — those of source `vessel-call-detector` whose sender and key are not in
 * `vessel_call_detector_derived`. Measured on a fresh store of each engine holding `events` other events (AIS-like,
 * of many vessels) and `detected` detected events, of which the rebuild derived 90 % again (10 % are swept). The
 * time is that of the one statement, run once in the transaction of the rebuild's last page; milliseconds.
 */
import { sql } from 'kysely';
import type { EventProvenance, NewCanonicalEvent } from '../src/domain/canonical-event.js';
import { loadGeography } from '../src/geo/load-geography.js';
import {
  VESSEL_CALL_DETECTOR_SOURCE,
  vesselCallDetectorProjection,
} from '../src/projections/vessels/vessel-call-detector-projection.js';
import { EventStore } from '../src/store/event-store.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { onEachEngine } from './bench-stores.js';
import type { BenchSuite } from './bench-record.js';

const provenance = (source: string): EventProvenance => ({
  source,
  inboxId: null,
  sourceOrg: 'local',
  ownerOrgs: ['local'],
  visibility: 'community',
});

function makeEvent(i: number, detected: boolean): NewCanonicalEvent {
  const at = new Date(Date.UTC(2026, 2, 16) + i * 1000).toISOString();
  return {
    idempotencyKey: `${detected ? 'vessel-call' : 'other'}:${i}`,
    eventType: 'TRANSPORT',
    eventTypeCode: i % 2 === 0 ? 'ARRI' : 'DEPA',
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    location: { unLocationCode: 'USLAX', facilityCode: 'WBCT', facilityTypeCode: 'POTE' },
    references: { vesselMMSI: String(366_000_000 + (i % 2000)) },
    payload: { transportEventTypeCode: i % 2 === 0 ? 'ARRI' : 'DEPA' },
  };
}

const suite: BenchSuite = async (emit, { quick }) => {
  const events = quick ? 40_000 : 150_000;
  const detected = quick ? 4_000 : 20_000;
  const detector = vesselCallDetectorProjection(loadGeography());
  await onEachEngine('detector-settle', async (engine, database) => {
    await migrateToLatest(database.db);
    const store = new EventStore(database);
    for (let i = 0; i < events; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, events - i) }, (_, k) => makeEvent(i + k, false));
      await store.append(batch, provenance('bench'));
    }
    for (let i = 0; i < detected; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, detected - i) }, (_, k) => makeEvent(i + k, true));
      await store.append(batch, provenance(VESSEL_CALL_DETECTOR_SOURCE));
    }
    await sql`insert into vessel_call_detector_derived (source_org, idempotency_key)
      select source_org, idempotency_key from event
      where source = ${VESSEL_CALL_DETECTOR_SOURCE} and seq % 10 <> 0`.execute(database.db);
    const started = performance.now();
    await database.db.transaction().execute((trx) => detector.settle!(trx));
    const ms = Math.round(performance.now() - started);
    const swept = await database.db
      .selectFrom('event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('source', '=', VESSEL_CALL_DETECTOR_SOURCE)
      .where('visibility', '=', 'private')
      .executeTakeFirstOrThrow();
    emit({ bench: 'detector-settle.sweep', unit: 'ms', value: ms, engine, events, detected, swept: Number(swept.n) });
  });
};

export default suite;
