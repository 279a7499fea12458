/**
 * Setup file of the `unit` project (vitest.config.ts), whose files share one module graph per worker: after each
 * file, fails it if it left the process other than it found it (environment, working directory, a global replaced
 * or removed, process listeners, fake timers), which the next file in the same worker would inherit.
 * test/support/isolation.ts keeps such files out of the project by their text; this catches what the text does not
 * show. A global a library defines when first imported (zod's registry) is part of the shared module graph, not a
 * change: only globals present before the file are watched.
 */
import { afterAll, expect, vi } from 'vitest';

const WATCHED_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection'] as const;

function listeners(): Record<string, number> {
  return Object.fromEntries(WATCHED_EVENTS.map((event) => [event, process.listenerCount(event)]));
}

const env = { ...process.env };
const cwd = process.cwd();
// Values, not descriptors: Node defines some globals (AbortController) as getters that turn into values when first read.
const global = globalThis as Record<string, unknown>;
const globals = new Map(Object.getOwnPropertyNames(globalThis).map((name) => [name, global[name]]));
const listening = listeners();

afterAll(() => {
  const message = 'a file of the shared-module (unit) project must leave the process as it found it';
  const changedGlobals = [...globals]
    .filter(([name, before]) => !(name in global) || !Object.is(global[name], before))
    .map(([name]) => name);
  expect(
    { env: process.env, cwd: process.cwd(), changedGlobals, listeners: listeners(), fakeTimers: vi.isFakeTimers() },
    message,
  ).toEqual({ env, cwd, changedGlobals: [], listeners: listening, fakeTimers: false });
});
