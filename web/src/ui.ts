/** Pieces every view shares: the "as of" line, problem and empty messages, page headings. */
import type { Problem } from './api';
import { problemText } from './api';
import { h, timeElement } from './dom';
import { portTime } from './format';

/**
 * "As of <time> · Source: <source>": every figure says when it was true and where it comes from. Without a time
 * (nothing the figure counts has been reported yet) it says so in words, never "As of —".
 */
export function asOf(at: string | null, source: string): HTMLParagraphElement {
  return at === null
    ? h('p', { class: 'as-of', 'data-as-of': 'none' }, 'As of: no figure counted yet · Source: ', source)
    : h('p', { class: 'as-of' }, 'As of ', timeElement(at, portTime), ' · Source: ', source);
}

/** What a part of a view shows until the API answers (a busy server answered in seconds, and a blank looked broken). */
export function loading(what: string): HTMLParagraphElement {
  return h('p', { class: 'loading', 'data-testid': 'loading' }, `Loading ${what}…`);
}

export function problemMessage(problem: Problem, what: string): HTMLParagraphElement {
  const text =
    problem.status === 0
      ? `${what}: the server cannot be reached.`
      : problem.status === 401
        ? `${what}: your API key was not accepted; you are signed out.`
        : problem.status === 403
          ? `${what}: your organisation's key does not allow this (${problemText(problem)}).`
          : `${what}: ${problemText(problem)}`;
  return h('p', { class: 'problem', role: 'alert' }, text);
}

export function heading(title: string, intro?: string): HTMLElement[] {
  return [h('h1', { id: 'view-title' }, title), ...(intro ? [h('p', { class: 'intro' }, intro)] : [])];
}

/** Runs `task` now and every `ms` while the page is visible; returns the stop function. */
export function every(ms: number, task: () => Promise<void>): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    if (stopped) return;
    if (document.visibilityState === 'visible') await task();
    if (!stopped) timer = setTimeout(() => void run(), ms);
  };
  void run();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
