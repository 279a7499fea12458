import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IDENTIFIER_ERRORS } from '../../domain/identifiers/identifier-errors.js';
import { X12_ERRORS } from '../x12/x12-errors.js';
import { EDIFACT_ERRORS } from './edifact-errors.js';

const doc = readFileSync(new URL('../../../docs/formats-x12-edifact.md', import.meta.url), 'utf8');
const documented = new Set([...doc.matchAll(/^\| `(PCS_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]!));

describe('error catalogues and docs/formats-x12-edifact.md', () => {
  const codes = [...Object.keys(X12_ERRORS), ...Object.keys(EDIFACT_ERRORS), ...Object.keys(IDENTIFIER_ERRORS)];

  it('should document every code the X12, EDIFACT and identifier catalogues define', () => {
    expect(codes.filter((c) => !documented.has(c))).toEqual([]);
  });

  it('should not document codes that no catalogue defines', () => {
    expect([...documented].filter((c) => !codes.includes(c))).toEqual([]);
  });
});
