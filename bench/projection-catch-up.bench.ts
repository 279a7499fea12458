/**
 * A projection catching up over a backlog (the replay of issue 12 spent most of a simulated day's time there): the
 * projection runner's read — pages of 1,000 events of the projection's codes, each after the last — over a store
 * holding `events` events, 70 % of them of the codes read (container events among vessel positions), on a fresh
 * store of each engine without statistics (PGlite never gathers them; the CI PostgreSQL server runs without
 * autovacuum). Measured both ways in one run: `unbounded` reads up to the settled horizon (the runner before its
 * scan window), `window` reads at most 20,000 positions per page (`ReadOptions.scanWindow`, as the runner does).
 * Total milliseconds to read the backlog; the events read are the same both ways.
 */
import type { EventProvenance, NewCanonicalEvent } from '../src/domain/canonical-event.js';
import { LOCAL_OPERATOR } from '../src/access/access-scope.js';
import { EventStore } from '../src/store/event-store.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { onEachEngine } from './bench-stores.js';
import type { BenchSuite } from './bench-record.js';

const PROVENANCE: EventProvenance = {
  source: 'bench',
  inboxId: null,
  sourceOrg: 'local',
  ownerOrgs: ['local'],
  visibility: 'community',
};
const CODES = ['GTOT', 'DISC'] as const;
const PAGE = 1000;
const WINDOW = 20 * PAGE;

function makeEvent(i: number): NewCanonicalEvent {
  const at = new Date(Date.UTC(2026, 2, 16) + i * 1000).toISOString();
  const container = i % 10 < 7;
  return {
    idempotencyKey: `catch-up:${i}`,
    eventType: container ? 'EQUIPMENT' : 'TRANSPORT',
    eventTypeCode: container ? CODES[i % 2]! : 'ARRI',
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    location: { unLocationCode: 'USLAX', facilityCode: 'WBCT', facilityTypeCode: 'POTE' },
    references: container
      ? { equipmentReference: `MSCU${String(i % 1_000_000).padStart(7, '0')}` }
      : { vesselMMSI: String(366_000_000 + (i % 1000)) },
    payload: container
      ? { equipmentEventTypeCode: CODES[i % 2]!, emptyIndicatorCode: 'LADEN', ISOEquipmentCode: '45G1' }
      : { transportEventTypeCode: 'ARRI' },
  };
}

const suite: BenchSuite = async (emit, { quick }) => {
  const events = quick ? 40_000 : 150_000;
  await onEachEngine('projection-catch-up', async (engine, database) => {
    await migrateToLatest(database.db);
    const store = new EventStore(database);
    for (let i = 0; i < events; i += 1000) {
      await store.append(
        Array.from({ length: Math.min(1000, events - i) }, (_, k) => makeEvent(i + k)),
        PROVENANCE,
      );
    }
    for (const mode of ['unbounded', 'window'] as const) {
      const started = performance.now();
      let after = '0';
      let read = 0;
      let pages = 0;
      for (;;) {
        const page = await store.read(
          after,
          PAGE,
          { eventTypeCodes: CODES, visibleTo: LOCAL_OPERATOR },
          undefined,
          mode === 'window' ? { scanWindow: WINDOW } : {},
        );
        read += page.events.length;
        pages += 1;
        after = page.scannedTo;
        if (mode === 'window' ? page.reachedHead : page.events.length < PAGE) break;
      }
      const ms = Math.round(performance.now() - started);
      emit({ bench: `projection-catch-up.read.${mode}`, unit: 'ms', value: ms, engine, events, read, pages });
    }
  });
};

export default suite;
