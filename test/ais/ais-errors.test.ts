/** Every AIS error code is documented in docs/ais.md, and the docs list no retired code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AIS_ERRORS } from '../../src/ingest/ais/ais-errors.js';

describe('AIS error catalogue', () => {
  it('should match the codes documented in docs/ais.md', () => {
    const docs = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'ais.md'), 'utf8');
    const documented = [...new Set(docs.match(/PCS_AIS_[A-Z_]+/g) ?? [])].sort();
    expect(documented).toEqual(Object.keys(AIS_ERRORS).sort());
    for (const entry of Object.values(AIS_ERRORS)) expect(entry.status).toBe(422);
  });
});
