import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DCSA_ERRORS } from '../../dcsa/dcsa-errors.js';
import { CARGO_CSV_ERRORS } from './cargo-csv-errors.js';

// STYLE §4: the catalogue and the docs list the same codes; a code missing from either fails here.
const doc = readFileSync(new URL('../../../../docs/formats-dcsa-csv.md', import.meta.url), 'utf8');
const documented = (prefix: string) =>
  new Set([...doc.matchAll(/^\| `(PCS_[A-Z_]+)` \|/gm)].map((m) => m[1]!).filter((c) => c.startsWith(prefix)));

describe('error catalogues of the DCSA and cargo CSV parsers', () => {
  it('should document every DCSA code and no retired one', () => {
    expect([...documented('PCS_DCSA_')].sort()).toEqual(Object.keys(DCSA_ERRORS).sort());
  });

  it('should document every cargo CSV code and no retired one', () => {
    expect([...documented('PCS_CSV_')].sort()).toEqual(Object.keys(CARGO_CSV_ERRORS).sort());
  });
});
