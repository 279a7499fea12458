/**
 * `openpcs serve`: the command's options and help. What it runs (serve-run.ts) loads when it runs, so that the other
 * commands and `--help` do not load the server, the store and the simulator.
 */
import { Command, Option } from 'commander';
import { ENV_DOCS } from '../config/env.js';
import { withStoreOptions } from './cli-context.js';
import { integerOption } from './integer-option.js';
import type { ServeFlags } from './serve-run.js';

export function serveCommand(): Command {
  const command = new Command('serve')
    .description('run the HTTP API (and background ingestion) until SIGINT/SIGTERM')
    .addOption(
      new Option('-p, --port <port>', 'HTTP port (env PORT, default 8080)').argParser(
        integerOption({ min: 0, max: 65_535 }),
      ),
    )
    .addOption(new Option('--host <host>', 'interface to listen on (env HOST, default 0.0.0.0)'))
    .option('--ais-tcp <host:port...>', 'also read live AIS (NMEA) from these TCP feeds, reconnecting with backoff')
    .option('--ais-udp <[host:]port...>', 'also listen for AIS (NMEA) datagrams on these UDP ports')
    .option(
      '--api-only',
      'serve the HTTP API only, for replicas behind a load balancer: no read-model projections, webhook deliveries, feeds or inbox recovery (one full "openpcs serve" on the same PostgreSQL does those); needs DATABASE_URL',
    )
    .addHelpText(
      'after',
      `\nEnvironment:\n${ENV_DOCS.map((d) => `  ${d.name.padEnd(24)} ${d.meaning} (default ${d.default})`).join('\n')}`,
    );
  return withStoreOptions(command).action(async (flags: ServeFlags) => {
    const { runServe } = await import('./serve-run.js');
    await runServe(flags);
  });
}
