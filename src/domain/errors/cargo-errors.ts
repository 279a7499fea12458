import type { ErrorSpec } from './error-spec.js';

/** Errors of the cargo API (containers, truck visits). */
export const CARGO_ERRORS = {
  PCS_CARGO_CONTAINER_NOT_FOUND: {
    status: 404,
    title: 'No such container',
    text: 'no such container, or none of its events is visible to you (the two are indistinguishable)',
  },
  PCS_CARGO_VISIT_NOT_FOUND: {
    status: 404,
    title: 'No such truck visit',
    text: 'no such truck visit (or not visible to you)',
  },
  PCS_CARGO_VISIT_AMBIGUOUS: {
    status: 409,
    title: 'Visit id used at several terminals',
    text: 'the visit id exists at several terminals: add `?terminal=`',
  },
} as const satisfies Record<string, ErrorSpec>;
