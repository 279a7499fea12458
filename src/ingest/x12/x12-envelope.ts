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
import { tokenizeX12 } from './x12-tokenizer.js';
import type { X12Document, X12Group, X12Interchange, X12Issue, X12Segment, X12Transaction } from './x12-types.js';

/** X12.5 ISA element widths (ISA01…ISA16) and the TA1 interchange note code (element I18) for each. */
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

export function parseX12(body: Uint8Array | string): X12Document {
  const tokens = tokenizeX12(body);
  const interchanges: X12Interchange[] = tokens.interchanges.map((raw) => {
    const issues: X12Issue[] = [];
    const isaIssue = isaWidthIssue(raw.isa);
    if (isaIssue) issues.push(isaIssue);
    const groups: X12Group[] = [];
    let group: GroupBuilder | null = null;
    let tx: TxBuilder | null = null;
    let iea: X12Segment | null = null;

    const closeTx = (se: X12Segment | null): void => {
      if (!tx || !group) return;
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
        const count = tx.body.length + 2;
        txIssues.push(...trailerIssues(se, TRAILERS.SE, count, control));
      }
      group.transactions.push({
        setId: el(tx.st, 1),
        controlNumber: control,
        st: tx.st,
        body: tx.body,
        se,
        issues: txIssues,
      });
      tx = null;
    };

    const closeGroup = (ge: X12Segment | null): void => {
      if (!group) return;
      closeTx(null);
      const gIssues: X12Issue[] = [];
      const control = el(group.gs, 6);
      if (!ge) {
        gIssues.push({
          code: 'PCS_X12_GE_MISSING',
          message: `group GS06 ${control} has no GE trailer (997 AK9 code 3)`,
          line: group.gs.ordinal,
          pointer: 'GE',
        });
      } else {
        gIssues.push(...trailerIssues(ge, TRAILERS.GE, group.transactions.length, control));
      }
      groups.push({
        gs: group.gs,
        functionalId: el(group.gs, 1),
        controlNumber: control,
        version: el(group.gs, 8),
        transactions: group.transactions,
        ge,
        issues: gIssues,
      });
      group = null;
    };

    for (const seg of raw.segments) {
      switch (seg.id) {
        case 'GS':
          closeGroup(null);
          group = { gs: seg, transactions: [] };
          break;
        case 'GE':
          if (!group) {
            issues.push({ code: 'PCS_X12_GS_MISSING', message: 'GE without GS', line: seg.ordinal });
          } else {
            closeGroup(seg);
          }
          break;
        case 'ST':
          if (!group) {
            issues.push({ code: 'PCS_X12_GS_MISSING', message: 'ST outside a GS/GE group', line: seg.ordinal });
            break;
          }
          closeTx(null);
          tx = { st: seg, body: [] };
          break;
        case 'SE':
          if (tx) closeTx(seg);
          else issues.push({ code: 'PCS_X12_ST_MISSING', message: 'SE without ST', line: seg.ordinal });
          break;
        case 'IEA':
          closeGroup(null);
          iea = seg;
          break;
        default:
          if (tx) tx.body.push(seg);
          else if (group) {
            issues.push({ code: 'PCS_X12_ST_MISSING', message: `${seg.id} outside ST/SE`, line: seg.ordinal });
          } else {
            issues.push({ code: 'PCS_X12_GS_MISSING', message: `${seg.id} outside GS/GE`, line: seg.ordinal });
          }
      }
    }
    closeGroup(null);

    const control = el(raw.isa, 13);
    if (!iea) {
      issues.push({
        code: 'PCS_X12_IEA_MISSING',
        message: `interchange ISA13 ${control} has no IEA trailer (TA1 note 023)`,
        line: raw.isa.ordinal,
        pointer: 'IEA',
      });
    } else {
      issues.push(...trailerIssues(iea, TRAILERS.IEA, groups.length, control));
    }
    return {
      isa: raw.isa,
      delimiters: raw.delimiters,
      senderQualifier: el(raw.isa, 5),
      senderId: el(raw.isa, 6),
      receiverQualifier: el(raw.isa, 7),
      receiverId: el(raw.isa, 8),
      version: el(raw.isa, 12),
      controlNumber: control,
      usageIndicator: el(raw.isa, 15),
      groups,
      iea,
      issues,
    };
  });
  return { interchanges, issues: [...tokens.issues] };
}

interface GroupBuilder {
  readonly gs: X12Segment;
  readonly transactions: X12Transaction[];
}

interface TxBuilder {
  readonly st: X12Segment;
  readonly body: X12Segment[];
}

/** Every envelope issue of the interchange, its groups and its transaction sets; any one rejects it whole. */
export function envelopeIssues(interchange: X12Interchange): X12Issue[] {
  return [
    ...interchange.issues,
    ...interchange.groups.flatMap((g) => [...g.issues, ...g.transactions.flatMap((t) => t.issues)]),
  ];
}
