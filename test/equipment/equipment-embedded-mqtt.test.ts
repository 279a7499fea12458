/**
 * Telemetry through the embedded MQTT broker (`serve` runs it when OPENPCS_MQTT_URL is unset;
 * ingest/transports/embedded-mqtt-broker.ts) to the equipment figures, on both engines: the same path and checks as
 * the Mosquitto test (`equipment-mqtt.test.ts`) — the simulator's first hour of a battery-heavy fleet published to the
 * broker, the product's transport subscribed to it, and `GET /equipment/ze-share` and `GET /equipment` moving from
 * nothing to the published figures — with the broker in-process instead of a local Mosquitto, so it always runs.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { EquipmentStatusMessage } from '../../src/domain/equipment-telemetry.js';
import { isZeroEmissionPowertrain } from '../../src/domain/zero-emission/ze-classification.js';
import { startMqttTelemetryFeed, type MqttTelemetryFeed } from '../../src/ingest/transports/mqtt-telemetry-feed.js';
import type { Platform } from '../../src/platform.js';
import { equipmentTelemetrySource, type TimedTelemetry } from '../../src/sim/equipment/equipment-telemetry.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { MqttTelemetryPublisher } from '../../src/sim/io/mqtt-telemetry-publisher.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { simulate } from '../../src/sim/simulate.js';
import { ENGINES } from '../support/engines.js';
import { startEmbeddedMqttBroker, type EmbeddedMqttBroker } from '../../src/ingest/transports/embedded-mqtt-broker.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../support/until.js';

function simulatedHour(): TimedTelemetry[] {
  const parsed = parseScenario({
    seed: 7,
    days: 1,
    start: '2018-05-08T06:00:00Z',
    warmupDays: 5,
    equipment: { powertrainMix: { diesel: 0.5, battery_electric: 0.3, hydrogen_fuel_cell: 0.2 } },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const source = equipmentTelemetrySource(simulate(parsed.scenario, loadSimInputs()));
  return [...source.messagesIn(parsed.scenario.startMs, parsed.scenario.startMs + 3_600_000)];
}

interface Share {
  units: number;
  zeUnits: number;
  shareByCount: number | null;
  operatingHours: number;
  energy: { electricityKwh: number; dieselLitres: number; hydrogenKg: number };
  chargingSessions: { count: number };
}

describe.each(ENGINES)('equipment figures from telemetry through the embedded MQTT broker on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let feed: MqttTelemetryFeed | undefined;
  let broker: EmbeddedMqttBroker;
  beforeEach(async () => {
    // Port 0: any free port, so the test never meets a local Mosquitto or another run.
    broker = await startEmbeddedMqttBroker({ host: '127.0.0.1', port: 0 });
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 10_000 });
  }, 180_000);
  afterEach(async () => {
    await feed?.stop();
    feed = undefined;
    await server.shutdown();
    await platform.close();
    await broker.close();
  });

  it('should turn telemetry published to the broker into ZE-share, energy and unit figures', async () => {
    const member = await orgWithKey(platform, 'wbct', 'terminal', ['read']);
    await operates(platform, 'wbct', ['WBCT']);
    const shareNow = async () => {
      await platform.projections.catchUpAll();
      const res = await server.app.inject({
        url: '/equipment/ze-share',
        headers: { authorization: member.authorization },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      return res.json<{ port: Share }>().port;
    };
    expect(await shareNow()).toMatchObject({ units: 0, shareByCount: null, operatingHours: 0 });

    const hour = simulatedHour();
    const root = `test-${randomBytes(4).toString('hex')}/`;
    feed = startMqttTelemetryFeed(platform, {
      url: broker.url,
      sourceOrg: 'local',
      visibility: 'private',
      topic: `${root}openpcs/telemetry/#`,
      maxMessages: 500,
    });
    await feed.subscribed;
    const publisher = await MqttTelemetryPublisher.connect(broker.url, { topicPrefix: root });
    try {
      await publisher.publish(hour);
    } finally {
      await publisher.close();
    }
    await until(() => feed!.stats.messages >= hour.length, 'the transport to receive every message', 60_000);
    await feed.stop();
    feed = undefined;
    await platform.pipeline.drain();

    // What was published, computed here from the messages themselves.
    const statuses = hour
      .map((m) => m.message)
      .filter((m): m is EquipmentStatusMessage => m.messageType === 'equipment-status');
    const latest = new Map<string, EquipmentStatusMessage>();
    const first = new Map<string, EquipmentStatusMessage>();
    for (const s of statuses) {
      if (!first.has(s.equipmentId)) first.set(s.equipmentId, s);
      latest.set(s.equipmentId, s);
    }
    const che = [...latest.values()].filter((s) => s.equipmentType !== 'sts_crane');
    const zeChe = che.filter((s) => isZeroEmissionPowertrain(s.powertrain)).length;
    const grown = (pick: (s: EquipmentStatusMessage) => number | undefined) =>
      [...latest.values()].reduce(
        (sum, s) => sum + Math.max(0, (pick(s) ?? 0) - (pick(first.get(s.equipmentId)!) ?? 0)),
        0,
      );

    const port = await shareNow();
    expect(port.units).toBe(che.length);
    expect(port.zeUnits).toBe(zeChe);
    expect(zeChe).toBeGreaterThan(0);
    expect(port.shareByCount).toBeCloseTo(zeChe / che.length, 9);
    expect(port.operatingHours).toBeGreaterThan(0);
    expect(port.energy.electricityKwh).toBeCloseTo(
      grown((s) => s.energy.electricityKwh),
      6,
    );
    expect(port.energy.dieselLitres).toBeCloseTo(
      grown((s) => s.energy.dieselLitres),
      6,
    );
    expect(port.energy.hydrogenKg).toBeCloseTo(
      grown((s) => s.energy.hydrogenKg),
      6,
    );

    // The terminal sees its own units, stored by the operator's transport.
    const res = await server.app.inject({
      url: '/equipment?terminal=WBCT&limit=1000',
      headers: { authorization: member.authorization },
    });
    const wbct = [...latest.values()].filter((s) => s.terminal === 'WBCT');
    expect(res.json<{ units: unknown[] }>().units).toHaveLength(wbct.length);
    const other = await server.app.inject({
      url: '/equipment?terminal=LBCT',
      headers: { authorization: member.authorization },
    });
    expect(other.json<{ units: unknown[] }>().units).toEqual([]);
  }, 180_000);
});
