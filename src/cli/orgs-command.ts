import { Command, Option } from 'commander';
import { ROLES, SCOPES, type Role, type Scope } from '../access/roles.js';
import { VISIBILITIES } from '../domain/canonical-event.js';
import { isValidTimeZone } from '../domain/zoned-time.js';
import { CliError, resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';
import { setLayoutCommand, showLayoutCommand } from './csv-layout-commands.js';
import { scacsCommand, setScacsCommand } from './orgs-scac-commands.js';
import { loadTerminalRegistry } from '../geo/load-terminal-registry.js';

type StoreFlags = { dataDir?: string; databaseUrl?: string };

/** `openpcs orgs create|list` — organisations of the community. */
export function orgsCommand(): Command {
  const create = withStoreOptions(
    new Command('create')
      .description('register an organisation')
      .argument('<id>', 'organisation id: lower-case letters, digits, . _ - (e.g. wbct, maeu, acme-logistics)')
      .requiredOption('--name <name>', 'display name')
      .addOption(new Option('--role <role>', 'community role').choices(ROLES).makeOptionMandatory()),
  ).action(async (id: string, flags: StoreFlags & { name: string; role: Role }) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      if (!/^[a-z0-9][a-z0-9._-]{0,62}$/.test(id)) {
        throw new CliError(`invalid organisation id "${id}": use a-z, 0-9, . _ -`);
      }
      if (await platform.organisations.get(id)) throw new CliError(`organisation "${id}" already exists`);
      await platform.organisations.create(id, flags.name, flags.role);
      await platform.audit.record({
        orgId: 'local',
        apiKeyId: null,
        action: 'organisation.create',
        resource: `cli:orgs/${id}`,
        detail: { role: flags.role },
      });
      console.log(`created organisation ${id} (${flags.role})`);
    });
  });
  const list = withStoreOptions(new Command('list').description('list organisations')).action(
    async (flags: StoreFlags) => {
      await withPlatform(resolveEnv(flags), async (platform) => {
        for (const o of await platform.organisations.list()) {
          console.log(`${o.id.padEnd(24)} ${o.role.padEnd(16)} ${o.name}`);
        }
      });
    },
  );
  const setFormat = withStoreOptions(
    new Command('set-format')
      .description(
        "set an organisation's defaults for one ingest format, used when an ingest gives none (--time-zone on the ingest still wins)",
      )
      .argument('<org>', 'organisation id')
      .argument('<format>', 'message format id (openpcs formats)')
      .option(
        '--time-zone <zone>',
        'IANA zone of zone-less date-times in its messages of this format ("none" clears it)',
      )
      .addOption(
        new Option('--visibility <who>', 'visibility of what it sends in this format ("none" clears it)').choices([
          ...VISIBILITIES,
          'none',
        ]),
      ),
  ).action(async (org: string, format: string, flags: StoreFlags & { timeZone?: string; visibility?: string }) => {
    if (flags.timeZone === undefined && flags.visibility === undefined) {
      throw new CliError('give --time-zone and/or --visibility');
    }
    const timeZone = flags.timeZone === 'none' ? null : flags.timeZone;
    if (typeof timeZone === 'string' && !isValidTimeZone(timeZone)) {
      throw new CliError(`--time-zone "${timeZone}" is not an IANA time zone (e.g. UTC, America/Los_Angeles)`);
    }
    const visibility = flags.visibility === 'none' ? null : VISIBILITIES.find((v) => v === flags.visibility);
    await withPlatform(resolveEnv(flags), async (platform) => {
      if (!(await platform.organisations.get(org))) {
        throw new CliError(`organisation "${org}" does not exist (openpcs orgs create)`);
      }
      if (!platform.parsers.get(format)) {
        throw new CliError(`unknown format "${format}"; known formats: ${platform.parsers.formats().join(', ')}`);
      }
      const saved = await platform.formatSettings.set(org, format, { timeZone, visibility, updatedBy: 'local' });
      await platform.audit.record({
        orgId: 'local',
        apiKeyId: null,
        action: 'organisation.format-setting',
        resource: `cli:orgs/${org}/formats/${format}`,
        detail: { timeZone: saved.timeZone, visibility: saved.visibility },
      });
      console.log(
        `${org} ${format}: time zone ${saved.timeZone ?? '(not set)'}, visibility ${saved.visibility ?? '(not set)'}`,
      );
    });
  });
  return new Command('orgs')
    .description('manage organisations')
    .addCommand(create)
    .addCommand(list)
    .addCommand(setFormat)
    .addCommand(setTerminalsCommand())
    .addCommand(terminalsCommand())
    .addCommand(setScacsCommand())
    .addCommand(scacsCommand())
    .addCommand(setLayoutCommand())
    .addCommand(showLayoutCommand());
}

/**
 * `openpcs orgs set-terminals <org> <codes…>` — the terminals an organisation operates (the CLI side of
 * `PUT /admin/organisations/{id}/terminals`; the local operator may, as the port authority may).
 */
function setTerminalsCommand(): Command {
  return withStoreOptions(
    new Command('set-terminals')
      .description(
        'set the terminals (SMDG codes, openpcs GET /terminals) a terminal organisation operates; it states availability, last free days and moves only at these',
      )
      .argument('<org>', 'organisation id (role terminal)')
      .argument('[codes...]', 'SMDG codes, e.g. WBCT YUSEN; the list replaces the current one')
      .option('--none', 'clear the links: the organisation then states nothing at any terminal'),
  ).action(async (org: string, codes: string[], flags: StoreFlags & { none?: boolean }) => {
    if (codes.length === 0 && !flags.none) throw new CliError('give the SMDG codes, or --none to clear the links');
    if (codes.length > 0 && flags.none) throw new CliError('give the SMDG codes or --none, not both');
    const registry = loadTerminalRegistry();
    const wanted = codes.map((c) => c.trim().toUpperCase());
    const unknown = wanted.filter((c) => !registry.byCode(c));
    if (unknown.length > 0) {
      throw new CliError(
        `not a terminal of the registry: ${unknown.join(', ')}; known: ${registry.terminals.map((t) => t.smdgCode).join(', ')}`,
      );
    }
    await withPlatform(resolveEnv(flags), async (platform) => {
      const found = await platform.organisations.get(org);
      if (!found) throw new CliError(`organisation "${org}" does not exist (openpcs orgs create)`);
      if (found.role !== 'terminal' && wanted.length > 0) {
        throw new CliError(
          `organisation "${org}" has the role ${found.role}; only a terminal organisation operates terminals`,
        );
      }
      const links = await platform.operatedTerminals.replace(org, wanted, 'local');
      await platform.audit.record({
        orgId: 'local',
        apiKeyId: null,
        action: 'organisation.terminals',
        resource: `cli:orgs/${org}/terminals`,
        detail: { terminals: links.map((l) => l.terminalCode) },
      });
      console.log(`${org} operates ${links.length > 0 ? links.map((l) => l.terminalCode).join(', ') : 'no terminal'}`);
    });
  });
}

/** `openpcs orgs terminals <org>` — the terminals an organisation operates. */
function terminalsCommand(): Command {
  return withStoreOptions(
    new Command('terminals')
      .description('list the terminals an organisation operates')
      .argument('<org>', 'organisation id'),
  ).action(async (org: string, flags: StoreFlags) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      if (!(await platform.organisations.get(org))) {
        throw new CliError(`organisation "${org}" does not exist (openpcs orgs create)`);
      }
      const registry = loadTerminalRegistry();
      const links = await platform.operatedTerminals.list(org);
      if (links.length === 0) console.log(`${org} operates no terminal`);
      for (const l of links) {
        const t = registry.byCode(l.terminalCode);
        console.log(
          `${l.terminalCode.padEnd(8)} ${(t?.unLocode ?? '').padEnd(6)} ${t?.name ?? ''}  (linked ${l.linkedAt} by ${l.linkedBy ?? '?'})`,
        );
      }
    });
  });
}

/** `openpcs keys create|list|revoke` — API keys (secrets shown once, stored hashed). */
export function keysCommand(): Command {
  const create = withStoreOptions(
    new Command('create')
      .description('create an API key for an organisation; the key is printed once')
      .argument('<org>', 'organisation id')
      .option('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`, 'read')
      .option('--label <text>', 'what the key is for'),
  ).action(async (org: string, flags: StoreFlags & { scopes: string; label?: string }) => {
    const scopes = flags.scopes.split(',').map((s) => s.trim());
    const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (bad.length > 0) throw new CliError(`unknown scope(s) ${bad.join(', ')}; use ${SCOPES.join(', ')}`);
    await withPlatform(resolveEnv(flags), async (platform) => {
      if (!(await platform.organisations.get(org))) {
        throw new CliError(`organisation "${org}" does not exist (openpcs orgs create)`);
      }
      const created = await platform.organisations.createKey(org, scopes as Scope[], flags.label ?? null);
      await platform.audit.record({
        orgId: 'local',
        apiKeyId: null,
        action: 'api-key.create',
        resource: `cli:keys/${created.keyId}`,
        detail: { org, scopes },
      });
      console.error(
        `created key ${created.keyId} for ${org} (${scopes.join(',')}); store it now, it is not shown again:`,
      );
      console.log(created.key);
    });
  });
  const list = withStoreOptions(
    new Command('list').description('list keys (never their secrets)').argument('[org]', 'only this organisation'),
  ).action(async (org: string | undefined, flags: StoreFlags) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      for (const k of await platform.organisations.listKeys(org)) {
        console.log(
          `${k.id}  ${k.org_id.padEnd(20)} ${k.scopes.join(',').padEnd(18)} ${k.revoked_at ? `revoked ${k.revoked_at.toISOString()}` : 'active'}  ${k.label ?? ''}`,
        );
      }
    });
  });
  const revoke = withStoreOptions(
    new Command('revoke').description('revoke a key now').argument('<keyId>', 'key id (12 hex digits, see keys list)'),
  ).action(async (keyId: string, flags: StoreFlags) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      if (!(await platform.organisations.revokeKey(keyId))) throw new CliError(`no active key ${keyId}`);
      await platform.audit.record({
        orgId: 'local',
        apiKeyId: null,
        action: 'api-key.revoke',
        resource: `cli:keys/${keyId}`,
      });
      console.log(`revoked key ${keyId}`);
    });
  });
  return new Command('keys').description('manage API keys').addCommand(create).addCommand(list).addCommand(revoke);
}
