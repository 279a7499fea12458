/**
 * Community portal (issue 14): JS and CSS bundle sizes per view (bytes and gzip bytes, from `web/dist/`),
 * and in headless Chromium against a real `openpcs serve` (embedded store, simulator off, seeded with the
 * AIS of bench/portal-seed.ts through the ingest API): time to first render (First Contentful Paint of `/`),
 * time to vessel list (navigation start → the list beside the map shows the first picture of the vessels, with its
 * "as of") and time to live map (navigation start → the map has drawn every seeded vessel), median of N page loads
 * in fresh browser contexts (quick: 3, else 7); and each dashboard's first render (navigation start → every chart
 * panel drawn or showing why not: the panels' own `openpcs:chart:*` marks), the operations dashboard as the public,
 * the green one as a member (its ZE figures are for members). Skips, saying why, without Chromium or a built portal.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { portalDistDir } from '../src/api/portal-static.js';
import type { BenchSuite, Emit } from './bench-record.js';
import { browserMissing, launchBrowser } from './headless-chromium.js';
import { SEED_VESSELS, seedAis } from './portal-seed.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

/** `map-view-Cj33IMXa.js` → `map-view`. */
function chunkName(file: string): string {
  return file.replace(/-[A-Za-z0-9_-]{8}\.(m?js|css|geojson)$/, '');
}

function bundleSizes(emit: Emit, dir: string): void {
  const assets = join(dir, 'assets');
  const groups = new Map<string, { bytes: number; gzip: number; files: string[] }>();
  for (const file of readdirSync(assets).sort()) {
    const body = readFileSync(join(assets, file));
    const kind = file.endsWith('.css') ? 'css' : file.endsWith('.geojson') ? 'data' : 'js';
    const name = `${chunkName(file)} (${kind})`;
    const group = groups.get(name) ?? { bytes: 0, gzip: 0, files: [] };
    group.bytes += body.length;
    group.gzip += gzipSync(body, { level: 9 }).length;
    group.files.push(file);
    groups.set(name, group);
  }
  for (const [name, g] of groups) {
    emit({ bench: `portal bundle ${name}`, unit: 'bytes', value: g.bytes, gzipBytes: g.gzip, files: g.files });
  }
  // What the first view (the live map) needs before it can draw: entry, shared chunks, map chunk and worker.
  const mapPath = [...groups.entries()].filter(
    ([name]) =>
      !/^(calls|anchorage|berths|containers|truckers|sign-in|operations|green|call|corridor)-view|^charts|^green-emissions|^links|san-pedro/.test(
        name,
      ),
  );
  // What a dashboard or page needs on top of the shell: its view chunk and the shared chunks it imports (ECharts,
  // the green panels' content, the links between views).
  const needs: Readonly<Record<string, readonly string[]>> = {
    operations: ['charts'],
    green: ['charts', 'green-emissions', 'links'],
    call: ['green-emissions'],
    corridor: ['charts', 'green-emissions', 'links'],
  };
  for (const [view, shared] of Object.entries(needs)) {
    const wanted = new Set([`${view}-view (js)`, ...shared.map((chunk) => `${chunk} (js)`)]);
    const parts = [...groups.entries()].filter(([name]) => wanted.has(name));
    emit({
      bench: `portal ${view} ${view === 'operations' || view === 'green' ? 'dashboard' : 'page'} chunks total`,
      unit: 'bytes',
      value: parts.reduce((s, [, g]) => s + g.bytes, 0),
      gzipBytes: parts.reduce((s, [, g]) => s + g.gzip, 0),
    });
  }
  emit({
    bench: 'portal first view (live map) total',
    unit: 'bytes',
    value: mapPath.reduce((s, [, g]) => s + g.bytes, 0),
    gzipBytes: mapPath.reduce((s, [, g]) => s + g.gzip, 0),
  });
}

async function startServe(dataDir: string): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    env: { ...process.env, DATABASE_URL: '', OPENPCS_SIM: 'off', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready on (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Seeds the AIS and answers a member's read key (a terminal's) for the green dashboard. */
async function seed(url: string, admin: string): Promise<string> {
  const call = async (path: string, body: string, type: string, key: string) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': type },
      body,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ key?: string }>;
  };
  const org = JSON.stringify({ id: 'bench-ais', name: 'bench AIS', role: 'port_authority' });
  await call('/admin/organisations', org, 'application/json', admin);
  const { key } = await call('/admin/organisations/bench-ais/keys', '{"scopes":["ingest"]}', 'application/json', admin);
  const member = JSON.stringify({ id: 'bench-terminal', name: 'bench terminal', role: 'terminal' });
  await call('/admin/organisations', member, 'application/json', admin);
  const read = await call('/admin/organisations/bench-terminal/keys', '{"scopes":["read"]}', 'application/json', admin);
  await call('/ingest/ais-nmea?visibility=public', seedAis(Date.now()), 'text/plain', key!);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [a, b] = await Promise.all(
      ['/vessels', '/vessels?status=underway'].map(async (p) => {
        const answer = (await (await fetch(`${url}${p}`)).json()) as { vessels: unknown[] };
        return answer.vessels.length;
      }),
    );
    if (a! + b! >= SEED_VESSELS.length) return read.key!;
    if (Date.now() > deadline) throw new Error('the seeded vessels did not appear');
    await new Promise((r) => setTimeout(r, 250));
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const suite: BenchSuite = async (emit, { quick }) => {
  const dir = portalDistDir();
  if (!existsSync(join(dir, 'index.html'))) {
    process.stderr.write('bench: portal not built (npm run build:web): skipped\n');
    return;
  }
  bundleSizes(emit, dir);
  const missing = browserMissing();
  if (missing) {
    process.stderr.write(`bench: ${missing}\n`);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'openpcs-bench-portal-'));
  const server = await startServe(dataDir);
  const browser = await launchBrowser();
  try {
    const admin = /opcs_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(server.output())?.[0];
    if (!admin) throw new Error('serve printed no admin key');
    const memberKey = await seed(server.url, admin);
    const runs = quick ? 3 : 7;
    const firstRender: number[] = [];
    const liveMap: number[] = [];
    const vesselList: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/#/map`);
      // A locator wait, not waitForFunction: the portal's CSP forbids the string evaluation it needs.
      await page
        .locator(`#map[data-vessels-drawn="${SEED_VESSELS.length}"]`)
        .waitFor({ state: 'attached', timeout: 60_000 });
      // The map's own mark (web/src/views/map-view.ts) is the frame time, not when this process noticed.
      const drawnAt = Number(
        await page.evaluate("performance.getEntriesByName('openpcs:live-map')[0]?.startTime ?? -1"),
      );
      const fcp = Number(
        await page.evaluate(
          "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? performance.getEntriesByType('paint').at(-1)?.startTime ?? -1",
        ),
      );
      const listedAt = Number(
        await page.evaluate("performance.getEntriesByName('openpcs:vessel-list')[0]?.startTime ?? -1"),
      );
      if (drawnAt < 0 || fcp < 0 || listedAt < 0) {
        throw new Error(`no timing from the page (live map ${drawnAt}, vessel list ${listedAt}, FCP ${fcp})`);
      }
      firstRender.push(fcp);
      liveMap.push(drawnAt);
      vesselList.push(listedAt);
      await context.close();
    }
    const detail = {
      runs,
      engine: 'pglite',
      vessels: SEED_VESSELS.length,
      browser: 'headless chromium, software WebGL',
    };
    emit({
      bench: 'portal time to first render (FCP)',
      unit: 'ms',
      value: Math.round(median(firstRender)),
      ...detail,
      all: firstRender.map(Math.round),
    });
    emit({
      bench: 'portal time to vessel list (first picture listed with its as-of)',
      unit: 'ms',
      value: Math.round(median(vesselList)),
      ...detail,
      all: vesselList.map(Math.round),
    });
    emit({
      bench: 'portal time to live map (vessels drawn)',
      unit: 'ms',
      value: Math.round(median(liveMap)),
      ...detail,
      all: liveMap.map(Math.round),
    });
    for (const [view, charts, key] of [
      ['operations', ['ops-teu', 'ops-dwell', 'ops-turn', 'ops-anchor', 'ops-gate'], null],
      [
        'green',
        [
          'green-ze-share',
          'green-energy',
          'green-emissions-mode',
          'green-emissions-terminal',
          'green-emissions-day',
          'green-shore-power',
          'green-corridor-intensity',
          'green-corridor-fuel',
          'green-jit',
        ],
        memberKey,
      ],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
        if (key) {
          // Signed in as the sign-in view leaves it: the key in this tab's sessionStorage (web/src/session.ts).
          await context.addInitScript({ content: `sessionStorage.setItem('openpcs.apiKey', ${JSON.stringify(key)});` });
        }
        const page = await context.newPage();
        await page.goto(`${server.url}/#/${view}`);
        for (const chart of charts) {
          await page
            .locator(
              `[data-chart="${chart}"][data-state="rendered"], [data-chart="${chart}"][data-state="unavailable"]`,
            )
            .waitFor({ state: 'attached', timeout: 60_000 });
        }
        const marks = await page.evaluate(
          `[${charts.map((c) => `performance.getEntriesByName('openpcs:chart:${c}')[0]?.startTime ?? -1`).join(',')}]`,
        );
        const last = Math.max(...(marks as number[]));
        if ((marks as number[]).some((m) => m < 0)) throw new Error(`no chart marks from ${view}: ${String(marks)}`);
        times.push(last);
        await context.close();
      }
      emit({
        bench: `portal time to ${view} dashboard (every chart panel drawn)`,
        unit: 'ms',
        value: Math.round(median(times)),
        runs,
        engine: 'pglite',
        caller: key ? 'member (terminal)' : 'public',
        browser: 'headless chromium',
        all: times.map(Math.round),
      });
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

export default suite;
