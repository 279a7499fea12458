/**
 * When a terminal or port notice bears on a trucker's answer (docs/truckers.md). Pure: no I/O.
 * - A notice is in force at `at` when it is ACTIVE and `validFrom <= at < validTo` (no end: until further notice).
 * - It concerns a terminal when it names that terminal, or names none (port-wide) and its port is the terminal's or
 *   none.
 * - It affects an empty return of a carrier and size/type when it concerns the location and is not an
 *   EMPTIES_NOT_ACCEPTED notice for another carrier or size/type.
 * - It stops the location from being offered when it is `GATE_CLOSED`, or `EMPTIES_NOT_ACCEPTED` that affects it.
 */
import type { NoticeStatus, NoticeType } from '../cargo-event-codes.js';

export interface NoticeFacts {
  readonly noticeType: NoticeType;
  readonly status: NoticeStatus;
  readonly terminal: string | null;
  readonly unLocationCode: string | null;
  readonly carrierScac: string | null;
  readonly isoType: string | null;
  /** Epoch milliseconds. */
  readonly validFromMs: number;
  readonly validToMs: number | null;
}

export function inForceAt(n: NoticeFacts, atMs: number): boolean {
  return n.status === 'ACTIVE' && n.validFromMs <= atMs && (n.validToMs === null || atMs < n.validToMs);
}

/** In force at some instant of [fromMs, toMs). */
export function inForceDuring(n: NoticeFacts, fromMs: number, toMs: number): boolean {
  return n.status === 'ACTIVE' && n.validFromMs < toMs && (n.validToMs === null || fromMs < n.validToMs);
}

export function concernsTerminal(n: NoticeFacts, terminal: string, unLocationCode: string | null): boolean {
  if (n.terminal !== null) return n.terminal === terminal;
  return n.unLocationCode === null || unLocationCode === null || n.unLocationCode === unLocationCode;
}

export function affectsEmptyReturn(
  n: NoticeFacts,
  location: { readonly code: string; readonly unLocationCode: string | null },
  scac: string,
  isoType: string,
): boolean {
  if (!concernsTerminal(n, location.code, location.unLocationCode)) return false;
  if (n.noticeType !== 'EMPTIES_NOT_ACCEPTED') return true;
  return (n.carrierScac === null || n.carrierScac === scac) && (n.isoType === null || n.isoType === isoType);
}

/** Whether an affecting notice closes the location to this empty (else it is a warning shown with it). */
export function closesEmptyReturn(n: NoticeFacts): boolean {
  return n.noticeType === 'GATE_CLOSED' || n.noticeType === 'EMPTIES_NOT_ACCEPTED';
}
