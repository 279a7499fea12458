/** Runs the built `openpcs serve` in a child process, as an operator would, for crash and e2e tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SETUP_BUDGET_MS } from './budget.js';
import { createScratchDatabase, pgliteTemplate, type ScratchDatabase } from './engines.js';

export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export function cliBuilt(): boolean {
  return existsSync(CLI);
}

/** Whether the built CLI has the same migrations as the source (a stale build may lack the newest ones). */
export function builtMigrationsMatchSource(): boolean {
  const names = (dir: URL, ext: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(ext))
          .map((f) => f.slice(0, -ext.length))
          .sort()
          .join()
      : null;
  const built = names(new URL('../../dist/src/store/migrations/', import.meta.url), '.js');
  return built !== null && built === names(new URL('../../src/store/migrations/', import.meta.url), '.ts');
}

/**
 * A scratch database for a built `openpcs` process, which migrates its store at start: a copy of the migrated
 * template (the start then finds nothing to apply), unless the build's migrations differ from the source's,
 * whose template it would refuse; then an empty one it migrates itself.
 */
export function scratchDatabaseForServer(baseUrl: string): Promise<ScratchDatabase> {
  return createScratchDatabase(baseUrl, { migrated: builtMigrationsMatchSource() });
}

/**
 * A new data directory for a built `openpcs` process on the embedded engine (`--data-dir`), the PGlite twin of
 * scratchDatabaseForServer: a copy of the migrated template's files, so the process neither runs initdb nor migrates
 * (seconds of a test's start on a loaded 2-core machine), unless the build's migrations differ from the
 * source's; then an empty one. A first start on an empty directory is what an operator does: the tests that
 * are about that (trucker-cli, poisoned-start) keep using an empty one.
 */
export async function dataDirForServer(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (builtMigrationsMatchSource()) untar(new Uint8Array(await (await pgliteTemplate()).arrayBuffer()), dir);
  return dir;
}

/**
 * Writes the directories and files of a ustar archive (what PGlite's `dumpDataDir('none')` writes) under `dir`:
 * no PGlite start in the test process, which the server process does anyway.
 */
function untar(archive: Uint8Array, dir: string): void {
  const text = (from: number, length: number) => {
    const field = archive.subarray(from, from + length);
    const end = field.indexOf(0);
    return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('utf8');
  };
  for (let at = 0; at + 512 <= archive.length && archive[at] !== 0;) {
    const prefix = text(at + 345, 155);
    const name = `${prefix ? `${prefix}/` : ''}${text(at, 100)}`.replace(/^\/+/, '');
    const mode = parseInt(text(at + 100, 8).trim() || '0', 8) & 0o777;
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = text(at + 156, 1);
    const path = join(dir, name);
    if (type === '5') mkdirSync(path, { recursive: true, mode });
    else if (type === '0' || type === '') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, archive.subarray(at + 512, at + 512 + size), { mode });
    } else throw new Error(`PGlite template: unexpected tar entry type "${type}" for ${name}`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Everything the process wrote so far. */
  output(): string;
  /** Resolves with the exit code (or signal name). */
  readonly exited: Promise<number | string>;
}

export async function startServer(
  args: readonly string[],
  env: Record<string, string> = {},
  readyTimeoutMs = SETUP_BUDGET_MS,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
    // The store is chosen by the arguments only: never inherit the test runner's DATABASE_URL. Tests run the
    // server without the simulator unless they ask for it (OPENPCS_SIM=on).
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', OPENPCS_SIM: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), readyTimeoutMs);
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
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output, exited };
}

const ADMIN_KEY = /opcs_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/;

/**
 * The admin key a first start prints on stderr. The "ready" line comes on stdout, and two pipes are read in
 * no fixed order, so the key may arrive after the server was seen ready: wait for it rather than read once.
 */
export async function firstStartKey(server: ServerProcess, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const key = ADMIN_KEY.exec(server.output())?.[0];
    if (key) return key;
    if (Date.now() > deadline) throw new Error(`no first-start admin key in the server's output:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
