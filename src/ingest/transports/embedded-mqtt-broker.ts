/**
 * The embedded MQTT broker (issue 15; docs/equipment.md): when no broker is configured (`OPENPCS_MQTT_URL` unset),
 * `serve` runs this one (aedes, MIT, in-process, no persistence) and subscribes its telemetry transport to it, so
 * equipment can publish to `openpcs/telemetry/...` on a bare install. It listens on loopback by default
 * (`OPENPCS_MQTT_EMBEDDED_HOST`): it has no authentication, so exposing it is the operator's explicit choice. Port
 * 1884 by default (`OPENPCS_MQTT_EMBEDDED_PORT`), next to, not on, the 1883 of a local Mosquitto; 0 takes a free port.
 */
import { createServer, type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedMqttBroker {
  /** `mqtt://host:port` of the broker, for the telemetry transport and publishers. */
  readonly url: string;
  readonly port: number;
  /** Stops listening, disconnects the clients and closes the broker. */
  close(): Promise<void>;
}

export async function startEmbeddedMqttBroker(options: {
  readonly host: string;
  readonly port: number;
}): Promise<EmbeddedMqttBroker> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `mqtt://${host}:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
