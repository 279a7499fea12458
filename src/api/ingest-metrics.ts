/**
 * Prometheus metrics of the ingest pipeline and the projection runner (exposed at `/metrics`), fed through
 * their observer hooks.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { IngestObserver } from '../ingest/ingest-pipeline.js';
import type { ProjectionObserver } from '../projections/projection-observer.js';
import type { ProjectionLag } from '../projections/projection-runner.js';

export interface PlatformMetrics {
  readonly registry: Registry;
  readonly observer: IngestObserver;
  readonly projectionObserver: ProjectionObserver;
  /** Gauges read from the store at scrape time. */
  setCollectors(collect: {
    openDeadLetters: () => Promise<number>;
    inboxBacklog: () => Promise<number>;
    openQuarantine?: () => Promise<ReadonlyMap<string, number>>;
    projectionLag?: () => Promise<ReadonlyMap<string, ProjectionLag>>;
  }): void;
}

export function createMetrics(): PlatformMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'openpcs_' });
  const counter = <L extends string>(name: string, help: string, ...labelNames: L[]): Counter<L> =>
    new Counter({ name, help, labelNames, registers: [registry] });
  const received = counter(
    'openpcs_ingest_messages_received_total',
    'Messages stored in the inbox, by format and whether they were exact re-deliveries',
    'format',
    'duplicate',
  );
  const receivedBytes = counter(
    'openpcs_ingest_bytes_received_total',
    'Bytes of message bodies received, by format',
    'format',
  );
  const processed = counter(
    'openpcs_ingest_messages_processed_total',
    'Messages parsed, by format and outcome (processed, partial, failed)',
    'format',
    'status',
  );
  const appended = counter(
    'openpcs_events_appended_total',
    'Canonical events appended to the event store, by source format',
    'format',
  );
  const duplicates = counter(
    'openpcs_events_duplicate_total',
    'Events not appended because their idempotency key was already stored',
    'format',
  );
  const deadLetters = counter(
    'openpcs_dead_letters_total',
    'Dead letters recorded, by format and error code',
    'format',
    'code',
  );
  const rejectedParts = counter(
    'openpcs_ingest_rejected_parts_total',
    'Rejected message parts, by format and error code (all of them; dead letters keep the first 100 per message)',
    'format',
    'code',
  );
  const crashes = counter(
    'openpcs_ingest_worker_errors_total',
    'Background processing attempts that failed (message kept in the inbox for retry)',
  );
  const quarantined = counter(
    'openpcs_projection_events_quarantined_total',
    'Events a projection could not apply and quarantined (or that failed again on retry), by projection',
    'projection',
  );
  let collectors: Parameters<PlatformMetrics['setCollectors']>[0] | undefined;
  /** A gauge set from the store at scrape time (nothing until the collectors are set). */
  const storeGauge = (name: string, help: string, read: (c: NonNullable<typeof collectors>) => Promise<number>) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        if (collectors) this.set(await read(collectors));
      },
    });
  storeGauge('openpcs_dead_letters_open', 'Dead letters waiting for a replay', (c) => c.openDeadLetters());
  storeGauge('openpcs_inbox_backlog', 'Inbox messages received but not processed yet', (c) => c.inboxBacklog());
  new Gauge({
    name: 'openpcs_projection_quarantine_open',
    help: 'Quarantined events waiting for "openpcs projections retry", by projection',
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      if (!collectors?.openQuarantine) return;
      this.reset();
      for (const [projection, n] of await collectors.openQuarantine()) this.set({ projection }, n);
    },
  });
  // The registry collects every metric of a scrape at once: both lag gauges share the one read in flight.
  let lagRead: Promise<ReadonlyMap<string, ProjectionLag>> | null = null;
  const lagGauge = (name: string, help: string, which: keyof ProjectionLag) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [registry],
      async collect() {
        const read = collectors?.projectionLag;
        if (!read) return;
        lagRead ??= read().finally(() => {
          lagRead = null;
        });
        const lag = await lagRead;
        this.reset();
        for (const [projection, one] of lag) this.set({ projection }, one[which]);
      },
    });
  lagGauge(
    'openpcs_projection_lag_positions',
    "Event-log positions between a read model's checkpoint and the settled head, by projection (0: caught up)",
    'positions',
  );
  lagGauge(
    'openpcs_projection_lag_seconds',
    'Age of the oldest event a read model has not applied yet, by projection (0: caught up)',
    'seconds',
  );
  return {
    registry,
    projectionObserver: {
      quarantined(projection) {
        quarantined.inc({ projection });
      },
    },
    observer: {
      received(format, duplicate, bytes) {
        received.inc({ format, duplicate: String(duplicate) });
        receivedBytes.inc({ format }, bytes);
      },
      processed(outcome) {
        processed.inc({ format: outcome.format, status: outcome.status });
        appended.inc({ format: outcome.format }, outcome.appended);
        duplicates.inc({ format: outcome.format }, outcome.duplicates);
        for (const letter of outcome.deadLetters) deadLetters.inc({ format: outcome.format, code: letter.error_code });
        for (const [code, n] of Object.entries(outcome.rejectedByCode)) {
          rejectedParts.inc({ format: outcome.format, code }, n);
        }
      },
      crashed() {
        crashes.inc();
      },
    },
    setCollectors(collect) {
      collectors = collect;
    },
  };
}
