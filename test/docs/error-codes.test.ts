/**
 * The error catalogue (src/domain/errors/) is the one source of every code's status, title and text (STYLE §4):
 * docs/errors.md is generated from it, the source uses no code it lacks, and the format pages list only codes it has.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { problem } from '../../src/api/problem.js';
import {
  ERROR_CATALOGUE,
  ERROR_SECTIONS,
  type ErrorCode,
  type ProblemCode,
} from '../../src/domain/errors/catalogue.js';
import { renderErrorsDoc } from '../../src/domain/errors/render-errors-doc.js';
import type { Rejection } from '../../src/ingest/message-parser.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CODE = /\bPCS_[A-Z0-9]+(?:_[A-Z0-9]+)+\b/g;
const catalogued = new Set<string>(Object.keys(ERROR_CATALOGUE));

function files(dir: string, keep: (f: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, keep) : keep(path) ? [path] : [];
  });
}

const codesIn = (text: string): string[] => [...new Set([...text.matchAll(CODE)].map((m) => m[0]))];
/** Codes in the first column of a page's tables (`| \`PCS_…\` |`). */
const tableCodes = (page: string): string[] =>
  [...readFileSync(join(root, 'docs', page), 'utf8').matchAll(/^\| `(PCS_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);

describe('error catalogue', () => {
  it('should match docs/errors.md, status included (regenerate with npm run docs:errors)', () => {
    expect(readFileSync(join(root, 'docs/errors.md'), 'utf8')).toBe(renderErrorsDoc());
  });

  it('should hold each code once, in one section, named PCS_<AREA>_<WHAT>, with an error status', () => {
    const listed = ERROR_SECTIONS.flatMap((s) => Object.keys(s.errors));
    expect(listed.length).toBe(new Set(listed).size);
    expect([...listed].sort()).toEqual([...catalogued].sort());
    for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^PCS_[A-Z0-9]+(_[A-Z0-9]+)+$/);
      if (typeof spec.status === 'number') expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.title.length).toBeGreaterThan(0);
      expect(spec.text.length).toBeGreaterThan(spec.title.length / 2);
    }
  });

  it('should list every code the source names (a code typed outside the catalogue fails here)', () => {
    const source = files(join(root, 'src'), (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const unknown = source.flatMap((f) => codesIn(readFileSync(f, 'utf8')).filter((c) => !catalogued.has(c)));
    expect(unknown.sort()).toEqual([]);
  });

  it('should have no page of docs/ name a code the catalogue does not have (retired or misspelt)', () => {
    const pages = files(join(root, 'docs'), (f) => f.endsWith('.md'));
    const unknown = pages.flatMap((f) => codesIn(readFileSync(f, 'utf8')).map((c) => `${f}: ${c}`));
    expect(unknown.filter((entry) => !catalogued.has(entry.split(': ')[1]!))).toEqual([]);
  });

  it("should have every parser's codes in its format page", () => {
    const formatPages = ['ais.md', 'formats-csv-vessel-schedule.md', 'formats-dcsa-csv.md', 'formats-x12-edifact.md'];
    const documented = new Set(formatPages.flatMap(tableCodes));
    const parserCodes = Object.keys(ERROR_CATALOGUE).filter((c) => /^PCS_(AIS|CSV|DCSA|X12|EDIFACT|ID)_/.test(c));
    const apiCodes = [
      'PCS_DCSA_CURSOR_FILTER_MISMATCH',
      'PCS_DCSA_SUBSCRIPTION_NOT_FOUND',
      'PCS_DCSA_EVENT_NOT_FOUND',
      'PCS_DCSA_BAD_SORT',
    ];
    expect(parserCodes.filter((c) => !documented.has(c) && !apiCodes.includes(c))).toEqual([]);
  });
});

describe('problems built from the catalogue', () => {
  it('should take status, title and default detail from the code', () => {
    const answer = problem('PCS_CARGO_VISIT_AMBIGUOUS').toProblem('/truck-visits/V1');
    expect(answer).toMatchObject({
      status: 409,
      title: 'Visit id used at several terminals',
      detail: ERROR_CATALOGUE.PCS_CARGO_VISIT_AMBIGUOUS.text,
      code: 'PCS_CARGO_VISIT_AMBIGUOUS',
      type: 'https://openpcs.dev/problems/pcs-cargo-visit-ambiguous',
    });
    expect(problem('PCS_ID_CONTAINER_CHECK_DIGIT', 'bad check digit').toProblem('/c')).toMatchObject({
      status: 400,
      detail: 'bad check digit',
    });
  });

  it('should not compile with a code outside the catalogue, nor answer with a dead-letter or start-up code', () => {
    // @ts-expect-error: not a catalogued code
    expect(() => problem('PCS_NOT_A_CODE')).toThrow(TypeError);
    expectTypeOf<'PCS_INGEST_PARSER_CRASH'>().not.toExtend<ProblemCode>();
    expectTypeOf<'PCS_CONFIG_INVALID'>().not.toExtend<ProblemCode>();
    expectTypeOf<'PCS_INGEST_PARSER_CRASH'>().toExtend<ErrorCode>();
    // @ts-expect-error: a parser may reject only with a catalogued code
    const rejection: Rejection = { code: 'PCS_CSV_TYPO', message: 'x' };
    expect(catalogued.has(rejection.code)).toBe(false);
  });
});
