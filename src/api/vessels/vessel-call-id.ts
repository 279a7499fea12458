/**
 * The vessel call id as routes take it (`<MMSI>:<UTC minute the call started>`, as
 * `domain/vessel-calls/build-vessel-calls.ts` makes it) and the `(start, call id)` key of a call list's cursor:
 * one definition for every route that names a call or pages through calls.
 */
import { z } from 'zod';
import { badCursorProblem } from '../problem.js';

/** A vessel call id: `<MMSI>:<UTC minute the call started>`. */
export const CALL_ID = /^\d{9}:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The `callId` path parameter; each route adds its own description. */
export const CallIdParam = z.string().regex(CALL_ID, 'a call id: <MMSI>:<YYYY-MM-DDTHH:MM>');

/** Where a call sits in a call list's order. */
export interface CallListKey {
  readonly start: Date;
  readonly callId: string;
}

/**
 * The (start, call id) a call-list cursor holds (`<start>|<call id>`). Only what `encodeListCursor` wrote is
 * taken: the start exactly as `toISOString` prints it (so a year PostgreSQL cannot store never reaches it) and a
 * call id; anything else is a 400.
 */
export function callListKey(key: string | undefined): CallListKey | undefined {
  if (key === undefined) return undefined;
  const bar = key.indexOf('|');
  if (bar < 0) throw badCursorProblem();
  const startText = key.slice(0, bar);
  const callId = key.slice(bar + 1);
  const start = new Date(startText);
  const issued =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(startText) &&
    !Number.isNaN(start.getTime()) &&
    start.toISOString() === startText &&
    CALL_ID.test(callId);
  if (!issued) throw badCursorProblem();
  return { start, callId };
}
