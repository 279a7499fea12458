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
 * Served by `GET /inbox/{id}/ack` for X12 messages.
 */
import { el } from './x12-element.js';
import { envelopeIssues } from './x12-envelope.js';
import type { X12Group, X12Interchange, X12Issue } from './x12-types.js';

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

export function build997(interchange: X12Interchange, options: Build997Options): string {
  const d = interchange.delimiters;
  const e = d.element;
  const iso = options.now.toISOString();
  const ccyymmdd = iso.slice(0, 10).replaceAll('-', '');
  const hhmm = iso.slice(11, 16).replace(':', '');
  const isaControl = String(options.interchangeControlNumber).padStart(9, '0');
  const gsControl = String(options.groupControlNumber);
  const version = interchange.version || '00401';
  const isa11 = version >= '00402' && d.repetition ? d.repetition : 'U';

  const segments: string[] = [];
  const isa = [
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
    isaControl,
    '0',
    interchange.usageIndicator || 'P',
    d.component,
  ].join(e);
  segments.push(isa);
  const firstGs = interchange.groups[0]?.gs;
  segments.push(
    [
      'GS',
      'FA',
      firstGs ? el(firstGs, 3) : interchange.receiverId,
      firstGs ? el(firstGs, 2) : interchange.senderId,
      ccyymmdd,
      hhmm,
      gsControl,
      'X',
      '004010',
    ].join(e),
  );
  const whole = envelopeIssues(interchange).length > 0;
  interchange.groups.forEach((group, i) => segments.push(...ack(group, String(i + 1).padStart(4, '0'), e, whole)));
  segments.push(['GE', String(interchange.groups.length), gsControl].join(e));
  segments.push(['IEA', '1', isaControl].join(e));
  return segments.map((s) => s + d.segment + (options.lineBreak ?? '')).join('');
}

function ack(group: X12Group, control: string, e: string, rejectedWhole: boolean): string[] {
  const body: string[] = [['AK1', group.functionalId, group.controlNumber].join(e)];
  let accepted = 0;
  for (const tx of group.transactions) {
    body.push(['AK2', tx.setId, tx.controlNumber].join(e));
    const codes = [...new Set(tx.issues.map((i) => AK5_CODES[i.code]).filter((c): c is string => c !== undefined))];
    if (codes.length === 0 && !rejectedWhole) {
      accepted++;
      body.push(['AK5', 'A'].join(e));
    } else {
      body.push(['AK5', 'R', ...codes.slice(0, 5)].join(e));
    }
  }
  const received = group.transactions.length;
  const groupCodes = group.issues.map((i) => AK9_CODES[i.code]).filter((c): c is string => c !== undefined);
  const status =
    accepted === received && groupCodes.length === 0 ? 'A' : accepted === 0 ? 'R' : accepted < received ? 'P' : 'E';
  const included = group.ge ? el(group.ge, 1) || String(received) : String(received);
  body.push(['AK9', status, included, String(received), String(accepted), ...groupCodes.slice(0, 5)].join(e));
  const st = ['ST', '997', control].join(e);
  const se = ['SE', String(body.length + 2), control].join(e);
  return [st, ...body, se];
}
