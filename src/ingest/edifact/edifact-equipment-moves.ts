/**
 * The frame COARRI and CODECO share (SMDG COARRI 1.2 and CODECO MIGs, directory D.95B): BGM 1001 names the
 * move, one segment group per container starting with EQD (see edifact-equipment.ts), and each container's
 * DTM of the move, read in the zone of where it moved. A BGM code the message does not list is
 * PCS_EDIFACT_UNKNOWN_DOCUMENT, never guessed into a move; one rejected container (bad check digit, no DTM)
 * never drops its neighbours. What differs per message — the document codes, the DTM qualifier, where the
 * move happened and by which means — is the `EquipmentMoveMessage` each mapper declares.
 */
import type { EventLocation, NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { ModeOfTransport } from '../../domain/cargo-event-codes.js';
import type { Rejection } from '../message-parser.js';
import { comp } from './edifact-element.js';
import { dtmInstantAt, findDtm } from './edifact-dtm.js';
import { edifactEquipment } from './edifact-equipment.js';
import { splitGroups } from './edifact-groups.js';
import type { EdifactMapResult, EdifactMessageContext } from './edifact-message-context.js';
import { edifactMoveEvent, type EdifactMove } from './edifact-move-event.js';
import type { EdifactSegment } from './edifact-types.js';
import type { EdifactVessel } from './edifact-vessel.js';

/** Where and how one container moved: the event's location (its zone reads a zone-less DTM) and transport. */
export interface ContainerMove {
  readonly location?: EventLocation | undefined;
  readonly vessel?: EdifactVessel | undefined;
  readonly mode?: ModeOfTransport | undefined;
  readonly extra?: Readonly<Record<string, unknown>> | undefined;
}

export interface EquipmentMoveMessage<C extends EdifactMove['code']> {
  /** The message name in rejection texts, e.g. `COARRI`. */
  readonly name: string;
  /** BGM 1001 document name code → the move. */
  readonly documents: Readonly<Record<string, C>>;
  /** What a BGM code outside `documents` is not, after `BGM <code> `, e.g. `is not a loading (…) report`. */
  readonly notADocument: string;
  /** DTM 2005 qualifier of the move's date/time and what it means, e.g. `203`, `execution date/time`. */
  readonly dtm: { readonly qualifier: string; readonly meaning: string };
  /** Reads what the header states for every container, and answers where and how one container group moved. */
  moves(header: readonly EdifactSegment[], code: C): (group: readonly EdifactSegment[]) => ContainerMove;
}

export function mapEquipmentMoves<C extends EdifactMove['code']>(
  ctx: EdifactMessageContext,
  message: EquipmentMoveMessage<C>,
): EdifactMapResult {
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  const where = `${message.name} ${ctx.message.reference}`;
  const bgm = ctx.message.body.find((s) => s.tag === 'BGM');
  const code = bgm ? message.documents[comp(bgm, 1, 0)] : undefined;
  if (!bgm || !code) {
    return {
      events,
      rejected: [
        {
          code: bgm ? 'PCS_EDIFACT_UNKNOWN_DOCUMENT' : 'PCS_EDIFACT_MISSING_SEGMENT',
          message: bgm ? `${where}: BGM ${comp(bgm, 1, 0)} ${message.notADocument}` : `${where}: no BGM`,
          line: bgm?.ordinal ?? ctx.message.unh.ordinal,
        },
      ],
    };
  }
  const { header, groups } = splitGroups(ctx.message.body, (s) => s.tag === 'EQD');
  if (groups.length === 0) {
    return {
      events,
      rejected: [{ code: 'PCS_EDIFACT_MISSING_SEGMENT', message: `${where}: no EQD`, line: bgm.ordinal }],
    };
  }
  const { qualifier, meaning } = message.dtm;
  const moveOf = message.moves(header, code);
  for (const group of groups) {
    const r = edifactEquipment(group, group[0], where);
    if ('rejection' in r) {
      rejected.push(r.rejection);
      continue;
    }
    const move = moveOf(group);
    const instant = dtmInstantAt(
      findDtm(group, [qualifier]) ?? findDtm(header, [qualifier]),
      { message: `${r.equipment.container} has no DTM+${qualifier} (${meaning})`, line: r.equipment.eqd.ordinal },
      move.location,
      ctx.parse,
      where,
    );
    if ('rejection' in instant) {
      rejected.push(instant.rejection);
      continue;
    }
    events.push(
      edifactMoveEvent(ctx, { ...move, code, classifier: 'ACT', eventDateTime: instant.at, equipment: r.equipment }),
    );
  }
  return { events, rejected };
}
