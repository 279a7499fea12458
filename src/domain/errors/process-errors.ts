import type { ErrorSpec } from './error-spec.js';

/** Errors that stop a process from starting (reported on the CLI and in the log, never in an HTTP answer). */
export const PROCESS_ERRORS = {
  PCS_CONFIG_INVALID: {
    status: 'start-up',
    title: 'Invalid configuration',
    text: 'an environment variable is invalid; the message lists every bad one',
  },
  PCS_STORE_DATA_DIR_IN_USE: {
    status: 'start-up',
    title: 'Data directory in use',
    text: 'another process holds the embedded database directory',
  },
} as const satisfies Record<string, ErrorSpec>;
