/**
 * ANSI X12 envelope structure (X12.6): ISA/IEA interchange, GS/GE functional group, ST/SE transaction set.
 * Control checks, each scoped so one bad unit never loses its neighbours (STYLE §5):
 * - SE01 = number of segments from ST to SE inclusive, SE02 = ST02: on mismatch that transaction set is
 *   rejected (its issues are non-empty); the others in the group still map.
 * - GE01 = number of transaction sets, GE02 = GS06; IEA01 = number of groups, IEA02 = ISA13: reported as
 *   issues of the group/interchange, transaction sets inside still map (each carries its own SE check).
 */
import { el } from './x12-element.js';
import { tokenizeX12 } from './x12-tokenizer.js';
import type { X12Document, X12Group, X12Interchange, X12Issue, X12Segment, X12Transaction } from './x12-types.js';

export function parseX12(body: Uint8Array | string): X12Document {
  const tokens = tokenizeX12(body);
  const interchanges: X12Interchange[] = tokens.interchanges.map((raw) => {
    const issues: X12Issue[] = [];
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
          message: `transaction set ${el(tx.st, 1)} ${control} has no SE trailer`,
          line: tx.st.ordinal,
        });
      } else {
        const count = tx.body.length + 2;
        if (el(se, 1) !== String(count)) {
          txIssues.push({
            code: 'PCS_X12_SE_COUNT_MISMATCH',
            message: `SE01 says ${el(se, 1) || '(empty)'} segments, transaction set ${control} has ${count}`,
            line: se.ordinal,
          });
        }
        if (el(se, 2) !== control) {
          txIssues.push({
            code: 'PCS_X12_SE_CONTROL_MISMATCH',
            message: `SE02 ${el(se, 2) || '(empty)'} differs from ST02 ${control}`,
            line: se.ordinal,
          });
        }
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
          message: `group ${control} has no GE trailer`,
          line: group.gs.ordinal,
        });
      } else {
        if (el(ge, 1) !== String(group.transactions.length)) {
          gIssues.push({
            code: 'PCS_X12_GE_COUNT_MISMATCH',
            message: `GE01 says ${el(ge, 1) || '(empty)'} transaction sets, group ${control} has ${group.transactions.length}`,
            line: ge.ordinal,
          });
        }
        if (el(ge, 2) !== control) {
          gIssues.push({
            code: 'PCS_X12_GE_CONTROL_MISMATCH',
            message: `GE02 ${el(ge, 2) || '(empty)'} differs from GS06 ${control}`,
            line: ge.ordinal,
          });
        }
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
        message: `interchange ${control} has no IEA trailer`,
        line: raw.isa.ordinal,
      });
    } else {
      if (el(iea, 1) !== String(groups.length)) {
        issues.push({
          code: 'PCS_X12_IEA_COUNT_MISMATCH',
          message: `IEA01 says ${el(iea, 1) || '(empty)'} groups, interchange ${control} has ${groups.length}`,
          line: iea.ordinal,
        });
      }
      if (el(iea, 2) !== control) {
        issues.push({
          code: 'PCS_X12_IEA_CONTROL_MISMATCH',
          message: `IEA02 ${el(iea, 2) || '(empty)'} differs from ISA13 ${control}`,
          line: iea.ordinal,
        });
      }
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
