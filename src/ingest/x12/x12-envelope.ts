/**
 * ANSI X12 envelope structure (X12.5/X12.6): ISA/IEA interchange, GS/GE functional group, ST/SE transaction set.
 * Control checks, each reported on the unit it concerns (with the element as pointer and the control number in
 * the message); the parser rejects the whole interchange when any of them fails (`x12-transaction-parser.ts`):
 * - ISA is fixed-width: 106 characters, each element its X12.5 width (ISA06 15, ISA13 9…); TA1 note code of the
 *   element (I18: 005–020, 027) in the message.
 * - SE01 = number of segments from ST to SE inclusive, SE02 = ST02 (997 AK5 element 718 codes 4, 3; 2 missing).
 * - GE01 = number of transaction sets, GE02 = GS06 (997 AK9 element 716 codes 5, 4; 3 missing).
 * - IEA01 = number of groups (TA1 021), IEA02 = ISA13 (TA1 001), IEA missing (TA1 023).
 */
import { el } from './x12-element.js';
import { readX12Tokens, x12Text } from './x12-tokenizer.js';
import type {
  X12Delimiters,
  X12Document,
  X12Group,
  X12GroupHeader,
  X12Interchange,
  X12InterchangeHeader,
  X12Issue,
  X12Segment,
  X12Transaction,
} from './x12-types.js';

/**
 * What each trailer (SE, GE, IEA) closes, for its two checks (X12.6): element 01 counts what it closes
 * (`counts` of the `level`), element 02 repeats the `header`'s control number; the notes name the
 * acknowledgement code each mismatch maps to.
 */
const TRAILERS = {
  SE: {
    tag: 'SE',
    countCode: 'PCS_X12_SE_COUNT_MISMATCH',
    controlCode: 'PCS_X12_SE_CONTROL_MISMATCH',
    counts: 'segments',
    level: 'transaction set ST02',
    header: 'ST02',
    countNote: '997 AK5 code 4',
    controlNote: '997 AK5 code 3',
  },
  GE: {
    tag: 'GE',
    countCode: 'PCS_X12_GE_COUNT_MISMATCH',
    controlCode: 'PCS_X12_GE_CONTROL_MISMATCH',
    counts: 'transaction sets',
    level: 'group GS06',
    header: 'GS06',
    countNote: '997 AK9 code 5',
    controlNote: '997 AK9 code 4',
  },
  IEA: {
    tag: 'IEA',
    countCode: 'PCS_X12_IEA_COUNT_MISMATCH',
    controlCode: 'PCS_X12_IEA_CONTROL_MISMATCH',
    counts: 'groups',
    level: 'interchange ISA13',
    header: 'ISA13',
    countNote: 'TA1 note 021',
    controlNote: 'TA1 note 001',
  },
} as const;
type TrailerRule = (typeof TRAILERS)[keyof typeof TRAILERS];

/** The trailer's count (element 01) against `count`, and its control number (element 02) against `control`. */
function trailerIssues(trailer: X12Segment, rule: TrailerRule, count: number, control: string): X12Issue[] {
  const issues: X12Issue[] = [];
  if (el(trailer, 1) !== String(count)) {
    issues.push({
      code: rule.countCode,
      message: `${rule.tag}01 says ${el(trailer, 1) || '(empty)'} ${rule.counts}, ${rule.level} ${control} has ${count} (${rule.countNote})`,
      line: trailer.ordinal,
      pointer: `${rule.tag}01`,
    });
  }
  if (el(trailer, 2) !== control) {
    issues.push({
      code: rule.controlCode,
      message: `${rule.tag}02 ${el(trailer, 2) || '(empty)'} differs from ${rule.header} ${control} (${rule.controlNote})`,
      line: trailer.ordinal,
      pointer: `${rule.tag}02`,
    });
  }
  return issues;
}

/** X12.5 ISA element widths (ISA01…ISA16) and the TA1 interchange note code (element I18) for each. */
const ISA_FIELDS: readonly { readonly width: number; readonly ta1: string }[] = [
  { width: 2, ta1: '010' },
  { width: 10, ta1: '011' },
  { width: 2, ta1: '012' },
  { width: 10, ta1: '013' },
  { width: 2, ta1: '005' },
  { width: 15, ta1: '006' },
  { width: 2, ta1: '007' },
  { width: 15, ta1: '008' },
  { width: 6, ta1: '014' },
  { width: 4, ta1: '015' },
  { width: 1, ta1: '016' },
  { width: 5, ta1: '017' },
  { width: 9, ta1: '018' },
  { width: 1, ta1: '019' },
  { width: 1, ta1: '020' },
  { width: 1, ta1: '027' },
];
/** "ISA" + 16 element separators + the element widths + the segment terminator. */
export const ISA_LENGTH = 3 + 16 + ISA_FIELDS.reduce((n, f) => n + f.width, 0) + 1;

/** The ISA width check: null when every element has its fixed width (so the ISA is 106 characters). */
export function isaWidthIssue(isa: X12Segment): X12Issue | null {
  const wrong = ISA_FIELDS.flatMap((f, i) => {
    const value = isa.elements[i + 1] ?? '';
    return value.length === f.width ? [] : [{ n: i + 1, value, ...f }];
  });
  if (wrong.length === 0) return null;
  const length = 3 + 16 + ISA_FIELDS.reduce((n, _f, i) => n + (isa.elements[i + 1] ?? '').length, 0) + 1;
  const name = (n: number): string => `ISA${String(n).padStart(2, '0')}`;
  const detail = wrong
    .map((w) => `${name(w.n)} "${w.value}" is ${w.value.length} characters, must be ${w.width} (TA1 note ${w.ta1})`)
    .join('; ');
  return {
    code: 'PCS_X12_ISA_LENGTH',
    message: `interchange ISA13 ${el(isa, 13).trim() || '(empty)'}: ISA is ${length} characters, must be ${ISA_LENGTH}: ${detail}`,
    line: isa.ordinal,
    pointer: name(wrong[0]!.n),
  };
}

/** What `readX12` finds, in file order. */
export type X12Part =
  /** A problem outside any interchange (garbage, malformed ISA). */
  | { readonly kind: 'issue'; readonly issue: X12Issue }
  /** A transaction set, complete (SE read, or cut off by the next ST/GS/GE/IEA or the end of the interchange). */
  | {
      readonly kind: 'transaction';
      readonly interchange: X12InterchangeHeader;
      readonly group: X12GroupHeader;
      readonly transaction: X12Transaction;
    }
  /** The end of a functional group (its GE, or none), with its envelope issues; its transaction sets came before. */
  | {
      readonly kind: 'group';
      readonly interchange: X12InterchangeHeader;
      readonly group: X12GroupHeader;
      readonly ge: X12Segment | null;
      readonly transactions: number;
      readonly issues: readonly X12Issue[];
    }
  /** The end of an interchange (its IEA, or none); its groups came before. */
  | {
      readonly kind: 'interchange';
      readonly interchange: X12InterchangeHeader;
      readonly iea: X12Segment | null;
      /** Problems of the interchange itself: ISA width, segments outside GS/ST, IEA checks. */
      readonly issues: readonly X12Issue[];
      /** Every envelope issue of the interchange in `envelopeIssues` order; any one rejects it whole. */
      readonly envelope: readonly X12Issue[];
      /** Transaction sets in its groups. */
      readonly transactions: number;
    };

export interface ReadX12Options {
  /**
   * Keep the segments between ST and SE (`X12Transaction.body`); without it a transaction's body is empty and
   * the tokenizer splits only envelope segments: a pass that decides which interchanges are sound.
   */
  readonly bodies: boolean;
}

/** The whole document at once (the 997 builder, tests); `readX12` streams it. */
export function parseX12(body: Uint8Array | string): X12Document {
  const interchanges: X12Interchange[] = [];
  const issues: X12Issue[] = [];
  let groups: X12Group[] = [];
  let transactions: X12Transaction[] = [];
  for (const part of readX12(x12Text(body), { bodies: true })) {
    if (part.kind === 'issue') issues.push(part.issue);
    else if (part.kind === 'transaction') transactions.push(part.transaction);
    else if (part.kind === 'group') {
      groups.push({ ...part.group, transactions, ge: part.ge, issues: part.issues });
      transactions = [];
    } else {
      interchanges.push({ ...part.interchange, groups, iea: part.iea, issues: part.issues });
      groups = [];
    }
  }
  return { interchanges, issues };
}

/**
 * The interchanges' transaction sets one by one, each as soon as it is complete, so a large interchange is never
 * held whole: a transaction set needs only its own segments and the ISA and GS around it. The GE and IEA checks
 * come at the end of their group and interchange, with every envelope issue of the interchange (`envelope`): a
 * caller that must not apply any set of an unsound interchange reads the text twice (`x12-transaction-parser.ts`).
 */
export function* readX12(text: string, options: ReadX12Options): Generator<X12Part> {
  let ic: InterchangeBuilder | null = null;

  function* closeTx(se: X12Segment | null): Generator<X12Part> {
    const group = ic?.group;
    const tx = group?.tx;
    if (!ic || !group || !tx) return;
    const txIssues: X12Issue[] = [];
    const control = el(tx.st, 2);
    if (!se) {
      txIssues.push({
        code: 'PCS_X12_SE_MISSING',
        message: `transaction set ${el(tx.st, 1)} ST02 ${control} has no SE trailer (997 AK5 code 2)`,
        line: tx.st.ordinal,
        pointer: 'SE',
      });
    } else {
      const count = tx.segments + 2;
      txIssues.push(...trailerIssues(se, TRAILERS.SE, count, control));
    }
    group.transactions++;
    group.txIssues.push(...txIssues);
    group.tx = null;
    yield {
      kind: 'transaction',
      interchange: ic.header,
      group: group.header,
      transaction: { setId: el(tx.st, 1), controlNumber: control, st: tx.st, body: tx.body, se, issues: txIssues },
    };
  }

  function* closeGroup(ge: X12Segment | null): Generator<X12Part> {
    const group = ic?.group;
    if (!ic || !group) return;
    yield* closeTx(null);
    const gIssues: X12Issue[] = [];
    const control = group.header.controlNumber;
    if (!ge) {
      gIssues.push({
        code: 'PCS_X12_GE_MISSING',
        message: `group GS06 ${control} has no GE trailer (997 AK9 code 3)`,
        line: group.header.gs.ordinal,
        pointer: 'GE',
      });
    } else {
      gIssues.push(...trailerIssues(ge, TRAILERS.GE, group.transactions, control));
    }
    ic.groups++;
    ic.transactions += group.transactions;
    ic.groupEnvelope.push(...gIssues, ...group.txIssues);
    ic.group = null;
    yield {
      kind: 'group',
      interchange: ic.header,
      group: group.header,
      ge,
      transactions: group.transactions,
      issues: gIssues,
    };
  }

  function* closeInterchange(): Generator<X12Part> {
    if (!ic) return;
    yield* closeGroup(null);
    const { header, iea, issues } = ic;
    const control = header.controlNumber;
    if (!iea) {
      issues.push({
        code: 'PCS_X12_IEA_MISSING',
        message: `interchange ISA13 ${control} has no IEA trailer (TA1 note 023)`,
        line: header.isa.ordinal,
        pointer: 'IEA',
      });
    } else {
      issues.push(...trailerIssues(iea, TRAILERS.IEA, ic.groups, control));
    }
    const envelope = [...issues, ...ic.groupEnvelope];
    const transactions = ic.transactions;
    ic = null;
    yield { kind: 'interchange', interchange: header, iea, issues, envelope, transactions };
  }

  for (const token of readX12Tokens(text, { envelopeOnly: !options.bodies })) {
    if (token.kind === 'issue') {
      yield token;
    } else if (token.kind === 'isa') {
      ic = interchangeBuilder(token.isa, token.delimiters);
    } else if (token.kind === 'end') {
      yield* closeInterchange();
    } else if (ic) {
      const seg = token.segment;
      switch (seg.id) {
        case 'GS':
          yield* closeGroup(null);
          ic.group = {
            header: { gs: seg, functionalId: el(seg, 1), controlNumber: el(seg, 6), version: el(seg, 8) },
            tx: null,
            transactions: 0,
            txIssues: [],
          };
          break;
        case 'GE':
          if (!ic.group) {
            ic.issues.push({ code: 'PCS_X12_GS_MISSING', message: 'GE without GS', line: seg.ordinal });
          } else {
            yield* closeGroup(seg);
          }
          break;
        case 'ST':
          if (!ic.group) {
            ic.issues.push({ code: 'PCS_X12_GS_MISSING', message: 'ST outside a GS/GE group', line: seg.ordinal });
            break;
          }
          yield* closeTx(null);
          ic.group.tx = { st: seg, body: [], segments: 0 };
          break;
        case 'SE':
          if (ic.group?.tx) yield* closeTx(seg);
          else ic.issues.push({ code: 'PCS_X12_ST_MISSING', message: 'SE without ST', line: seg.ordinal });
          break;
        case 'IEA':
          yield* closeGroup(null);
          ic.iea = seg;
          break;
        default:
          if (ic.group?.tx) {
            ic.group.tx.segments++;
            if (options.bodies) ic.group.tx.body.push(seg);
          } else if (ic.group) {
            ic.issues.push({ code: 'PCS_X12_ST_MISSING', message: `${seg.id} outside ST/SE`, line: seg.ordinal });
          } else {
            ic.issues.push({ code: 'PCS_X12_GS_MISSING', message: `${seg.id} outside GS/GE`, line: seg.ordinal });
          }
      }
    }
  }
}

function interchangeBuilder(isa: X12Segment, delimiters: X12Delimiters): InterchangeBuilder {
  const isaIssue = isaWidthIssue(isa);
  return {
    header: {
      isa,
      delimiters,
      senderQualifier: el(isa, 5),
      senderId: el(isa, 6),
      receiverQualifier: el(isa, 7),
      receiverId: el(isa, 8),
      version: el(isa, 12),
      controlNumber: el(isa, 13),
      usageIndicator: el(isa, 15),
    },
    issues: isaIssue ? [isaIssue] : [],
    groupEnvelope: [],
    group: null,
    groups: 0,
    transactions: 0,
    iea: null,
  };
}

interface InterchangeBuilder {
  readonly header: X12InterchangeHeader;
  /** The interchange's own issues, in file order (the IEA checks are added at its end). */
  readonly issues: X12Issue[];
  /** Issues of the closed groups, each group's own before its transaction sets' (the `envelopeIssues` order). */
  readonly groupEnvelope: X12Issue[];
  group: GroupBuilder | null;
  groups: number;
  transactions: number;
  iea: X12Segment | null;
}

interface GroupBuilder {
  readonly header: X12GroupHeader;
  tx: TxBuilder | null;
  transactions: number;
  readonly txIssues: X12Issue[];
}

interface TxBuilder {
  readonly st: X12Segment;
  /** Kept only when reading bodies. */
  readonly body: X12Segment[];
  /** Segments between ST and SE, kept or not. */
  segments: number;
}

/** Every envelope issue of the interchange, its groups and its transaction sets; any one rejects it whole. */
export function envelopeIssues(interchange: X12Interchange): X12Issue[] {
  return [
    ...interchange.issues,
    ...interchange.groups.flatMap((g) => [...g.issues, ...g.transactions.flatMap((t) => t.issues)]),
  ];
}
