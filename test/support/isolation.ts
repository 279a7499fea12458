/**
 * Which test files may share one module graph (vitest's `isolate: false`, the `unit` project of vitest.config.ts)
 * and which keep a fresh one each (the `isolated` project). Every file re-importing the source graph in its own
 * isolate cost the newcomer leg minutes of module imports; a file that only calls functions on values can reuse
 * the graph a previous file in the same worker already imported.
 *
 * The rule is read from each test file's text and from the test helpers it imports (relative imports outside
 * src/ and web/src/, followed transitively): a file is isolated when any rule below matches, else it shares.
 * So a new pure unit test joins the shared project by itself, and a file that starts to open a store, start a
 * server or process, or touch process-global state leaves it by itself. `// vitest: isolate` in a file keeps it
 * isolated for a reason the rules do not see. test/support/shared-module-guard.ts checks at run time, after each
 * shared file, that it left the process as it found it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface IsolationRule {
  readonly reason: string;
  readonly pattern: RegExp;
}

export const ISOLATION_RULES: readonly IsolationRule[] = [
  {
    reason: 'opens a store',
    pattern:
      /support\/(engines|test-platform)\.js'|@electric-sql\/pglite|from 'pg'|\bopenDatabase\(|\bopenPlatform\(|\bcreatePlatform\(/,
  },
  {
    reason: 'starts a server or a process',
    pattern:
      /support\/(server-process|mqtt-broker|sse-client)\.js'|api\/build-server\.js'|node:(child_process|worker_threads|cluster|http|https|net)'|\.listen\(|\bcreateServer\(/,
  },
  {
    reason: 'changes process-global state',
    pattern:
      /process\.env(\[[^\]]+\]|\.\w+)\s*(=(?!=)|\?\?=|\|\|=)|delete process\.env|Object\.assign\(process\.env|vi\.(stubEnv|stubGlobal)\b|process\.(on|once|off|chdir|exit|umask|setUncaughtExceptionCaptureCallback)\(|process\.exitCode\s*=|globalThis\.\w+\s*=(?!=)/,
  },
  { reason: 'mocks or spies on modules', pattern: /vi\.(mock|doMock|unmock|doUnmock|hoisted|spyOn|importMock)\b/ },
  { reason: 'fakes timers or the clock', pattern: /vi\.(useFakeTimers|setSystemTime)\b/ },
  { reason: 'asks for isolation', pattern: /\/\/ vitest: isolate\b/ },
];

/** `from './x.js'`, `import './x.js'` and `import('./x.js')` targets of a source text, relative specifiers only. */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
}

/**
 * Why `file` (absolute) must run isolated: `reason (path)` for each rule matched by the file or by a test helper
 * it imports, paths relative to `root`; empty when it may share a module graph. Imports under src/ and web/src/
 * are the code under test and not followed (importing the store's module does not open a store; the test file
 * or its helper calls it).
 */
export function isolationReasons(
  root: string,
  file: string,
  read: (path: string) => string | undefined = readIfAny,
): string[] {
  const reasons: string[] = [];
  const seen = new Set<string>();
  const queue = [file];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const text = read(path);
    // A specifier that names no file (a comment's example) is not an import.
    if (text === undefined) continue;
    const where = relative(root, path);
    for (const rule of ISOLATION_RULES) {
      if (rule.pattern.test(text)) reasons.push(`${rule.reason} (${where})`);
    }
    for (const specifier of relativeImports(text)) {
      const target = resolve(dirname(path), specifier).replace(/\.js$/, '.ts');
      const under = relative(root, target);
      if (under.startsWith('src/') || under.startsWith('web/src/')) continue;
      if (target.endsWith('.ts')) queue.push(target);
    }
  }
  return reasons;
}

function readIfAny(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The `*.test.ts` files under `dirs` (relative to root), as root-relative paths, sorted. */
export function testFiles(root: string, dirs: readonly string[]): string[] {
  return dirs
    .flatMap((dir) =>
      (readdirSync(join(root, dir), { recursive: true }) as string[])
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => join(dir, name).replaceAll('\\', '/')),
    )
    .sort();
}

/** The test files under `dirs` that may share a module graph (no isolation reason), root-relative. */
export function sharedModuleTests(root: string, dirs: readonly string[]): string[] {
  return testFiles(root, dirs).filter((file) => isolationReasons(root, join(root, file)).length === 0);
}
