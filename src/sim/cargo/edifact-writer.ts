/**
 * The terminal's UN/EDIFACT D.95B messages, shaped as the product's parsers read them
 * (src/ingest/edifact/, docs/formats-x12-edifact.md):
 * - COARRI (SMDG COARRI MIG 1.2, ITG12): one interchange per call and direction, BGM `98` discharge report or
 *   `270` loading report; TDT `20` with voyage, carrier and IMO; LOC `165` port + SMDG terminal; per box EQD
 *   (8249 status `3` import / `2` export, 8169 `5` full / `4` empty), RFF BM/BN, DTM `203`, LOC `9`/`11`, SEL.
 * - CODECO (SMDG CODECO MIG, ITG14): one interchange per terminal and hour with a gate-in (`34`) and a
 *   gate-out (`36`) message; per box EQD, RFF, DTM `7`, LOC `165`, SEL, TDT road with the truck plate.
 * Date-times are local (format 203, no zone), as terminals send them: the product reads them in the port's zone.
 */
import type { CargoEvent } from './cargo-events.js';
import type { CallCargo, ExportBox, ImportBox } from './cargo-model.js';
import { pacificEdifact203 } from './pacific-time.js';

/** Release character `?` before the service characters (ISO 9735 default UNA `:+.? '`). */
const esc = (text: string): string => text.replace(/[?+:']/g, (c) => `?${c}`);

function unbStamp(ms: number): string {
  const s = pacificEdifact203(ms);
  return `${s.slice(2, 8)}:${s.slice(8, 12)}`;
}

function interchange(sender: string, recipient: string, sendMs: number, ref: string, messages: string[][]): string {
  const lines = [`UNB+UNOA:2+${sender}+${recipient}+${unbStamp(sendMs)}+${ref}'`];
  messages.forEach((body, i) => {
    const unh = `UNH+${i + 1}+${body[0]}'`;
    const segments = [unh, ...body.slice(1)];
    lines.push(...segments, `UNT+${segments.length + 1}+${i + 1}'`);
  });
  lines.push(`UNZ+${messages.length}+${ref}'`);
  return `${lines.join('\n')}\n`;
}

const eqd = (box: ImportBox | ExportBox, empty: boolean): string =>
  `EQD+CN+${box.number}+${box.type.sizeType}:102:5++${box.kind === 'import' ? 3 : 2}+${empty ? 4 : 5}'`;

const rff = (box: ImportBox | ExportBox): string =>
  box.kind === 'import' ? `RFF+BM:${box.billOfLading}'` : `RFF+BN:${box.booking}'`;

/** A COARRI discharge or loading report of one call, `ref` the interchange control reference (≤ 14). */
export function coarriBody(cargo: CallCargo, direction: 'DISC' | 'LOAD', sendMs: number, ref: string): string {
  const c = cargo.call;
  const discharge = direction === 'DISC';
  const voyage = discharge ? c.voyage : cargo.exportVoyage;
  const body = [
    'COARRI:D:95B:UN:ITG12',
    `BGM+${discharge ? '98' : '270'}+${discharge ? 'DIS' : 'LOA'}${ref}+9'`,
    `DTM+137:${pacificEdifact203(sendMs)}:203'`,
    `TDT+20+${voyage}+1+13+${c.carrierScac}:172:20+++${c.vessel.imo ?? ''}:146:11:${esc(c.vessel.name)}'`,
    `LOC+165+${c.port}:139:6+${c.terminal}:TER:306'`,
    `NAD+CF+${c.carrierScac}:160:20'`,
  ];
  const boxes = discharge ? cargo.imports : cargo.exports;
  for (const box of boxes) {
    const empty = box.kind === 'export' && !box.full;
    const at = box.kind === 'import' ? box.dischargeMs : box.loadMs;
    body.push(eqd(box, empty), rff(box), `DTM+203:${pacificEdifact203(at)}:203'`);
    if (discharge) body.push(`LOC+9+${c.previousPort}:139:6'`, `LOC+11+${c.port}:139:6'`);
    else body.push(`LOC+9+${c.port}:139:6'`, `LOC+11+${c.previousPort}:139:6'`);
    if (box.seal) body.push(`SEL+${box.seal}+CA'`);
  }
  body.push(`CNT+16:${boxes.length}'`);
  return interchange(c.terminal, c.carrierScac, sendMs, ref, [body]);
}

type GateEvent = Extract<CargoEvent, { kind: 'GATE' }>;

/** A terminal's CODECO for one hour: gate-in and gate-out messages for the boxes through its gates. */
export function codecoBody(terminal: string, events: readonly GateEvent[], sendMs: number, ref: string): string | null {
  const messages: string[][] = [];
  for (const direction of ['IN', 'OUT'] as const) {
    const moves = events.filter((e) => e.direction === direction && e.box);
    if (moves.length === 0) continue;
    const body = [
      'CODECO:D:95B:UN:ITG14',
      `BGM+${direction === 'IN' ? '34' : '36'}+${direction === 'IN' ? 'GI' : 'GO'}${ref}+9'`,
      `NAD+MS+${terminal}:160:ZZZ'`,
    ];
    for (const e of moves) {
      const box = e.box!;
      body.push(
        eqd(box, e.empty),
        ...(e.empty ? [] : [rff(box)]),
        `DTM+7:${pacificEdifact203(e.atMs)}:203'`,
        `LOC+165+${e.cargo.call.port}:139:6+${terminal}:TER:306'`,
        ...(box.seal && !e.empty ? [`SEL+${box.seal}+CA'`] : []),
        `TDT+1++3+31++++:146::${e.visit.plate}'`,
      );
    }
    body.push(`CNT+16:${moves.length}'`);
    messages.push(body);
  }
  return messages.length > 0 ? interchange(`${terminal}:ZZZ`, 'OPENPCS:ZZZ', sendMs, ref, messages) : null;
}
