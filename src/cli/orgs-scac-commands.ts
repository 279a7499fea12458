/**
 * `openpcs orgs set-scacs <org> <scacs…>` and `openpcs orgs scacs <org>` — the carrier SCACs an organisation speaks
 * for (the CLI side of `PUT`/`GET /admin/organisations/{id}/scacs`; the local operator may, as the port authority
 * may). A carrier sends empty-return receivables only for these (access/carrier-scacs.ts).
 */
import { Command } from 'commander';
import { validateScac } from '../domain/identifiers/scac.js';
import { CliError, resolveEnv, withPlatform, withStoreOptions, type StoreFlags } from './cli-context.js';

export function setScacsCommand(): Command {
  return withStoreOptions(
    new Command('set-scacs')
      .description(
        'set the carrier SCACs (NMFTA, 2-4 letters) a carrier organisation speaks for; it sends empty-return receivables only for these',
      )
      .argument('<org>', 'organisation id (role carrier)')
      .argument('[scacs...]', 'SCACs, e.g. MAEU SEAU; the list replaces the current one')
      .option('--none', 'clear the links: the organisation then states no receivable'),
  ).action(async (org: string, scacs: string[], flags: StoreFlags & { none?: boolean }) => {
    if (scacs.length === 0 && !flags.none) throw new CliError('give the SCACs, or --none to clear the links');
    if (scacs.length > 0 && flags.none) throw new CliError('give the SCACs or --none, not both');
    const checked = scacs.map(validateScac);
    const bad = scacs.filter((_, i) => !checked[i]!.ok);
    if (bad.length > 0) throw new CliError(`not a SCAC (2-4 letters): ${bad.join(', ')}`);
    const wanted = scacs.map((s) => s.trim().toUpperCase());
    await withPlatform(resolveEnv(flags), async (platform) => {
      const found = await platform.organisations.get(org);
      if (!found) throw new CliError(`organisation "${org}" does not exist (openpcs orgs create)`);
      if (found.role !== 'carrier' && wanted.length > 0) {
        throw new CliError(`organisation "${org}" has the role ${found.role}; only a carrier organisation has SCACs`);
      }
      const links = await platform.carrierScacs.replace(org, wanted, 'local');
      if ('taken' in links) {
        throw new CliError(
          `already linked to another organisation: ${links.taken.map((t) => `${t.scac} (${t.orgId})`).join(', ')}`,
        );
      }
      await platform.audit.record({
        orgId: 'local',
        apiKeyId: null,
        action: 'organisation.scacs',
        resource: `cli:orgs/${org}/scacs`,
        detail: { scacs: links.map((l) => l.scac) },
      });
      console.log(`${org} speaks for ${links.length > 0 ? links.map((l) => l.scac).join(', ') : 'no SCAC'}`);
    });
  });
}

export function scacsCommand(): Command {
  return withStoreOptions(
    new Command('scacs')
      .description('list the carrier SCACs an organisation speaks for')
      .argument('<org>', 'organisation id'),
  ).action(async (org: string, flags: StoreFlags) => {
    await withPlatform(resolveEnv(flags), async (platform) => {
      if (!(await platform.organisations.get(org))) {
        throw new CliError(`organisation "${org}" does not exist (openpcs orgs create)`);
      }
      const links = await platform.carrierScacs.list(org);
      if (links.length === 0) console.log(`${org} speaks for no SCAC`);
      for (const l of links) console.log(`${l.scac.padEnd(5)} (linked ${l.linkedAt} by ${l.linkedBy ?? '?'})`);
    });
  });
}
