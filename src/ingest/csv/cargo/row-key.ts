/**
 * Idempotency key of a CSV-derived event: `<format>:<natural id parts…>:<sha256 of the normalised row>`.
 * The hash covers the parsed, normalised values (not the raw text), so the same file re-sent — even with
 * other whitespace, case or delimiter — gives the same keys, while any change of substance in a row gives
 * that row's event a new key (a new fact; the old one stays in the history).
 */
import { canonicalJsonHash } from '../../dcsa/canonical-json-hash.js';

export function rowKey(format: string, ids: readonly string[], normalised: unknown): string {
  return [format, ...ids, canonicalJsonHash(normalised)].join(':');
}
