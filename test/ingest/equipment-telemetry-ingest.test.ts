/**
 * Equipment telemetry reaches the product as a member's would, on both engines:
 * - over HTTP (`POST /ingest/equipment-telemetry`) from a terminal: stored, re-delivery stores nothing new, a
 *   bad line is a dead letter with its pointer, another role is refused before anything is stored;
 * - over MQTT against the local broker (Mosquitto on 127.0.0.1:1883; skipped with a message when none answers):
 *   the simulator publishes an hour of telemetry, the product's MQTT transport keeps it raw in the inbox and the
 *   pipeline turns every message into an event; a malformed payload becomes a dead letter and the transport
 *   goes on.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { startMqttTelemetryFeed, type MqttTelemetryFeed } from '../../src/ingest/transports/mqtt-telemetry-feed.js';
import type { Platform } from '../../src/platform.js';
import { equipmentTelemetrySource, type TimedTelemetry } from '../../src/sim/equipment/equipment-telemetry.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { MqttTelemetryPublisher } from '../../src/sim/io/mqtt-telemetry-publisher.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { simulate } from '../../src/sim/simulate.js';
import { ENGINES } from '../support/engines.js';
import { operatesEveryTerminal, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../support/until.js';

const BROKER = process.env['OPENPCS_TEST_MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';

async function brokerAnswers(url: string): Promise<boolean> {
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
const broker = await brokerAnswers(BROKER);
if (!broker) {
  console.warn(`[openpcs tests] no MQTT broker answers at ${BROKER}: the MQTT telemetry tests are skipped.`);
}

/** The first simulated hour of a May 2018 day with a battery-heavy fleet (charging sessions included). */
function simulatedHour(): TimedTelemetry[] {
  const parsed = parseScenario({
    seed: 5,
    days: 1,
    start: '2018-05-08T06:00:00Z',
    warmupDays: 5,
    equipment: { powertrainMix: { diesel: 0.5, battery_electric: 0.5 } },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const source = equipmentTelemetrySource(simulate(parsed.scenario, loadSimInputs()));
  return [...source.messagesIn(parsed.scenario.startMs, parsed.scenario.startMs + 3_600_000)];
}
const hour = simulatedHour();
const ndjson = (items: readonly TimedTelemetry[]): string =>
  `${items.map((m) => JSON.stringify(m.message)).join('\n')}\n`;

const count = async (platform: Platform, table: 'event' | 'dead_letter' | 'inbox'): Promise<number> =>
  Number(
    (
      await platform.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(ENGINES)('equipment telemetry into the product on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let feed: MqttTelemetryFeed | undefined;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 10_000 });
  }, 180_000);
  afterEach(async () => {
    await feed?.stop();
    feed = undefined;
    await server.shutdown();
    await platform.close();
  });

  it('should store a terminal’s NDJSON batch over HTTP once, and refuse another role', async () => {
    const { authorization } = await orgWithKey(platform, 'wbct', 'terminal');
    await operatesEveryTerminal(platform, 'wbct');
    const batch = hour.filter((m) => m.message.terminal === 'WBCT');
    expect(batch.length).toBeGreaterThan(100);
    const post = (payload: string, auth = authorization) =>
      server.app.inject({
        method: 'POST',
        url: '/ingest/equipment-telemetry',
        payload,
        headers: { 'content-type': 'application/x-ndjson', authorization: auth },
      });
    const res = await post(ndjson(batch));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(202);
    expect(res.json<{ eventsAppended: number; rejected: number }>()).toMatchObject({
      eventsAppended: batch.length,
      rejected: 0,
    });
    // The same messages again, in another batch (a re-delivery): nothing new.
    const again = await post(ndjson(batch.slice(0, 50)));
    expect(again.statusCode).toBe(202);
    expect(again.json<{ eventsAppended: number; eventsDuplicate: number }>()).toMatchObject({
      eventsAppended: 0,
      eventsDuplicate: 50,
    });
    // A bad line: 207, its line and pointer; the good line is stored.
    const good = { ...batch[0]!.message, observedAt: '2018-05-08T09:00:00Z' };
    const bad = { ...batch[0]!.message, observedAt: '2018-05-08T09:15:00Z', engineHours: -1 };
    const partial = await post(`${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`);
    expect(partial.statusCode, partial.body.slice(0, 300)).toBe(207);
    const answer = partial.json<{
      eventsAppended: number;
      deadLetters: { code: string; line: number; pointer: string }[];
    }>();
    expect(answer.eventsAppended).toBe(1);
    expect(answer.deadLetters).toMatchObject([{ code: 'PCS_TELEMETRY_SCHEMA', line: 2, pointer: '/engineHours' }]);
    // Nothing parseable at all: 422.
    expect((await post('not json\n')).statusCode).toBe(422);
    // A trucker may not report a terminal's equipment.
    const trucker = await orgWithKey(platform, 'sbtl', 'trucker');
    const refused = await post(ndjson(batch.slice(0, 1)), trucker.authorization);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('PCS_INGEST_SENDER_ROLE');
    expect(await count(platform, 'event')).toBe(batch.length + 1);
  });

  it.skipIf(!broker)(
    'should take the simulator’s MQTT telemetry into the inbox and events; a malformed payload is a dead letter',
    async () => {
      const root = `test-${randomBytes(4).toString('hex')}/`;
      feed = startMqttTelemetryFeed(platform, {
        url: BROKER,
        sourceOrg: 'local',
        visibility: 'private',
        topic: `${root}openpcs/telemetry/#`,
        maxMessages: 200,
      });
      await feed.subscribed;
      const publisher = await MqttTelemetryPublisher.connect(BROKER, { topicPrefix: root });
      try {
        await publisher.publish(hour);
        await until(() => feed!.stats.messages >= hour.length, 'the transport to receive every message', 60_000);
        // Malformed payloads on the same tree: not JSON, bytes that are not UTF-8, a schema violation.
        const raw = await mqtt.connectAsync(BROKER);
        await raw.publishAsync(`${root}openpcs/telemetry/WBCT/yard_tractor/X`, '{"messageType": ', { qos: 1 });
        await raw.publishAsync(`${root}openpcs/telemetry/WBCT/yard_tractor/Y`, Buffer.from([0xff, 0xfe, 0x00]), {
          qos: 1,
        });
        await raw.endAsync();
        // …and the transport goes on: one more good message after them is stored.
        const after = { ...hour[0]!.message, observedAt: '2018-05-08T07:30:00.000Z' };
        await publisher.publish([{ ...hour[0]!, message: after }]);
      } finally {
        await publisher.close();
      }
      await until(() => feed!.stats.messages >= hour.length + 3, 'the malformed and the last message', 30_000);
      await feed.stop();
      feed = undefined;
      await platform.pipeline.drain();
      expect(await count(platform, 'event')).toBe(hour.length + 1);
      const letters = await platform.database.db.selectFrom('dead_letter').select(['error_code']).execute();
      expect(letters.map((l) => l.error_code).sort()).toEqual(['PCS_TELEMETRY_NOT_JSON', 'PCS_TELEMETRY_NOT_JSON']);
      const inbox = await platform.database.db
        .selectFrom('inbox')
        .select(['channel', 'source_org', 'metadata'])
        .execute();
      expect(inbox.every((r) => r.channel === 'mqtt' && r.source_org === 'local')).toBe(true);
      // Kept raw: the topics of every stored message are in the inbox metadata, in order.
      const topics = inbox.flatMap((r) => (r.metadata as { topics: string[] }).topics);
      expect(topics).toHaveLength(hour.length + 3);
      expect(new Set(topics.map((t) => t.split('/')[3]))).toContain('WBCT');
      const sessions = await platform.database.db
        .selectFrom('event')
        .where('event_type_code', '=', 'CHRG')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(sessions.n)).toBe(hour.filter((m) => m.message.messageType === 'charging-session').length);
    },
    120_000,
  );
});
