/**
 * Prometheus metrics of the ingest pipeline and the projection runner (exposed at `/metrics`), fed through
 * their observer hooks.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { IngestObserver } from '../ingest/ingest-pipeline.js';
import type { ProjectionObserver } from '../projections/projection-observer.js';

export interface PlatformMetrics {
  readonly registry: Registry;
  readonly observer: IngestObserver;
  readonly projectionObserver: ProjectionObserver;
  /** Gauges read from the store at scrape time. */
  setCollectors(collect: {
    openDeadLetters: () => Promise<number>;
    inboxBacklog: () => Promise<number>;
    openQuarantine?: () => Promise<ReadonlyMap<string, number>>;
  }): void;
}

export function createMetrics(): PlatformMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'openpcs_' });
  const received = new Counter({
    name: 'openpcs_ingest_messages_received_total',
    help: 'Messages stored in the inbox, by format and whether they were exact re-deliveries',
    labelNames: ['format', 'duplicate'] as const,
    registers: [registry],
  });
  const receivedBytes = new Counter({
    name: 'openpcs_ingest_bytes_received_total',
    help: 'Bytes of message bodies received, by format',
    labelNames: ['format'] as const,
    registers: [registry],
  });
  const processed = new Counter({
    name: 'openpcs_ingest_messages_processed_total',
    help: 'Messages parsed, by format and outcome (processed, partial, failed)',
    labelNames: ['format', 'status'] as const,
    registers: [registry],
  });
  const appended = new Counter({
    name: 'openpcs_events_appended_total',
    help: 'Canonical events appended to the event store, by source format',
    labelNames: ['format'] as const,
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'openpcs_events_duplicate_total',
    help: 'Events not appended because their idempotency key was already stored',
    labelNames: ['format'] as const,
    registers: [registry],
  });
  const deadLetters = new Counter({
    name: 'openpcs_dead_letters_total',
    help: 'Dead letters recorded, by format and error code',
    labelNames: ['format', 'code'] as const,
    registers: [registry],
  });
  const rejectedParts = new Counter({
    name: 'openpcs_ingest_rejected_parts_total',
    help: 'Rejected message parts, by format and error code (all of them; dead letters keep the first 100 per message)',
    labelNames: ['format', 'code'] as const,
    registers: [registry],
  });
  const crashes = new Counter({
    name: 'openpcs_ingest_worker_errors_total',
    help: 'Background processing attempts that failed (message kept in the inbox for retry)',
    registers: [registry],
  });
  const quarantined = new Counter({
    name: 'openpcs_projection_events_quarantined_total',
    help: 'Events a projection could not apply and quarantined (or that failed again on retry), by projection',
    labelNames: ['projection'] as const,
    registers: [registry],
  });
  let collectors: Parameters<PlatformMetrics['setCollectors']>[0] | undefined;
  new Gauge({
    name: 'openpcs_dead_letters_open',
    help: 'Dead letters waiting for a replay',
    registers: [registry],
    async collect() {
      if (collectors) this.set(await collectors.openDeadLetters());
    },
  });
  new Gauge({
    name: 'openpcs_inbox_backlog',
    help: 'Inbox messages received but not processed yet',
    registers: [registry],
    async collect() {
      if (collectors) this.set(await collectors.inboxBacklog());
    },
  });
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
