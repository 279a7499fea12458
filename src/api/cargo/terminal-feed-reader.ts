/**
 * The trucker answers over the terminal feed read models (migration 0019; docs/truckers.md): appointment
 * availability, where an empty of a carrier and size/type can be returned now, and the notices in force. Capacity is
 * community data, but every row still passes the one visibility rule (a statement sent `private` stays its
 * sender's). Each record is built with its `asOf` (newest fact behind it) and `source`; `stale` compares the
 * figure's own statement with the instant asked about.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import type {
  AppointmentTransactionType,
  EmptyReturnSpeaker,
  NoticeStatus,
  NoticeType,
} from '../../domain/cargo-event-codes.js';
import { combineReceivableWords } from '../../domain/terminal-feeds/receivable-words.js';
import {
  affectsEmptyReturn,
  closesEmptyReturn,
  concernsTerminal,
  inForceAt,
  inForceDuring,
  type NoticeFacts,
} from '../../domain/terminal-feeds/notice-rules.js';
import type { AppointmentSlotTable, DB, EmptyReceivableTable, TerminalNoticeTable } from '../../store/schema.js';
import type { EmptyReturnAnswer, NoticeView, SlotView } from './terminal-feed-schema.js';

type SlotRow = Selectable<AppointmentSlotTable>;
type NoticeRow = Selectable<TerminalNoticeTable>;
type ReceivableRow = Selectable<EmptyReceivableTable>;

const speaker = (statedBy: string): EmptyReturnSpeaker => (statedBy === 'CARRIER' ? 'CARRIER' : 'LOCATION');

/** Most slots one answer lists (a week of hourly slots of four types at a dozen terminals is ~8,000). */
export const MAX_SLOTS = 10_000;
const MAX_NOTICES = 1_000;

interface Stated {
  readonly stated_at: Date;
  readonly source_org: string;
  readonly inbox_id: string | null;
  readonly event_id: string;
  readonly visibility: string;
}

const sourceOf = (r: Stated) => ({ organisation: r.source_org, inboxId: r.inbox_id, eventId: r.event_id });
const newest = (...times: readonly Date[]): string =>
  new Date(Math.max(...times.map((t) => t.getTime()))).toISOString();
const nonPublic = (rows: readonly Stated[]): number => rows.filter((r) => r.visibility !== 'public').length;

function facts(n: NoticeRow): NoticeFacts {
  return {
    noticeType: n.notice_type as NoticeType,
    status: n.status as NoticeStatus,
    terminal: n.terminal_code,
    unLocationCode: n.un_location_code,
    carrierScac: n.carrier_scac,
    isoType: n.iso_type,
    validFromMs: n.valid_from.getTime(),
    validToMs: n.valid_to?.getTime() ?? null,
  };
}

function noticeView(n: NoticeRow, atMs: number): NoticeView {
  const noticeFacts = facts(n);
  const { validFromMs: _from, validToMs: _to, ...scope } = noticeFacts;
  return {
    noticeId: n.notice_id,
    ...scope,
    validFrom: n.valid_from.toISOString(),
    validTo: n.valid_to?.toISOString() ?? null,
    text: n.text,
    activeAt: inForceAt(noticeFacts, atMs),
    asOf: n.stated_at.toISOString(),
    source: sourceOf(n),
  };
}

export interface Answer<T> {
  readonly value: T;
  /** Rows behind the answer that are not public (for the read audit). */
  readonly nonPublic: number;
}

export class TerminalFeedReader {
  constructor(
    private readonly db: Kysely<DB>,
    /** A figure older than this (ms) at the instant asked about is flagged `stale`. */
    private readonly staleAfterMs: number,
  ) {}

  private isStale(statedAt: Date, atMs: number): boolean {
    return atMs - statedAt.getTime() > this.staleAfterMs;
  }

  /** Notices visible to the caller that are active (status) and overlap [fromMs, toMs). */
  private async activeNotices(scope: AccessScope, fromMs: number, toMs: number): Promise<NoticeRow[]> {
    return this.db
      .selectFrom('terminal_notice')
      .selectAll()
      .where('status', '=', 'ACTIVE')
      .where('valid_from', '<', new Date(toMs))
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', new Date(fromMs))]))
      .where(visibleTo(scope, 'terminal_notice'))
      .orderBy('valid_from')
      .orderBy('notice_id')
      .limit(MAX_NOTICES)
      .execute();
  }

  async availability(
    filter: {
      readonly terminal?: string | undefined;
      readonly type?: AppointmentTransactionType | undefined;
      readonly fromMs: number;
      readonly toMs: number;
      readonly atMs: number;
    },
    scope: AccessScope,
  ): Promise<Answer<{ slots: SlotView[]; truncated: boolean }>> {
    let query = this.db
      .selectFrom('appointment_slot')
      .selectAll()
      .where('slot_end', '>', new Date(filter.fromMs))
      .where('slot_start', '<', new Date(filter.toMs))
      .where(visibleTo(scope, 'appointment_slot'));
    if (filter.terminal) query = query.where('terminal_code', '=', filter.terminal);
    if (filter.type) query = query.where('transaction_type', '=', filter.type);
    const rows: SlotRow[] = await query
      .orderBy('slot_start')
      .orderBy('terminal_code')
      .orderBy('transaction_type')
      .limit(MAX_SLOTS + 1)
      .execute();
    const truncated = rows.length > MAX_SLOTS;
    const kept = rows.slice(0, MAX_SLOTS);
    const notices = await this.activeNotices(scope, filter.fromMs, filter.toMs);
    const slots = kept.map((r): SlotView => {
      const affecting = notices.filter(
        (n) =>
          concernsTerminal(facts(n), r.terminal_code, r.un_location_code) &&
          inForceDuring(facts(n), r.slot_start.getTime(), r.slot_end.getTime()),
      );
      return {
        terminal: r.terminal_code,
        unLocationCode: r.un_location_code,
        transactionType: r.transaction_type as AppointmentTransactionType,
        slotStart: r.slot_start.toISOString(),
        slotEnd: r.slot_end.toISOString(),
        capacity: r.capacity,
        booked: r.booked,
        free: Math.max(0, r.capacity - r.booked),
        notices: affecting.map((n) => noticeView(n, filter.atMs)),
        asOf: newest(r.stated_at, ...affecting.map((n) => n.stated_at)),
        stale: this.isStale(r.stated_at, filter.atMs),
        source: sourceOf(r),
      };
    });
    return { value: { slots, truncated }, nonPublic: nonPublic(kept) + nonPublic(notices) };
  }

  async emptyReturns(
    question: { readonly scac: string; readonly isoType: string; readonly atMs: number },
    scope: AccessScope,
  ): Promise<Answer<EmptyReturnAnswer>> {
    const { scac, isoType, atMs } = question;
    const receivables = await this.db
      .selectFrom('empty_receivable')
      .selectAll()
      .where('carrier_scac', '=', scac)
      .where('iso_type', '=', isoType)
      .where(visibleTo(scope, 'empty_receivable'))
      .orderBy('location_code')
      .execute();
    const notices = (await this.activeNotices(scope, atMs, atMs + 1)).filter((n) => inForceAt(facts(n), atMs));
    const terminals = receivables.filter((r) => r.location_type === 'TERMINAL').map((r) => r.location_code);
    const slots =
      terminals.length === 0
        ? []
        : await this.db
            .selectFrom('appointment_slot')
            .selectAll()
            .distinctOn('terminal_code')
            .where('terminal_code', 'in', terminals)
            .where('transaction_type', '=', 'EMPTY_RETURN')
            .where('slot_end', '>', new Date(atMs))
            .whereRef('capacity', '>', 'booked')
            .where(visibleTo(scope, 'appointment_slot'))
            .orderBy('terminal_code')
            .orderBy('slot_start')
            .execute();
    const nextSlot = new Map(slots.map((s) => [s.terminal_code, s]));
    const answer: EmptyReturnAnswer = { scac, isoType, at: new Date(atMs).toISOString(), locations: [], closed: [] };
    const used: Stated[] = [...receivables];
    // Each location's words (its own, the carrier's), combined by the one rule: both must accept.
    const byLocation = new Map<string, ReceivableRow[]>();
    for (const r of receivables) byLocation.set(r.location_code, [...(byLocation.get(r.location_code) ?? []), r]);
    for (const [code, rows] of byLocation) {
      const words = rows.map((r) => ({
        ...r,
        statedBy: speaker(r.stated_by),
        remainingCapacity: r.remaining_capacity,
      }));
      const combined = combineReceivableWords(words);
      if (combined === null) continue;
      const deciding = combined.deciding;
      const about = words.find((w) => w.statedBy === 'LOCATION') ?? deciding;
      const statements = words
        .sort((a, b) => (a.statedBy === b.statedBy ? 0 : a.statedBy === 'LOCATION' ? -1 : 1))
        .map((w) => ({
          statedBy: w.statedBy,
          accepting: w.accepting,
          remainingCapacity: w.remaining_capacity,
          asOf: w.stated_at.toISOString(),
          stale: this.isStale(w.stated_at, atMs),
          source: sourceOf(w),
        }));
      const location = { code, unLocationCode: about.un_location_code };
      const affecting = notices.filter((n) => affectsEmptyReturn(facts(n), location, scac, isoType));
      used.push(...affecting);
      const closing = affecting.filter((n) => closesEmptyReturn(facts(n)));
      const reason = !combined.accepting
        ? ('NOT_ACCEPTING' as const)
        : combined.remainingCapacity === 0
          ? ('FULL' as const)
          : closing.length > 0
            ? ('NOTICE' as const)
            : null;
      const views = affecting.map((n) => noticeView(n, atMs));
      const statedAt = rows.map((r) => r.stated_at);
      if (reason !== null) {
        answer.closed.push({
          location: code,
          reason,
          statedBy: reason === 'NOTICE' ? null : deciding.statedBy,
          statements,
          notices: views,
          asOf: newest(...statedAt, ...affecting.map((n) => n.stated_at)),
          source: sourceOf(deciding),
        });
        continue;
      }
      const slot = nextSlot.get(code);
      if (slot) used.push(slot);
      answer.locations.push({
        location: code,
        locationType: about.location_type === 'DEPOT' ? 'DEPOT' : 'TERMINAL',
        name: about.location_name,
        unLocationCode: about.un_location_code,
        remainingCapacity: combined.remainingCapacity,
        statedBy: deciding.statedBy,
        statements,
        nextSlot: slot
          ? {
              slotStart: slot.slot_start.toISOString(),
              slotEnd: slot.slot_end.toISOString(),
              free: slot.capacity - slot.booked,
              asOf: slot.stated_at.toISOString(),
              source: sourceOf(slot),
            }
          : null,
        notices: views,
        asOf: newest(...statedAt, ...(slot ? [slot.stated_at] : []), ...affecting.map((n) => n.stated_at)),
        stale: statements.some((w) => w.stale),
        source: sourceOf(deciding),
      });
    }
    // Most room first (a location that does not say how much comes after those that do), then by code.
    answer.locations.sort(
      (a, b) => (b.remainingCapacity ?? -1) - (a.remainingCapacity ?? -1) || (a.location < b.location ? -1 : 1),
    );
    return { value: answer, nonPublic: nonPublic(used) };
  }

  async notices(
    filter: { readonly terminal?: string | undefined; readonly active?: boolean | undefined; readonly atMs: number },
    scope: AccessScope,
  ): Promise<Answer<NoticeView[]>> {
    let query = this.db.selectFrom('terminal_notice').selectAll().where(visibleTo(scope, 'terminal_notice'));
    if (filter.terminal) {
      const terminal = filter.terminal;
      query = query.where((eb) => eb.or([eb('terminal_code', '=', terminal), eb('terminal_code', 'is', null)]));
    }
    const rows = await query.orderBy('valid_from', 'desc').orderBy('notice_id').limit(MAX_NOTICES).execute();
    const kept = rows.filter((n) => filter.active === undefined || inForceAt(facts(n), filter.atMs) === filter.active);
    return { value: kept.map((n) => noticeView(n, filter.atMs)), nonPublic: nonPublic(kept) };
  }
}
