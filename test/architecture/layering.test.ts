/**
 * The layering of `src/` (docs/architecture.md, DESIGN §2): the domain is pure, lower layers never import upper
 * ones, and only the composition root and the adapters at the edge (API, CLI) know the whole platform.
 *
 * Imports that break a rule today are listed in KNOWN (issue 11 folds them); the test fails on any new one, and
 * also when a listed one is gone, so the list only shrinks. A wrong-way import added by mistake fails here with
 * the importing file and the rule it breaks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** `from './x.js'` and `import('./x.js')` targets of a file, as paths relative to src/ (.ts). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return targets.map((t) => relative(SRC, resolve(dirname(file), t)).replace(/\.js$/, '.ts'));
}

const top = (path: string): string => (path.includes('/') ? path.split('/')[0]! : path);

interface Rule {
  readonly name: string;
  /** Whether `from` (a path under src/) may not import `to`. */
  readonly forbids: (from: string, to: string) => boolean;
}

const LOWER_THAN_ADAPTERS = [
  'domain',
  'emissions',
  'geo',
  'access',
  'config',
  'store',
  'dcsa',
  'bus',
  'ingest',
  'projections',
  'subscriptions',
  'forecast',
];

const RULES: readonly Rule[] = [
  {
    name: 'domain is pure: it imports only domain',
    forbids: (from, to) => top(from) === 'domain' && top(to) !== 'domain',
  },
  {
    name: 'the emissions engine is pure: it imports only emissions and domain',
    forbids: (from, to) => top(from) === 'emissions' && !['emissions', 'domain'].includes(top(to)),
  },
  {
    name: 'only the API and the CLI import api/',
    forbids: (from, to) => top(to) === 'api' && !['api', 'cli'].includes(top(from)),
  },
  { name: 'only the CLI imports cli/', forbids: (from, to) => top(to) === 'cli' && top(from) !== 'cli' },
  {
    name: 'lower layers do not import the composition root (platform.ts)',
    forbids: (from, to) => to === 'platform.ts' && LOWER_THAN_ADAPTERS.includes(top(from)),
  },
  {
    name: 'the store does not import ingest, projections, subscriptions or the platform',
    forbids: (from, to) =>
      top(from) === 'store' && ['ingest', 'projections', 'subscriptions', 'platform.ts'].includes(top(to)),
  },
  {
    name: 'configuration reads the environment only: it imports domain and config',
    forbids: (from, to) => top(from) === 'config' && !['domain', 'config'].includes(top(to)),
  },
  {
    name: 'forecast models are pure: outside forecast/io/ they import only forecast and domain',
    forbids: (from, to) =>
      top(from) === 'forecast' && !from.startsWith('forecast/io/') && !['forecast', 'domain'].includes(top(to)),
  },
  {
    name: 'only the simulator and the CLI import sim/ (what a model or the API needs of it lives below it)',
    forbids: (from, to) => top(to) === 'sim' && !['sim', 'cli'].includes(top(from)),
  },
  {
    name: 'access rules do not import the store, ingest or projections',
    forbids: (from, to) => top(from) === 'access' && ['store', 'ingest', 'projections'].includes(top(to)),
  },
];

/** Wrong-way imports tolerated for now: none since issue 11 folded the ten found when this check was added. */
const KNOWN: ReadonlySet<string> = new Set<string>([]);

function violations(): string[] {
  const found: string[] = [];
  for (const file of sources(SRC)) {
    const from = relative(SRC, file);
    for (const to of importsOf(file)) {
      for (const rule of RULES) if (rule.forbids(from, to)) found.push(`${from} -> ${to} (${rule.name})`);
    }
  }
  return [...new Set(found)].sort();
}

describe('layering of src/', () => {
  const found = violations();

  it('should add no wrong-way import', () => {
    expect(found.filter((v) => !KNOWN.has(v))).toEqual([]);
  });

  it('should list only wrong-way imports that still exist (the list only shrinks)', () => {
    expect([...KNOWN].filter((v) => !found.includes(v))).toEqual([]);
  });
});
