import type { ErrorSpec } from './error-spec.js';

/** Errors of the equipment API (docs/equipment.md). */
export const EQUIPMENT_ERRORS = {
  PCS_EQUIPMENT_NOT_FOUND: {
    status: 404,
    title: 'No such equipment unit',
    text: 'no such unit, or not visible to you (the two are indistinguishable)',
  },
} as const satisfies Record<string, ErrorSpec>;
