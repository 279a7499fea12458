/**
 * The cargo CSV messages, in the product's own columns (docs/formats-dcsa-csv.md; fixtures in
 * test/fixtures/csv-cargo and test/fixtures/cargo-story): terminal availability, holds and releases (customs
 * brokers for CBP, carriers for freight), the carrier's container master, the truckers' appointments and gate
 * transactions (a DUAL visit: two appointment rows with one appointment_id, its drop-off at the in-gate and its
 * pick-up at the out-gate of one visit_id). Date-times are ISO 8601 with the Los Angeles offset, so no organisation setting is needed.
 */
import type { CargoEvent } from './cargo-events.js';
import type { CallCargo } from './cargo-model.js';
import { pacificIso } from './pacific-time.js';

type Of<K extends CargoEvent['kind']> = Extract<CargoEvent, { kind: K }>;

/** A CSV body: the header line, then one line per row with the values as they are, newline-terminated. */
export const csv = (header: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`;

export function availabilityCsv(events: readonly Of<'STATUS'>[]): string {
  return csv(
    [
      'container_number',
      'terminal',
      'port',
      'available',
      'customs_hold',
      'freight_hold',
      'other_hold',
      'last_free_day',
      'stated_at',
    ],
    events.map((e) => {
      const state = (type: 'CUSTOMS' | 'FREIGHT'): string => {
        const h = e.box.holds.find((x) => x.type === type);
        if (!h) return 'N';
        if (h.placedMs <= e.atMs && h.releasedMs > e.atMs) return 'HOLD';
        return h.releasedMs <= e.atMs ? 'RELEASED' : 'N';
      };
      return [
        e.box.number,
        e.cargo.call.terminal,
        e.cargo.call.port,
        e.available ? 'Y' : 'N',
        state('CUSTOMS'),
        state('FREIGHT'),
        'N',
        e.box.lastFreeDay,
        pacificIso(e.atMs),
      ];
    }),
  );
}

export function holdsCsv(events: readonly Of<'HOLD' | 'RELEASE'>[]): string {
  return csv(
    [
      'hold_id',
      'container_number',
      'bill_of_lading',
      'hold_type',
      'action',
      'timestamp',
      'authority',
      'reason',
      'terminal',
    ],
    events.map((e) => [
      e.hold.id,
      e.box.number,
      e.box.billOfLading,
      e.hold.type,
      e.kind,
      pacificIso(e.atMs),
      e.hold.authority,
      e.kind === 'HOLD' ? e.hold.reason : e.hold.releaseReason,
      e.cargo.call.terminal,
    ]),
  );
}

/**
 * The carrier's container master for the boxes it discharges at one call, dated `as_of` at the simulated instant it
 * is sent: undated rows would take the instant the server received the file, so two replays of one seed would
 * differ.
 */
export function containerMasterCsv(cargo: CallCargo, atMs: number): string {
  const scac = cargo.call.carrierScac;
  return csv(
    [
      'container_number',
      'size_type',
      'owner_scac',
      'operator_scac',
      'tare_kg',
      'max_gross_kg',
      'reefer',
      'hazardous_un_number',
      'as_of',
    ],
    cargo.imports.map((b) => [
      b.number,
      b.type.sizeType,
      scac,
      scac,
      String(b.type.tareKg),
      String(b.type.maxGrossKg),
      b.type.reefer ? 'Y' : 'N',
      '',
      pacificIso(atMs),
    ]),
  );
}

export function truckAppointmentsCsv(events: readonly Of<'APPOINTMENT'>[]): string {
  return csv(
    [
      'appointment_id',
      'terminal',
      'trucking_company_scac',
      'truck_plate',
      'slot_start',
      'slot_end',
      'move',
      'container_number',
      'booking_reference',
      'status',
    ],
    events.map((e) => [
      e.visit.appointmentId,
      e.cargo.call.terminal,
      e.visit.trucker.code,
      e.visit.plate,
      pacificIso(e.slotStartMs),
      pacificIso(e.slotStartMs + 3_600_000),
      e.move,
      e.box.number,
      e.box.kind === 'export' ? e.box.booking : '',
      e.status,
    ]),
  );
}

export function gateTransactionsCsv(events: readonly Of<'GATE'>[]): string {
  return csv(
    [
      'transaction_id',
      'visit_id',
      'terminal',
      'lane',
      'direction',
      'timestamp',
      'trucking_company_scac',
      'truck_plate',
      'container_number',
      'size_type',
      'empty_full',
      'seal',
      'bill_of_lading',
      'booking_reference',
      'appointment_id',
    ],
    events.map((e) => {
      const b = e.box;
      return [
        `GT-${e.visit.id.slice(2)}-${e.direction === 'IN' ? 'I' : 'O'}`,
        e.visit.id,
        e.cargo.call.terminal,
        e.direction === 'IN' ? e.visit.inLane : e.visit.outLane,
        e.direction,
        pacificIso(e.atMs),
        e.visit.trucker.code,
        e.visit.plate,
        b?.number ?? '',
        b?.type.sizeType ?? '',
        b ? (e.empty ? 'E' : 'F') : '',
        b && !e.empty ? (b.seal ?? '') : '',
        b && !e.empty && b.kind === 'import' ? b.billOfLading : '',
        b && !e.empty && b.kind === 'export' ? b.booking : '',
        e.visit.appointmentId,
      ];
    }),
  );
}
