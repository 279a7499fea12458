/** Pure presentation helpers of the portal (no DOM): times in the port's zone, durations, states, input parsing. */
import type { VesselActivity, VesselCall } from './api-types';

/** San Pedro Bay: the portal shows port-local times (with the zone), the `<time>` element keeps UTC. */
export const PORT_TIME_ZONE = 'America/Los_Angeles';

const DATE_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: PORT_TIME_ZONE,
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** "Dec 3, 08:20 PST" for an ISO instant; the input itself when it is not one. */
export function portTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : DATE_TIME.format(new Date(ms));
}

/** A measure with its unit, or "—" alone when there is none (not "— m"). */
export function withUnit(value: number | null, unit: string): string {
  return value === null ? '—' : `${value} ${unit}`;
}

/** A figure for reading, not for computing: at most `digits` decimals, thousands grouped ("10.6", "1,234.5"). */
export function decimal(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/**
 * A name with its codes in one bracket, also where the name ends in one: "Long Beach Container Terminal (Pier E,
 * LBCT)", not "… (Pier E) (LBCT)"; the name alone when there is no code.
 */
export function withCodes(name: string, ...codes: readonly (string | null | undefined)[]): string {
  const said = codes.filter((c): c is string => typeof c === 'string' && c !== '').join(', ');
  if (said === '') return name;
  return name.endsWith(')') ? `${name.slice(0, -1)}, ${said})` : `${name} (${said})`;
}

/** "2 d 4 h", "3 h 12 min", "45 min", "< 1 min"; negative spans count as zero. */
export function duration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** Time from `iso` to `nowMs`, or '—' without an instant. */
export function since(iso: string | null, nowMs: number): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '—' : duration(nowMs - ms);
}

/** How the map colours a vessel (and the legend names it). */
export type MapState = 'underway' | 'anchor' | 'outside' | 'berth' | 'other';

export function mapState(status: VesselActivity): MapState {
  switch (status) {
    case 'underway':
      return 'underway';
    case 'at_anchor':
      return 'anchor';
    case 'anchored_outside':
      return 'outside';
    case 'at_berth':
      return 'berth';
    case 'other':
      return 'other';
  }
}

export const MAP_STATES: readonly { readonly state: MapState; readonly label: string; readonly colour: string }[] = [
  { state: 'underway', label: 'Underway', colour: '#1f5fbf' },
  { state: 'anchor', label: 'At anchor', colour: '#b86e00' },
  { state: 'outside', label: 'Anchored outside the anchorages', colour: '#b3261e' },
  { state: 'berth', label: 'At berth', colour: '#1b7f3b' },
  { state: 'other', label: 'Other (stopped, moored elsewhere)', colour: '#5f6368' },
];

export function activityLabel(status: VesselActivity): string {
  return MAP_STATES.find((s) => s.state === mapState(status))?.label ?? status;
}

/** A report older than this is marked stale. */
export const STALE_AFTER_MS = 15 * 60_000;

export function isStale(observedAt: string, nowMs: number): boolean {
  const ms = Date.parse(observedAt);
  return Number.isNaN(ms) || nowMs - ms > STALE_AFTER_MS;
}

/** The board's four groups, in the order a port reads them. */
export type BoardGroup = 'arrivals' | 'anchor' | 'berth' | 'departures';

export function boardGroup(call: Pick<VesselCall, 'status'>): BoardGroup {
  switch (call.status) {
    case 'arrived':
      return 'arrivals';
    case 'at_anchor':
      return 'anchor';
    case 'at_berth':
      return 'berth';
    case 'left_berth':
    case 'departed':
      return 'departures';
  }
}

/** The AIS categories of ships that come to a terminal's berth (cargo, tanker, passenger). */
const BERTHING_CATEGORIES: ReadonlySet<string> = new Set(['cargo', 'tanker', 'passenger']);

/**
 * Whether a call's vessel may be waiting for a terminal's berth: a cargo ship, tanker or passenger ship by its AIS
 * type, or a vessel whose type is not known (no static data seen, or type 0 "not available": it may well be one).
 * Tugs, pilot boats, port tenders, fishing and pleasure craft also make "calls" in port limits, all day long, and
 * are not next arrivals of any terminal.
 */
export function mayBerthAtTerminal(call: Pick<VesselCall, 'vessel'>): boolean {
  const { shipType, shipCategory } = call.vessel;
  return shipType === null || shipType === 0 || BERTHING_CATEGORIES.has(shipCategory);
}

/**
 * What a board of calls is "as of": the newest detection among them (ISO 8601), not the instant it was fetched (a
 * board fetched now of calls last detected an hour ago is an hour old); null for no call.
 */
export function newestAsOf(calls: readonly Pick<VesselCall, 'asOf'>[]): string | null {
  let newest: string | null = null;
  for (const { asOf } of calls) if (newest === null || Date.parse(asOf) > Date.parse(newest)) newest = asOf;
  return newest;
}

/** Whether a call matches a free-text search (vessel name, IMO, MMSI, terminal, anchorage), case-insensitive. */
export function callMatches(call: VesselCall, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [call.vessel.name, call.vessel.imo, call.vessel.mmsi, call.terminal, call.terminalSmdgCode, call.anchorage]
    .filter((v): v is string => v !== null)
    .some((v) => v.toLowerCase().includes(needle));
}

/** At most this many numbers are looked up at once. */
export const MAX_LOOKUP = 50;

/**
 * The references typed into the look-up box: split on spaces, commas, semicolons and new lines, upper-cased,
 * duplicates dropped, order kept. Validation is the API's (a wrong check digit comes back as a 400 problem).
 */
export function lookupReferences(text: string): { readonly references: readonly string[]; readonly dropped: number } {
  const all = [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .filter((t) => t !== '')
        .map((t) => t.toUpperCase()),
    ),
  ];
  return { references: all.slice(0, MAX_LOOKUP), dropped: Math.max(0, all.length - MAX_LOOKUP) };
}

/** Event type codes of a container's history, in words. */
const EVENT_WORDS: Readonly<Record<string, string>> = {
  RECE: 'Received',
  LOAD: 'Loaded on vessel',
  DISC: 'Discharged',
  DEPA: 'Vessel departed',
  ARRI: 'Vessel arrived',
  GTIN: 'Gate in',
  GTOT: 'Gate out',
  STUF: 'Stuffed',
  STRP: 'Stripped',
  PICK: 'Picked up',
  DROP: 'Dropped off',
  HOLD: 'Hold placed',
  RELS: 'Hold released',
  AVPU: 'Available for pick-up',
  AVLB: 'Availability stated by the terminal',
  INSP: 'Inspected',
};

export function eventWords(code: string): string {
  return EVENT_WORDS[code] ?? code;
}

/** Words for a container status code (`AVAILABLE`, `GATED_OUT`, …). */
export function statusWords(code: string): string {
  const lower = code.toLowerCase().replaceAll('_', ' ');
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
