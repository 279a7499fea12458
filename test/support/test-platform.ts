import { InProcessEventBus } from '../../src/bus/in-process-event-bus.js';
import { defaultParsers } from '../../src/ingest/default-parsers.js';
import { IngestPipeline } from '../../src/ingest/ingest-pipeline.js';
import type { ParserRegistry } from '../../src/ingest/parser-registry.js';
import type { Platform } from '../../src/platform.js';
import { defaultProjections } from '../../src/projections/default-projections.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { DeadLetterRepository } from '../../src/store/dead-letter-repository.js';
import { EventStore } from '../../src/store/event-store.js';
import { CallbackAddressPolicy } from '../../src/subscriptions/callback-address-policy.js';
import { InboxRepository } from '../../src/store/inbox-repository.js';
import { AuditLogRepository } from '../../src/store/audit-log-repository.js';
import { OrganisationRepository } from '../../src/store/organisation-repository.js';
import { OrganisationFormatSettings } from '../../src/store/organisation-format-settings.js';
import { CsvLayoutRepository } from '../../src/store/csv-layout-repository.js';
import type { EngineCase } from './engines.js';

/** A platform over a fresh store of the given engine (same wiring as `openPlatform`). */
export async function testPlatform(engine: EngineCase, parsers: ParserRegistry = defaultParsers()): Promise<Platform> {
  const store = await engine.open();
  const bus = new InProcessEventBus();
  const events = new EventStore(store, bus);
  const inbox = new InboxRepository(store.db);
  const deadLetters = new DeadLetterRepository(store.db);
  const formatSettings = new OrganisationFormatSettings(store.db);
  const csvLayouts = new CsvLayoutRepository(store.db);
  const pipeline = new IngestPipeline({
    db: store.db,
    inbox,
    deadLetters,
    events,
    parsers,
    defaultTimeZone: 'UTC',
    formatSettings,
    csvLayouts,
  });
  const projections = new ProjectionRunner(store.db, events, defaultProjections());
  const audit = new AuditLogRepository(store.db);
  return {
    database: store,
    projections,
    bus,
    events,
    inbox,
    deadLetters,
    organisations: new OrganisationRepository(store.db),
    formatSettings,
    csvLayouts,
    audit,
    parsers,
    pipeline,
    // Test receivers listen on 127.0.0.1; `test/subscriptions/callback-address-policy.test.ts` covers the refusal.
    callbacks: new CallbackAddressPolicy(['127.0.0.0/8']),
    async close() {
      await pipeline.drain();
      await projections.stop();
      await audit.close();
      await bus.close();
      await store.dispose();
    },
  };
}
