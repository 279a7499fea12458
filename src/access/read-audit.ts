/**
 * Reads of restricted data are audited (DESIGN §5), decided here for every read path. Anonymous callers
 * see public data only, so their reads are never audited. A member's successful read of a route that can
 * return non-public data is audited once: by the route itself where it knows what it returned (it records
 * the precise entry and marks the request audited, or reports that it returned public data only), else by
 * the API's `onResponse` hook, which assumes the answer was restricted (better one entry too many than a
 * restricted read with none).
 */
import type { AccessScope } from './access-scope.js';

export interface ReadAuditEntry {
  readonly orgId: string;
  readonly apiKeyId: string | null;
  readonly action: 'read';
  readonly resource: string;
  readonly detail: Record<string, unknown>;
}

/** Where audited reads go (`AuditLogRepository.recordRead`: queued, written in batches). */
export interface ReadAuditSink {
  recordRead(entry: ReadAuditEntry): void;
}

/**
 * Records a read of `resource` by `scope` when it may have returned non-public data (`nonPublic`: how many
 * non-public items were returned, or true when the reader cannot tell). Returns whether it recorded one.
 */
export function auditRead(
  sink: ReadAuditSink,
  scope: AccessScope,
  resource: string,
  nonPublic: number | boolean,
  detail: Record<string, unknown> = {},
): boolean {
  if (!scope.member || nonPublic === false || nonPublic === 0) return false;
  sink.recordRead({ orgId: scope.orgId, apiKeyId: scope.keyId, action: 'read', resource, detail });
  return true;
}
