/**
 * `openpcs alerts rules add|list|delete`, `openpcs alerts list` — an organisation's alert rules and alerts
 * (docs/alerts.md), on the local store as the local operator, like `openpcs orgs`; members use `/alerts` over the
 * API with their key. Each change is recorded in the audit log.
 */
import { Command, Option } from 'commander';
import { ALERT_RULE_KINDS, storedRule, type AlertRuleKind } from '../domain/alerts/alert-rule.js';
import { APPOINTMENT_TRANSACTION_TYPES } from '../domain/cargo-event-codes.js';
import { CliError, resolveEnv, withPlatform, withStoreOptions, type StoreFlags } from './cli-context.js';
import { integerOption } from './integer-option.js';

interface AddFlags extends StoreFlags {
  org: string;
  kind: AlertRuleKind;
  location?: string;
  scac?: string;
  isoType?: string;
  terminal?: string;
  transactionType?: string;
  from?: string;
  to?: string;
  container?: string;
  callbackUrl?: string;
  secret?: string;
}

function parametersOf(flags: AddFlags): Record<string, unknown> {
  switch (flags.kind) {
    case 'empty-capacity-zero':
    case 'empty-capacity-reopened':
      return { locationCode: flags.location, carrierScac: flags.scac, isoEquipmentCode: flags.isoType };
    case 'appointment-slots-free':
      return { terminal: flags.terminal, transactionType: flags.transactionType, from: flags.from, to: flags.to };
    case 'container-available':
    case 'hold-set':
    case 'hold-released':
    case 'last-free-day-tomorrow':
      return { equipmentReference: flags.container };
  }
}

const NEEDS: Readonly<Record<string, string>> = {
  'empty-capacity-zero': '--location, --scac and --iso-type',
  'empty-capacity-reopened': '--location, --scac and --iso-type',
  'appointment-slots-free': '--terminal, --transaction-type, --from and --to',
};

/** The store's side, loaded when a command runs: building the command tree (`--help`) needs none of it. */
const repository = () => import('../store/alert-repository.js');

export function alertsCommand(): Command {
  const add = withStoreOptions(
    new Command('add')
      .description('add an alert rule for an organisation (changes after now count; see docs/alerts.md)')
      .requiredOption('--org <id>', 'organisation the rule belongs to')
      .addOption(new Option('--kind <kind>', 'condition').choices(ALERT_RULE_KINDS).makeOptionMandatory())
      .option('--location <code>', 'empty-return location (terminal or depot code)')
      .option('--scac <scac>', 'carrier SCAC')
      .option('--iso-type <code>', 'ISO 6346 size/type, e.g. 45G1')
      .option('--terminal <code>', 'terminal SMDG code (appointment slots)')
      .addOption(new Option('--transaction-type <type>', 'appointment type').choices(APPOINTMENT_TRANSACTION_TYPES))
      .option('--from <instant>', 'window start, ISO 8601 (slots starting at or after it)')
      .option('--to <instant>', 'window end, ISO 8601 (exclusive)')
      .option('--container <ref>', 'container number (container kinds)')
      .option('--callback-url <url>', 'webhook receiving each alert, signed')
      .option('--secret <base64>', 'shared secret of the webhook signature (32–1024 bytes, base64)'),
  ).action(async (flags: AddFlags) => {
    const rule = storedRule(flags.kind, parametersOf(flags));
    if (rule === null) throw new CliError(`--kind ${flags.kind} needs ${NEEDS[flags.kind] ?? '--container'}`);
    if (rule.kind === 'appointment-slots-free') {
      const span = Date.parse(rule.parameters.to) - Date.parse(rule.parameters.from);
      if (!(span > 0 && span <= 31 * 86_400_000)) throw new CliError('--from/--to: a window of at most 31 days');
    }
    if ((flags.callbackUrl === undefined) !== (flags.secret === undefined)) {
      throw new CliError('--callback-url and --secret go together');
    }
    const secret = flags.secret === undefined ? null : Buffer.from(flags.secret, 'base64');
    if (secret !== null && (secret.length < 32 || secret.length > 1024)) {
      throw new CliError('--secret must decode to 32–1024 bytes');
    }
    await withPlatform(resolveEnv(flags), async (platform) => {
      if (!(await platform.organisations.get(flags.org))) {
        throw new CliError(`organisation "${flags.org}" does not exist (openpcs orgs create)`);
      }
      if (flags.callbackUrl !== undefined) {
        if (!URL.canParse(flags.callbackUrl)) throw new CliError('--callback-url is not a URL');
        const refusal = await platform.callbacks.refusal(new URL(flags.callbackUrl));
        if (refusal !== null) throw new CliError(`--callback-url refused: ${refusal}`);
      }
      const { AlertRepository } = await repository();
      const row = await new AlertRepository(platform.database.db).createRule({
        orgId: flags.org,
        rule,
        callback: flags.callbackUrl !== undefined && secret !== null ? { url: flags.callbackUrl, secret } : null,
        startSeq: await platform.events.head(),
      });
      await platform.audit.record({
        orgId: 'local',
        apiKeyId: null,
        action: 'alert-rule.create',
        resource: `cli:alerts/rules/${row.id}`,
        detail: { org: flags.org, kind: row.kind },
      });
      console.log(row.id);
    });
  });

  const listRules = withStoreOptions(
    new Command('list')
      .description("an organisation's active alert rules")
      .requiredOption('--org <id>', 'organisation'),
  ).action(async (flags: StoreFlags & { org: string }) => {
    const { AlertRepository } = await repository();
    await withPlatform(resolveEnv(flags), async (platform) => {
      for (const r of await new AlertRepository(platform.database.db).rules(flags.org, 10_000)) {
        console.log(
          `${r.id} ${r.kind.padEnd(24)} ${JSON.stringify(r.parameters)} ${r.callback_url ?? '(stream only)'}`,
        );
      }
    });
  });

  const remove = withStoreOptions(
    new Command('delete')
      .description('stop an alert rule (its alerts stay)')
      .argument('<ruleId>')
      .requiredOption('--org <id>', 'organisation the rule belongs to'),
  ).action(async (ruleId: string, flags: StoreFlags & { org: string }) => {
    const { AlertRepository } = await repository();
    await withPlatform(resolveEnv(flags), async (platform) => {
      if (!(await new AlertRepository(platform.database.db).deleteRule(ruleId, flags.org))) {
        throw new CliError(`organisation "${flags.org}" has no active alert rule ${ruleId}`);
      }
      await platform.audit.record({
        orgId: 'local',
        apiKeyId: null,
        action: 'alert-rule.delete',
        resource: `cli:alerts/rules/${ruleId}`,
        detail: { org: flags.org },
      });
      console.log(`stopped alert rule ${ruleId}`);
    });
  });

  const list = withStoreOptions(
    new Command('list')
      .description("an organisation's alerts, newest first, one JSON object a line")
      .requiredOption('--org <id>', 'organisation')
      .option('--limit <n>', 'how many', integerOption({ min: 1, max: 10_000 }), 100),
  ).action(async (flags: StoreFlags & { org: string; limit: number }) => {
    const { AlertRepository, alertMessage } = await repository();
    await withPlatform(resolveEnv(flags), async (platform) => {
      for (const a of await new AlertRepository(platform.database.db).alerts(flags.org, flags.limit)) {
        console.log(JSON.stringify(alertMessage(a)));
      }
    });
  });

  return new Command('alerts')
    .description('alert rules and alerts of an organisation (docs/alerts.md)')
    .addCommand(
      new Command('rules').description('alert rules').addCommand(add).addCommand(listRules).addCommand(remove),
    )
    .addCommand(list);
}
