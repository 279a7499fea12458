/**
 * `openpcs vessels --at <time> [--port USLAX|USLGB] [--json]`: which vessels were at anchor and which at
 * berth at that instant, with name, IMO/MMSI, anchorage or terminal, and since when — from the stored AIS
 * track (the vessel read models are brought up to date first).
 */
import { LOCAL_OPERATOR } from '../access/access-scope.js';
import { Command, Option } from 'commander';
import { toInstant } from '../domain/instant.js';
import type { VesselAtView } from '../api/vessels/vessel-at-view.js';
import type { Platform } from '../platform.js';
import { CliError, resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';

interface VesselsFlags {
  at: string;
  port?: 'USLAX' | 'USLGB';
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

export interface VesselsAtAnswer {
  readonly at: string;
  readonly port: string | null;
  readonly atAnchor: VesselAtView[];
  readonly atBerth: VesselAtView[];
}

/**
 * The command's work without printing: brings the read models up to date and asks them. `staleAfterMin` flags items
 * whose newest report is older at `at` (`OPENPCS_VESSEL_STALE_MINUTES`, as `serve` answers `GET /vessels?at=`).
 */
export async function vesselsAtAnswer(
  platform: Platform,
  at: string,
  port?: string,
  staleAfterMin?: number,
): Promise<VesselsAtAnswer> {
  // Loaded when the command runs, not when the command tree is built (`--help`).
  const [
    { loadGeography },
    { vesselPositionProjection },
    { vesselRegistryProjection },
    { vesselsAt },
    { vesselAtView },
  ] = await Promise.all([
    import('../geo/load-geography.js'),
    import('../projections/vessels/vessel-position-projection.js'),
    import('../projections/vessels/vessel-registry-projection.js'),
    import('../api/vessels/vessels-at-reader.js'),
    import('../api/vessels/vessel-at-view.js'),
  ]);
  for (const projection of [vesselRegistryProjection, vesselPositionProjection]) {
    const registered = platform.projections.projections.find((p) => p.name === projection.name);
    if (registered) await platform.projections.catchUp(registered);
  }
  const found = await vesselsAt(platform.database.db, loadGeography(), {
    visibleTo: LOCAL_OPERATOR,
    at,
    port,
    statuses: ['at_anchor', 'at_berth'],
    flagStaleAfterMin: staleAfterMin,
  });
  const views = found.map(vesselAtView);
  return {
    at,
    port: port ?? null,
    atAnchor: views.filter((v) => v.status === 'at_anchor'),
    atBerth: views.filter((v) => v.status === 'at_berth'),
  };
}

function table(title: string, rows: readonly VesselAtView[]): string {
  const lines = [`${title} (${rows.length})`];
  if (rows.length === 0) return lines.join('\n');
  const cells = rows.map((v) => [
    v.name ?? '?',
    v.imo ?? '-',
    v.mmsi,
    `${v.zone?.name ?? '?'}${v.zone?.port ? ` (${v.zone.port})` : ''}`,
    v.since.slice(0, 16).replace('T', ' '),
  ]);
  const header = ['NAME', 'IMO', 'MMSI', 'ANCHORAGE / TERMINAL', 'SINCE (UTC)'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const format = (c: readonly string[]) => `  ${c.map((x, i) => x.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [...lines, format(header), ...cells.map(format)].join('\n');
}

export function vesselsCommand(): Command {
  const command = new Command('vessels')
    .description('vessels at anchor and at berth at an instant, from the stored AIS positions')
    .requiredOption('--at <time>', 'ISO 8601 instant, e.g. 2022-01-03T00:20Z')
    .addOption(new Option('--port <locode>', 'only this port').choices(['USLAX', 'USLGB']))
    .option('--json', 'print JSON instead of tables');
  return withStoreOptions(command).action(async (flags: VesselsFlags) => {
    // A zone is required: a zone-less time would be read in this machine's zone.
    const at = /(Z|[+-]\d\d:?\d\d)$/i.test(flags.at) ? toInstant(flags.at) : null;
    if (at === null) {
      throw new CliError(`--at wants an ISO 8601 instant with a zone (e.g. 2022-01-03T00:20Z), got "${flags.at}"`);
    }
    const env = resolveEnv(flags);
    const answer = await withPlatform(env, (platform) =>
      vesselsAtAnswer(platform, at, flags.port, env.OPENPCS_VESSEL_STALE_MINUTES),
    );
    if (flags.json) {
      console.log(JSON.stringify(answer, null, 2));
      return;
    }
    console.log(`Vessels at ${answer.at}${answer.port ? ` in ${answer.port}` : ''}\n`);
    console.log(table('At anchor', answer.atAnchor));
    console.log('');
    console.log(table('At berth', answer.atBerth));
  });
}
