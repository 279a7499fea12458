/**
 * The trucker's and cargo owner's CLI (issue 13, docs/truckers.md) end to end: the built `openpcs serve` in its own
 * process with two terminals' feeds, the cargo story (EGHU8300218 on B/L EGLV142600999001) and two truckers'
 * appointments; the built `openpcs` run as a user would, with the key in `--key` or OPENPCS_API_KEY. Each answer
 * prints what the API says (with as-of and source); a trucker sees only its own appointments; the server down,
 * a missing or refused key, and a value the server refuses end with the documented exit status and a clear line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { CLI, cliBuilt, firstStartKey, startServer, type ServerProcess } from '../support/server-process.js';
import { until } from '../support/until.js';
import { SETUP_BUDGET_MS } from '../support/budget.js';

const SLOTS = 'terminal,port,transaction_type,slot_start,slot_end,capacity,booked,stated_at';
const RETURNS = 'location,port,carrier_scac,iso_type,accepting,remaining_capacity,stated_at';
const NOTICES = 'notice_id,notice_type,terminal,port,carrier_scac,iso_type,valid_from,valid_to,status,text,stated_at';
const APPOINTMENTS =
  'appointment_id,terminal,trucking_company_scac,truck_plate,slot_start,slot_end,move,container_number,booking_reference,status';
const BL = 'EGLV142600999001';
const BOX = 'EGHU8300218';
const AT = '2026-03-02T08:30:00-08:00';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI in its own process (asynchronous: the test's own event loop keeps running). */
function openpcs(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: '', OPENPCS_URL: '', OPENPCS_API_KEY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// Each case runs the built CLI several times, a second or more of start-up each on a loaded 2-core machine.
describe.skipIf(!cliBuilt())('the trucker CLI against a real server', { timeout: SETUP_BUDGET_MS }, () => {
  let dir: string;
  let server: ServerProcess;
  const keys = new Map<string, string>();
  const as = (org: string) => ['--url', server.baseUrl, '--key', keys.get(org)!];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openpcs-trucker-cli-'));
    server = await startServer(['--data-dir', dir], { OPENPCS_TIME_ZONE: 'America/Los_Angeles' });
    const admin = `Bearer ${await firstStartKey(server)}`;
    const call = async (auth: string, method: string, path: string, body?: string | object, type?: string) => {
      const res = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: {
          authorization: auth,
          ...(body === undefined ? {} : { 'content-type': type ?? 'application/json' }),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return { status: res.status, text: await res.text() };
    };
    for (const [id, role] of [
      ['pa', 'port_authority'],
      ['wbct', 'terminal'],
      ['yti', 'terminal'],
      ['eglv', 'carrier'],
      ['sbtl', 'trucker'],
      ['hrzd', 'trucker'],
    ] as const) {
      expect((await call(admin, 'POST', '/admin/organisations', { id, name: id, role })).status).toBe(201);
      const key = await call(admin, 'POST', `/admin/organisations/${id}/keys`, { scopes: ['read', 'ingest'] });
      expect(key.status, key.text).toBe(201);
      keys.set(id, String((JSON.parse(key.text) as { key: string }).key));
    }
    for (const [org, terminal] of [
      ['wbct', 'WBCT'],
      ['yti', 'YUSEN'],
    ]) {
      const res = await call(admin, 'PUT', `/admin/organisations/${org}/terminals`, { terminals: [terminal] });
      expect(res.status, res.text).toBe(200);
    }
    const post = async (org: string, format: string, body: string | Buffer, query = '') => {
      const res = await fetch(`${server.baseUrl}/ingest/${format}${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.get(org)!}`, 'content-type': 'application/octet-stream' },
        body,
      });
      expect(res.status, await res.text()).toBe(202);
    };
    await post(
      'wbct',
      'csv-appointment-slots',
      `${SLOTS}\nWBCT,USLAX,EMPTY_RETURN,2026-03-02T09:00:00-08:00,2026-03-02T10:00:00-08:00,10,10,2026-03-02T08:05:00-08:00\n` +
        `WBCT,USLAX,EMPTY_RETURN,2026-03-02T10:00:00-08:00,2026-03-02T11:00:00-08:00,10,7,2026-03-02T08:05:00-08:00\n`,
    );
    await post(
      'wbct',
      'csv-empty-returns',
      `${RETURNS}\nWBCT,USLAX,MAEU,45G1,Y,12,2026-03-02T08:00:00-08:00\nWBCT,USLAX,CMDU,45G1,N,,2026-03-02T08:00:00-08:00\n`,
    );
    await post(
      'wbct',
      'csv-terminal-notices',
      `${NOTICES}\nWB-GATE-1,GATE_CLOSED,WBCT,USLAX,,,2026-03-02T12:00:00-08:00,2026-03-02T13:00:00-08:00,ACTIVE,Lunch gate closure,2026-03-02T07:45:00-08:00\n`,
    );
    await post(
      'sbtl',
      'csv-truck-appointments',
      `${APPOINTMENTS}\nAPT-S-1,WBCT,SBTL,7ABC123,2026-02-12T08:00:00Z,2026-02-12T09:00:00Z,PICKUP,EGHU9345670,,BOOKED\n`,
    );
    await post(
      'hrzd',
      'csv-truck-appointments',
      `${APPOINTMENTS}\nAPT-H-1,WBCT,HRZD,8XYZ456,2026-02-12T10:00:00Z,2026-02-12T11:00:00Z,DROPOFF,MSKU9070323,,BOOKED\n`,
    );
    const community = '?visibility=community&timeZone=America/Los_Angeles';
    await post('eglv', 'dcsa-events', fixture('cargo-story/carrier-dcsa-events.json'), community);
    await post('yti', 'edifact-coarri', fixture('cargo-story/terminal-coarri-discharge.edi'), community);
    await post('yti', 'csv-availability', fixture('cargo-story/terminal-availability-0316.csv'), community);
    // The projections run in the server: wait until the last of each kind of answer is there.
    await until(
      async () => {
        const read = async (org: string, path: string) => (await call(`Bearer ${keys.get(org)!}`, 'GET', path)).text;
        const containers = await read('sbtl', `/containers?transportDocumentReference=${BL}`);
        const notices = await read('sbtl', '/notices');
        const appointments = await read('hrzd', '/appointments');
        const wait = !(
          containers.includes('CUSTOMS') &&
          notices.includes('WB-GATE-1') &&
          appointments.includes('APT-H-1')
        );
        if (wait) await new Promise((resolve) => setTimeout(resolve, 250));
        return !wait;
      },
      'the server caught up with the feeds',
      SETUP_BUDGET_MS,
    );
  }, SETUP_BUDGET_MS);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('should answer "where can I return an empty MAEU 45G1, with which appointment?"', async () => {
    const run = await openpcs(['empty-returns', '--scac', 'MAEU', '--iso', '45G1', '--at', AT, ...as('sbtl')]);
    expect(run.status, run.stderr).toBe(0);
    const wbct = run.stdout.split('\n').find((l) => l.startsWith('WBCT'));
    // The 09:00 empty-return slot is full: the next with a free place is 10:00 (3 free); as of the slots (08:05).
    expect(wbct).toMatch(/^WBCT\s+TERMINAL\s+12\s+2026-03-02T18:00:00.000Z → 2026-03-02T19:00:00.000Z\s+3\s+/);
    expect(wbct).toContain('2026-03-02T16:05:00.000Z');
    expect(wbct).toMatch(/wbct \(inbox \d+\)/);
    // The CMDU receivable is closed; the JSON form is the API's answer.
    const cmdu = await openpcs(['empty-returns', '--scac', 'CMDU', '--iso', '45G1', '--at', AT, ...as('sbtl')]);
    expect(cmdu.stdout).toContain('no location takes it now');
    expect(cmdu.stdout).toMatch(/WBCT\s+NOT_ACCEPTING/);
    const json = await openpcs([
      'empty-returns',
      '--scac',
      'MAEU',
      '--iso',
      '45G1',
      '--at',
      AT,
      '--json',
      ...as('sbtl'),
    ]);
    const answer = JSON.parse(json.stdout) as { locations: { location: string; nextSlot: { free: number } }[] };
    expect(answer.locations.map((l) => [l.location, l.nextSlot.free])).toEqual([['WBCT', 3]]);
  });

  it("should list a trucker's own appointments only, as a table, JSON or CSV, with the outcomes", async () => {
    const sbtl = await openpcs(['appointments', 'list', ...as('sbtl')]);
    expect(sbtl.status, sbtl.stderr).toBe(0);
    expect(sbtl.stdout).toMatch(
      /WBCT\s+APT-S-1\s+SBTL\s+2026-02-12T08:00:00.000Z\s+2026-02-12T09:00:00.000Z\s+no-show/,
    );
    expect(sbtl.stdout).not.toContain('APT-H-1');
    // Asking for the other trucker shows nothing of it; the key comes from the environment here.
    const env = { OPENPCS_URL: server.baseUrl, OPENPCS_API_KEY: keys.get('hrzd')! };
    const other = await openpcs(['appointments', 'list', '--trucking-company', 'SBTL', '--json'], env);
    expect(other.status, other.stderr).toBe(0);
    expect(JSON.parse(other.stdout)).toEqual({ appointments: [] });
    const csv = await openpcs(['appointments', 'list', '--csv', ...as('hrzd')]);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header?.split(',').slice(0, 2)).toEqual(['appointmentId', 'terminalCode']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^APT-H-1,WBCT,BOOKED,HRZD,/);
    // docs/truckers.md: yesterday's no-shows as CSV (local times without seconds, as the docs write them).
    const noShows = await openpcs([
      'appointments',
      'list',
      '--outcome',
      'no-show',
      '--from',
      '2026-02-12T00:00-08:00',
      '--to',
      '2026-02-13T00:00-08:00',
      '--csv',
      ...as('sbtl'),
    ]);
    expect(noShows.status, noShows.stderr).toBe(0);
    expect(noShows.stdout.trim().split('\n').slice(1)).toEqual([
      expect.stringMatching(/^APT-S-1,WBCT,BOOKED,SBTL,.*,no-show,/),
    ]);
    const outcomes = await openpcs([
      'appointments',
      'outcomes',
      '--from',
      '2026-02-12T00:00:00Z',
      '--to',
      '2026-02-13T00:00:00Z',
      ...as('sbtl'),
    ]);
    expect(outcomes.status, outcomes.stderr).toBe(0);
    expect(outcomes.stdout).toMatch(/^WBCT\s+1\s+0\s+0\s+0\s+1\s+0\s+100\.0%\s+-$/m);
    const slots = await openpcs([
      'appointments',
      'slots',
      '--terminal',
      'WBCT',
      '--type',
      'EMPTY_RETURN',
      '--from',
      '2026-03-02T09:00:00-08:00',
      ...as('sbtl'),
    ]);
    expect(slots.stdout).toMatch(
      /WBCT\s+EMPTY_RETURN\s+2026-03-02T17:00:00.000Z\s+2026-03-02T18:00:00.000Z\s+10\s+10\s+0/,
    );
  });

  it('should list the boxes of a bill of lading with status, holds and last free day, and their fees', async () => {
    const table = await openpcs(['containers', '--bl', BL, ...as('sbtl')]);
    expect(table.status, table.stderr).toBe(0);
    const line = table.stdout.split('\n').find((l) => l.startsWith(BOX));
    expect(line).toMatch(
      /^EGHU8300218\s+45G1\s+HELD\s+YUSEN\s+no\s+CUSTOMS,FREIGHT \(terminal\)\s+2026-03-19 \(yti, 2026-03-16T19:00:00.000Z\)\s+EGLV142600999001\s+2026-03-\d\dT[\d:.]+Z\s+(eglv|yti) \(inbox \d+\)$/,
    );
    const csv = await openpcs(['containers', '--bl', BL, '--csv', ...as('sbtl')]);
    expect(csv.stdout.split('\n')[0]).toMatch(/^equipmentReference,/);
    expect(csv.stdout).toContain(`\n${BOX},`);
    const fees = await openpcs(['fees', '--bl', BL, '--at', '2026-03-23T19:00Z', ...as('sbtl')]);
    expect(fees.status, fees.stderr).toBe(0);
    expect(fees.stdout).toContain('estimates as of 2026-03-23T19:00:00.000Z');
    expect(fees.stdout).toMatch(/EGHU8300218\s+DEMURRAGE\s+ESTIMATED\s+2026-03-19 \(/);
    const byNumber = await openpcs(['fees', '--container', BOX, '--at', '2026-03-23T12:00-07:00', ...as('sbtl')]);
    expect(byNumber.status, byNumber.stderr).toBe(0);
    expect(byNumber.stdout).toMatch(/EGHU8300218\s+DETENTION\s+/);
    const unnamed = await openpcs(['fees', ...as('sbtl')]);
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toContain('--bl <number> or --container <numbers>');
  });

  it('should list notices with their window, as-of and source', async () => {
    const run = await openpcs([
      'notices',
      '--terminal',
      'WBCT',
      '--active',
      '--at',
      '2026-03-02T12:30:00-08:00',
      ...as('sbtl'),
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /WB-GATE-1\s+GATE_CLOSED\s+ACTIVE\s+WBCT\s+2026-03-02T20:00:00.000Z\s+2026-03-02T21:00:00.000Z\s+yes\s+2026-03-02T15:45:00.000Z\s+wbct/,
    );
    const before = await openpcs(['notices', '--active', '--at', AT, '--json', ...as('sbtl')]);
    expect(JSON.parse(before.stdout)).toEqual({ notices: [] });
    const notYet = await openpcs(['notices', '--inactive', '--at', AT, ...as('sbtl')]);
    expect(notYet.stdout).toMatch(/WB-GATE-1\s+GATE_CLOSED\s+ACTIVE\s+WBCT\s+\S+\s+\S+\s+no\s+/);
    const elsewhere = await openpcs(['notices', '--terminal', 'YUSEN', ...as('sbtl')]);
    expect(elsewhere.status, elsewhere.stderr).toBe(0);
    expect(elsewhere.stdout).not.toContain('WB-GATE-1');
  });

  it('should say clearly when the server is down, the key is missing or refused, or a value is refused', async () => {
    // A port nothing listens on: taken from the system, then let go.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const down = await openpcs(['notices', '--url', `http://127.0.0.1:${port}`, '--key', keys.get('sbtl')!]);
    expect(down.status).toBe(1);
    expect(down.stderr).toContain(
      `openpcs: cannot reach the openpcs server at http://127.0.0.1:${port} (ECONNREFUSED)`,
    );
    const anonymous = await openpcs(['appointments', 'list', '--url', server.baseUrl]);
    expect(anonymous.status).toBe(1);
    expect(anonymous.stderr).toContain('401');
    expect(anonymous.stderr).toContain('give your API key with --key or env OPENPCS_API_KEY');
    const refused = await openpcs(['appointments', 'list', '--url', server.baseUrl, '--key', 'opcs_000000000000_nope']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('the key was not accepted');
    const bad = await openpcs(['empty-returns', '--scac', 'maersk!', '--iso', '45G1', ...as('sbtl')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^openpcs: 400 .*\(PCS_API_VALIDATION\)/);
    expect(bad.stderr).toContain('/query/scac');
    const usage = await openpcs(['empty-returns', '--scac', 'MAEU', ...as('sbtl')]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("required option '--iso <code>' not specified");
    for (const command of [['appointments', 'list'], ['empty-returns'], ['containers'], ['fees'], ['notices']]) {
      const help = await openpcs([...command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('--key <apiKey>');
    }
  });
});
