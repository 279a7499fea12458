/**
 * Generated access matrix of a member's own things (DESIGN §5, §6 "role-leak tests"; issue 13): the community of
 * access-matrix.test.ts (two organisations of every role), each sending its own PRIVATE truck appointment, gate
 * transactions and hold, and subscribing two alert rules (a hold on its own box, an empty-return location only it
 * names) before its hold arrives. Then every organisation reads `/appointments` (JSON and CSV),
 * `/appointments/outcomes`, `/alerts/rules`, `/alerts/rules/{id}` and `/alerts`, and tries to stop every other's
 * rule: no answer may contain an identifier of another organisation's appointment or rule or alert, its own must
 * be there, the port authority sees every appointment — and nobody, the port authority included, sees or stops
 * another's alert rules or alerts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { createOrgs, ingestOwnData, SENDS_DATA, type Org } from './access-matrix-fixture.js';

const APPOINTMENTS =
  'appointment_id,terminal,trucking_company_scac,truck_plate,slot_start,slot_end,move,container_number,booking_reference,status';
const scacOf = (n: number) => `T${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + Math.floor(n / 26))}X`;
const appointmentOf = (n: number) => `APX${n}Z`;
const locationOf = (n: number) => `LOCX${n}Z`;

describe.each(ENGINES)('appointment and alert access matrix on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const orgs: Org[] = [];
  const ruleIds = new Map<string, string[]>();
  const call = (org: Org, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: org.authorization }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    orgs.push(...(await createOrgs(platform)));
    for (const org of orgs) {
      if (!SENDS_DATA(org.role)) continue;
      const ids: string[] = [];
      for (const rule of [
        { kind: 'hold-set', parameters: { equipmentReference: org.box } },
        {
          kind: 'empty-capacity-zero',
          parameters: { locationCode: locationOf(org.n), carrierScac: 'MAEU', isoEquipmentCode: '45G1' },
        },
      ]) {
        const res = await call(org, 'POST', '/alerts/rules', rule);
        expect(res.statusCode, `${org.id}: ${res.body}`).toBe(201);
        ids.push(String(res.json<{ ruleId: string }>().ruleId));
      }
      ruleIds.set(org.id, ids);
      const appointment = `${APPOINTMENTS}\n${appointmentOf(org.n)},YUSEN,${scacOf(org.n)},PLT${org.n}Q,2026-03-18T08:00:00-07:00,2026-03-18T09:00:00-07:00,PICKUP,${org.box},,BOOKED\n`;
      const res = await server.app.inject({
        method: 'POST',
        url: '/ingest/csv-truck-appointments?visibility=private',
        headers: { authorization: org.authorization, 'content-type': 'text/csv' },
        payload: appointment,
      });
      expect(res.statusCode, `${org.id}: ${res.body}`).toBe(202);
      await ingestOwnData(server, org);
    }
    await platform.projections.catchUpAll();
  }, 300_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it("should show a member only its own appointments (the port authority all), and nobody another's alert rules or alerts", async () => {
    let cells = 0;
    const leaks: string[] = [];
    const missing: string[] = [];
    const period = 'from=2026-03-18T00:00:00-07:00&to=2026-03-19T00:00:00-07:00';
    const senders = orgs.filter((o) => SENDS_DATA(o.role));
    for (const reader of orgs) {
      const seesAll = reader.role === 'port_authority';
      const appointments: [string, string][] = [
        ['appointment list', (await call(reader, 'GET', '/appointments?limit=1000')).body],
        ['appointment csv', (await call(reader, 'GET', '/appointments?limit=1000&format=csv')).body],
      ];
      const outcomes = await call(reader, 'GET', `/appointments/outcomes?${period}`);
      const alerts: [string, string][] = [
        ['alert rules', (await call(reader, 'GET', '/alerts/rules?limit=1000')).body],
        ['alerts', (await call(reader, 'GET', '/alerts?limit=1000')).body],
      ];
      if (SENDS_DATA(reader.role)) {
        expect(outcomes.statusCode, outcomes.body).toBe(200);
        expect(outcomes.json<{ total: { appointments: number } }>().total.appointments, reader.id).toBe(
          seesAll ? senders.length : 1,
        );
      }
      for (const owner of senders) {
        const mine = owner.id === reader.id;
        const [holdRule, emptyRule] = ruleIds.get(owner.id)!;
        const one = await call(reader, 'GET', `/alerts/rules/${holdRule}`);
        const stop = mine ? null : await call(reader, 'DELETE', `/alerts/rules/${emptyRule}`);
        const appointmentTokens = [appointmentOf(owner.n), `PLT${owner.n}Q`];
        const alertTokens = [holdRule!, emptyRule!, locationOf(owner.n)];
        for (const [resource, body] of appointments) {
          cells += 1;
          const found = appointmentTokens.filter((t) => body.includes(t));
          if (!mine && !seesAll && found.length > 0) {
            leaks.push(`${owner.id} → ${reader.id} via ${resource}: ${found.join(' ')}`);
          }
          if ((mine || seesAll) && !body.includes(appointmentOf(owner.n))) {
            missing.push(`${reader.id} misses ${owner.id}'s appointment in ${resource}`);
          }
        }
        for (const [resource, body] of [
          ...alerts,
          ['alert rule', one.statusCode === 404 ? body404(one.body, holdRule!) : one.body] as [string, string],
        ]) {
          cells += 1;
          const found = alertTokens.filter((t) => body.includes(t));
          if (!mine && found.length > 0) leaks.push(`${owner.id} → ${reader.id} via ${resource}: ${found.join(' ')}`);
        }
        if (mine) {
          for (const [resource, body] of alerts) {
            if (!body.includes(holdRule!)) missing.push(`${reader.id} misses its rule in ${resource}`);
          }
          // The hold on its own box, sent after the rule, raised its alert.
          expect(alerts[1]![1], reader.id).toContain(`CUSTOMS hold set on ${owner.box}`);
        }
        expect(one.statusCode, `${reader.id} reads ${owner.id}'s rule`).toBe(mine ? 200 : 404);
        if (stop !== null) expect(stop.statusCode, `${reader.id} stops ${owner.id}'s rule`).toBe(404);
      }
    }
    // Every rule survived every other organisation's attempt to stop it.
    for (const owner of senders) {
      const body = (await call(owner, 'GET', '/alerts/rules?limit=1000')).body;
      for (const id of ruleIds.get(owner.id)!) expect(body, owner.id).toContain(id);
    }
    console.info(
      `[appointment and alert access matrix ${engine.name}] ${orgs.length} organisations: ${cells} cells, ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
    expect(missing).toEqual([]);
    expect(cells).toBe(orgs.length * senders.length * 5);
  }, 300_000);
});

/** A 404 names the rule asked for: that echo is not a leak. */
function body404(body: string, ruleId: string): string {
  return body.replaceAll(ruleId, '');
}
