/**
 * Composition root: opens the store, migrates it, and wires repositories, event store, bus and ingest
 * pipeline. The HTTP server and the CLI both start from here, so they share one wiring.
 */
import { InProcessEventBus } from './bus/in-process-event-bus.js';
import type { EventBus } from './bus/event-bus.js';
import type { IngestObserver } from './ingest/ingest-pipeline.js';
import { IngestPipeline } from './ingest/ingest-pipeline.js';
import { defaultParsers } from './ingest/default-parsers.js';
import type { ParserRegistry } from './ingest/parser-registry.js';
import { defaultProjections } from './projections/default-projections.js';
import type { Projection } from './projections/projection.js';
import { ProjectionRunner } from './projections/projection-runner.js';
import { DeadLetterRepository } from './store/dead-letter-repository.js';
import { EventStore } from './store/event-store.js';
import { InboxRepository } from './store/inbox-repository.js';
import { AuditLogRepository } from './store/audit-log-repository.js';
import { CsvLayoutRepository } from './store/csv-layout-repository.js';
import { OperatedTerminals } from './store/operated-terminals.js';
import { CarrierScacs } from './store/carrier-scacs.js';
import { OrganisationFormatSettings } from './store/organisation-format-settings.js';
import { OrganisationRepository } from './store/organisation-repository.js';
import { migrateToLatest } from './store/migrate.js';
import { openDatabase, type Database, type StoreConfig } from './store/open-database.js';
import { CallbackAddressPolicy } from './subscriptions/callback-address-policy.js';

export interface PlatformOptions {
  /**
   * Where the data lives: a store to open, or a `Database` already open (a test's scratch store, already
   * migrated: pass `migrate: false`). The platform closes it either way.
   */
  readonly store: StoreConfig | Database;
  readonly defaultTimeZone?: string | undefined;
  readonly parsers?: ParserRegistry | undefined;
  readonly observer?: IngestObserver | undefined;
  readonly projections?: readonly Projection[] | undefined;
  /** Called when a background projection catch-up fails (it is retried at the next event). */
  readonly onProjectionError?: ((error: unknown) => void) | undefined;
  /** Called when a batch of audited reads could not be written (kept and retried). */
  readonly onAuditError?: ((error: unknown) => void) | undefined;
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean | undefined;
  /** Networks webhook callbacks may reach although loopback/private (see `callback-address-policy.ts`). */
  readonly callbackAllowNetworks?: readonly string[] | undefined;
}

export interface Platform {
  readonly database: Database;
  readonly bus: EventBus;
  readonly events: EventStore;
  readonly inbox: InboxRepository;
  readonly deadLetters: DeadLetterRepository;
  readonly organisations: OrganisationRepository;
  /** Each organisation's defaults per ingest format (zone, visibility). */
  readonly formatSettings: OrganisationFormatSettings;
  /** Each organisation's declared CSV layouts per format, every version (docs/csv-layouts.md). */
  readonly csvLayouts: CsvLayoutRepository;
  /** Which terminals each organisation operates (access/operated-terminals.ts); set by the port authority. */
  readonly operatedTerminals: OperatedTerminals;
  /** Which carrier SCACs each organisation speaks for (access/carrier-scacs.ts); set by the port authority. */
  readonly carrierScacs: CarrierScacs;
  readonly audit: AuditLogRepository;
  readonly parsers: ParserRegistry;
  readonly pipeline: IngestPipeline;
  readonly projections: ProjectionRunner;
  /** Where webhook callbacks may go (checked when a subscription is made and before every delivery). */
  readonly callbacks: CallbackAddressPolicy;
  /** Drains background ingestion, then closes bus and store. */
  close(): Promise<void>;
}

export async function openPlatform(options: PlatformOptions): Promise<Platform> {
  const database = 'db' in options.store ? options.store : await openDatabase(options.store);
  try {
    if (options.migrate !== false) await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const bus = new InProcessEventBus();
  const events = new EventStore(database, bus);
  const inbox = new InboxRepository(database.db);
  const deadLetters = new DeadLetterRepository(database.db);
  const parsers = options.parsers ?? defaultParsers();
  const formatSettings = new OrganisationFormatSettings(database.db);
  const csvLayouts = new CsvLayoutRepository(database.db);
  const pipeline = new IngestPipeline({
    db: database.db,
    inbox,
    deadLetters,
    events,
    parsers,
    defaultTimeZone: options.defaultTimeZone ?? 'UTC',
    formatSettings,
    csvLayouts,
    observer: options.observer,
  });
  const projections = new ProjectionRunner(
    database.db,
    events,
    options.projections ?? defaultProjections(),
    1000,
    options.onProjectionError,
  );
  const audit = new AuditLogRepository(database.db, { onError: options.onAuditError });
  return {
    database,
    bus,
    events,
    inbox,
    deadLetters,
    organisations: new OrganisationRepository(database.db),
    formatSettings,
    csvLayouts,
    operatedTerminals: new OperatedTerminals(database.db),
    carrierScacs: new CarrierScacs(database.db),
    audit,
    parsers,
    pipeline,
    projections,
    callbacks: new CallbackAddressPolicy(options.callbackAllowNetworks ?? []),
    async close() {
      await pipeline.drain();
      await projections.stop();
      await audit.close();
      await bus.close();
      await database.close();
    },
  };
}

/** Store configuration from the environment: PostgreSQL when a URL is given, else PGlite in `dataDir`. */
export function storeConfigFrom(env: {
  DATABASE_URL?: string | undefined;
  OPENPCS_DATA_DIR: string;
  OPENPCS_PG_POOL_SIZE?: number | undefined;
}): StoreConfig {
  return env.DATABASE_URL
    ? { engine: 'postgres', url: env.DATABASE_URL, poolSize: env.OPENPCS_PG_POOL_SIZE }
    : { engine: 'pglite', dataDir: env.OPENPCS_DATA_DIR };
}
