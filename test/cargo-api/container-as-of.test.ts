/**
 * "As of and source on every record" for containers (issue 13): each box in `GET /containers`, `GET
 * /containers?transportDocumentReference=` and `GET /containers/{ref}` carries `asOf` — the event time of the newest
 * fact behind it that the caller may see — and `source`, the organisation, inbox message and event that stated it.
 * Story: EGHU8300218 (B/L EGLV142600999001), carrier events by EGLV, discharge and gate-out by YUSEN's operator,
 * the terminal's availability statement, the trucker's gate transactions. The port authority's asOf is the newest
 * of all; the carrier, which sees only its own events, gets the newest of those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const BOX = 'EGHU8300218';
const BL = 'EGLV142600999001';
const STORY = [
  ['eglv', 'dcsa-events', 'cargo-story/carrier-dcsa-events.json'],
  ['yti', 'edifact-coarri', 'cargo-story/terminal-coarri-discharge.edi'],
  ['yti', 'csv-availability', 'cargo-story/terminal-availability-0316.csv'],
  ['yti', 'edifact-codeco', 'cargo-story/terminal-codeco-gate-out.edi'],
] as const;

interface Box {
  equipmentReference: string;
  asOf: string;
  source: { organisation: string; inboxId: string | null; eventId: string };
  history: { eventId: string; eventDateTime: string }[];
}

describe.each(ENGINES)('container asOf and source on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const inboxes = new Map<string, string[]>();
  const get = async <T>(url: string, org: string) => {
    const res = await server.app.inject({ url, headers: { authorization: keys.get(org)! } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['eglv', 'carrier'],
      ['yti', 'terminal'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role)).authorization);
    }
    await operates(platform, 'yti', ['YUSEN']);
    for (const [org, format, path] of STORY) {
      const outcome = await platform.pipeline.ingest({
        format,
        body: fixture(path),
        channel: 'test',
        sourceOrg: org,
        ownerOrgs: [org],
        visibility: 'private',
        timeZone: 'America/Los_Angeles',
      });
      expect(outcome.rejected, JSON.stringify(outcome)).toBe(0);
      inboxes.set(org, [...(inboxes.get(org) ?? []), String(outcome.inboxId)]);
    }
    await platform.projections.catchUpAll();
  }, 240_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  const newest = (history: Box['history']) =>
    history.reduce((a, b) => (Date.parse(b.eventDateTime) > Date.parse(a.eventDateTime) ? b : a));

  it('should give every container record the newest fact behind it, and who stated it in which message', async () => {
    for (const org of ['pa', 'eglv', 'yti']) {
      const detail = await get<Box>(`/containers/${BOX}`, org);
      const last = newest(detail.history);
      expect(detail.asOf, org).toBe(new Date(last.eventDateTime).toISOString());
      expect(detail.source.eventId, org).toBe(last.eventId);
      // Each caller sees the newest of what it may see: the carrier its own events, the others the terminal's.
      expect(detail.source.organisation, org).toBe(org === 'eglv' ? 'eglv' : 'yti');
      expect(inboxes.get(detail.source.organisation)).toContain(detail.source.inboxId);
      const listed = await get<{ containers: Box[] }>('/containers?limit=100', org);
      const onBill = await get<{ containers: Box[] }>(`/containers?transportDocumentReference=${BL}`, org);
      for (const page of [listed, onBill]) {
        const box = page.containers.find((c) => c.equipmentReference === BOX);
        expect(box, org).toMatchObject({ asOf: detail.asOf, source: detail.source });
      }
    }
    // The carrier's newest own event is older than the terminal's gate-out the others see.
    const carrier = await get<Box>(`/containers/${BOX}`, 'eglv');
    const authority = await get<Box>(`/containers/${BOX}`, 'pa');
    expect(Date.parse(carrier.asOf)).toBeLessThan(Date.parse(authority.asOf));
  });

  it('should export the same asOf and source in the CSV columns, each caller its own', async () => {
    for (const org of ['pa', 'eglv']) {
      const detail = await get<Box>(`/containers/${BOX}`, org);
      const res = await server.app.inject({
        url: '/containers?format=csv&limit=100',
        headers: { authorization: keys.get(org)! },
      });
      expect(res.statusCode, res.body).toBe(200);
      const [head, ...rows] = res.body.trim().split('\r\n');
      // The provenance columns close the row; none of their values holds a comma or a quote.
      expect(head!.split(',').slice(-4)).toEqual(['asOf', 'sourceOrganisation', 'sourceInboxId', 'sourceEventId']);
      const row = rows.find((r) => r.startsWith(`${BOX},`));
      expect(row?.split(',').slice(-4), org).toEqual([
        detail.asOf,
        detail.source.organisation,
        detail.source.inboxId ?? '',
        detail.source.eventId,
      ]);
    }
  });
});
