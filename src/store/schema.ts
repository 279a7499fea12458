/**
 * Kysely table types: the one schema both engines share (PGlite and PostgreSQL).
 * `int8` columns are read as strings on both engines (see open-database.ts), instants as `Date`.
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { LastFreeDaySource } from '../domain/free-time/stated-last-free-day.js';
import type { ContainerFact } from '../domain/containers/container-fact.js';
import type { AvailabilitySource } from '../domain/containers/pickup-availability.js';
import type { VisitTransaction } from '../domain/truck-visits/visit-transaction.js';
import type { VesselCallState } from '../domain/vessel-calls/vessel-call-detector.js';

type Instant = ColumnType<Date, Date | string | undefined, Date | string>;
type Int8 = ColumnType<string, string | number | bigint | undefined, string | number | bigint>;

export interface OrganisationTable {
  id: string;
  name: string;
  role: string;
  created_at: Generated<Date>;
}

export interface ApiKeyTable {
  id: string;
  org_id: string;
  key_hash: string;
  scopes: string[];
  label: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** `set_aside`: crashed the process twice; start-up recovery skips it until an explicit replay (migration 0008). */
export type InboxStatus = 'received' | 'processed' | 'partial' | 'failed' | 'set_aside';

export interface InboxTable {
  id: Generated<string>;
  format: string;
  channel: string;
  received_at: Instant;
  content_hash: string;
  content_type: string | null;
  body: Uint8Array;
  size_bytes: number;
  status: InboxStatus;
  processed_at: Date | null;
  events_appended: Generated<number>;
  events_duplicate: Generated<number>;
  rejected: Generated<number>;
  /** Rejections of the last run by code (code → count); every one is counted, only the first are dead letters. */
  rejected_by_code: ColumnType<Record<string, number>, string | undefined, string>;
  source_org: string;
  owner_orgs: string[];
  visibility: string;
  time_zone: string;
  /** `request`, `organisation` or `default` (migration 0012): where `time_zone` came from. */
  time_zone_source: ColumnType<string, string | undefined, string>;
  metadata: JSONColumnType<Record<string, unknown>>;
  /** Processing attempts, committed before each parse (a crash still counts). */
  attempts: Generated<number>;
  /** Why the message was marked `failed` or `set_aside` outside its processing transaction. */
  failure_reason: string | null;
  /** Version of the sender's CSV layout the last processing applied (migration 0013); null = none. */
  csv_layout_version: ColumnType<number | null, number | null | undefined, number | null>;
}

/** An organisation's defaults for one ingest format (migration 0012); null = not set. */
export interface OrganisationFormatSettingTable {
  org_id: string;
  format: string;
  time_zone: string | null;
  visibility: string | null;
  updated_at: Instant;
  updated_by: string | null;
}

/** A terminal (SMDG code of the terminal registry) an organisation operates (migration 0017). */
export interface OrganisationTerminalTable {
  org_id: string;
  terminal_code: string;
  linked_at: Generated<Date>;
  linked_by: string | null;
}

/** A carrier SCAC an organisation speaks for (migration 0026); a SCAC belongs to one organisation. */
export interface OrganisationScacTable {
  org_id: string;
  scac: string;
  linked_at: Generated<Date>;
  linked_by: string | null;
}

/** One version of an organisation's declared layout for a CSV format (migration 0013). */
export interface CsvLayoutTable {
  org_id: string;
  format: string;
  version: number;
  layout: JSONColumnType<Record<string, unknown>>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export type DeadLetterStatus = 'open' | 'replayed';

export interface DeadLetterTable {
  id: Generated<string>;
  inbox_id: Int8;
  format: string;
  error_code: string;
  message: string;
  line: number | null;
  pointer: string | null;
  parser_version: string;
  attempts: number;
  status: DeadLetterStatus;
  created_at: Generated<Date>;
  resolved_at: Date | null;
}

export interface EventTable {
  seq: Generated<string>;
  event_id: Generated<string>;
  idempotency_key: string;
  event_type: string;
  event_type_code: string;
  event_classifier_code: string;
  /** Indexed with `seq` (`event_date_time_sort`, migration 0015) for `GET /v2/events?sort=eventDateTime`. */
  event_date_time: Instant;
  event_created_date_time: Instant;
  un_location_code: string | null;
  facility_code: string | null;
  facility_type_code: string | null;
  location: JSONColumnType<Record<string, unknown> | null>;
  equipment_reference: string | null;
  transport_document_reference: string | null;
  carrier_booking_reference: string | null;
  vessel_imo_number: string | null;
  vessel_mmsi: string | null;
  carrier_voyage_number: string | null;
  carrier_code: string | null;
  payload: JSONColumnType<Record<string, unknown>>;
  source: string;
  inbox_id: Int8 | null;
  source_org: string;
  owner_orgs: string[];
  visibility: string;
  recorded_at: Generated<Date>;
}

export interface ProjectionCheckpointTable {
  name: string;
  position: Int8;
  version: Generated<number>;
  updated_at: Instant;
  /** A rebuild began and has not reached the head yet: the page that does calls `Projection.settle` (migration 0031). */
  rebuilding: Generated<boolean>;
}

export type ProjectionQuarantineState = 'open' | 'resolved';

/** An event a projection could not apply (migration 0007); see `projection-quarantine-repository.ts`. */
export interface ProjectionQuarantineTable {
  projection: string;
  event_seq: Int8;
  event_id: string;
  /** SQLSTATE of a database error, or the error's name (`TypeError`). */
  error_code: string | null;
  error_message: string;
  first_seen_at: Instant;
  last_seen_at: Instant;
  attempts: number;
  state: ProjectionQuarantineState;
  resolved_at: Instant | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  org_id: string | null;
  api_key_id: string | null;
  action: string;
  resource: string;
  detail: JSONColumnType<Record<string, unknown>>;
}

/** One sender's statement of a vessel call (migration 0029: keyed by call and sender). */
export interface VesselScheduleTable {
  call_key: string;
  /** The organisation that stated the row (the events' sender); rows of other senders are rows of their own. */
  source_org: string;
  vessel_imo_number: string;
  vessel_name: string | null;
  carrier_code: string | null;
  carrier_voyage_number: string;
  un_location_code: string;
  terminal_code: string | null;
  eta: Date | null;
  etb: Date | null;
  etd: Date | null;
  ata: Date | null;
  atb: Date | null;
  atd: Date | null;
  last_event_seq: Int8;
  updated_at: Instant;
}

export interface DB {
  organisation: OrganisationTable;
  api_key: ApiKeyTable;
  inbox: InboxTable;
  organisation_format_setting: OrganisationFormatSettingTable;
  organisation_terminal: OrganisationTerminalTable;
  organisation_scac: OrganisationScacTable;
  csv_layout: CsvLayoutTable;
  dead_letter: DeadLetterTable;
  event: EventTable;
  projection_checkpoint: ProjectionCheckpointTable;
  projection_quarantine: ProjectionQuarantineTable;
  audit_log: AuditLogTable;
  vessel_schedule: VesselScheduleTable;
  container_fact: ContainerFactTable;
  container_link: ContainerLinkTable;
  container_link_fact: ContainerLinkFactTable;
  container_status: ContainerStatusTable;
  container_milestone: ContainerMilestoneTable;
  rail_move: RailMoveTable;
  truck_appointment: TruckAppointmentTable;
  truck_visit: TruckVisitTable;
  terminal_kpi_daily: TerminalKpiDailyTable;
  terminal_kpi_source: TerminalKpiSourceTable;
  event_subscription: EventSubscriptionTable;
  alert_rule: AlertRuleTable;
  alert: AlertTable;
  alert_watch_state: AlertWatchStateTable;
  event_subscription_delivery: EventSubscriptionDeliveryTable;
  vessel: VesselTable;
  vessel_identity: VesselIdentityTable;
  vessel_position: VesselPositionTable;
  vessel_track: VesselTrackTable;
  vessel_call_detector_state: VesselCallDetectorStateTable;
  vessel_call_detector_derived: VesselCallDetectorDerivedTable;
  vessel_call: VesselCallTable;
  appointment_slot: AppointmentSlotTable;
  empty_receivable: EmptyReceivableTable;
  terminal_notice: TerminalNoticeTable;
  equipment_unit: EquipmentUnitTable;
  charging_session: ChargingSessionTable;
  equipment_day: EquipmentDayTable;
  vessel_call_emissions: VesselCallEmissionsTable;
  drayage_truck: DrayageTruckTable;
  shore_power_connection: ShorePowerConnectionTable;
  vessel_particulars: VesselParticularsTable;
}

/** A DCSA event subscription (migration 0005); `position` is the last event `seq` delivered. */
/** An alert rule of an organisation (migration 0021; domain/alerts/). */
export interface AlertRuleTable {
  id: Generated<string>;
  org_id: string;
  kind: string;
  parameters: JSONColumnType<Record<string, unknown>>;
  watch_key: string;
  /** Webhook; null = live stream only (then `secret` is null too). */
  callback_url: string | null;
  secret: Uint8Array | null;
  /** Event-store position at creation: the rule sees changes after it only. */
  start_seq: Int8;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  deleted_at: Date | null;
}

/** An alert raised by a rule, at most once per change (`unique (rule_id, change_key)`). */
export interface AlertTable {
  id: Generated<string>;
  rule_id: string;
  org_id: string;
  change_key: string;
  reason: string;
  payload: JSONColumnType<Record<string, unknown>>;
  created_at: Generated<Date>;
  delivery_state: 'stream-only' | 'pending' | 'delivered';
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  delivered_at: Date | null;
  lease_owner: string | null;
  lease_until: Date | null;
}

/** The last state the alert projection saw of a watched key (the "before" of the next change). */
export interface AlertWatchStateTable {
  watch_key: string;
  state: JSONColumnType<Record<string, unknown>>;
  seq: Int8;
}

export interface EventSubscriptionTable {
  id: Generated<string>;
  org_id: string;
  callback_url: string;
  secret: Uint8Array;
  filter: JSONColumnType<Record<string, unknown>>;
  position: Int8;
  failed_attempts: Generated<number>;
  next_attempt_at: Instant;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: Date | null;
  created_at: Generated<Date>;
  updated_at: Instant;
  deleted_at: Date | null;
}

/** One delivery attempt of a batch of events to a subscription's callback (migration 0005). */
export interface EventSubscriptionDeliveryTable {
  id: Generated<string>;
  subscription_id: string;
  attempt: number;
  first_seq: Int8;
  last_seq: Int8;
  event_count: number;
  delivered: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  at: Generated<Date>;
}

/** Cargo tracking (migration 0003): one normalised fact about one container (docs/cargo-tracking.md). */
export interface ContainerFactTable {
  equipment_reference: string;
  fact_key: string;
  seq: Int8;
  fact: JSONColumnType<ContainerFact>;
}

/** A container's membership of a group that facts are stated about (bill of lading, vessel departure). */
export interface ContainerLinkTable {
  link_key: string;
  equipment_reference: string;
}

/** A fact stated about a group of containers (hold on a B/L, vessel departure from a port). */
export interface ContainerLinkFactTable {
  link_key: string;
  fact_key: string;
  seq: Int8;
  fact: JSONColumnType<ContainerFact>;
}

/** Where a container is, whether it can be picked up, until when it is free (migration 0003). */
export interface ContainerStatusTable {
  equipment_reference: string;
  iso_equipment_code: string | null;
  size_teu: number | null;
  direction: string | null;
  status: string;
  holds: JSONColumnType<{ holdType: string; placedAt: string | null; releasedAt: string | null }[]>;
  holds_open: string[];
  available: boolean;
  available_since: Date | null;
  /** Local calendar date in the terminal's zone, `YYYY-MM-DD`. */
  last_free_day: string | null;
  demurrage_starts: string | null;
  free_time_source: string | null;
  /** The rule's last free day when a terminal's stated one wins (migration 0014). */
  computed_last_free_day: string | null;
  /** Where `last_free_day` comes from (migration 0014; `domain/free-time/stated-last-free-day.ts`). */
  last_free_day_source: JSONColumnType<LastFreeDaySource> | null;
  /** On whose word a box in the yard is (not) available for pick-up (migration 0016); null outside the yard. */
  availability_source: JSONColumnType<AvailabilitySource> | null;
  vessel_imo_number: string | null;
  vessel_name: string | null;
  carrier_voyage_number: string | null;
  un_location_code: string | null;
  terminal_code: string | null;
  load_port: string | null;
  loaded_at: Date | null;
  departed_at: Date | null;
  discharged_at: Date | null;
  empty_picked_up_at: Date | null;
  gated_in_at: Date | null;
  gated_out_at: Date | null;
  out_mode: string | null;
  empty_returned_at: Date | null;
  dwell_hours: number | null;
  carrier_codes: string[];
  transport_document_references: string[];
  carrier_booking_references: string[];
  owner_orgs: string[];
  last_event_seq: Int8;
}

/** One deduplicated move of a container (all sources merged), in time order. */
export interface ContainerMilestoneTable {
  equipment_reference: string;
  ordinal: number;
  code: string;
  at: Date;
  un_location_code: string | null;
  terminal_code: string | null;
  mode: string | null;
  empty_indicator: string | null;
  vessel_imo_number: string | null;
  carrier_voyage_number: string | null;
  fact_keys: string[];
}

/** A container loaded on or discharged from a train (X12 322 rail ramp moves, on-dock rail). */
export interface RailMoveTable {
  equipment_reference: string;
  code: string;
  at: Date;
  un_location_code: string | null;
  terminal_code: string | null;
  location_name: string | null;
}

export interface TruckAppointmentTable {
  appointment_key: string;
  appointment_id: string;
  terminal_code: string;
  un_location_code: string | null;
  status: string;
  trucking_company: string;
  truck_plate: string | null;
  slot_start: Date;
  slot_end: Date;
  transactions: JSONColumnType<Record<string, unknown>[]>;
  version_rank: string;
  last_event_seq: Int8;
}

export interface TruckVisitTable {
  visit_key: string;
  visit_id: string;
  terminal_code: string;
  un_location_code: string | null;
  trucking_company: string | null;
  truck_plate: string | null;
  appointment_id: string | null;
  appointment_ids: string[];
  appointment_status: string | null;
  slot_start: Date | null;
  slot_end: Date | null;
  gate_in_at: Date | null;
  gate_out_at: Date | null;
  turn_time_minutes: number | null;
  transactions: JSONColumnType<VisitTransaction[]>;
  last_event_seq: Int8;
}

/** Daily KPIs per terminal, day in the terminal's zone; derived from container_status, milestones, visits. */
export interface TerminalKpiDailyTable {
  terminal_code: string;
  day: string;
  time_zone: string;
  import_dwell_count: number;
  import_dwell_avg_hours: number | null;
  import_dwell_p50_hours: number | null;
  import_dwell_max_hours: number | null;
  export_dwell_count: number;
  export_dwell_avg_hours: number | null;
  export_dwell_p50_hours: number | null;
  export_dwell_max_hours: number | null;
  truck_visits: number;
  truck_turn_avg_minutes: number | null;
  truck_turn_p50_minutes: number | null;
  gate_in_moves: number;
  gate_out_moves: number;
}

/** Which (terminal, day) KPI rows an entity (container, truck visit) contributed to at last count. */
export interface TerminalKpiSourceTable {
  entity_key: string;
  terminal_code: string;
  day: string;
}

/** Vessel registry from AIS static data, one row per MMSI (migration 0004). */
export interface VesselTable {
  mmsi: string;
  /** Who the row is for (`audienceKey` of visibility and owners): part of the key (migration 0010). */
  audience: string;
  imo: string | null;
  name: string | null;
  call_sign: string | null;
  ship_type: number | null;
  length_m: number | null;
  beam_m: number | null;
  draught_m: number | null;
  destination: string | null;
  /** The ETA the ship broadcasts (AIS type 5), its year resolved (domain/reported-eta.ts; migration 0023). */
  own_eta: Instant | null;
  /** Time of the static report that stated `own_eta`. */
  own_eta_reported_at: Instant | null;
  /** Time of the newest static report merged into the row. */
  static_at: Instant;
  last_event_seq: Int8;
  visibility: string;
  owner_orgs: string[];
}

/** Which MMSI an IMO number was seen with, and when (an MMSI can change, the IMO number does not). */
export interface VesselIdentityTable {
  imo: string;
  mmsi: string;
  first_seen_at: Instant;
  last_seen_at: Instant;
}

/** Latest AIS position per vessel. */
export interface VesselPositionTable {
  mmsi: string;
  /** Who the row is for (`audienceKey` of visibility and owners): part of the key (migration 0010). */
  audience: string;
  observed_at: Instant;
  lat: number;
  lon: number;
  sog_kn: number | null;
  cog_deg: number | null;
  heading_deg: number | null;
  nav_status: number | null;
  event_seq: Int8;
  visibility: string;
  owner_orgs: string[];
}

/** AIS track, at most one point per vessel per UTC minute (the first received). */
export interface VesselTrackTable {
  mmsi: string;
  /** Who the row is for (`audienceKey` of visibility and owners): part of the key (migration 0010). */
  audience: string;
  minute: Instant;
  observed_at: Instant;
  lat: number;
  lon: number;
  sog_kn: number | null;
  cog_deg: number | null;
  heading_deg: number | null;
  nav_status: number | null;
  visibility: string;
  owner_orgs: string[];
}

/** The vessel-call detector's state per vessel (`VesselCallState` as JSON). */
export interface VesselCallDetectorStateTable {
  mmsi: string;
  /** Who the row is for (`audienceKey` of visibility and owners): part of the key (migration 0010). */
  audience: string;
  state: JSONColumnType<VesselCallState>;
}

/**
 * The detected events the detector derived since its last rebuild began, by sender and key (migration 0031): when the
 * rebuild reaches the head, those of its events not listed here are narrowed to `private`.
 */
export interface VesselCallDetectorDerivedTable {
  source_org: string;
  idempotency_key: string;
}

/** Vessel calls detected from AIS (`buildVesselCalls` over the detector's ARRI/DEPA events). */
export interface VesselCallTable {
  /** Who the row is for (`audienceKey` of visibility and owners): part of the key (migration 0010). */
  audience: string;
  call_id: string;
  mmsi: string;
  imo: string | null;
  vessel_name: string | null;
  port: string | null;
  status: string;
  ata: Date | null;
  ata_anchorage: Date | null;
  anchorage: string | null;
  time_at_anchor_min: number | null;
  berth: string | null;
  atb: Date | null;
  atd: Date | null;
  atd_port: Date | null;
  draught_in_m: number | null;
  draught_out_m: number | null;
  visibility: string;
  owner_orgs: string[];
}

/** Where a terminal feed row's statement came from, and who may see it (migration 0019). */
interface FeedStatementColumns {
  /** When the statement was made (its event's eventDateTime): the `asOf` of answers. */
  stated_at: Instant;
  source_org: string;
  inbox_id: Int8 | null;
  event_id: string;
  last_event_seq: Int8;
  owner_orgs: string[];
  visibility: string;
}

/** Newest appointment-slot statement per terminal × transaction type × slot start (migration 0019). */
export interface AppointmentSlotTable extends FeedStatementColumns {
  terminal_code: string;
  transaction_type: string;
  slot_start: Instant;
  slot_end: Instant;
  un_location_code: string | null;
  capacity: number;
  booked: number;
}

/**
 * Newest empty-return receivable statement per location × SCAC × ISO size/type (migration 0019) and speaker
 * (migration 0026: `LOCATION`, the terminal or depot's word; `CARRIER`, the SCAC's own carrier's word).
 */
export interface EmptyReceivableTable extends FeedStatementColumns {
  location_code: string;
  carrier_scac: string;
  iso_type: string;
  stated_by: Generated<string>;
  location_type: string;
  un_location_code: string | null;
  location_name: string | null;
  accepting: boolean;
  remaining_capacity: number | null;
}

/** Newest statement of each notice per sender × notice id (migration 0019). */
export interface TerminalNoticeTable extends FeedStatementColumns {
  notice_id: string;
  notice_type: string;
  status: string;
  terminal_code: string | null;
  un_location_code: string | null;
  carrier_scac: string | null;
  iso_type: string | null;
  valid_from: Instant;
  valid_to: Instant | null;
  text: string;
}

/** Where an equipment row's newest fact came from, and who may see it (migration 0020). */
interface EquipmentProvenanceColumns {
  source_org: string;
  inbox_id: Int8 | null;
  event_id: string;
  last_event_seq: Int8;
  owner_orgs: string[];
  visibility: string;
}

/** Latest status of one cargo-handling unit (migration 0020); counters are cumulative since entry into service. */
export interface EquipmentUnitTable extends EquipmentProvenanceColumns {
  equipment_id: string;
  terminal_code: string;
  equipment_type: string;
  powertrain: string;
  state: string;
  soc_pct: number | null;
  /** When the latest status was observed: the `asOf` of answers. */
  observed_at: Instant;
  first_observed_at: Instant;
  engine_hours: number;
  electricity_kwh: number | null;
  diesel_litres: number | null;
  hydrogen_kg: number | null;
}

/** One charging session, its start and stop merged (migration 0020). */
export interface ChargingSessionTable extends EquipmentProvenanceColumns {
  terminal_code: string;
  session_id: string;
  equipment_id: string;
  charger_id: string;
  started_at: Instant;
  ended_at: Instant | null;
  soc_start_pct: number;
  soc_end_pct: number | null;
  energy_kwh: number | null;
  observed_at: Instant;
}

/** Operating hours and energy per terminal, local day, type and powertrain (migration 0020). */
export interface EquipmentDayTable {
  terminal_code: string;
  day: string;
  time_zone: string;
  equipment_type: string;
  powertrain: string;
  operating_hours: number;
  electricity_kwh: number;
  diesel_litres: number;
  hydrogen_kg: number;
}

/** Emissions of one vessel call for one audience (migration 0022; projections/emissions/, docs/emissions.md). */
export interface VesselCallEmissionsTable {
  call_id: string;
  /** The `vessel_call` row's audience: its visibility and owners are copied below. */
  audience: string;
  mmsi: string;
  imo: string | null;
  vessel_name: string | null;
  port: string | null;
  /** Berth (terminal) zone of the call; null when it never berthed. */
  terminal: string | null;
  call_start: Instant;
  /** Departure from port limits (else the berth); null while the call is open. */
  call_end: Instant | null;
  call_status: string;
  status: 'computed' | 'no_particulars';
  /** Why `no_particulars`. */
  reason: string | null;
  particulars: 'estimated' | 'reported' | 'stated' | 'none';
  /** The particulars used (`Ghg4Ship`); null with `no_particulars`. */
  ship: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  assumptions: JSONColumnType<readonly Record<string, unknown>[]>;
  method: string;
  hours: number;
  positions_used: number;
  /** Newest position used; null when none was. */
  as_of: Instant | null;
  fuel_g: number;
  co2_g: number;
  ch4_g: number;
  n2o_g: number;
  so2_g: number;
  nox_g: number;
  pm10_g: number;
  pm25_g: number;
  shore_power_hours: number;
  shore_power_kwh: number;
  grid_kwh: number;
  avoided_co2_g: number;
  /** `CallModeResult[]` of `emissions/call-emissions.ts`. */
  modes: JSONColumnType<readonly Record<string, unknown>[]>;
  visibility: string;
  owner_orgs: string[];
  /** Where `shore_power_kwh` came from (migration 0024). */
  shore_power_kwh_source: 'feed' | 'estimated' | 'none';
  /** `UsedSession[]` of `emissions/shore-power-sessions.ts`. */
  shore_power_sessions: JSONColumnType<readonly Record<string, unknown>[]>;
  /** SMDG code of the one terminal of the berth zone; null when none or several. */
  terminal_smdg_code: string | null;
  /** Sender of the particulars statement used (migration 0027); null unless `particulars` is `stated`. */
  particulars_source: string | null;
  /** `as_of` of that statement. */
  particulars_as_of: Instant | null;
  /** `Ghg4Ship` fields estimated because the statement left them empty (all of them when `estimated`). */
  estimated_fields: string[];
  /** The statement's `shore_power` (migration 0028); null without a statement or when it left it empty. */
  shore_power_capable: boolean | null;
  /** Whether the berth offers shore power; null when unknown (`emissions/missed-shore-power.ts`). */
  berth_shore_power: boolean | null;
  /** Capable ship, equipped berth, left the berth without connecting. */
  missed_shore_power: boolean;
  /** Hotelling auxiliary energy a missed call could have taken from shore, kWh. */
  missed_shore_power_kwh: number;
  /** Ship CO2 of that energy, g (grid CO2 applied when answering). */
  missed_avoidable_co2_g: number;
}

/** The newest particulars statement of a vessel per sender (migration 0027; `csv-vessel-particulars`, `VPAR`). */
export interface VesselParticularsTable {
  source_org: string;
  imo: string;
  mmsi: string | null;
  vessel_name: string | null;
  ship_type: string | null;
  teu: number | null;
  dwt: number | null;
  gt: number | null;
  main_engine_kw: number | null;
  aux_engine_kw: number | null;
  design_speed_kn: number | null;
  max_draught_m: number | null;
  main_engine: string | null;
  engine_stroke: number | null;
  fuel: string | null;
  sulphur_pct: number | null;
  built_year: number | null;
  shore_power_capable: boolean | null;
  zero_emission_capable: boolean | null;
  as_of: Instant;
  last_event_seq: Int8;
  visibility: string;
  owner_orgs: string[];
}

/** The newest statement of a shore power session (migration 0024; `csv-shore-power`, event `SHPC`). */
export interface ShorePowerConnectionTable {
  source_org: string;
  terminal: string;
  /** `imo:<IMO>` or, without an IMO, `mmsi:<MMSI>`. */
  vessel_key: string;
  connected_at: Instant;
  berth: string;
  imo: string | null;
  mmsi: string | null;
  disconnected_at: Instant | null;
  energy_kwh: number | null;
  as_of: Instant;
  last_event_seq: Int8;
  visibility: string;
  owner_orgs: string[];
}

/** The port drayage truck registry: newest statement per sender × truck id (migration 0025; docs/drayage.md). */
export interface DrayageTruckTable extends FeedStatementColumns {
  /** Licence plate or VIN, upper case without spaces: the truck plate of gate transactions. */
  truck_id: string;
  operator_scac: string;
  engine_model_year: number;
  fuel: string;
  zero_emission: boolean;
  low_nox: boolean;
  registered_at: Instant;
}
