/**
 * The portal's only door to the server: same-origin fetches of the API with the signed-in organisation's key
 * (`Authorization: Bearer …`), answers as data or as the RFC 9457 problem the API sent.
 */
import { currentSession, signOut } from './session';

export interface ProblemFieldError {
  readonly pointer: string;
  readonly detail: string;
  readonly code?: string;
}

export interface Problem {
  readonly status: number;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: readonly ProblemFieldError[];
}

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly data: T }
  | { readonly ok: false; readonly status: number; readonly problem: Problem };

export type Query = Readonly<Record<string, string | number | undefined>>;

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function headers(key: string | null, accept: string): Record<string, string> {
  return key ? { authorization: `Bearer ${key}`, accept } : { accept };
}

async function request(path: string, query: Query, accept: string, key: string | null): Promise<Response> {
  const response = await fetch(apiUrl(path, query), { headers: headers(key, accept) });
  // The stored key was revoked (or the server's data directory changed): back to the public view.
  if (response.status === 401 && key !== null && key === currentSession().key) signOut();
  return response;
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

/** GET a JSON resource with the session's key (or `key`, when given: the sign-in check). */
export async function apiGet<T>(path: string, query: Query = {}, key = currentSession().key): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await request(path, query, 'application/json', key);
  } catch (error) {
    return {
      ok: false,
      status: 0,
      problem: { status: 0, title: 'The server cannot be reached', detail: String(error) },
    };
  }
  if (!response.ok) return { ok: false, status: response.status, problem: await problemOf(response) };
  return { ok: true, status: response.status, data: (await response.json()) as T };
}

/** GET an export (`format=csv`) and hand it to the browser as a download named `fileName`. */
export async function apiDownload(path: string, query: Query, fileName: string): Promise<ApiResult<number>> {
  let response: Response;
  try {
    response = await request(path, query, 'text/csv', currentSession().key);
  } catch (error) {
    return {
      ok: false,
      status: 0,
      problem: { status: 0, title: 'The server cannot be reached', detail: String(error) },
    };
  }
  if (!response.ok) return { ok: false, status: response.status, problem: await problemOf(response) };
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, status: response.status, data: blob.size };
}

/** One line for a problem: its detail (with the field pointers) or title. */
export function problemText(problem: Problem): string {
  const main = problem.detail ?? problem.title ?? `HTTP ${problem.status}`;
  // Field errors add what the detail does not already say (the API often repeats it per pointer).
  const extra = (problem.errors ?? []).filter((e) => !main.includes(e.detail)).map((e) => `${e.pointer}: ${e.detail}`);
  return extra.length > 0 ? `${main} (${extra.join('; ')})` : main;
}
