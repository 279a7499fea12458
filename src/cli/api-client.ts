/**
 * The CLI as an HTTP client of a running `openpcs serve` (the trucker and cargo-owner commands, docs/truckers.md):
 * `--url` (env OPENPCS_URL) and `--key` (env OPENPCS_API_KEY) on each command, one GET at a time with a timeout,
 * answers checked against the API's own response schemas, and every failure a `CliError` the user can act on —
 * the server unreachable, the key refused (401/403), a value the server refused (400: the problem's detail and
 * pointers, exit status 2), anything else with its status and problem detail (exit status 1).
 */
import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { ProblemSchema } from '../api/problem.js';
import { CliError } from './cli-context.js';
import { EXIT_FAILED, EXIT_USAGE } from './exit-codes.js';

export const DEFAULT_SERVER_URL = 'http://localhost:8080';
const TIMEOUT_MS = 60_000;

export interface ApiFlags {
  readonly url: string;
  readonly key?: string | undefined;
}

/** Adds `--url` and `--key` to a command. */
export function withApiOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--url <url>', 'the openpcs server (env OPENPCS_URL)').env('OPENPCS_URL').default(DEFAULT_SERVER_URL),
    )
    .addOption(
      new Option('--key <apiKey>', "your organisation's API key (env OPENPCS_API_KEY)").env('OPENPCS_API_KEY'),
    );
}

/** Query values as the CLI has them: absent ones are left out. */
export type Query = Readonly<Record<string, string | number | undefined>>;

export interface ApiAnswer {
  readonly text: string;
  readonly contentType: string;
  readonly nextPageCursor: string | null;
}

export class ApiClient {
  private readonly base: URL;

  constructor(private readonly flags: ApiFlags) {
    if (!URL.canParse(flags.url) || !/^https?:$/.test(new URL(flags.url).protocol)) {
      throw new CliError(`--url ${flags.url} is not an http(s) URL`, EXIT_USAGE);
    }
    this.base = new URL(flags.url.endsWith('/') ? flags.url : `${flags.url}/`);
  }

  /** GET `path` with `query`; resolves with a 2xx answer, throws a `CliError` for everything else. */
  async get(path: string, query: Query, accept = 'application/json'): Promise<ApiAnswer> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept };
    if (this.flags.key !== undefined && this.flags.key !== '') headers.authorization = `Bearer ${this.flags.key}`;
    let res: Response;
    try {
      res = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new CliError(
        `cannot reach the openpcs server at ${this.base.origin} (${causeOf(error)}); is \`openpcs serve\` running ` +
          'there? (--url, env OPENPCS_URL)',
      );
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new CliError(`the server at ${this.base.origin} broke off its answer (${causeOf(error)})`);
    }
    if (res.ok) {
      return {
        text,
        contentType: res.headers.get('content-type') ?? '',
        nextPageCursor: res.headers.get('next-page-cursor'),
      };
    }
    throw refusal(res.status, text, this.flags.key);
  }

  /** GET a JSON answer and check it against the route's response schema. */
  async getJson<S extends z.ZodType>(path: string, query: Query, schema: S): Promise<z.infer<S>> {
    const answer = await this.get(path, query);
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      throw new CliError(`the server answered ${path} with something other than JSON`);
    }
    const checked = schema.safeParse(body);
    if (!checked.success) {
      throw new CliError(`the server's answer to ${path} is not what this openpcs version expects`);
    }
    return checked.data;
  }

  /**
   * Every page of a list resource (`{ <field>: [...], nextCursor }`), following `nextCursor` until the list ends
   * or `max` items came.
   */
  async allPages<T>(
    path: string,
    query: Query,
    page: z.ZodType<{ items: T[]; nextCursor: string | null }>,
    max: number,
  ): Promise<{ items: T[]; more: boolean }> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (;;) {
      const limit = Math.min(1000, max - items.length);
      const got = await this.getJson(path, { ...query, limit, cursor }, page);
      items.push(...got.items);
      if (got.nextCursor === null) return { items, more: false };
      if (items.length >= max) return { items, more: true };
      cursor = got.nextCursor;
    }
  }

  /** Every page of a list resource as CSV: the header once, then the rows of each page (`Next-Page-Cursor`). */
  async csvPages(path: string, query: Query, max: number): Promise<{ csv: string; more: boolean }> {
    let csv = '';
    let rows = 0;
    let cursor: string | undefined;
    for (;;) {
      const limit = Math.min(1000, max - rows);
      const answer = await this.get(path, { ...query, limit, cursor, format: 'csv' }, 'text/csv');
      const lines = answer.text.split(/\r?\n/).filter((line) => line !== '');
      const [header, ...body] = lines;
      if (csv === '' && header !== undefined) csv = `${header}\n`;
      csv += body.map((line) => `${line}\n`).join('');
      rows += body.length;
      if (answer.nextPageCursor === null || answer.nextPageCursor === '') return { csv, more: false };
      if (rows >= max) return { csv, more: true };
      cursor = answer.nextPageCursor;
    }
  }
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
    return code;
  }
  return error.message;
}

/** The error for a non-2xx answer: the problem's title, detail and pointers when it is problem+json. */
function refusal(status: number, text: string, key: string | undefined): CliError {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const problem = ProblemSchema.safeParse(parsed);
  const lines: string[] = [];
  if (problem.success) {
    const p = problem.data;
    lines.push(`${status} ${p.title}${p.detail === undefined ? '' : `: ${p.detail}`} (${p.code})`);
    for (const e of p.errors ?? []) lines.push(`  ${e.pointer}: ${e.detail}`);
  } else {
    lines.push(`the server answered ${status}${text.trim() === '' ? '' : `: ${text.trim().slice(0, 200)}`}`);
  }
  if (status === 401) {
    lines.push(
      key === undefined || key === ''
        ? '  give your API key with --key or env OPENPCS_API_KEY'
        : '  the key was not accepted: check --key / OPENPCS_API_KEY (openpcs keys)',
    );
  }
  return new CliError(lines.join('\n'), status === 400 ? EXIT_USAGE : EXIT_FAILED);
}
