/**
 * The schema of the `equipment-telemetry` messages (docs/simulator.md "Equipment telemetry"): the payloads a
 * terminal's equipment and chargers publish on `openpcs/telemetry/{terminal}/{equipmentType}/{id}` (the types
 * are `src/domain/equipment-telemetry.ts`; the simulator writes them). Strict: an unknown field is refused, so a
 * misspelt counter is a rejection with its pointer, not a silently empty value.
 */
import { z } from 'zod';
import {
  EQUIPMENT_STATES,
  EQUIPMENT_TYPES,
  POWERTRAINS,
  type ChargingSessionMessage,
  type EquipmentStatusMessage,
} from '../../domain/equipment-telemetry.js';

/** An equipment or charger id is one MQTT topic level: letters, digits, `.`, `_`, `-` (no `/`, `+`, `#`). */
const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_", "-"; at most 64');
/** SMDG terminal code (1 to 6 upper-case letters and digits). */
const Terminal = z.string().regex(/^[A-Z0-9]{1,6}$/, 'an SMDG terminal code (1 to 6 of A-Z, 0-9)');
const Instant = z.iso.datetime({ offset: true });
const Percent = z.number().min(0).max(100);
const Counter = z.number().min(0).max(1e9);

export const EquipmentStatusSchema = z.strictObject({
  messageType: z.literal('equipment-status'),
  schemaVersion: z.literal(1),
  equipmentId: Id,
  terminal: Terminal,
  equipmentType: z.enum(EQUIPMENT_TYPES),
  powertrain: z.enum(POWERTRAINS),
  observedAt: Instant,
  state: z.enum(EQUIPMENT_STATES),
  position: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  socPct: Percent.nullable(),
  energy: z.strictObject({
    electricityKwh: Counter.optional(),
    dieselLitres: Counter.optional(),
    hydrogenKg: Counter.optional(),
  }),
  engineHours: z.number().min(0).max(1e6),
}) satisfies z.ZodType<EquipmentStatusMessage>;

export const ChargingSessionSchema = z.strictObject({
  messageType: z.literal('charging-session'),
  schemaVersion: z.literal(1),
  phase: z.enum(['start', 'stop']),
  sessionId: Id,
  chargerId: Id,
  equipmentId: Id,
  terminal: Terminal,
  observedAt: Instant,
  startedAt: Instant,
  socStartPct: Percent,
  endedAt: Instant.optional(),
  socEndPct: Percent.optional(),
  /** Energy into the battery; a session of a large unit on a fast charger stays well under 10 MWh. */
  energyKwh: z.number().min(0).max(10_000).optional(),
}) satisfies z.ZodType<ChargingSessionMessage>;
