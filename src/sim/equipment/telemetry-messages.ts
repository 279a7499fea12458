/**
 * The equipment telemetry as messages the terminals send over HTTP (`POST /ingest/equipment-telemetry`, NDJSON),
 * for the simulator inside `serve` when no MQTT broker is configured: the messages of one terminal at one
 * simulated instant (a status step of its whole fleet, or a charging session's start or stop) become one message
 * of that terminal's party, the lines in the source's order. Pure.
 */
import { terminalParty } from '../cargo/cargo-parties.js';
import type { SimMessage, SimMessageSource } from '../sim-message.js';
import type { TelemetrySource } from './equipment-telemetry.js';

export const TELEMETRY_FORMAT = 'equipment-telemetry';

export function telemetryMessageSource(telemetry: TelemetrySource): SimMessageSource {
  return {
    messagesIn(fromMs: number, toMs: number): readonly SimMessage[] {
      const groups = new Map<string, { atMs: number; terminal: string; lines: string[] }>();
      for (const t of telemetry.messagesIn(fromMs, toMs)) {
        const key = `${t.atMs}|${t.message.terminal}`;
        const group = groups.get(key) ?? { atMs: t.atMs, terminal: t.message.terminal, lines: [] };
        group.lines.push(JSON.stringify(t.message));
        groups.set(key, group);
      }
      // Map keeps insertion order, and the source is in time order: the messages are too.
      return [...groups.values()].map((g) => ({
        atMs: g.atMs,
        party: terminalParty(g.terminal),
        format: TELEMETRY_FORMAT,
        body: `${g.lines.join('\n')}\n`,
      }));
    },
  };
}
