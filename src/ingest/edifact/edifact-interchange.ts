/**
 * UN/EDIFACT envelopes (ISO 9735-1 §9): UNB/UNZ interchange, optional UNG/UNE group (transparent here),
 * UNH/UNT message. Checks, each scoped so one bad unit never loses its neighbours (STYLE §5):
 * - UNT 0074 = number of segments from UNH to UNT inclusive, UNT 0062 = UNH 0062: on mismatch that message
 *   is rejected (its issues are non-empty); the other messages of the interchange still map.
 * - UNZ 0036 = number of messages (or of groups when UNG is used), UNZ 0020 = UNB 0020: reported as issues
 *   of the interchange; its messages still map (each carries its own UNT check).
 */
import { comp } from './edifact-element.js';
import { tokenizeEdifact } from './edifact-tokenizer.js';
import type {
  EdifactDelimiters,
  EdifactDocument,
  EdifactInterchange,
  EdifactIssue,
  EdifactMessage,
  EdifactSegment,
} from './edifact-types.js';

interface Builder {
  readonly unb: EdifactSegment;
  readonly delimiters: EdifactDelimiters;
  readonly messages: EdifactMessage[];
  readonly issues: EdifactIssue[];
  groups: number;
  message: { unh: EdifactSegment; body: EdifactSegment[] } | null;
}

export function parseEdifact(body: Uint8Array | string): EdifactDocument {
  const tokens = tokenizeEdifact(body);
  const issues: EdifactIssue[] = [...tokens.issues];
  const interchanges: EdifactInterchange[] = [];
  let ic: Builder | null = null;

  const closeMessage = (unt: EdifactSegment | null): void => {
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
    ic.messages.push({
      unh,
      reference: ref,
      type: comp(unh, 2, 0).toUpperCase(),
      version: [1, 2, 3, 4].map((i) => comp(unh, 2, i)).join(':'),
      body: segs,
      unt,
      issues: msgIssues,
    });
    ic.message = null;
  };

  const closeInterchange = (unz: EdifactSegment | null): void => {
    if (!ic) return;
    closeMessage(null);
    const control = comp(ic.unb, 5);
    if (!unz) {
      ic.issues.push({
        code: 'PCS_EDIFACT_UNZ_MISSING',
        message: `interchange ${control} has no UNZ trailer`,
        line: ic.unb.ordinal,
      });
    } else {
      const expected = ic.groups > 0 ? ic.groups : ic.messages.length;
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
    interchanges.push({
      unb: ic.unb,
      delimiters: ic.delimiters,
      syntax: comp(ic.unb, 1, 0),
      sender: comp(ic.unb, 2, 0),
      recipient: comp(ic.unb, 3, 0),
      preparedDate: comp(ic.unb, 4, 0),
      preparedTime: comp(ic.unb, 4, 1),
      controlReference: control,
      messages: ic.messages,
      unz,
      issues: ic.issues,
    });
    ic = null;
  };

  tokens.segments.forEach((seg, i) => {
    switch (seg.tag) {
      case 'UNB':
        closeInterchange(null);
        ic = { unb: seg, delimiters: tokens.delimiters[i]!, messages: [], issues: [], groups: 0, message: null };
        return;
      case 'UNZ':
        if (ic) closeInterchange(seg);
        else issues.push({ code: 'PCS_EDIFACT_UNB_MISSING', message: 'UNZ without UNB', line: seg.ordinal });
        return;
      case 'UNG':
        if (ic) ic.groups++;
        return;
      case 'UNE':
        return;
      case 'UNH':
        if (!ic) {
          issues.push({
            code: 'PCS_EDIFACT_UNB_MISSING',
            message: 'UNH outside a UNB/UNZ interchange',
            line: seg.ordinal,
          });
          return;
        }
        closeMessage(null);
        ic.message = { unh: seg, body: [] };
        return;
      case 'UNT':
        if (ic?.message) closeMessage(seg);
        else issues.push({ code: 'PCS_EDIFACT_UNH_MISSING', message: 'UNT without UNH', line: seg.ordinal });
        return;
      default:
        if (ic?.message) ic.message.body.push(seg);
        else if (ic) {
          ic.issues.push({ code: 'PCS_EDIFACT_UNH_MISSING', message: `${seg.tag} outside UNH/UNT`, line: seg.ordinal });
        } else {
          issues.push({
            code: 'PCS_EDIFACT_UNB_MISSING',
            message: `${seg.tag || '(empty)'} outside UNB/UNZ`,
            line: seg.ordinal,
          });
        }
    }
  });
  closeInterchange(null);
  return { interchanges, issues };
}
