/**
 * `openpcs sim --live` stopped with Ctrl-C (SIGINT) while a party's message is on its way: it ends quietly,
 * exit code 0, with one line saying the simulated instant reached — not "This operation was aborted" (the
 * aborted fetch surfacing as an error). The product is the real server; a proxy in front of it holds the
 * first ingest request, so the signal always lands while a message is in flight.
 */
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { CLI, cliBuilt } from '../support/server-process.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../support/until.js';
import { SETUP_BUDGET_MS } from '../support/budget.js';

describe.skipIf(!cliBuilt())('sim --live stopped by SIGINT (needs `npm run build`)', () => {
  describe.each(ENGINES)('against the server on $name', (engine) => {
    let platform: Platform | undefined;
    let server: Server | undefined;
    const closers: (() => void)[] = [];
    afterEach(async () => {
      for (const close of closers.splice(0)) close();
      await server?.app.close();
      await platform?.close();
    });

    it(
      'should exit 0 with a "stopped at" line and no error while a message is in flight',
      async () => {
        platform = await testPlatform(engine);
        server = await buildServer({ platform, logLevel: 'silent' });
        await server.app.listen({ port: 0, host: '127.0.0.1' });
        const upstreamPort = (server.app.server.address() as { port: number }).port;
        const admin = await orgWithKey(platform, 'port-authority', 'port_authority', ['read', 'ingest', 'admin']);

        // Forwards everything to the server except ingest requests, which it holds unanswered.
        const held: ServerResponse[] = [];
        const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
          if (req.url?.startsWith('/ingest/')) {
            req.resume();
            held.push(res);
            return;
          }
          const forward = httpRequest(
            { host: '127.0.0.1', port: upstreamPort, path: req.url, method: req.method, headers: req.headers },
            (answer) => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(res);
            },
          );
          req.pipe(forward);
        });
        await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
        closers.push(() => {
          for (const res of held) res.destroy();
          proxy.close();
        });
        const target = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;

        const child = spawn(
          process.execPath,
          [
            CLI,
            'sim',
            '--live',
            '--speed',
            'max',
            '--days',
            '1',
            '--start',
            '2026-03-16T00:00:00Z',
            '--ais-port',
            '0',
            '--target',
            target,
            '--admin-key',
            admin.authorization.slice('Bearer '.length),
          ],
          { env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        closers.push(() => child.kill('SIGKILL'));
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const exited = new Promise<number | string>((resolve) =>
          child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
        );

        // A party's message is on its way (registered through the admin API, posted, not answered yet).
        await until(() => held.length > 0 || child.exitCode !== null, 'a held ingest request', SETUP_BUDGET_MS);
        expect(held.length, output).toBeGreaterThan(0);
        child.kill('SIGINT');
        expect(await exited, output).toBe(0);
        expect(output).toMatch(/sim: stopped at 2026-03-16T\d\d:\d\d:\d\d\.\d{3}Z: \d+ AIS lines/);
        expect(output).not.toMatch(/aborted|AbortError|Error:/i);
        expect(held).toHaveLength(1);
      },
      SETUP_BUDGET_MS,
    );
  });
});
