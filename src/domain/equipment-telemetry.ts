/**
 * Cargo-handling equipment telemetry (format `equipment-telemetry`, docs/simulator.md "Equipment telemetry"):
 * what a terminal's equipment and chargers report, as JSON messages on MQTT topics
 * `openpcs/telemetry/{terminal}/{equipmentType}/{equipmentId}` (chargers: `…/{terminal}/charger/{chargerId}`).
 * The simulator writes these payloads, the product's parser (`src/ingest/telemetry/`) reads them; both share
 * the types here. Pure.
 */

/** Event type code of an equipment status report (openpcs extension, eventType `EQUIPMENT`). */
export const EQUIPMENT_STATUS = 'EQST';
/** Event type code of a charging session start or stop (openpcs extension, eventType `EQUIPMENT`). */
export const CHARGING_SESSION = 'CHRG';

export const EQUIPMENT_TYPES = ['sts_crane', 'yard_tractor', 'top_handler', 'rtg'] as const;
export type EquipmentType = (typeof EQUIPMENT_TYPES)[number];

/** Mobile equipment's powertrains (the scenario mix) and the grid-tied drive of ship-to-shore cranes. */
export const POWERTRAINS = ['diesel', 'battery_electric', 'hybrid', 'hydrogen_fuel_cell', 'grid_electric'] as const;
export type Powertrain = (typeof POWERTRAINS)[number];

export const EQUIPMENT_STATES = ['working', 'idle', 'charging', 'off'] as const;
export type EquipmentState = (typeof EQUIPMENT_STATES)[number];

/** Cumulative counters since the unit entered service (they only grow). */
export interface EnergyCounters {
  readonly electricityKwh?: number;
  readonly dieselLitres?: number;
  readonly hydrogenKg?: number;
}

export interface EquipmentStatusMessage {
  readonly messageType: 'equipment-status';
  readonly schemaVersion: 1;
  readonly equipmentId: string;
  /** SMDG terminal code. */
  readonly terminal: string;
  readonly equipmentType: EquipmentType;
  readonly powertrain: Powertrain;
  /** ISO 8601 instant with offset. */
  readonly observedAt: string;
  readonly state: EquipmentState;
  readonly position?: { readonly lat: number; readonly lon: number };
  /** State of charge, battery-electric units only (null otherwise). */
  readonly socPct: number | null;
  readonly energy: EnergyCounters;
  readonly engineHours: number;
}

export interface ChargingSessionMessage {
  readonly messageType: 'charging-session';
  readonly schemaVersion: 1;
  readonly phase: 'start' | 'stop';
  readonly sessionId: string;
  readonly chargerId: string;
  readonly equipmentId: string;
  readonly terminal: string;
  readonly observedAt: string;
  readonly startedAt: string;
  readonly socStartPct: number;
  /** Stop only. */
  readonly endedAt?: string;
  readonly socEndPct?: number;
  /** Energy delivered into the battery (kWh), stop only. */
  readonly energyKwh?: number;
}

export type TelemetryMessage = EquipmentStatusMessage | ChargingSessionMessage;

export const TELEMETRY_TOPIC_ROOT = 'openpcs/telemetry';

/** The MQTT topic a message is published on. */
export function telemetryTopic(m: TelemetryMessage): string {
  return m.messageType === 'equipment-status'
    ? `${TELEMETRY_TOPIC_ROOT}/${m.terminal}/${m.equipmentType}/${m.equipmentId}`
    : `${TELEMETRY_TOPIC_ROOT}/${m.terminal}/charger/${m.chargerId}`;
}

/** `EQST` payload: the status message as reported (openpcs extension). */
export type EquipmentStatusPayload = {
  readonly extension: 'openpcs';
  readonly equipmentId: string;
  readonly terminal: string;
  readonly equipmentType: EquipmentType;
  readonly powertrain: Powertrain;
  readonly state: EquipmentState;
  readonly socPct: number | null;
  readonly energy: EnergyCounters;
  readonly engineHours: number;
  readonly sourceMessage: { readonly format: string; readonly line: number };
};

/** `CHRG` payload: a charging session's start or stop (openpcs extension). */
export type ChargingSessionPayload = {
  readonly extension: 'openpcs';
  readonly phase: 'start' | 'stop';
  readonly sessionId: string;
  readonly chargerId: string;
  readonly equipmentId: string;
  readonly terminal: string;
  readonly startedAt: string;
  readonly socStartPct: number;
  readonly endedAt?: string;
  readonly socEndPct?: number;
  readonly energyKwh?: number;
  readonly sourceMessage: { readonly format: string; readonly line: number };
};
