import { Command } from 'commander';
import type { Platform } from '../platform.js';
import { CliError, resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';

type StoreFlags = { dataDir?: string; databaseUrl?: string };

function checkNames(platform: Platform, names: readonly string[]): string[] {
  const known = platform.projections.projections.map((p) => p.name);
  const chosen = names.length > 0 ? [...names] : known;
  const unknown = chosen.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new CliError(`unknown projection(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  return chosen;
}

/** The lines of `openpcs projections quarantine`: each quarantined event, grouped by projection. */
export async function quarantineLines(
  platform: Platform,
  options: { readonly projections?: readonly string[]; readonly all?: boolean } = {},
): Promise<string[]> {
  const chosen = checkNames(platform, options.projections ?? []);
  const rows = (await platform.projections.quarantine.list({ state: options.all ? 'all' : 'open' })).filter((r) =>
    chosen.includes(r.projection),
  );
  if (rows.length === 0) return [options.all ? 'no event was ever quarantined' : 'no quarantined events'];
  const lines: string[] = [];
  for (const name of chosen) {
    const mine = rows.filter((r) => r.projection === name);
    if (mine.length === 0) continue;
    lines.push(`${name}: ${mine.length} event(s)`);
    for (const r of mine) {
      lines.push(
        `  seq ${r.event_seq}  event ${r.event_id}  ${r.state}  attempts ${r.attempts}  first ${r.first_seen_at.toISOString()}  last ${r.last_seen_at.toISOString()}${r.resolved_at ? `  resolved ${r.resolved_at.toISOString()}` : ''}`,
        `    ${r.error_code ? `[${r.error_code}] ` : ''}${r.error_message}`,
      );
    }
  }
  return lines;
}

/** The lines of `openpcs projections retry`; `failed` tells whether some event still fails. */
export async function retryQuarantinedLines(
  platform: Platform,
  projections: readonly string[] = [],
): Promise<{ lines: string[]; failed: number }> {
  const results = await platform.projections.retryQuarantined(checkNames(platform, projections));
  const lines: string[] = [];
  let failed = 0;
  for (const r of results) {
    if (r.resolved.length === 0 && r.failed.length === 0) continue;
    lines.push(`${r.projection}: ${r.resolved.length} applied, ${r.failed.length} still failing`);
    for (const f of r.failed) lines.push(`  seq ${f.eventSeq}: ${f.message}`);
    failed += r.failed.length;
  }
  return { lines: lines.length > 0 ? lines : ['no quarantined events'], failed };
}

/** `openpcs projections status|rebuild|quarantine|retry` — read models, their checkpoints and quarantined events. */
export function projectionsCommand(): Command {
  const status = withStoreOptions(
    new Command('status').description('each read model, its version, how far it has read and its quarantined events'),
  ).action(async (flags: StoreFlags) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      const head = await platform.events.head();
      const open = await platform.projections.quarantine.countOpen();
      const lag = await platform.projections.lag();
      for (const p of platform.projections.projections) {
        const s = await platform.projections.status(p.name);
        const quarantined = open.get(p.name) ?? 0;
        const behind = lag.get(p.name);
        console.log(
          `${p.name.padEnd(24)} v${p.version}  at ${s?.position ?? '0'} of ${head}${behind && behind.positions > 0 ? ` (oldest unapplied event ${Math.round(behind.seconds)} s old)` : ''}${s && s.version !== p.version ? ` (stored v${s.version}: rebuilt at next start)` : ''}${quarantined > 0 ? `  ${quarantined} quarantined (openpcs projections quarantine)` : ''}`,
        );
      }
    });
  });
  const rebuild = withStoreOptions(
    new Command('rebuild')
      .description('empty read models and rebuild them from every event')
      .argument('[names...]', 'projection names (default: all)'),
  ).action(async (names: string[], flags: StoreFlags) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      for (const name of checkNames(platform, names)) {
        console.log(`${name}: rebuilt from ${await platform.projections.rebuild(name)} event(s)`);
      }
    });
  });
  const quarantine = withStoreOptions(
    new Command('quarantine')
      .description('events a read model could not apply (skipped, kept with the reason until a retry applies them)')
      .option('--projection <name...>', 'only these projections')
      .option('--all', 'also the events a retry or rebuild applied since'),
  ).action(async (flags: StoreFlags & { projection?: string[]; all?: boolean }) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      const lines = await quarantineLines(platform, { projections: flags.projection ?? [], all: flags.all ?? false });
      for (const line of lines) console.log(line);
    });
  });
  const retry = withStoreOptions(
    new Command('retry')
      .description('apply quarantined events again (after a fix); those that apply now leave the quarantine')
      .option('--projection <name...>', 'only these projections'),
  ).action(async (flags: StoreFlags & { projection?: string[] }) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      const { lines, failed } = await retryQuarantinedLines(platform, flags.projection ?? []);
      for (const line of lines) console.log(line);
      if (failed > 0) throw new CliError(`${failed} quarantined event(s) still fail`);
    });
  });
  return new Command('projections')
    .description('read models built from events')
    .addCommand(status)
    .addCommand(rebuild)
    .addCommand(quarantine)
    .addCommand(retry);
}
