/**
 * A `preValidation` hook: a query or path parameter (name or value) holding U+0000 (`%00`) is refused with a
 * 400 pointing at it. PostgreSQL `text` cannot hold that character, so such a value would otherwise reach the
 * database and fail there as a 500; no route needs it. Installed once in `build-server.ts`.
 */
import type { FastifyRequest } from 'fastify';
import { ProblemError } from './problem.js';

const NUL = '\u0000';

export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  const found = [...withNul('query', request.query), ...withNul('params', request.params)];
  if (found.length === 0) return;
  throw new ProblemError(
    400,
    'PCS_API_VALIDATION',
    'Invalid request',
    `${found.join(', ')}: contains a NUL character (U+0000)`,
    found.map((pointer) => ({ pointer, detail: 'contains a NUL character (U+0000)' })),
  );
}

function withNul(part: 'query' | 'params', values: unknown): string[] {
  if (typeof values !== 'object' || values === null) return [];
  const pointers: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const texts: unknown[] = Array.isArray(value) ? value : [value];
    if (name.includes(NUL) || texts.some((t) => typeof t === 'string' && t.includes(NUL))) {
      pointers.push(`/${part}/${name.replaceAll(NUL, '\\u0000').replaceAll('~', '~0').replaceAll('/', '~1')}`);
    }
  }
  return pointers;
}
