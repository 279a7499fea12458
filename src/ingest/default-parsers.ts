/** Every message format the product understands, registered once at start-up. */
import { aisNmeaParser } from './ais/ais-nmea-parser.js';
import { marineCadastreCsvParser } from './ais-csv/marinecadastre-csv-parser.js';
import { appointmentSlotParser } from './csv/cargo/appointment-slot-parser.js';
import { availabilityParser } from './csv/cargo/availability-parser.js';
import { emptyReturnParser } from './csv/cargo/empty-return-parser.js';
import { terminalNoticeParser } from './csv/cargo/terminal-notice-parser.js';
import { shorePowerParser } from './csv/cargo/shore-power-parser.js';
import { vesselParticularsParser } from './csv/vessel-particulars/vessel-particulars-parser.js';
import { containerMasterParser } from './csv/cargo/container-master-parser.js';
import { gateTransactionParser } from './csv/cargo/gate-transaction-parser.js';
import { holdParser } from './csv/cargo/hold-parser.js';
import { truckAppointmentParser } from './csv/cargo/truck-appointment-parser.js';
import { vesselScheduleParser } from './csv/vessel-schedule-parser.js';
import { drayageTruckParser } from './csv/drayage/drayage-truck-parser.js';
import { dcsaEventsParser } from './dcsa/dcsa-events-parser.js';
import { edifactBaplieParser } from './edifact/edifact-baplie-parser.js';
import { edifactCoarriParser } from './edifact/edifact-coarri-parser.js';
import { edifactCodecoParser } from './edifact/edifact-codeco-parser.js';
import { edifactIftstaParser } from './edifact/edifact-iftsta-parser.js';
import { ParserRegistry } from './parser-registry.js';
import { equipmentTelemetryParser } from './telemetry/equipment-telemetry-parser.js';
import { x12315Parser } from './x12/x12-315-parser.js';
import { x12322Parser } from './x12/x12-322-parser.js';

export function defaultParsers(): ParserRegistry {
  return new ParserRegistry([
    aisNmeaParser,
    marineCadastreCsvParser,
    vesselScheduleParser,
    truckAppointmentParser,
    gateTransactionParser,
    holdParser,
    containerMasterParser,
    availabilityParser,
    appointmentSlotParser,
    emptyReturnParser,
    terminalNoticeParser,
    shorePowerParser,
    vesselParticularsParser,
    dcsaEventsParser,
    x12315Parser,
    x12322Parser,
    edifactIftstaParser,
    edifactCoarriParser,
    edifactCodecoParser,
    edifactBaplieParser,
    equipmentTelemetryParser,
    drayageTruckParser,
  ]);
}
