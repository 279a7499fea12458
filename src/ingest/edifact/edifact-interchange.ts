/**
 * UN/EDIFACT envelopes (ISO 9735-1 §9): UNB/UNZ interchange, optional UNG/UNE group (transparent here),
 * UNH/UNT message. Checks, each scoped so one bad unit never loses its neighbours (STYLE §5):
 * - UNT 0074 = number of segments from UNH to UNT inclusive, UNT 0062 = UNH 0062: on mismatch that message
 *   is rejected (its issues are non-empty); the other messages of the interchange still map.
 * - UNZ 0036 = number of messages (or of groups when UNG is used), UNZ 0020 = UNB 0020: reported as issues
 *   of the interchange; its messages still map (each carries its own UNT check).
 */
import { comp } from './edifact-element.js';
import { readEdifactTokens } from './edifact-tokenizer.js';
import type {
  EdifactDocument,
  EdifactInterchange,
  EdifactInterchangeHeader,
  EdifactIssue,
  EdifactMessage,
  EdifactSegment,
} from './edifact-types.js';

interface Builder {
  readonly header: EdifactInterchangeHeader;
  readonly issues: EdifactIssue[];
  messages: number;
  groups: number;
  message: { unh: EdifactSegment; body: EdifactSegment[] } | null;
}

/** What `readEdifact` finds, in file order. */
export type EdifactPart =
  /** A problem outside any interchange (or of the service string). */
  | { readonly kind: 'issue'; readonly issue: EdifactIssue }
  /** A message, complete (UNT read, or cut off by the next UNH/UNB or the end). */
  | { readonly kind: 'message'; readonly interchange: EdifactInterchangeHeader; readonly message: EdifactMessage }
  /** The end of an interchange (its UNZ, or none), with its envelope issues. */
  | {
      readonly kind: 'interchange';
      readonly interchange: EdifactInterchangeHeader;
      readonly unz: EdifactSegment | null;
      readonly issues: readonly EdifactIssue[];
    };

/** The whole document at once (tests, small messages); `readEdifact` streams it message by message. */
export function parseEdifact(body: Uint8Array | string): EdifactDocument {
  const issues: EdifactIssue[] = [];
  const interchanges: EdifactInterchange[] = [];
  let messages: EdifactMessage[] = [];
  for (const part of readEdifact(body)) {
    if (part.kind === 'issue') issues.push(part.issue);
    else if (part.kind === 'message') messages.push(part.message);
    else {
      interchanges.push({ ...part.interchange, messages, unz: part.unz, issues: part.issues });
      messages = [];
    }
  }
  return { interchanges, issues };
}

/**
 * The interchanges' messages one by one, each as soon as it is complete, so a large interchange is never
 * held whole: a message needs only its own segments and its interchange's UNB, and the UNZ checks become
 * issues of the interchange at its end (they never hold a message back).
 */
export function* readEdifact(body: Uint8Array | string): Generator<EdifactPart> {
  let ic: Builder | null = null;

  function* closeMessage(unt: EdifactSegment | null): Generator<EdifactPart> {
    if (!ic?.message) return;
    const { unh, body: segs } = ic.message;
    const ref = comp(unh, 1);
    const msgIssues: EdifactIssue[] = [];
    if (!unt) {
      msgIssues.push({
        code: 'PCS_EDIFACT_UNT_MISSING',
        message: `message ${ref} has no UNT trailer`,
        line: unh.ordinal,
      });
    } else {
      const count = segs.length + 2;
      if (comp(unt, 1) !== String(count)) {
        msgIssues.push({
          code: 'PCS_EDIFACT_UNT_COUNT_MISMATCH',
          message: `UNT says ${comp(unt, 1) || '(empty)'} segments, message ${ref} has ${count}`,
          line: unt.ordinal,
        });
      }
      if (comp(unt, 2) !== ref) {
        msgIssues.push({
          code: 'PCS_EDIFACT_UNT_CONTROL_MISMATCH',
          message: `UNT reference ${comp(unt, 2) || '(empty)'} differs from UNH ${ref}`,
          line: unt.ordinal,
        });
      }
    }
    ic.messages++;
    ic.message = null;
    yield {
      kind: 'message',
      interchange: ic.header,
      message: {
        unh,
        reference: ref,
        type: comp(unh, 2, 0).toUpperCase(),
        version: [1, 2, 3, 4].map((i) => comp(unh, 2, i)).join(':'),
        body: segs,
        unt,
        issues: msgIssues,
      },
    };
  }

  function* closeInterchange(unz: EdifactSegment | null): Generator<EdifactPart> {
    if (!ic) return;
    yield* closeMessage(null);
    const control = ic.header.controlReference;
    if (!unz) {
      ic.issues.push({
        code: 'PCS_EDIFACT_UNZ_MISSING',
        message: `interchange ${control} has no UNZ trailer`,
        line: ic.header.unb.ordinal,
      });
    } else {
      const expected = ic.groups > 0 ? ic.groups : ic.messages;
      if (comp(unz, 1) !== String(expected)) {
        ic.issues.push({
          code: 'PCS_EDIFACT_UNZ_COUNT_MISMATCH',
          message: `UNZ says ${comp(unz, 1) || '(empty)'}, interchange ${control} has ${expected}`,
          line: unz.ordinal,
        });
      }
      if (comp(unz, 2) !== control) {
        ic.issues.push({
          code: 'PCS_EDIFACT_UNZ_CONTROL_MISMATCH',
          message: `UNZ reference ${comp(unz, 2) || '(empty)'} differs from UNB ${control}`,
          line: unz.ordinal,
        });
      }
    }
    yield { kind: 'interchange', interchange: ic.header, unz, issues: ic.issues };
    ic = null;
  }

  for (const token of readEdifactTokens(body)) {
    if ('issue' in token) {
      yield { kind: 'issue', issue: token.issue };
      continue;
    }
    const seg = token.segment;
    switch (seg.tag) {
      case 'UNB':
        yield* closeInterchange(null);
        ic = {
          header: {
            unb: seg,
            delimiters: token.delimiters,
            syntax: comp(seg, 1, 0),
            sender: comp(seg, 2, 0),
            recipient: comp(seg, 3, 0),
            preparedDate: comp(seg, 4, 0),
            preparedTime: comp(seg, 4, 1),
            controlReference: comp(seg, 5),
          },
          issues: [],
          messages: 0,
          groups: 0,
          message: null,
        };
        break;
      case 'UNZ':
        if (ic) yield* closeInterchange(seg);
        else {
          yield {
            kind: 'issue',
            issue: { code: 'PCS_EDIFACT_UNB_MISSING', message: 'UNZ without UNB', line: seg.ordinal },
          };
        }
        break;
      case 'UNG':
        if (ic) ic.groups++;
        break;
      case 'UNE':
        break;
      case 'UNH':
        if (!ic) {
          yield {
            kind: 'issue',
            issue: { code: 'PCS_EDIFACT_UNB_MISSING', message: 'UNH outside a UNB/UNZ interchange', line: seg.ordinal },
          };
          break;
        }
        yield* closeMessage(null);
        ic.message = { unh: seg, body: [] };
        break;
      case 'UNT':
        if (ic?.message) yield* closeMessage(seg);
        else {
          yield {
            kind: 'issue',
            issue: { code: 'PCS_EDIFACT_UNH_MISSING', message: 'UNT without UNH', line: seg.ordinal },
          };
        }
        break;
      default:
        if (ic?.message) ic.message.body.push(seg);
        else if (ic) {
          ic.issues.push({ code: 'PCS_EDIFACT_UNH_MISSING', message: `${seg.tag} outside UNH/UNT`, line: seg.ordinal });
        } else {
          yield {
            kind: 'issue',
            issue: {
              code: 'PCS_EDIFACT_UNB_MISSING',
              message: `${seg.tag || '(empty)'} outside UNB/UNZ`,
              line: seg.ordinal,
            },
          };
        }
    }
  }
  yield* closeInterchange(null);
}
