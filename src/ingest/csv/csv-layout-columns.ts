/**
 * The columns each CSV format reads (docs/formats-dcsa-csv.md, docs/formats-csv-vessel-schedule.md): the targets
 * a declared layout may map a sender's columns to. A layout naming any other column is refused when it is stored.
 * The AIS MarineCadastre CSV keeps its fixed layout (it is a published export, not a spreadsheet).
 */
import { APPOINTMENT_SLOTS_FORMAT } from './cargo/appointment-slot-parser.js';
import { EMPTY_RETURNS_FORMAT } from './cargo/empty-return-parser.js';
import { TERMINAL_NOTICES_FORMAT } from './cargo/terminal-notice-parser.js';
import { SHORE_POWER_COLUMNS, SHORE_POWER_FORMAT } from './cargo/shore-power-parser.js';
import {
  VESSEL_PARTICULARS_COLUMNS,
  VESSEL_PARTICULARS_FORMAT,
} from './vessel-particulars/vessel-particulars-parser.js';
import { CONTAINER_MASTER_FORMAT } from './cargo/container-master-parser.js';
import { GATE_TRANSACTIONS_FORMAT } from './cargo/gate-transaction-parser.js';
import { HOLDS_FORMAT } from './cargo/hold-parser.js';
import { TRUCK_APPOINTMENTS_FORMAT } from './cargo/truck-appointment-parser.js';
import { VESSEL_SCHEDULE_FORMAT } from './vessel-schedule-parser.js';
import { DRAYAGE_TRUCKS_FORMAT } from './drayage/drayage-truck-parser.js';

/** `csv-appointment-slots` columns, in the order the simulator writes them. */
export const APPOINTMENT_SLOTS_COLUMNS: readonly string[] = [
  'terminal',
  'port',
  'transaction_type',
  'slot_start',
  'slot_end',
  'capacity',
  'booked',
  'free',
  'stated_at',
];

/** `csv-empty-returns` columns, in the order the simulator writes them. */
export const EMPTY_RETURNS_COLUMNS: readonly string[] = [
  'location',
  'location_type',
  'port',
  'carrier_scac',
  'iso_type',
  'accepting',
  'remaining_capacity',
  'stated_at',
];

export const CSV_LAYOUT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  [DRAYAGE_TRUCKS_FORMAT]: ['truck_id', 'scac', 'engine_model_year', 'fuel', 'low_nox', 'registered_at'],
  [VESSEL_SCHEDULE_FORMAT]: [
    'vessel_imo',
    'vessel_name',
    'voyage',
    'port',
    'terminal',
    'carrier_scac',
    'service',
    'schedule_type',
    'eta',
    'etb',
    'etd',
    'ata',
    'atb',
    'atd',
  ],
  [TRUCK_APPOINTMENTS_FORMAT]: [
    'appointment_id',
    'terminal',
    'port',
    'trucking_company_scac',
    'truck_plate',
    'slot_start',
    'slot_end',
    'move',
    'status',
    'container_number',
    'booking_reference',
  ],
  [GATE_TRANSACTIONS_FORMAT]: [
    'transaction_id',
    'visit_id',
    'terminal',
    'port',
    'lane',
    'direction',
    'timestamp',
    'trucking_company_scac',
    'truck_plate',
    'container_number',
    'size_type',
    'empty_full',
    'seal',
    'booking_reference',
    'bill_of_lading',
    'appointment_id',
  ],
  [HOLDS_FORMAT]: [
    'hold_id',
    'container_number',
    'bill_of_lading',
    'hold_type',
    'action',
    'timestamp',
    'authority',
    'reason',
    'terminal',
    'port',
  ],
  [CONTAINER_MASTER_FORMAT]: [
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
  [APPOINTMENT_SLOTS_FORMAT]: APPOINTMENT_SLOTS_COLUMNS,
  [EMPTY_RETURNS_FORMAT]: EMPTY_RETURNS_COLUMNS,
  [TERMINAL_NOTICES_FORMAT]: [
    'notice_id',
    'notice_type',
    'status',
    'terminal',
    'port',
    'carrier_scac',
    'iso_type',
    'valid_from',
    'valid_to',
    'text',
    'stated_at',
  ],
  [SHORE_POWER_FORMAT]: SHORE_POWER_COLUMNS,
  [VESSEL_PARTICULARS_FORMAT]: VESSEL_PARTICULARS_COLUMNS,
};

/** Formats a layout can be declared for. */
export const CSV_LAYOUT_FORMATS: readonly string[] = Object.keys(CSV_LAYOUT_COLUMNS);
