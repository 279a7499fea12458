import { describe, expect, it } from 'vitest';
import type { EquipmentStatusMessage } from '../../domain/equipment-telemetry.js';
import type { TimedTelemetry } from './equipment-telemetry.js';
import { telemetryMessageSource } from './telemetry-messages.js';

const status = (id: string, terminal: string, atMs: number): TimedTelemetry => {
  const message: EquipmentStatusMessage = {
    messageType: 'equipment-status',
    schemaVersion: 1,
    equipmentId: id,
    terminal,
    equipmentType: 'yard_tractor',
    powertrain: 'diesel',
    observedAt: new Date(atMs).toISOString(),
    state: 'idle',
    socPct: null,
    energy: { dieselLitres: 1 },
    engineHours: 1,
  };
  return { atMs, topic: `openpcs/telemetry/${terminal}/yard_tractor/${id}`, message };
};

describe('telemetry as terminal messages (serve simulator without a broker)', () => {
  it('should send one NDJSON message per terminal and instant, from that terminal, in time order', () => {
    const items = [
      status('W-1', 'WBCT', 0),
      status('L-1', 'LBCT', 0),
      status('W-2', 'WBCT', 0),
      status('W-1', 'WBCT', 900_000),
    ];
    const source = telemetryMessageSource({
      messagesIn: (from, to) => items.filter((i) => i.atMs >= from && i.atMs < to),
    });
    const messages = source.messagesIn(0, 3_600_000);
    expect(messages.map((m) => [m.atMs, m.party.code, m.party.role, m.format])).toEqual([
      [0, 'WBCT', 'terminal', 'equipment-telemetry'],
      [0, 'LBCT', 'terminal', 'equipment-telemetry'],
      [900_000, 'WBCT', 'terminal', 'equipment-telemetry'],
    ]);
    const first = messages[0]!.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EquipmentStatusMessage);
    expect(first.map((m) => m.equipmentId)).toEqual(['W-1', 'W-2']);
  });
});
