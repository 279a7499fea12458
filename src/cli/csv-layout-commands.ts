/**
 * `openpcs orgs set-layout|show-layout`: an organisation's declared CSV layouts (docs/csv-layouts.md), on the
 * server's store. Each set-layout stores a new version; show-layout prints the current one or an older one.
 */
import { Command } from 'commander';
import { CSV_LAYOUT_FORMATS } from '../ingest/csv/csv-layout-columns.js';
import { CliError, resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';
import { readCsvLayoutFile } from './csv-layout-file.js';
import { integerOption } from './integer-option.js';
import type { Platform } from '../platform.js';

type StoreFlags = { dataDir?: string; databaseUrl?: string };

async function checkOrgAndFormat(platform: Platform, org: string, format: string): Promise<void> {
  if (!(await platform.organisations.get(org))) {
    throw new CliError(`organisation "${org}" does not exist (openpcs orgs create)`);
  }
  if (!CSV_LAYOUT_FORMATS.includes(format)) {
    throw new CliError(`"${format}" takes no layout; layouts are for ${CSV_LAYOUT_FORMATS.join(', ')}`);
  }
}

export function setLayoutCommand(): Command {
  return withStoreOptions(
    new Command('set-layout')
      .description(
        "store a new version of an organisation's CSV layout for one format: its column names, value maps, date formats, row splitting",
      )
      .argument('<org>', 'organisation id (openpcs orgs list)')
      .argument('<format>', `CSV format: ${CSV_LAYOUT_FORMATS.join(', ')}`)
      .requiredOption(
        '--file <layout.json>',
        'the layout, as JSON (see docs/csv-layouts.md for the keys and an example)',
      )
      .addHelpText(
        'after',
        '\nTry it on an export first, storing nothing:\n  openpcs ingest --dry-run -f <format> --layout <layout.json> export.csv\nThe layout applies to messages processed from now on; "openpcs replay" reads dead letters again with it.',
      ),
  ).action(async (org: string, format: string, flags: StoreFlags & { file: string }) => {
    const layout = await readCsvLayoutFile(flags.file, format);
    await withPlatform(resolveEnv(flags), async (platform) => {
      await checkOrgAndFormat(platform, org, format);
      const stored = await platform.csvLayouts.add(org, format, layout, 'local');
      await platform.audit.record({
        orgId: 'local',
        apiKeyId: null,
        action: 'organisation.csv-layout',
        resource: `cli:orgs/${org}/csv-layouts/${format}`,
        detail: { version: stored.version },
      });
      console.log(`${org} ${format}: layout version ${stored.version} stored`);
    });
  });
}

export function showLayoutCommand(): Command {
  return withStoreOptions(
    new Command('show-layout')
      .description("print an organisation's CSV layout for one format (JSON), and list its versions")
      .argument('<org>', 'organisation id')
      .argument('<format>', `CSV format: ${CSV_LAYOUT_FORMATS.join(', ')}`)
      .option('--layout-version <n>', 'an earlier version (default: the current one)', integerOption({ min: 1 })),
  ).action(async (org: string, format: string, flags: StoreFlags & { layoutVersion?: number }) => {
    const version = flags.layoutVersion;
    await withPlatform(resolveEnv(flags), async (platform) => {
      await checkOrgAndFormat(platform, org, format);
      const stored = await platform.csvLayouts.get(org, format, version);
      if (!stored) {
        throw new CliError(`${org} has ${version === undefined ? 'no layout' : `no version ${version}`} for ${format}`);
      }
      const versions = await platform.csvLayouts.versions(org, format);
      console.error(
        `${org} ${format}: version ${stored.version} of ${versions.length} (${stored.createdAt}${stored.createdBy ? ` by ${stored.createdBy}` : ''})`,
      );
      console.log(JSON.stringify(stored.layout, null, 2));
    });
  });
}
