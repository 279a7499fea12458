/**
 * Builds an ANSI X12 997 Functional Acknowledgment (release 004010) for a received interchange: one 997
 * transaction set per functional group — AK1 (group: GS01, GS06), AK2/AK5 per transaction set (ST01, ST02;
 * AK501 `A` accepted / `R` rejected with element 718 codes), AK9 (group: element 715 `A`/`P`/`R`, sets
 * included (GE01), received, accepted, element 716 codes). A 997 acknowledges syntax and envelope only:
 * a well-formed 315 whose container fails its check digit is still "accepted" here (that is an 824's job).
 * Sender and receiver are swapped; delimiters and ISA12 version are those of the received interchange.
 * openpcs rejects an interchange with any envelope error whole (`x12-transaction-parser.ts`), so then every
 * transaction set is AK5 `R` (with its own 718 code where it has one) and every group AK9 `R`: the 997 says
 * exactly what was applied. Interchange-level errors (ISA width, IEA) carry their TA1 note code in the dead letter.
 * Served by `GET /inbox/{id}/ack` for X12 messages, streamed: `plan997` reads the envelopes once (no transaction
 * set bodies kept) to learn, per interchange, whether it is rejected whole and its first GS; `stream997` reads
 * them again and writes the 997 segment by segment, so the memory an acknowledgment takes does not grow with the
 * interchange (only the text itself is held). `build997` renders one parsed interchange through the same writer.
 */
import { el } from './x12-element.js';
import { envelopeIssues, readX12, type X12Part } from './x12-envelope.js';
import type { X12GroupHeader, X12Interchange, X12InterchangeHeader, X12Issue, X12Segment } from './x12-types.js';

export interface Build997Options {
  /** ISA13 of the acknowledgment interchange (1-999999999). */
  readonly interchangeControlNumber: number;
  /** GS06 of the acknowledgment group. */
  readonly groupControlNumber: number;
  /** Creation time written to ISA09/ISA10 and GS04/GS05, in UTC. */
  readonly now: Date;
  /** Characters between segments after the terminator (e.g. `\n`); none by default. */
  readonly lineBreak?: string;
}

/** Element 718 transaction set syntax error codes for envelope issues. */
const AK5_CODES: Partial<Record<X12Issue['code'], string>> = {
  PCS_X12_SE_MISSING: '2',
  PCS_X12_SE_CONTROL_MISMATCH: '3',
  PCS_X12_SE_COUNT_MISMATCH: '4',
};

/** Element 716 functional group syntax error codes. */
const AK9_CODES: Partial<Record<X12Issue['code'], string>> = {
  PCS_X12_GE_MISSING: '3',
  PCS_X12_GE_CONTROL_MISMATCH: '4',
  PCS_X12_GE_COUNT_MISMATCH: '5',
};

/** What the 997 of one interchange must know before its first segment, from a first pass over the envelopes. */
export interface Ack997Plan {
  /** The interchange has an envelope issue: openpcs applied none of it, every set is AK5 R. */
  readonly rejectedWhole: boolean;
  /** Its first GS (the acknowledgment's GS swaps GS02 and GS03), or null when it has no group. */
  readonly firstGs: X12Segment | null;
}

/** The plan of every interchange of an X12 text, in order (envelope segments only; no transaction set body kept). */
export function plan997(text: string): Ack997Plan[] {
  const plans: Ack997Plan[] = [];
  let firstGs: X12Segment | null = null;
  let current: X12InterchangeHeader | null = null;
  for (const part of readX12(text, { bodies: false })) {
    if (part.kind === 'issue') continue;
    if (part.interchange !== current) {
      current = part.interchange;
      firstGs = null;
    }
    if (part.kind === 'interchange') {
      plans.push({ rejectedWhole: part.envelope.length > 0, firstGs });
      current = null;
    } else {
      firstGs ??= part.group.gs;
    }
  }
  return plans;
}

/**
 * The 997s of an X12 text (one per interchange, `optionsFor(i)` for the i-th), segment by segment in the order
 * `build997` writes them; `plans` is `plan997(text)`.
 */
export function* stream997(
  text: string,
  plans: readonly Ack997Plan[],
  optionsFor: (index: number) => Build997Options,
): Generator<string> {
  let writer: Ack997Writer | null = null;
  let current: X12InterchangeHeader | null = null;
  let index = -1;
  for (const part of readX12(text, { bodies: false })) {
    if (part.kind === 'issue') continue;
    if (part.interchange !== current) {
      current = part.interchange;
      index++;
      const plan = plans[index];
      if (!plan) throw new Error(`stream997: no plan for interchange ${index + 1} (plan997 of another text?)`);
      writer = new Ack997Writer(part.interchange, plan, optionsFor(index));
      yield* writer.start();
    }
    if (writer) yield* writer.take(part);
    if (part.kind === 'interchange') current = null;
  }
}

export function build997(interchange: X12Interchange, options: Build997Options): string {
  const plan = { rejectedWhole: envelopeIssues(interchange).length > 0, firstGs: interchange.groups[0]?.gs ?? null };
  const writer = new Ack997Writer(interchange, plan, options);
  const out = [...writer.start()];
  for (const part of partsOf(interchange)) out.push(...writer.take(part));
  return out.join('');
}

/** A parsed interchange as the parts `readX12` yields for it. */
function* partsOf(interchange: X12Interchange): Generator<X12Part> {
  for (const group of interchange.groups) {
    for (const transaction of group.transactions) yield { kind: 'transaction', interchange, group, transaction };
    const { ge, issues } = group;
    yield { kind: 'group', interchange, group, ge, transactions: group.transactions.length, issues };
  }
  const envelope = envelopeIssues(interchange);
  const transactions = interchange.groups.reduce((n, g) => n + g.transactions.length, 0);
  yield { kind: 'interchange', interchange, iea: interchange.iea, issues: interchange.issues, envelope, transactions };
}

/** One group's acknowledgment while its transaction sets come: the AK2/AK5 pairs are written as they come. */
interface OpenGroup {
  readonly header: X12GroupHeader;
  readonly control: string;
  /** Segments of the 997 transaction set's body so far (AK1, AK2/AK5 pairs, AK9; not ST and SE). */
  segments: number;
  received: number;
  accepted: number;
}

/** Writes the 997 of one interchange, segment by segment, from the parts of the received one. */
class Ack997Writer {
  readonly #e: string;
  readonly #end: string;
  readonly #gsControl: string;
  readonly #isaControl: string;
  #group: OpenGroup | null = null;
  #groups = 0;

  constructor(
    private readonly interchange: X12InterchangeHeader,
    private readonly plan: Ack997Plan,
    private readonly options: Build997Options,
  ) {
    this.#e = interchange.delimiters.element;
    this.#end = interchange.delimiters.segment + (options.lineBreak ?? '');
    this.#isaControl = String(options.interchangeControlNumber).padStart(9, '0');
    this.#gsControl = String(options.groupControlNumber);
  }

  #segment(...elements: string[]): string {
    return elements.join(this.#e) + this.#end;
  }

  /** ISA and GS of the acknowledgment. */
  *start(): Generator<string> {
    const { interchange, options } = this;
    const iso = options.now.toISOString();
    const ccyymmdd = iso.slice(0, 10).replaceAll('-', '');
    const hhmm = iso.slice(11, 16).replace(':', '');
    const d = interchange.delimiters;
    const version = interchange.version || '00401';
    const isa11 = version >= '00402' && d.repetition ? d.repetition : 'U';
    yield this.#segment(
      'ISA',
      '00',
      ' '.repeat(10),
      '00',
      ' '.repeat(10),
      interchange.receiverQualifier.padEnd(2).slice(0, 2),
      interchange.receiverId.padEnd(15).slice(0, 15),
      interchange.senderQualifier.padEnd(2).slice(0, 2),
      interchange.senderId.padEnd(15).slice(0, 15),
      ccyymmdd.slice(2),
      hhmm,
      isa11,
      version,
      this.#isaControl,
      '0',
      interchange.usageIndicator || 'P',
      d.component,
    );
    const firstGs = this.plan.firstGs;
    yield this.#segment(
      'GS',
      'FA',
      firstGs ? el(firstGs, 3) : interchange.receiverId,
      firstGs ? el(firstGs, 2) : interchange.senderId,
      ccyymmdd,
      hhmm,
      this.#gsControl,
      'X',
      '004010',
    );
  }

  /** The 997 segments one part of the received interchange adds. */
  *take(part: X12Part): Generator<string> {
    if (part.kind === 'issue') return;
    if (part.kind === 'interchange') {
      yield this.#segment('GE', String(this.#groups), this.#gsControl);
      yield this.#segment('IEA', '1', this.#isaControl);
      return;
    }
    let group = this.#group;
    if (group?.header !== part.group) {
      this.#groups++;
      const control = String(this.#groups).padStart(4, '0');
      group = { header: part.group, control, segments: 1, received: 0, accepted: 0 }; // AK1
      this.#group = group;
      yield this.#segment('ST', '997', control);
      yield this.#segment('AK1', part.group.functionalId, part.group.controlNumber);
    }
    if (part.kind === 'transaction') {
      const tx = part.transaction;
      group.received++;
      const codes = [...new Set(tx.issues.map((i) => AK5_CODES[i.code]).filter((c): c is string => c !== undefined))];
      yield this.#segment('AK2', tx.setId, tx.controlNumber);
      if (codes.length === 0 && !this.plan.rejectedWhole) {
        group.accepted++;
        yield this.#segment('AK5', 'A');
      } else {
        yield this.#segment('AK5', 'R', ...codes.slice(0, 5));
      }
      group.segments += 2;
      return;
    }
    const { received, accepted } = group;
    const groupCodes = part.issues.map((i) => AK9_CODES[i.code]).filter((c): c is string => c !== undefined);
    const status =
      accepted === received && groupCodes.length === 0 ? 'A' : accepted === 0 ? 'R' : accepted < received ? 'P' : 'E';
    const included = part.ge ? el(part.ge, 1) || String(received) : String(received);
    yield this.#segment('AK9', status, included, String(received), String(accepted), ...groupCodes.slice(0, 5));
    group.segments++;
    // SE01 counts ST through SE: the AK1…AK9 body, ST and SE.
    yield this.#segment('SE', String(group.segments + 2), group.control);
    this.#group = null;
  }
}
