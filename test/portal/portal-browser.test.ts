/**
 * The community portal in a real browser (headless Chromium via playwright-core) against a real
 * `openpcs serve` process, seeded through the real ingest API (bench/portal-seed.ts): the public map
 * shows public vessels, coloured by state, with a vessel card; a cargo owner signs in and finds its
 * container and its availability; another owner's container is answered 404 by the API and the portal shows
 * nothing of it; a terminal sees the calls board (with the API's CSV export) and the anchorage queue.
 * One server and one browser for the file. Screenshots of every view go to `OPENPCS_SCREENSHOT_DIR` (default:
 * a temporary directory, printed). PGlite by default; with DATABASE_URL, a scratch PostgreSQL database.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { portalDistDir } from '../../src/api/portal-static.js';
import { browserMissing, launchBrowser } from '../../bench/headless-chromium.js';
import { DATABASE_URL } from '../support/engines.js';
import { AVAILABILITY_HEADER, dischargeOf, positionReport, SEED_VESSELS, seedAis } from '../../bench/portal-seed.js';
import {
  cliBuilt,
  dataDirForServer,
  scratchDatabaseForServer,
  startServer,
  type ServerProcess,
  firstStartKey,
} from '../support/server-process.js';
import { existsSync } from 'node:fs';
import { portDayInstants } from '../../web/src/dashboard-data.js';

const MINE = 'EGHU9345670';
const TRUCKER_SLOTS = 'terminal,port,transaction_type,slot_start,slot_end,capacity,booked,stated_at';
const TRUCKER_RETURNS = 'location,port,carrier_scac,iso_type,accepting,remaining_capacity,stated_at';
const TRUCKER_NOTICES =
  'notice_id,notice_type,terminal,port,carrier_scac,iso_type,valid_from,valid_to,status,text,stated_at';
const THEIRS = 'EGHU8300218';
/** Today in the port's zone (the dashboards' periods are local days). */
const today = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Los_Angeles',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date())
    .slice(0, 10);
const PNG_SIGNATURE = '89504e470d0a1a0a';
/** A CSV download as rows of cells (the portal's exports quote nothing these figures contain). */
const csvRows = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));
const missing =
  browserMissing() ??
  (!cliBuilt() || !existsSync(join(portalDistDir(), 'index.html')) ? 'portal not built (npm run build)' : null);
if (missing) console.warn(`[portal browser tests] skipped: ${missing}`);

describe.skipIf(missing !== null)('portal in a browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cleanup: () => Promise<void> = async () => undefined;
  const keys = new Map<string, string>();
  const shots = process.env['OPENPCS_SCREENSHOT_DIR'] ?? mkdtempSync(join(tmpdir(), 'openpcs-portal-shots-'));
  const pageErrors: string[] = [];

  const api = async (path: string, init: { key?: string; method?: string; body?: unknown; type?: string } = {}) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.body !== undefined ? { 'content-type': init.type ?? 'application/json' } : {}),
      },
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
    });
    return { status: response.status, body: (await response.text()) || '{}' };
  };
  const until = async (what: string, check: () => Promise<boolean>) => {
    const deadline = Date.now() + 30_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const shot = (name: string, fullPage = false) => page.screenshot({ path: join(shots, `${name}.png`), fullPage });
  const signIn = async (org: string) => {
    await page.goto(`${server.baseUrl}/#/sign-in`);
    await page.getByLabel('API key').fill(keys.get(org)!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in once the key was checked and the portal moved on (to #/containers): an earlier session's name is
    // already on the page, and navigating before the check ends would be undone by the sign-in's own redirect.
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toMatch(new RegExp(`^${org} `));
    await expect.poll(() => page.url()).not.toContain('#/sign-in');
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    let args: string[];
    if (DATABASE_URL) {
      const scratch = await scratchDatabaseForServer(DATABASE_URL);
      args = ['--database-url', scratch.url];
      cleanup = scratch.drop;
    } else {
      const dir = await dataDirForServer('openpcs-portal-');
      args = ['--data-dir', dir];
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    [server, browser] = await Promise.all([startServer(args, {}, 110_000), launchBrowser()]);
    const admin = await firstStartKey(server);
    for (const [id, role] of [
      ['portal-ais', 'port_authority'],
      ['portal-yti', 'terminal'],
      ['portal-bco', 'bco'],
      ['other-bco', 'bco'],
      ['portal-lbct', 'terminal'],
      ['portal-trucker', 'trucker'],
    ] as const) {
      expect(
        (await api('/admin/organisations', { key: admin, method: 'POST', body: { id, name: id, role } })).status,
      ).toBe(201);
      const created = await api(`/admin/organisations/${id}/keys`, {
        key: admin,
        method: 'POST',
        body: { scopes: ['read', 'ingest'] },
      });
      keys.set(id, JSON.parse(created.body).key as string);
    }
    // A terminal states facts only for the terminals the port authority linked it to.
    const linked = await api('/admin/organisations/portal-yti/terminals', {
      key: admin,
      method: 'PUT',
      body: { terminals: ['YUSEN'] },
    });
    expect(linked.status, linked.body).toBe(200);
    expect(
      (
        await api('/admin/organisations/portal-lbct/terminals', {
          key: admin,
          method: 'PUT',
          body: { terminals: ['LBCT'] },
        })
      ).status,
    ).toBe(200);
    const post = (org: string, format: string, query: string, body: string) =>
      api(`/ingest/${format}?${query}`, { key: keys.get(org)!, method: 'POST', body, type: 'text/plain' });
    expect((await post('portal-ais', 'ais-nmea', 'visibility=public', seedAis(Date.now()))).status).toBe(202);
    // A container ship still 100 nm south of the Long Beach pilots at 18 kn (ten positions up to now, private to the
    // port authority, so no other test's map or list sees it), its carrier's berth window at LBCT 10 hours from now:
    // the green dashboard's list of ships approaching with their just-in-time advice.
    const approachingAt = Date.now();
    const approaching = [
      'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass',
      ...Array.from({ length: 10 }, (_, m) => {
        const t = new Date(approachingAt - (9 - m) * 60_000).toISOString().slice(0, 19);
        const lat = (33.7 - 100 / 60 - ((9 - m) * 18) / 3600).toFixed(5);
        return `477000091,${t},${lat},-118.183,18.0,0,0,PORTAL APPROACHING,IMO9505027,A8R91,70,0,300,48,14,70,A`;
      }),
    ].join('\n');
    expect((await post('portal-ais', 'ais-csv-marinecadastre', 'visibility=private', `${approaching}\n`)).status).toBe(
      202,
    );
    const utcIso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
    const approachingSchedule =
      'vessel_imo,vessel_name,carrier_scac,voyage,service,port,terminal,schedule_type,eta,etb,etd,ata,atb,atd\n' +
      `9505027,PORTAL APPROACHING,CMDU,091N,,USLGB,LBCT,EST,${utcIso(approachingAt + 6 * 3_600_000)},${utcIso(approachingAt + 10 * 3_600_000)},,,,\n`;
    expect((await post('portal-ais', 'csv-vessel-schedule', 'visibility=community', approachingSchedule)).status).toBe(
      202,
    );
    const tz = 'timeZone=America/Los_Angeles';
    expect((await post('portal-yti', 'edifact-coarri', `${tz}&owners=portal-bco`, dischargeOf(MINE))).status).toBe(202);
    expect((await post('portal-yti', 'edifact-coarri', `${tz}&owners=other-bco`, dischargeOf(THEIRS))).status).toBe(
      202,
    );
    const statement = `${AVAILABILITY_HEADER}\n${MINE},YUSEN,USLAX,Y,N,N,N,2026-03-16 12:00\n`;
    expect((await post('portal-yti', 'csv-availability', `${tz}&owners=portal-bco`, statement)).status).toBe(202);
    // The terminal's trucker feeds (docs/formats-terminal-feeds.md), for members (the default visibility): two
    // EMPTY_RETURN slots in the next hours, an empty-return statement made 3 hours ago (stale beyond the 60
    // minute default of OPENPCS_FEED_STALE_MINUTES), and a gate notice in force.
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const hour = 3_600_000;
    const slotStart = Math.ceil(now / hour) * hour;
    const feeds: [string, string][] = [
      [
        'csv-appointment-slots',
        `${TRUCKER_SLOTS}\nYUSEN,USLAX,EMPTY_RETURN,${iso(slotStart)},${iso(slotStart + hour)},40,31,${iso(now - 60_000)}\n` +
          `YUSEN,USLAX,EMPTY_RETURN,${iso(slotStart + hour)},${iso(slotStart + 2 * hour)},40,40,${iso(now - 60_000)}\n`,
      ],
      ['csv-empty-returns', `${TRUCKER_RETURNS}\nYUSEN,USLAX,MAEU,45G1,Y,120,${iso(now - 3 * hour)}\n`],
      [
        'csv-terminal-notices',
        `${TRUCKER_NOTICES}\nYUSEN-GATE-1,GATE_CLOSED,YUSEN,USLAX,,,${iso(slotStart + 5 * hour)},${iso(slotStart + 6 * hour)},ACTIVE,Gate closed for a system upgrade,${iso(now - 60_000)}\n` +
          `YUSEN-SYS-1,SYSTEM_DOWN,YUSEN,USLAX,,,${iso(now - hour)},${iso(now + hour)},ACTIVE,Gate system slow: allow extra time,${iso(now - 60_000)}\n`,
      ],
    ];
    for (const [format, body] of feeds) {
      const answer = await post('portal-yti', format, '', body);
      expect(answer.status, answer.body).toBe(202);
    }
    // For the dashboards: the cargo story's truck visit at YUSEN (gate-in and gate-out on 2026-03-18), and the
    // terminal's equipment telemetry of the last hours (a battery-electric tractor that charged, a diesel RTG).
    const gates = readFileSync(join('test', 'fixtures', 'cargo-story', 'trucker-gate-transactions.csv'), 'utf8');
    const gated = await post('portal-trucker', 'csv-gate-transactions', tz, gates);
    expect(gated.status, gated.body).toBe(202);
    // Five truck visits at YUSEN in the last hours (no box), so the green dashboard's drayage panel has a terminal it
    // may show (the API withholds one under five visits) and an "as of": the newest gate-in, 30 minutes ago.
    const gateHeader = gates.split(/\r?\n/)[0]!;
    const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const drayage = [1, 2, 3, 4, 5].map(
      (n) => `GT-DRY-${n},V-DRY-${n},YUSEN,IN-01,IN,${utc(Date.now() - n * 1_800_000)},SBTL,7DRY00${n},,,,,,`,
    );
    const drayed = await post(
      'portal-trucker',
      'csv-gate-transactions',
      'timeZone=UTC',
      `${gateHeader}\n${drayage.join('\n')}\n`,
    );
    expect(drayed.status, drayed.body).toBe(202);
    const seen = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const telemetry = [
      { equipmentId: 'YUSEN-YT-001', equipmentType: 'yard_tractor', powertrain: 'battery_electric', kwh: 80.5 },
      { equipmentId: 'YUSEN-YT-002', equipmentType: 'yard_tractor', powertrain: 'battery_electric', kwh: 64 },
      { equipmentId: 'YUSEN-RTG-001', equipmentType: 'rtg', powertrain: 'diesel', kwh: 0 },
    ].map((u) =>
      JSON.stringify({
        messageType: 'equipment-status',
        schemaVersion: 1,
        equipmentId: u.equipmentId,
        terminal: 'YUSEN',
        equipmentType: u.equipmentType,
        powertrain: u.powertrain,
        observedAt: seen,
        state: 'working',
        socPct: u.kwh > 0 ? 55 : null,
        energy: u.kwh > 0 ? { electricityKwh: u.kwh } : { dieselLitres: 140.5 },
        engineHours: 1200,
      }),
    );
    const charged = { sessionId: 'YUSEN-YT-001-1', chargerId: 'YUSEN-CHG-01', equipmentId: 'YUSEN-YT-001' };
    const chargeStart = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const session = [
      { phase: 'start', observedAt: chargeStart, startedAt: chargeStart, socStartPct: 20 },
      {
        phase: 'stop',
        observedAt: seen,
        startedAt: chargeStart,
        socStartPct: 20,
        endedAt: seen,
        socEndPct: 90,
        energyKwh: 92.4,
      },
    ].map((p) =>
      JSON.stringify({ messageType: 'charging-session', schemaVersion: 1, terminal: 'YUSEN', ...charged, ...p }),
    );
    const equipment = await api('/ingest/equipment-telemetry', {
      key: keys.get('portal-yti')!,
      method: 'POST',
      body: `${[...telemetry, ...session].join('\n')}\n`,
      type: 'application/x-ndjson',
    });
    expect(equipment.status, equipment.body).toBe(202);
    // The read models are projected after the answer: wait until the API shows what the views will show.
    await until('the seeded vessels', async () => {
      const all = await api('/vessels?status=underway');
      const stopped = await api('/vessels');
      return (
        (JSON.parse(all.body).vessels?.length ?? 0) + (JSON.parse(stopped.body).vessels?.length ?? 0) >=
        SEED_VESSELS.length
      );
    });
    await until('the stated availability', async () => {
      const box = await api(`/containers/${MINE}`, { key: keys.get('portal-bco')! });
      return box.status === 200 && JSON.parse(box.body).availabilitySource?.kind === 'terminal';
    });
    await until('the trucker feeds', async () => {
      const slots = await api('/appointments/availability?type=EMPTY_RETURN', { key: keys.get('portal-trucker')! });
      const notices = await api('/notices?active=true', { key: keys.get('portal-trucker')! });
      return (JSON.parse(slots.body).slots?.length ?? 0) === 2 && (JSON.parse(notices.body).notices?.length ?? 0) >= 1;
    });
    await until('the dashboards’ figures', async () => {
      const stats = await api(`/statistics/operations?from=2026-03-09&to=${today()}`);
      const ze = await api('/equipment/ze-share', { key: keys.get('portal-yti')! });
      const drayage = JSON.parse((await api('/drayage/ze-share')).body) as {
        terminals?: { terminalCode: string; visits: number }[];
      };
      const drayageVisits = drayage.terminals?.find((t) => t.terminalCode === 'YUSEN')?.visits ?? 0;
      const days = JSON.parse(stats.body).terminalDays?.rows as { truckVisits: number }[] | undefined;
      return (
        (days ?? []).some((d) => d.truckVisits > 0) &&
        drayageVisits >= 5 &&
        JSON.parse(ze.body).port?.units === 3 &&
        JSON.parse(ze.body).port?.chargingSessions?.count === 1
      );
    });
    context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    console.info(`[portal browser tests] screenshots in ${shots}`);
  }, 240_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') {
      await shot(`failed-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`, true);
    }
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await cleanup();
  });

  it('should show the public vessels on the live map, coloured by state, and open a vessel card', async () => {
    await page.goto(`${server.baseUrl}/`);
    await expect.poll(() => page.locator('#map').getAttribute('data-vessels-drawn'), { timeout: 30_000 }).toBe('4');
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Public view');
    const legend = (await page.locator('.legend').textContent()) ?? '';
    expect(legend).toContain('Underway: 1');
    expect(legend).toContain('At anchor: 1');
    expect(legend).toContain('Anchored outside the anchorages: 1');
    expect(legend).toContain('At berth: 1');
    expect(await page.locator('.map-status .as-of').textContent()).toMatch(/As of .+ · Source: AIS positions/);
    expect(await page.locator('.map-status .as-of time').count()).toBe(1);
    await shot('map-public');

    await page.getByRole('button', { name: /PORTAL ANCHORED/ }).click();
    const card = page.locator('.vessel-card');
    await expect.poll(() => card.textContent()).toContain('9338266');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('366000002');
    expect(text).toMatch(/At anchor, .*for/);
    expect(text).toContain('300 m');
    // The current call's anchorage by its name, as the "Now" line says it, not by its zone id.
    expect(text).toContain('AnchorageCommercial Anchorage F');
    expect(text).not.toContain('anchorage-f');
    // The card's heading takes the focus (keyboard users land on it), and Escape-free closing is a button.
    expect(await page.evaluate('document.activeElement?.id')).toBe('vessel-card-title');
    expect(await card.getByTestId('card-as-of').textContent()).toMatch(/^As of .+ · Source: AIS/);
    await shot('map-vessel-card');

    // Live: the map reads the stream, and a position stored now appears on the open map without a reload.
    expect(await page.locator('#map').getAttribute('data-feed')).toBe('stream');
    const [lon, lat] = SEED_VESSELS[3]!.at;
    const moved = await api('/ingest/ais-nmea?visibility=public', {
      key: keys.get('portal-ais')!,
      method: 'POST',
      body: positionReport(366000005, lon + 0.01, lat, Date.now(), 10, 0),
      type: 'text/plain',
    });
    expect(moved.status, moved.body).toBe(202);
    await expect.poll(() => page.locator('#map').getAttribute('data-vessels-drawn'), { timeout: 30_000 }).toBe('5');
    expect(await page.locator('.legend').textContent()).toContain('Underway: 2');
    expect(await page.locator('.map-status .as-of').textContent()).toContain('live (GET /vessels/stream)');
    expect(pageErrors).toEqual([]);
  });

  it('should let a cargo owner sign in and find its container, its availability and on whose word', async () => {
    await page.goto(`${server.baseUrl}/#/sign-in`);
    await page.getByLabel('API key').fill('opcs_000000000000_notakeynotakeynotakeynotakeynotakeynotake');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#sign-in-message').textContent()).toContain('not accepted');
    await shot('sign-in-refused');

    await signIn('portal-bco');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('portal-bco (bco)');
    await page.getByRole('link', { name: 'Container look-up' }).click();
    await page.getByLabel('Numbers').fill(MINE.toLowerCase());
    await page.getByRole('button', { name: 'Look up' }).click();
    const card = page.locator(`article[data-container="${MINE}"]`);
    await card.locator('h2').waitFor();
    expect(await card.getByTestId('container-status').textContent()).toBe('Available');
    const availability = (await card.getByTestId('availability').textContent()) ?? '';
    expect(availability).toMatch(/^Yes — stated by terminal YUSEN \(portal-yti\)/);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Last free day');
    expect(text).toMatch(/Discharged/);
    // Available, so since when: a time, never "—".
    expect(await card.locator('dt:text-is("Available since") + dd time').count()).toBe(1);
    expect(await card.locator('.timeline li[data-event="DISC"]').count()).toBe(1);
    await shot('containers', true);
    expect(pageErrors).toEqual([]);
  });

  it("should show nothing of another organisation's container: the API answers 404 and the portal says only that", async () => {
    await page.goto(`${server.baseUrl}/#/containers`);
    const answers = new Map<string, number>();
    page.on('response', (r) => {
      const match = /\/containers\/([A-Z0-9]+)$/.exec(new URL(r.url()).pathname);
      if (match) answers.set(match[1]!, r.status());
    });
    await page.getByLabel('Numbers').fill(`${THEIRS}, ${MINE}\nEGHU9345671`);
    await page.getByRole('button', { name: 'Look up' }).click();
    const theirs = page.locator(`article[data-container="${THEIRS}"]`);
    await theirs.waitFor();
    await page.locator(`article[data-container="EGHU9345671"]`).waitFor();
    expect(answers.get(THEIRS)).toBe(404);
    expect(answers.get(MINE)).toBe(200);
    expect(answers.get('EGHU9345671')).toBe(400);
    expect(await theirs.getAttribute('data-outcome')).toBe('not-found');
    const text = (await theirs.textContent()) ?? '';
    expect(text).toBe(`${THEIRS}No container with this number that your organisation may see.`);
    expect(text).not.toMatch(/YUSEN|EVER ACE|Discharged|Available/);
    // A wrong check digit is the API's 400, shown with its reason.
    expect(await page.locator('article[data-container="EGHU9345671"]').textContent()).toMatch(/check digit/i);
    // The other owner does see its box.
    const theirsAsOwner = await api(`/containers/${THEIRS}`, { key: keys.get('other-bco')! });
    expect(theirsAsOwner.status).toBe(200);
    await shot('containers-not-visible', true);
  });

  it('should show a terminal the calls board with the API’s CSV export, and the anchorage queue', async () => {
    await signIn('portal-yti');
    await page.getByRole('link', { name: 'Vessel calls' }).click();
    await page.locator('.board-group').first().waitFor();
    expect(await page.locator('.board-group h2').allTextContents()).toEqual([
      expect.stringMatching(/^Arrivals \(\d+\)$/),
      expect.stringMatching(/^At anchor \(\d+\)$/),
      expect.stringMatching(/^At berth \(\d+\)$/),
      expect.stringMatching(/^Departures \(\d+\)$/),
    ]);
    const apiCalls = JSON.parse((await api('/vessel-calls?limit=1000', { key: keys.get('portal-yti')! })).body)
      .calls as { vessel: { shipType: number | null; shipCategory: string } }[];
    // By default the ships that come to terminals' berths (or of unknown type); "All" adds the harbour craft.
    const ships = apiCalls.filter(
      (c) =>
        c.vessel.shipType === null ||
        c.vessel.shipType === 0 ||
        ['cargo', 'tanker', 'passenger'].includes(c.vessel.shipCategory),
    );
    expect(await page.locator('.board tbody tr').count()).toBe(ships.length);
    await page.getByLabel('Vessels').selectOption('all');
    await expect.poll(() => page.locator('.board tbody tr').count()).toBe(apiCalls.length);
    await shot('calls', true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^callId,mmsi,imo,vesselName,shipType,shipCategory,port,status/);
    expect(download.suggestedFilename()).toMatch(/^vessel-calls-.*\.csv$/);

    await page.getByRole('link', { name: 'Anchorage queue' }).click();
    await expect.poll(() => page.getByTestId('waiting-count').textContent()).toBe('2');
    const queue = (await page.locator('table').textContent()) ?? '';
    expect(queue).toContain('PORTAL ANCHORED');
    expect(queue).toContain('PORTAL OUTSIDE');
    expect(queue).toContain('Outside the anchorages');
    await shot('anchorage', true);
    expect(pageErrors).toEqual([]);
  });

  it('should show a trucker where to return an empty, the free slots and the notices, each with as-of and source', async () => {
    await signIn('portal-trucker');
    // Until the API answers, the panel says it is loading instead of standing blank (held here, so it is seen).
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/notices?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.baseUrl}/#/truckers?scac=maeu&isoType=45g1`);
    await expect
      .poll(() => page.locator('[data-testid="notices"]').textContent())
      .toBe('Loading the notices in force…');
    // Released, the held request and every later one go through.
    release();
    const row = page.locator('[data-testid="empty-returns"] tbody tr').filter({ hasText: 'YUSEN' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('120');
    expect(text).toContain('(9 free)');
    // Stated 3 hours ago, beyond the 60-minute default: the API flags it stale and the portal says so.
    expect(text).toMatch(/Location: As of .+ · Source: portal-yti \(inbox \d+\) · stale/);
    // Dated by the receivable statement itself, not by the newer notice in force at the same terminal.
    const answer = JSON.parse(
      (await api('/empty-returns?scac=MAEU&isoType=45G1', { key: keys.get('portal-trucker')! })).body,
    ) as { locations: { location: string; statements: { statedBy: string; asOf: string }[] }[] };
    const word = answer.locations
      .find((l) => l.location === 'YUSEN')
      ?.statements.find((w) => w.statedBy === 'LOCATION');
    expect(word).toBeDefined();
    expect(await row.locator('[data-stated-by="LOCATION"] time').getAttribute('datetime')).toBe(word?.asOf);
    const slots = page.locator('[data-testid="slots"] tbody tr');
    await expect.poll(() => slots.count()).toBe(2);
    for (const r of await slots.allTextContents()) {
      expect(r).toMatch(/^YUSENempty return.+As of .+ · Source: portal-yti/);
    }
    expect(await slots.first().locator('td').nth(5).textContent()).toBe('9');
    expect(await slots.nth(1).locator('td').nth(5).textContent()).toBe('0');
    const notices = page.locator('[data-testid="notices"]');
    await expect.poll(() => notices.textContent()).toContain('Gate system slow');
    // Only the notice in force now: the gate closure starts later.
    expect(await notices.textContent()).not.toContain('system upgrade');
    await shot('truckers', true);
    // A size/type that is not ISO 6346 is the API's 400, shown with its reason.
    await page.getByLabel('Size/type (ISO 6346)').fill('99ZZ');
    await page.getByRole('button', { name: 'Find return locations' }).click();
    await expect.poll(() => page.locator('[data-testid="empty-returns"] .problem').textContent()).toMatch(/ISO 6346/);
    expect(pageErrors).toEqual([]);
  });

  it('should show the public (no key) only what is published openly: vessels and queues, no container, no feeds', async () => {
    const publicContext = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    const anonymous = await publicContext.newPage();
    const errors: string[] = [];
    anonymous.on('pageerror', (error) => errors.push(String(error)));
    const statuses = new Map<string, number>();
    anonymous.on('response', (r) => statuses.set(new URL(r.url()).pathname, r.status()));
    try {
      await anonymous.goto(`${server.baseUrl}/#/anchorage`);
      await expect.poll(() => anonymous.locator('.notice').textContent()).toContain('Public view');
      await expect.poll(() => anonymous.getByTestId('waiting-count').textContent()).toBe('2');
      // The owner's container: the API answers the anonymous caller 404 and the portal shows nothing of it.
      await anonymous.goto(`${server.baseUrl}/#/containers?n=${MINE}`);
      const box = anonymous.locator(`article[data-container="${MINE}"]`);
      await box.waitFor();
      expect(statuses.get(`/containers/${MINE}`)).toBe(404);
      expect(await box.textContent()).toBe(`${MINE}No container with this number that your organisation may see.`);
      await anonymous.screenshot({ path: join(shots, 'public-containers.png') });
      // The terminal's feeds went to members: the public sees none of them.
      await anonymous.goto(`${server.baseUrl}/#/truckers?scac=MAEU&isoType=45G1`);
      await expect
        .poll(() => anonymous.getByTestId('slots').textContent())
        .toContain('No terminal stated slots for the next 24 hours that you may see.');
      await expect
        .poll(() => anonymous.getByTestId('notices').textContent())
        .toBe('No notice in force that you may see.');
      await expect
        .poll(() => anonymous.getByTestId('empty-returns').textContent())
        .toContain('No location states that it takes this empty now.');
      expect(await anonymous.locator('main').textContent()).not.toMatch(/YUSEN|Gate system/);
      await anonymous.screenshot({ path: join(shots, 'public-truckers.png'), fullPage: true });
      // A port whose AIS is all community data (the simulator's is) shows the public an empty map: it says why, and
      // where to sign in. The vessel picture is answered empty here, as the API answers the public there.
      const empty = JSON.stringify({ at: new Date().toISOString(), vessels: [] });
      await anonymous.route(/\/vessels(\/stream)?(\?.*)?$/, (route) =>
        route.request().url().includes('/vessels/stream')
          ? route.fulfill({ contentType: 'text/event-stream', body: `event: vessels\ndata: ${empty}\n\n` })
          : route.fulfill({ contentType: 'application/json', body: empty }),
      );
      await anonymous.goto(`${server.baseUrl}/#/map`);
      await expect
        .poll(() => anonymous.getByTestId('no-vessels').textContent())
        .toBe(
          'No vessel that you may see reported a position in the last 30 minutes. Most AIS is shared with members ' +
            "only (the simulator’s too): sign in with your organisation's API key to see it.",
        );
      expect(await anonymous.getByTestId('no-vessels').getByRole('link').getAttribute('href')).toBe('#/sign-in');
      expect(errors).toEqual([]);
    } finally {
      await publicContext.close();
    }
  });

  const rendered = async (target: Page, chart: string) =>
    expect
      .poll(() => target.locator(`[data-chart="${chart}"]`).getAttribute('data-state'), { timeout: 30_000 })
      .toBe('rendered');
  const attributes = async (rows: Locator, name: string) =>
    Promise.all((await rows.all()).map((row) => row.getAttribute(name)));
  const exported = async (target: Page, name: RegExp) => {
    const [download] = await Promise.all([
      target.waitForEvent('download'),
      target.getByRole('button', { name }).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  };

  it('should draw the operations dashboard from the API’s statistics, each chart with as-of and source, exportable as CSV and PNG', async () => {
    await signIn('portal-yti');
    const period = `from=2026-03-09&to=${today()}`;
    await page.goto(`${server.baseUrl}/#/operations?${period}`);
    for (const chart of ['ops-teu', 'ops-dwell', 'ops-turn', 'ops-anchor', 'ops-gate']) await rendered(page, chart);
    const stats = JSON.parse(
      (await api(`/statistics/operations?${period}`, { key: keys.get('portal-yti')! })).body,
    ) as {
      teuPerWeek: { rows: { terminal: string; weekStart: string; importTeu: number; exportTeu: number }[] };
      terminalDays: {
        rows: { terminal: string; day: string; truckVisits: number; truckTurnAvgMinutes: number | null }[];
      };
      shipsAtAnchor: { rows: { day: string; ships: number }[] };
    };
    expect(stats.teuPerWeek.rows.length).toBeGreaterThan(0);
    // Each chart says when its figures were true and where they come from.
    for (const [chart, source] of [
      ['ops-teu', /Source: vessel discharges and loads/],
      ['ops-turn', /Source: terminal KPIs/],
      ['ops-anchor', /Source: vessel calls detected from AIS/],
    ] as const) {
      expect(await page.locator(`[data-chart="${chart}"] .as-of`).textContent()).toMatch(/^As of .+ · /);
      expect(await page.locator(`[data-chart="${chart}"] .as-of`).textContent()).toMatch(source);
    }
    // … with a time: "As of —" (no time) fails here.
    for (const chart of ['ops-teu', 'ops-dwell', 'ops-turn', 'ops-anchor', 'ops-gate']) {
      expect(await page.locator(`[data-chart="${chart}"] .as-of time`).count(), chart).toBe(1);
    }
    // The CSV export holds exactly the figures the API gave and the chart draws.
    const teu = await exported(page, /Export TEU per week by terminal as CSV/);
    expect(teu.name).toBe(`teu-per-week-all-2026-03-09-${today()}.csv`);
    const [header, ...rows] = csvRows(teu.bytes.toString('utf8'));
    expect(header).toEqual([
      'weekStart',
      'terminal',
      'kind',
      'importTeu',
      'exportTeu',
      'totalTeu',
      'unknownSizeBoxes',
      'lower80',
      'upper80',
    ]);
    expect(rows.map((r) => [r[0], r[1], Number(r[3]), Number(r[4])])).toEqual(
      stats.teuPerWeek.rows.map((r) => [r.weekStart, r.terminal, r.importTeu, r.exportTeu]),
    );
    const turn = csvRows((await exported(page, /Export Truck turn time as CSV/)).bytes.toString('utf8'));
    const visitDay = turn.find((r) => r[0] === '2026-03-18');
    const apiDay = stats.terminalDays.rows.find((r) => r.day === '2026-03-18')!;
    expect(visitDay).toEqual(['2026-03-18', String(apiDay.truckTurnAvgMinutes), String(apiDay.truckVisits)]);
    expect(apiDay.truckVisits).toBe(1);
    const anchor = csvRows((await exported(page, /Export Ships at anchor as CSV/)).bytes.toString('utf8'));
    expect(anchor.slice(1)).toEqual(stats.shipsAtAnchor.rows.map((r) => [r.day, String(r.ships)]));
    expect(stats.shipsAtAnchor.rows.at(-1)!.ships).toBeGreaterThan(0);
    // PNG export: an image of the chart.
    const png = await exported(page, /Export TEU per week by terminal as PNG/);
    expect(png.name).toMatch(/\.png$/);
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
    expect(png.bytes.length).toBeGreaterThan(5_000);
    await shot('operations', true);
    // One terminal: the figures narrow to it, and the 3-week look-ahead says what the forecast API answered.
    await page.getByLabel('Terminal', { exact: true }).selectOption('YUSEN');
    await expect.poll(() => page.url()).toContain('terminal=YUSEN');
    await rendered(page, 'ops-teu');
    await expect.poll(() => page.locator('[data-chart="ops-teu"] .help').textContent()).toMatch(/3-week look-ahead/);
    const yusen = csvRows((await exported(page, /Export TEU per week by terminal as CSV/)).bytes.toString('utf8'));
    expect(new Set(yusen.slice(1).map((r) => r[1]))).toEqual(new Set(['YUSEN']));
    await shot('operations-terminal', true);
    // A chart with figures draws them without a note; a period with nothing counted says so on every chart instead of
    // drawing bare axes.
    expect(await page.locator('[data-chart="ops-teu"] [data-testid="no-figures"]').count()).toBe(0);
    await page.goto(`${server.baseUrl}/#/operations?from=2025-01-06&to=2025-01-12`);
    for (const chart of ['ops-teu', 'ops-dwell', 'ops-turn', 'ops-anchor', 'ops-gate']) {
      await rendered(page, chart);
      expect(await page.locator(`[data-chart="${chart}"] [data-testid="no-figures"]`).textContent(), chart).toBe(
        'Nothing to draw: every figure of this period is zero or not reported yet.',
      );
    }
    expect(pageErrors).toEqual([]);
  });

  it('should draw the green dashboard: ZE equipment against the CAAP target, energy and charging, vessel emissions, shore power, corridors and JIT savings as the API gives them', async () => {
    await signIn('portal-yti');
    await page.goto(`${server.baseUrl}/#/green?from=2026-11-01&to=${today()}`);
    await rendered(page, 'green-ze-share');
    await rendered(page, 'green-energy');
    const ze = JSON.parse(
      (await api(`/equipment/ze-share?from=2026-11-01&to=${today()}`, { key: keys.get('portal-yti')! })).body,
    ) as {
      port: {
        units: number;
        zeUnits: number;
        shareByCount: number;
        chargingSessions: { count: number; energyKwh: number };
      };
      terminals: { terminal: string; units: number; zeUnits: number }[];
    };
    expect(ze.port).toMatchObject({ units: 3, zeUnits: 2 });
    expect(await page.getByTestId('ze-port-share').textContent()).toBe(
      `${Math.round(ze.port.shareByCount * 1000) / 10}%`,
    );
    const share = csvRows(
      (await exported(page, /Export Zero-emission cargo-handling equipment as CSV/)).bytes.toString('utf8'),
    );
    expect(share.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual([
      ...ze.terminals.map((t) => [t.terminal, t.units, t.zeUnits]),
      ['Port', ze.port.units, ze.port.zeUnits],
    ]);
    const energy = csvRows(
      (await exported(page, /Export Equipment energy and charging as CSV/)).bytes.toString('utf8'),
    );
    expect(energy.at(-1)!.slice(4)).toEqual([
      String(ze.port.chargingSessions.count),
      String(ze.port.chargingSessions.energyKwh),
    ]);
    const png = await exported(page, /Export Zero-emission cargo-handling equipment as PNG/);
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
    // Vessel emissions: the seeded AIS gave per-call rows, and each panel draws exactly the API's totals.
    const yti = keys.get('portal-yti')!;
    const window = new URLSearchParams(portDayInstants('2026-11-01', today())).toString();
    const calls = JSON.parse((await api(`/emissions/calls?${window}`, { key: yti })).body) as {
      calls: { callId: string; totals: { co2G: number } }[];
    };
    expect(calls.calls.length).toBeGreaterThan(0);
    type Summary = {
      asOf: string;
      groups: {
        key: string | null;
        calls: number;
        totals: { co2G: number; noxG: number };
        shorePower: { connectedCalls: number; missedCalls: number };
      }[];
    };
    const summaryOf = async (groupBy: string) =>
      JSON.parse((await api(`/emissions/summary?groupBy=${groupBy}&${window}`, { key: yti })).body) as Summary;
    for (const [groupBy, chart, title] of [
      ['mode', 'green-emissions-mode', /Export Vessel emissions by mode as CSV/],
      ['terminal', 'green-emissions-terminal', /Export Vessel emissions by terminal as CSV/],
      ['day', 'green-emissions-day', /Export Vessel emissions by day as CSV/],
    ] as const) {
      await rendered(page, chart);
      const answer = await summaryOf(groupBy);
      expect(answer.groups.length).toBeGreaterThan(0);
      expect(await page.locator(`[data-chart="${chart}"] .as-of`).textContent()).toMatch(
        /^As of .+ · Source: per-call emissions \(ghg4-interval\)/,
      );
      const [header, ...rows] = csvRows((await exported(page, title)).bytes.toString('utf8'));
      expect(header!.slice(0, 6)).toEqual([groupBy, 'calls', 'computedCalls', 'hours', 'co2G', 'noxG']);
      expect(rows.map((r) => [r[0], Number(r[1]), Number(r[4]), Number(r[5])])).toEqual(
        answer.groups.map((g) => [g.key ?? '', g.calls, g.totals.co2G, g.totals.noxG]),
      );
    }
    const byTerminal = await summaryOf('terminal');
    const co2 = byTerminal.groups.reduce((sum, g) => sum + g.totals.co2G, 0);
    expect(co2).toBeGreaterThan(0);
    expect(await page.getByTestId('emissions-co2').textContent()).toBe(`${Math.round(co2 / 1e4) / 100} t`);
    const modePng = await exported(page, /Export Vessel emissions by mode as PNG/);
    expect(modePng.bytes.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
    // Shore power is 0 when no terminal stated a session: drawn as 0 with the reason, not hidden; the connection
    // rate says its counts and its time.
    await rendered(page, 'green-shore-power');
    expect(await page.getByTestId('shore-power-kwh').textContent()).toBe('0 kWh');
    expect(await page.locator('[data-chart="green-shore-power"] .help').textContent()).toMatch(
      /a call without a session was on its engines at berth/,
    );
    const connected = byTerminal.groups.reduce((sum, g) => sum + g.shorePower.connectedCalls, 0);
    const missed = byTerminal.groups.reduce((sum, g) => sum + g.shorePower.missedCalls, 0);
    expect(await page.getByTestId('shore-power-connection-rate').textContent()).toBe(
      connected + missed === 0 ? '—' : `${Math.round((100 * connected) / (connected + missed))} %`,
    );
    const shore = csvRows((await exported(page, /Export Shore power as CSV/)).bytes.toString('utf8'));
    expect(shore.at(-1)!.slice(0, 3)).toEqual(['Port', '0', '0']);
    // Corridors: every configured corridor with its attained intensity and this year's pathway target.
    await rendered(page, 'green-corridor-intensity');
    await rendered(page, 'green-corridor-fuel');
    const corridors = JSON.parse((await api(`/corridors?${window}`, { key: yti })).body) as {
      corridors: {
        id: string;
        figures: { voyages: number; wtwGCo2ePerMj: number | null };
        progress: { wtwIntensity: { target: number } | null };
      }[];
    };
    expect(corridors.corridors.length).toBeGreaterThan(0);
    const intensity = csvRows(
      (await exported(page, /Export Corridor WtW intensity against the target pathway as CSV/)).bytes.toString('utf8'),
    );
    expect(intensity.slice(1).map((r) => [r[0], Number(r[1]), r[2], r[3]])).toEqual(
      corridors.corridors.map((c) => [
        c.id,
        c.figures.voyages,
        c.figures.wtwGCo2ePerMj === null ? '' : String(c.figures.wtwGCo2ePerMj),
        c.progress.wtwIntensity === null ? '' : String(c.progress.wtwIntensity.target),
      ]),
    );
    // Just-in-time arrival: the total saved, as the API sums it.
    await rendered(page, 'green-jit');
    const jit = JSON.parse((await api(`/jit/summary?${window}`, { key: yti })).body) as {
      callsWaited: number;
      fuelSavedT: number;
      co2SavedT: number;
    };
    expect(await page.getByTestId('jit-co2-saved').textContent()).toBe(`${jit.co2SavedT} t`);
    const jitRows = csvRows(
      (await exported(page, /Export Just-in-time arrival savings as CSV/)).bytes.toString('utf8'),
    );
    expect(jitRows.at(-1)!.slice(4, 6)).toEqual([String(jit.fuelSavedT), String(jit.co2SavedT)]);
    expect(await page.locator('[data-chart="green-jit"] .help').textContent()).toContain(
      `${jit.callsWaited} calls waited at anchor`,
    );
    // Drayage: the port's ZE share of truck visits as the API answers it, against the 2035 goal, with the fund.
    await rendered(page, 'green-drayage');
    const zeDrayage = JSON.parse((await api(`/drayage/ze-share?${window}`, { key: yti })).body) as {
      asOf: string | null;
      port: { visits: number; zeVisits: number };
    };
    // Its "as of" is the API's: the newest gate event of the visits counted (the seeded visits, the last 30 min ago).
    expect(zeDrayage.port.visits).toBe(5);
    expect(zeDrayage.asOf).not.toBeNull();
    expect(await page.locator('[data-chart="green-drayage"] .as-of time').getAttribute('datetime')).toBe(
      zeDrayage.asOf,
    );
    const drayageRows = csvRows(
      (await exported(page, /Export Zero-emission drayage trucks and the Clean Truck Fund as CSV/)).bytes.toString(
        'utf8',
      ),
    );
    expect(drayageRows.at(-1)!.slice(0, 4)).toEqual([
      'Port',
      String(zeDrayage.port.visits),
      drayageRows.at(-1)![2],
      String(zeDrayage.port.zeVisits),
    ]);
    expect(await page.locator('[data-chart="green-drayage"] .help').textContent()).toContain(
      'CAAP goal of 100% by 2035',
    );
    await shot('green', true);
    expect(pageErrors).toEqual([]);
  });

  it('should list the ships still approaching on the green dashboard with their just-in-time advice and its as-of', async () => {
    await signIn('portal-ais');
    const key = keys.get('portal-ais')!;
    await until('the approaching ship', async () => {
      const answer = JSON.parse((await api('/jit/approaching', { key })).body) as { vessels?: unknown[] };
      return (answer.vessels?.length ?? 0) > 0;
    });
    const listing = JSON.parse((await api('/jit/approaching', { key })).body) as {
      vessels: { vessel: { mmsi: string }; advice: { advisedSpeedKn: number; co2SavedT: number } | null }[];
    };
    const advice = listing.vessels.find((v) => v.vessel.mmsi === '477000091')!.advice!;
    expect(advice.advisedSpeedKn).toBeLessThan(18);
    await page.goto(`${server.baseUrl}/#/green?from=2026-11-01&to=${today()}`);
    const row = page.locator('[data-testid="approaching-list"] tr[data-mmsi="477000091"]');
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('PORTAL APPROACHING');
    expect(cells[1]).toBe('100 nm');
    // The API's figures as a reader takes them: one decimal.
    const oneDecimal = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 1 });
    expect(cells[4]).toBe(`${oneDecimal(advice.advisedSpeedKn)} kn`);
    expect(cells[8]).toBe(`${oneDecimal(advice.co2SavedT)} t`);
    const section = page.getByTestId('green-approaching');
    expect(await section.locator('.as-of').textContent()).toMatch(/As of .+ · Source: openpcs just-in-time advice/);
    expect(await page.getByTestId('approaching-summary').textContent()).toMatch(
      /\d+ ships? approaching within 200 nm, \d+ advised/,
    );
    await section.screenshot({ path: join(shots, 'green-approaching.png') });
    // Anyone else sees none of the port authority's private ship.
    const others = JSON.parse((await api('/jit/approaching', { key: keys.get('portal-yti')! })).body) as {
      vessels: { vessel: { mmsi: string } }[];
    };
    expect(others.vessels.map((v) => v.vessel.mmsi)).not.toContain('477000091');
    expect(pageErrors).toEqual([]);
  });

  it('should list the emissions per call on the green dashboard and open a call (times, emissions by mode, JIT) and a corridor (monthly trend, voyages)', async () => {
    await signIn('portal-yti');
    const yti = keys.get('portal-yti')!;
    await page.goto(`${server.baseUrl}/#/green?from=2026-11-01&to=${today()}`);
    const list = page.getByTestId('green-call-list');
    await list.waitFor();
    const window = new URLSearchParams(portDayInstants('2026-11-01', today())).toString();
    const calls = JSON.parse((await api(`/emissions/calls?${window}&limit=20`, { key: yti })).body) as {
      calls: { callId: string; totals: { co2G: number } }[];
    };
    expect(calls.calls.length).toBeGreaterThan(0);
    expect(await attributes(list.locator('tbody tr'), 'data-call')).toEqual(calls.calls.map((c) => c.callId));
    const first = calls.calls[0]!;
    expect(await list.locator(`tr[data-call="${first.callId}"] td`).nth(5).textContent()).toBe(
      String(Math.round(first.totals.co2G / 1e4) / 100),
    );
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('green-calls').getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(readFileSync(await csv.path(), 'utf8').split('\n')[0]).toMatch(/^callId,/);
    await page.getByTestId('green-calls').screenshot({ path: join(shots, 'green-calls.png') });

    // The call's page: its times as GET /vessel-calls/{id}, its modes as GET /emissions/calls/{id}, and JIT.
    await list.locator(`tr[data-call="${first.callId}"] a`).click();
    const times = page.getByTestId('call-times');
    await expect.poll(() => times.textContent()).toContain(first.callId);
    const call = JSON.parse((await api(`/vessel-calls/${first.callId}`, { key: yti })).body) as {
      vessel: { mmsi: string };
      asOf: string;
    };
    expect(await times.textContent()).toContain(call.vessel.mmsi);
    // A measure not reported is a dash, not a dash with a unit (the seeded ships leave no draught out).
    expect(await times.textContent()).not.toContain('— m');
    expect(await times.locator('.as-of time').getAttribute('datetime')).toBe(call.asOf);
    const detail = JSON.parse((await api(`/emissions/calls/${first.callId}`, { key: yti })).body) as {
      modes: { mode: string }[];
      shorePower: { connected: boolean };
    };
    const modes = page.getByTestId('call-modes');
    await expect
      .poll(() => attributes(modes.locator('tbody tr'), 'data-mode'))
      .toEqual(detail.modes.map((m) => m.mode));
    expect(await page.getByTestId('call-co2').textContent()).toMatch(
      new RegExp(`^${Math.round(first.totals.co2G / 1e4) / 100} t CO2`),
    );
    // Its shore power says the ship's fitting, the berth's equipment and whether it connected, as the API does.
    expect(await page.getByTestId('call-shore-power').textContent()).toMatch(
      detail.shorePower.connected ? /^Shore power: .*, connected / : /^Shore power: .*, not connected/,
    );
    await expect.poll(() => page.getByTestId('call-jit').locator('.as-of').count()).toBe(1);
    await shot('call', true);
    // Another organisation's view of a call it may not see is the API's 404, said as such.
    await page.goto(`${server.baseUrl}/#/call?id=999999999:2026-01-01T00:00`);
    await expect
      .poll(() => page.getByTestId('call-not-found').textContent())
      .toContain('that your organisation may see');

    // A corridor from the dashboard: its monthly trend against the pathway, as GET /corridors/{id} gives it.
    await page.goto(`${server.baseUrl}/#/green?from=2026-11-01&to=${today()}`);
    const link = page.locator('.corridor-links a').first();
    await link.waitFor();
    await link.click();
    await rendered(page, 'corridor-trend');
    const id = new URLSearchParams(page.url().split('?')[1]).get('id')!;
    const corridor = JSON.parse((await api(`/corridors/${id}?${window}`, { key: yti })).body) as {
      trend: { month: string; wtwGCo2ePerMj: number | null }[];
      voyages: { callId: string }[];
    };
    // Every month of the period is a row, with the target in force (the line, drawn even with no voyage yet); the
    // months with voyages carry the API's figures.
    const trend = csvRows(
      (await exported(page, /Export Monthly WtW intensity against the target pathway as CSV/)).bytes.toString('utf8'),
    );
    const months = trend.slice(1).map((r) => r[0]);
    expect(months.length).toBeGreaterThan(0);
    for (const t of corridor.trend) expect(months).toContain(t.month);
    expect(trend.slice(1).every((r) => r[3] !== '')).toBe(true);
    if (corridor.trend.length === 0) {
      expect(await page.locator('[data-chart="corridor-trend"] .help').textContent()).toContain('No voyages yet');
    }
    expect(await page.locator('[data-chart="corridor-trend"] .as-of').textContent()).toMatch(/^As of .+ · Source: /);
    expect(await page.getByTestId('corridor-voyage-count').textContent()).toBe(String(corridor.voyages.length));
    await shot('corridor', true);
    expect(pageErrors).toEqual([]);
  });

  it('should show the public the dashboards’ aggregates only: the same statistics, no member figures', async () => {
    const publicContext = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    const anonymous = await publicContext.newPage();
    const errors: string[] = [];
    anonymous.on('pageerror', (error) => errors.push(String(error)));
    try {
      const period = `from=2026-03-09&to=${today()}`;
      await anonymous.goto(`${server.baseUrl}/#/operations?${period}`);
      await expect.poll(() => anonymous.locator('.notice').textContent()).toContain('Public view');
      for (const chart of ['ops-teu', 'ops-turn', 'ops-anchor']) {
        await rendered(anonymous, chart);
        expect(await anonymous.locator(`[data-chart="${chart}"] .as-of time`).count(), chart).toBe(1);
      }
      const asPublic = csvRows(
        (await exported(anonymous, /Export TEU per week by terminal as CSV/)).bytes.toString('utf8'),
      );
      const stats = JSON.parse((await api(`/statistics/operations?${period}`)).body) as {
        teuPerWeek: { rows: { weekStart: string; importTeu: number }[] };
      };
      expect(asPublic.slice(1).map((r) => [r[0], Number(r[3])])).toEqual(
        stats.teuPerWeek.rows.map((r) => [r.weekStart, r.importTeu]),
      );
      // Counts only: no organisation, container or vessel is named anywhere on the page.
      expect(await anonymous.locator('main').textContent()).not.toMatch(/portal-|EGHU|PORTAL [A-Z]+/);
      await anonymous.screenshot({ path: join(shots, 'public-operations.png'), fullPage: true });
      // The ZE equipment shares are for members: the API answers 401 and the portal says so, with no chart.
      await anonymous.goto(`${server.baseUrl}/#/green`);
      await expect.poll(() => anonymous.getByTestId('members-only').first().textContent()).toContain('for members');
      expect(await anonymous.locator('[data-chart="green-ze-share"] canvas').count()).toBe(0);
      // No terminal named but in the drayage panel: its ZE share of truck visits per terminal is a public aggregate
      // (YUSEN has the five seeded visits the API needs to show a terminal).
      await rendered(anonymous, 'green-drayage');
      const drayagePanel = (await anonymous.locator('[data-chart="green-drayage"]').textContent()) ?? '';
      expect(drayagePanel).toContain('YUSEN');
      expect(((await anonymous.locator('main').textContent()) ?? '').replace(drayagePanel, '')).not.toMatch(/YUSEN/);
      for (const chart of ['green-ze-share', 'green-energy']) {
        expect(await anonymous.locator(`[data-chart="${chart}"]`).textContent()).not.toMatch(/kWh|\d%/);
      }
      await anonymous.screenshot({ path: join(shots, 'public-green.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await publicContext.close();
    }
  });

  it('should be usable at tablet width and by keyboard, with a label on every field', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${server.baseUrl}/#/map`);
    // The four seeded vessels and the one the first test added.
    await expect.poll(() => page.locator('#map').getAttribute('data-vessels-drawn'), { timeout: 30_000 }).toBe('5');
    await shot('map-tablet');
    // Keyboard: on a fresh load the first Tab reaches the skip link, the next ones the views.
    await page.reload();
    await page.locator('main h1').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Live map');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.board-group').first().waitFor();
    expect(page.url()).toMatch(/#\/calls$/);
    // Every field has a label, every button and link a name, on every view.
    for (const view of [
      '#/map',
      '#/calls',
      '#/anchorage',
      '#/berths',
      '#/containers',
      '#/truckers',
      '#/operations',
      '#/green',
      '#/sign-in',
    ]) {
      await page.goto(`${server.baseUrl}/${view}`);
      await page.locator('main h1').waitFor();
      const unlabelled = await page.evaluate(
        "[...document.querySelectorAll('main input, main select, main textarea')].filter((e) => !e.labels?.length && !e.getAttribute('aria-label')).map((e) => e.id || e.outerHTML)",
      );
      expect(unlabelled, view).toEqual([]);
      const nameless = await page.evaluate(
        "[...document.querySelectorAll('button, a[href]')].filter((e) => !(e.getAttribute('aria-label') || e.getAttribute('title') || e.textContent || '').trim()).map((e) => e.outerHTML)",
      );
      expect(nameless, view).toEqual([]);
    }
    // Tab order reaches every entry of the navigation, in order.
    await page.goto(`${server.baseUrl}/#/map`);
    await page.reload();
    await page.locator('main h1').waitFor();
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(String(await page.evaluate('document.activeElement?.textContent')));
    }
    const navigation = await page.locator('nav a').allTextContents();
    expect(navigation).toEqual([
      'Live map',
      'Vessel calls',
      'Anchorage queue',
      'Berth line-up',
      'Container look-up',
      'For truckers',
      'Operations',
      'Green',
    ]);
    expect(reached.filter((t) => navigation.includes(t))).toEqual(navigation);
    // The dashboards' controls by keyboard: from the period, Tab reaches the dates, the terminal and each chart's
    // exports in order, and Enter on an export downloads it.
    await page.goto(`${server.baseUrl}/#/operations?from=2026-03-09&to=${today()}`);
    await rendered(page, 'ops-teu');
    await page.locator('#ops-period').focus();
    const controls: string[] = [];
    // A date field takes one Tab per part (month, day, year): consecutive stops on one control count once.
    for (let i = 0; i < 14 && controls.length < 5; i++) {
      await page.keyboard.press('Tab');
      const at = String(
        await page.evaluate("document.activeElement?.getAttribute('aria-label') || document.activeElement?.id"),
      );
      if (controls.at(-1) !== at) controls.push(at);
    }
    expect(controls.slice(0, 3)).toEqual(['ops-from', 'ops-to', 'ops-terminal']);
    expect(controls).toContain('Export TEU per week by terminal as CSV');
    await page.getByRole('button', { name: 'Export TEU per week by terminal as CSV' }).focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^teu-per-week-.*\.csv$/);
    await shot('operations-tablet', true);
    expect(pageErrors).toEqual([]);
  });
});
