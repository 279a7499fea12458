/**
 * Publishes the simulated equipment telemetry to an MQTT broker (`openpcs sim --live --mqtt mqtt://host:1883`),
 * each message on its topic (`openpcs/telemetry/{terminal}/{equipmentType}/{equipmentId}`, chargers
 * `…/{terminal}/charger/{chargerId}`) with the JSON payload exactly as `telemetry.jsonl` holds it, QoS 1 (the
 * broker acknowledges each one, so a window is on the broker when `publish` resolves and the live run's pace
 * follows the broker's). The client reconnects by itself; messages published while it is away wait in its
 * outgoing queue. `topicPrefix` (tests) puts the tree under another root.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { TimedTelemetry } from '../equipment/equipment-telemetry.js';

const IN_FLIGHT = 100;

export interface TelemetryPublisher {
  publish(batch: readonly TimedTelemetry[]): Promise<void>;
  close(): Promise<void>;
}

export class MqttTelemetryPublisher implements TelemetryPublisher {
  #client: MqttClient;
  #prefix: string;
  published = 0;

  private constructor(client: MqttClient, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
  }

  /** Connects (waits for the first CONNACK, at most `timeoutMs`); throws when the broker does not answer. */
  static async connect(
    url: string,
    options: { clientId?: string; timeoutMs?: number; topicPrefix?: string } = {},
  ): Promise<MqttTelemetryPublisher> {
    const client = mqtt.connect(url, {
      clientId: options.clientId ?? `openpcs-sim-${process.pid}`,
      reconnectPeriod: 1000,
      connectTimeout: options.timeoutMs ?? 5000,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.end(true);
        reject(new Error(`no MQTT broker answered at ${url}`));
      }, options.timeoutMs ?? 5000);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return new MqttTelemetryPublisher(client, options.topicPrefix ?? '');
  }

  async publish(batch: readonly TimedTelemetry[]): Promise<void> {
    // At most IN_FLIGHT unacknowledged at once: a broker keeps a bounded queue per subscriber (Mosquitto's
    // max_queued_messages, 1,000 by default) and drops what overflows it.
    for (let i = 0; i < batch.length; i += IN_FLIGHT) {
      await Promise.all(
        batch
          .slice(i, i + IN_FLIGHT)
          .map((m) => this.#client.publishAsync(`${this.#prefix}${m.topic}`, JSON.stringify(m.message), { qos: 1 })),
      );
    }
    this.published += batch.length;
  }

  async close(): Promise<void> {
    await this.#client.endAsync();
  }
}
