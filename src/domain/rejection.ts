import type { ErrorCode } from './errors/catalogue.js';

/** One part of a message that could not become an event, with a stable machine-readable code. */
export interface Rejection {
  /** Stable error code from the catalogue, e.g. `PCS_CSV_BAD_DATETIME` (docs/errors.md); no other compiles. */
  readonly code: ErrorCode;
  readonly message: string;
  /** 1-based line (or segment) number in the message, where it applies. */
  readonly line?: number | undefined;
  /** JSON pointer / field name of the offending field, where it applies. */
  readonly pointer?: string | undefined;
}
