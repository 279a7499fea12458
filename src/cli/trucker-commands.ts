/**
 * The trucker's and cargo owner's answers on the command line (issue 13, docs/truckers.md), as a client of a
 * running server with the organisation's API key (api-client.ts): `openpcs appointments list|outcomes|slots`,
 * `openpcs empty-returns`, `openpcs containers`, `openpcs fees`, `openpcs notices`. Each prints a table for people
 * (every record with its as-of time and source), `--json` the server's answer as it came, and the lists `--csv`.
 */
import { Command, Option } from 'commander';
import { z } from 'zod';
import { AppointmentOutcomesSchema, AppointmentSchema, type Appointment } from '../api/cargo/appointment-schema.js';
import { ContainerSummarySchema, type ContainerSummary } from '../api/cargo/container-schema.js';
import { FeesResponseSchema } from '../api/cargo/fee-schema.js';
import {
  EmptyReturnAnswerSchema,
  NoticeSchema,
  SlotSchema,
  type NoticeView,
} from '../api/cargo/terminal-feed-schema.js';
import { APPOINTMENT_OUTCOMES } from '../domain/appointments/appointment-outcome.js';
import { APPOINTMENT_TRANSACTION_TYPES } from '../domain/cargo-event-codes.js';
import { ApiClient, withApiOptions, type ApiFlags, type Query } from './api-client.js';
import { CliError } from './cli-context.js';
import { EXIT_USAGE } from './exit-codes.js';
import { integerOption } from './integer-option.js';

interface OutputFlags {
  readonly json?: boolean;
  readonly csv?: boolean;
}

const jsonOption = () => new Option('--json', "print the server's JSON answer as it came");
const csvOption = () => new Option('--csv', 'print CSV (every page, one header)').conflicts('json');
const limitOption = () =>
  new Option('--limit <n>', 'at most this many records (pages are followed)')
    .argParser(integerOption({ min: 1, max: 100_000 }))
    .default(1000);

/** Aligned columns, the first row a header. */
function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

const dash = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '-' : String(value);

function sourceText(source: { organisation: string; inboxId: string | null }): string {
  return source.inboxId === null ? source.organisation : `${source.organisation} (inbox ${source.inboxId})`;
}

function noticeLine(n: NoticeView): string {
  const scope = [n.terminal ?? 'port', n.carrierScac, n.isoType].filter((p) => p !== null).join(' ');
  return `${n.noticeType} ${scope} ${n.validFrom} → ${n.validTo ?? 'further notice'}: ${n.text}`;
}

function moreNote(more: boolean, limit: number): void {
  if (more) process.stderr.write(`openpcs: more than ${limit} records; showing the first ${limit} (--limit)\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// appointments

interface AppointmentListFlags extends ApiFlags, OutputFlags {
  terminal?: string;
  truckingCompany?: string;
  outcome?: string;
  from?: string;
  to?: string;
  limit: number;
}

const AppointmentPage = z
  .object({ appointments: z.array(AppointmentSchema), nextCursor: z.string().nullable() })
  .transform((p) => ({ items: p.appointments, nextCursor: p.nextCursor }));

function appointmentRows(list: readonly Appointment[]): string[][] {
  return [
    ['TERMINAL', 'APPOINTMENT', 'TRUCKER', 'SLOT START', 'SLOT END', 'OUTCOME', 'GATE IN', 'VISIT', 'AS OF', 'SOURCE'],
    ...list.map((a) => [
      a.terminalCode,
      a.appointmentId,
      a.truckingCompany,
      a.slotStart,
      a.slotEnd,
      a.minutesOutsideSlot !== null && a.minutesOutsideSlot !== 0
        ? `${a.outcome} (${a.minutesOutsideSlot > 0 ? '+' : ''}${a.minutesOutsideSlot} min)`
        : a.outcome,
      dash(a.gateInAt),
      dash(a.visitId),
      a.asOf,
      sourceText(a.source),
    ]),
  ];
}

function appointmentsCommand(): Command {
  const list = withApiOptions(
    new Command('list')
      .description('your truck appointments, each with the visit that used it and whether it was kept')
      .option('--terminal <code>', 'one terminal (SMDG code)')
      .option('--trucking-company <scac>', 'one trucking company (you still see only yours)')
      .addOption(new Option('--outcome <outcome>', 'only this outcome').choices(APPOINTMENT_OUTCOMES))
      .option('--from <instant>', 'slots starting at or after it (ISO 8601)')
      .option('--to <instant>', 'slots starting before it (ISO 8601)')
      .addOption(limitOption())
      .addOption(jsonOption())
      .addOption(csvOption()),
  ).action(async (flags: AppointmentListFlags) => {
    const client = new ApiClient(flags);
    const query: Query = {
      terminal: flags.terminal,
      truckingCompany: flags.truckingCompany,
      outcome: flags.outcome,
      from: flags.from,
      to: flags.to,
    };
    if (flags.csv === true) {
      const { csv, more } = await client.csvPages('/appointments', query, flags.limit);
      print(csv);
      moreNote(more, flags.limit);
      return;
    }
    const { items, more } = await client.allPages('/appointments', query, AppointmentPage, flags.limit);
    print(flags.json === true ? JSON.stringify({ appointments: items }, null, 2) : table(appointmentRows(items)));
    moreNote(more, flags.limit);
  });

  const outcomes = withApiOptions(
    new Command('outcomes')
      .description('how your appointments went over a period (default the last 7 days): counts and rates per terminal')
      .option('--terminal <code>', 'one terminal (SMDG code)')
      .option('--trucking-company <scac>', 'one trucking company')
      .option('--from <instant>', 'start of the period (ISO 8601)')
      .option('--to <instant>', 'end of the period, exclusive (ISO 8601; at most 92 days after --from)')
      .addOption(jsonOption()),
  ).action(async (flags: AppointmentListFlags) => {
    const client = new ApiClient(flags);
    const query = { terminal: flags.terminal, truckingCompany: flags.truckingCompany, from: flags.from, to: flags.to };
    const answer = await client.getJson('/appointments/outcomes', query, AppointmentOutcomesSchema);
    if (flags.json === true) {
      print(JSON.stringify(answer, null, 2));
      return;
    }
    const rate = (r: number | null) => (r === null ? '-' : `${(r * 100).toFixed(1)}%`);
    const row = (name: string, s: (typeof answer)['total']) => [
      name,
      String(s.appointments),
      ...(['kept', 'early', 'late', 'no-show', 'cancelled'] as const).map((o) => String(s.byOutcome[o] ?? 0)),
      rate(s.noShowRate),
      rate(s.onTimeRate),
    ];
    print(
      `appointments with slots from ${answer.from} to ${answer.to} (grace ${answer.graceMinutes} min), as of ${dash(answer.asOf)}` +
        (answer.truncated ? ' (truncated: only the first 50,000 counted)' : ''),
    );
    print(
      table([
        ['TERMINAL', 'TOTAL', 'KEPT', 'EARLY', 'LATE', 'NO-SHOW', 'CANCELLED', 'NO-SHOW RATE', 'ON-TIME RATE'],
        ...answer.byTerminal.map((t) => row(t.terminalCode, t)),
        row('all', answer.total),
      ]),
    );
  });

  const slots = withApiOptions(
    new Command('slots')
      .description('appointment availability: slots per terminal and type with capacity, booked and free')
      .option('--terminal <code>', 'one terminal (SMDG code)')
      .addOption(new Option('--type <type>', 'transaction type').choices(APPOINTMENT_TRANSACTION_TYPES))
      .option('--from <instant>', 'start of the window (ISO 8601; default now)')
      .option('--to <instant>', 'end of the window (ISO 8601; default --from + 24 h, at most 7 days)')
      .addOption(jsonOption()),
  ).action(async (flags: ApiFlags & OutputFlags & { terminal?: string; type?: string; from?: string; to?: string }) => {
    const client = new ApiClient(flags);
    const answer = await client.getJson(
      '/appointments/availability',
      { terminal: flags.terminal, type: flags.type, from: flags.from, to: flags.to },
      z.object({ slots: z.array(SlotSchema), truncated: z.boolean() }),
    );
    if (flags.json === true) {
      print(JSON.stringify(answer, null, 2));
      return;
    }
    print(
      table([
        ['TERMINAL', 'TYPE', 'SLOT START', 'SLOT END', 'CAPACITY', 'BOOKED', 'FREE', 'AS OF', 'SOURCE', 'NOTICES'],
        ...answer.slots.map((s) => [
          s.terminal,
          s.transactionType,
          s.slotStart,
          s.slotEnd,
          String(s.capacity),
          String(s.booked),
          String(s.free),
          s.stale ? `${s.asOf} STALE` : s.asOf,
          sourceText(s.source),
          s.notices.map((n) => n.noticeType).join(',') || '-',
        ]),
      ]),
    );
    if (answer.truncated) process.stderr.write('openpcs: more than 10,000 slots; narrow --from/--to\n');
  });

  return new Command('appointments')
    .description('your appointments and their outcomes, and appointment availability (a running server, --key)')
    .addCommand(list)
    .addCommand(outcomes)
    .addCommand(slots);
}

// ---------------------------------------------------------------------------------------------------------------
// empty returns

function emptyReturnsCommand(): Command {
  return withApiOptions(
    new Command('empty-returns')
      .description('where an empty of a carrier and ISO size/type can be returned now, with the next free appointment')
      .requiredOption('--scac <scac>', 'the carrier that owns the box, e.g. MAEU')
      .requiredOption('--iso <code>', 'ISO 6346 size/type, e.g. 45G1')
      .option('--at <instant>', 'ask about another instant (ISO 8601; default now)')
      .addOption(jsonOption()),
  ).action(async (flags: ApiFlags & OutputFlags & { scac: string; iso: string; at?: string }) => {
    const client = new ApiClient(flags);
    const answer = await client.getJson(
      '/empty-returns',
      { scac: flags.scac, isoType: flags.iso, at: flags.at },
      EmptyReturnAnswerSchema,
    );
    if (flags.json === true) {
      print(JSON.stringify(answer, null, 2));
      return;
    }
    print(`${answer.scac} ${answer.isoType} empties at ${answer.at}:`);
    if (answer.locations.length === 0) print('no location takes it now');
    else {
      print(
        table([
          ['LOCATION', 'TYPE', 'ROOM', 'NEXT FREE SLOT', 'FREE', 'AS OF', 'SOURCE'],
          ...answer.locations.map((l) => [
            l.location,
            l.locationType,
            dash(l.remainingCapacity),
            l.nextSlot === null ? 'none stated' : `${l.nextSlot.slotStart} → ${l.nextSlot.slotEnd}`,
            l.nextSlot === null ? '-' : String(l.nextSlot.free),
            l.stale ? `${l.asOf} STALE` : l.asOf,
            // The room is the smaller of the location's and the carrier's figures: say when it is the carrier's.
            l.statedBy === 'CARRIER' ? `${sourceText(l.source)} (carrier)` : sourceText(l.source),
          ]),
        ]),
      );
      for (const l of answer.locations) for (const n of l.notices) print(`  ${l.location}: ${noticeLine(n)}`);
    }
    if (answer.closed.length > 0) {
      print('not taking it now:');
      for (const c of answer.closed) {
        const by = c.statedBy === 'CARRIER' ? ' (carrier)' : '';
        print(`  ${c.location}  ${c.reason}${by}  as of ${c.asOf}  ${sourceText(c.source)}`);
        for (const n of c.notices) print(`    ${noticeLine(n)}`);
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// containers

const ContainerPage = z
  .object({ containers: z.array(ContainerSummarySchema), nextCursor: z.string().nullable() })
  .transform((p) => ({ items: p.containers, nextCursor: p.nextCursor }));

function lastFreeDayText(c: ContainerSummary): string {
  if (c.lastFreeDay === null) return '-';
  const from = c.lastFreeDaySource;
  if (from === null) return c.lastFreeDay;
  return from.kind === 'terminal'
    ? `${c.lastFreeDay} (${from.statedBy}, ${from.statedAt})`
    : `${c.lastFreeDay} (rule: ${from.rule})`;
}

/** The open holds; else the holds the terminal's newest statement listed (on which word the box is held). */
function holdsText(c: ContainerSummary): string {
  if (c.holdsOpen.length > 0) return c.holdsOpen.join(',');
  const stated = c.availabilitySource;
  if (stated?.kind === 'terminal' && stated.holds.length > 0) return `${stated.holds.join(',')} (terminal)`;
  return '-';
}

function containersCommand(): Command {
  return withApiOptions(
    new Command('containers')
      .description(
        'containers you may see — all boxes of a bill of lading with --bl — with status, holds, availability, LFD',
      )
      .option('--bl <number>', 'bill of lading number (transport document reference)')
      .option('--status <status>', 'only this status, e.g. AVAILABLE, HELD, GATED_OUT')
      .option('--terminal <code>', 'only boxes at this terminal (SMDG code)')
      .addOption(limitOption())
      .addOption(jsonOption())
      .addOption(csvOption()),
  ).action(
    async (flags: ApiFlags & OutputFlags & { bl?: string; status?: string; terminal?: string; limit: number }) => {
      const client = new ApiClient(flags);
      const query: Query = { transportDocumentReference: flags.bl, status: flags.status, terminal: flags.terminal };
      if (flags.csv === true) {
        const { csv, more } = await client.csvPages('/containers', query, flags.limit);
        print(csv);
        moreNote(more, flags.limit);
        return;
      }
      const { items, more } = await client.allPages('/containers', query, ContainerPage, flags.limit);
      if (flags.json === true) print(JSON.stringify({ containers: items }, null, 2));
      else {
        print(
          table([
            [
              'CONTAINER',
              'ISO',
              'STATUS',
              'TERMINAL',
              'AVAILABLE',
              'HOLDS OPEN',
              'LAST FREE DAY',
              'B/L',
              'AS OF',
              'SOURCE',
            ],
            ...items.map((c) => [
              c.equipmentReference,
              dash(c.isoEquipmentCode),
              c.status,
              dash(c.terminalCode),
              c.available ? 'yes' : 'no',
              holdsText(c),
              lastFreeDayText(c),
              c.transportDocumentReferences.join(',') || '-',
              c.asOf,
              sourceText(c.source),
            ]),
          ]),
        );
      }
      moreNote(more, flags.limit);
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// fees

function feesCommand(): Command {
  return withApiOptions(
    new Command('fees')
      .description('demurrage and detention estimates: so far and what one more day adds (docs/fees.md)')
      .option('--bl <number>', 'every box of this bill of lading')
      .option('--container <numbers>', 'container numbers, comma-separated')
      .option('--at <instant>', 'estimate as of this instant (ISO 8601; default now)')
      .addOption(jsonOption()),
  ).action(async (flags: ApiFlags & OutputFlags & { bl?: string; container?: string; at?: string }) => {
    if (flags.bl === undefined && flags.container === undefined) {
      throw new CliError('name the boxes: --bl <number> or --container <numbers>', EXIT_USAGE);
    }
    const client = new ApiClient(flags);
    const answer = await client.getJson(
      '/fees',
      { transportDocumentReference: flags.bl, equipmentReference: flags.container, at: flags.at },
      FeesResponseSchema,
    );
    if (flags.json === true) {
      print(JSON.stringify(answer, null, 2));
      return;
    }
    print(`estimates as of ${answer.asOf}`);
    const rows = [['CONTAINER', 'KIND', 'STATUS', 'LAST FREE DAY', 'DAYS', 'SO FAR', 'TOMORROW', 'CLOCK', 'TARIFF']];
    for (const c of answer.containers) {
      for (const outcome of [c.demurrage, c.detention]) {
        const kind = outcome === c.demurrage ? 'DEMURRAGE' : 'DETENTION';
        if (outcome.status !== 'ESTIMATED') {
          rows.push([c.equipmentReference, kind, outcome.status, '-', '-', '-', '-', '-', outcome.reason]);
          continue;
        }
        const e = outcome.estimate;
        rows.push([
          c.equipmentReference,
          kind,
          outcome.status,
          `${e.lastFreeDay} (${e.lastFreeDayFrom})`,
          String(e.chargedDays),
          `${e.amountSoFar} ${e.currency}`,
          `${e.tomorrowsCharge} ${e.currency}`,
          e.clockStoppedAt === null ? `running since ${e.clockStartedAt}` : `stopped ${e.clockStoppedAt}`,
          e.tariffSource,
        ]);
      }
    }
    print(table(rows));
    if (answer.notFound.length > 0) print(`not found (or not yours to see): ${answer.notFound.join(', ')}`);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// notices

function noticesCommand(): Command {
  return withApiOptions(
    new Command('notices')
      .description('restrictions and outages published by terminals and the port authority')
      .option('--terminal <code>', "this terminal's notices and the port-wide ones")
      .addOption(new Option('--active', 'only those in force (now or --at)'))
      .addOption(
        new Option('--inactive', 'only those not in force: ended, cancelled or not yet begun').conflicts('active'),
      )
      .option('--at <instant>', 'the instant --active refers to (ISO 8601; default now)')
      .addOption(jsonOption()),
  ).action(
    async (
      flags: ApiFlags & OutputFlags & { terminal?: string; active?: boolean; inactive?: boolean; at?: string },
    ) => {
      const client = new ApiClient(flags);
      const active = flags.active === true ? 'true' : flags.inactive === true ? 'false' : undefined;
      const answer = await client.getJson(
        '/notices',
        { terminal: flags.terminal, active, at: flags.at },
        z.object({ notices: z.array(NoticeSchema) }),
      );
      if (flags.json === true) {
        print(JSON.stringify(answer, null, 2));
        return;
      }
      print(
        table([
          ['NOTICE', 'TYPE', 'STATUS', 'WHERE', 'FROM', 'TO', 'IN FORCE', 'AS OF', 'SOURCE', 'TEXT'],
          ...answer.notices.map((n) => [
            n.noticeId,
            n.noticeType,
            n.status,
            [n.terminal ?? 'port', n.carrierScac, n.isoType].filter((p) => p !== null).join(' '),
            n.validFrom,
            dash(n.validTo),
            n.activeAt ? 'yes' : 'no',
            n.asOf,
            sourceText(n.source),
            n.text,
          ]),
        ]),
      );
    },
  );
}

/** The commands, in the order `openpcs --help` lists them. */
export function truckerCommands(): Command[] {
  return [appointmentsCommand(), emptyReturnsCommand(), containersCommand(), feesCommand(), noticesCommand()];
}
