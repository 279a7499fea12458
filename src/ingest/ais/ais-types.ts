/**
 * Decoded AIS messages (ITU-R M.1371-5, Annex 8 §3), one interface per message layout, discriminated by
 * `type`. Units are decoded: degrees (lat/lon rounded to 1e-6°, below the 1/10 000' resolution, so the raw
 * value is recoverable), knots, metres. "Not available" values of the standard become `null`.
 */

/** Fields common to every AIS message (M.1371-5 Annex 8 §3.3.7: type 6 bits, repeat 2 bits, MMSI 30 bits). */
export interface AisHeader {
  readonly type: number;
  readonly repeat: number;
  readonly mmsi: number;
}

/**
 * The position block class A and class B reports share (M.1371-5 Tables 45, 70 and 71: SOG, position
 * accuracy, longitude, latitude, COG, true heading, time stamp; same units and "not available" values).
 */
export interface AisShipPosition {
  /** Knots; null for 1023 (not available); 102.2 = 102.2 kn or more. */
  readonly sog: number | null;
  readonly accuracy: boolean;
  readonly lon: number | null;
  readonly lat: number | null;
  /** Degrees; null for 3600 (not available) and the unused 3601–4095. */
  readonly cog: number | null;
  /** Degrees; null for 511 (not available) and the unused 360–510. */
  readonly heading: number | null;
  /** UTC second 0–59, or 60 n/a, 61 manual, 62 dead reckoning, 63 inoperative (kept raw). */
  readonly second: number;
}

/**
 * Dimension / reference for position (M.1371-5 Fig. 42): metres from the reference point to bow, stern,
 * port and starboard, in types 5, 19, 21 and 24 part B.
 */
export interface AisDimensions {
  readonly toBow: number;
  readonly toStern: number;
  readonly toPort: number;
  readonly toStarboard: number;
}

/** Types 1, 2, 3: position report class A (M.1371-5 Table 45). */
export interface AisPositionReportA extends AisHeader, AisShipPosition {
  readonly type: 1 | 2 | 3;
  /** Navigational status 0–15 (15 = not defined). */
  readonly navStatus: number;
  /** Raw ROT_AIS −127…127; null for −128 (not available). */
  readonly turn: number | null;
  readonly maneuver: number;
  readonly raim: boolean;
  readonly radio: number;
}

/** Types 4 (base station report) and 11 (UTC/date response), M.1371-5 Table 46. */
export interface AisBaseStationReport extends AisHeader {
  readonly type: 4 | 11;
  readonly year: number | null;
  readonly month: number | null;
  readonly day: number | null;
  readonly hour: number | null;
  readonly minute: number | null;
  readonly second: number | null;
  readonly accuracy: boolean;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly epfd: number;
  readonly raim: boolean;
  readonly radio: number;
}

/** Type 5: static and voyage related data (M.1371-5 Table 48). */
export interface AisStaticVoyageData extends AisHeader, AisDimensions {
  readonly type: 5;
  readonly aisVersion: number;
  /** IMO number as broadcast (not check-digit validated); null for 0 (not available). */
  readonly imo: number | null;
  readonly callsign: string;
  readonly name: string;
  /** Ship and cargo type 1–99 (Table 53); null for 0 (not available). */
  readonly shipType: number | null;
  readonly epfd: number;
  readonly etaMonth: number | null;
  readonly etaDay: number | null;
  readonly etaHour: number | null;
  readonly etaMinute: number | null;
  /** Metres; null for 0 (not available). */
  readonly draught: number | null;
  readonly destination: string;
  readonly dte: boolean;
}

/** Type 9: standard SAR aircraft position report (M.1371-5 Table 50). */
export interface AisSarAircraftReport extends AisHeader {
  readonly type: 9;
  /** Metres; null for 4095 (not available); 4094 = 4094 m or higher. */
  readonly altitude: number | null;
  /** Knots (1 kn resolution for this type); null for 1023. */
  readonly sog: number | null;
  readonly accuracy: boolean;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly cog: number | null;
  readonly second: number;
  readonly dte: boolean;
  readonly assigned: boolean;
  readonly raim: boolean;
  readonly radio: number;
}

/** Type 18: standard class B position report (M.1371-5 Table 70). */
export interface AisPositionReportB extends AisHeader, AisShipPosition {
  readonly type: 18;
  readonly csUnit: boolean;
  readonly display: boolean;
  readonly dsc: boolean;
  readonly band: boolean;
  readonly msg22: boolean;
  readonly assigned: boolean;
  readonly raim: boolean;
  readonly radio: number;
}

/** Type 19: extended class B position report (M.1371-5 Table 71). */
export interface AisExtendedReportB extends AisHeader, AisShipPosition, AisDimensions {
  readonly type: 19;
  readonly name: string;
  readonly shipType: number | null;
  readonly epfd: number;
  readonly raim: boolean;
  readonly dte: boolean;
  readonly assigned: boolean;
}

/** Type 21: aid-to-navigation report (M.1371-5 Table 72), name extension appended to `name`. */
export interface AisAidToNavigationReport extends AisHeader, AisDimensions {
  readonly type: 21;
  readonly aidType: number;
  readonly name: string;
  readonly accuracy: boolean;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly epfd: number;
  readonly second: number;
  readonly offPosition: boolean;
  readonly raim: boolean;
  readonly virtualAid: boolean;
  readonly assigned: boolean;
}

/** Type 24 part A: static data report, name (M.1371-5 Table 76). */
export interface AisStaticDataReportA extends AisHeader {
  readonly type: 24;
  readonly partNo: 0;
  readonly name: string;
}

/** Type 24 part B: static data report, ship type, vendor, call sign, dimensions (M.1371-5 Table 77). */
export interface AisStaticDataReportB extends AisHeader, AisDimensions {
  readonly type: 24;
  readonly partNo: 1;
  readonly shipType: number | null;
  /** Manufacturer's ID, 3 six-bit characters. */
  readonly vendorId: string;
  readonly model: number;
  readonly serial: number;
  readonly callsign: string;
  /** For an auxiliary craft (MMSI 98XXXYYYY) the dimension bits hold the mothership's MMSI: this field. */
  readonly mothershipMmsi: number | null;
}

/** Type 27: long-range AIS broadcast (M.1371-5 Table 85), 1/10' positions, 1 kn, 1°. */
export interface AisLongRangeReport extends AisHeader {
  readonly type: 27;
  readonly accuracy: boolean;
  readonly raim: boolean;
  readonly navStatus: number;
  readonly lon: number | null;
  readonly lat: number | null;
  /** Knots; null for 63. */
  readonly sog: number | null;
  /** Degrees; null for 511. */
  readonly cog: number | null;
  /** true when the position is older than 5 s (GNSS position latency bit). */
  readonly gnss: boolean;
}

/** Any other message type (6, 7, 8, 10, 12–17, 20, 22, 23, 25, 26): header plus the armoured payload. */
export interface AisOtherMessage extends AisHeader {
  readonly type: 6 | 7 | 8 | 10 | 12 | 13 | 14 | 15 | 16 | 17 | 20 | 22 | 23 | 25 | 26;
  /** The (reassembled) armoured 6-bit payload. */
  readonly payload: string;
  readonly fillBits: number;
}

export type AisMessage =
  | AisPositionReportA
  | AisBaseStationReport
  | AisStaticVoyageData
  | AisSarAircraftReport
  | AisPositionReportB
  | AisExtendedReportB
  | AisAidToNavigationReport
  | AisStaticDataReportA
  | AisStaticDataReportB
  | AisLongRangeReport
  | AisOtherMessage;

/**
 * Where a message came from. The stream decoder passes one reused instance per message to its callback:
 * copy what you keep.
 */
export interface AisEnvelope {
  /** 1-based line of the sentence that completed the message. */
  line: number;
  /** Talker id, e.g. `AI`, `AB`, `BS`, `SA`. */
  talker: string;
  /** `VDM` (other stations) or `VDO` (own ship). */
  sentence: 'VDM' | 'VDO';
  /** Radio channel `A`, `B`, `1`, `2`, or `` when empty. */
  channel: string;
  /** IEC 62320-1 tag block `s:` source, if any. */
  source: string | null;
  /** Reception time in Unix ms: tag block `c:`, else a receiver prefix/suffix or `$PGHP` time; null if none. */
  timeMs: number | null;
}
