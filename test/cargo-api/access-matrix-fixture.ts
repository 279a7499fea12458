/**
 * The community of the generated access matrices (access-matrix*.test.ts): two organisations of every role,
 * each with its own key and its own data — a box, a truck visit, gate transactions, a B/L, a truck plate and a
 * hold — whose identifiers no other organisation's data contains.
 */
import { expect } from 'vitest';
import type { Role } from '../../src/access/roles.js';
import type { Server } from '../../src/api/build-server.js';
import { imoCheckDigit } from '../../src/domain/identifiers/imo-number.js';
import { containerCheckDigit } from '../../src/domain/identifiers/iso6346.js';
import type { Platform } from '../../src/platform.js';
import { checksum, encodePositionA, encodeStaticVoyage, toSentences } from '../../src/sim/ais/ais-encoder.js';
import { operates, orgWithKey } from '../support/test-keys.js';

export const ROLES: readonly Role[] = [
  'port_authority',
  'terminal',
  'carrier',
  'bco',
  'forwarder',
  'customs_broker',
  'trucker',
  'railroad',
  'sister_port',
  'public',
];
export const SENDS_DATA = (role: Role) => role !== 'public';

export interface Org {
  readonly id: string;
  readonly role: Role;
  readonly authorization: string;
  /** Number of the organisation (1-based), from which its identifiers are made. */
  readonly n: number;
  readonly box: string;
  readonly visitId: string;
  /** Identifiers that only this organisation's data contains. */
  readonly tokens: readonly string[];
}

export function boxOf(n: number): string {
  const first10 = `OPCU${String(700000 + n).padStart(6, '0')}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

export const visitOf = (n: number) => `VX-${n}-Q`;

export function gateCsv(o: { box: string; visitId: string; n: number }): string {
  const scac = `T${String.fromCharCode(65 + (o.n % 26))}${String.fromCharCode(65 + Math.floor(o.n / 26))}X`;
  return [
    'transaction_id,visit_id,terminal,lane,direction,timestamp,trucking_company_scac,truck_plate,container_number,size_type,empty_full,seal,bill_of_lading,appointment_id',
    `GTX${o.n}Z-IN,${o.visitId},YUSEN,IN-01,IN,2026-03-18 08:${String(o.n).padStart(2, '0')}:00,${scac},PLT${o.n}Q,,,,,,`,
    `GTX${o.n}Z-OUT,${o.visitId},YUSEN,OUT-01,OUT,2026-03-18 09:${String(o.n).padStart(2, '0')}:00,${scac},PLT${o.n}Q,${o.box},45G1,F,,BLX${o.n}Z,`,
    '',
  ].join('\n');
}

export function holdsCsv(o: { box: string; n: number }): string {
  return [
    'hold_id,container_number,bill_of_lading,hold_type,action,timestamp,authority,reason,terminal',
    `HX${o.n}Z,${o.box},,CUSTOMS,HOLD,2026-03-17 08:00,CBP,exam,YUSEN`,
    '',
  ].join('\n');
}

/**
 * Registers the two organisations of every role (`<role>-a`, `<role>-b`), numbered 1…20, each with a key; the
 * terminal organisations operate YUSEN, the terminal of every organisation's data.
 */
export async function createOrgs(platform: Platform): Promise<Org[]> {
  const orgs: Org[] = [];
  let n = 0;
  for (const role of ROLES) {
    for (const side of ['a', 'b']) {
      n += 1;
      const id = `${role.replaceAll('_', '-')}-${side}`;
      const { authorization } = await orgWithKey(platform, id, role);
      // Every organisation's gate transactions and holds name YUSEN: the terminals state them as its operators.
      if (role === 'terminal') await operates(platform, id, ['YUSEN']);
      const box = boxOf(n);
      const visitId = visitOf(n);
      orgs.push({
        id,
        role,
        authorization,
        n,
        box,
        visitId,
        tokens: [box, visitId, `GTX${n}Z`, `BLX${n}Z`, `PLT${n}Q`, `HX${n}Z`],
      });
    }
  }
  return orgs;
}

/**
 * Sends an organisation's gate transactions and holds through `POST /ingest/{format}` with its own key
 * (PRIVATE unless told otherwise), processed before the answer.
 */
export async function ingestOwnData(
  server: Server,
  org: Pick<Org, 'authorization' | 'box' | 'visitId' | 'n'>,
  visibility: 'private' | 'public' = 'private',
): Promise<void> {
  for (const [format, body] of [
    ['csv-gate-transactions', gateCsv(org)],
    ['csv-holds', holdsCsv(org)],
  ] as const) {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/${format}?visibility=${visibility}&timeZone=America/Los_Angeles`,
      headers: { authorization: org.authorization, 'content-type': 'text/csv' },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'processed' });
  }
}

/**
 * An organisation's own vessel for the vessel access matrix (access-matrix-vessels.test.ts): MMSI, IMO number
 * (valid check digit), name and call sign made from the organisation's number, so that no other organisation's
 * data contains them.
 */
export interface OwnVessel {
  readonly mmsi: string;
  readonly imo: string;
  readonly name: string;
  readonly callSign: string;
}

export function vesselOf(n: number): OwnVessel {
  const first6 = `97${String(n).padStart(4, '0')}`;
  return {
    mmsi: `3669${String(n).padStart(5, '0')}`,
    imo: `${first6}${imoCheckDigit(first6)}`,
    name: `MATRIX ${n}Q`,
    callSign: `MX${n}Q`,
  };
}

/** Start of every vessel's call (UTC): each organisation's vessel makes the same call at the same times. */
const CALL_T0 = Date.parse('2026-03-17T10:00:00Z');
export const callMinute = (m: number): string => new Date(CALL_T0 + m * 60_000).toISOString();

/**
 * One vessel call in San Pedro Bay, one report a minute (positions of the COSCO SPAIN call of
 * test/vessels/cosco-spain-call.ts, with shorter legs): from sea into the port limits, 12 minutes at anchor in
 * anchorage F, over to LBCT (Long Beach), 13 minutes moored there, out through the Long Beach pilot area and
 * out of the port limits. The detector needs 10 stationary minutes for an arrival at an anchorage or a berth,
 * 5 for a departure and 2 in or out of the port limits: the call is complete (`departed`), starting at minute 2.
 */
type Leg = readonly [fromMinute: number, toMinute: number, lat: number, lon: number, sogKn: number, navStatus: number];
const CALL_LEGS: readonly Leg[] = [
  [0, 1, 33.55, -118.18, 12, 0],
  [2, 5, 33.6, -118.18, 10, 0],
  [6, 17, 33.68906, -118.14249, 0, 1],
  [18, 24, 33.72, -118.19, 6, 0],
  [25, 37, 33.75738, -118.21424, 0.1, 5],
  [38, 44, 33.7, -118.18, 8, 0],
  [45, 48, 33.55, -118.18, 14, 0],
];
/** Minutes of the call at which the vessel lies at anchor, at the berth and underway between them. */
export const CALL_AT = { anchor: 12, berth: 31, underway: 21 } as const;
/** Call id of an organisation's vessel: `<mmsi>:<UTC minute of the arrival in port limits>`. */
export const callIdOf = (v: OwnVessel): string => `${v.mmsi}:${callMinute(2).slice(0, 16)}`;

function callReports(): { at: string; lat: number; lon: number; sogKn: number; nav: number }[] {
  return CALL_LEGS.flatMap(([from, to, lat, lon, sogKn, nav]) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ at: callMinute(from + i), lat, lon, sogKn, nav })),
  );
}

/** The call as a MarineCadastre AIS CSV (`ais-csv-marinecadastre`): static columns on every row. */
export function aisCsvOf(v: OwnVessel): string {
  const rows = callReports().map(
    (r) =>
      `${v.mmsi},${r.at.slice(0, 19)},${r.lat},${r.lon},${r.sogKn},90.0,90,${v.name},IMO${v.imo},${v.callSign},70,${r.nav},300,48,14.2,70,A`,
  );
  return [
    'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass',
    ...rows,
    '',
  ].join('\n');
}

/** A receiver's `c:` tag block (unix seconds) in front of a sentence. */
function tagged(at: string, sentence: string): string {
  const body = `c:${Date.parse(at) / 1000}`;
  return `\\${body}*${checksum(body)}\\${sentence}`;
}

/** The call as the NMEA 0183 lines a receiver logs (`POST /ingest/ais-nmea`): a type 5 report, then type 1 reports. */
export function aisNmeaOf(v: OwnVessel): string {
  const reports = callReports();
  const mmsi = Number(v.mmsi);
  const staticBits = encodeStaticVoyage({
    type: 5,
    repeat: 0,
    mmsi,
    aisVersion: 2,
    imo: Number(v.imo),
    callsign: v.callSign,
    name: v.name,
    shipType: 70,
    toBow: 150,
    toStern: 150,
    toPort: 24,
    toStarboard: 24,
    epfd: 1,
    etaMonth: null,
    etaDay: null,
    etaHour: null,
    etaMinute: null,
    draught: 14.2,
    destination: 'USLGB',
    dte: false,
  });
  const lines = toSentences(staticBits, 'B').map((s) => tagged(reports[0]!.at, s));
  for (const r of reports) {
    const bits = encodePositionA({
      type: 1,
      repeat: 0,
      mmsi,
      navStatus: r.nav,
      turn: null,
      sog: r.sogKn,
      accuracy: false,
      lon: r.lon,
      lat: r.lat,
      cog: 90,
      heading: 90,
      second: 0,
      maneuver: 0,
      raim: false,
      radio: 0,
    });
    for (const s of toSentences(bits, 'A')) lines.push(tagged(r.at, s));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Sends an organisation's vessel call with its own key (PRIVATE unless told otherwise), processed before the
 * answer: organisations of an odd number as a MarineCadastre CSV through `POST /ingest/ais-csv-marinecadastre`,
 * the others as NMEA lines through `POST /ingest/ais-nmea`.
 */
export async function ingestOwnVessel(
  server: Server,
  org: Pick<Org, 'authorization' | 'n'>,
  visibility: 'private' | 'public' | 'community' = 'private',
): Promise<void> {
  const v = vesselOf(org.n);
  const csv = org.n % 2 === 1;
  const res = await server.app.inject({
    method: 'POST',
    url: csv ? `/ingest/ais-csv-marinecadastre?visibility=${visibility}` : `/ingest/ais-nmea?visibility=${visibility}`,
    headers: { authorization: org.authorization, 'content-type': csv ? 'text/csv' : 'text/plain' },
    payload: csv ? aisCsvOf(v) : aisNmeaOf(v),
  });
  expect(res.statusCode, res.body).toBe(202);
  // 49 positions and one static report.
  expect(res.json()).toMatchObject({ status: 'processed', eventsAppended: 50, deadLetters: [] });
}
