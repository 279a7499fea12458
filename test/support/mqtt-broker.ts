/** Whether an MQTT broker answers at a URL (tests that need one skip with a message when none does). */
import { connect } from 'node:net';

export const TEST_MQTT_URL = process.env['OPENPCS_TEST_MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';

export async function brokerAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 1883) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}
