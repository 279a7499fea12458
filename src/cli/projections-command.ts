import { Command } from 'commander';
import { CliError, resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';

type StoreFlags = { dataDir?: string; databaseUrl?: string };

/** `openpcs projections status|rebuild` — read models and their checkpoints. */
export function projectionsCommand(): Command {
  const status = withStoreOptions(
    new Command('status').description('each read model, its version and how far it has read'),
  ).action(async (flags: StoreFlags) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      const head = await platform.events.head();
      for (const p of platform.projections.projections) {
        const s = await platform.projections.status(p.name);
        console.log(
          `${p.name.padEnd(24)} v${p.version}  at ${s?.position ?? '0'} of ${head}${s && s.version !== p.version ? ` (stored v${s.version}: rebuilt at next start)` : ''}`,
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
      const known = platform.projections.projections.map((p) => p.name);
      const chosen = names.length > 0 ? names : known;
      const unknown = chosen.filter((n) => !known.includes(n));
      if (unknown.length > 0) {
        throw new CliError(`unknown projection(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
      }
      for (const name of chosen) {
        console.log(`${name}: rebuilt from ${await platform.projections.rebuild(name)} event(s)`);
      }
    });
  });
  return new Command('projections').description('read models built from events').addCommand(status).addCommand(rebuild);
}
