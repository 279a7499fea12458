/**
 * The MQTT transport of equipment telemetry (`serve` with `OPENPCS_MQTT_URL`): subscribes to the topic tree
 * (`openpcs/telemetry/#`, QoS 1) on the configured broker and keeps every message raw in the inbox as an
 * `equipment-telemetry` message of the configured sender organisation, channel `mqtt`, before anything parses
 * it — as the AIS feeds do (`ais-inbox-sink.ts`). Messages are batched like AIS lines: payloads that are one
 * line of UTF-8 go together, one per line (NDJSON), up to `maxMessages` or `maxDelayMs`; any other payload (a
 * pretty-printed message, bytes that are not UTF-8) is an inbox message of its own, so it can only spoil itself.
 * Each message's topic is kept in the inbox metadata (`topics`, by line).
 *
 * Acknowledgement: the client acknowledges a QoS 1 message when it has it (mqtt.js hands messages over one at a
 * time and sends the PUBACK when the handler returns, so holding the PUBACK until the inbox commit would store
 * one message at a time). A batch waits at most `maxDelayMs` in memory: a crash in that window loses it, as it
 * loses an AIS feed's pending line batch. A failed store is retried with backoff; the client reconnects by
 * itself; an unreachable broker is one warning per outage (and one line when it answers again), not one a second. A
 * message delivered twice (QoS 1 allows it) is recognised by its idempotency key (equipment and
 * observation time, per sender).
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { Visibility } from '../../domain/canonical-event.js';
import { EQUIPMENT_TELEMETRY_FORMAT } from '../telemetry/equipment-telemetry-parser.js';
import type { FeedLog, FeedTarget } from './start-ais-feeds.js';

export interface MqttTelemetryFeedOptions {
  /** Broker, e.g. `mqtt://127.0.0.1:1883`. */
  readonly url: string;
  /** Organisation the messages are stored as sent by (the terminal, or the operator that runs the broker). */
  readonly sourceOrg: string;
  readonly visibility: Visibility;
  /** Topic filter subscribed to (default `openpcs/telemetry/#`). */
  readonly topic?: string | undefined;
  readonly clientId?: string | undefined;
  readonly maxMessages?: number | undefined;
  readonly maxDelayMs?: number | undefined;
  readonly log?: FeedLog | undefined;
}

export interface MqttTelemetryFeedStats {
  messages: number;
  inboxMessages: number;
  storeFailures: number;
}

export interface MqttTelemetryFeed {
  readonly stats: Readonly<MqttTelemetryFeedStats>;
  /** Resolves once the subscription is granted. */
  readonly subscribed: Promise<void>;
  /** Stores what is batched, then disconnects. */
  stop(): Promise<void>;
}

interface Pending {
  readonly topic: string;
  readonly payload: Buffer;
}

const RECONNECT_MS = 1000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function oneLineOfUtf8(payload: Buffer): boolean {
  if (payload.includes(0x0a) || payload.includes(0x0d) || payload.length === 0) return false;
  try {
    utf8.decode(payload);
    return true;
  } catch {
    return false;
  }
}

export function startMqttTelemetryFeed(target: FeedTarget, options: MqttTelemetryFeedOptions): MqttTelemetryFeed {
  const log = options.log ?? (() => {});
  const topic = options.topic ?? 'openpcs/telemetry/#';
  const maxMessages = options.maxMessages ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 250;
  const stats: MqttTelemetryFeedStats = { messages: 0, inboxMessages: 0, storeFailures: 0 };
  let batch: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  async function store(items: readonly Pending[]): Promise<void> {
    const body = Buffer.concat(items.flatMap((m, i) => (i === 0 ? [m.payload] : [Buffer.from('\n'), m.payload])));
    for (let attempt = 0; ; attempt++) {
      try {
        await target.pipeline.enqueue({
          format: EQUIPMENT_TELEMETRY_FORMAT,
          body: items.length > 1 ? Buffer.concat([body, Buffer.from('\n')]) : body,
          channel: 'mqtt',
          contentType: items.length > 1 ? 'application/x-ndjson' : 'application/json',
          sourceOrg: options.sourceOrg,
          visibility: options.visibility,
          metadata: { feed: `mqtt:${options.url}`, messages: items.length, topics: items.map((m) => m.topic) },
        });
        stats.inboxMessages++;
        return;
      } catch (error) {
        stats.storeFailures++;
        const givenUp = attempt >= 5 || stopped;
        log(
          givenUp ? 'error' : 'warn',
          `mqtt ${options.url}: storing ${items.length} message(s) in the inbox failed${givenUp ? ', given up' : ', retrying'}: ${error instanceof Error ? error.message : String(error)}`,
        );
        if (givenUp) return;
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 10_000)));
      }
    }
  }

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    chain = chain.then(() => store(items));
  }

  const client: MqttClient = mqtt.connect(options.url, {
    clientId: options.clientId ?? `openpcs-telemetry-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    reconnectPeriod: RECONNECT_MS,
    connectTimeout: 5000,
  });
  client.on('message', (messageTopic, payload) => {
    stats.messages++;
    const item: Pending = { topic: messageTopic, payload };
    if (!oneLineOfUtf8(payload)) {
      flush();
      chain = chain.then(() => store([item]));
      return;
    }
    batch.push(item);
    if (batch.length >= maxMessages) flush();
    else timer ??= setTimeout(flush, maxDelayMs);
  });
  // One warning per outage, not one per reconnect attempt (every second): the broker is down until `connect` says
  // it is back, and that is said once too.
  let down = false;
  let lastError: string | undefined;
  const wentDown = (what: string) => {
    if (down || stopped) return;
    down = true;
    log(
      'warn',
      `mqtt ${options.url}: ${what}${lastError ? ` (${lastError})` : ''}; retrying every ${RECONNECT_MS / 1000} s, no telemetry until it answers`,
    );
  };
  client.on('error', (error) => {
    lastError = error.message;
    wentDown('broker unreachable');
  });
  client.on('offline', () => wentDown('broker unreachable'));
  const subscribed = new Promise<void>((resolve) => {
    client.on('connect', () => {
      if (down) log('info', `mqtt ${options.url}: broker reachable again`);
      down = false;
      lastError = undefined;
      client.subscribe(topic, { qos: 1 }, (error) => {
        if (error) log('error', `mqtt ${options.url}: subscribing to ${topic} failed: ${error.message}`);
        else {
          log('info', `mqtt ${options.url}: subscribed to ${topic} (sender ${options.sourceOrg})`);
          resolve();
        }
      });
    });
  });

  return {
    stats,
    subscribed,
    async stop() {
      stopped = true;
      flush();
      await chain;
      await client.endAsync();
    },
  };
}
