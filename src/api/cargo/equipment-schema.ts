/** Response schemas of the equipment routes (zod → OpenAPI; docs/equipment.md). */
import { z } from 'zod';
import { EQUIPMENT_STATES, EQUIPMENT_TYPES, POWERTRAINS } from '../../domain/equipment-telemetry.js';

const SourceSchema = z.object({
  organisation: z.string(),
  inboxId: z.string().nullable(),
  eventId: z.string(),
});

export const EquipmentUnitSchema = z.object({
  equipmentId: z.string(),
  terminal: z.string().describe('SMDG terminal code'),
  equipmentType: z.enum(EQUIPMENT_TYPES),
  powertrain: z.enum(POWERTRAINS),
  zeroEmission: z.boolean().describe('battery-electric, hydrogen fuel cell or grid-electric'),
  state: z.enum(EQUIPMENT_STATES),
  socPct: z.number().nullable().describe('state of charge, battery-electric units'),
  operatingHours: z.number().describe('engine/operating hours since entry into service, as last reported'),
  energy: z
    .object({
      electricityKwh: z.number().nullable(),
      dieselLitres: z.number().nullable(),
      hydrogenKg: z.number().nullable(),
    })
    .describe('cumulative counters since entry into service, as last reported'),
  chargingSessions: z
    .object({ count: z.number().int(), energyKwh: z.number() })
    .describe('charging sessions you may see: count (started) and kWh delivered (stopped ones)'),
  firstObservedAt: z.string(),
  asOf: z.string().describe('when the latest status was observed'),
  source: SourceSchema,
});
export type EquipmentUnit = z.infer<typeof EquipmentUnitSchema>;

export const EQUIPMENT_CSV_COLUMNS = [
  'equipmentId',
  'terminal',
  'equipmentType',
  'powertrain',
  'zeroEmission',
  'state',
  'socPct',
  'operatingHours',
  'electricityKwh',
  'dieselLitres',
  'hydrogenKg',
  'chargingSessions',
  'chargingKwh',
  'asOf',
] as const;

export function equipmentCsvRow(u: EquipmentUnit): Record<string, unknown> {
  return {
    ...u,
    ...u.energy,
    chargingSessions: u.chargingSessions.count,
    chargingKwh: u.chargingSessions.energyKwh,
  };
}

export const ChargingSessionSchema = z.object({
  sessionId: z.string(),
  terminal: z.string(),
  equipmentId: z.string(),
  chargerId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  socStartPct: z.number(),
  socEndPct: z.number().nullable(),
  energyKwh: z.number().nullable(),
  asOf: z.string(),
  source: SourceSchema,
});
export type ChargingSessionView = z.infer<typeof ChargingSessionSchema>;

export const CHARGING_SESSION_CSV_COLUMNS = [
  'sessionId',
  'terminal',
  'equipmentId',
  'chargerId',
  'startedAt',
  'endedAt',
  'socStartPct',
  'socEndPct',
  'energyKwh',
  'asOf',
] as const;

const ShareSchema = z.object({
  units: z.number().int().describe('cargo-handling units (ship-to-shore cranes left out)'),
  zeUnits: z.number().int(),
  shareByCount: z.number().nullable(),
  operatingHours: z.number().describe('operating hours in the days asked about'),
  zeOperatingHours: z.number(),
  shareByHours: z.number().nullable(),
  energy: z.object({ electricityKwh: z.number(), dieselLitres: z.number(), hydrogenKg: z.number() }),
  chargingSessions: z.object({ count: z.number().int(), energyKwh: z.number() }),
});

const ProgressSchema = z.object({
  targetShare: z.number(),
  targetYear: z.number().int(),
  gap: z.number().nullable(),
  yearsLeft: z.number().int(),
  requiredGainPerYear: z.number().nullable(),
  met: z.boolean(),
});

export const ZeShareSchema = z.object({
  from: z.string().nullable().describe('first local day of the hours and energy figures (null: from the start)'),
  to: z.string().nullable().describe('last local day, inclusive (null: to the latest)'),
  asOf: z.string().nullable().describe('newest status report behind the figures'),
  terminals: z.array(ShareSchema.extend({ terminal: z.string() })),
  port: ShareSchema,
  target: ProgressSchema.describe('port share by count against the CAAP goal: 100% ZE CHE by 2030'),
});
export type ZeShare = z.infer<typeof ZeShareSchema>;
