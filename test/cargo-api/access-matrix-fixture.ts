/**
 * The community of the generated access matrices (access-matrix*.test.ts): two organisations of every role,
 * each with its own key and its own data — a box, a truck visit, gate transactions, a B/L, a truck plate and a
 * hold — whose identifiers no other organisation's data contains.
 */
import { expect } from 'vitest';
import type { Role } from '../../src/access/roles.js';
import type { Server } from '../../src/api/build-server.js';
import { containerCheckDigit } from '../../src/domain/identifiers/iso6346.js';
import type { Platform } from '../../src/platform.js';
import { orgWithKey } from '../support/test-keys.js';

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

/** Registers the two organisations of every role (`<role>-a`, `<role>-b`), numbered 1…20, each with a key. */
export async function createOrgs(platform: Platform): Promise<Org[]> {
  const orgs: Org[] = [];
  let n = 0;
  for (const role of ROLES) {
    for (const side of ['a', 'b']) {
      n += 1;
      const id = `${role.replaceAll('_', '-')}-${side}`;
      const { authorization } = await orgWithKey(platform, id, role);
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
