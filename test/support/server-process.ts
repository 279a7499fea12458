/** Runs the built `openpcs serve` in a child process, as an operator would, for crash and e2e tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, type ScratchDatabase } from './engines.js';

export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export function cliBuilt(): boolean {
  return existsSync(CLI);
}

/** Whether the built CLI has the same migrations as the source (a stale build may lack the newest ones). */
function builtMigrationsMatchSource(): boolean {
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
  readyTimeoutMs = 30_000,
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
